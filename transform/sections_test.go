package transform_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// secParts are the pieces of a generated 2021 report whose headings,
// captions and narrative the section tests vary. Every table cell has a
// value distinct from its neighbours and from the narrative's numbers.
type secParts struct {
	title, intro, h1, s1, h2, cap2, s2, h3, s3, mid, h4, s4, h5, s5, h6, s6 string
}

const secS2 = "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t21\t22\t23\n行政规范性文件\t24\t25\t26\n" +
	"第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t27\n第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t28\n行政强制\t29\n" +
	"第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t31\n"

func secS4() string {
	var v []string
	for i := range s4Vals {
		for j := range s4Vals[i] {
			v = append(v, fmt.Sprint(s4Vals[i][j]))
		}
	}
	return "行政复议\t\t\t\t\t行政诉讼\n" +
		"结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n" +
		"\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n" +
		strings.Join(v, "\t") + "\n"
}

func secBase() (secParts, map[string]string) {
	vals := s3Values(codesOf(s3Words2021))
	s3 := strings.TrimPrefix(renderS3(s3Words2021, vals, "tabs", s3StdHead), s3Head1+"\n")
	p := secParts{
		title: "某某区某某局2022年政府信息公开工作年度报告\n",
		intro: "本报告根据《中华人民共和国政府信息公开条例》编制。\n",
		h1:    "一、总体情况\n",
		s1:    "（一）主动公开\n2022年主动公开政府信息356条。\n（二）依申请公开\n共受理申请NR件。\n",
		h2:    "二、主动公开政府信息情况\n", s2: secS2,
		h3: "三、收到和处理政府信息公开申请情况\n", s3: s3,
		h4: "四、政府信息公开行政复议、行政诉讼情况\n", s4: secS4(),
		h5: "五、存在的主要问题及改进情况\n", s5: "1.公开内容不够全面。\n2.办理人大代表建议12件，政协提案35件。\n",
		h6: "六、其他需要报告的事项\n", s6: "本年度收取信息处理费0元。\n1. 无。\n",
	}
	want := wantOf(s3Words2021, vals)
	for k, v := range s4Want() {
		want[k] = v
	}
	for k, v := range map[string]string{"regulations.issued": "21", "regulations.abolished": "22", "regulations.in_force": "23",
		"normative.issued": "24", "normative.abolished": "25", "normative.in_force": "26", "permit.decisions": "27",
		"penalty.decisions": "28", "compulsion.decisions": "29", "fees.amount_yuan": `"310000"`} {
		want["s2."+k] = v
	}
	p.s1 = strings.ReplaceAll(p.s1, "NR", want["s3.new_received.total"])
	return p, want
}

func (p secParts) text() string {
	return p.title + p.intro + p.h1 + p.s1 + "\n" + p.h2 + p.cap2 + p.s2 + "\n" + p.h3 + p.s3 + p.mid + "\n" +
		p.h4 + p.s4 + p.h5 + p.s5 + "\n" + p.h6 + p.s6
}

// secCheck parses a variant and reports every cell that differs, and any
// finding above info (the variants print every table whole).
func secCheck(t *testing.T, name string, p secParts, want map[string]string, quiet bool) int {
	t.Helper()
	got := cellValues(parseText(name, []byte(p.text())))
	par := parseText(name, []byte(p.text()))
	bad := 0
	for k, w := range want {
		if got[k] != w {
			bad++
			if bad <= 5 {
				t.Errorf("%s: %s = %s, want %s", name, k, got[k], w)
			}
		}
	}
	if !quiet {
		for _, f := range par.Findings {
			if f.Severity != schemas.SeverityInfo {
				t.Errorf("%s: unexpected finding %s %s %s", name, f.Rule, f.Cell, f.Message)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d cells wrong\n%s", name, bad, len(want), dump(par.Findings))
	}
	return bad
}

func TestSectionHeadings(t *testing.T) {
	type v struct {
		name string
		f    func(*secParts)
	}
	vs := []v{
		{"base", func(p *secParts) {}},
		{"paren", func(p *secParts) {
			p.h1, p.h2, p.h3, p.h4, p.h5, p.h6 = "（一）总体情况\n", "（二）主动公开政府信息情况\n", "（三）收到和处理政府信息公开申请情况\n",
				"（四）政府信息公开行政复议、行政诉讼情况\n", "（五）存在的主要问题及改进情况\n", "（六）其他需要报告的事项\n"
		}},
		{"dot", func(p *secParts) {
			p.h2, p.h3, p.h4, p.h5, p.h6 = "二．主动公开政府信息情况\n", "三．收到和处理政府信息公开申请情况\n",
				"四．政府信息公开行政复议、行政诉讼情况\n", "五．存在的主要问题及改进情况\n", "六．其他需要报告的事项\n"
		}},
		{"arabic", func(p *secParts) {
			p.h1, p.h2, p.h3, p.h4, p.h5, p.h6 = "1.总体情况\n", "2.主动公开政府信息情况\n", "3.收到和处理政府信息公开申请情况\n",
				"4.政府信息公开行政复议、行政诉讼情况\n", "5.存在的主要问题及改进情况\n", "6.其他需要报告的事项\n"
		}},
		{"part", func(p *secParts) {
			p.h1, p.h2, p.h3, p.h4, p.h5, p.h6 = "第一部分 总体情况\n", "第二部分 主动公开政府信息情况\n", "第三部分 收到和处理政府信息公开申请情况\n",
				"第四部分 政府信息公开行政复议、行政诉讼情况\n", "第五部分 存在的主要问题及改进情况\n", "第六部分 其他需要报告的事项\n"
		}},
		{"nonumber", func(p *secParts) {
			p.h1, p.h2, p.h3, p.h4, p.h5, p.h6 = "总体情况\n", "主动公开政府信息情况\n", "收到和处理政府信息公开申请情况\n",
				"政府信息公开行政复议、行政诉讼情况\n", "存在的主要问题及改进情况\n", "其他需要报告的事项\n"
		}},
		{"short", func(p *secParts) {
			p.h3, p.h4 = "三、依申请公开情况\n", "四、行政复议和行政诉讼情况\n"
		}},
		{"short2", func(p *secParts) {
			p.h3, p.h4, p.h5 = "收到和处理政府信息公开申请情况\n", "四、政府信息公开行政复议、行政诉讼\n", "五、政府信息公开工作存在的主要问题及改进情况\n"
		}},
		{"split", func(p *secParts) {
			p.h2, p.h3, p.h4 = "二、主动公开政府\n信息情况\n", "三、收到和处理政府信息\n公开申请情况\n", "四、政府信息公开行政复议、\n行政诉讼情况\n"
		}},
		{"repeated", func(p *secParts) {
			p.s2 = strings.Replace(p.s2, "第二十条第（六）项", "\f"+strings.TrimSuffix(p.h2, "\n")+"（续）\n第二十条第（六）项", 1)
			p.s3 = strings.Replace(p.s3, "\t不予处理", "\f"+strings.TrimSuffix(p.h3, "\n")+"\n\t不予处理", 1)
		}},
		{"caption", func(p *secParts) {
			p.cap2 = "表1 主动公开政府信息情况\n"
			p.s3 = "表2 收到和处理政府信息公开申请情况\n单位：件\n" + p.s3
			p.s4 = "表3 政府信息公开行政复议、行政诉讼情况\n单位：件\n" + p.s4
		}},
		{"captiononly", func(p *secParts) {
			p.h2, p.h3, p.h4 = "附表1：主动公开政府信息情况\n", "附表2：收到和处理政府信息公开申请情况\n", "附表3：政府信息公开行政复议、行政诉讼情况\n"
		}},
		{"narrative", func(p *secParts) {
			p.s1 = "（一）主动公开情况。全年主动公开政府信息1234条，其中规章3件。\n1. 召开新闻发布会8场。\n2. 行政复议案件办理5件。\n（二）依申请公开情况\n本年新收申请NR件。\n" +
				"（三）政府信息管理\n行政许可事项17项，行政处罚19件。\n"
			p.mid = "本年度共收到行政复议申请2件，均为其他事项。\n"
			p.h5 = "五、存在的主要问题及改进情况\n"
			p.s5 = "（一）存在问题\n1. 公开质量有待提高。\n（二）改进情况\n2. 收取信息处理费0元。办理人大代表建议12件。\n"
		}},
		{"nogap", func(p *secParts) {
			p.s4 = strings.TrimSuffix(p.s4, "\n") + "\n"
			p.h5 = "五、政府信息公开工作存在的主要问题及改进情况\n"
		}},
		{"toc", func(p *secParts) {
			p.intro = "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。\n" +
				"目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"
		}},
		{"toc_pages", func(p *secParts) {
			p.intro = "目录\n一、总体情况……1\n二、主动公开政府信息情况……2\n三、收到和处理政府信息公开申请情况……3\n四、政府信息公开行政复议、行政诉讼情况……5\n五、存在的主要问题及改进情况……6\n六、其他需要报告的事项……6\n"
		}},
		{"h5_numbers", func(p *secParts) {
			p.h5 = "五、存在的主要问题及改进情况\n"
			p.s5 = "1\n2\n3\n"
			p.s6 = "收取信息处理费0元\n办理人大代表建议12件\n"
		}},
		{"h5_percell", func(p *secParts) {
			p.s6 = "其他需要报告的事项\n0\n"
			p.h6 = ""
		}},
		{"mid_numbers", func(p *secParts) {
			p.mid = "行政复议情况说明\n本机关收到行政复议申请3件，行政诉讼1件，均非信息公开类。\n"
		}},
		{"s4_percell", func(p *secParts) {
			p.s4 = strings.ReplaceAll(p.s4, "\t", "\n")
			p.h5 = "五、存在的主要问题及改进情况\n"
			p.s5 = "1\n公开质量有待提高\n2\n办理人大代表建议12件\n"
		}},
		{"s4_percell_nohead5", func(p *secParts) {
			p.s4 = strings.ReplaceAll(p.s4, "\t", "\n")
			p.h5 = "存在的问题\n"
			p.s5 = "1\n公开质量有待提高\n2\n"
		}},
		{"s4_nogap_list", func(p *secParts) {
			p.h5 = "五、主要问题和改进措施\n"
			p.s5 = "1.公开质量有待提高\n2.办理人大代表建议12件\n"
		}},
		{"h5_other_word", func(p *secParts) {
			p.h5 = "五、存在的不足及改进措施\n"
			p.s5 = "12\n35\n"
		}},
		{"s4_noheading", func(p *secParts) {
			p.h4 = ""
			p.mid = "本机关办理人大代表建议12件。\n"
		}},
		{"s2_noheading_intro", func(p *secParts) {
			p.h2 = ""
			p.s1 += "主动公开规章3件，规范性文件4件。\n"
		}},
		{"s2_no_anchor", func(p *secParts) {
			for _, n := range []string{"一", "五", "六", "八"} {
				p.s2 = strings.ReplaceAll(p.s2, "第二十条第（"+n+"）项\n", "")
			}
			p.s2 = strings.ReplaceAll(p.s2, "信息内容", "类别")
		}},
		{"s3_heading_then_prose", func(p *secParts) {
			p.h3 = "三、依申请公开情况\n本年度共收到政府信息公开申请NR件，上年结转12件。\n2\n"
		}},
		{"s3_heading_then_page", func(p *secParts) {
			p.h3 = "三、依申请公开情况\n2\n"
		}},
		{"h5_h6_other_words", func(p *secParts) {
			p.h5, p.s5 = "五、存在的问题及改进情况\n", "3\n办理建议4件\n"
			p.h6, p.s6 = "六、其他事项\n", "6\n"
		}},
		{"h5_shortest", func(p *secParts) { p.h5, p.s5 = "五、主要问题及改进情况\n", "3\n4\n" }},
		{"h5_shortfall", func(p *secParts) { p.h5, p.s5 = "五、存在的不足和改进措施\n", "1\n2\n3\n4\n5\n" }},
		{"h5_same_line", func(p *secParts) {
			p.h5 = "五、存在的主要问题及改进情况：1.公开不及时；2.办理建议12件。\n"
		}},
		{"s3_percell_prose_after", func(p *secParts) {
			p.mid = "2022年本机关共办理政府信息公开申请37件，其中：\n1.当面申请5件\n2.网络申请32件\n"
		}},
		{"page_footers", func(p *secParts) {
			p.s3 = strings.Replace(p.s3, "\t不予处理", "- 3 -\n\t不予处理", 1)
			p.s2 = strings.Replace(p.s2, "第二十条第（六）项", "第 2 页\n第二十条第（六）项", 1)
			p.s4 += "— 5 —\n"
		}},
	}
	fails := 0
	for _, layout := range []string{"tabs", "percell", "layout"} {
		for _, c := range vs {
			p, want := secBase()
			if layout == "percell" {
				vals := s3Values(codesOf(s3Words2021))
				p.s3 = strings.TrimPrefix(renderS3(s3Words2021, vals, "percell", s3StdHead), s3Head1+"\n")
				p.s2 = strings.ReplaceAll(p.s2, "\t", "\n")
				p.s4 = strings.ReplaceAll(p.s4, "\t", "\n")
			}
			if layout == "layout" {
				vals := s3Values(codesOf(s3Words2021))
				p.s3 = strings.TrimPrefix(renderS3(s3Words2021, vals, "layout", s3StdHead), s3Head1+"\n")
			}
			c.f(&p)
			c.name = layout + "/" + c.name
			p.s1 = strings.ReplaceAll(p.s1, "NR", want["s3.new_received.total"])
			p.h3 = strings.ReplaceAll(p.h3, "NR", want["s3.new_received.total"])
			if c.name == "percell/repeated" {
				// One cell per line: the page's last cell, alone before
				// the form feed, may be the page number. Unknown, and said.
				want["s2.permit.decisions"] = "null"
				if !coveredBy(parseText(c.name, []byte(p.text())), "s2.permit.decisions") {
					t.Errorf("%s: null s2.permit.decisions has no finding", c.name)
				}
				secCheck(t, c.name, p, want, true)
				continue
			}
			if secCheck(t, c.name, p, want, false) > 0 {
				fails++
			}
		}
	}
	t.Logf("%d of %d variants wrong", fails, len(vs))
}

// TestSectionsOutOfOrder: a table printed before the one the template puts
// first is still found, and ends where the next table starts.
func TestSectionsOutOfOrder(t *testing.T) {
	for name, f := range map[string]func(*secParts){
		"四 before 三": func(p *secParts) { p.h3, p.s3, p.h4, p.s4 = p.h4, p.s4, p.h3, p.s3 },
		"三 before 二": func(p *secParts) { p.h2, p.s2, p.h3, p.s3 = p.h3, p.s3, p.h2, p.s2 },
	} {
		p, want := secBase()
		f(&p)
		secCheck(t, name, p, want, false)
	}
}

// TestSectionWithoutTable: section 四 stated in words ("no appeals") and
// no table. Not printed is null, never 0, and the cells say so; the
// numbers of the sections after it are not read as its cells.
func TestSectionWithoutTable(t *testing.T) {
	for name, f := range map[string]func(*secParts){
		"sentence": func(p *secParts) { p.s4 = "本年度未发生行政复议、行政诉讼。\n" },
		"numbers after": func(p *secParts) {
			p.s4 = "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。\n"
			p.s5 = "1\n公开质量有待提高\n2\n办理人大代表建议12件\n"
			p.s6 = "收取信息处理费0元\n3\n"
		},
		"no heading": func(p *secParts) { p.h4, p.s4 = "", "" },
	} {
		p, want := secBase()
		f(&p)
		for k := range s4Want() {
			want[k] = "null"
		}
		secCheck(t, name, p, want, true)
		par := parseText(name, []byte(p.text()))
		for k := range s4Want() {
			if !coveredBy(par, k) && !hasCell(par, "appeals") {
				t.Errorf("%s: null %s has no finding", name, k)
			}
		}
		for _, f := range par.Findings {
			if !strings.HasPrefix(f.Cell, "s4") && f.Cell != "appeals" && f.Severity != schemas.SeverityInfo {
				t.Errorf("%s: unexpected finding %s %s", name, f.Rule, f.Cell)
			}
		}
	}
}

func hasCell(p *schemas.Parsed, cell string) bool {
	for _, f := range p.Findings {
		if f.Cell == cell && f.Severity == schemas.SeverityError {
			return true
		}
	}
	return false
}

// TestSectionNarrativeWords: the narrative before and between the tables
// uses the tables' own words (第二十条, 信息内容, 本年新收, 予以公开,
// 行政复议) with numbers. A table starts at its header, never at those
// words: no narrative number is read as a cell, every cell of the tables
// is read.
func TestSectionNarrativeWords(t *testing.T) {
	for name, f := range map[string]func(*secParts){
		"一 cites 第二十条": func(p *secParts) {
			p.s1 = "按照《条例》第二十条规定，主动公开以下信息：\n1.行政许可17件\n2.行政处罚19件\n3.规章3件\n" + p.s1
		},
		"一 lists 第二十条 rows": func(p *secParts) {
			p.s1 = "第二十条规定的信息\n行政许可\n17\n行政处罚\n19\n" + p.s1
		},
		"一 says 信息内容": func(p *secParts) {
			p.s1 = "（三）主动公开信息内容\n行政许可 17件\n行政处罚 19件\n" + p.s1
		},
		"一 lists 三 rows": func(p *secParts) {
			p.s1 += "（二）依申请公开\n本年新收申请NR件\n予以公开 30件\n结转下年度继续办理 2件\n"
		},
		"二–三 lists 三 rows": func(p *secParts) {
			p.s2 += "\n（二）依申请公开情况\n本年新收申请NR件\n予以公开 30件\n结转下年度继续办理 2件\n"
		},
		"三 heading then rows' words": func(p *secParts) {
			p.h3 = "三、收到和处理政府信息公开申请情况\n本年新收申请NR件\n予以公开 30件\n"
		},
		"四 heading then counts": func(p *secParts) {
			p.h4 = "四、政府信息公开行政复议、行政诉讼情况\n本年度行政复议1件\n行政诉讼2件\n"
		},
		"四 heading in other words": func(p *secParts) { p.h4 = "四、复议诉讼情况\n" },
		"三–四 lists counts":         func(p *secParts) { p.mid = "1.行政复议 0件\n2.行政诉讼 1件\n" },
		"三–四 bare numbers":         func(p *secParts) { p.mid = "行政复议\n0\n行政诉讼\n1\n" },
	} {
		p, want := secBase()
		f(&p)
		for _, x := range []*string{&p.s1, &p.s2, &p.h3} {
			*x = strings.ReplaceAll(*x, "NR", want["s3.new_received.total"])
		}
		// Narrative between sections 三 and 四 printed as a label and a
		// number may be flagged; its numbers must still not be read.
		secCheck(t, name, p, want, strings.HasPrefix(name, "三–四"))
	}
}
