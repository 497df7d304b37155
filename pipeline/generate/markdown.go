package generate

import (
	"strconv"
	"strings"
)

// renderMarkdown prints the report as PDF-to-Markdown converters do: every
// table a Markdown table whose first row is taken as its header; section 三
// page by page, its labels as one table and its numbers as another under
// generic headers (数据1 … 数据7), the rows in the same order; section 四
// as three tables, one per proceeding, each under a line naming it.
func (m *model) renderMarkdown(blocks []block) string {
	var w lineWriter
	mdRow := func(cells []string) string {
		for i, c := range cells {
			cells[i] = strings.ReplaceAll(oneLine(c), "|", "\\|")
		}
		return "| " + strings.Join(cells, " | ") + " |"
	}
	table := func(rows [][]string) {
		if n := len(w.lines); n > 0 && w.lines[n-1] != "" {
			w.blank()
		}
		for i, r := range rows {
			w.add(mdRow(r))
			if i == 0 {
				w.add("|" + strings.Repeat(" --- |", len(r)))
			}
		}
		w.blank()
	}
	for _, b := range blocks {
		switch {
		case b.kind == bTitle:
			w.add("# " + b.text)
			w.blank()
		case b.kind == bHeading:
			w.add("## " + b.text)
			w.blank()
		case b.kind != bTable:
			w.add(b.text)
			w.blank()
		case len(b.t.widths) == 10: // section 三
			t := b.t
			pages := [][2]int{{t.head, len(t.rows)}}
			if t.split > 0 {
				pages = [][2]int{{t.head, t.split + 1}, {t.split + 1, len(t.rows)}}
			}
			for _, pg := range pages {
				labels := [][]string{{"项目", "", ""}}
				nums := [][]string{{}}
				for k := range 7 {
					nums[0] = append(nums[0], "数据"+strconv.Itoa(k+1))
				}
				for _, row := range t.rows[pg[0]:pg[1]] {
					var l, v []string
					for _, c := range row {
						switch {
						case c.kind == kValue:
							v = append(v, m.padded(c))
						case c.vm == vmContinue:
							for range c.span {
								l = append(l, "")
							}
						default:
							l = append(l, c.text)
							for k := 1; k < c.span; k++ {
								l = append(l, "")
							}
						}
					}
					labels, nums = append(labels, l), append(nums, v)
				}
				table(labels)
				table(nums)
			}
		case len(b.t.widths) == 15: // section 四
			vals := b.t.rows[len(b.t.rows)-1]
			for g, name := range []string{"行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"} {
				w.add(name)
				row := []string{}
				for _, c := range vals[g*5 : g*5+5] {
					row = append(row, m.padded(c))
				}
				table([][]string{{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}, row})
			}
		default:
			var rows [][]string
			for _, row := range b.t.rows {
				rows = append(rows, m.grid(row, false))
			}
			table(rows)
		}
	}
	return w.String(m.crlf)
}
