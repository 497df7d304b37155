package transform

import "cmp"

// oldReadRows is readRows as it was before it read numbers and empty
// cells where they lie (copying each once, into its row) instead of
// copying every cell first: kept to test that the rows are the same.
// Only the name differs.
func (p *parser) oldReadRows(spec *tableSpec, toks []tok, tableUnit string) []*row {
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
				rr.add(t)
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
				rr.add(*glue)
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
