package transform

import "testing"

// samePageMark compares isPageMark with oldIsPageMark (oldtok_test.go) on
// s and returns its answer.
func samePageMark(t testing.TB, s string) bool {
	t.Helper()
	want := oldIsPageMark(s)
	if got := isPageMark(s); got != want {
		t.Fatalf("isPageMark(%q) = %v, was %v", s, got, want)
	}
	return want
}

// pageMarkEdges are lines near the page marks' forms: each form with Han
// characters, CJK punctuation, spaces and cut characters around and
// inside it, and at the length bound.
func pageMarkEdges() []string {
	forms := []string{"- 4 -", "第 4 页", "第4页，共12页", "4/12", "Page 3 of 9", "12", "—12—", "－ 7 －", "4", "1-2"}
	around := []string{"", " ", "\u3000", "\t", "\f", "第", "页", "共", "表", "㐀", "\u33ff", "、", "（", "\xe4", "\xe4\xb8", "\xe3\x80",
		"\xe3\x90", "\xe9\xbf\xbf", "\xea\x80\x80", "a", "0", "                                    "}
	var out []string
	for _, f := range forms {
		for _, a := range around {
			for _, b := range around {
				out = append(out, a+f+b, f+a+b, a+b+f, f[:len(f)/2]+a+f[len(f)/2:]+b)
			}
		}
	}
	return out
}

// TestIsPageMarkSame checks that isPageMark answers as before on every
// line of the differential corpus and on lines near the forms.
func TestIsPageMarkSame(t *testing.T) {
	lines := pageMarkEdges()
	for _, d := range diffCorpus(t, 20, 1, 2) {
		ls, _ := splitLines(d.text)
		lines = append(lines, ls...)
	}
	sameOnAll(t, lines, 100, samePageMark) // the lines that are page marks
}

// FuzzIsPageMarkSame compares isPageMark with oldIsPageMark on any line.
func FuzzIsPageMarkSame(f *testing.F) {
	for _, s := range pageMarkEdges()[:300] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { samePageMark(t, s) })
}

// samePageMarkLine compares pageMarkLine with isPageMark, which it
// stands for, on each line of s and its compact form.
func samePageMarkLine(t testing.TB, s string) bool {
	t.Helper()
	lines, cl := splitLines(s)
	marks := false
	for i, ln := range lines {
		want := isPageMark(ln)
		if got := pageMarkLine(ln, cl[i]); got != want {
			t.Fatalf("pageMarkLine(%q, %q) = %v, isPageMark says %v", ln, cl[i], got, want)
		}
		marks = marks || want
	}
	return marks
}

// pageMarkDigitEdges are lines of digits with what folding removes or
// changes around and inside them: spaces, full-width digits and marks.
func pageMarkDigitEdges() []string {
	parts := []string{"", "1", "12", "１２", " ", "\u3000", "\t", "\f", "\u00a0", "-", "－", "/", "／", "第", "页", "\xff", "\xef\xbc"}
	var out []string
	for _, a := range parts {
		for _, b := range parts {
			out = append(out, a+"4"+b, "4"+a+b+"2", a+b+"7", a+"12"+b+"3"+a)
		}
	}
	return out
}

// TestPageMarkLineSame checks that pageMarkLine answers as isPageMark on
// every line of the differential corpus, the page marks' edges and lines
// of digits.
func TestPageMarkLineSame(t *testing.T) {
	lines := append(pageMarkEdges(), pageMarkDigitEdges()...)
	for _, d := range diffCorpus(t, 20, 1, 2) {
		ls, _ := splitLines(d.text)
		lines = append(lines, ls...)
	}
	sameOnAll(t, lines, 100, samePageMarkLine) // the lines that are page marks
}

// FuzzPageMarkLineSame compares pageMarkLine with isPageMark on the lines
// of any text.
func FuzzPageMarkLineSame(f *testing.F) {
	for _, s := range pageMarkEdges()[:200] {
		f.Add(s)
	}
	for _, s := range pageMarkDigitEdges() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { samePageMarkLine(t, s) })
}
