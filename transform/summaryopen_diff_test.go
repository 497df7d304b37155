package transform

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// reSummaryOpen is the regexp summaryOpenYear replaces.
var reSummaryOpen = regexp.MustCompile(`(?:^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\))?(?:总体情况|概述)?[。.:：]?|[。；;:：)）])(20[0-9]{2})年(?:度|以来)?[，,]`)

// sameSummaryOpen compares summaryOpenYear with the regexp on s, and
// reports whether the regexp matched.
func sameSummaryOpen(t testing.TB, s string) bool {
	t.Helper()
	want := 0
	m := reSummaryOpen.FindStringSubmatch(s)
	if m != nil {
		want, _ = strconv.Atoi(m[1])
	}
	if got := summaryOpenYear(s); got != want {
		t.Fatalf("summaryOpenYear(%q) = %d, the regexp %d", s, got, want)
	}
	return m != nil
}

// TestSummaryOpenSameAsRegexp: over the diff corpus's lines and lines
// built from every part of the regexp (numberings, headings, marks, the
// year's tails, and near misses of each), summaryOpenYear reads the year
// the regexp read.
func TestSummaryOpenSameAsRegexp(t *testing.T) {
	var texts []string
	for _, l := range diffTexts(t) {
		if strings.Contains(l, "年") {
			texts = append(texts, l, arabicYears(l))
		}
	}
	heads := []string{"", "一、", "十二.", "(三)", "三)", "(三", "(三、", "()", "、", "(x)", "一一一、", "\xff、", "二〇"}
	titles := []string{"", "总体情况", "概述", "总体", "概"}
	marks := []string{"", "。", ".", ":", "：", "；", ";", ")", "）", "，", "..", "。。"}
	years := []string{"2022年", "2019年", "2099年", "1999年", "202年", "20221年", "2022", "２０２２年", "2x22年"}
	tails := []string{"，", ",", "度，", "以来,", "度以来，", "以来", "度", "", "年，", "\xff，"}
	for _, h := range heads {
		for _, ti := range titles {
			for _, mk := range marks {
				for _, y := range years {
					for _, tl := range tails {
						s := h + ti + mk + y + tl
						texts = append(texts, s, "x"+s, s+"。2021年，", "我局"+mk+y+tl+"："+s, s+"；2020年度，")
					}
				}
			}
		}
	}
	sameOnAll(t, texts, 5000, sameSummaryOpen)
}

// FuzzSummaryOpenSameAsRegexp compares summaryOpenYear with the regexp on
// any text; the seeds add the corpus lines holding 年.
func FuzzSummaryOpenSameAsRegexp(f *testing.F) {
	for _, s := range []string{"2022年，我局", "(一)总体情况：2022年度，", "一、概述。2021年以来,", "本局；2020年，", "一.2022年度以来，"} {
		f.Add(s)
	}
	addCorpusSeeds(f, "年")
	f.Fuzz(func(t *testing.T, s string) { sameSummaryOpen(t, s) })
}
