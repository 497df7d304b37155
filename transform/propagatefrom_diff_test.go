package transform

import (
	"fmt"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/transform/normalize"
)

// samePropagateFrom runs the trials of one row of a table as repairRow
// does (each alignment of the printed values over the row's cells,
// from the table as read) through settled and propagateFrom, and through
// settledInOld and propagateFromOld, and returns the first difference,
// "" when there is none, and how many trials it compared.
func samePropagateFrom(sys *system, table *cellTable, cells []string, vals []*tok) (string, int) {
	n := len(sys.codes)
	mine := make([]bool, n)
	for _, c := range cells {
		if k, ok := sys.index[c]; ok {
			mine[k] = true
		}
	}
	base := sys.snapshot(table, n)
	nc := len(sys.cons)
	pre := sys.settled(base, mine)
	preOld := sys.settledInOld(base, mine, make([]uint8, 2*nc), make([]int32, nc+1+sys.nterms), make([]wide, nc))
	alns := alignments(len(vals), len(cells))
	if len(alns) > 200 {
		alns = alns[:200]
	}
	for ai, a := range alns {
		got, want := newSolveVals(n), newSolveVals(n)
		got.copyFrom(base)
		for j, k := range a {
			c, ok := sys.index[cells[j]]
			if !ok {
				continue
			}
			got.state[c], got.na[c] = cellUnknown, false
			if k < 0 {
				continue
			}
			res := normalize.Count(vals[k].raw)
			switch {
			case res.NA:
				got.state[c], got.v[c], got.na[c] = cellKnown, 0, true
			case res.OK() && !res.Overflow:
				got.state[c], got.v[c] = cellKnown, res.Count
			default:
				got.na[c] = true
			}
		}
		want.copyFrom(got)
		gotBad, gotSteps := sys.propagateFrom(got, mine, pre)
		wantBad, wantSteps := sys.propagateFromOld(want, mine, preOld)
		if gotBad != wantBad || gotSteps != wantSteps || !slices.Equal(got.state, want.state) || !slices.Equal(got.v, want.v) {
			return fmt.Sprintf("alignment %d: bad %d steps %d state %v v %v; was bad %d steps %d state %v v %v",
				ai, gotBad, gotSteps, got.state, got.v, wantBad, wantSteps, want.state, want.v), ai
		}
	}
	return "", len(alns)
}

// TestPropagateFromSameAsOld: over the rows repairRow is compared on (the
// diff corpus's tables as parsed and damaged, each row's values lost,
// doubled or replaced), every trial fills the same cells, finds the same
// equations violated and counts the same work as before.
func TestPropagateFromSameAsOld(t *testing.T) {
	rows, trials := 0, 0
	for _, row := range repairRows(repairCases(t)) {
		d, n := samePropagateFrom(row.c.spec.sys, row.table, row.cells, row.vals)
		if d != "" {
			t.Fatalf("%s, row %s, values %s: %s", row.c.name, row.cells[0], rawsOf(row.vals), d)
		}
		rows++
		trials += n
	}
	if trials < 1000 {
		t.Fatalf("%d trials over %d rows: too few", trials, rows)
	}
	t.Logf("%d trials over %d rows", trials, rows)
}

// FuzzPropagateFromSameAsOld: on systems of random equations (see
// fuzzSystem), some repeated past 64, and trials changing a random set of their cells,
// settled and propagateFrom do what settledInOld and propagateFromOld
// did: the same cells filled, equations violated and work counted.
func FuzzPropagateFromSameAsOld(f *testing.F) {
	f.Add([]byte{3, 1, 2, 0, 5, 7, 9})
	f.Add([]byte("\x05\x04\x00\x01\x02\x03\xff\xfe\x80\x7f\x00\x00\x00\x00\x00\x00\x00\x80\x01\x00\x01\x01\x00\x02\x03\x04"))
	f.Add([]byte("\x02\x03\x00\x01\x01\x00\x02\x01\x01\x01\x0f\x05\x06\x07\x08\x09"))
	f.Add([]byte("\x08\x06\x10\x11\x12\x13\x14\x15\x16\x17\x20\x21\x22\x23\x24\x25\x26\x27\x30\x31\x32\x33\x02\x02\x06\x0a\x0e"))
	f.Fuzz(func(t *testing.T, data []byte) {
		next := byteSource(data)
		s, base, mine := fuzzSystem(next)
		if k := int(next() % 16); k > 8 {
			// more equations than a word of the stale set holds: the
			// same ones again, over the same cells
			var cons []lin
			for range k * 8 {
				cons = append(cons, s.cons...)
			}
			s = newSystem(cons)
		}
		n := len(base.state)
		if mine == nil {
			mine = make([]bool, n)
			for i := range mine {
				mine[i] = next()%2 == 1
			}
		}
		nc := len(s.cons)
		pre := s.settled(base, mine)
		preOld := s.settledInOld(base, mine, make([]uint8, 2*nc), make([]int32, nc+1+s.nterms), make([]wide, nc))
		for range 3 {
			got := newSolveVals(n)
			got.copyFrom(base)
			for i := range n {
				if mine[i] {
					fuzzCell(next, got, i)
				}
			}
			want := newSolveVals(n)
			want.copyFrom(got)
			gotBad, gotSteps := s.propagateFrom(got, mine, pre)
			wantBad, wantSteps := s.propagateFromOld(want, mine, preOld)
			if gotBad != wantBad || gotSteps != wantSteps || !slices.Equal(got.state, want.state) || !slices.Equal(got.v, want.v) {
				t.Fatalf("bad %d steps %d state %v v %v; was bad %d steps %d state %v v %v",
					gotBad, gotSteps, got.state, got.v, wantBad, wantSteps, want.state, want.v)
			}
		}
	})
}
