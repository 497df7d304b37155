package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// blank as it was before it decoded only the lead bytes of white space,
// kept so that a differential test can compare the two; it stood for
// strings.TrimSpace(s) == "" in the grid and the .docx reader, which
// the test checks too.

// prevBlank reports whether a cell's text is only white space. Most cells
// are decided by their first byte (a digit, a letter, a Han character's
// lead byte); only text past ASCII white space is decoded.
func prevBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
		case c < utf8.RuneSelf:
			return false
		default:
			return strings.TrimFunc(s[i:], unicode.IsSpace) == ""
		}
	}
	return true
}

// sameBlank fails unless blank, prevBlank and strings.TrimSpace agree on s.
func sameBlank(t testing.TB, s string) {
	t.Helper()
	if got, want, trim := blank(s), prevBlank(s), strings.TrimSpace(s) == ""; got != want || got != trim {
		t.Fatalf("%q: blank %v, before %v, TrimSpace %v", s, got, want, trim)
	}
}

// TestBlankSame: blank says what it said before, and what TrimSpace says,
// of every rune alone and after or before white space, and of every short
// sequence of white space, other characters and broken sequences.
func TestBlankSame(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune+1; r++ {
		c := string(r)
		sameBlank(t, c)
		sameBlank(t, " "+c)
		sameBlank(t, c+"\u3000")
		sameBlank(t, "\u00a0"+c+"\t")
	}
	pieces := []string{" ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028",
		"\u2029", "\u202f", "\u205f", "\u3000", "\u200b", "\ufeff", "a", "0", "中", "\xc2", "\xe1", "\xe2\x80", "\xe3\x80", "\x80", "\xff"}
	n := eachSequence("", pieces, 4, func(b []byte) { sameBlank(t, string(b)) })
	t.Logf("%d sequences", n)
}

// FuzzBlankSame: of any text, blank says what it said before and what
// TrimSpace says.
func FuzzBlankSame(f *testing.F) {
	f.Add(" \u3000\u00a0中")
	f.Add("\xe2\x80\xa8\xe3\x80")
	f.Fuzz(func(t *testing.T, s string) {
		sameBlank(t, s)
	})
}
