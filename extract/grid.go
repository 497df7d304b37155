package extract

import (
	"strings"
	"unicode"
)

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
// text: its fields (see fields) joined by '\t'. It is strings.Join of
// textRows' row i, made without that copy of the rows.
func (g *grid) textLine(i int, row []string) string {
	n, k := 0, 0
	g.fields(i, row, func(c string) { n, k = n+len(c), k+1 })
	var b strings.Builder
	b.Grow(n + max(k-1, 0))
	k = 0
	g.fields(i, row, func(c string) {
		if k > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(c)
		k++
	})
	return b.String()
}

// appendTextLine appends textLine(i, row) to dst.
func (g *grid) appendTextLine(dst []byte, i int, row []string) []byte {
	k := 0
	g.fields(i, row, func(c string) {
		if k > 0 {
			dst = append(dst, '\t')
		}
		dst = append(dst, c...)
		k++
	})
	return dst
}

// fields calls field with each field of row i of rows (the expanded grid)
// as the document text prints it, in order. A spanning cell's text stands
// once, where it starts; the positions the span only covers are empty
// fields, so every cell stands in its column, with one exception: the
// positions that only carry on the span of a cell starting in the same
// row (a label merged over the label columns) are left out when a blank
// cell of the row's own stands after them. A reader of the text cannot
// tell such a position from a blank cell, and in a row that prints blank
// cells it would take it for one, moving the row's numbers a column on
// (a label spanning 自然人's left neighbour and a blank 总计 read as a blank
// 自然人, every number a column right, the last one dropped). Without them
// the row's fields are its label and its cells, blank ones included. A
// row whose cells are all printed keeps its empty fields, as a header row
// does: its layout is not in doubt; so does a row no cell of which reaches
// the table's last column, which has lost a cell somewhere (a page's row
// that forgets a spacer column), and whose fields the markup does not
// place either.
func (g *grid) fields(i int, row []string, field func(string)) {
	origin := func(j int) bool { return i < len(g.origin) && j < len(g.origin[i]) && g.origin[i][j] }
	last := -1 // the last blank cell of the row's own
	if w := len(row); w > 0 && (origin(w-1) || row[w-1] != "") {
		for j := w - 1; j >= 0; j-- {
			if origin(j) && blank(row[j]) {
				last = j
				break
			}
		}
	}
	span := false // row[j] carries on the span of a cell starting in the row
	for j, c := range row {
		if origin(j) {
			span = false
			field(c)
			continue
		}
		span = j > 0 && c != "" && c == row[j-1] && (span || origin(j-1))
		if span && j < last {
			continue
		}
		field("")
	}
}

// blank reports whether a cell's text is only white space.
func blank(s string) bool {
	return strings.TrimFunc(s, unicode.IsSpace) == ""
}
