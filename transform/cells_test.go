package transform

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestCellCatalog checks the numbering against the codes it replaces:
// every outcome's applicant cells are numbered in column order (what
// appCellID counts on), every cell of the equations and of section 四 has
// a number, and the numbers of the equations are those of their codes.
func TestCellCatalog(t *testing.T) {
	for o := range appCells {
		for j := range schemas.Applicants {
			code, id := appCellID(o, j)
			if code != appCell(o, j) || id < 0 || catalog.codes[id] != code || catalog.ids[code] != id {
				t.Fatalf("appCellID(%q, %d) = %q, %d; want %q numbered", o, j, code, id, appCell(o, j))
			}
		}
	}
	if code, id := appCellID("no_such_outcome", 2); id != -1 || code != schemas.ApplicationCell("no_such_outcome", schemas.Applicants[2].Code) {
		t.Errorf("appCellID of an unknown outcome = %q, %d", code, id)
	}
	for _, c := range s4Cells {
		if cellID(c) < 0 {
			t.Errorf("section 四 cell %s has no number", c)
		}
	}
	check := func(eqs []equationSpec, ids []eqIDs) {
		if len(eqs) != len(ids) {
			t.Fatalf("%d equations, %d numbered", len(eqs), len(ids))
		}
		for i, e := range eqs {
			for k, c := range append(append([]string{e.cell}, e.lhs...), e.rhs...) {
				id := append(append([]int{ids[i].cell}, ids[i].lhs...), ids[i].rhs...)[k]
				if id < 0 || catalog.codes[id] != c {
					t.Fatalf("equation on %s: cell %s numbered %d", e.cell, c, id)
				}
			}
		}
	}
	check(s3Eqs[0], s3EqIDs[0])
	check(s3Eqs[1], s3EqIDs[1])
	check(s4Eqs, s4EqIDs)
}

// TestCellTableSameAsMap runs random puts, gets and resets on a cellTable
// and on the map it replaces, with codes of the catalogue and codes
// outside it, and compares what each holds after every step.
func TestCellTableSameAsMap(t *testing.T) {
	codes := append(slices.Clone(catalog.codes[:40]), "s3.made_up.total", "x", "")
	rng := rand.New(rand.NewSource(4))
	tab, m := newCellTable(), map[string]*cellv{}
	for step := range 20000 {
		c := codes[rng.Intn(len(codes))]
		switch k := rng.Intn(20); {
		case k == 0:
			tab.reset()
			clear(m)
		case k < 10:
			v := int64(rng.Intn(5) - 1)
			cv := &cellv{v: &v}
			tab.set(c, cv)
			m[c] = cv
		default:
			if tab.get(c) != m[c] {
				t.Fatalf("step %d: get(%q) differs from the map", step, c)
			}
		}
		if tab.len() != len(m) {
			t.Fatalf("step %d: len %d, map %d", step, tab.len(), len(m))
		}
		seen := 0
		neg := false
		tab.each(func(code string, cv *cellv) {
			seen++
			if m[code] != cv {
				t.Fatalf("step %d: each gave %q a cell the map does not hold", step, code)
			}
			neg = neg || *cv.v < 0
		})
		if seen != len(m) || neg != tab.anyNegative() {
			t.Fatalf("step %d: each saw %d cells of %d; anyNegative %v", step, seen, len(m), tab.anyNegative())
		}
	}
}

// TestAppCellSameAsAppCellID: appCell gives what appCellID gives for every
// outcome of both templates and one outside them, asked in any order.
func TestAppCellSameAsAppCellID(t *testing.T) {
	var codes []string
	for _, o := range append(schemas.Outcomes(true), schemas.OutcomesOther2021...) {
		codes = append(codes, o.Code.Code)
	}
	codes = append(codes, "not_an_outcome", "")
	p := &parser{}
	r := rand.New(rand.NewSource(1))
	for k := 0; k < 5000; k++ {
		o := codes[r.Intn(len(codes))]
		for n := r.Intn(8); n >= 0; n-- {
			j := r.Intn(len(schemas.Applicants))
			gc, gid := p.appCell(o, j)
			wc, wid := appCellID(o, j)
			if gc != wc || gid != wid {
				t.Fatalf("appCell(%q, %d) = %q, %d; appCellID %q, %d", o, j, gc, gid, wc, wid)
			}
		}
	}
}
