package transform

import (
	"github.com/nianbao/nianbao/transform/normalize"
)

// This file holds the one solver behind every reading of a row that the
// printed text leaves open (a row shifted by a spacer column, digits glued
// together, …): each such row offers its candidate readings, the
// template's arithmetic keeps those that fit the rest of the table, and a
// row is read only when exactly one remains. A layout adds candidates, not
// control flow.

// placed is what a reading puts in one cell: a number, or nil for a blank
// cell or a not-applicable marker, with the text it came from.
type placed struct {
	v    *int64
	raw  string
	line int
}

// openRow is a row of a table whose reading is not yet decided.
type openRow struct {
	cells []string   // the row's cells, in column order
	cands [][]placed // the readings the printed text allows, each len(cells)
	// fits counts the candidates that fitted at the last try; pick is the
	// fitting one when fits is 1.
	fits, pick int
	done       bool
}

// fitsTable reports whether the table, with cells read as rd, satisfies
// every equation of cons that involves one of cells and can be checked,
// and how many such equations were checked. Blank and marked cells count
// 0, as the checks count them; an equation over a cell still unknown, or
// over a cell of skip, cannot be checked.
//
// Most equations involve none of cells: a set of cells' codes by a hash
// (cellBit) tells most of their codes apart from cells' without comparing
// strings.
func fitsTable(table *cellTable, cons []lin, cells []string, rd []placed, skip map[string]bool) (ok bool, checked int) {
	var mine uint64
	for _, cell := range cells {
		mine |= cellBit(cell)
	}
	for _, c := range cons {
		touches := false
		for _, cell := range c.cells {
			if mine&cellBit(cell) != 0 && indexOf(cells, cell) >= 0 {
				touches = true
				break
			}
		}
		if !touches {
			continue
		}
		var sum int64
		checkable := true
		open, pos, neg := false, false, false // cells of rows still open, by the sign of their coefficient
		for i, cell := range c.cells {
			var v *int64
			k := -1
			if mine&cellBit(cell) != 0 {
				// most cells of an equation are other rows': their bit
				// rules them out without a pass over the row's cells
				k = indexOf(cells, cell)
			}
			if k >= 0 {
				v = rd[k].v
			} else {
				cv := table.get(cell)
				if skip[cell] {
					open = true
					pos, neg = pos || c.coef[i] > 0, neg || c.coef[i] < 0
					continue
				}
				if cv == nil || cv.unknown {
					checkable = false
					break
				}
				v = cv.v
			}
			if v != nil {
				sum += c.coef[i] * *v
			}
		}
		switch {
		case !checkable:
			continue
		case open:
			// The open rows' cells are counts, never negative: the
			// equation still bounds the others when they all stand on
			// one side of it.
			if (pos && !neg && sum > 0) || (neg && !pos && sum < 0) {
				return false, checked
			}
			continue
		}
		checked++
		if sum != 0 {
			return false, checked
		}
	}
	return true, checked
}

// cellBit is a bit of a cell code's own, by its length and two of its
// bytes: the codes of a row's cells and of the cells beside them in an
// equation differ in their length, their outcome's first letter (s3.granted,
// s3.partial …) or their last letter (…natural_person, …commercial).
func cellBit(code string) uint64 {
	h := uint32(len(code))
	if len(code) > 4 {
		h = h<<16 | uint32(code[4])<<8 | uint32(code[len(code)-1])
	}
	return 1 << (h * 0x9e3779b1 >> 26)
}

func indexOf(cells []string, cell string) int {
	for i, c := range cells {
		if c == cell {
			return i
		}
	}
	return -1
}

// solveRows decides the open rows of a table, in passes: a row is decided
// when exactly one of its candidates fits the table, the cells of the rows
// still open counting as unknown, and the fit was checked against at least
// minChecked equations. A decided row's reading is written to the table,
// so that it can decide others. It stops when a pass decides nothing; the
// rows left open keep done false, with fits the candidates that fitted.
func solveRows(table *cellTable, cons []lin, rows []*openRow, minChecked int) {
	for progress := true; progress; {
		progress = false
		skip := map[string]bool{}
		for _, r := range rows {
			if !r.done {
				for _, c := range r.cells {
					skip[c] = true
				}
			}
		}
		for _, r := range rows {
			if r.done {
				continue
			}
			r.fits, r.pick = 0, -1
			enough := false
			for k, rd := range r.cands {
				ok, checked := fitsTable(table, cons, r.cells, rd, skip)
				if !ok {
					continue
				}
				r.fits++
				r.pick = k
				enough = checked >= minChecked
				if r.fits > 1 {
					break
				}
			}
			if r.fits != 1 || !enough {
				continue
			}
			r.done, progress = true, true
			for j, cell := range r.cells {
				delete(skip, cell)
				cv := table.get(cell)
				pl := r.cands[r.pick][j]
				cv.unknown, cv.v, cv.na, cv.raw = false, pl.v, pl.v == nil, pl.raw
				if pl.line > 0 {
					cv.line = pl.line
				}
			}
		}
	}
}

// readCount is the value a printed count cell holds for the solver: ok
// false when the text is no count at all.
func readCount(raw string) (v *int64, ok bool) {
	res := normalize.Count(raw)
	switch {
	case res.NA:
		return nil, true
	case res.OK() && !res.Overflow && !res.Approximate && res.Count >= 0:
		x := res.Count
		return &x, true
	}
	return nil, false
}
