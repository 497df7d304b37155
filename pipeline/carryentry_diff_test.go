package pipeline

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/parsetest"
	"github.com/nianbao/nianbao/schemas"
)

// sameCarryFromEntry fails when the carry cells read from p's spool entry
// (setFromEntry) are not those eachValue gives set, the way they were
// kept before, or when a cut of the entry panics.
func sameCarryFromEntry(t testing.TB, p *schemas.Parsed) {
	t.Helper()
	var want, got carried
	eachValue(p, want.setByMap)
	_, spool := appendParsedSpool(nil, []byte{}, p)
	if !got.setFromEntry(spool) {
		t.Fatalf("%s: the spool entry's values were not read", p.Report.SourcePath)
	}
	if got != want {
		t.Fatalf("%s: carry cells from the entry %v, from the rows %v", p.Report.SourcePath, got, want)
	}
	for _, n := range []int{0, 1, 2, len(spool) / 2, len(spool) - 1} {
		if n >= 0 && n < len(spool) {
			var c carried
			c.setFromEntry(spool[:n]) // must not panic
		}
	}
}

// carryParse is p with its rows' cells set to cells, in turn, each with a
// count (the values set keeps) or without one, and a disclosure with an
// amount only.
func carryParse(p *schemas.Parsed, cells []string, r *rand.Rand) *schemas.Parsed {
	q := clonedRows(p)
	if len(cells) == 0 {
		return q
	}
	count := func() *int64 {
		if r.IntN(4) == 0 {
			return nil
		}
		n := r.Int64N(1<<40) - 5
		return &n
	}
	for i := range q.Applications {
		a := &q.Applications[i]
		a.Cell, a.Count = cells[r.IntN(len(cells))], count()
	}
	for i := range q.Appeals {
		a := &q.Appeals[i]
		a.Cell, a.Count = cells[r.IntN(len(cells))], count()
	}
	for i := range q.Disclosures {
		d := &q.Disclosures[i]
		d.Cell, d.Count = cells[r.IntN(len(cells))], count()
		if d.Count == nil && r.IntN(2) == 0 {
			y := schemas.Yuan(r.Int64N(1 << 50))
			d.AmountYuan = &y
		}
	}
	return q
}

// carryCells are the carry cells, at the catalogue's address and copied,
// with strings close to them and other cells of the catalogue.
func carryCells() []string {
	var cells []string
	for cell := range carryIndex {
		cells = append(cells, cell, strings.Clone(cell), cell+"x", cell[:len(cell)-1], "")
	}
	for k := 0; k < len(codecStrings); k += 7 {
		cells = append(cells, codecStrings[k])
	}
	return cells
}

// TestCarryFromEntrySameAsRows: the carry cells read from the spool entry
// are those read from the rows (eachValue) for 2 000 generated parses, the
// repository's samples and tests, the seeds, those changed by mutate and
// by edgeParse, and rows whose cells are carry cells, given once or more,
// at the catalogue's address or not, or strings close to them.
func TestCarryFromEntrySameAsRows(t *testing.T) {
	ps, _ := generatedParses(t, 2000)
	ps = append(ps, parsetest.Samples(t)...)
	ps = append(ps, parsesOfSeeds(t)...)
	r := rand.New(rand.NewPCG(28, 1))
	vs, cells := edgeStrings(), carryCells()
	carriedSome := 0
	for i, p := range ps {
		sameCarryFromEntry(t, p)
		var c carried
		eachValue(p, c.set)
		if c.has != 0 {
			carriedSome++
		}
		if i%4 != 0 {
			continue
		}
		q := clonedRows(p)
		ops := make([]byte, 2*(1+r.IntN(40)))
		for i := range ops {
			ops[i] = byte(r.Uint32())
		}
		mutate(q, ops)
		sameCarryFromEntry(t, q)
		sameCarryFromEntry(t, edgeParse(p, func() string { return vs[r.IntN(len(vs))] }, r.Int64N))
		sameCarryFromEntry(t, carryParse(p, cells, r))
	}
	if carriedSome < len(ps)/2 {
		t.Fatalf("%d of %d parses read a carry cell: the test covers little", carriedSome, len(ps))
	}
	sameCarryFromEntry(t, &schemas.Parsed{})
}

func FuzzCarryFromEntry(f *testing.F) {
	ps, _ := generatedParses(f, 8)
	vs := edgeStrings()
	f.Add(uint8(0), []byte{}, "s3.carried_over.natural_person", uint64(0))
	f.Add(uint8(1), []byte{5, 3, 7, 3, 0, 1, 2, 9, 0x85, 2}, "s2.regulations.in_force", uint64(7))
	f.Add(uint8(2), []byte{1, 0, 3, 4}, "s3.carried_forward.total", uint64(1<<40))
	f.Fuzz(func(t *testing.T, which uint8, ops []byte, s string, seed uint64) {
		p := ps[int(which)%len(ps)]
		r := rand.New(rand.NewPCG(seed, uint64(len(ops))))
		q := clonedRows(p)
		mutate(q, ops)
		sameCarryFromEntry(t, q)
		cells := []string{s, strings.Clone(s), s[:r.IntN(len(s)+1)], vs[r.IntN(len(vs))]}
		for cell := range carryIndex {
			if r.IntN(8) == 0 {
				cells = append(cells, cell)
			}
		}
		sameCarryFromEntry(t, carryParse(q, cells, r))
		var c carried
		c.setFromEntry([]byte(s)) // any bytes: must not panic
	})
}
