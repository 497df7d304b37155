package extract

import (
	"unicode"
	"unicode/utf8"
	"unsafe"
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
			if i < len(g.origin) && j < len(g.origin[i]) && g.origin[i][j] && !blank(rows[i][j]) {
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

// textLines is each row of rows (the expanded grid) as a line of the
// document text: its fields (see fields) joined by '\t', as strings.Join
// of textRows' rows would make them, without that copy of the rows. The
// lines are made in one buffer, not one allocation each.
func (g *grid) textLines(rows [][]string) []string {
	n := 0
	for i, row := range rows {
		org := g.rowOrigin(i)
		n += max(len(row)-1, 0)
		for j, c := range row {
			if j < len(org) && org[j] {
				n += len(c)
			}
		}
	}
	lines := make([]string, len(rows))
	b := make([]byte, 0, n) // each line at most its share of n: b is never moved
	for i, row := range rows {
		at := len(b)
		if b = g.appendTextLine(b, i, row); len(b) > at {
			lines[i] = unsafe.String(&b[at], len(b)-at)
		}
	}
	return lines
}

// appendTextLine appends row i's line (see textLines) to dst.
func (g *grid) appendTextLine(dst []byte, i int, row []string) []byte {
	org := g.rowOrigin(i)
	last, span := lastOwnBlank(org, row), false
	for j, c := range row {
		if !(j < len(org) && org[j]) {
			if last > j && carriesSpan(org, row, j, &span) {
				continue
			}
			c = ""
		} else {
			span = false
		}
		if j > 0 {
			dst = append(dst, '\t')
		}
		dst = append(dst, c...)
	}
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
// place either. appendTextLine writes the same fields.
func (g *grid) fields(i int, row []string, field func(string)) {
	org := g.rowOrigin(i)
	last, span := lastOwnBlank(org, row), false
	for j, c := range row {
		if j < len(org) && org[j] {
			span = false
			field(c)
			continue
		}
		if last > j && carriesSpan(org, row, j, &span) {
			continue
		}
		field("")
	}
}

// rowOrigin is g.origin's row i: which positions start their cell (nil
// past its end: none).
func (g *grid) rowOrigin(i int) []bool {
	if i < len(g.origin) {
		return g.origin[i]
	}
	return nil
}

// lastOwnBlank is the index of the last blank cell of a row's own (a
// position starting its cell), -1 when it has none or when no cell of the
// row reaches the table's last column (see fields).
func lastOwnBlank(org []bool, row []string) int {
	w := len(row)
	if w == 0 || !(w-1 < len(org) && org[w-1]) && row[w-1] == "" {
		return -1
	}
	for j := min(w, len(org)) - 1; j >= 0; j-- {
		if org[j] && blank(row[j]) {
			return j
		}
	}
	return -1
}

// carriesSpan reports whether position j of a row, which starts no cell,
// carries on the span of a cell starting in the same row; span is the
// answer for j-1, updated to j's.
func carriesSpan(org []bool, row []string, j int, span *bool) bool {
	c := row[j]
	*span = j > 0 && c != "" && c == row[j-1] && (*span || j-1 < len(org) && org[j-1])
	return *span
}

// blank reports whether a text is only white space (unicode.IsSpace), as
// strings.TrimSpace(s) == "" does. Most texts are decided by their first
// byte: a digit, a letter, or the lead byte of a character that is not
// white space (a Han character's); only the lead bytes of the white space
// past ASCII (C2, E1–E3) are decoded.
func blank(s string) bool {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			i++
		case c < utf8.RuneSelf, c != 0xc2 && (c < 0xe1 || c > 0xe3):
			return false
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				return false
			}
			i += n
		}
	}
	return true
}
