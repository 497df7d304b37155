package generate

import (
	"math/rand/v2"
	"strconv"
)

// renderParagraphs prints a report as pdftotext's default mode (no
// -layout) prints tables it reads row by row: every cell its own
// paragraph, a blank cell nothing at all. A label cell merged down over
// several rows (（三）不予公开 beside its sub-rows) is one tall box, read
// after the page's rows it stands beside. Section 三 breaks over a page:
// the page's footer may print a bare page number before the form feed,
// and on the next page the repeated header is read around the first row:
// some of the header's cells, that row's first numbers, its label, the
// rest of the header, its other numbers.
func (m *model) renderParagraphs(r *rand.Rand, blocks []block) string {
	var w lineWriter
	para := func(s string) {
		if s = oneLine(s); s != "" {
			w.add(s)
			w.blank()
		}
	}
	for _, b := range blocks {
		if b.kind != bTable {
			para(b.text)
			continue
		}
		t := b.t
		var tall []string // merged label cells of the page, read at its end
		body := func(row []tc) {
			for _, c := range row {
				switch {
				case c.vm == vmContinue:
				case c.vm == vmRestart && c.kind == kLabel:
					tall = append(tall, c.text)
				default:
					para(c.text)
				}
			}
		}
		endPage := func() {
			for _, s := range tall {
				para(s)
			}
			tall = tall[:0]
		}
		for i, row := range t.rows {
			if t.split == 0 || i != t.split+1 {
				body(row)
				continue
			}
			endPage()
			if chance(r, 0.5) {
				para(strconv.Itoa(2 + r.IntN(8))) // the footer's page number
			}
			w.add("\f")
			var head, labels, vals []string
			for _, hr := range t.rows[:t.head] {
				for _, c := range hr {
					if c.vm != vmContinue && oneLine(c.text) != "" {
						head = append(head, c.text)
					}
				}
			}
			for _, c := range row {
				switch {
				case c.vm == vmContinue || oneLine(c.text) == "":
				case c.kind == kValue:
					vals = append(vals, c.text)
				case c.vm == vmRestart:
					tall = append(tall, c.text)
				default:
					labels = append(labels, c.text)
				}
			}
			a, k := r.IntN(len(head)+1), r.IntN(len(vals)+1)
			for _, s := range head[:a] {
				para(s)
			}
			for _, s := range vals[:k] {
				para(s)
			}
			for _, s := range labels {
				para(s)
			}
			for _, s := range head[a:] {
				para(s)
			}
			for _, s := range vals[k:] {
				para(s)
			}
		}
		endPage()
	}
	return w.String(m.crlf)
}
