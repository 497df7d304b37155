package extract

// grid.fill as it was before its path for a cell of one row and column
// at the end of its row, kept so that a differential test can compare
// the two.

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// oldFill is grid.fill before that path: every cell through the loops.
func (g *grid) oldFill(r, c, rs, cs int, text string) bool {
	for i := r; i < r+rs; i++ {
		for j := c; j < c+cs; j++ {
			for len(g.rows[i]) <= j {
				if g.cells >= maxGridCells {
					return false
				}
				g.cells++
				g.rows[i] = append(g.rows[i], "")
				g.set[i] = append(g.set[i], false)
			}
			if len(g.origin) <= i {
				g.origin = append(g.origin, make([][]bool, i+1-len(g.origin))...)
			}
			for len(g.origin[i]) <= j {
				g.origin[i] = append(g.origin[i], false)
			}
			if !g.set[i][j] {
				g.rows[i][j], g.set[i][j] = text, true
				g.origin[i][j] = i == r && j == c
			}
		}
	}
	return true
}

// fillOp is one call of grid.fill.
type fillOp struct {
	r, c, rs, cs int
	text         string
}

// gridShape is how a grid is made before it is filled: as the DOCX
// reader makes it (room for each row's columns, origin made), as the
// HTML readers do (no room, no origin), and with cells counted close to
// maxGridCells.
type gridShape struct {
	room   []int // each row's room; nil for none
	origin bool
	cells  int
}

func (s gridShape) make(rows int) *grid {
	g := &grid{rows: make([][]string, rows), set: make([][]bool, rows), cells: s.cells}
	if s.origin {
		g.origin = make([][]bool, rows)
	}
	for i := range rows {
		if i < len(s.room) && s.room[i] > 0 {
			g.rows[i], g.set[i] = make([]string, 0, s.room[i]), make([]bool, 0, s.room[i])
			if s.origin {
				g.origin[i] = make([]bool, 0, s.room[i])
			}
		}
	}
	return g
}

// sameFill fails unless fill and oldFill, given ops one after the other
// on grids of the same shape, return the same and leave the same grid:
// texts, flags, origins, count, and each row's length and capacity.
func sameFill(t testing.TB, name string, rows int, shape gridShape, ops []fillOp) {
	t.Helper()
	g, o := shape.make(rows), shape.make(rows)
	for k, op := range ops {
		if op.r < 0 || op.r+op.rs > rows || op.c < 0 || op.rs < 1 || op.cs < 1 {
			continue // the callers never make these
		}
		got, want := g.fill(op.r, op.c, op.rs, op.cs, op.text), o.oldFill(op.r, op.c, op.rs, op.cs, op.text)
		if got != want {
			t.Fatalf("%s: op %d %+v: fill %v, oldFill %v", name, k, op, got, want)
		}
	}
	caps := func(g *grid) (c []int) {
		for i := range g.rows {
			c = append(c, cap(g.rows[i]), cap(g.set[i]))
		}
		for i := range g.origin {
			c = append(c, len(g.origin[i]), cap(g.origin[i]))
		}
		return c
	}
	if !reflect.DeepEqual(g, o) || !reflect.DeepEqual(caps(g), caps(o)) {
		t.Fatalf("%s: fill left\n%+v %v\noldFill left\n%+v %v", name, g, caps(g), o, caps(o))
	}
}

// fillShapes are the shapes sameFill is tried with for rows of the given
// widths.
func fillShapes(widths []int) []gridShape {
	return []gridShape{
		{room: widths, origin: true}, {}, {origin: true}, {room: widths},
		{room: widths, origin: true, cells: maxGridCells - 3}, {cells: maxGridCells - 1}, {origin: true, cells: maxGridCells},
	}
}

// tableOps are the calls that fill a grid with rows cell by cell, as
// the readers do, with a span of every few cells made wider or taller
// (seeded by k) and a cell written over one already set.
func tableOps(rows [][]string, k int) []fillOp {
	var ops []fillOp
	for i, row := range rows {
		col := 0
		for j, cell := range row {
			rs, cs := 1, 1
			if (i+j+k)%7 == 3 {
				cs = 2
			}
			if (i*3+j+k)%11 == 5 && i+1 < len(rows) {
				rs = 2
			}
			ops = append(ops, fillOp{i, col, rs, cs, cell})
			if (i+j+k)%13 == 6 {
				ops = append(ops, fillOp{i, col, 1, 1, "again"})
			}
			col += cs
		}
	}
	return ops
}

// sameFillTables runs sameFill over rows, filled cell by cell and with
// spans, in every shape.
func sameFillTables(t testing.TB, name string, rows [][]string) {
	t.Helper()
	widths := make([]int, len(rows))
	for i, row := range rows {
		widths[i] = len(row)
	}
	for s, shape := range fillShapes(widths) {
		for k := range 3 {
			ops := tableOps(rows, k)
			if k == 0 {
				ops = ops[:0]
				for i, row := range rows {
					for j, cell := range row {
						ops = append(ops, fillOp{i, j, 1, 1, cell})
					}
				}
			}
			sameFill(t, fmt.Sprintf("%s shape %d k %d", name, s, k), len(rows), shape, ops)
		}
	}
}

// TestGridFillSameAsOld: fill leaves grids as oldFill did, filled with
// the tables of generated reports of every layout (.docx and HTML), of
// the fuzz seeds and corpus of the .docx reader, and of the seed
// reports cut into cells, cell by cell and with spans, in grids of every
// shape the readers make, and near the bound of maxGridCells; and with
// edge cases (no rows, an empty text, a cell at and past a row's end).
func TestGridFillSameAsOld(t *testing.T) {
	tables := 0
	generated(t, 4, "", func(layout, name string, b []byte) {
		doc := ReadBytes(name, b, Limits{})
		for i, tb := range doc.Tables {
			sameFillTables(t, fmt.Sprintf("%s %s table %d", layout, name, i), tb.Rows)
			tables++
		}
	})
	for i, body := range docxBodies(t) {
		doc := ReadBytes("a.docx", zipDocument(t, body), Limits{})
		for j, tb := range doc.Tables {
			sameFillTables(t, fmt.Sprintf("body %d table %d", i, j), tb.Rows)
			tables++
		}
	}
	if tables == 0 {
		t.Fatal("no tables compared")
	}
	paths, _ := filepath.Glob("../../shared/seeds/*.txt")
	if len(paths) == 0 {
		t.Fatal("no seed reports in ../shared/seeds")
	}
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		for l := range strings.SplitSeq(string(b), "\n") {
			rows = append(rows, strings.Fields(l))
		}
		sameFillTables(t, filepath.Base(path), rows)
	}
	for _, shape := range fillShapes([]int{1, 2, 0}) {
		for _, ops := range [][]fillOp{
			nil, {{0, 0, 1, 1, ""}}, {{0, 1, 1, 1, "a"}}, {{0, 0, 1, 1, "a"}, {0, 0, 1, 1, "b"}}, {{0, 0, 1, 1, "a"}, {0, 2, 1, 1, "b"}, {0, 1, 1, 1, "c"}},
			{{2, 0, 1, 1, "a"}, {1, 0, 1, 1, "b"}}, {{0, 0, 3, 1, "a"}, {1, 0, 1, 1, "b"}, {1, 1, 1, 1, "c"}}, {{0, 0, 1, 3, "a"}, {0, 3, 1, 1, "b"}},
		} {
			sameFill(t, "edge", 3, shape, ops)
		}
	}
}

// FuzzGridFillSameAsOld: for any calls, on grids of every shape, fill
// returns and leaves what oldFill did, and does not panic where oldFill
// does not.
func FuzzGridFillSameAsOld(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 0, 1, 1, 1}, uint8(0))
	f.Add([]byte{1, 0, 1, 2, 1, 2, 1, 1, 0, 0, 2, 1}, uint8(4))
	f.Fuzz(func(t *testing.T, b []byte, s uint8) {
		const rows = 4
		var ops []fillOp
		for i := 0; i+4 <= len(b); i += 4 {
			ops = append(ops, fillOp{int(b[i] % rows), int(b[i+1] % 8), 1 + int(b[i+2]%3), 1 + int(b[i+3]%3), string(b[i : i+1])})
		}
		shapes := fillShapes([]int{int(s % 5), int(s / 5 % 5), int(s / 25 % 5), 2})
		sameFill(t, "fuzz", rows, shapes[int(s)%len(shapes)], ops)
	})
}
