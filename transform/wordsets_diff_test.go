package transform

import (
	"maps"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// The word sets as they were at ef1a759, maps looked up with the cell:
// kept to test that the switches which replaced them answer alike
// (oldMatchS3 and oldNoChange still ask these).
var (
	s3HeaderWords = map[string]bool{
		"申请人情况": true, "自然人": true, "法人或其他组织": true, "商业企业": true, "科研机构": true,
		"社会公益组织": true, "法律服务机构": true, "其他": true, "总计": true, "法人或其他": true,
		"组织": true, "信息内容": true,
	}
	changeRows    = map[string]bool{"permit": true, "other_services": true, "penalty": true, "compulsion": true, "fees": true}
	noChangeWords = map[string]bool{"持平": true, "无变化": true, "不变": true, "无增减": true, "没有变化": true,
		"未变化": true, "无增无减": true, "未增减": true}
)

// sameWordSets compares the three switches with the maps on s.
func sameWordSets(t testing.TB, s string) {
	t.Helper()
	if got, want := isS3HeaderWord(s), s3HeaderWords[s]; got != want {
		t.Fatalf("isS3HeaderWord(%q) = %v, was %v", s, got, want)
	}
	if got, want := isChangeRow(s), changeRows[s]; got != want {
		t.Fatalf("isChangeRow(%q) = %v, was %v", s, got, want)
	}
	if got, want := isNoChangeWord(s), noChangeWords[s]; got != want {
		t.Fatalf("isNoChangeWord(%q) = %v, was %v", s, got, want)
	}
}

// wordSetEdges are the sets' words, each cut by a byte at either end,
// grown by one, doubled, and the codes and labels of every row and column
// of the templates.
func wordSetEdges() []string {
	var words []string
	for _, m := range []map[string]bool{s3HeaderWords, changeRows, noChangeWords} {
		words = append(words, slices.Sorted(maps.Keys(m))...)
	}
	out := []string{"", " "}
	for _, w := range words {
		out = append(out, w, w[1:], w[:len(w)-1], w+w, "a"+w, w+"a", w+" ", "（一）"+w, w[:len(w)-1]+"\x00")
	}
	codes := append(slices.Clone(schemas.Applicants), schemas.AppealOutcomes...)
	codes = append(codes, schemas.Proceedings...)
	for _, items := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		for _, it := range items {
			codes = append(codes, it.Code)
			for _, m := range it.Metrics {
				codes = append(codes, m.Code)
			}
		}
	}
	for _, o := range append(schemas.Outcomes(true), schemas.OutcomesOther2021...) {
		codes = append(codes, o.Code)
	}
	for _, c := range codes {
		out = append(out, c.Code, c.Label, stripNumbering(c.Label))
	}
	return out
}

// TestWordSetsSame checks that isS3HeaderWord, isChangeRow and
// isNoChangeWord answer as the maps they replaced on the sets' words and
// words near them, the templates' codes and labels, and every compact
// line and token of the differential corpus, with its numbering stripped.
func TestWordSetsSame(t *testing.T) {
	texts := wordSetEdges()
	for _, d := range diffCorpus(t, 20, 1, 2) {
		lines, cl := splitLines(d.text)
		texts = append(texts, cl...)
		for _, tk := range tokenizeGrid(nil, lines, cl, 0, len(lines), d.keepTail, nil, feedsUnknown, nil) {
			texts = append(texts, tk.c, stripNumbering(tk.c))
		}
	}
	found := 0
	for _, s := range texts {
		sameWordSets(t, s)
		if s3HeaderWords[s] || noChangeWords[s] {
			found++
		}
	}
	if found < 200 {
		t.Fatalf("only %d of %d cells are in a set: the corpus does not test them", found, len(texts))
	}
}

// FuzzWordSetsSame compares the switches with the maps on any text.
func FuzzWordSetsSame(f *testing.F) {
	for _, s := range wordSetEdges() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameWordSets(t, s) })
}
