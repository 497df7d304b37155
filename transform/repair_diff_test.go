package transform

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// repairCase is a table as a report left it and the spec whose arithmetic
// holds over it.
type repairCase struct {
	name  string
	spec  *tableSpec
	table *cellTable
	rows  [][]string // the spec's rows, by cell code
}

// cloneTable copies a table and its cells, so the parser's storage can
// serve the next report.
func cloneTable(t *cellTable) *cellTable {
	c := newCellTable()
	t.each(func(code string, cv *cellv) {
		x := *cv
		c.set(code, &x)
	})
	return c
}

// repairCases are the sections 三 and 四 of the diff corpus as parsed.
func repairCases(t testing.TB, perSeed int) []repairCase {
	t.Helper()
	var out []repairCase
	s4row := append([]string(nil), s4Cells...)
	for _, d := range diffCorpus(t, perSeed, 1, 2) {
		p := newParser(schemas.Document{Text: d.text})
		p.run()
		if p.s3.len() > 0 {
			for i := range s3Specs {
				spec := &s3Specs[i]
				var rows [][]string
				for _, r := range spec.rows {
					rows = append(rows, appCells[r.code])
				}
				out = append(out, repairCase{d.name + " s3", spec, cloneTable(p.s3), rows})
			}
		}
		if p.s4.len() > 0 {
			out = append(out, repairCase{d.name + " s4", &s4Spec, cloneTable(p.s4), [][]string{s4row}})
		}
		p.releaseScratch()
	}
	return out
}

// repairRaws are printed values a row may offer: counts, markers, and what
// the normalizer rejects.
var repairRaws = []string{"0", "1", "2", "3", "5", "7", "12", "40", "100", "/", "-", "无", "—", "0.5", "1e308", "99999999999999999999", "abc", "１２", "9223372036854775807"}

// perturb changes a table the way a damaged report would: cells lost,
// printed as markers, rejected or changed.
func perturb(r *rand.Rand, t *cellTable) *cellTable {
	c := cloneTable(t)
	c.each(func(_ string, cv *cellv) {
		switch r.Intn(12) {
		case 0:
			*cv = cellv{unknown: true, idx: cv.idx}
		case 1:
			*cv = cellv{na: true, idx: cv.idx}
		case 2:
			*cv = cellv{unknown: true, rejected: true, raw: "1e308", idx: cv.idx}
		case 3:
			v := int64(r.Intn(20))
			*cv = cellv{v: &v, idx: cv.idx}
		}
	})
	return c
}

// rowVals is what a row might print: its cells' values with one or two
// lost, doubled or replaced, in the order printed.
func rowVals(r *rand.Rand, t *cellTable, cells []string) []*tok {
	var vals []*tok
	for j, c := range cells {
		raw := ""
		if cv := t.get(c); cv != nil && cv.v != nil {
			raw = fmt.Sprint(*cv.v)
		} else {
			raw = repairRaws[r.Intn(len(repairRaws))]
		}
		switch r.Intn(8) {
		case 0:
			continue // lost
		case 1:
			vals = append(vals, &tok{raw: raw, line: j + 1})
		case 2:
			raw = repairRaws[r.Intn(len(repairRaws))]
		}
		vals = append(vals, &tok{raw: raw, line: j + 1})
	}
	return vals
}

// sameRepair runs repairRow and the map-based oldRepairRow on one row and
// returns the first difference, "" when there is none.
func sameRepair(c repairCase, table *cellTable, cells []string, vals []*tok) string {
	np, op := &parser{}, &parser{}
	got, gotNote := np.repairRow(cells, vals, table, c.spec.sys)
	want, wantNote := op.oldRepairRow(cells, vals, table, c.spec.cons)
	if gotNote != wantNote {
		return fmt.Sprintf("note %q, old %q", gotNote, wantNote)
	}
	if np.trials != op.trials || np.steps != op.steps {
		return fmt.Sprintf("%d trials %d steps, old %d %d", np.trials, np.steps, op.trials, op.steps)
	}
	str := func(d determined) string {
		v := "nil"
		if d.v != nil {
			v = fmt.Sprint(*d.v)
		}
		return fmt.Sprintf("ok=%v v=%s raw=%q line=%d rejected=%v err=%v", d.ok, v, d.raw, d.line, d.rejected, d.err)
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d cells, old %d", len(got), len(want))
	}
	for j := range got {
		if g, w := str(got[j]), str(want[j]); g != w {
			return fmt.Sprintf("cell %s: %s, old %s", cells[j], g, w)
		}
	}
	return ""
}

func rawsOf(vals []*tok) string {
	var b strings.Builder
	for _, v := range vals {
		b.WriteString(v.raw + " ")
	}
	return b.String()
}

// TestRepairSameAsMaps: the numbered solver decides every row as the
// map-based one did, over the tables of the diff corpus as parsed and
// damaged, each row offering its values with some lost, doubled or
// replaced.
func TestRepairSameAsMaps(t *testing.T) {
	per := 8
	if testing.Short() {
		per = 4
	}
	cases := repairCases(t, per)
	if len(cases) < 50 {
		t.Fatalf("only %d tables to compare on", len(cases))
	}
	r := rand.New(rand.NewSource(1))
	n, solved := 0, 0
	for _, c := range cases {
		for round := 0; round < 3; round++ {
			table := c.table
			if round > 0 {
				table = perturb(r, c.table)
			}
			for _, cells := range c.rows {
				vals := rowVals(r, table, cells)
				if d := sameRepair(c, table, cells, vals); d != "" {
					t.Fatalf("%s, row %s, values %s: %s", c.name, cells[0], rawsOf(vals), d)
				}
				n++
				det, _ := (&parser{}).repairRow(cells, vals, table, c.spec.sys)
				for _, d := range det {
					if d.ok {
						solved++
						break
					}
				}
			}
		}
	}
	// the comparison means something only if rows were repaired
	if solved < n/10 {
		t.Fatalf("%d of %d rows had a cell determined; the cases exercise too little", solved, n)
	}
	t.Logf("%d rows compared over %d tables, %d with a cell determined", n, len(cases), solved)
}

// TestRepairRowCellsOutsideSystem: a row's cells the equations do not name
// (and a cell named twice) are decided as the map-based solver did.
func TestRepairRowCellsOutsideSystem(t *testing.T) {
	cases := repairCases(t, 2)
	r := rand.New(rand.NewSource(2))
	for _, c := range cases[:min(len(cases), 20)] {
		cells := append([]string{"x_outside", "y_outside"}, c.rows[0]...)
		cells = append(cells, "x_outside")
		for i := 0; i < 5; i++ {
			vals := rowVals(r, c.table, cells)
			if d := sameRepair(c, c.table, cells, vals); d != "" {
				t.Fatalf("%s, values %s: %s", c.name, rawsOf(vals), d)
			}
		}
	}
}

// FuzzRepairSame compares the two solvers on printed values the input
// makes up, over a few parsed tables.
func FuzzRepairSame(f *testing.F) {
	cases := repairCases(f, 1)
	f.Add(uint16(0), uint8(0), "1|2|3|/|5")
	f.Add(uint16(3), uint8(1), "0|0|0|0|0|0|0|0")
	f.Add(uint16(7), uint8(0), "12|1e308|abc||9223372036854775807|-3")
	f.Fuzz(func(t *testing.T, which uint16, row uint8, printed string) {
		c := cases[int(which)%len(cases)]
		cells := c.rows[int(row)%len(c.rows)]
		var vals []*tok
		for i, raw := range strings.Split(printed, "|") {
			vals = append(vals, &tok{raw: raw, line: i + 1})
		}
		if d := sameRepair(c, c.table, cells, vals); d != "" {
			t.Fatalf("%s, values %q: %s", c.name, printed, d)
		}
	})
}
