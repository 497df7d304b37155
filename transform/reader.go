package transform

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/transform/normalize"
)

// readRows splits the cell stream of a section into rows by their labels,
// as its spec describes the section: which cells are labels (match), what
// a header line does, what text naming no row is, what a repeated label
// does, and the header state the section keeps (units, column positions);
// or, for a table of one row no label names, where that row begins and
// ends (see bare). Sections 二, 三 and 四 are read by it; a new layout of a
// table is a new spec. tableUnit is the unit printed for the whole table
// above it (section 二), "" if none.
func (p *parser) readRows(spec *tableSpec, toks []tok, tableUnit string) []*row {
	rr := p.newRowReader(spec, toks)
	defer p.keepReader(&rr)
	// Section 四's stream is read twice (as a row and transposed), and
	// the rows of one reading must not share cells with the other's.
	rr.inStream = spec.prefix != "s4"
	rr.tableUnit = tableUnit
	var pos *columnPositions
	if spec.columnHead != nil {
		pos = newColumnPositions(spec.columns)
	}
	for i := range toks {
		if i%pollTokens == 0 {
			p.poll() // a huge table makes this loop long
		}
		if len(rr.joined) > 0 && rr.joined[0] == i {
			rr.joined = rr.joined[1:] // a piece of a wrapped label read with its first
			continue
		}
		if spec.bareRow {
			if skip, end := rr.bare(&toks[i]); end {
				break
			} else if skip {
				continue
			}
		}
		cur := rr.cur
		tp := &toks[i] // read where it lies: most cells are numbers, copied once, into their row
		if spec.cellWord != nil && tp.kind == tokText && cur != nil && spec.cellWord(cur.code, tp.c) {
			tp.kind = tokValue
		}
		if tp.kind == tokValue {
			if cur == nil && rr.resumes() {
				cur = rr.closed
				rr.cur, cur.broke = cur, true
			}
			rr.closed = nil
			if cur != nil {
				page := false
				if !spec.headerEndsRow && rr.afterHeader && !rr.pageSeen {
					// Only the first number under the repeated header can
					// be the page number; those after it are cells (a
					// layout of a paragraph per cell prints every cell
					// alone on its line).
					rr.pageSeen = true
					page = true
				}
				if spec.lineRows && tp.spaced && tp.rowMode && !rr.afterHeader &&
					cur.code != "" && numbersBefore(cur, int(tp.line)) {
					// A row's cells stand on one line in a layout aligned
					// with spaces: numbers on a line after the one that
					// gave the row its numbers are another row's, whose
					// label was not read (3.要求提供公开出版 / 3200 3200 /
					// (五)不 物; 不予公 1.属于国家秘 / 开 密 20 10 30). They
					// are no row's.
					cur = rr.begin(row{line: int(tp.line)})
				}
				switch {
				case page && tp.page != tp.alone:
					// a page number printed under the repeated header
					t := *tp
					t.page = t.alone
					rr.add(&t)
				case !rr.extend(cur, toks, i):
					rr.addOther(i)
				}
			}
			rr.amountHeader = ""
			rr.inHeader = false
			continue
		}
		if tp.kind != tokText {
			if cur != nil && !rr.extend(cur, toks, i) { // an empty field or a blank line
				rr.addOther(i)
			}
			continue
		}
		t := *tp
		if spec.units && rr.unitText(t) {
			continue
		}
		if pos != nil && t.spaced && t.rowMode {
			if j := spec.columnHead(t.c); j >= 0 {
				pos.see(j, t)
			} else {
				seeWords(pos, spec.columnHead, t)
			}
		}
		m := p.match(spec, t.c, rr.inGroup)
		if m.kind == lblNone && t.spaced {
			if c, raw, mm, rest, ok := joinWrapped(spec, toks, i, rr.inGroup); ok {
				t.c, t.raw, m = c, raw, mm
				toks[i].c, toks[i].raw = c, raw
				rr.joined = rest
			}
		}
		if spec.labelFirst && m.namesRow() && !t.first {
			m = headerLabel
		}
		var glue *tok
		if lab, tail := gluedTail(t.c); tail != "" {
			if mm := spec.match(lab, rr.inGroup); mm.namesRow() && (!spec.gluedWhole || mm == m) {
				// a row whose cells lost their separators, glued to its
				// label (行政许可5)
				t.c, t.raw = lab, lab
				glue = &tok{kind: tokValue, raw: tail, c: tail, line: t.line, glued: true}
				m = mm.sure()
			}
		}
		if spec.strictRows && !m.namesRow() {
			rr.cur = nil
			continue
		}
		if m.kind != lblHeader {
			rr.inHeader = false
			rr.closed = nil
		}
		switch m.kind {
		case lblHeader:
			rr.header(t)
			continue
		case lblNone, lblGroup:
			rr.amountHeader = ""
			if cur := rr.cur; cur != nil && int(t.line) == cur.line && t.rowMode && valueAfter(toks, i, true) {
				cur.wordsAmid = true
			}
			if spec.extraRows {
				p.extraText(&rr, toks, i)
			} else {
				p.unknownText(&rr, m, toks, i)
			}
			continue
		case lblTotalOrHeader:
			// A bare 总计 is the total row only when numbers follow it
			// directly; otherwise it is a (repeated) column header.
			// Among the cells of a header repeated after a page break it
			// is that header's, numbers after it or not (the first row
			// of the page may print numbers before its label).
			if !rr.started || !valueFollows(toks, i) || rr.afterHeader {
				continue
			}
			m = m.sure()
		case lblOtherOrHeader:
			// An unnumbered 其他 under （六）其他处理 is the row 3.其他
			// when numbers follow it; otherwise, or among the cells of a
			// repeated header, the applicant column.
			if !valueFollows(toks, i) || rr.afterHeader {
				continue
			}
			m = m.sure()
		case lblRow:
			rr.amountHeader = ""
			if m.code != spec.group || spec.group == "" {
				break
			}
			// （六）其他处理 heads its sub-rows when a label, not a number,
			// follows; unless that label is a row after the group (its
			// labels printed in a block before the numbers: （七）总计).
			if j := nextMeaningful(toks, i, true); glue == nil && j >= 0 && toks[j].kind != tokValue &&
				!spec.afterGroupRow(spec.match(toks[j].c, true)) {
				rr.inGroup = true
				continue
			}
			// （六）其他处理 printed beside a sub-row that has begun (a
			// group label centred on its rows) is the group, not the row.
			if glue == nil && cur != nil && subRowOf(cur.code, spec.group) {
				continue
			}
		}
		rr.started = true
		rr.afterHeader = false
		if cur != nil && cur.code == m.code && (spec.repeatJoins || !hasValues(cur)) {
			// the label continues (a split label, or a rowspan repeat)
			if !spec.repeatJoins {
				continue
			}
			if cur.line != int(t.line) && cur.splitFrom == 0 {
				cur.splitFrom = int(t.line)
			}
			if glue != nil {
				rr.add(glue)
			}
			continue
		}
		if spec.group != "" {
			if subRowOf(m.code, spec.group) {
				rr.inGroup = true
			} else if spec.afterGroupRow(m) {
				rr.inGroup = false
			}
		}
		cur = rr.beginLabelled(m.code, t, toks, i, glue)
		cur.out = m.out
		if spec.units {
			cur.unit, cur.hdr = cmp.Or(rr.headerUnit, rr.tableUnit), rr.hdr
		}
		if pos != nil && pos.complete() {
			cur.cols = pos.heads()
		}
	}
	if spec.bareRow && !rr.started && rr.blankSeen {
		// Every cell printed blank (a Word table saved as text): no
		// numbers, but exactly the table's fields.
		rr.begin(row{code: spec.rows[0].code, line: int(rr.blank.line), trail: int(rr.blank.trail)})
	}
	if !spec.headerEndsRow {
		regroupCentred(rr.rows, p.lines)
	}
	return rr.rows
}

// subRowOf reports whether code names a sub-row of group (group.<sub>),
// as strings.HasPrefix(code, group+".") does, without joining the two at
// every label read.
func subRowOf(code, group string) bool {
	return len(code) > len(group) && code[len(group)] == '.' && code[:len(group)] == group
}

// bare reads token t of a table that is one row no label names
// (tableSpec.bareRow). Before its first number, pieces of the columns'
// names and a line of blank fields are kept, and the number begins the
// row. Text is never a label there: a header is skipped (it marks
// nothing), and text after the row began that is no header is the end of
// the table. skip reports a token readRows has nothing more to do with.
func (rr *rowReader) bare(t *tok) (skip, end bool) {
	spec := rr.spec
	if t.kind == tokText {
		if rr.started {
			return true, spec.match(t.c, false).kind == lblNone
		}
		if spec.columnNames != nil && t.spaced && t.rowMode && columnPart(spec.columnNames, t.c) {
			rr.frags = append(rr.frags, *t)
		}
		return true, false
	}
	if rr.started {
		return false, false
	}
	switch {
	case spec.blankLine && !rr.blankSeen && t.kind == tokEmpty && int(t.trail) == spec.columns:
		rr.blank, rr.blankSeen = *t, true
	case t.kind == tokValue:
		rr.started = true
		rr.begin(row{code: spec.rows[0].code, line: int(t.line)})
		if spec.columnNames != nil {
			rr.cur.cols = namedHeads(rr.frags, spec.columnNames, spec.columns)
		}
		return false, false
	}
	return true, false
}

// rowReader is the state of readRows: the rows so far, the current one,
// and one backing array for the rows' cells that are copied. The cells
// are taken in order, each once, so the rows share the array; a row's
// slice is capped at its end, so that a later append to it
// (regroupCentred) copies instead of overwriting the next row's. A row
// whose cells stand one after another in the stream, unchanged, is that
// piece of the stream instead (see direct), capped alike: most rows, in
// a table that prints a row's cells after its label. The stream, in the
// parser's scratch as the array is, is read once (except section 四's,
// whose rows are always copied), so what a later step writes in a row's
// cells is the row's alone.
type rowReader struct {
	spec  *tableSpec
	rows  []*row
	cur   *row
	pool  []tok
	start int

	// The cells of the current row are a piece of the stream (toks),
	// not copied, while they stand in it one after another, unchanged,
	// and inStream allows it: then direct is set, and first and next are
	// the indexes in the stream of the row's first cell and after its
	// last.
	toks        []tok
	inStream    bool
	direct      bool
	first, next int
	slab        []row // the rows' storage: one allocation for a table's rows
	ar          *resolveBufs

	// which of the scratch's buffers pool and slab came from
	poolBuf, slabBuf int

	started     bool  // a row label was read
	afterHeader bool  // a header repeated after a page break was just seen
	pageSeen    bool  // a number was read since the header repeated
	inGroup     bool  // under the spec's group row (（六）其他处理)
	joined      []int // the indexes of the pieces of a wrapped label still to skip (see joinWrapped)

	// A table that is one row no label names (tableSpec.bareRow), before
	// its first number.
	blank     tok   // a line of exactly the row's fields, all empty
	blankSeen bool  // blank was seen
	frags     []tok // pieces of the columns' names

	// The header of a section whose amount columns carry units (see
	// tableSpec.units).
	headerUnit   string   // the unit of the amount column header above
	tableUnit    string   // the unit printed for the whole table
	amountHeader string   // an amount column's header whose unit may wrap onto the next line
	hdr          []string // the column headers of the current block
	inHeader     bool     // the last cell read was a header cell

	// A row a header closed (tableSpec.headerResumes), and the 第二十条
	// line its block printed; nil once anything but a header follows.
	closed      *row
	title       string // the last 第二十条 line read
	closedTitle string // title when closed was closed
}

func (p *parser) newRowReader(spec *tableSpec, toks []tok) rowReader {
	n := len(toks)
	if spec.bareRow {
		// most of the section is header and narrative; the row's cells
		// are about its columns, and the pool grows if not
		n = min(n, 2*spec.columns)
	} else if spec.strictRows {
		// the rows hold only the numbers after their labels: about the
		// table's cells, and the pool grows if not
		n = min(n, 2*len(spec.rows)*spec.columns)
	}
	rr := rowReader{spec: spec, ar: &p.res, toks: toks}
	rr.pool, rr.poolBuf = p.scr.toks.take(n)
	rr.slab, rr.slabBuf = p.scr.rows.take(rowSlab(spec))
	return rr
}

// keepReader hands the reader's buffers, as it grew them, back to the
// scratch for the next report.
func (p *parser) keepReader(rr *rowReader) {
	p.scr.toks.keep(rr.poolBuf, rr.pool)
	p.scr.rows.keep(rr.slabBuf, rr.slab)
}

// rowSlab is the number of rows a block of a reader's row storage holds.
func rowSlab(spec *tableSpec) int {
	switch {
	case spec.bareRow:
		return 1 // the table's one row
	case spec.strictRows:
		return len(spec.rows) // each row once, as a rule
	}
	return 24
}

// begin makes a row as r the current row, and returns it.
func (rr *rowReader) begin(r row) *row {
	if len(rr.slab) == cap(rr.slab) {
		// The rows before keep their storage; the block doubles, so the
		// last one, which the scratch keeps, holds a like table whole.
		rr.slab = make([]row, 0, max(rowSlab(rr.spec), 2*cap(rr.slab)))
	}
	r.ar = rr.ar
	rr.slab = append(rr.slab, r)
	p := &rr.slab[len(rr.slab)-1]
	rr.cur, rr.start, rr.direct = p, len(rr.pool), false
	if rr.rows == nil {
		// the caller keeps the list: sized like a block of rows, so
		// that it is not grown a row at a time
		rr.rows = make([]*row, 0, rowSlab(rr.spec))
	}
	rr.rows = append(rr.rows, p)
	return p
}

// add gives a copy of cell t to the current row.
func (rr *rowReader) add(t *tok) {
	if rr.direct {
		rr.copyOut()
	}
	rr.pool = append(rr.pool, *t)
	rr.cur.toks = rr.pool[rr.start:len(rr.pool):len(rr.pool)]
}

// extend and addOther give cell toks[i] of the stream to the current
// row: as the stream holds it while the row's cells stand there one after
// another (see rowReader.direct), or a copy. extend takes the common
// case, a cell that follows the row's cells in the stream, and is small
// enough to be inlined where readRows adds most cells; it reports whether
// it took the cell, and addOther takes it otherwise.
// readRows passes the current row and the stream it holds in registers
// (cur is rr.cur, toks rr.toks).
func (rr *rowReader) extend(cur *row, toks []tok, i int) bool {
	if !rr.direct || rr.next != i {
		return false
	}
	rr.next++
	cur.toks = toks[rr.first : i+1 : i+1]
	return true
}

// addOther takes the cell extend did not: it begins the row's piece of
// the stream, or is copied.
func (rr *rowReader) addOther(i int) {
	switch {
	case rr.inStream && len(rr.cur.toks) == 0:
		rr.direct, rr.first, rr.next = true, i, i+1
		rr.cur.toks = rr.toks[i : i+1 : i+1]
	default:
		rr.add(&rr.toks[i])
	}
}

// copyOut copies the current row's cells out of the stream, before the
// row takes a cell that does not follow them there or one of them is
// changed.
func (rr *rowReader) copyOut() {
	rr.direct = false
	rr.start = len(rr.pool)
	rr.pool = append(rr.pool, rr.cur.toks...)
	rr.cur.toks = rr.pool[rr.start:len(rr.pool):len(rr.pool)]
}

// beginLabelled starts the row a label cell (toks[i]) names: the empty
// fields its line ends with are the row's when the label ends the line,
// and a run of digits glued to the label is its first cell.
func (rr *rowReader) beginLabelled(code string, t tok, toks []tok, i int, glue *tok) *row {
	r := rr.begin(row{code: code, label: t.c, line: int(t.line)})
	if endsLine(toks, i) {
		r.trail = int(t.trail)
	}
	if glue != nil {
		rr.add(glue)
	}
	return r
}

// lastValue is the last number of the current row, nil if none.
func (rr *rowReader) lastValue() *tok {
	if rr.cur == nil {
		return nil
	}
	for k := len(rr.cur.toks) - 1; k >= 0; k-- {
		if v := &rr.cur.toks[k]; v.kind == tokValue {
			return v
		}
	}
	return nil
}

// ownLast makes *v, a cell of the current row, the row's own to change:
// copied out of the stream with the others when the row's cells are the
// stream's.
func (rr *rowReader) ownLast(v **tok) {
	if !rr.direct {
		return
	}
	k := len(rr.cur.toks) - 1
	for &rr.cur.toks[k] != *v {
		k--
	}
	rr.copyOut()
	*v = &rr.cur.toks[k]
}

// unitText takes text that states a money unit of the header: the rest
// of an amount column's header wrapped in its narrow column (本年收费金额
// （单位： / 万元）, or （单位：万元） on a line of its own: the unit is read
// from the header whole, it is that column's only, and the fragment is no
// row), or a line stating the unit of the whole table (单位：万元).
func (rr *rowReader) unitText(t tok) bool {
	if rr.amountHeader != "" && unitFragment(t.c) && rr.spec.match(t.c, false).kind == lblNone {
		rr.amountHeader += t.c
		rr.headerUnit = normalize.HeaderUnit(rr.amountHeader)
		if len(rr.hdr) > 0 {
			rr.hdr[len(rr.hdr)-1] += t.c
		}
		return true
	}
	if u := unitLine(t.c); u != "" {
		rr.tableUnit = u
		return true
	}
	return false
}

// header reads a header cell. Where a header line closes the row above
// (tableSpec.headerEndsRow), the header's cells and amount units are kept
// for the rows below it, and a bare number ending the row above is the
// page number's place when the row has one too many. Elsewhere the header
// is one repeated after a page break: a bare number ending the row so far
// is the page number's place.
func (rr *rowReader) header(t tok) {
	cur := rr.cur
	if !rr.spec.headerEndsRow {
		if rr.started && cur != nil && !rr.afterHeader {
			if !cur.broke {
				cur.broke, cur.breakAt = true, len(cur.toks)
			}
			if v := rr.lastValue(); v != nil && v.alone && !v.page {
				rr.ownLast(&v)
				v.page = true
			}
		}
		rr.afterHeader = rr.started
		rr.pageSeen = false
		return
	}
	if rr.spec.units {
		rr.amountHeader = ""
		if !rr.inHeader {
			rr.hdr = nil
		}
		rr.inHeader = true
		if !hanContains(t.c, "第二十条") && t.c != "信息内容" {
			if rr.hdr == nil {
				// a block's headers, for the rows below it: one
				// allocation for the columns of a table
				rr.hdr = make([]string, 0, max(rr.spec.columns+1, 4))
			}
			rr.hdr = append(rr.hdr, t.c)
		}
		if hanContains(t.c, "金额") {
			// The unit of an amount column applies below it, up to
			// the next amount column's header: a 2021 table that
			// keeps 政府集中采购 prints its 采购总金额 after
			// 本年收费金额（单位：万元）, each with its own unit.
			rr.headerUnit = normalize.HeaderUnit(t.raw)
			if rr.headerUnit == "" {
				rr.amountHeader = t.c
			}
		}
	}
	title := hanContains(t.c, "第二十条")
	if cur != nil && (hasValues(cur) || title) {
		// A row that has printed no number yet stays open across its own
		// block's header (a label printed above it), not across the
		// next block's 第二十条 line: a number after that (a page number,
		// a cell of a row whose label was not read) is none of its.
		if v := rr.lastValue(); v != nil && v.pageIfExtra != v.alone {
			rr.ownLast(&v)
			v.pageIfExtra = v.alone
		}
		rr.cur = nil
		if rr.spec.headerResumes {
			rr.closed, rr.closedTitle = cur, rr.title
		}
	}
	if title {
		rr.title = t.c // after closing the row above: its block's line is the one before
	}
}

// resumes reports whether a number read after a header, before any
// label, is a cell of the row the header closed: the header repeated
// that row's block (the same columns, and the same 第二十条 line if one
// was printed again) as a page break does. Otherwise such a number has
// no row.
func (rr *rowReader) resumes() bool {
	c := rr.closed
	return c != nil && rr.inHeader && rr.title == rr.closedTitle && slices.Equal(rr.hdr, c.hdr)
}

// extraText reads text that names no row where such text is the label of
// a row the template lacks (tableSpec.extraRows): after a row that has
// printed nothing yet it continues that row's label, unless it is a row
// of its own (a layout aligned with spaces prints no cell of a blank row:
// see wrapOf); otherwise, at the start of a line, it starts a row kept as
// code extra.
func (p *parser) extraText(rr *rowReader, toks []tok, i int) {
	t, cur := toks[i], rr.cur
	if cur != nil && numberLike(t.c) && (t.rowMode && !t.first && int(t.line) == cur.line && cellsSeen(cur) < rr.spec.columnsOf(cur.code) ||
		!t.rowMode && int(t.line) > cur.line && fieldsSeen(cur) < rr.spec.columnsOf(cur.code)) {
		// A cell after the row's label, on its line of a table or on a
		// line of its own in a table printed one cell per line, that
		// starts as a number but is none the normalizer reads (119项*,
		// 119(注1), ≈119, 289。), while the row still lacks cells: a cell
		// of the row. It stands in its column, and is rejected there with
		// what it printed, never taken for the label's rest or the end of
		// the row (either left the row blank in silence). A remark
		// (其中2项已下放) is no cell.
		t.kind = tokValue
		rr.add(&t)
		return
	}
	if cur != nil && !hasValues(cur) && !blankOnItsLine(cur) {
		w := wrapContinues
		if cur.code != "extra" && t.spaced && t.first && hanCount(t.c) >= 2 && numbersOnLine(toks, i) {
			w = p.wrapped(rr, t)
		}
		if w != wrapNewRow {
			return // a label continued on the next line
		}
	}
	if t.first && hanCount(t.c) >= 2 {
		r := rr.begin(row{code: "extra", label: t.c, line: int(t.line)})
		if rr.spec.units {
			r.unit, r.hdr = cmp.Or(rr.headerUnit, rr.tableUnit), rr.hdr
		}
	} else {
		rr.cur = nil
	}
}

// fieldsSeen is the number of fields row r printed after its label, its
// numbers and its empty fields, not counting the blank lines between.
func fieldsSeen(r *row) int {
	n := 0
	for _, t := range r.toks {
		if t.kind == tokValue || t.kind == tokEmpty {
			n++
		}
	}
	return n
}

// numbersBefore reports whether row r holds a number printed on a line
// before line.
func numbersBefore(r *row, line int) bool {
	for _, t := range r.toks {
		if t.kind == tokValue && int(t.line) < line {
			return true
		}
	}
	return false
}

// numberLike reports a cell that begins as a number does (a digit, or
// ≈ 约 ~ or a sign before one) and holds at most two Han characters
// (项, 件, 注): a number with marks, not a remark that cites one.
func numberLike(c string) bool {
	r, n := utf8.DecodeRuneInString(c)
	if strings.ContainsRune("≈约~～+＋-－", r) {
		r, _ = utf8.DecodeRuneInString(c[n:])
	}
	return (r >= '0' && r <= '9' || r >= '０' && r <= '９') && hanCount(c) <= 2
}

// unknownText reads text that names no row (or a group heading) where
// the template's rows are all there is: after a row that has all its
// cells and before numbers, it is the label of a row the template does
// not have, or a group heading printed with the sum of sub-rows the
// report leaves out. Its numbers are no row's (a row without a code);
// they must not become the numbers of the row above, which may have
// printed blank cells. In a layout aligned with spaces a blank row prints
// no cell, so text with numbers after it may be the rest of its label or
// a row of its own (see wrapOf).
func (p *parser) unknownText(rr *rowReader, m label, toks []tok, i int) {
	t, cur := toks[i], rr.cur
	if cur == nil || cur.code == "" || rr.afterHeader || hanCount(t.c) < 2 {
		return
	}
	if cellsSeen(cur) >= rr.spec.columns && valueFollows(toks, i) {
		rr.begin(row{label: t.c, line: int(t.line)})
		return
	}
	if rr.spec.lineRows && t.spaced && t.rowMode && numbersOnLine(toks, i) && numbersBefore(cur, int(t.line)) {
		// The row's numbers stood on a line before: these are another
		// row's, its label not read ((六) 1.申请人无正 beside the group
		// label's first piece), never the rest of the row above, which
		// may have printed blank cells.
		rr.begin(row{label: t.c, line: int(t.line)})
		return
	}
	if t.spaced && cellsSeen(cur) == 0 && numbersOnLine(toks, i) && p.wrapped(rr, t) == wrapNewRow {
		// A label that names no group is a row's, not a group label
		// centred beside the next row's numbers.
		rr.begin(row{label: t.c, line: int(t.line), own: m.kind == lblNone})
	}
}

// columnPositions are the positions of the header cells that name the
// table's columns, in a layout aligned with spaces.
type columnPositions struct {
	disp, chars, line []int
}

func newColumnPositions(n int) *columnPositions {
	return &columnPositions{disp: make([]int, n), chars: make([]int, n), line: make([]int, n)}
}

// seeWords records the columns a header cell names word by word, its
// words set apart by single spaces (商业企业 科研机构 社会公益 法律服务,
// as pdftotext -layout prints headings too close for two): each word
// stands at its own place on the line. Only when every word names a
// column.
func seeWords(c *columnPositions, head func(string) int, t tok) {
	raw := trimSpace(t.raw)
	if !hanContains(raw, " ") {
		return
	}
	type word struct {
		j, off int
		w      string
	}
	var words [8]word
	n := 0
	for off := 0; off < len(raw); {
		for off < len(raw) && raw[off] == ' ' {
			off++
		}
		end := off
		for end < len(raw) && raw[end] != ' ' {
			end++
		}
		if end == off {
			break
		}
		j := head(compact(raw[off:end]))
		if j < 0 || n == len(words) {
			return
		}
		words[n] = word{j, off, raw[off:end]}
		n++
		off = end
	}
	for _, w := range words[:n] {
		sub := t
		sub.col, sub.rcol = t.col+int32(dispWidth(raw[:w.off])), t.rcol+int32(utf8.RuneCountInString(raw[:w.off]))
		sub.end, sub.rend = sub.col+int32(dispWidth(w.w)), sub.rcol+int32(utf8.RuneCountInString(w.w))
		c.see(w.j, sub)
	}
}

// see records header cell t naming column j.
func (c *columnPositions) see(j int, t tok) {
	c.disp[j], c.chars[j], c.line[j] = t.center(), t.rcenter(), int(t.line)
}

// complete reports whether every column's header cell was seen.
func (c *columnPositions) complete() bool { return complete(c.line) }

// heads are the positions seen, copied for a row (both lists in one
// allocation; nil when there are none, as before).
func (c *columnPositions) heads() heads {
	n, m := len(c.disp), len(c.chars)
	if n == 0 || m == 0 {
		return heads{append([]int(nil), c.disp...), append([]int(nil), c.chars...)}
	}
	b := make([]int, n+m)
	copy(b, c.disp)
	copy(b[n:], c.chars)
	return heads{b[:n:n], b[n:]}
}
