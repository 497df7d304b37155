package pipeline

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// derivedCases are values and what they are derived from as a row has
// them: a cell's parts at the catalogue's address, copies of them, the
// start of one (the same address, fewer bytes), another catalogue string,
// and empty strings at different addresses.
func derivedCases() [][2]string {
	var seq [][2]string
	empty := "x"[:0]
	for k, s := range codecStrings {
		p := codecParts[k+1]
		c := strings.Clone(s)
		seq = append(seq,
			[2]string{s, ""}, [2]string{p[0], p[0]}, [2]string{p[1], p[1]},
			[2]string{strings.Clone(p[0]), p[0]}, [2]string{p[1], strings.Clone(p[1])},
			[2]string{s, s}, [2]string{c, s}, [2]string{s[:len(s)/2], s}, [2]string{s, s[:len(s)/2]},
			[2]string{s, codecStrings[(k+1)%len(codecStrings)]}, [2]string{"", ""}, [2]string{empty, ""},
			[2]string{"", empty}, [2]string{empty, s[:0]}, [2]string{s[:0], ""}, [2]string{"", s},
			[2]string{c + "x", c}, [2]string{c, c + "x"}, [2]string{"-", ""}, [2]string{"", "-"})
	}
	return seq
}

// TestEncStrDerivedSameAsRef: str, which tells a value derived at the
// derived string's address before its call to strAny, writes what refStr
// writes for values equal to what they derive from or not, at the same
// address or another, of the same length or not, through one encoder.
func TestEncStrDerivedSameAsRef(t *testing.T) {
	sameAsRef(t, derivedCases())
	ps, _ := generatedParses(t, 50)
	for _, p := range ps {
		sameAsRef(t, strsOf(p))
	}
}

// FuzzEncStrDerived: a sequence of strings and what each derives from,
// written by str as refStr writes it. Each part is "v=d"; a one-byte v or
// d below 0x1c picks a catalogue string, "\x1e" and "\x1f" the value or
// the derived string before as the same string, "\x1d" the value before
// cut in half (the same address, fewer bytes), "\x1c" a copy of the
// derived string of the same part.
func FuzzEncStrDerived(f *testing.F) {
	f.Add([]byte("\x01=\x01|\x02=\x1e|abc=abc|\x1f=\x05|\x1d=\x1e"))
	f.Add([]byte("=|x=|=x|\x1c=\x03|\x03=\x1c"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var seq [][2]string
		pick := func(part []byte, other string) string {
			s := string(part)
			n := len(seq)
			switch {
			case len(part) == 1 && part[0] < 0x1c:
				s = codecStrings[int(part[0])*7%len(codecStrings)]
			case len(part) == 1 && part[0] == 0x1c:
				s = strings.Clone(other)
			case len(part) == 1 && part[0] == 0x1d && n > 0:
				s = seq[n-1][0][:len(seq[n-1][0])/2]
			case len(part) == 1 && part[0] >= 0x1e && part[0] < 0x20 && n > 0:
				s = seq[n-1][part[0]&1]
			}
			return s
		}
		for _, part := range bytes.Split(b, []byte("|")) {
			v, d, _ := bytes.Cut(part, []byte("="))
			ds := pick(d, "")
			vs := pick(v, ds)
			if len(d) == 1 && d[0] == 0x1c {
				ds = strings.Clone(vs)
			}
			seq = append(seq, [2]string{vs, ds})
		}
		sameAsRef(t, seq)
	})
}

// rawCases are raw texts to try with the count n: its digits, the digits
// of its neighbours, with a leading zero, a sign or a space, and every
// one- and two-byte text of the characters a count's digits start with.
func rawCases(n int64) []string {
	d := strconv.FormatInt(n, 10)
	vs := []string{"", d, "0" + d, "+" + d, " " + d, d + " ", d[:len(d)-1], strconv.FormatInt(n+1, 10), strconv.FormatInt(n-1, 10), strconv.FormatInt(n*10, 10)}
	for a := byte(','); a <= ':'; a++ {
		vs = append(vs, string([]byte{a}))
		for b := byte(','); b <= ':'; b++ {
			vs = append(vs, string([]byte{a, b}))
		}
	}
	return vs
}

// sameRaw fails when raw(v, n) writes other bytes than refRaw, after a
// last raw text written in full that is none, v itself, a copy of v, or
// another text.
func sameRaw(t *testing.T, v string, n *int64) {
	t.Helper()
	for _, last := range []string{"", v, strings.Clone(v), v + "x", "-"} {
		e := &enc{b: []byte{7}, raw0: last}
		e.raw(v, n)
		if want := refRaw([]byte{7}, v, n, last); !bytes.Equal(e.b, want) {
			t.Fatalf("raw(%q, %s) after %q wrote %x, want %x", v, rawOf(n), last, e.b, want)
		}
	}
}

// TestEncRawSmallSameAsStr: raw, which compares a count below 100 with
// the raw text's one or two bytes, writes what refRaw writes, with rawOf's
// string as the derived value, for every count from -120 to 1 200 and the
// extremes, and every raw text of rawCases.
func TestEncRawSmallSameAsStr(t *testing.T) {
	counts := []int64{1<<63 - 1, -1 << 63, 1 << 40}
	for n := int64(-120); n <= 1200; n++ {
		counts = append(counts, n)
	}
	for _, n := range counts {
		for _, v := range rawCases(n) {
			sameRaw(t, v, &n)
		}
	}
	for _, v := range rawCases(0) {
		sameRaw(t, v, nil)
	}
}

func FuzzEncRawSameAsStr(f *testing.F) {
	f.Add("7", int64(7), false)
	f.Add("42", int64(42), false)
	f.Add("4", int64(42), false)
	f.Add("-", int64(253), false)
	f.Add("", int64(0), true)
	f.Fuzz(func(t *testing.T, v string, n int64, none bool) {
		if none {
			sameRaw(t, v, nil)
			return
		}
		sameRaw(t, v, &n)
		d := strconv.FormatInt(n, 10)
		sameRaw(t, d, &n)
		sameRaw(t, v+d, &n)
	})
}
