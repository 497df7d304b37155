package transform

import "testing"

// oldInTables is the test frequentOrg and completeDivision made of every
// line before tableLines: whether line i lies inside the tables.
func oldInTables(p *parser, i int) bool {
	from := -1
	for _, s := range []int{p.sec.s2, p.sec.s3, p.sec.s4} {
		if s >= 0 && (from < 0 || s < from) {
			from = s
		}
	}
	return from >= 0 && i >= from && i < p.sec.end
}

// sameTableLines checks that the span of tableLines holds line i exactly
// when oldInTables says it lies inside the tables.
func sameTableLines(t testing.TB, s2, s3, s4, end, i int) {
	t.Helper()
	p := &parser{sec: sections{s2: s2, s3: s3, s4: s4, end: end, cut: -1}}
	lo, hi := p.tableLines()
	if got, want := i >= lo && i < hi, oldInTables(p, i); got != want {
		t.Fatalf("sections %d %d %d end %d, line %d: in the span [%d, %d) %v, inTables was %v", s2, s3, s4, end, i, lo, hi, got, want)
	}
}

// TestTableLinesSame compares the two on every small layout of sections,
// found or not, in any order, with the end before, at and after them.
func TestTableLinesSame(t *testing.T) {
	vals := []int{-1, 0, 1, 2, 3, 5, 8}
	for _, s2 := range vals {
		for _, s3 := range vals {
			for _, s4 := range vals {
				for _, end := range vals {
					for i := -1; i <= 9; i++ {
						sameTableLines(t, s2, s3, s4, end, i)
					}
				}
			}
		}
	}
}

// FuzzTableLinesSame compares the two on any sections and line.
func FuzzTableLinesSame(f *testing.F) {
	f.Add(6, 82, 344, 389, 100)
	f.Add(-1, -1, -1, 0, 0)
	f.Add(-1, 40, -1, 30, 35)
	f.Fuzz(func(t *testing.T, s2, s3, s4, end, i int) { sameTableLines(t, s2, s3, s4, end, i) })
}
