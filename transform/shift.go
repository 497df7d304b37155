package transform

import (
	"fmt"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

// shownRow is a row of section 三 read with all its cells placed.
type shownRow struct {
	o     schemas.Outcome
	r     *row
	slots []slot
}

// shiftS3 reconsiders the rows of section 三 that printed blank cells and
// whose own total fails as read or is blank: in a grid, a spacer column or
// a span the text does not show moves every cell of such a row by a
// column, and the arithmetic then fails through our reading, not the
// report's. Each shift of the printed cells that keeps them in the row is
// a candidate; the one shift that restores the row total and the column
// totals it is checked against is taken (repaired, raw kept). A row whose
// printed cells are all zero or markers holds its total in every shift, so
// when its total stands blank the reading as printed is a candidate too:
// the 0 printed under 其他 may be the total moved a column left. When
// several readings or none fit, the row's alignment is not known and its
// cells are left null.
func (p *parser) shiftS3(shown []shownRow, outcomes []schemas.Outcome) {
	cons := s3Cons[variant(isSingle(outcomes))]
	var open []*openRow
	var which []shownRow
	var asRead0 []bool // the row's first candidate is its reading as printed
	for _, s := range shown {
		if !offCandidate(s.slots) {
			continue
		}
		n := len(s.slots)
		asRead := make([]placed, n)
		var pos []int
		readable := true
		for j, sl := range s.slots {
			asRead[j].line = sl.line
			if sl.t == nil {
				continue
			}
			v, ok := readCount(sl.t.raw)
			if !ok {
				readable = false
				break
			}
			asRead[j] = placed{v: v, raw: sl.t.raw, line: sl.line}
			pos = append(pos, j)
		}
		if !readable || len(pos) == 0 || len(pos) == n {
			continue
		}
		// A row that prints cells but leaves its total blank may hold
		// as read (all its cells zero or markers) and still stand a column
		// off: its reading as printed is then one candidate among the
		// shifts, and is kept only if no shift fits as well.
		asIs := rowTotalHolds(asRead)
		if asIs && s.slots[n-1].t != nil {
			continue
		}
		cands := shifts(asRead, pos, s.r.line)
		if len(cands) == 0 {
			continue
		}
		if asIs {
			cands = append([][]placed{asRead}, cands...)
		}
		open = append(open, &openRow{cells: appCells[s.o.Code.Code], cands: cands})
		which = append(which, s)
		asRead0 = append(asRead0, asIs)
	}
	if len(open) == 0 {
		return
	}
	solveRows(p.s3, cons, open, 2)
	for i, or := range open {
		s := which[i]
		cell := "s3." + s.o.Code.Code + ".*"
		if asRead0[i] && or.fits == 1 && or.pick == 0 {
			continue // the row as printed fits, and no shift does
		}
		if or.done {
			for _, c := range or.cells {
				cv := p.s3.get(c)
				a := &p.out.Applications[cv.idx]
				a.Count, a.Raw, a.Line = cv.v, cv.raw, int32(cv.line)
			}
			p.finding(ruleS3RowShift, schemas.SeverityRepaired, cell,
				fmt.Sprintf("row %q as read fails its own total; its printed cells stand one or more columns off (a spacer column or a span in the grid): exactly one shift of them satisfies the row total and the column totals, and is taken", s.r.label),
				s.r.line, nil, nil)
			continue
		}
		for _, c := range or.cells {
			cv := p.s3.get(c)
			cv.unknown, cv.v, cv.na = true, nil, false
			p.out.Applications[cv.idx].Count = nil
		}
		what := "no shift of its printed cells satisfies the row and column totals either"
		if or.fits > 1 && asRead0[i] {
			what = "its cells as printed, with the total blank, and a shift of them that fills the total both satisfy the row and column totals"
		} else if or.fits > 1 {
			what = "several shifts of its printed cells satisfy the row and column totals"
		} else if or.fits == 1 {
			what = "one shift of its printed cells fits, but too few totals could be checked to confirm it"
		}
		p.finding(ruleS3RowShift, schemas.SeverityError, cell,
			fmt.Sprintf("row %q prints blank cells and fails its own total as read, so its cells may stand off their columns; %s, so the row is left null (raw kept)", s.r.label, what),
			s.r.line, nil, nil)
	}
}

// rowTotalHolds reports whether the last cell of a section 三 row equals
// the sum of the others, blanks and markers counting 0.
func rowTotalHolds(rd []placed) bool {
	var sum int64
	for _, pl := range rd[:len(rd)-1] {
		if pl.v != nil {
			sum += *pl.v
		}
	}
	var t int64
	if v := rd[len(rd)-1].v; v != nil {
		t = *v
	}
	return sum == t
}

// shifts lists the readings of a row whose printed cells (at pos in
// asRead) stand off their columns: the whole row moved by any number of
// columns, or the cells from some column on moved by one (a spacer or a
// span inside the row), each keeping the cells in the row and in order.
func shifts(asRead []placed, pos []int, line int) [][]placed {
	n := len(asRead)
	var out [][]placed
	add := func(from, d int) {
		rd := make([]placed, n)
		for j := range rd {
			rd[j].line = line
		}
		for k, j := range pos {
			to := j
			if j >= from {
				to = j + d
			}
			if to < 0 || to >= n || (k > 0 && to <= target(pos[k-1], from, d)) {
				return
			}
			rd[to] = asRead[j]
		}
		for _, o := range out {
			if sameReading(o, rd) {
				return
			}
		}
		out = append(out, rd)
	}
	for d := -pos[0]; pos[len(pos)-1]+d < n; d++ {
		if d != 0 {
			add(0, d)
		}
	}
	for from := 1; from < n; from++ {
		add(from, 1)
		add(from, -1)
	}
	return out
}

func target(j, from, d int) int {
	if j >= from {
		return j + d
	}
	return j
}

func sameReading(a, b []placed) bool {
	for j := range a {
		if (a[j].v == nil) != (b[j].v == nil) || a[j].raw != b[j].raw {
			return false
		}
	}
	return true
}

// offCandidate reports, without allocating, a row that prints some but
// not all of its cells and whose total is blank or not the sum of the
// others as read: the rows shiftS3 reconsiders. A cell that is no count
// leaves the row as it is.
func offCandidate(slots []slot) bool {
	printed := 0
	for _, sl := range slots {
		if sl.t != nil {
			printed++
		}
	}
	if printed == 0 || printed == len(slots) {
		return false
	}
	var sum, total int64
	blankTotal := slots[len(slots)-1].t == nil
	for j, sl := range slots {
		if sl.t == nil {
			continue
		}
		n, na, plain := normalize.CountPlain(sl.t.raw)
		if !plain {
			res := normalize.Count(sl.t.raw)
			if !res.NA && (!res.OK() || res.Overflow || res.Approximate || res.Count < 0) {
				return false
			}
			n, na = res.Count, res.NA
		}
		switch {
		case na:
			continue
		case j == len(slots)-1:
			total = n
		default:
			sum += n
		}
	}
	return sum != total || blankTotal
}
