package transform

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// sameByHand compares isS5S6Heading, unitLineUnit, closingMatch, bothN,
// titleYear and fileYear with the regexps they replace on s (and on s as
// arabicYears rewrites it, as the parser asks closingMatch), and returns
// the names of those that matched.
func sameByHand(t testing.TB, s string) []string {
	t.Helper()
	var matched []string
	if got, want := isS5S6Heading(s), isS5S6HeadingOld(s); got != want {
		t.Fatalf("isS5S6Heading(%q) = %v, the regexps %v", s, got, want)
	} else if want {
		matched = append(matched, "heading")
	}
	if got, want := unitLineUnit(s), unitLineUnitOld(s); got != want {
		t.Fatalf("unitLineUnit(%q) = %q, the regexp %q", s, got, want)
	} else if want != "" {
		matched = append(matched, "unit")
	}
	for _, c := range []string{s, arabicYears(s)} {
		if got, want := closingMatch(c), closingMatchOld(c); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("closingMatch(%q) = %q, the regexp %q", c, got, want)
		} else if want != nil {
			matched = append(matched, "closing")
		}
	}
	both := hanContains(s, "行政复议") && hanContains(s, "行政诉讼")
	for _, b := range []bool{both, true} {
		if got, want := bothN(s, b), bothNOld(s, b); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("bothN(%q, %v) = %q, the regexp %q", s, b, got, want)
		} else if want != nil {
			matched = append(matched, "both")
		}
	}
	if got, want := titleYear(s), titleYearOld(s); got != want {
		t.Fatalf("titleYear(%q) = %d, by the regexp %d", s, got, want)
	} else if want != 0 {
		matched = append(matched, "title")
	}
	if got, want := fileYear(s), fileYearOld(s); got != want {
		t.Fatalf("fileYear(%q) = %d, by the regexp %d", s, got, want)
	} else if want != 0 {
		matched = append(matched, "file")
	}
	return matched
}

// byHandTexts are texts at the edges of the matchers sameByHand checks:
// each part of each regexp present, missing, doubled, at its bounds,
// near misses, bytes that are not UTF-8, full-width forms and white
// space between the parts.
func byHandTexts() []string {
	var texts []string
	// Headings of 五 and 六.
	heads := []string{"", "五", "五、", "五.", "五,", "五:", "五：", "五;", "(五)", "(五", "（五）", "第五部分", "第五", "5、", "5.", "5", "5,", "５、",
		"六", "六、", "六.", "六,", "六:", "(六)", "第六部分", "6、", "6.", "6", "五、五、", "5、5.", "5.5、", "6、6.", "6.6、", "(五)5.", "第五部分5、", "\xff", "\xe4\xba"}
	bodies := []string{"存在的主要问题", "存在主要问题", "政府信息公开工作存在的主要问题", "政府信息公开工作存在主要问题及改进情况", "存在的问题", "主要问题",
		"其他需要报告的事项", "其他需要报告", "其他事项", "其他需事项", "其他需要事项", "其他应当说明的事项", "其他报告事项", "其他说明的事项", "其他的事项", "其他需要说明事项",
		"其他应当事项", "其他需要需要事项", "其他的的事项", "其他需报告的事项", "不足", "问题", "存在的不足和改进措施", "工作中存在的问题和改进措施", "存在的2个问题", "存在的①问题",
		"存在的Ⅴ问题", "存在的½问题", "存在的２问题", "存在的\xff问题", "存在的\xe4\xb8问题", "政府信息公开工作存在", "存在的主要", ""}
	for _, h := range heads {
		for _, b := range bodies {
			texts = append(texts, h+b, h+" "+b, h+b+"。", "x"+h+b)
		}
		for k := 0; k <= 18; k++ {
			for _, w := range []string{"问题", "不足", "问", "1问题"} {
				texts = append(texts, h+strings.Repeat("某", k)+w, h+strings.Repeat("\xff", k)+w, h+strings.Repeat("a", k)+w)
			}
		}
	}
	// Lines stating a table's unit.
	for _, lead := range []string{"", "情况", "二、主动公开政府信息情况", "情况情况", "x情况", "a\nb情况", "\n情况", "情况\n", "情", "况", "\xff情况", "情况\xe6", "单位情况", "单位：万元情况", "某"} {
		for _, open := range []string{"", "(", "[", "（", "(("} {
			for _, what := range []string{"", "金额", "计量", "金", "金额计量"} {
				for _, colon := range []string{"", ":", "：", "::"} {
					for _, rmb := range []string{"", "人民币", "人民", "币"} {
						for _, unit := range []string{"元", "万元", "亿元", "千元", "百万元", "百元", "万", "百亿元", "万万元", "十万元", ""} {
							for _, end := range []string{"", ")", "]", "）", "))", ")]"} {
								texts = append(texts, lead+open+what+"单位"+colon+rmb+unit+end)
							}
						}
					}
				}
			}
		}
	}
	// Closing dates.
	for _, lead := range []string{"", "松岭县教育局", "松岭县教育局 ", "20", "2020", "2020年", "202", "2", "\xe5", "2023年1月18日", "2023-1-8"} {
		for _, year := range []string{"2023", "2020", "2002", "1999", "20", "202", "20233", "2a23", "２０２３", "二〇二三"} {
			for _, date := range []string{"年1月18日", "年01月18日", "年12月31日", "年123月1日", "年一月十八日", "年十二月三十一日", "年十二十月一日", "年1月一十八日", "年1月1十八日", "年月18日",
				"年1月日", "年1月1234日", "年1月123日", "年1月", "年1", "年", "-1-8", "-01-08", "-12-31", "-13-31", "-21-1", "-1-41", "-1-4", "/1/8", ".1.8", "-1/8", "-123-1", "-1-123",
				"-1-", "--1-8", "-1-8-", "1-8", "-一-八", "年1月18日日", "年 1月18日", "年1 月18日", "年1月18 日"} {
				for _, end := range []string{"", ")", "）", "))", " ", "。", ")）", "\xef\xbc"} {
					texts = append(texts, lead+year+date+end)
				}
			}
		}
	}
	// Counts of reviews and lawsuits together.
	for _, rev := range []string{"行政复议", "行政复议案件", "行政复", "行政复议案"} {
		for _, conj := range []string{"和", "及", "与", "、", "或", "", "和和", ","} {
			for _, suit := range []string{"行政诉讼", "行政诉讼案件", "行政诉讼数量", "行政诉讼案件数量", "行政诉"} {
				for _, word := range []string{"", "各", "共计", "共", "合计", "总计", "共计计", "计", "总"} {
					for _, wei := range []string{"", "为", "为为"} {
						for _, n := range []string{"0", "12", "一", "十二", "两", "零", "一百", "千", "a", "", "１"} {
							for _, unit := range []string{"件", "起", "宗", "个", ""} {
								texts = append(texts, rev+conj+suit+word+wei+n+unit)
							}
						}
					}
				}
			}
		}
	}
	texts = append(texts, "行政复议行政复议和行政诉讼共2件", "行政复议和行政复议和行政诉讼各1件", "行政复议和行政诉讼共a件，行政复议和行政诉讼各2起",
		"2022年度政府信息公开工作年度报告", "二〇二二年度报告", "nianbao2022", "2022ndbg.pdf", "x/2021年报", "2021", "20212022年", "2021年2022年")
	return texts
}

// TestByHandSameAsRegexp: over the diff corpus's texts and byHandTexts,
// the matchers say what the regexps they replace said, and each regexp
// matches often enough for that to mean something.
func TestByHandSameAsRegexp(t *testing.T) {
	texts := append(diffTexts(t), byHandTexts()...)
	matched := map[string]int{}
	for _, s := range texts {
		for _, name := range sameByHand(t, s) {
			matched[name]++
		}
	}
	for _, name := range []string{"heading", "unit", "closing", "both", "title", "file"} {
		if matched[name] < 20 {
			t.Fatalf("%d texts, matched %v: too few for %s", len(texts), matched, name)
		}
	}
	t.Logf("%d texts, matched %v", len(texts), matched)
}

// TestByHandOnCorpusLines runs sameByHand over the compact lines of the
// diff corpus as the parser reads them, not cut into clauses.
func TestByHandOnCorpusLines(t *testing.T) {
	n := 0
	for _, d := range diffCorpus(t, 6, 1, 2) {
		_, cl := splitLines(d.text)
		for _, c := range cl {
			if len(sameByHand(t, c)) > 0 {
				n++
			}
		}
	}
	if n < 20 {
		t.Fatalf("%d lines matched", n)
	}
	t.Log(fmt.Sprint(n, " lines matched"))
}

// FuzzByHand compares the matchers with the regexps they replace on any
// text; the seeds add the corpus lines holding a word one of them needs.
func FuzzByHand(f *testing.F) {
	for _, s := range []string{"五、存在的主要问题及改进情况", "(六)其他需要报告的事项", "5.存在的不足", "单位：万元", "二、主动公开政府信息情况(金额单位:人民币百万元)",
		"松岭县教育局 2023年1月18日", "2023-01-18）", "行政复议和行政诉讼各1件", "行政复议案件与行政诉讼案件数量共计为十二起", "2022年度报告.pdf"} {
		f.Add(s)
	}
	addCorpusSeeds(f, "问题", "不足", "事项", "单位", "日", "行政诉讼", "年")
	f.Fuzz(func(t *testing.T, s string) { sameByHand(t, s) })
}
