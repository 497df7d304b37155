package extract

import (
	"strconv"
	"strings"
	"testing"
)

// prevUnescapeJS is unescapeJS as it was before it copied the text
// between escapes a run at a time and read hexadecimal digits itself: the
// reference its results must equal. Its \u escapes go through the same
// unicodeEscape, whose only change, hexAt, is compared with prevHexAt at
// every offset of the same inputs (sameHex).
func prevUnescapeJS(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b', 'f', 'v':
			b.WriteByte(' ')
		case '0':
			b.WriteByte(' ')
		case '\n':
		case 'x':
			if v, ok := prevHexAt(s, i+1, 2); ok {
				b.WriteRune(rune(v))
				i += 2
			} else {
				b.WriteString(`\x`)
			}
		case 'u':
			r, n := unicodeEscape(s, i+1)
			if n == 0 {
				b.WriteString(`\u`)
				continue
			}
			b.WriteRune(r)
			i += n
		default:
			b.WriteByte(e)
		}
	}
	return b.String()
}

func prevHexAt(s string, i, n int) (uint32, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+n], 16, 32)
	if err != nil {
		return 0, false
	}
	return uint32(v), true
}

// FuzzUnescapeJSSameAsBefore: unescapeJS gives what prevUnescapeJS gave,
// on any text, escapes broken at every place included.
func FuzzUnescapeJSSameAsBefore(f *testing.F) {
	for _, s := range []string{`a\nb`, `\u003ctd\u003e`, `\x3c\xZZ\x`, `\ud83d\ude00\ud800x`, `\u{1F600}\u{}\u{110000}`,
		`end\`, `\\\\u003c`, `\u00e9\U0041\u004G`, "\\\n\\\x80\\é", `\u12`} {
		f.Add(s)
	}
	for _, s := range crawled(reportPage()[:800]) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := unescapeJS(s), prevUnescapeJS(s); got != want {
			t.Fatalf("unescapeJS(%q) = %q, before %q", s, got, want)
		}
		sameHex(t, s)
	})
}

// TestUnescapeJSSameAsBefore runs the fuzz seeds and every crawled page of
// the test report through both, and texts of escapes cut at every length.
func TestUnescapeJSSameAsBefore(t *testing.T) {
	var ins []string
	for _, s := range crawled(reportPage()) {
		ins = append(ins, s)
	}
	esc := `\u4e2d\x3c\ud83d\ude00\u{1F600}\n\\"`
	for i := range len(esc) + 1 {
		ins = append(ins, esc[:i], "a"+esc[i:], esc[:i]+"é")
	}
	for _, s := range ins {
		if got, want := unescapeJS(s), prevUnescapeJS(s); got != want {
			t.Errorf("unescapeJS(%q) = %q, before %q", s, got, want)
		}
		sameHex(t, s)
	}
}

// sameHex fails unless hexAt reads what strconv read (prevHexAt) for each
// width unescapeJS and unicodeEscape ask for, at every offset of s.
func sameHex(t *testing.T, s string) {
	t.Helper()
	for i := range len(s) + 1 {
		for _, n := range []int{2, 4} {
			v, ok := hexAt(s, i, n)
			pv, pok := prevHexAt(s, i, n)
			if v != pv || ok != pok {
				t.Fatalf("hexAt(%q, %d, %d) = %d, %v; strconv read %d, %v", s, i, n, v, ok, pv, pok)
			}
		}
	}
}
