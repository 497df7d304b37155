package transform

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// oldTrimLeftSpace, oldTrimRightSpace and oldIsBlankLoop are the trims and
// isBlank as they were, asking spaceLen (or decoding) of every character
// they meet; TestTrimsSame compares them with the ones that decide their
// inputs' most common first and last bytes inline.
func oldTrimLeftSpace(s string) string {
	for len(s) > 0 {
		n := spaceLen(s)
		if n == 0 {
			break
		}
		s = s[n:]
	}
	return s
}

func oldTrimRightSpace(s string) string {
	for len(s) > 0 {
		if c := s[len(s)-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			s = s[:len(s)-1]
			continue
		}
		k := len(s) - 1
		for k > 0 && k > len(s)-utf8.UTFMax && !utf8.RuneStart(s[k]) {
			k--
		}
		if !spaceLead[s[k]] {
			break
		}
		r, n := utf8.DecodeLastRuneInString(s)
		if !isSpace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

func oldIsBlankLoop(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				return false
			}
			i++
			continue
		}
		n := spaceLen(s[i:])
		if n == 0 {
			return false
		}
		i += n
	}
	return true
}

// sameTrims compares the trims and isBlank with the old ones, and with
// the strings functions with isSpace they stand for, on s.
func sameTrims(t testing.TB, s string) {
	t.Helper()
	if got, want := trimLeftSpace(s), oldTrimLeftSpace(s); got != want || got != strings.TrimLeftFunc(s, isSpace) {
		t.Fatalf("trimLeftSpace(%q) = %q, was %q", s, got, want)
	}
	if got, want := trimRightSpace(s), oldTrimRightSpace(s); got != want || got != strings.TrimRightFunc(s, isSpace) {
		t.Fatalf("trimRightSpace(%q) = %q, was %q", s, got, want)
	}
	if got, want := trimSpace(s), oldTrimRightSpace(oldTrimLeftSpace(s)); got != want {
		t.Fatalf("trimSpace(%q) = %q, was %q", s, got, want)
	}
	if got, want := isBlank(s), oldIsBlankLoop(s); got != want || got != (strings.IndexFunc(s, func(r rune) bool { return !isSpace(r) }) < 0) {
		t.Fatalf("isBlank(%q) = %v, was %v", s, got, want)
	}
}

// TestTrimsSame compares them on every character alone and between
// others (ASCII, Han, spaces, cut characters), on every pair of bytes,
// and on every line of the differential corpus and its fields.
func TestTrimsSame(t *testing.T) {
	around := []string{"", "a", "0", " ", "\t", "\u3000", "\u00a0", "\u200b", "\ufeff", "市", "（", "\xe4", "\xe3\x80", "\x80", "\xc2"}
	for r := rune(0); r <= utf8.MaxRune; r += 1 + r/0x1000 {
		s := string(r)
		for _, a := range around {
			sameTrims(t, a+s)
			sameTrims(t, s+a)
			sameTrims(t, a+s+a)
		}
	}
	for r := rune(0); r < 0x3100; r++ {
		sameTrims(t, string(r))
		sameTrims(t, " "+string(r)+"\t")
	}
	b := []byte{0, 0}
	for c := 0; c < 0x100; c++ {
		for c1 := 0; c1 < 0x100; c1++ {
			b[0], b[1] = byte(c), byte(c1)
			sameTrims(t, string(b))
			sameTrims(t, string(b[:1])+" "+string(b[1:]))
		}
	}
	var fs []string
	n := 0
	for _, d := range diffCorpus(t, 10, 1) {
		lines, _ := splitLines(d.text)
		for _, ln := range lines {
			sameTrims(t, ln)
			fs, _, _, _ = splitCells(ln, fs[:0], nil)
			for _, f := range fs {
				sameTrims(t, f)
			}
			n += 1 + len(fs)
		}
	}
	t.Logf("%d lines and fields of the corpus compared", n)
}

// FuzzTrimsSame compares them on any text.
func FuzzTrimsSame(f *testing.F) {
	for _, s := range []string{"", " ", "\t0", "\u3000\u3000/", "\u00a0 2", "市 ", "0\u200b", "\xe3\x80", "\xc2\xa0\xe4", "（一）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameTrims(t, s) })
}
