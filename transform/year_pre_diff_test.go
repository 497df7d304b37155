package transform

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// reYearSaid is the regexp yearSaidMatch replaces.
var reYearSaid = regexp.MustCompile(`(?:现将\p{Han}{0,12}?|编制\p{Han}{0,12}?)(20[0-9]{2})年度?|(20[0-9]{2})年度?(?:本\p{Han}{0,4})?政府信息公开工作(?:年度)?报告`)

// reYearCited is the regexp stripCited replaces.
var reYearCited = regexp.MustCompile(`(?:较|比|与|同|自|从)(20[0-9]{2})年|(20[0-9]{2})年(?:度)?(?:以来|同期|相比|比较|起)`)

// sameYearMatch compares the prefiltered year regexps with the regexps
// run unconditionally on one text.
func sameYearMatch(t *testing.T, l string) {
	t.Helper()
	if got, want := stripDates(l), reDate.ReplaceAllString(l, ""); got != want {
		t.Fatalf("stripDates(%q) = %q, the regexp %q", l, got, want)
	}
	if got, want := stripCited(l), reYearCited.ReplaceAllString(l, ""); got != want {
		t.Fatalf("stripCited(%q) = %q, the regexp %q", l, got, want)
	}
	if got, want := periodMatch(l), rePeriod.FindStringSubmatch(l); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Fatalf("periodMatch(%q) = %q, the regexp %q", l, got, want)
	}
	if got, want := yearSaidMatch(l), reYearSaid.FindStringSubmatch(l); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Fatalf("yearSaidMatch(%q) = %q, the regexp %q", l, got, want)
	}
	if got, want := isDateLine(l), reDateLine.MatchString(l); got != want {
		t.Fatalf("isDateLine(%q) = %v, the regexp %v", l, got, want)
	}
	if got, want := dateEnd(l), reDateEnd.FindStringIndex(l); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("dateEnd(%q) = %v, the regexp %v", l, got, want)
	}
	if got, want := closingMatch(l), reClosing.FindStringSubmatch(l); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Fatalf("closingMatch(%q) = %q, the regexp %q", l, got, want)
	}
	var years [][]int // as narrativeYear reads them with nextYear
	for at := 0; ; {
		m0 := nextYear(l, at)
		if m0 < 0 {
			break
		}
		at = m0 + 4 + len("年")
		years = append(years, []int{m0, at, m0, m0 + 4})
	}
	if got, want := years, reYear.FindAllStringSubmatchIndex(l, -1); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("nextYear over %q gives %v, the regexp %v", l, got, want)
	}
	if !strings.Contains(l, "20") && reYear.MatchString(l) {
		t.Fatalf("%q has no 20, but reYear matches it", l)
	}
}

// TestYearPrefilterSameAsRegexp: over the diff corpus (orgTexts, each also
// as arabicYears leaves it when that changes it) and texts near the
// literals, the prefiltered regexps give what the regexps give.
func TestYearPrefilterSameAsRegexp(t *testing.T) {
	texts := diffTexts(t)
	for _, l := range texts[:len(texts):len(texts)] {
		if a := arabicYears(l); a != l {
			texts = append(texts, a)
		}
	}
	texts = append(texts, "2022年1月1日至12月31日", "2022年01月01日起至2022年12月31日", "2022年1月至12月", "2022-1-3", "2022/01/03", "2022.1.3",
		"现将本机关2022年度", "编制2021年", "2022年度政府信息公开工作年度报告", "2022年本局政府信息公开工作报告", "较2020年", "2019年以来", "2020年同期",
		"松岭县教育局 2023年1月18日", "2023年1月18日", "二〇二三年一月十八日", "2023年1月18日)", "2023年1月18日）", "2023-01-18", "2023/1/8）", "2023.1.8)", "2023年1月18日))", "2023-01-18 ", "2023-01-19", "2023/1/9）", "2023.12.29)",
		"自2020年起", "2020年起", "2020年度起", "2020年相比", "2020年度相比", "2020年比较", "2021年12月", "12月", "20", "年", "",
		"较2020年度", "2020年度度以来", "自2020年起较2021年", "20202020年起", "较较2020年", "\xe8较2020年", "\xe8\xbe2020年以来", "2020年度以来同期",
		"2020年2021年相比", "较2020年以来", "比2020", "较20209年", "从2O20年", "2020年度", "2020年 起", "与2020年相比较2019年同期增长", "较2020年\xff", "较3020年", "自1020年起", "较2a20年", "202020年", "2020年2021年", "2020", "2020年", "\xe42020年", "2020\xe5\xb9", "较202020年", "20较2020年以来", "2020较2021年", "较20较2020年", "2020年起2021年以来较2022年", "从2020年起", "2较2020年")
	for _, lead := range []string{"现将", "编制", "现将现将", "编制的", "现"} {
		for _, k := range []int{0, 1, 11, 12, 13} {
			for _, tail := range []string{"2022年", "2022年度", "2022", "\xe52022年", "2022年度政府信息公开工作报告", "现将2021年"} {
				texts = append(texts, lead+strings.Repeat("局", k)+tail, "x"+lead+strings.Repeat("〇", k)+tail)
			}
		}
	}
	for _, mid := range []string{"", "度", "度度", "本", "本局", "本局本局", "本局本局本", "度本局", "本\xe5", "本1"} {
		for _, end := range []string{"政府信息公开工作报告", "政府信息公开工作年度报告", "政府信息公开工作年度", "政府信息公开工作", "政府信息公开报告"} {
			texts = append(texts, "2022年"+mid+end, "关于2022年"+mid+end, "2021年2022年"+mid+end, "现将2021"+mid+"2022年"+mid+end)
		}
	}
	matched := map[string]int{}
	for _, l := range texts {
		sameYearMatch(t, l)
		for name, ok := range map[string]bool{"date": reDate.MatchString(l), "cited": reYearCited.MatchString(l),
			"dateLine": reDateLine.MatchString(l), "dateEnd": reDateEnd.MatchString(l), "closing": reClosing.MatchString(l),
			"period": rePeriod.MatchString(l), "said": reYearSaid.MatchString(l)} {
			if ok {
				matched[name]++
			}
		}
	}
	// The comparison means something only if each regexp matches.
	for _, name := range []string{"date", "cited", "period", "said", "dateLine", "dateEnd", "closing"} {
		if matched[name] < 10 {
			t.Fatalf("%d texts, %v matched", len(texts), matched)
		}
	}
}

// FuzzYearPrefilter compares the prefiltered year regexps with the
// regexps on any text.
func FuzzYearPrefilter(f *testing.F) {
	for _, s := range []string{"2022年1月1日至12月31日", "现将本机关2022年度", "较2020年", "2019年以来", "2022-1-3", "2022年度政府信息公开工作年度报告", "松岭县教育局 2023年1月18日", "2023-01-18）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameYearMatch(t, s) })
}
