package transform

import (
	"strings"
	"testing"
)

// oldS2HeaderLine is the test s2ByHeader ran on each line before
// isS2HeaderLine, counting a line's characters before looking for a
// sentence in it.
func oldS2HeaderLine(c string) bool {
	return fewerRunes(c, 80) && !isSentence(c) && containsAny(c, s2HeaderWords...) &&
		!digitOutsideBrackets(c)
}

// s2HeaderTexts are the diff corpus's texts and header lines of each
// word, padded to either side of 80 characters, with a sentence's mark,
// a number in brackets or outside them.
func s2HeaderTexts(t *testing.T) []string {
	texts := diffTexts(t)
	for _, w := range append(s2HeaderWords, "数", "数量", "件数", "制作", "") {
		n := len([]rune(w))
		for _, pad := range []int{0, 1, 20, 40, 77 - n, 78 - n, 79 - n, 80 - n, 81 - n, 120} {
			p := strings.Repeat("局", pad/3) + strings.Repeat("a", pad-pad/3)
			for _, s := range []string{p + w, w + p, p + "，" + w, p + w + "。", w + "(2)" + p, w + "2" + p, p + "\t" + w + "\t" + w, w + ";"} {
				texts = append(texts, s)
			}
		}
	}
	return texts
}

// sameS2HeaderWord compares hasS2HeaderWord with the search for every
// word it replaces.
func sameS2HeaderWord(t testing.TB, c string) {
	t.Helper()
	if got, want := hasS2HeaderWord(c), containsAny(c, s2HeaderWords...); got != want {
		t.Fatalf("hasS2HeaderWord(%q) = %v, containsAny %v", c, got, want)
	}
}

// TestS2HeaderLineSame compares isS2HeaderLine with oldS2HeaderLine,
// and hasS2HeaderWord with containsAny over s2HeaderWords.
func TestS2HeaderLineSame(t *testing.T) {
	if len(s2HeaderWords) != 9 || len(s2OtherWords) != 3 {
		t.Fatalf("s2HeaderWords %q, s2OtherWords %q: the lists changed", s2HeaderWords, s2OtherWords)
	}
	for _, w := range s2CountWords {
		if !strings.Contains(w, "数") {
			t.Fatalf("%q is among s2CountWords without 数", w)
		}
	}
	sameOnAll(t, s2HeaderTexts(t), 100, sameS2HeaderLine)
}

// sameS2HeaderLine compares hasS2HeaderWord and isS2HeaderLine with the
// code they replace on c, and reports whether c is a header line.
func sameS2HeaderLine(t testing.TB, c string) bool {
	t.Helper()
	sameS2HeaderWord(t, c)
	got, want := isS2HeaderLine(c), oldS2HeaderLine(c)
	if got != want {
		t.Fatalf("isS2HeaderLine(%q) = %v, was %v", c, got, want)
	}
	return got
}

// FuzzS2HeaderLineSame compares them on any text.
func FuzzS2HeaderLineSame(f *testing.F) {
	for _, s := range []string{"信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "采购总金额(万元)", "新公开数量，", "处理决定数量 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) { sameS2HeaderLine(t, c) })
}
