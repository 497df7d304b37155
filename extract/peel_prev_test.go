package extract

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// prevUnescapeJS is unescapeJS as it was before it copied the text
// between escapes a run at a time and read hexadecimal digits itself:
// the reference its results must equal.
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
			r, n := prevUnicodeEscape(s, i+1)
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

func prevUnicodeEscape(s string, i int) (rune, int) {
	if i < len(s) && s[i] == '{' {
		end := strings.IndexByte(s[i:], '}')
		if end < 2 || end > 7 {
			return 0, 0
		}
		v, err := strconv.ParseUint(s[i+1:i+end], 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return 0, 0
		}
		return rune(v), end + 1
	}
	v, ok := prevHexAt(s, i, 4)
	if !ok {
		return 0, 0
	}
	r := rune(v)
	if r >= 0xD800 && r < 0xDC00 && i+10 <= len(s) && s[i+4] == '\\' && s[i+5] == 'u' {
		if lo, ok := prevHexAt(s, i+6, 4); ok && lo >= 0xDC00 && lo < 0xE000 {
			return 0x10000 + (r-0xD800)<<10 + rune(lo-0xDC00), 10
		}
	}
	if r >= 0xD800 && r < 0xE000 {
		return utf8.RuneError, 4
	}
	return r, 4
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
	}
}
