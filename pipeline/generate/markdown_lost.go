package generate

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// renderMarkdownLost prints a report as a PDF-to-Markdown converter saves it:
// paragraphs as text; section 三's body cut into small tables, each under
// generic headers (项目, 数据1 … 数据6) because the converter lost the
// real header, one value column lost throughout (a narrow column it did
// not see), the labels of a row joined into one cell, and now and then a
// row's label on a table row of its own with its numbers on the next;
// section 四 as three tables, one per proceeding. Other tables are
// printed whole as pipe tables.
func (m *model) renderMarkdownLost(r *rand.Rand, blocks []block) string {
	var w lineWriter
	row := func(cells []string) { w.add("| " + strings.Join(cells, " | ") + " |") }
	sep := func(n int) { w.add("|" + strings.Repeat("---|", n)) }
	lost := r.IntN(7) // the value column the converter lost
	for _, b := range blocks {
		if b.kind != bTable {
			w.add(b.text)
			w.blank()
			continue
		}
		t := b.t
		switch {
		case t.split > 0: // section 三
			head := []string{"项目"}
			for k := 1; k <= 6; k++ {
				head = append(head, "数据"+strconv.Itoa(k))
			}
			body := t.rows[t.head:]
			for len(body) > 0 {
				k := min(len(body), 3+r.IntN(6))
				chunk := body[:k]
				body = body[k:]
				row(head)
				sep(len(head))
				for _, tr := range chunk {
					var label strings.Builder
					var vals []string
					k := 0
					for _, c := range tr {
						switch {
						case c.kind == kValue:
							if k != lost {
								vals = append(vals, oneLine(c.text))
							}
							k++
						case c.vm != vmContinue:
							label.WriteString(oneLine(c.text))
						}
					}
					if chance(r, 0.15) {
						row(append([]string{label.String()}, make([]string, len(vals))...))
						row(append([]string{""}, vals...))
						continue
					}
					row(append([]string{label.String()}, vals...))
				}
				w.blank()
			}
		case len(t.rows) == 4 && len(t.rows[3]) == 15: // section 四
			vals := t.rows[3]
			names := []string{"行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"}
			for g := range 3 {
				w.add(names[g])
				w.blank()
				var head, line []string
				for o := range 5 {
					head = append(head, oneLine(t.rows[2][5+o].text))
					line = append(line, oneLine(vals[g*5+o].text))
				}
				row(head)
				sep(5)
				row(line)
				w.blank()
			}
		default:
			for i, tr := range t.rows {
				f := m.grid(tr, false)
				row(f)
				if i == 0 {
					sep(len(f))
				}
			}
			w.blank()
		}
	}
	return w.String(m.crlf)
}
