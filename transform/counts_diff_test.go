package transform

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The regexps receivedAt, newN, reviewN and suitN replace.
var (
	reReceived = regexp.MustCompile(`(?:收到|受理|接到)[^。，,；;！]{0,16}?申请[^。，,；;\d]{0,8}?([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:件|条|个|宗)`)
	reNewN     = regexp.MustCompile(`新收[^。，,；;\d]{0,14}?([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:件|条|个|宗)`)
	reReviewN  = regexp.MustCompile(`行政复议[^。，,；;0-9]{0,6}?([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:件|起|宗)`)
	reSuitN    = regexp.MustCompile(`行政诉讼[^。，,；;0-9]{0,6}?([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:件|起|宗)`)
)

// sameCounts compares the matchers with the regexps on s, and returns
// how many of the four matched.
func sameCounts(t testing.TB, s string) int {
	t.Helper()
	var got [][]int
	for m, ok := receivedAt(s, 0); ok; m, ok = receivedAt(s, m[1]) {
		got = append(got, m[:])
	}
	want := reReceived.FindAllStringSubmatchIndex(s, -1)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("receivedAt on %q: %v, the regexp %v", s, got, want)
	}
	n := min(len(want), 1)
	wantNew := reNewN.FindStringSubmatchIndex(s)
	if start, i, j, ok := newN(s); ok != (wantNew != nil) || ok && !slices.Equal([]int{start, i, j}, []int{wantNew[0], wantNew[2], wantNew[3]}) {
		t.Fatalf("newN(%q) = %d %d %d %v, the regexp %v", s, start, i, j, ok, wantNew)
	}
	if wantNew != nil {
		n++
	}
	for _, c := range []struct {
		name string
		got  func(string) (string, bool)
		re   *regexp.Regexp
	}{{"reviewN", reviewN, reReviewN}, {"suitN", suitN, reSuitN}} {
		m := c.re.FindStringSubmatch(s)
		if got, ok := c.got(s); ok != (m != nil) || ok && got != m[1] {
			t.Fatalf("%s(%q) = %q %v, the regexp %q", c.name, s, got, ok, m)
		}
		if m != nil {
			n++
		}
	}
	return n
}

// countWords are the words the four regexps start from.
var countWords = []string{"收到", "受理", "接到", "新收", "行政复议", "行政诉讼"}

// TestCountsSameAsRegexp: over the diff corpus's texts, their sentences
// as receivedSaid cuts them, and texts at the matchers' edges (the
// distances allowed, the clause's ends, digits where they cannot be
// skipped, bytes that are not UTF-8), the matchers read what the regexps
// read.
func TestCountsSameAsRegexp(t *testing.T) {
	var texts []string
	for _, l := range diffTexts(t) {
		if !containsAny(l, countWords...) {
			continue
		}
		texts = append(texts, l)
		texts = append(texts, strings.FieldsFunc(l, func(r rune) bool { return r == '。' || r == ';' || r == '；' })...)
	}
	fill := []string{"", "\xff", "\xe4\xb8", "。", "，", ",", ";", "！", "5", "二", "件"}
	nums := []string{"12", "0", "十二", "一百零五", "两", "1二", "二1", "\xe4\xb8", "x"}
	units := []string{"件", "条", "个", "宗", "起", "例", ""}
	for _, word := range []string{"收到申请", "受理x申请", "接到", "新收", "行政复议", "行政诉讼", "申请"} {
		for _, f := range fill {
			for _, k := range []int{0, 5, 6, 7, 8, 9, 13, 14, 15, 16, 17} { // each bound n, and n+1 characters with f
				mid := strings.Repeat("某", k)
				for _, num := range nums {
					for _, u := range units {
						texts = append(texts, word+mid+f+num+u, "x"+word+f+mid+num+u+"y", word+mid+f+"申请"+num+u+word+num+u)
					}
				}
			}
		}
	}
	texts = append(texts, "收到受理申请3件", "收到申请2件收到申请3件", "收到申请3x件", "收到申请件", "收到", "")
	sameOnAll(t, texts, 5000, func(t testing.TB, s string) bool { return sameCounts(t, s) > 0 })
}

// FuzzCountsSameAsRegexp compares the matchers with the regexps on any
// text; the seeds are the corpus lines holding a word the regexps start
// from.
func FuzzCountsSameAsRegexp(f *testing.F) {
	for _, s := range []string{"全年共收到政府信息公开申请12件", "新收申请十二件", "行政复议1起", "行政诉讼\xff二件", "收到申请，3件"} {
		f.Add(s)
	}
	addCorpusSeeds(f, countWords...)
	f.Fuzz(func(t *testing.T, s string) { sameCounts(t, s) })
}

// sameOnAll runs same, a comparison of a matcher with the code it
// replaced that reports whether the text matched, over every text, and
// fails when fewer than least matched: a comparison over texts that never
// match proves little.
func sameOnAll(t *testing.T, texts []string, least int, same func(testing.TB, string) bool) {
	t.Helper()
	matched := 0
	for _, s := range texts {
		if same(t, s) {
			matched++
		}
	}
	if matched < least {
		t.Fatalf("%d of %d texts matched: too few for the comparison to mean much", matched, len(texts))
	}
	t.Logf("%d texts, %d matched", len(texts), matched)
}

// addCorpusSeeds adds to f's seeds the diff corpus's lines holding one of
// words.
func addCorpusSeeds(f *testing.F, words ...string) {
	n := 0
	for _, l := range diffTexts(f) {
		if containsAny(l, words...) {
			f.Add(l)
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no corpus line holds one of %q", words)
	}
}
