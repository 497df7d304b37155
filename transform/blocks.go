package transform

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// Text from pdftotext's default mode (no -layout) can print a table column
// by column: the row labels one after another, then the first column's
// numbers, then the next column's; a table broken over pages does so page
// by page. Read in printed order, every number of such a block lands in
// its last row. The two orders a block of complete rows can be printed in
// (row by row, column by column) are candidate readings like any other;
// the table solver keeps those that fit the template's arithmetic, and the
// block is read only when they agree.

// labelBlock is a run of section 三 rows printed as a block of labels and
// then all their numbers.
type labelBlock struct {
	rows []*row
	vals []*tok
	open *openRow
	// broken is set when the numbers are not one per cell (a blank cell
	// prints nothing in this layout): which cells they fill is unknown.
	broken bool
	// grid, when set, holds the block's cells row by row as a table of
	// their own printed them (blank cells null): the only reading.
	grid []placed
	// width is the number of columns of that table; when it is not the
	// template's, the block is broken.
	width int
	// lost, for a table of one column fewer than the template's, holds a
	// reading per choice of the lost column (see lostColumnReadings).
	lost [][]placed
}

// labelBlocks finds the blocks of rows whose labels stand together with
// no number, the last of them followed by exactly one number per cell of
// the block (the page numbers among them left out when that makes the
// count), n cells a row.
//
// A PDF-to-Markdown converter prints a page of the table as two tables:
// the labels, each row padded with the empty cells of the label columns it
// does not span, then the numbers under generic headers (数据1 … 数据7).
// The padding makes such a label row look like a row printed blank; it is
// read as a label of a block only when the numbers that follow are a table
// of their own of exactly one line of n cells (numbers or blank) per label
// row, so row i of the numbers pairs with row i of the labels (which the
// template's arithmetic must then confirm, see readBlocks). Labels merged
// into one column, with no padding, are read so too.
func labelBlocks(rows []*row, lines []string, n int) map[*row]*labelBlock {
	var out map[*row]*labelBlock
	var run, padded []*row
	add := func(b *labelBlock) {
		if out == nil {
			out = map[*row]*labelBlock{}
		}
		for _, br := range b.rows {
			out[br] = b
		}
	}
	for _, r := range rows {
		if r.code == "" {
			continue
		}
		if !hasValues(r) && !labelOnly(r) {
			run = run[:0] // a row printed blank: no label of a block
			if padOnly(r) {
				padded = append(padded, r)
			} else {
				padded = padded[:0]
			}
			continue
		}
		run = append(run, r)
		padded = append(padded, r)
		if !hasValues(r) {
			continue
		}
		if k := len(padded); k >= 2 {
			grid, width, ok := tableOfRows(r, lines, n, k)
			if ok || width > 0 {
				b := &labelBlock{rows: append([]*row(nil), padded...), grid: grid, width: width, broken: !ok}
				if !ok && width == n-1 {
					b.lost = lostColumnReadings(r, lines, n, k)
				}
				add(b)
				run, padded = run[:0], padded[:0]
				continue
			}
		}
		padded = padded[:0]
		k := len(run)
		if k >= 2 {
			var all, kept []*tok
			for i := range r.toks {
				if t := &r.toks[i]; t.kind == tokValue {
					all = append(all, t)
					if !t.page {
						kept = append(kept, t)
					}
				}
			}
			vals := all
			if len(vals) != n*k {
				vals = kept
			}
			// Numbers that do not stand beside the last label, after
			// labels that print nothing at all, are the block's even when
			// they are not one per cell.
			broken := len(vals) != n*k && len(all) > 0 && int(all[0].line) != r.line
			if len(vals) == n*k || broken {
				add(&labelBlock{rows: append([]*row(nil), run...), vals: vals, broken: broken})
			}
		}
		run = run[:0]
	}
	return out
}

// padOnly reports a row that printed its label and empty cells only, on
// lines of separated cells, with no number and no text after the label
// but the table's delimiter row (---), when the row was taken as its
// header.
func padOnly(r *row) bool {
	for _, t := range r.toks {
		switch t.kind {
		case tokValue, tokBlank:
			return false
		case tokText:
			if !isRuleCell(t.c) {
				return false // not the delimiter row under a first row taken as header
			}
		case tokEmpty:
			if t.spaced || !t.rowMode {
				return false
			}
		}
	}
	return true
}

// tableOfRows reads the numbers of r, the last of k label rows, when
// they stand below its label's line as a table of their own: k lines of
// exactly n cells separated by '|', each a number or blank (a blank cell,
// null), under a header line of generic column names. It returns the
// cells row by row. When the lines are k rows of a table of another
// width (a column lost or split in conversion), it returns that width.
func tableOfRows(r *row, lines []string, n, k int) ([]placed, int, bool) {
	var grid []placed
	var vals []*tok
	seen := map[int]bool{}
	var order []int
	for i := range r.toks {
		t := &r.toks[i]
		switch {
		case int(t.line) <= r.line && t.kind == tokValue:
			return nil, 0, false // a number beside the last label: its row's
		case int(t.line) <= r.line:
			continue
		case t.kind == tokValue:
			if t.spaced || t.page {
				return nil, 0, false
			}
			vals = append(vals, t)
		case t.kind == tokEmpty && int(t.line)-1 < len(lines) && blankRow(pipeFields(lines[int(t.line)-1]), max(n, len(pipeFields(lines[int(t.line)-1])))):
			// a line of blank cells among the numbers: a row printed blank
		default:
			continue
		}
		if !seen[int(t.line)] {
			seen[int(t.line)] = true
			order = append(order, int(t.line))
		}
	}
	if len(order) != k {
		return nil, 0, false
	}
	width := -1
	for _, ln := range order {
		w := -2
		if ln-1 < len(lines) {
			w = len(pipeFields(lines[ln-1]))
		}
		if width != -1 && w != width {
			return nil, 0, false
		}
		width = w
	}
	// Label columns kept as empty cells before the numbers (a converter
	// that keeps the grid's columns) are blank on every line.
	lead := width - n
	for _, ln := range order {
		if lead <= 0 {
			break
		}
		if !blankRow(pipeFields(lines[ln-1])[:lead], lead) {
			lead = 0
		}
	}
	if lead < 0 || (lead == 0 && width != n) {
		return nil, max(width, 0), false
	}
	v := 0
	for _, ln := range order {
		if ln-1 >= len(lines) {
			return nil, 0, false
		}
		fs := pipeFields(lines[ln-1])[lead:]
		if len(fs) != n {
			return nil, 0, false
		}
		for _, f := range fs {
			if isBlank(f) {
				grid = append(grid, placed{line: ln})
				continue
			}
			if v >= len(vals) || int(vals[v].line) != ln || strings.TrimFunc(vals[v].raw, isSpace) != strings.TrimFunc(f, isSpace) {
				return nil, 0, false // text among the numbers
			}
			x, ok := readCount(vals[v].raw)
			if !ok {
				return nil, 0, false
			}
			grid = append(grid, placed{v: x, raw: vals[v].raw, line: ln})
			v++
		}
	}
	if v != len(vals) {
		return nil, 0, false
	}
	return grid, n, true
}

// blankRow reports n fields, all blank.
func blankRow(fs []string, n int) bool {
	if len(fs) != n {
		return false
	}
	for _, f := range fs {
		if !isBlank(f) {
			return false
		}
	}
	return true
}

// pipeFields splits a line of a '|' table into its cells, without the
// empty fields before the opening and after the closing '|'; nil when the
// line is not such a row.
func pipeFields(ln string) []string {
	ln = strings.ReplaceAll(strings.TrimFunc(ln, isSpace), "｜", "|")
	if !strings.HasPrefix(ln, "|") || !strings.HasSuffix(ln, "|") || len(ln) < 2 {
		return nil
	}
	return strings.Split(ln[1:len(ln)-1], "|")
}

// readBlocks decides the label blocks of section 三, whose cells are
// already unknown in the table, and writes what is determined.
func (p *parser) readBlocks(blocks map[*row]*labelBlock, cons []lin) {
	var list []*labelBlock
	var open []*openRow
	n := len(schemas.Applicants)
	seen := map[*labelBlock]bool{}
	order := make([]*labelBlock, 0, len(blocks))
	for _, b := range blocks {
		if !seen[b] {
			seen[b] = true
			order = append(order, b)
		}
	}
	sortBlocks(order)
	for _, b := range order {
		k := len(b.rows)
		var cells []string
		for _, r := range b.rows {
			cells = append(cells, appCells[r.code]...)
		}
		byRow := make([]placed, n*k)
		byCol := make([]placed, n*k)
		readable := !b.broken
		for m, t := range b.vals {
			if b.broken {
				break
			}
			v, ok := readCount(t.raw)
			readable = readable && ok
			byRow[m] = placed{v: v, raw: t.raw, line: int(t.line)}
			i, j := m%k, m/k // column by column: m = j*k + i
			byCol[i*n+j] = placed{v: v, raw: t.raw, line: int(t.line)}
		}
		b.open = &openRow{cells: cells}
		switch {
		case b.lost != nil:
			b.open.cands = b.lost
		case b.grid != nil:
			b.open.cands = [][]placed{b.grid}
		case readable:
			b.open.cands = [][]placed{byCol}
			if !sameReading(byCol, byRow) {
				b.open.cands = append(b.open.cands, byRow)
			}
		}
		list = append(list, b)
		open = append(open, b.open)
	}
	solveRows(p.s3, cons, open, 1)
	confirmGrids(p.s3, cons, list)
	for _, b := range list {
		first, last := b.rows[0], b.rows[len(b.rows)-1]
		what := fmt.Sprintf("the %d rows from %q to %q print their labels first, then their %d numbers", len(b.rows), first.label, last.label, len(b.vals))
		if b.grid != nil {
			what = fmt.Sprintf("the %d rows from %q to %q print their labels as a table, then their numbers as another of %d rows", len(b.rows), first.label, last.label, len(b.rows))
		}
		if !b.open.done {
			why := "neither reading, row by row or column by column, satisfies the template's arithmetic"
			switch {
			case b.lost != nil && b.open.fits > 1:
				what = fmt.Sprintf("the %d rows from %q to %q print their labels as a table, then their numbers as another of %d rows of %d cells for the template's %d columns", len(b.rows), first.label, last.label, len(b.rows), b.width, n)
				why = "a column was lost in conversion, and more than one choice of the lost column satisfies the template's arithmetic"
			case b.width > 0 && b.width != n:
				what = fmt.Sprintf("the %d rows from %q to %q print their labels as a table, then their numbers as another of %d rows of %d cells for the template's %d columns", len(b.rows), first.label, last.label, len(b.rows), b.width, n)
				why = "a column was lost or split in conversion, and which one is not known"
			case b.grid != nil:
				why = "read row by row, the template's arithmetic across rows does not hold, or cannot be checked, with the rest of the table"
			case b.broken:
				what = fmt.Sprintf("the %d rows from %q to %q print their labels first, then %d numbers for their %d cells", len(b.rows), first.label, last.label, len(b.vals), n*len(b.rows))
				why = "blank cells print nothing in this layout, so which cells the numbers fill is not known"
			case b.open.fits > 1:
				why = "both readings, row by row and column by column, satisfy the template's arithmetic with different values"
			}
			p.finding(ruleS3ColumnBlocks, schemas.SeverityError, "s3.*",
				what+"; "+why+", so their cells are left null", last.line, nil, nil)
			continue
		}
		for _, c := range b.open.cells {
			cv := p.s3.get(c)
			a := &p.out.Applications[cv.idx]
			a.Count, a.Raw, a.Line = cv.v, cv.raw, int32(cv.line)
		}
		if b.lost != nil {
			p.finding(ruleS3ColumnBlocks, schemas.SeverityRepaired, "s3.*",
				fmt.Sprintf("the %d rows from %q to %q print their labels as a table, then their numbers as another of %d rows of %d cells for the template's %d columns; the column lost in conversion is %s, the only choice for which the template's arithmetic holds (its cells computed from each row's total, the printed numbers kept as printed)", len(b.rows), first.label, last.label, len(b.rows), b.width, n, lostColumn(b.open.cells, b.lost[b.open.pick])), last.line, nil, nil)
			continue
		}
		if b.open.pick == 0 && len(b.open.cands) > 1 {
			p.finding(ruleS3ColumnBlocks, schemas.SeverityRepaired, "s3.*",
				what+" column by column (pdftotext's default mode); read so, the template's arithmetic holds, and read row by row it does not", last.line, nil, nil)
			continue
		}
		p.finding(ruleS3ColumnBlocks, schemas.SeverityInfo, "s3.*",
			what+"; read row by row, as printed, which the template's arithmetic confirms", last.line, nil, nil)
	}
}

// confirmGrids undoes the blocks read from a table of numbers of their
// own (labelBlock.grid) that the table's arithmetic does not confirm as a
// whole. Their one reading, row by row, satisfies each row's own total
// whatever label row each line of numbers stands for; it is confirmed
// only by an equation across rows (a column total, the year's balance)
// that holds with every cell it names known, and by no equation that
// fails. A block undone may have decided another, so it repeats until
// nothing changes.
func confirmGrids(table *cellTable, cons []lin, list []*labelBlock) {
	for changed := true; changed; {
		changed = false
		for _, b := range list {
			if (b.grid == nil && b.lost == nil) || !b.open.done {
				continue
			}
			if b.lost == nil && gridConfirmed(table, cons, b.open.cells) || b.lost != nil && lostConfirmed(table, cons, b.open.cells) {
				continue
			}
			b.open.done, changed = false, true
			for _, c := range b.open.cells {
				cv := table.get(c)
				cv.unknown, cv.v, cv.na, cv.raw = true, nil, false, ""
			}
		}
	}
}

// gridConfirmed reports whether every equation over cells whose cells are
// all known holds, and at least one of them spans two rows.
func gridConfirmed(table *cellTable, cons []lin, cells []string) bool {
	across := false
	for _, c := range cons {
		touches, known := false, true
		var sum int64
		for i, cell := range c.cells {
			touches = touches || indexOf(cells, cell) >= 0
			cv := table.get(cell)
			if cv == nil || cv.unknown {
				known = false
				break
			}
			if cv.v != nil {
				sum += c.coef[i] * *cv.v
			}
		}
		if !touches || !known {
			continue
		}
		if sum != 0 {
			return false
		}
		across = across || spansRows(c.cells)
	}
	return across
}

// spansRows reports whether the cells (s3.<row>.<column>) are of more
// than one row.
func spansRows(cells []string) bool {
	rowOf := func(c string) string { return c[:max(strings.LastIndexByte(c, '.'), 0)] }
	for _, c := range cells[1:] {
		if rowOf(c) != rowOf(cells[0]) {
			return true
		}
	}
	return false
}

// sortBlocks orders blocks by the line of their first label.
func sortBlocks(bs []*labelBlock) {
	for i := 1; i < len(bs); i++ {
		for j := i; j > 0 && bs[j].rows[0].line < bs[j-1].rows[0].line; j-- {
			bs[j], bs[j-1] = bs[j-1], bs[j]
		}
	}
}

// labelOnly reports a row that printed its label and nothing else: no
// cell, empty or not, and no two blank lines in a row (in a layout of a
// paragraph per cell, that is an empty cell); a single blank line only
// ends a paragraph.
func labelOnly(r *row) bool {
	if r.trail > 0 {
		return false
	}
	prevBlank := -1
	for _, t := range r.toks {
		switch t.kind {
		case tokValue, tokEmpty:
			return false
		case tokBlank:
			if int(t.line) == prevBlank+1 {
				return false
			}
			prevBlank = int(t.line)
		}
	}
	return true
}
