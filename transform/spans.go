package transform

import "strings"

// In a layout aligned with spaces (pdftotext -layout, a fixed-width
// rendering) a blank cell prints nothing, so a row can show fewer numbers
// than columns. When the header's names do not say where the columns
// stand (a header wrapped over lines, names squeezed a space apart), the
// numbers of the page do: every number of a column stands in the
// column's span, right-, centre- or left-aligned, and the spans of two
// columns are apart. The rows of a page that print a number in every
// column on one line give each column its span; when those spans keep
// the columns' order with a clear gap between neighbours, a sparse row's
// numbers are placed in the spans they stand in (see placeBySpans for
// what refuses a row).

// spanGrid holds the columns the numbers of a table form on each page of
// the text: pdftotext starts a page with a form feed, and may print each
// page's table shifted. It is measured when a row first needs it (see
// placeBySpans): most tables have every row placed without it.
type spanGrid struct {
	rows   []*row     // the table's rows
	lines  []string   // the document's lines
	n      int        // the table's columns
	built  bool       // breaks and pages are measured
	breaks []int      // the line each page after the first starts on
	pages  []pageCols // the columns of each page, by page
}

// pageCols are the spans of a page's columns, lo[j] to hi[j] (hi past
// the last column of the span), measured in characters (pdftotext's
// grid) or in display width (a fixed-width rendering); lo is nil when the
// page's numbers do not prove where its columns are.
type pageCols struct {
	chars  bool
	lo, hi []int
}

// minSpanGap is the fewest blank columns between the spans of two
// columns: numbers nearer than that may stand in one column drifting
// from line to line (pdftotext moves a number to make room for a long
// label before it), so they prove no column boundary.
const minSpanGap = 2

// markSpans gives the rows of a table of n columns the columns their
// pages' numbers form, g (the parser's, so that no report allocates
// one), to be measured when a row needs them. lines are the document's
// lines.
func markSpans(g *spanGrid, rows []*row, lines []string, n int) {
	*g = spanGrid{rows: rows, lines: lines, n: n}
	for _, r := range rows {
		r.grid = g
	}
}

// build measures the grid: the pages of the lines holding the table's
// numbers, and each page's columns.
func (g *spanGrid) build() {
	g.built = true
	lo, hi := 0, 0 // the lines of the table's numbers
	for _, r := range g.rows {
		for i := range r.toks {
			if t := &r.toks[i]; t.kind == tokValue {
				if lo == 0 || int(t.line) < lo {
					lo = int(t.line)
				}
				hi = max(hi, int(t.line))
			}
		}
	}
	for l := lo + 1; l <= hi && l <= len(g.lines); l++ {
		if strings.IndexByte(g.lines[l-1], '\f') >= 0 {
			g.breaks = append(g.breaks, l)
		}
	}
	g.pages = make([]pageCols, len(g.breaks)+1)
	for pg := range g.pages {
		g.pages[pg] = pageSpans(g.rows, g, pg, g.n)
	}
}

// page is the index of the page line is on.
func (g *spanGrid) page(line int) int {
	pg := 0
	for pg < len(g.breaks) && g.breaks[pg] <= line {
		pg++
	}
	return pg
}

// anchor reports whether t is a number whose position can mark a column:
// a cell of a line laid out with spaces that holds other cells, not a
// bare number alone on its line (a page number, or a cell of a row printed
// one per line).
func anchor(t *tok) bool {
	return t.kind == tokValue && t.spaced && t.rowMode && !t.page
}

// pageSpans finds the columns of page pg, in characters and in display
// width (see fullRowSpans). When both measures prove columns and place
// the page's numbers differently, the one that places more of them in a
// span is taken; a tie proves nothing.
func pageSpans(rows []*row, g *spanGrid, pg, n int) pageCols {
	var vals []*tok
	var rowOf []int
	for ri, r := range rows {
		for i := range r.toks {
			if t := &r.toks[i]; anchor(t) && g.page(int(t.line)) == pg {
				vals = append(vals, t)
				rowOf = append(rowOf, ri)
			}
		}
	}
	if len(vals) < n {
		return pageCols{}
	}
	c := fullRowSpans(vals, rowOf, n, true)
	d := fullRowSpans(vals, rowOf, n, false)
	switch {
	case c.lo == nil:
		return d
	case d.lo == nil:
		return c
	}
	// Both prove columns: a wide label before a number moves it in the
	// measure the text is not aligned by, off its column's span.
	nc, nd, differ := 0, 0, false
	for _, v := range vals {
		jc, jd := c.column(v), d.column(v)
		if jc >= 0 {
			nc++
		}
		if jd >= 0 {
			nd++
		}
		differ = differ || jc != jd
	}
	switch {
	case !differ || nc > nd:
		return c
	case nd > nc:
		return d
	}
	return pageCols{}
}

// fullRowSpans finds the columns of a page, its numbers vals (rowOf
// holding each one's row, in order), from its full rows, the rows
// printing a number in every one of the n columns on one line: column
// j's span runs from the leftmost to the rightmost of the full rows' j-th
// numbers (a row with two numbers squeezed a space apart shows none).
// They prove the page's columns when the spans keep the
// columns' order, each apart from the next by at least minSpanGap blank
// columns.
func fullRowSpans(vals []*tok, rowOf []int, n int, chars bool) pageCols {
	pc := pageCols{chars: chars}
	for i := 0; i+n <= len(vals); {
		k := i + 1
		for k < len(vals) && rowOf[k] == rowOf[i] {
			k++
		}
		if k-i != n || vals[k-1].line != vals[i].line || squeezed(vals[i:k]) {
			i = k
			continue
		}
		if pc.lo == nil {
			pc.lo, pc.hi = make([]int, n), make([]int, n)
			for j := range pc.lo {
				pc.lo[j], pc.hi[j] = 1<<30, -1
			}
		}
		for j, v := range vals[i:k] {
			lo, hi := int(v.col), int(v.end)
			if chars {
				lo, hi = int(v.rcol), int(v.rend)
			}
			pc.lo[j], pc.hi[j] = min(pc.lo[j], lo), max(pc.hi[j], hi)
		}
		i = k
	}
	if pc.lo == nil {
		return pageCols{}
	}
	for j := 1; j < n; j++ {
		if pc.lo[j]-pc.hi[j-1] < minSpanGap {
			return pageCols{}
		}
	}
	return pc
}

// squeezed reports numbers of one line of which two stand a single space
// apart: pdftotext squeezed them together, off their columns.
func squeezed(vals []*tok) bool {
	for i := 1; i < len(vals); i++ {
		if vals[i].line == vals[i-1].line && vals[i].rcol-vals[i-1].rend < minSpanGap {
			return true
		}
	}
	return false
}

// column returns the column whose span number t stands in, or -1 when it
// stands in none, or nearer than minSpanGap to another.
func (pc pageCols) column(t *tok) int {
	lo, hi := int(t.col), int(t.end)
	if pc.chars {
		lo, hi = int(t.rcol), int(t.rend)
	}
	at := -1
	for j := range pc.lo {
		if lo < pc.hi[j]+minSpanGap && hi > pc.lo[j]-minSpanGap {
			if at >= 0 {
				return -1
			}
			at = j
		}
	}
	if at >= 0 && (hi <= pc.lo[at] || lo >= pc.hi[at]) {
		return -1 // beside the span, not in it
	}
	return at
}

// placeBySpans places the values of row r in the columns of their pages'
// spans (see spanGrid). It gives up (nil) unless every value stands in a
// span of a page whose columns are proved, each in a different column,
// in the values' order, and none stands on a line after the label's that
// begins with another row's numbered label (a label the reader did not
// know, whose numbers these are).
func placeBySpans(r *row, values []*tok, n int) []slot {
	g := r.grid
	if g == nil || g.n != n || len(values) == 0 || len(values) > n {
		return nil
	}
	for _, v := range values {
		if !v.spaced {
			return nil
		}
	}
	if !g.built {
		g.build()
	}
	slots := make([]slot, n)
	for j := range slots {
		slots[j] = slot{empty: true, line: int(values[0].line)}
	}
	last := -1
	for i, v := range values {
		if !v.spaced {
			return nil
		}
		if i > 0 && squeezed(values[i-1:i+1]) {
			return nil
		}
		pc := g.pages[g.page(int(v.line))]
		if len(pc.lo) != n {
			return nil
		}
		j := pc.column(v)
		if j <= last {
			return nil
		}
		if g.wrapped(v, pc.chars) {
			// A piece of the number on a line beside it: a number
			// wrapped in a narrow cell (4200 as 42 / 00), only part
			// of which the row holds.
			return nil
		}
		if g.foreignLabel(r, v) {
			return nil
		}
		last = j
		slots[j] = slot{t: v, line: int(v.line)}
	}
	return slots
}

// numberedBefore reports whether the first cols characters of line hold
// a sub-row's numbered label: a digit, then '.', '．' or '、', then a Han
// character (4.无正当理由).
func numberedBefore(line string, cols int) bool {
	state := 0 // 1 after a digit, 2 after a digit and its separator
	for _, c := range line {
		if cols--; cols < 0 {
			break
		}
		switch {
		case state == 2 && c >= 0x4e00 && c <= 0x9fff:
			return true
		case state == 1 && (c == '.' || c == '．' || c == '、'):
			state = 2
		case c >= '0' && c <= '9' || c >= '０' && c <= '９':
			state = 1
		default:
			state = 0
		}
	}
	return false
}

// foreignLabel reports whether a line after row r's label line, up to
// value v's line and before v on its own, begins another row's numbered
// label: v is then that row's number, which the reader gave r.
func (g *spanGrid) foreignLabel(r *row, v *tok) bool {
	for l := r.line + 1; l <= int(v.line) && l <= len(g.lines); l++ {
		cols := 1 << 30
		if l == int(v.line) {
			cols = int(v.rcol)
		}
		if numberedBefore(g.lines[l-1], cols) {
			return true
		}
	}
	return false
}

// wrapped reports a digit in number v's columns (chars: in characters,
// else display width) on a line above or below it that goes with v's
// row: up to two lines away, no blank line and no line beginning another
// row (a numbered label, as rowStart tells) between. A number wrapped in
// a narrow cell prints its pieces so (57640 as 5764 / 0).
func (g *spanGrid) wrapped(v *tok, chars bool) bool {
	lo, hi := int(v.col), int(v.end)
	if chars {
		lo, hi = int(v.rcol), int(v.rend)
	}
	for l := int(v.line) + 1; l <= int(v.line)+2 && l <= len(g.lines); l++ {
		ln := g.lines[l-1]
		if isBlank(ln) || rowStart(ln) {
			break
		}
		if digitIn(ln, lo, hi, chars) {
			return true
		}
	}
	if rowStart(g.lines[v.line-1]) {
		return false // the row begins on v's line
	}
	for l := v.line - 1; l >= v.line-2 && l >= 1; l-- {
		ln := g.lines[l-1]
		if isBlank(ln) {
			break
		}
		if digitIn(ln, lo, hi, chars) {
			return true
		}
		if rowStart(ln) {
			break
		}
	}
	return false
}

// rowStart reports a line with a word that begins with a list numeral
// (4.无正当理由, 果 （二）部分公开, 四、结转): a row's label begins there.
func rowStart(ln string) bool {
	for _, w := range strings.Fields(ln) {
		if c := compact(w); hanCount(c) > 0 && numbered(c) {
			return true
		}
	}
	return false
}

// digitIn reports a digit in columns lo to hi of line ln, counted in
// characters or in display width.
func digitIn(ln string, lo, hi int, chars bool) bool {
	col := 0
	for _, c := range ln {
		if col >= hi {
			break
		}
		if col >= lo && (c >= '0' && c <= '9' || c >= '０' && c <= '９') {
			return true
		}
		if c == '\f' {
			continue
		}
		if chars {
			col++
		} else {
			col += runeWidth(c)
		}
	}
	return false
}
