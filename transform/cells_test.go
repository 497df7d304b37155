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

// TestAppCellSameAsAppCellID: appCellAt, given the numbers of s3Bases,
// gives what appCellID gives for every outcome of both variants, and for
// one outside them given -1.
func TestAppCellSameAsAppCellID(t *testing.T) {
	for _, single := range []bool{true, false} {
		outcomes := append(schemas.Outcomes(single), schemas.Outcome{Code: schemas.Code{Code: "not_an_outcome"}})
		bases := append(slices.Clone(s3Bases[variant(single)]), -1)
		if len(bases) != len(outcomes) {
			t.Fatalf("%d numbers for %d outcomes", len(bases), len(outcomes))
		}
		for i, o := range outcomes {
			for j := range schemas.Applicants {
				gc, gid := appCellAt(o.Code.Code, bases[i], j)
				wc, wid := appCellID(o.Code.Code, j)
				if gc != wc || gid != wid {
					t.Fatalf("appCellAt(%q, %d, %d) = %q, %d; appCellID %q, %d", o.Code.Code, bases[i], j, gc, gid, wc, wid)
				}
			}
		}
	}
}
