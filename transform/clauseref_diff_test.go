package transform

import (
	"regexp"
	"strings"
	"testing"
)

// reClauseRef is the regexp clauseRefEnd replaces.
var reClauseRef = regexp.MustCompile(`^第二十条(?:第?[(（]?[一二三四五六七八九十0-9]+[)）]?项)?[:：、,，]?`)

// sameClauseRef compares clauseRefEnd with the regexp on s, and reports
// whether the regexp matched.
func sameClauseRef(t testing.TB, s string) bool {
	t.Helper()
	want := -1
	if loc := reClauseRef.FindStringIndex(s); loc != nil {
		want = loc[1]
	}
	if got := clauseRefEnd(s); got != want {
		t.Fatalf("clauseRefEnd(%q) = %d, the regexp %d", s, got, want)
	}
	return want >= 0
}

// TestClauseRefSameAsRegexp: over the diff corpus's lines and references
// built from every part of the regexp and near misses of each,
// clauseRefEnd ends where the regexp's match ends.
func TestClauseRefSameAsRegexp(t *testing.T) {
	var texts []string
	for _, l := range diffTexts(t) {
		if strings.Contains(l, "第二十条") {
			texts = append(texts, l, l[strings.Index(l, "第二十条"):])
		}
	}
	for _, di := range []string{"", "第", "第第"} {
		for _, open := range []string{"", "(", "（", "((", "["} {
			for _, num := range []string{"", "一", "五", "十二", "1", "12", "三3", "零", "\xff"} {
				for _, cl := range []string{"", ")", "）", "))", "]"} {
					for _, item := range []string{"项", "", "条", "项项"} {
						for _, p := range []string{"", ":", "：", "、", ",", "，", "。", "::", "\xe4"} {
							s := "第二十条" + di + open + num + cl + item + p
							texts = append(texts, s, s+"行政许可", "x"+s, s[:len(s)-1])
						}
					}
				}
			}
		}
	}
	texts = append(texts, "第二十条", "第二十", "", "第二十条第（五）项 行政许可")
	sameOnAll(t, texts, 5000, sameClauseRef)
}

// FuzzClauseRefSameAsRegexp compares clauseRefEnd with the regexp on any
// text; the seeds add the corpus lines holding 第二十条.
func FuzzClauseRefSameAsRegexp(f *testing.F) {
	for _, s := range []string{"第二十条第（五）项行政许可", "第二十条(一)项：规章", "第二十条第1项、", "第二十条第项", "第二十条，"} {
		f.Add(s)
	}
	addCorpusSeeds(f, "第二十条")
	f.Fuzz(func(t *testing.T, s string) { sameClauseRef(t, s) })
}
