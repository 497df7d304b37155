package generate

import (
	"strings"

	"golang.org/x/text/width"
)

// pageWidth is the width pdftotext -layout gives an A4 page of body text,
// in half-width columns.
const pageWidth = 80

// runeWidth is the number of columns a character takes on a terminal or in
// pdftotext -layout output: two for East Asian wide and full-width
// characters (CJK, full-width punctuation), one for the rest, ambiguous
// ones (“ ” —) included.
func runeWidth(c rune) int {
	switch width.LookupRune(c).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// Width is the number of display columns s takes. Every layout that
// aligns text by columns measures it with this one function.
func Width(s string) int {
	n := 0
	for _, c := range s {
		n += runeWidth(c)
	}
	return n
}

// wrap breaks s into lines of at most w columns. Runs of ASCII digits stay
// together.
func wrap(s string, w int) []string {
	if Width(s) <= w {
		return []string{s}
	}
	var out []string
	var cur strings.Builder
	width := 0
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i + 1
		if isDigit(rs[i]) {
			for j < len(rs) && (isDigit(rs[j]) || rs[j] == '.') {
				j++
			}
		}
		tw := 0
		for _, c := range rs[i:j] {
			tw += runeWidth(c)
		}
		if width > 0 && width+tw > w {
			out = append(out, cur.String())
			cur.Reset()
			width = 0
		}
		cur.WriteString(string(rs[i:j]))
		width += tw
		i = j
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// lineBuf places text at display columns.
type lineBuf struct {
	b     strings.Builder
	width int
}

func (l *lineBuf) put(x int, s string) {
	if x < l.width {
		x = l.width
	}
	l.b.WriteString(strings.Repeat(" ", x-l.width))
	l.b.WriteString(s)
	l.width = x + Width(s)
}

// renderLayout prints the report as pdftotext -layout does: paragraphs
// wrapped at the page width, table columns aligned with runs of spaces,
// long labels wrapped inside their cell and vertically centred, and in
// section 三 a page footer and the running header of the next page between
// two rows.
func (m *model) renderLayout(blocks []block) string {
	var w lineWriter
	running := m.title
	if running == "" {
		running = "政府信息公开工作年度报告"
	}
	for _, b := range blocks {
		switch b.kind {
		case bTitle:
			w.blank()
			for _, l := range wrap(b.text, pageWidth-8) {
				w.add(strings.Repeat(" ", max(0, (pageWidth-Width(l))/2)) + l)
			}
			w.blank()
		case bHeading:
			w.add("    " + b.text)
		case bPara:
			for i, l := range wrap(b.text, pageWidth-4) {
				if i == 0 {
					l = "    " + l
				}
				w.add(l)
			}
			if m.wideGap {
				w.blank()
			}
		case bSignature, bDate:
			w.add(strings.Repeat(" ", pageWidth-Width(b.text)) + b.text)
		case bTable:
			w.blank()
			m.layoutTable(&w, b.t, running)
			w.blank()
		}
	}
	return w.String(m.crlf)
}

func (m *model) layoutTable(w *lineWriter, t *table, running string) {
	widths := append([]int(nil), t.widths...)
	for _, row := range t.rows {
		for k, c := range columns(row) {
			if x := row[k]; x.kind == kValue && x.span == 1 {
				widths[c] = max(widths[c], Width(m.padded(x)))
			}
		}
	}
	const gap = 2
	x := make([]int, len(widths)+1)
	x[0] = 2
	for c, wd := range widths {
		x[c+1] = x[c] + wd + gap
	}
	for i, row := range t.rows {
		cols := columns(row)
		texts := make([][]string, len(row))
		height := 1
		for k, c := range row {
			if c.vm == vmContinue || c.text == "" {
				continue
			}
			span := x[cols[k]+c.span] - x[cols[k]] - gap
			s := oneLine(m.padded(c))
			if c.kind == kValue {
				texts[k] = []string{s}
			} else {
				texts[k] = wrap(s, span)
			}
			height = max(height, len(texts[k]))
		}
		for l := range height {
			var lb lineBuf
			for k, c := range row {
				lines := texts[k]
				top := (height - len(lines)) / 2
				if l < top || l-top >= len(lines) {
					continue
				}
				s := lines[l-top]
				span := x[cols[k]+c.span] - x[cols[k]] - gap
				pos := x[cols[k]]
				if c.kind != kLabel {
					pos += max(0, (span-Width(s))/2)
				}
				lb.put(pos, s)
			}
			w.add(strings.TrimRight(lb.b.String(), " "))
		}
		if t.split > 0 && i == t.split {
			page := itoa(2 + len(w.lines)/48)
			foot := "- " + page + " -"
			w.blank()
			w.add(strings.Repeat(" ", (pageWidth-len(foot))/2) + foot)
			w.add("\f" + strings.Repeat(" ", max(0, (pageWidth-Width(running))/2)) + running)
			w.blank()
		}
	}
}
