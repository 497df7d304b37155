package transform

import "strings"

// A PDF-to-Markdown converter can drop a value column of section 三: the
// numbers table beside a table of labels then has one cell fewer a line
// than the template's columns. Which column was lost is not printed; the
// template's arithmetic names it only in part. Every reading that puts
// the lost column back is a candidate: the lost column is 总计 (the sum of
// the printed six, all applicant columns), or it is one applicant column
// (总计, printed last, minus the other five). Each candidate satisfies its
// rows' own totals by construction and each column's equations are the
// same, so only equations with cells outside the block (a column total or
// balance over rows printed in full elsewhere) tell the choices apart: the
// block is read only when exactly one choice fits them all, every such
// equation checked (see lostConfirmed).

// lostColumnReadings returns the candidate readings of the k label rows
// of r's block when their numbers are a table of n-1 cells a line, one
// per choice of the lost column (a choice that makes a cell negative is
// none). It returns nil when the lines are no such table, or when a cell
// is blank: what the lost cell of a row with a blank cell holds is not
// determined.
func lostColumnReadings(r *row, lines []string, n, k int) [][]placed {
	if n < 3 {
		return nil
	}
	m := n - 1
	grid, _, ok := tableOfRows(r, lines, m, k)
	if !ok || len(grid) != m*k {
		return nil
	}
	for _, c := range grid {
		if c.v == nil {
			return nil
		}
	}
	var out [][]placed
	for lost := 0; lost < n; lost++ {
		rd := make([]placed, 0, n*k)
		fits := true
		for i := 0; i < k && fits; i++ {
			printed := grid[i*m : (i+1)*m]
			var x int64
			if lost == n-1 {
				for _, c := range printed {
					x += *c.v
				}
			} else {
				x = *printed[m-1].v
				for _, c := range printed[:m-1] {
					x -= *c.v
				}
			}
			if x < 0 {
				fits = false
				break
			}
			rd = append(rd, printed[:lost]...)
			rd = append(rd, placed{v: &x, line: printed[0].line})
			rd = append(rd, printed[lost:]...)
		}
		if fits {
			out = append(out, rd)
		}
	}
	return out
}

// lostConfirmed reports whether every equation over the block's cells can
// be checked (no cell of it unknown) and holds, and one of them spans two
// rows: a lost column is placed only when nothing in the table is left
// that could contradict the choice.
func lostConfirmed(table *cellTable, cons []lin, cells []string) bool {
	for _, c := range cons {
		touches := false
		for _, cell := range c.cells {
			if indexOf(cells, cell) >= 0 {
				touches = true
				break
			}
		}
		if !touches {
			continue
		}
		for _, cell := range c.cells {
			if cv := table.get(cell); cv == nil || cv.unknown {
				return false
			}
		}
	}
	return gridConfirmed(table, cons, cells)
}

// lostColumn names the column a confirmed lost-column reading put back:
// the cell of its first row that no printed number holds.
func lostColumn(cells []string, rd []placed) string {
	for j, pl := range rd {
		if pl.raw == "" && pl.v != nil {
			return cells[j][strings.LastIndexByte(cells[j], '.')+1:]
		}
	}
	return ""
}
