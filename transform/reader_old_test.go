package transform

import "cmp"

// readRowsOld, beginLabelledOld, extraTextOld and addOld are readRows,
// beginLabelled, extraText and add as they were at c342d24, which copied
// every cell out of the stream before looking at it: kept to test that
// the reader that reads a cell where it lies reads the same rows. Only
// the names differ.
func (p *parser) readRowsOld(spec *tableSpec, toks []tok, tableUnit string) []*row {
	rr := p.newRowReader(spec, toks)
	defer p.keepReader(&rr)
	rr.tableUnit = tableUnit
	var pos *columnPositions
	if spec.columnHead != nil {
		pos = newColumnPositions(spec.columns)
	}
	for i := range toks {
		p.poll() // a huge table makes this loop long
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
		if spec.cellWord != nil && toks[i].kind == tokText && cur != nil && spec.cellWord(cur.code, toks[i].c) {
			toks[i].kind = tokValue
		}
		t := toks[i]
		if spec.units && t.kind == tokText && rr.unitText(t) {
			continue
		}
		if t.kind != tokText {
			if cur == nil && t.kind == tokValue && rr.resumes() {
				cur = rr.closed
				rr.cur, cur.broke = cur, true
			}
			if t.kind == tokValue {
				rr.closed = nil
			}
			if cur != nil {
				if !spec.headerEndsRow && t.kind == tokValue && rr.afterHeader && !rr.pageSeen {
					// Only the first number under the repeated header can
					// be the page number; those after it are cells (a
					// layout of a paragraph per cell prints every cell
					// alone on its line).
					rr.pageSeen = true
					t.page = t.alone // a page number printed under the repeated header
				}
				if spec.lineRows && t.kind == tokValue && t.spaced && t.rowMode && !rr.afterHeader &&
					cur.code != "" && numbersBefore(cur, int(t.line)) {
					// A row's cells stand on one line in a layout aligned
					// with spaces: numbers on a line after the one that
					// gave the row its numbers are another row's, whose
					// label was not read (3.要求提供公开出版 / 3200 3200 /
					// (五)不 物; 不予公 1.属于国家秘 / 开 密 20 10 30). They
					// are no row's.
					cur = rr.begin(row{line: int(t.line)})
				}
				rr.addOld(t)
			}
			if t.kind == tokValue {
				rr.amountHeader = ""
				rr.inHeader = false
			}
			continue
		}
		if pos != nil && t.spaced && t.rowMode {
			if j := spec.columnHead(t.c); j >= 0 {
				pos.see(j, t)
			} else {
				seeWords(pos, spec.columnHead, t)
			}
		}
		m := spec.match(t.c, rr.inGroup)
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
				p.extraTextOld(&rr, toks, i)
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
				rr.addOld(*glue)
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
		cur = rr.beginLabelledOld(m.code, t, toks, i, glue)
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

// beginLabelled starts the row a label cell (toks[i]) names: the empty
// fields its line ends with are the row's when the label ends the line,
// and a run of digits glued to the label is its first cell.
func (rr *rowReader) beginLabelledOld(code string, t tok, toks []tok, i int, glue *tok) *row {
	r := rr.begin(row{code: code, label: t.c, line: int(t.line)})
	if endsLine(toks, i) {
		r.trail = int(t.trail)
	}
	if glue != nil {
		rr.addOld(*glue)
	}
	return r
}

// add gives a cell to the current row.
func (rr *rowReader) addOld(t tok) {
	rr.pool = append(rr.pool, t)
	rr.cur.toks = rr.pool[rr.start:len(rr.pool):len(rr.pool)]
}

// extraText reads text that names no row where such text is the label of
// a row the template lacks (tableSpec.extraRows): after a row that has
// printed nothing yet it continues that row's label, unless it is a row
// of its own (a layout aligned with spaces prints no cell of a blank row:
// see wrapOf); otherwise, at the start of a line, it starts a row kept as
// code extra.
func (p *parser) extraTextOld(rr *rowReader, toks []tok, i int) {
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
		rr.addOld(t)
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
