package transform_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// s2Block is one clause of a generated section 二: its 第二十条 line, its
// column headers and its rows (label, item code).
type s2Block struct {
	clause string
	head   []string
	rows   [][2]string
	extra  []string // metrics of a row that prints more columns than its template has
}

var s2Std2019 = []s2Block{
	{"第二十条第（一）项", []string{"本年新制作数量", "本年新公开数量", "对外公开总数量"}, [][2]string{{"规章", "regulations"}, {"规范性文件", "normative"}}, nil},
	{"第二十条第（五）项", []string{"上一年项目数量", "本年增/减", "处理决定数量"}, [][2]string{{"行政许可", "permit"}, {"其他对外管理服务事项", "other_services"}}, nil},
	{"第二十条第（六）项", []string{"上一年项目数量", "本年增/减", "处理决定数量"}, [][2]string{{"行政处罚", "penalty"}, {"行政强制", "compulsion"}}, nil},
	{"第二十条第（八）项", []string{"上一年项目数量", "本年增/减"}, [][2]string{{"行政事业性收费", "fees"}}, nil},
	{"第二十条第（九）项", []string{"采购项目数量", "采购总金额"}, [][2]string{{"政府集中采购", "procurement"}}, nil},
}

var s2Std2021 = []s2Block{
	{"第二十条第（一）项", []string{"本年制发件数", "本年废止件数", "现行有效件数"}, [][2]string{{"规章", "regulations"}, {"行政规范性文件", "normative"}}, nil},
	{"第二十条第（五）项", []string{"本年处理决定数量"}, [][2]string{{"行政许可", "permit"}}, nil},
	{"第二十条第（六）项", []string{"本年处理决定数量"}, [][2]string{{"行政处罚", "penalty"}, {"行政强制", "compulsion"}}, nil},
	{"第二十条第（八）项", []string{"本年收费金额"}, [][2]string{{"行政事业性收费", "fees"}}, nil},
}

var s2Metrics = map[string][]string{
	"2019/regulations": {"new_made", "new_published", "total_published"},
	"2019/normative":   {"new_made", "new_published", "total_published"},
	"2019/permit":      {"prev_count", "change", "decisions"}, "2019/other_services": {"prev_count", "change", "decisions"},
	"2019/penalty": {"prev_count", "change", "decisions"}, "2019/compulsion": {"prev_count", "change", "decisions"},
	"2019/fees": {"prev_count", "change"}, "2019/procurement": {"count", "amount_yuan"},
	"2021/regulations": {"issued", "abolished", "in_force"}, "2021/normative": {"issued", "abolished", "in_force"},
	"2021/permit": {"decisions"}, "2021/penalty": {"decisions"}, "2021/compulsion": {"decisions"}, "2021/fees": {"amount_yuan"},
}

// s2Render prints a section 二 with a distinct value in every cell, and
// returns it with the cells it must give.
func s2Render(tmpl string, blocks []s2Block, layout string) (string, map[string]string) {
	var b strings.Builder
	want := map[string]string{}
	n := 0
	line := func(cells []string) { b.WriteString(rowText(layout, cells, 1)) }
	for _, bl := range blocks {
		b.WriteString(bl.clause + "\n")
		line(append([]string{"信息内容"}, bl.head...))
		for _, r := range bl.rows {
			cells := []string{r[0]}
			ms := s2Metrics[tmpl+"/"+r[1]]
			if bl.extra != nil {
				ms = bl.extra
			}
			for _, m := range ms {
				n++
				v := fmt.Sprint(n*3 + 1)
				cell := "s2." + r[1] + "." + m
				switch m {
				case "amount_yuan":
					want[cell] = `"` + v + `"`
					v += "元"
				case "change":
					v = fmt.Sprint(-(n*3 + 1))
					want[cell] = v
				default:
					want[cell] = v
				}
				cells = append(cells, v)
			}
			line(cells)
		}
	}
	return b.String(), want
}

var s2Layouts = []string{"tabs", "pipes", "percell", "layout"}

func s2Base(t *testing.T, tmpl string) string {
	name := "2019/qinghe-street-2020-pipes.txt"
	if tmpl == "2021" {
		name = "2021/donghu-street-2022-pipes.txt"
	}
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// s2RowAlt are row labels as agencies word them.
var s2RowAlt = map[string][]string{
	"regulations":    {"部门规章", "政府规章", "1.规章", "第二十条第（一）项 规章", "规章(设区的市、自治州人民政府应提供相关数据)"},
	"normative":      {"行政规范性文件", "其他规范性文件", "2.规范性文件", "规范性文件"},
	"permit":         {"行政许可事项", "行政许可类", "第二十条第（五）项 行政许可", "1.行政许可"},
	"other_services": {"其他对外管理服务", "对外管理服务事项", "2.其他对外管理服务事项"},
	"penalty":        {"行政处罚类", "第二十条第（六）项 行政处罚", "行政处罚事项"},
	"compulsion":     {"行政强制类", "行政强制事项", "2.行政强制"},
	"fees":           {"行政事业性收费项目", "收费", "第二十条第（八）项 行政事业性收费", "行政事业性收费类"},
	"procurement":    {"政府集中采购项目", "第二十条第（九）项 政府集中采购", "集中采购"},
}

// s2HeadAlt are column headers as agencies word them.
var s2HeadAlt = map[string][]string{
	"本年新制作数量":  {"本年制作数量", "新制作", "本年新制作数量（件）"},
	"本年新公开数量":  {"新公开", "本年新公开数量（件）"},
	"对外公开总数量":  {"公开总数", "对外公开总数"},
	"上一年项目数量":  {"上年项目数量", "上一年项目数量（指上一年事项数）"},
	"本年增/减":    {"本年增减", "增减", "本年增（减）"},
	"处理决定数量":   {"本年处理决定数量", "决定数量"},
	"本年处理决定数量": {"处理决定数量", "决定数量"},
	"本年制发件数":   {"制发件数", "本年制发"},
	"本年废止件数":   {"废止", "废止件数"},
	"现行有效件数":   {"有效件数", "现行有效"},
	"采购项目数量":   {"项目数", "采购项目数"},
	"采购总金额":    {"采购金额", "采购总金额（元）"},
	"本年收费金额":   {"本年收费金额（元）", "收费金额"},
}

func s2Check(t *testing.T, name, tmpl string, blocks []s2Block, layout string) {
	t.Helper()
	s2, want := s2Render(tmpl, blocks, layout)
	txt := spliceSections(t, s2Base(t, tmpl), s2, "")
	s3Check(t, name, txt, want)
}

func TestS2Wording(t *testing.T) {
	for _, tmpl := range []string{"2019", "2021"} {
		std := s2Std2019
		if tmpl == "2021" {
			std = s2Std2021
		}
		for _, layout := range s2Layouts {
			s2Check(t, tmpl+"/"+layout, tmpl, std, layout)
		}
		for bi, bl := range std {
			for ri, r := range bl.rows {
				for _, alt := range s2RowAlt[r[1]] {
					blocks := cloneBlocks(std)
					blocks[bi].rows[ri][0] = alt
					for _, layout := range s2Layouts {
						s2Check(t, tmpl+"/"+layout+"/row "+alt, tmpl, blocks, layout)
					}
				}
			}
			for hi, h := range bl.head {
				for _, alt := range s2HeadAlt[h] {
					blocks := cloneBlocks(std)
					blocks[bi].head[hi] = alt
					for _, layout := range s2Layouts {
						s2Check(t, tmpl+"/"+layout+"/head "+alt, tmpl, blocks, layout)
					}
				}
			}
		}
	}
}

func cloneBlocks(bs []s2Block) []s2Block {
	out := make([]s2Block, len(bs))
	for i, b := range bs {
		out[i] = s2Block{b.clause, append([]string(nil), b.head...), append([][2]string(nil), b.rows...), b.extra}
	}
	return out
}

// TestS2WordingExtraColumns reads rows that print a column their template
// lacks, where only the header tells the columns apart, with the headers
// worded as agencies word them.
func TestS2WordingExtraColumns(t *testing.T) {
	s19 := cloneBlocks(s2Std2019)
	s19[3].head = []string{"上一年项目数量", "本年增/减", "本年收费金额"}
	s19[3].extra = []string{"prev_count", "change", "amount_yuan"}
	s21 := cloneBlocks(s2Std2021)
	s21[1].head = []string{"上一年项目数量", "本年增/减", "处理决定数量"}
	s21[1].extra = []string{"prev_count", "change", "decisions"}
	for _, c := range []struct {
		tmpl string
		std  []s2Block
		bi   int
	}{{"2019", s19, 3}, {"2021", s21, 1}} {
		for _, layout := range s2Layouts {
			s2Check(t, c.tmpl+"/"+layout, c.tmpl, c.std, layout)
		}
		for hi, h := range c.std[c.bi].head {
			for _, alt := range s2HeadAlt[h] {
				blocks := cloneBlocks(c.std)
				blocks[c.bi].head[hi] = alt
				for _, layout := range s2Layouts {
					if layout == "layout" && len([]rune(alt)) > 8 {
						// wider than the generated grid's columns: it
						// runs into the next header, which pdftotext
						// would wrap instead; the row is then a cell
						// count error, not a wrong value
						continue
					}
					s2Check(t, c.tmpl+"/"+layout+"/head "+alt, c.tmpl, blocks, layout)
				}
			}
		}
	}
}

// TestS2BlankRowThenUnknown: a template row printed blank, then a row the
// template lacks. The second label is no continuation of the first, and
// its numbers must not be read as the template row's.
func TestS2BlankRowThenUnknown(t *testing.T) {
	for layout, alt := range map[string]string{
		"tabs":  "行政许可\t\t\t\n行政确认\t5\t6\t7",
		"pipes": "| 行政许可 |  |  |  |\n| 行政确认 | 5 | 6 | 7 |",
		// pdftotext -layout prints nothing for blank cells: the label
		// alone, then a line like a wrapped label's end with numbers
		"layout": spacedLine("行政许可", nil) + "\n" + spacedLine("行政确认", []string{"5", "6", "7"}),
	} {
		s2, _ := s2Render("2019", s2Std2019, layout)
		lines := strings.Split(s2, "\n")
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(l, "| ")), "行政许可") {
				lines[i] = alt
			}
		}
		s2 = strings.Join(lines, "\n")
		p := parseText(layout, []byte(spliceSections(t, s2Base(t, "2019"), s2, "")))
		v := cellValues(p)
		for _, m := range []string{"prev_count", "change", "decisions"} {
			if got := v["s2.permit."+m]; got != "null" {
				t.Errorf("%s: s2.permit.%s = %s, want null\n%s", layout, m, got, dump(p.Findings))
			}
		}
		extra := false
		for _, d := range p.Disclosures {
			extra = extra || (d.Item == "extra" && d.Label == "行政确认")
		}
		if !extra {
			t.Errorf("%s: 行政确认 not kept as an extra row", layout)
		}
	}
}
