package transform

import (
	"strings"
	"testing"
)

var runeBounds = []int{1, 2, 3, 29, 30, 31, 40, 41, 60, 80, 81}

func sameFewerRunes(t *testing.T, s string) {
	t.Helper()
	for _, n := range runeBounds {
		if got, want := fewerRunes(s, n), len([]rune(s)) < n; got != want {
			t.Fatalf("fewerRunes(%q, %d) = %v, counted %v", s, n, got, want)
		}
	}
}

// TestFewerRunesSameAsCount: fewerRunes says what counting the runes
// says, for the lines of the diff corpus and texts of one- to four-byte
// characters and bytes that are not UTF-8 around each bound.
func TestFewerRunesSameAsCount(t *testing.T) {
	n := 0
	for _, d := range diffCorpus(t, 2, 1) {
		lines, cl := splitLines(d.text)
		for i := range lines {
			sameFewerRunes(t, lines[i])
			sameFewerRunes(t, cl[i])
			n++
		}
	}
	if n < 10000 {
		t.Fatalf("only %d lines compared", n)
	}
	for _, unit := range []string{"a", "é", "局", "𠀀", "\xff", "\xe5\x9b"} {
		for k := 0; k <= 4*81+1; k++ {
			sameFewerRunes(t, strings.Repeat(unit, k))
		}
	}
}

// FuzzFewerRunes compares fewerRunes with counting on any text.
func FuzzFewerRunes(f *testing.F) {
	f.Add("局局局")
	f.Add("\xff\xfe𠀀")
	f.Fuzz(func(t *testing.T, s string) { sameFewerRunes(t, s) })
}
