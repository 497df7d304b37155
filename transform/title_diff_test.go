package transform

import (
	"regexp"
	"strings"
	"testing"
)

// The regexps yearBracketEnd, yearLeadEnd and titleCut replace.
var (
	reTitleCut    = regexp.MustCompile(`(关于)?(20[0-9]{2}年度?|政府信息公开|信息公开|政务公开|年度报告)`)
	reYearLead    = regexp.MustCompile(`^(关于)?20[0-9]{2}年度?`)
	reYearBracket = regexp.MustCompile(`^[【\[（(〔]20[0-9]{2}年?度?[】\]）)〕]`)
)

// oldTitleSubject is titleSubject as it ran the regexps.
func oldTitleSubject(title string) (string, string) {
	title = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.Trim(title, "《》"))
	t := strings.TrimPrefix(stripDates(arabicYears(title)), "关于")
	t = removeAll(reYearLead, reYearBracket.ReplaceAllString(t, ""))
	loc := reTitleCut.FindStringIndex(t)
	if loc == nil || loc[0] == 0 {
		return "", t
	}
	a := strings.TrimSuffix(t[:loc[0]], "关于")
	if i := strings.LastIndexAny(a, ":："); i >= 0 {
		a = a[i+1:] // "标题：松岭县教育局…"
	}
	return strings.Trim(a, "《》“”\"':："), t
}

// sameTitle compares the title's matchers with the regexps, and
// titleSubject with oldTitleSubject, on s; it returns how many of the
// three regexps matched.
func sameTitle(t testing.TB, s string) int {
	t.Helper()
	n := 0
	for _, c := range []struct {
		name string
		got  func(string) int
		re   *regexp.Regexp
	}{{"yearBracketEnd", yearBracketEnd, reYearBracket}, {"yearLeadEnd", yearLeadEnd, reYearLead}} {
		want := 0
		if loc := c.re.FindStringIndex(s); loc != nil {
			want = loc[1]
			n++
		}
		if got := c.got(s); got != want {
			t.Fatalf("%s(%q) = %d, the regexp's match ends at %d", c.name, s, got, want)
		}
	}
	want := -1
	if loc := reTitleCut.FindStringIndex(s); loc != nil {
		want = loc[0]
		n++
	}
	if got := titleCut(s); got != want {
		t.Fatalf("titleCut(%q) = %d, the regexp's match starts at %d", s, got, want)
	}
	a, ts := titleSubject(s)
	if wa, wt := oldTitleSubject(s); a != wa || ts != wt {
		t.Fatalf("titleSubject(%q) = %q, %q; was %q, %q", s, a, ts, wa, wt)
	}
	return n
}

// TestTitleSameAsRegexp: over the diff corpus's lines and titles built
// from every part of the regexps (brackets, years with and without 年
// and 度, 关于 before them, the report's words, near misses of each),
// the matchers find what the regexps found and titleSubject reads what
// it read.
func TestTitleSameAsRegexp(t *testing.T) {
	texts := diffTexts(t)
	opens := []string{"", "【", "[", "（", "(", "〔", "{", "\xe3"}
	closes := []string{"", "】", "]", "）", ")", "〕", "}", "\xe3"}
	years := []string{"2022", "2022年", "2022年度", "2022度", "202年", "20x2年", "2022年年", "1999年", "二〇二二年"}
	for _, o := range opens {
		for _, y := range years {
			for _, c := range closes {
				for _, lead := range []string{"", "关于", "关于关于", "于"} {
					for _, rest := range []string{"", "松岭县教育局", "2022年度松岭县", "松岭县关于2021年", "政府信息公开工作年度报告", "信息公开", "政务公开", "年度报告", "关于政务公开", "标题：某局", "《某局》"} {
						s := lead + o + y + c + rest
						texts = append(texts, s, rest+lead+y, "某局"+lead+y+rest)
					}
				}
			}
		}
	}
	sameOnAll(t, texts, 5000, func(t testing.TB, s string) bool { return sameTitle(t, s) > 0 })
}

// FuzzTitleSameAsRegexp compares the title's matchers with the regexps,
// and titleSubject with oldTitleSubject, on any text; the seeds add the
// corpus lines holding a year or the report's words.
func FuzzTitleSameAsRegexp(f *testing.F) {
	for _, s := range []string{"【2022年度】松岭县教育局政府信息公开工作年度报告", "关于2022年度", "松岭县人民政府办公室关于松岭县2022年政务公开", "（2021）某局信息公开", "二〇二二年度报告"} {
		f.Add(s)
	}
	addCorpusSeeds(f, "年", "信息公开", "政务公开")
	f.Fuzz(func(t *testing.T, s string) { sameTitle(t, s) })
}
