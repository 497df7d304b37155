package generate

import (
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// A table is laid out the way the template draws it: rows of cells, each
// cell spanning columns (gridSpan, colspan) and possibly merged with the
// cells below it (vMerge, rowspan). Every layout is a rendering of this.
type table struct {
	rows   [][]tc
	head   int // number of header rows, repeated after a page break
	split  int // body row after which a page break falls; 0 for none
	widths []int
}

// Kinds of cells.
const (
	kLabel = iota
	kHead
	kValue
)

// Vertical merge states.
const (
	vmNone = iota
	vmRestart
	vmContinue
)

// tc is one table cell as Word stores it.
type tc struct {
	text string // may hold "\n" where a header breaks over two lines
	span int
	vm   int
	kind int
}

func cell(kind int, text string) tc           { return tc{text: text, span: 1, kind: kind} }
func spanned(kind int, text string, n int) tc { return tc{text: text, span: n, kind: kind} }
func cont(span int) tc                        { return tc{span: span, vm: vmContinue, kind: kLabel} }
func restart(kind int, text string, span int) tc {
	return tc{text: text, span: span, vm: vmRestart, kind: kind}
}

// columns returns the grid column each cell of a row starts in.
func columns(row []tc) []int {
	out := make([]int, len(row))
	c := 0
	for i, x := range row {
		out[i] = c
		c += x.span
	}
	return out
}

// rowspan counts the rows a restarting cell at grid column col of row i
// covers.
func (t *table) rowspan(i, col int) int {
	n := 1
	for j := i + 1; j < len(t.rows); j++ {
		found := false
		for k, c := range columns(t.rows[j]) {
			if c == col && t.rows[j][k].vm == vmContinue {
				found = true
				break
			}
		}
		if !found {
			break
		}
		n++
	}
	return n
}

var halfwidth = strings.NewReplacer("（", "(", "）", ")", "：", ":", "，", ",", "；", ";")

// label prints a label in the report's punctuation.
func (m *model) label(s string) string {
	if m.halfwidth {
		return halfwidth.Replace(s)
	}
	return s
}

func (m *model) value(v val) tc { return cell(kValue, v.raw) }

// disclosures lays section 二 out as one table, a clause row and a header
// row before each group of items.
func (m *model) disclosures() *table {
	t := &table{widths: []int{24, 16, 16, 16}}
	clause := ""
	for i, it := range m.items {
		if it.Clause != clause {
			clause = it.Clause
			t.rows = append(t.rows, []tc{spanned(kHead, m.label(clause), 4)})
			head := []tc{cell(kHead, "信息内容")}
			for k, met := range it.Metrics {
				h := met.Code.Label
				if m.s2Head[i] != "" && met.Money {
					h = m.s2Head[i]
				}
				if m.splitHead && (h == "本年新制作数量" || h == "本年新公开数量") {
					h = h[:len("本年新")] + "\n" + h[len("本年新"):]
				}
				if m.template == Template2019 && met.Code.Code == "prev_count" && m.explain {
					h += "(指" + itoa(m.year-1) + "年事项数)"
				}
				head = append(head, spanned(kHead, m.label(h), lastSpan(len(it.Metrics), k)))
			}
			t.rows = append(t.rows, head)
		}
		row := []tc{cell(kLabel, m.label(it.Code.Label))}
		for k := range it.Metrics {
			v := m.value(m.s2[i][k])
			v.span = lastSpan(len(it.Metrics), k)
			row = append(row, v)
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// lastSpan widens the last of n metric cells to fill three value columns.
func lastSpan(n, k int) int {
	if k == n-1 {
		return 4 - n
	}
	return 1
}

var groupLabel = map[string]string{
	"denied":        "（三）不予公开",
	"unavailable":   "（四）无法提供",
	"not_processed": "（五）不予处理",
	"other":         "（六）其他处理",
}

// applications lays section 三 out as the template draws it: a three-row
// header, row labels over three columns with 三、本年度办理结果 and the
// groups merged vertically.
func (m *model) applications() *table {
	t := &table{head: 3, widths: []int{18, 14, 30, 12, 12, 12, 12, 12, 12, 12}}
	t.rows = append(t.rows,
		[]tc{restart(kHead, m.label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), 3), spanned(kHead, "申请人情况", 7)},
		[]tc{cont(3), restart(kHead, "自然人", 1), spanned(kHead, "法人或其他组织", 5), restart(kHead, "总计", 1)},
		[]tc{cont(3), cont(1), cell(kHead, "商业企业"), cell(kHead, "科研机构"), cell(kHead, "社会公益组织"),
			cell(kHead, "法律服务机构"), cell(kHead, "其他"), cont(1)},
	)
	group := ""
	for i, o := range m.outs {
		code := o.Code.Code
		var row []tc
		switch {
		case code == "new_received" || code == "carried_over" || code == "carried_forward":
			row = []tc{spanned(kLabel, m.label(o.Code.Label), 3)}
			group = ""
		case code == "granted":
			row = []tc{restart(kLabel, "三、本年度办理结果", 1), spanned(kLabel, m.label(o.Code.Label), 2)}
		case code == "partial" || code == "total" || code == "other":
			row = []tc{cont(1), spanned(kLabel, m.label(o.Code.Label), 2)}
			group = ""
		default:
			g, _, _ := strings.Cut(code, ".")
			head := cont(1)
			if g != group {
				head = restart(kLabel, m.label(groupLabel[g]), 1)
				group = g
			}
			lbl := o.Code.Label
			if code == "unavailable.needs_creation" && m.shortLabel {
				lbl = "2.没有现成信息需另行制作"
			}
			row = []tc{cont(1), head, cell(kLabel, m.label(lbl))}
		}
		for a := range 7 {
			row = append(row, m.value(m.s3[i][a]))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// appeals lays section 四 out: two header rows over the groups, one of
// outcome names, one row of fifteen numbers.
func (m *model) appeals() *table {
	t := &table{head: 3, widths: []int{8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8}}
	names := func() []tc {
		var out []tc
		for _, o := range schemas.AppealOutcomes {
			out = append(out, cell(kHead, o.Label))
		}
		return out
	}
	r1 := []tc{}
	for _, o := range schemas.AppealOutcomes {
		r1 = append(r1, restart(kHead, o.Label, 1))
	}
	r1 = append(r1, spanned(kHead, schemas.Proceedings[1].Label, 5), spanned(kHead, schemas.Proceedings[2].Label, 5))
	r2 := []tc{cont(1), cont(1), cont(1), cont(1), cont(1)}
	r2 = append(r2, names()...)
	r2 = append(r2, names()...)
	var vals []tc
	for g := range 3 {
		for o := range 5 {
			vals = append(vals, m.value(m.s4[g][o]))
		}
	}
	t.rows = [][]tc{
		{spanned(kHead, schemas.Proceedings[0].Label, 5), spanned(kHead, "行政诉讼", 10)},
		r1, r2, vals,
	}
	return t
}
