package transform

import (
	"testing"
	"unicode/utf8"
)

// oldSpaceLen is spaceLen as it was, decoding every character after a
// lead byte a space can have.
func oldSpaceLen(s string) int {
	c := s[0]
	if c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	if !spaceLead[c] {
		return 0
	}
	if c == 0xe3 && len(s) >= 3 && s[1] == 0x80 && s[2] == 0x80 {
		return 3
	}
	if r, n := utf8.DecodeRuneInString(s); isSpace(r) {
		return n
	}
	return 0
}

// sameSpaceLen compares spaceLen with oldSpaceLen on s and on each of
// its shorter prefixes, where a character may be cut.
func sameSpaceLen(t testing.TB, s string) {
	t.Helper()
	for k := len(s); k > 0; k-- {
		if got, want := spaceLen(s[:k]), oldSpaceLen(s[:k]); got != want {
			t.Fatalf("spaceLen(%q) = %d, was %d", s[:k], got, want)
		}
	}
}

// TestSpaceLenSame compares them on every character, followed by a
// character that is no space and by one that is, and on every sequence
// of three bytes that opens with a byte from 0x80 on (invalid UTF-8,
// cut characters and all).
func TestSpaceLenSame(t *testing.T) {
	spaces := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		s := string(r)
		sameSpaceLen(t, s+"a")
		sameSpaceLen(t, s+"\u00a0")
		if spaceLen(s) > 0 {
			spaces++
		}
	}
	if spaces < 25 {
		t.Fatalf("only %d characters are spaces: the comparison missed them", spaces)
	}
	b := []byte{0, 0, 0}
	for c := 0x80; c < 0x100; c++ {
		for b1 := 0; b1 < 0x100; b1++ {
			for b2 := 0; b2 < 0x100; b2++ {
				b[0], b[1], b[2] = byte(c), byte(b1), byte(b2)
				s := string(b)
				if got, want := spaceLen(s), oldSpaceLen(s); got != want {
					t.Fatalf("spaceLen(%q) = %d, was %d", s, got, want)
				}
			}
		}
	}
}

// FuzzSpaceLenSame compares them on any text.
func FuzzSpaceLenSame(f *testing.F) {
	for _, s := range []string{"\u00a00", "\u3000（一）", "\ufeff", "\u2003", "\u1680", "\u00ad", "\xc2", "\xe3\x80", "（", "\u200b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s != "" {
			sameSpaceLen(t, s)
		}
	})
}
