package transform

import (
	"fmt"
	"strings"
	"testing"
)

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
	if !strings.Contains(l, "20") && reYear.MatchString(l) {
		t.Fatalf("%q has no 20, but reYear matches it", l)
	}
}

// TestYearPrefilterSameAsRegexp: over the diff corpus (each compact line
// as arabicYears leaves it, and its clauses and ends) and texts near the
// literals, the prefiltered regexps give what the regexps give.
func TestYearPrefilterSameAsRegexp(t *testing.T) {
	per := 6
	if testing.Short() {
		per = 2
	}
	texts := orgTexts(diffCorpus(t, per, 1))
	for _, l := range texts[:len(texts):len(texts)] {
		texts = append(texts, arabicYears(l))
	}
	texts = append(texts, "2022年1月1日至12月31日", "2022年01月01日起至2022年12月31日", "2022年1月至12月", "2022-1-3", "2022/01/03", "2022.1.3",
		"现将本机关2022年度", "编制2021年", "2022年度政府信息公开工作年度报告", "2022年本局政府信息公开工作报告", "较2020年", "2019年以来", "2020年同期",
		"自2020年起", "2020年起", "2020年度起", "2020年相比", "2020年度相比", "2020年比较", "2021年12月", "12月", "20", "年", "")
	matched := map[string]int{}
	for _, l := range texts {
		sameYearMatch(t, l)
		for name, ok := range map[string]bool{"date": reDate.MatchString(l), "cited": reYearCited.MatchString(l),
			"period": rePeriod.MatchString(l), "said": reYearSaid.MatchString(l)} {
			if ok {
				matched[name]++
			}
		}
	}
	// The comparison means something only if each regexp matches.
	for _, name := range []string{"date", "cited", "period", "said"} {
		if matched[name] < 10 {
			t.Fatalf("%d texts, %v matched", len(texts), matched)
		}
	}
}

// FuzzYearPrefilter compares the prefiltered year regexps with the
// regexps on any text.
func FuzzYearPrefilter(f *testing.F) {
	for _, s := range []string{"2022年1月1日至12月31日", "现将本机关2022年度", "较2020年", "2019年以来", "2022-1-3", "2022年度政府信息公开工作年度报告"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameYearMatch(t, s) })
}
