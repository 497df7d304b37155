package transform

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// pageMarkLineOld is pageMarkLine before it looked at the ends of the
// line's compact form first.
func pageMarkLineOld(ln, c string) bool {
	return !allDigits(c) && isPageMark(ln)
}

// samePageMarkLineOld compares pageMarkLine with pageMarkLineOld on each
// line of s and its compact form, and reports whether one is a page mark.
func samePageMarkLineOld(t testing.TB, s string) bool {
	t.Helper()
	lines, cl := splitLines(s)
	marks := false
	for i, ln := range lines {
		want := pageMarkLineOld(ln, cl[i])
		if got := pageMarkLine(ln, cl[i]); got != want {
			t.Fatalf("pageMarkLine(%q, %q) = %v, was %v", ln, cl[i], got, want)
		}
		marks = marks || want
	}
	return marks
}

// corpusTexts are the texts extract makes of the reports under
// $NIANBAO_BENCH_CORPUS (its folders' files), none when it is not set.
func corpusTexts(t testing.TB) []string {
	t.Helper()
	corpusOnce.Do(func() {
		root := os.Getenv("NIANBAO_BENCH_CORPUS")
		if root == "" {
			return
		}
		files, _ := filepath.Glob(filepath.Join(root, "*", "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil || extract.FormatOf(f) == "" {
				continue
			}
			corpusMade = append(corpusMade, extract.ReadBytes(f, b, extract.Limits{}).Text)
		}
	})
	return corpusMade[:len(corpusMade):len(corpusMade)]
}

var (
	corpusOnce sync.Once
	corpusMade []string
)

// pageMarkFormEdges are the page marks' forms as the lines of a report
// print them, and near them: every first and last character of a form,
// full-width and spaced, folded or not, and lines that end or start like
// one.
func pageMarkFormEdges() []string {
	firsts := []string{"-", "—", "–", "－", "第", "Page", "P", "4", "４", "\u3000-", " 第", "\t4", "\xff", "\xef", "\xe2\x80", "页", "共"}
	mids := []string{"", " ", "4", " 4 ", "4/12", " 12 页，共 30", "3 of 9", "\u3000５\u3000", "-", "/"}
	lasts := []string{"-", "—", "–", "－", "页", "9", "９", "-\u3000", "页 ", "4\t", "\xff", "\x93", "\xe9\xa1", "第", "P"}
	var out []string
	for _, a := range firsts {
		for _, m := range mids {
			for _, z := range lasts {
				out = append(out, a+m+z)
			}
		}
	}
	return out
}

// TestPageMarkLineOld checks that pageMarkLine answers as before on every
// line of the differential corpus, the reports of $NIANBAO_BENCH_CORPUS
// and the edges of the page marks' forms.
func TestPageMarkLineOld(t *testing.T) {
	texts := append(pageMarkEdges(), pageMarkDigitEdges()...)
	texts = append(texts, pageMarkFormEdges()...)
	for _, d := range diffCorpus(t, 20, 1, 2) {
		texts = append(texts, d.text)
	}
	texts = append(texts, corpusTexts(t)...)
	sameOnAll(t, texts, 200, samePageMarkLineOld) // the texts with a page mark
}

// FuzzPageMarkLineOld compares pageMarkLine with pageMarkLineOld on the
// lines of any text.
func FuzzPageMarkLineOld(f *testing.F) {
	for _, s := range pageMarkFormEdges() {
		f.Add(s)
	}
	for _, s := range pageMarkEdges()[:200] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { samePageMarkLineOld(t, s) })
}
