package transform

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// oldNoChange is noChange as it was at 523da83, before it stopped joining
// a zero and its bracket at every call: kept to test that noChange
// answers as it did. Only the name differs.
func oldNoChange(c string) bool {
	if noChangeWords[c] {
		return true
	}
	for _, z := range []string{"0", "±0", "+0"} {
		if rest, ok := strings.CutPrefix(c, z); ok && noChangeWords[strings.Trim(rest, "()")] {
			return true
		}
		if rest, ok := strings.CutSuffix(c, z+")"); ok && noChangeWords[strings.TrimSuffix(rest, "(")] {
			return true
		}
	}
	return false
}

// sameNoChange compares noChange with oldNoChange on c and returns its
// answer.
func sameNoChange(t testing.TB, c string) bool {
	t.Helper()
	want := oldNoChange(c)
	if got := noChange(c); got != want {
		t.Fatalf("noChange(%q) = %v, was %v", c, got, want)
	}
	return want
}

// noChangeEdges are cells near the forms noChange accepts: each word
// alone, after and before each zero with and without brackets, cut, and
// with other zeros and signs.
func noChangeEdges() []string {
	var out []string
	zeros := []string{"", "0", "±0", "+0", "-0", "00", "0)", "±0)", "+0)", "(0", "(0)", "(±0)", "(+0)", "±", "+", ")", "("}
	for _, w := range slices.Sorted(maps.Keys(noChangeWords)) {
		for _, a := range zeros {
			for _, b := range zeros {
				out = append(out, a+w+b, a+"("+w+")"+b, a+w[:len(w)-1]+b, a+"("+w+b)
			}
		}
	}
	return append(out, "", "0", "±0)", "+0)", "持平(", "(持平")
}

// TestNoChangeSame checks that noChange answers as oldNoChange on every
// compact line and token of the differential corpus and on cells near
// its forms.
func TestNoChangeSame(t *testing.T) {
	texts := noChangeEdges()
	for _, d := range diffCorpus(t, 20, 1, 2) {
		lines, cl := splitLines(d.text)
		texts = append(texts, cl...)
		for _, tk := range tokenizeGrid(nil, lines, cl, 0, len(lines), d.keepTail, nil, feedsUnknown, nil) {
			texts = append(texts, tk.c)
		}
	}
	sameOnAll(t, texts, 200, sameNoChange) // the cells that say no change
}

// FuzzNoChangeSame compares noChange with oldNoChange on any cell.
func FuzzNoChangeSame(f *testing.F) {
	for _, c := range noChangeEdges()[:400] {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) { sameNoChange(t, c) })
}
