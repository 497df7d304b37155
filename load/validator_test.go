package load

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
)

// oldValidator is the validator before it passed over, by address, the
// string it checked last in a column: every string is looked at.
type oldValidator struct {
	last [len(sanitizeCols)][]byte
	bad  *escaped
}

func (v *oldValidator) fix(col int, s *string) {
	if s == nil {
		return
	}
	x := *s
	i := asciiPrefix(x)
	if i == len(x) {
		return
	}
	if last := v.last[col]; len(last) == len(x) && string(last) == x {
		return
	}
	if utf8.ValidString(x[i:]) {
		if len(x) <= maxRemembered {
			v.last[col] = append(v.last[col][:0], x...)
		}
		return
	}
	*s = schemas.EscapeUTF8(x)
	v.bad[col] = true
}

// fixCall is one string handed to a validator's fix, in a column.
type fixCall struct {
	col int
	s   string
}

// checkFixSameAsBefore hands calls, in order, to a new validator and to
// oldValidator, and fails where a string or the columns flagged differ.
func checkFixSameAsBefore(t *testing.T, calls []fixCall) {
	t.Helper()
	var gotBad, wantBad escaped
	v := &validator{bad: &gotBad}
	old := &oldValidator{bad: &wantBad}
	for i, c := range calls {
		got, want := c.s, c.s
		v.fix(c.col, &got)
		old.fix(c.col, &want)
		if got != want {
			t.Fatalf("call %d (column %d, %q): fix gives %q, before %q", i, c.col, c.s, got, want)
		}
	}
	if gotBad != wantBad {
		t.Fatalf("columns flagged %v, before %v", gotBad, wantBad)
	}
}

// views cuts strings out of one buffer, as a parser's rows are views of
// a document: the same bytes under the same address, a shorter or longer
// string from the same address, an equal string at another address.
func views(r *rand.Rand, n int) []string {
	buf := "一、本年新收政府信息公开申请数量abc\xff123\xe5\xb9一、本年新收0123456789abcdef\xc0\x80行政许可"
	var out []string
	for range n {
		i := r.IntN(len(buf))
		j := i + r.IntN(min(24, len(buf)-i)+1)
		out = append(out, buf[i:j])
	}
	// equal strings at other addresses
	for _, s := range out[:n/4] {
		out = append(out, strings.Clone(s))
	}
	return out
}

// TestValidatorFixSameAsBefore: over long runs of strings cut from one
// buffer (valid, invalid, ASCII, empty; the same string again, one of the
// same address and another length, an equal one elsewhere), in columns
// that interleave, the validator escapes and flags what oldValidator
// does. Each run is one report: the validator is not reset within it.
func TestValidatorFixSameAsBefore(t *testing.T) {
	for seed := uint64(0); seed < 200; seed++ {
		r := rand.New(rand.NewPCG(seed, 3))
		pool := views(r, 40)
		cols := 1 + r.IntN(4)
		var calls []fixCall
		for range 400 {
			s := pool[r.IntN(len(pool))]
			if r.IntN(3) == 0 && len(calls) > 0 {
				s = calls[len(calls)-1].s // the row before's string again
			}
			calls = append(calls, fixCall{col: r.IntN(cols), s: s})
		}
		checkFixSameAsBefore(t, calls)
	}
}

// FuzzValidatorFixSameAsBefore: the input, cut at '|' into strings that
// share its memory (each used twice, and once from the same address one
// byte shorter), handed to fix in two columns, gives what oldValidator
// gives.
func FuzzValidatorFixSameAsBefore(f *testing.F) {
	f.Add([]byte("abc\xff|abc|一、本年|一、本年\xe5|\xe5\xb9||x"))
	f.Add([]byte("ok|ok\xff|ok"))
	f.Fuzz(func(t *testing.T, b []byte) {
		in := string(b)
		var calls []fixCall
		for i, s := range strings.Split(in, "|") {
			calls = append(calls, fixCall{i % 2, s}, fixCall{i % 2, s})
			if len(s) > 0 {
				calls = append(calls, fixCall{i % 2, s[:len(s)-1]}, fixCall{i % 2, s})
			}
		}
		checkFixSameAsBefore(t, calls)
	})
}
