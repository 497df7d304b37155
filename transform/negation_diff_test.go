package transform

import (
	"regexp"
	"strings"
	"testing"
)

// The regexps noRequest, noReview and noSuit replace.
var (
	reNoRequest = regexp.MustCompile(`(?:未|没有)(?:收到|接到|受理)[^。，,；;]{0,16}?申请`)
	reNoReview  = regexp.MustCompile(`(?:未发生|没有发生|未收到|未有|没有|无)[^。，,；;]{0,24}?行政复议`)
	reNoSuit    = regexp.MustCompile(`(?:未发生|没有发生|未收到|未有|没有|无)[^。，,；;]{0,30}?行政诉讼`)
)

// sameNegation compares the matchers with the regexps on s, and returns
// how many of the three matched.
func sameNegation(t testing.TB, s string) int {
	t.Helper()
	return sameAsRegexps(t, s, []regexpMatcher{{"noRequest", noRequest, reNoRequest}, {"noReview", noReview, reNoReview}, {"noSuit", noSuit, reNoSuit}})
}

// regexpMatcher is a hand-written matcher and the regexp it replaces.
type regexpMatcher struct {
	name string
	got  func(string) bool
	re   *regexp.Regexp
}

// sameAsRegexps compares each matcher with its regexp on s, and returns
// how many of them matched.
func sameAsRegexps(t testing.TB, s string, ms []regexpMatcher) int {
	t.Helper()
	n := 0
	for _, c := range ms {
		want := c.re.MatchString(s)
		if got := c.got(s); got != want {
			t.Fatalf("%s(%q) = %v, the regexp %v", c.name, s, got, want)
		}
		if want {
			n++
		}
	}
	return n
}

// TestNegationSameAsRegexp: over the diff corpus's texts, their
// sentences as the parser cuts them, and texts at the matchers' edges
// (the distance allowed, the clause's ends, bytes that are not UTF-8),
// the matchers say what the regexps said.
func TestNegationSameAsRegexp(t *testing.T) {
	// Only texts holding a word counted: neither matches without it.
	var texts []string
	for _, l := range diffTexts(t) {
		if !containsAny(l, "申请", "行政复议", "行政诉讼") {
			continue
		}
		texts = append(texts, l)
		if strings.Contains(l, "。") {
			texts = append(texts, strings.Split(l, "。")...)
		}
	}
	fill := []string{"", "\xff", "\xe4\xb8", "。", "，", ";", "\n"}
	for _, lead := range append(noRequestLeads[:len(noRequestLeads):len(noRequestLeads)], append(noCaseLeads, "未", "没", "无发生")...) {
		for _, word := range []string{"申请", "行政复议", "行政诉讼", "行政复", "申"} {
			texts = append(texts, lead+word, "x"+lead+"。"+lead+word, lead[:len(lead)-1]+word, lead+lead+word)
			for _, f := range fill {
				for _, k := range []int{0, 15, 16, 23, 24, 29, 30} { // each bound n, and n+1 characters with f
					mid := strings.Repeat("某", k)
					texts = append(texts, lead+mid+f+word, "x"+lead+f+mid+word+"y")
				}
			}
		}
	}
	sameOnAll(t, texts, 1000, func(t testing.TB, s string) bool { return sameNegation(t, s) > 0 })
}

// FuzzNegationSameAsRegexp compares the matchers with the regexps on any
// text.
func FuzzNegationSameAsRegexp(f *testing.F) {
	for _, s := range []string{"本年度未收到政府信息公开申请", "未发生因政府信息公开引起的行政复议、行政诉讼", "没有发生\xff行政诉讼", "无行政复议", "未有，行政复议"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameNegation(t, s) })
}
