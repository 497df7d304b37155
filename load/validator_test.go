package load

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/gc/gctest"
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
	i := oldASCIIPrefix(x)
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

// oldASCIIPrefix is asciiPrefix before it read whole words (the eight bytes
// at a time were eight loads) and the last bytes of a string as one.
func oldASCIIPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
	}
	return i
}

// TestASCIIPrefixSameAsBefore: for every length to 70 and every position
// of a byte >= 0x80 (one, or two with ASCII between), at every offset in
// a larger string, asciiPrefix gives what oldASCIIPrefix gives.
func TestASCIIPrefixSameAsBefore(t *testing.T) {
	buf := []byte(strings.Repeat("abcdefgh", 12))
	check := func(s string) {
		if got, want := asciiPrefix(s), oldASCIIPrefix(s); got != want {
			t.Fatalf("asciiPrefix(%q) = %d, before %d", s, got, want)
		}
	}
	for off := range 8 {
		for n := 0; n <= 70; n++ {
			s := buf[off : off+n]
			check(string(s))
			for i := range n {
				for _, b := range []byte{0x80, 0xe5, 0xff} {
					c := append([]byte(nil), s...)
					c[i] = b
					check(string(c))
					if i+9 < n {
						c[i+9] = 0xc0
						check(string(c))
					}
				}
			}
		}
	}
}

// FuzzASCIIPrefixSameAsBefore: asciiPrefix gives what oldASCIIPrefix
// gives on any string, and on each of its suffixes.
func FuzzASCIIPrefixSameAsBefore(f *testing.F) {
	f.Add("abcdefghijklmnopq\xffrs")
	f.Add("一、本年新收")
	f.Add("0123456789abcdef0123456")
	f.Fuzz(func(t *testing.T, s string) {
		for i := range min(len(s), 24) + 1 {
			if got, want := asciiPrefix(s[i:]), oldASCIIPrefix(s[i:]); got != want {
				t.Fatalf("asciiPrefix(%q) = %d, before %d", s[i:], got, want)
			}
		}
	})
}

// BenchmarkASCIIPrefix looks over the ASCII strings of a template report's
// cells (cell codes, applicants, raw numbers) and a label.
func BenchmarkASCIIPrefix(b *testing.B) {
	p := catalogueReport(1, 0)
	var ss []string
	var n int64
	for _, a := range p.Applications {
		ss = append(ss, a.Cell, a.Applicant, a.Outcome, a.Raw, a.Label)
		n += int64(len(a.Cell) + len(a.Applicant) + len(a.Outcome) + len(a.Raw) + len(a.Label))
	}
	for _, c := range []struct {
		name string
		f    func(string) int
	}{{"old", oldASCIIPrefix}, {"new", asciiPrefix}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(n)
			b.ReportAllocs()
			defer gctest.ReportCPU(b)()
			sum := 0
			for range b.N {
				for _, s := range ss {
					sum += c.f(s)
				}
			}
			if sum == 0 {
				b.Fatal("no prefix")
			}
		})
	}
}

// TestValidatorPoolKeepsNoReport: a validator put back in the pool holds
// no pointer into the strings of the report it checked (which may be
// pieces of a whole document's text).
func TestValidatorPoolKeepsNoReport(t *testing.T) {
	text := strings.Repeat("某市人民政府办公室", 100)
	p := &schemas.Parsed{Report: schemas.Report{ReportID: text[60:90], SourcePath: text[:30]}}
	var bad escaped
	escapeInvalid(p, &bad)
	v := validators.Get().(*validator)
	defer validators.Put(v)
	if v.ptr != ([len(sanitizeCols)]*byte{}) {
		t.Errorf("a pooled validator points at the last report's strings: %v", v.ptr)
	}
	for i, l := range v.last {
		if len(l) != 0 {
			t.Errorf("a pooled validator keeps column %d's last string %q", i, l)
		}
	}
}

// catalogueStrings are the codes of the catalogue as its variables and
// functions hand them out (views of its code text, which sanitizeRows
// passes over by their address), and strings that are not: the labels,
// equal copies of codes, a cell the catalogue lacks, text that is not
// UTF-8.
func catalogueStrings() []string {
	var ss []string
	for _, o := range schemas.Outcomes(false) {
		ss = append(ss, o.Code.Code, o.Code.Label)
		for _, a := range schemas.Applicants {
			ss = append(ss, schemas.ApplicationCell(o.Code.Code, a.Code))
		}
	}
	for _, a := range schemas.Applicants {
		ss = append(ss, a.Code, strings.Clone(a.Code))
	}
	for _, p := range schemas.Proceedings {
		for _, o := range schemas.AppealOutcomes {
			ss = append(ss, schemas.AppealCell(p.Code, o.Code), o.Code)
		}
	}
	for _, it := range schemas.Disclosures2021 {
		for _, m := range it.Metrics {
			ss = append(ss, it.Code.Code, m.Code.Code, schemas.DisclosureCell(it.Code.Code, m))
		}
	}
	return append(ss, schemas.ApplicationCell("granted\xff", "total"), "total\xe5", "\xc0\x80", "")
}

// codesReport is a report whose rows' strings, codes and others alike,
// next hands out in turn.
func codesReport(next func() string) *schemas.Parsed {
	p := &schemas.Parsed{Report: schemas.Report{ReportID: next(), SourcePath: next()}}
	for range 4 {
		p.Applications = append(p.Applications, schemas.Application{ReportID: p.Report.ReportID, Cell: next(),
			Outcome: next(), Applicant: next(), Label: next(), Raw: next()})
		p.Disclosures = append(p.Disclosures, schemas.Disclosure{Cell: next(), Item: next(), Metric: next(),
			Label: next(), Raw: next()})
		p.Appeals = append(p.Appeals, schemas.Appeal{Cell: next(), Proceeding: next(), Outcome: next(), Raw: next()})
	}
	p.Findings = append(p.Findings, schemas.Finding{Cell: next(), Message: next()})
	return p
}

// checkSanitizeSame fails where sanitize leaves the report of next other
// than refSanitize does.
func checkSanitizeSame(t *testing.T, next func() []string) {
	t.Helper()
	ss := next()
	build := func() *schemas.Parsed {
		k := 0
		return codesReport(func() string { s := ss[k%len(ss)]; k++; return s })
	}
	got, want := build(), build()
	sanitize(got)
	refSanitize(want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("sanitize differs from before:\n got %+v\nwant %+v", got, want)
	}
}

// TestSanitizeCodesSameAsBefore: reports whose columns hold the
// catalogue's codes, pieces of them (from its code text too), labels,
// copies and invalid text, in any column, are left by sanitize as
// refSanitize leaves them.
func TestSanitizeCodesSameAsBefore(t *testing.T) {
	pool := catalogueStrings()
	for seed := uint64(0); seed < 300; seed++ {
		r := rand.New(rand.NewPCG(seed, 5))
		checkSanitizeSame(t, func() []string {
			var ss []string
			for range 80 {
				s := pool[r.IntN(len(pool))]
				if i := r.IntN(len(s) + 1); r.IntN(4) == 0 {
					s = s[i:]
				}
				ss = append(ss, s)
			}
			return ss
		})
	}
}

// FuzzSanitizeCodesSameAsBefore: each pair of input bytes picks a string
// of catalogueStrings and a piece of it, or else the input's own next
// bytes, for the columns of a report in turn, and sanitize leaves the
// report as refSanitize does.
func FuzzSanitizeCodesSameAsBefore(f *testing.F) {
	f.Add([]byte{0, 0, 1, 3, 2, 0, 255, 7})
	f.Add([]byte("s3.granted.total\xff\x01\x02"))
	pool := catalogueStrings()
	f.Fuzz(func(t *testing.T, b []byte) {
		checkSanitizeSame(t, func() []string {
			ss := []string{""}
			for i := 0; i+1 < len(b); i += 2 {
				s := pool[int(b[i])%len(pool)]
				switch k := int(b[i+1]); {
				case k < 128:
					s = s[k%(len(s)+1):]
				case k < 192:
					s = s[:k%(len(s)+1)]
				default:
					s = string(b[i : i+1+k%min(8, len(b)-i)])
				}
				ss = append(ss, s)
			}
			return ss
		})
	})
}
