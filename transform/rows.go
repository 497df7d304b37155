package transform

import (
	"math/bits"
	"strings"

	"github.com/nianbao/nianbao/transform/normalize"
)

// row is one table row as read from the cell stream: its label and what
// followed it up to the next label.
type row struct {
	code      string
	label     string
	line      int
	toks      []tok
	splitFrom int // line of a continuation of the label, 0 if none
	// cols are the columns of the table's header cells when the table is
	// laid out with spaces; empty otherwise.
	cols heads
	// byPos is set by resolve when the cells were placed by their position
	// under the header (reading 4): the values are printed, the columns
	// inferred, and a finding says so.
	byPos bool
	// out is the label's out (see label), for a row of section 三; it
	// sits beside the two flags, in their padding.
	out int8
	// bySpans is set with byPos when the columns were those the page's
	// numbers form (see spanGrid) rather than the header's.
	bySpans bool
	// grid holds the columns the table's numbers form on each page, when
	// a row of the table needs them (see markSpans); nil otherwise.
	grid *spanGrid
	// needTotal makes reading 4 refuse a placement that leaves the last
	// column (总计) empty while another column holds a number: every row
	// prints its total.
	needTotal bool
	// trail is the number of empty fields left out at the end of the
	// label's line when the label is its last cell (see tok.trail).
	trail int
	// pages counts the page numbers dropPages took out of the row.
	pages int
	// pageGuess is the number dropPages took for a page number on no
	// other evidence than the row's having one number too many with it,
	// alone before the next block's header (pageIfExtra): the row's
	// reader says so, since a cell taken for it shifts the others.
	pageGuess *tok
	// broke is set when a header repeated after a page break was read
	// while the row was the current one (see breakPairs); breakAt is how
	// many cells the row had then.
	broke   bool
	breakAt int
	// unit is the unit of the amount column header above the row
	// (section 二), "" when none.
	unit string
	// hdr are the column headers printed above the row in its block
	// (section 二), 信息内容 and the 第二十条 line left out.
	hdr []string
	// paraEmpty allows the reading of empty cells as empty paragraphs
	// (set by markEmptyParagraphs for the whole table).
	paraEmpty bool
	// padLine: the table, printed one cell per line, prints the column a
	// label spans as an empty line after the label (set by markLabelPads
	// for the whole table).
	padLine bool
	// own marks a row without a code read as a row of its own after a
	// blank row (see wrapOf): its numbers are not handed on to the next
	// row by regroupCentred.
	own bool
	// wordsAmid is set when words no label holds stand among the row's
	// cells on its label's line, before one of its numbers (见附件): a
	// cell the row prints but that is no number.
	wordsAmid bool
	// ar hands out the slices resolve returns; nil: each is allocated.
	ar *resolveBufs
}

// resolveBufs hands out the slices resolve returns, cut from blocks the
// parser keeps (the last of each kind for the next report too, see
// scratch): reading a table allocates a few blocks at most, not two or
// three slices a row. A slice handed out has the length and
// capacity make would give it, so appending past it copies as before and
// never reaches the next one.
type resolveBufs struct {
	vals  []*tok
	slots []slot
}

// valsOf returns an empty slice of capacity k.
func (b *resolveBufs) valsOf(k int) []*tok {
	if b == nil {
		return make([]*tok, 0, k)
	}
	if cap(b.vals)-len(b.vals) < k {
		b.vals = make([]*tok, 0, max(resolveBlock, k))
	}
	n := len(b.vals)
	b.vals = b.vals[:n+k]
	return b.vals[n : n : n+k]
}

// valuesOf returns the numbers among cells, in order, as valsOf(k) filled
// with the k of them would: nil when there is none. When the block has
// room for every cell, the cells are read once: each is written at the
// next place and kept there only when it is a number.
func (b *resolveBufs) valuesOf(cells []tok) []*tok {
	if b == nil || cap(b.vals)-len(b.vals) < len(cells) {
		k := 0
		for i := range cells {
			if cells[i].kind == tokValue {
				k++
			}
		}
		if k == 0 {
			return nil
		}
		vals := b.valsOf(k)
		for i := range cells {
			if cells[i].kind == tokValue {
				vals = append(vals, &cells[i])
			}
		}
		return vals
	}
	n := len(b.vals)
	free := b.vals[n : n+len(cells)]
	k := 0
	for i := range cells {
		free[k] = &cells[i]
		if cells[i].kind == tokValue {
			k++
		}
	}
	if k < len(free) {
		free[k] = nil // the last cell written, no number
	}
	if k == 0 {
		return nil
	}
	b.vals = b.vals[:n+k]
	return b.vals[n : n+k : n+k]
}

// slotsOf returns an empty slice of capacity k.
func (b *resolveBufs) slotsOf(k int) []slot {
	if b == nil {
		return make([]slot, 0, k)
	}
	if cap(b.slots)-len(b.slots) < k {
		b.slots = make([]slot, 0, max(resolveBlock, k))
	}
	n := len(b.slots)
	b.slots = b.slots[:n+k]
	return b.slots[n : n : n+k]
}

// reset readies b for another report, keeping the last block of each
// kind: the parts handed out are cleared, so that no cell stays alive
// through them.
// A block made larger than resolveBlock for one huge row is dropped.
func (b *resolveBufs) reset() {
	clear(b.vals)
	clear(b.slots)
	b.vals, b.slots = b.vals[:0], b.slots[:0]
	if cap(b.vals) > resolveBlock {
		b.vals = nil
	}
	if cap(b.slots) > resolveBlock {
		b.slots = nil
	}
}

// resolveBlock is the length of a block of resolveBufs: about a
// table's rows' worth of cells.
const resolveBlock = 256

// endsLine reports whether toks[i] is the last cell of its line in the
// stream, so the line's trailing empty fields follow it.
func endsLine(toks []tok, i int) bool {
	return i+1 >= len(toks) || toks[i+1].line != toks[i].line
}

// slot is one resolved cell of a row: a value token, or empty (null).
type slot struct {
	t     *tok
	empty bool
	line  int
}

// resolve fits a row's cells to n columns. It tries, in order, the readings
// the known layouts imply and accepts the first that gives exactly n cells:
//
//  1. the printed values alone (the common case: every cell printed);
//  2. values and explicit empty cells (whitespace-only lines, empty fields
//     between separators), as one-cell-per-line and HTML/DOCX tables print
//     blank cells;
//  3. the paragraph reading of converters that end every non-empty cell
//     with a blank line and write an empty cell as a single empty line.
//
// When none fits, ok is false and the caller must repair by constraint or
// give up; values then holds the printed values in order.
func (r *row) resolve(n int) (slots []slot, values []*tok, ok bool) {
	return r.resolveAt(n, heads{})
}

// heads are the positions of a table's header columns on the page, the
// middle of each header cell, in display columns and in character columns
// (see tok.rcol); nil when the header was not seen whole.
type heads struct{ disp, chars []int }

// resolveAt is resolve with the display columns of the table's header
// cells, known for layouts aligned with spaces: a row that prints fewer
// numbers than columns is then read by where each number stands (reading
// 4), as a reader of the printed page would.
func (r *row) resolveAt(n int, cols heads) (slots []slot, values []*tok, ok bool) {
	values = r.ar.valuesOf(r.toks)
	if len(values) == n {
		slots = r.ar.slotsOf(n)
		for _, v := range values {
			slots = append(slots, slot{t: v, line: int(v.line)})
		}
		return slots, values, true
	}
	if len(values) > n {
		return nil, values, false
	}
	rowMode := false
	for i := range r.toks {
		if r.toks[i].kind == tokValue && r.toks[i].rowMode {
			rowMode = true
		}
	}
	// Reading 2: values and explicit empties. An empty field counts only
	// on a line that holds values of this row, or as a whole
	// whitespace-only line; the empty fields of a repeated header do not.
	// Cells of one row stand together: the run ends at the first blank
	// line after it began (what follows belongs to the next row's merged
	// columns).
	onValueLine := func(line int) bool {
		for _, v := range values {
			if int(v.line) == line {
				return true
			}
		}
		return false
	}
	s2 := r.ar.slotsOf(n + 2)
	for i := range r.toks {
		t := &r.toks[i]
		if t.kind == tokBlank && len(s2) > 0 && !rowMode {
			break
		}
		switch t.kind {
		case tokValue:
			s2 = append(s2, slot{t: t, line: int(t.line)})
		case tokEmpty:
			if !t.rowMode || onValueLine(int(t.line)) {
				s2 = append(s2, slot{empty: true, line: int(t.line)})
			}
		}
	}
	// A row printed one cell per line whose first line after the label is
	// empty, with more lines than columns: that line may be the column
	// the label spans (see markLabelPads) or a blank first cell.
	padFirst := !rowMode && len(r.toks) > 0 && r.toks[0].kind == tokEmpty && len(s2) > n
	if padFirst && r.padLine && len(s2) == n+1 {
		return s2[1:], values, true
	}
	if s := trimTo(s2, n); s != nil {
		if padFirst {
			// Reading the empty line as 自然人 drops an empty line
			// after the row's last cell, and the other way round: the
			// lines do not tell which is no cell. The row is read as
			// one with a cell missing.
			return nil, values, false
		}
		if r.leadAndTrail(s2, values, n) {
			// Empty fields both after the label and after the last value,
			// one more than the row has cells: a label's merged column
			// and a blank last cell, or a blank first cell and a padding
			// tab. The row is read as one with a cell missing.
			return nil, values, false
		}
		return s, values, true
	}
	// Empty fields before the first value may be the label's own merged
	// columns ("| 三、… | | 0 | …" from scrapers): drop them if that fits.
	if len(s2) > n {
		lead := 0
		for lead < len(s2) && s2[lead].empty && s2[lead].line == r.line {
			lead++
		}
		if s := trimTo(s2[min(lead, len(s2)-n):], n); lead > 0 && s != nil {
			return s, values, true
		}
	}
	if s := r.withTrailing(s2, values, n); s != nil {
		return s, values, true
	}
	if rowMode {
		if s := placeByColumn(values, cols, n); s != nil && (!r.needTotal || !s[n-1].empty) {
			r.byPos = true
			return s, values, true
		}
		if s := placeBySpans(r, values, n); s != nil && (!r.needTotal || !s[n-1].empty) {
			r.byPos, r.bySpans = true, true
			return s, values, true
		}
		return nil, values, false
	}
	// Reading 3: paragraphs. Skip the separator after the label, then an
	// empty line is an empty cell and each value swallows the separator
	// that follows it. Only when the row really is laid out so: no two
	// values on consecutive lines.
	for i := 0; i+1 < len(r.toks); i++ {
		if r.toks[i].kind == tokValue && r.toks[i+1].kind == tokValue {
			return nil, values, false
		}
	}
	s3 := make([]slot, 0, len(r.toks)) // at most a slot a cell
	i := 0
	if i < len(r.toks) && r.toks[i].kind == tokBlank {
		i++
	}
	for ; i < len(r.toks); i++ {
		t := &r.toks[i]
		switch t.kind {
		case tokBlank, tokEmpty:
			s3 = append(s3, slot{empty: true, line: int(t.line)})
		case tokValue:
			s3 = append(s3, slot{t: t, line: int(t.line)})
			if i+1 < len(r.toks) && r.toks[i+1].kind == tokBlank {
				i++
			}
		}
	}
	if len(s3) == 0 {
		s3 = nil // as before it was made with room: trimTo tells nil apart
	}
	if s := trimTo(s3, n); s != nil {
		return s, values, true
	}
	if r.paraEmpty {
		if s := r.emptyParagraphs(n); s != nil {
			return s, values, true
		}
	}
	return nil, values, false
}

// emptyParagraphs is reading 3 for converters that print an empty cell
// as an empty paragraph: every cell, empty or not, is followed by a
// blank line, so a run of 2k+1 blank lines after the label or a cell
// holds k empty cells (1 · blank · blank · blank · 3 is 1, empty, 3; a
// stream may start at its first cell). Only when the row reads so
// unambiguously: every run of blank lines is of odd length (but one after
// the last of n cells, which holds none of them), at least one
// holds an empty cell, and the cells come out exactly n.
func (r *row) emptyParagraphs(n int) []slot {
	var s []slot
	run, line, empties := 0, r.line, false
	flush := func() bool {
		if run == 0 {
			return true
		}
		if run%2 == 0 {
			return false
		}
		for k := 0; k < run/2; k++ {
			s = append(s, slot{empty: true, line: line})
			empties = true
		}
		return true
	}
	for i := range r.toks {
		t := &r.toks[i]
		switch t.kind {
		case tokBlank, tokEmpty:
			run++
			line = int(t.line)
		case tokValue:
			if !flush() {
				return nil
			}
			run = 0
			s = append(s, slot{t: t, line: int(t.line)})
		}
	}
	if run > 0 && len(s) != n && !flush() {
		// (A run after the row's last cell, when the cells are all
		// there, holds none of them: blank lines around a line that is
		// not the row's, a group's heading, make it even.)
		return nil
	}
	if !empties {
		return nil
	}
	return trimTo(s, n)
}

// markEmptyParagraphs lets the rows of a table be read as printing empty
// cells as empty paragraphs (see emptyParagraphs) only when the table as a
// whole is printed so: no run of blank lines before a cell of even length
// (one empty line per empty cell, the other paragraph layout, makes one),
// and at least two runs that hold an empty cell. A single row that fits
// only so could as well be the other layout with a stray blank line: it
// stays a CELL_COUNT finding.
//
// A cell's kind is read where it lies: ranging over the cells by value
// copied each whole.
func markEmptyParagraphs(rows []*row) {
	long := 0
	for _, r := range rows {
		run := 0
		for i := range r.toks {
			switch r.toks[i].kind {
			case tokBlank, tokEmpty:
				run++
			case tokValue:
				if run > 0 && run%2 == 0 {
					return
				}
				if run >= 3 {
					long++
				}
				run = 0
			}
		}
	}
	if long < 2 {
		return
	}
	for _, r := range rows {
		r.paraEmpty = true
	}
}

// markLabelPads sets padLine on the rows of a table printed one cell per
// line that prints the column a label spans as an empty line right after
// the label. A row shows it when its lines after the label, cells and
// empty lines up to the first blank line, are one more than its n columns,
// the first of them empty and the last a value: the extra line can only
// be the one after the label. A row whose first line is a value and whose
// last is empty shows the other layout, an empty line after the row's
// cells; when both are seen, or neither, no row's empty first line is
// taken for the label's column.
func markLabelPads(rows []*row, n int) {
	pad := false
	for _, r := range rows {
		k, first, last, ok := r.lineSlots()
		if !ok || k != n+1 {
			continue
		}
		switch {
		case first.kind == tokEmpty && r.toks[0].kind == tokEmpty && last.kind == tokValue:
			pad = true
		case first.kind == tokValue && last.kind == tokEmpty:
			return
		}
	}
	if !pad {
		return
	}
	for _, r := range rows {
		r.padLine = true
	}
}

// lineSlots returns the number of cells and empty lines reading 2 takes
// from a row printed one cell per line, and the first and the last of
// them; ok is false for a row with a line of several cells, or none.
func (r *row) lineSlots() (k int, first, last *tok, ok bool) {
	for i := range r.toks {
		t := &r.toks[i]
		if t.rowMode {
			return 0, nil, nil, false
		}
		if t.kind == tokBlank && k > 0 {
			break
		}
		if t.kind == tokValue || t.kind == tokEmpty {
			if k == 0 {
				first = t
			}
			last = t
			k++
		}
	}
	return k, first, last, k > 0
}

// withTrailing is reading 2 with the empty fields that end a tab-separated
// line: it fits when the row's values all stand on one line and the
// line's cells, counted to its last separator, are exactly n. A row that
// prints nothing fits when its label's line ends in at least n empty fields. A
// placement that leaves 总计 empty beside a number is refused, as a lost
// cell with a padding tab could look the same.
func (r *row) withTrailing(s2 []slot, values []*tok, n int) []slot {
	if len(values) == 0 {
		// Every cell blank: however the empty fields stand in the
		// columns (some may be the label's merged columns), each is null.
		if r.trail < n {
			return nil
		}
		s := make([]slot, n)
		for j := range s {
			s[j] = slot{empty: true, line: r.line}
		}
		return s
	}
	last := values[len(values)-1]
	if last.trail == 0 || values[0].line != last.line {
		return nil
	}
	lead := 0
	for lead < len(s2) && s2[lead].empty && s2[lead].line == r.line {
		lead++
	}
	for _, from := range []int{0, lead} {
		if len(s2)-from+int(last.trail) != n {
			continue
		}
		s := append(s2[from:len(s2):len(s2)], make([]slot, last.trail)...)
		for j := len(s2) - from; j < n; j++ {
			s[j] = slot{empty: true, line: int(last.line)}
		}
		if r.needTotal && s[n-1].empty {
			return nil
		}
		return s
	}
	return nil
}

// leadAndTrail reports a row whose cells stand on its label's line, which
// reading 2 fits with the empty fields after the label (s2) while the line
// also ends in empty fields: leaving out as many of those after the label
// as the line ends in, the fields fit too, and the two readings place the
// numbers in other columns.
func (r *row) leadAndTrail(s2 []slot, values []*tok, n int) bool {
	if len(values) == 0 {
		return false
	}
	last := values[len(values)-1]
	if last.trail == 0 || int(values[0].line) != r.line || int(last.line) != r.line {
		return false
	}
	lead := 0
	for lead < len(s2) && s2[lead].empty && s2[lead].line == r.line {
		lead++
	}
	k := len(s2) + int(last.trail) - n // the empty fields after the label that are no cell then
	return k > 0 && lead >= k
}

// trimTo drops trailing empty slots beyond n; it returns nil unless exactly
// n slots remain and the last printed value is among them.
func trimTo(s []slot, n int) []slot {
	for len(s) > n && s[len(s)-1].empty {
		s = s[:len(s)-1]
	}
	if len(s) != n {
		return nil
	}
	return s
}

// pickMeasure keeps, in the header columns of rows, the measure the table
// is aligned by: the one under which more of the rows' printed numbers
// stand at a header column (within two columns of one). pdftotext prints
// a number under its header column in character columns, while its
// display column drifts right with the wide characters of the label
// before it; a fixed-width rendering is the other way round. Both are
// kept when they agree as often (no wide character before a number, or
// no evidence).
func pickMeasure(rows []*row) {
	var nd, nc int
	at := func(x int, cols []int) bool {
		for _, c := range cols {
			if abs(x-c) <= 2 {
				return true
			}
		}
		return false
	}
	for _, r := range rows {
		for i := range r.toks {
			if t := &r.toks[i]; t.kind == tokValue && t.spaced {
				if at(t.center(), r.cols.disp) {
					nd++
				}
				if at(t.rcenter(), r.cols.chars) {
					nc++
				}
			}
		}
	}
	for _, r := range rows {
		switch {
		case nd > nc:
			r.cols.chars = nil
		case nc > nd:
			r.cols.disp = nil
		}
	}
}

// placeByColumn places spaced values under the header columns they stand
// below, measured both in display columns and in character columns: which
// of the two the text was aligned by is not known (pdftotext's grid counts
// characters, a fixed-width font counts display width). A placement is
// taken when one measure gives it and the other gives none or the same;
// when both place the values and disagree, the row is not placed.
func placeByColumn(values []*tok, cols heads, n int) []slot {
	d := byColumn(values, cols.disp, n, tok.center)
	c := byColumn(values, cols.chars, n, tok.rcenter)
	switch {
	case d == nil:
		return c
	case c == nil:
		return d
	}
	for j := range d {
		if d[j].t != c[j].t {
			return nil
		}
	}
	return d
}

// byColumn places spaced values under the nearest header column, each at
// the position pos gives it. It gives up (nil) unless every value is
// spaced, each lands in a different column that is clearly the nearest
// (nearer than half the distance to any other column), and the columns
// keep the values' order. Header positions from pdftotext are
// approximate: columns that came out on top of each other simply cannot
// receive a value.
func byColumn(values []*tok, cols []int, n int, pos func(tok) int) []slot {
	if len(cols) != n || len(values) == 0 || len(values) > n {
		return nil
	}
	for j := 1; j < n; j++ {
		if cols[j] <= cols[j-1] {
			// The header read so is out of order (自然人 right of
			// 商业企): the text is not aligned by this measure.
			return nil
		}
	}
	slots := make([]slot, n)
	for j := range slots {
		slots[j] = slot{empty: true, line: int(values[0].line)}
	}
	last := -1
	for _, v := range values {
		if !v.spaced {
			return nil
		}
		best, bd := -1, 1<<30
		for j, c := range cols {
			if d := abs(pos(*v) - c); d < bd {
				best, bd = j, d
			}
		}
		for j, c := range cols {
			if j != best && abs(c-cols[best]) < 2*bd+1 {
				return nil // another column is about as near
			}
		}
		if best <= last {
			return nil
		}
		last = best
		slots[best] = slot{t: v, line: int(v.line)}
	}
	return slots
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// dropPages removes from the row the bare numbers that are most likely the
// page number printed where a table breaks across pages: one beside a form
// feed or a repeated header (marked page by the tokenizer and the row
// readers), or one alone on its line below a line holding the row's
// other numbers. Such a number stays only when the row, with it, has exactly its n
// cells and satisfies its own arithmetic (fits; nil when the row has none):
// otherwise a blank cell that the layout does not print would let the page
// number take its place, a wrong number no check could catch. Dropped, the
// row is read, repaired or flagged with the numbers that remain.
//
// lines are the document's lines: the line holding the row's other numbers
// is looked at when a number alone below it could be a page number.
func (r *row) dropPages(n int, fits func(vals []*tok) bool, lines []string) {
	rowLine := 0 // the last line holding several of the row's cells
	nvals := 0
	lone := 0      // values of the row standing alone on their lines
	paged := false // a value marked a page number already
	for i := range r.toks {
		if t := &r.toks[i]; t.kind == tokValue {
			nvals++
			if t.rowMode {
				rowLine = int(t.line)
			} else {
				lone++
			}
			if t.page {
				paged = true
			}
		}
	}
	cand := false
	// Below a line of the row's cells, a number alone on its line is
	// where pdftotext prints the page number; not when the row prints
	// another number alone on its line (one cell per line, two of them
	// run together on one line, "1 · 2 3 · 4" or "1 2 · 3 · 4"): the
	// lone numbers are cells, and the row has a number too many.
	// Nor when that line is a bare run of numbers ("8 493", see
	// bareRun): the row has a number too many either way. The values
	// are looked at again only when one can be a page number: most rows
	// have none marked, and no line of cells or several numbers alone.
	if paged || rowLine > 0 && lone == 1 {
		for i := range r.toks {
			if v := &r.toks[i]; v.kind == tokValue && (v.page || (rowLine > 0 && v.alone && !v.rowMode && int(v.line) > rowLine && lone == 1 && !bareRun(lines, rowLine))) {
				v.page, cand = true, true
			}
		}
	}
	var guess *tok
	if !cand && nvals == n+1 {
		// Before a header line a bare number is the page number only
		// when the row has one number too many with it.
		for i := range r.toks {
			if v := &r.toks[i]; v.kind == tokValue && v.pageIfExtra && !(rowLine > 0 && bareRun(lines, rowLine)) {
				v.page, cand = true, true
				guess = v
				break
			}
		}
	}
	if !cand {
		return // the common case: no number looks like a page number
	}
	vals := make([]*tok, 0, nvals)
	for i := range r.toks {
		if t := &r.toks[i]; t.kind == tokValue {
			vals = append(vals, t)
		}
	}
	if len(vals) == n && fits != nil && fits(vals) {
		return
	}
	if drop := pageSubset(vals, n, fits); drop != nil {
		for _, v := range vals {
			v.page = drop[v]
		}
	}
	keep := r.toks[:0:0]
	for i := range r.toks {
		if t := &r.toks[i]; t.kind == tokValue && t.page {
			r.pages++
			if t == guess {
				g := *t
				r.pageGuess = &g
			}
			continue
		}
		keep = append(keep, r.toks[i])
	}
	r.toks = keep
}

// bareRun reports whether line n (1-based) of lines is numbers only,
// separated by single spaces, as one cell of a table printed one cell per
// line ("8 493"): the reader split it into cells (see runBufs.split), but
// it may as well be one number grouped with a space, and the number alone
// on the next line a cell rather than a page number.
func bareRun(lines []string, n int) bool {
	if n < 1 || n > len(lines) {
		return false
	}
	t := trimSpace(lines[n-1])
	if strings.ContainsAny(t, "\t|") || hanContains(t, "  ") || hanContains(t, "｜") {
		return false // more than one field
	}
	return innerSpace(t) && hanCount(t) == 0
}

// pageSubset decides, when a page break leaves more page-number
// candidates than the row has numbers too many (the footer's bare number
// and the first cell of the next page, which the form feed stands beside
// too), which of them are the page numbers: the only choice of as many
// candidates as there are surplus numbers whose removal leaves a row that
// satisfies its arithmetic. Nil when the row has no arithmetic, or no
// choice or several do: then every candidate goes, and the row is
// repaired or flagged as a row with cells missing.
func pageSubset(vals []*tok, n int, fits func([]*tok) bool) map[*tok]bool {
	var cands []*tok
	for _, v := range vals {
		if v.page {
			cands = append(cands, v)
		}
	}
	k := len(vals) - n
	if fits == nil || k <= 0 || k >= len(cands) || len(cands) > 6 {
		return nil
	}
	var found map[*tok]bool
	var foundRest []*tok
	for mask := 0; mask < 1<<len(cands); mask++ {
		if bits.OnesCount(uint(mask)) != k {
			continue
		}
		drop := map[*tok]bool{}
		for j, c := range cands {
			if mask&(1<<j) != 0 {
				drop[c] = true
			}
		}
		rest := make([]*tok, 0, n)
		for _, v := range vals {
			if !drop[v] {
				rest = append(rest, v)
			}
		}
		if !fits(rest) {
			continue
		}
		if found != nil && !sameRaws(rest, foundRest) {
			return nil
		}
		if found == nil {
			// Choices that leave the same numbers in the same order read
			// the row alike (two bare 0s around a page break): one reading.
			found, foundRest = drop, rest
		}
	}
	return found
}

// sameRaws reports whether two runs of numbers print the same texts.
func sameRaws(a, b []*tok) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if compact(a[i].raw) != compact(b[i].raw) {
			return false
		}
	}
	return true
}

// rowTotalFits reports whether the last of a row's numbers is the sum of
// the others, markers counting 0: the arithmetic of a section 三 row.
func rowTotalFits(vals []*tok) bool {
	var sum wide
	for i, v := range vals {
		res := normalize.Count(v.raw)
		x := res.Count
		switch {
		case res.NA:
			x = 0
		case !res.OK() || res.Overflow:
			return false
		}
		if i == len(vals)-1 {
			return sum == wideOf(x)
		}
		sum = sum.add(wideOf(x))
	}
	return false
}

// s4Fits reports whether the fifteen numbers of section 四 satisfy its
// per-proceeding totals.
func s4Fits(vals []*tok) bool {
	for k := 0; k+5 <= len(vals); k += 5 {
		if !rowTotalFits(vals[k : k+5]) {
			return false
		}
	}
	return len(vals)%5 == 0
}

// blankAfterPages reports a row that fits its columns only with blank
// cells once page numbers were taken out of it: the numbers taken may
// have been its cells (a one-cell-per-paragraph table broken over a page
// prints them beside the repeated header), so the blanks are not known
// to be blank. Such a row is repaired or flagged as one with cells
// missing, never read as blank in silence.
func blankAfterPages(r *row, slots []slot) bool {
	return r.pages > 0 && anyEmpty(slots)
}
