package extract

import "strings"

// final is the grid as a rectangle (see rect) without its spacer columns:
// columns in which no cell of any row starts and holds text. Pages lay
// tables out with narrow empty columns (a spacer between the label and
// the numbers, a gap between column groups) and with spans that cover
// them; in the text such a column is one more empty field in every row,
// which moves the cells of a row that prints blank cells off their
// columns. A column whose only text comes from a span starting in another
// column is a spacer too: the span's text is read once, where it starts.
// A grid whose every column is empty is left as it is.
func (g *grid) final() [][]string {
	rows := g.rect()
	w := 0
	if len(rows) > 0 {
		w = len(rows[0])
	}
	keep := make([]bool, w)
	kept := 0
	for j := 0; j < w; j++ {
		for i := range rows {
			if i < len(g.origin) && j < len(g.origin[i]) && g.origin[i][j] && strings.TrimSpace(rows[i][j]) != "" {
				keep[j] = true
				kept++
				break
			}
		}
	}
	if kept == w || kept == 0 {
		return rows
	}
	for i := range rows {
		out := rows[i][:0]
		var org []bool
		for j, c := range rows[i] {
			if !keep[j] {
				continue
			}
			out = append(out, c)
			if i < len(g.origin) {
				org = append(org, j < len(g.origin[i]) && g.origin[i][j])
			}
		}
		rows[i] = out
		if i < len(g.origin) {
			g.origin[i] = org
		}
	}
	g.rows = rows
	return rows
}

// textLine is row i of rows (the expanded grid) as a line of the document
// text: its cells joined by '\t', the positions a span only covers left
// blank. It is strings.Join of textRows' row i, made without that copy of
// the rows.
func (g *grid) textLine(i int, row []string) string {
	origin := func(j int) bool { return i < len(g.origin) && j < len(g.origin[i]) && g.origin[i][j] }
	n := max(len(row)-1, 0)
	for j, c := range row {
		if origin(j) {
			n += len(c)
		}
	}
	var b strings.Builder
	b.Grow(n)
	for j, c := range row {
		if j > 0 {
			b.WriteByte('\t')
		}
		if origin(j) {
			b.WriteString(c)
		}
	}
	return b.String()
}

// appendTextLine appends textLine(i, row) to dst.
func (g *grid) appendTextLine(dst []byte, i int, row []string) []byte {
	for j, c := range row {
		if j > 0 {
			dst = append(dst, '\t')
		}
		if i < len(g.origin) && j < len(g.origin[i]) && g.origin[i][j] {
			dst = append(dst, c...)
		}
	}
	return dst
}
