package transform

import (
	"regexp"
	"strings"
	"testing"
)

// The regexps isS3Heading and countsCases replace.
var (
	reS3Heading = regexp.MustCompile(`^(三[、.,:]?|\(三\)|第三部分|3[、.])?\PN{0,12}(依申请公开|收到和处理|申请情况)`)
	reCaseCount = regexp.MustCompile(`[0-9零一二三四五六七八九十]\s*(件|起|宗|例)`)
)

// sameSectionWords compares isS3Heading and countsCases with the regexps
// on s, and returns how many of the two matched.
func sameSectionWords(t testing.TB, s string) int {
	t.Helper()
	return sameAsRegexps(t, s, []regexpMatcher{{"isS3Heading", isS3Heading, reS3Heading}, {"countsCases", countsCases, reCaseCount}})
}

// TestSectionWordsSameAsRegexp: over the diff corpus's lines and lines
// built at the matchers' edges (every numbering and its near misses, 12
// and 13 characters before the words, numbers among them, white space
// and bytes that are not UTF-8 before a unit), the matchers say what the
// regexps said.
func TestSectionWordsSameAsRegexp(t *testing.T) {
	texts := diffTexts(t)
	heads := []string{"", "三", "三、", "三.", "三,", "三:", "三：", "(三)", "(三", "第三部分", "第三", "3、", "3.", "3", "3,", "三、三、", "(三)、", "\xff"}
	fills := []string{"", "某", "1", "①", "Ⅲ", "½", "２", "\xff", "\xe4\xb8", "。"}
	words := []string{"依申请公开", "收到和处理", "申请情况", "申请", "依申请公", ""}
	for _, h := range heads {
		for _, f := range fills {
			for _, k := range []int{0, 1, 10, 11, 12, 13} {
				mid := strings.Repeat("某", k)
				for _, w := range words {
					texts = append(texts, h+mid+f+w, h+f+mid+w+"情况", "x"+h+mid+w)
				}
			}
		}
	}
	for _, num := range []string{"0", "9", "一", "十", "零", "百", "两", "a", "\xe4\xb8\x80", "\xff", ""} {
		for _, sp := range []string{"", " ", "\t", "\n", "\f", "\r", "\v", "  \t", "　", "\xa0"} {
			for _, u := range []string{"件", "起", "宗", "例", "个", "\xe4\xbb"} {
				texts = append(texts, num+sp+u, "行政复议"+num+sp+u+"。", "x件"+num+sp+u, num+sp+"某"+u)
			}
		}
	}
	sameOnAll(t, texts, 2000, func(t testing.TB, s string) bool { return sameSectionWords(t, s) > 0 })
}

// FuzzSectionWordsSameAsRegexp compares isS3Heading and countsCases with
// the regexps on any text; the seeds add the corpus lines holding one of
// the words they look for.
func FuzzSectionWordsSameAsRegexp(f *testing.F) {
	for _, s := range []string{"三、依申请公开情况", "(三)收到和处理政府信息公开申请情况", "3.申请情况", "行政复议0 件", "行政诉讼一起"} {
		f.Add(s)
	}
	addCorpusSeeds(f, "依申请公开", "收到和处理", "申请情况", "件", "起", "宗", "例")
	f.Fuzz(func(t *testing.T, s string) { sameSectionWords(t, s) })
}

// sectionLines are lines near section 三's headings: the headings in
// their wordings, as sentences, long, with numbers, and lines of the
// other sections' tables.
var sectionLines = []string{
	"依申请公开情况", "三、收到和处理政府信息公开申请情况", "（三）依申请公开情况", "第三部分 申请情况",
	"依申请公开情况如下。", "本机关依申请公开情况总体平稳，收到和处理政府信息公开申请情况见下表", "3、依申请公开12件",
	"二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "自然人", "勾稽关系", "结转下年度继续办理",
	"行政复议", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "", "0", "12",
}

// sameGuard fails when c is a heading of section 三 by reS3Heading (which
// isS3Heading is held to above) and mayBeS3Heading rules it out:
// findSections asks mayBeS3Heading first, before isSentence, and finds
// the same sections only while no heading escapes it.
func sameGuard(t testing.TB, c string) bool {
	t.Helper()
	h := reS3Heading.MatchString(c)
	if h && !mayBeS3Heading(c) {
		t.Fatalf("%q: a heading of section 三 that mayBeS3Heading rules out", c)
	}
	return h
}

// TestS3HeadingGuard checks sameGuard on every compact line of the
// differential corpus and on sectionLines, and that some of them are
// headings.
func TestS3HeadingGuard(t *testing.T) {
	heads := 0
	for _, d := range diffCorpus(t, 40, 1, 2) {
		_, cl := splitLines(d.text)
		for _, c := range append(cl, sectionLines...) {
			if sameGuard(t, c) {
				heads++
			}
		}
	}
	if heads < 40 {
		t.Fatalf("%d headings of section 三: too few for the check to mean much", heads)
	}
	t.Logf("%d headings of section 三", heads)
}

// FuzzS3HeadingGuard checks sameGuard on any line.
func FuzzS3HeadingGuard(f *testing.F) {
	for _, s := range sectionLines {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) { sameGuard(t, c) })
}
