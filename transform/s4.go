package transform

import (
	"fmt"

	"github.com/nianbao/nianbao/schemas"
)

// readS4 reads section 四: fifteen numbers after the header, in the order
// review, suit_direct, suit_after_review × upheld, corrected, other,
// pending, total.
func (p *parser) readS4() {
	from, to := p.sec.bounds(2)
	cells := s4Cells
	if from < 0 {
		p.missingTable("appeals", 0)
		for _, c := range cells {
			p.addAppeal(c, nil, 0, true)
		}
		return
	}
	toks := tokenize(p.lines, p.cl, from, to, p.keepTail)
	r := &row{code: "s4", line: from + 1}
	started := false
	var heads []int
	blankRow := -1 // a line of fifteen empty tab-separated fields
	for i := range toks {
		t := toks[i]
		if !started && blankRow < 0 && t.kind == tokEmpty && t.trail == len(cells) {
			blankRow = i
		}
		if !started {
			if t.kind == tokText && t.spaced && t.rowMode && isS4Column(t.c) {
				if len(heads) > 0 && t.line != toks[i-1].line && len(heads) >= 15 {
					heads = heads[:0] // a header repeated: keep the latest
				}
				heads = append(heads, t.center())
			}
			if t.kind == tokValue {
				started = true
				r.line = t.line
			} else {
				continue
			}
		}
		if t.kind == tokText && !isS4Header(t.c) {
			break // the narrative after the table
		}
		if t.kind == tokText {
			continue // a header repeated after a page break
		}
		r.toks = append(r.toks, t)
	}
	if len(heads) != len(cells) {
		heads = nil
	}
	if !started && blankRow >= 0 {
		// Every cell printed blank (a Word table saved as text): no
		// numbers, but exactly the table's fifteen fields.
		r.line, r.trail = toks[blankRow].line, toks[blankRow].trail
	}
	r.dropPages(len(cells), s4Fits)
	slots, vals, ok := r.resolveAt(len(cells), heads)
	if ok && r.byPos {
		p.finding("S4_CELL_POSITION", schemas.SeverityRepaired, schemas.KindExtraction, "s4.*",
			fmt.Sprintf("section 四 shows %d numbers for %d columns; each was placed under the header column it stands below on the page", len(vals), len(cells)),
			r.line, nil, nil)
	}
	if ok {
		for j, c := range cells {
			s := slots[j]
			p.addAppeal(c, &s, 0, false)
		}
		return
	}
	for _, c := range cells {
		p.addAppeal(c, nil, r.line, true)
	}
	if len(vals) == 0 {
		p.finding("S4_NO_VALUES", schemas.SeverityError, schemas.KindExtraction, "s4.*",
			"section 四 has its header but no numbers could be read; its cells are null", r.line, nil, nil)
		return
	}
	filled, lost := p.applyRepair(cells, repairRow(cells, vals, p.s4, s4Cons), p.s4,
		func(idx int, d determined) {
			a := &p.out.Appeals[idx]
			a.Count, a.Raw = d.v, d.raw
			if d.line > 0 {
				a.Line = int32(d.line)
			}
		})
	why := "every possible alignment of the printed numbers gives the same 15 values"
	if len(vals) < len(cells) {
		why = "the per-proceeding totals and non-negative counts leave one value for each cell"
	}
	p.cellCountFinding("S4_CELL_COUNT", "s4.*", r, len(vals), len(cells), filled, lost, why)
}

func (p *parser) addAppeal(cell string, s *slot, line int, unknown bool) {
	pr, oc := s4Parts[cell][0], s4Parts[cell][1]
	a := schemas.Appeal{Cell: cell, Proceeding: pr, Outcome: oc}
	cv := p.countCell(cell, len(p.out.Appeals), s, line, unknown)
	a.Count, a.Raw, a.Line = cv.v, cv.raw, int32(cv.line)
	p.s4[cell] = cv
	p.out.Appeals = append(p.out.Appeals, a)
}

// isS4Column reports the header words of section 四's fifteen columns.
func isS4Column(c string) bool {
	switch c {
	case "结果维持", "结果纠正", "其他结果", "尚未审结", "总计":
		return true
	}
	return false
}
