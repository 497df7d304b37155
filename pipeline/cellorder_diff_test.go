package pipeline

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// decodeCellValuesSorted is decodeCellValues as it was: every value
// decoded, then sorted by cell, of a cell read twice the later value
// kept. The reference of the values set by catalogue index.
func decodeCellValuesSorted(b []byte) (cellVals, error) {
	vals, _, err := splitEntry(b)
	if err != nil {
		return nil, err
	}
	d := &dec{b: vals, src: string(vals)}
	n := d.n()
	cv := make(cellVals, 0, min(n, len(vals)))
	for range n {
		cell := d.s()
		v := d.i()
		if d.err != nil {
			return nil, d.err
		}
		cv = append(cv, cellVal{cell, v})
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errCodec
	}
	slices.SortStableFunc(cv, func(a, b cellVal) int { return strings.Compare(a.cell, b.cell) })
	out := cv[:0]
	for k, x := range cv {
		if k+1 < len(cv) && cv[k+1].cell == x.cell {
			continue
		}
		out = append(out, x)
	}
	return out, nil
}

// sameCellValues checks that decodeCellValues reads b as
// decodeCellValuesSorted does: the same values in the same order, or an
// error for both.
func sameCellValues(t testing.TB, b []byte) {
	t.Helper()
	got, gerr := decodeCellValues(b)
	want, werr := decodeCellValuesSorted(b)
	if (gerr != nil) != (werr != nil) || !slices.Equal(got, want) {
		t.Fatalf("entry %x:\n got %v, %v\nwant %v, %v", b, got, gerr, want, werr)
	}
}

// cellEntry is a spool entry of the cell values pairs, without a report.
func cellEntry(pairs []cellVal) []byte {
	e := &enc{}
	e.u(uint64(len(pairs)))
	for _, x := range pairs {
		e.s(x.cell)
		e.i(x.v)
	}
	return append(binary.AppendUvarint(nil, uint64(len(e.b))), e.b...)
}

// TestDecodeCellValuesSameAsSorted: over the entries of generated parses,
// whole and cut, and over readings of catalogue cells in any order, some
// read twice, some with a cell outside the catalogue or an empty one,
// decodeCellValues gives what sorting gave.
func TestDecodeCellValuesSameAsSorted(t *testing.T) {
	ps, _ := generatedParses(t, 200)
	for _, p := range ps {
		b := appendEntry(nil, appendCellValues(nil, p), p)
		sameCellValues(t, b)
		for n := range min(len(b), 40) {
			sameCellValues(t, b[:n])
		}
	}
	var cells []string
	for _, s := range codecStrings {
		if len(s) > 3 && s[0] == 's' && s[2] == '.' {
			cells = append(cells, s)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	twice, outside := 0, 0
	for range 20000 {
		pairs := make([]cellVal, r.IntN(60))
		for k := range pairs {
			pairs[k] = cellVal{cells[r.IntN(len(cells))], r.Int64N(2000) - 1000}
			switch r.IntN(200) {
			case 0:
				pairs[k].cell = "s3.odd." + fmt.Sprint(r.IntN(5))
			case 1:
				pairs[k].cell = ""
			case 2:
				pairs[k].cell = codecStrings[r.IntN(len(codecStrings))] // not a cell, in the catalogue
			}
		}
		seen := map[string]bool{}
		for _, x := range pairs {
			if seen[x.cell] {
				twice++
			}
			if _, ok := codecIndex[x.cell]; !ok {
				outside++
			}
			seen[x.cell] = true
		}
		sameCellValues(t, cellEntry(pairs))
	}
	if twice < 1000 || outside < 1000 {
		t.Errorf("%d cells read twice, %d outside the catalogue: the test covers less than it says", twice, outside)
	}
}

func FuzzDecodeCellValues(f *testing.F) {
	ps, _ := generatedParses(f, 3)
	for _, p := range ps {
		f.Add(appendEntry(nil, appendCellValues(nil, p), p))
	}
	f.Add(cellEntry([]cellVal{{codecStrings[3], 1}, {codecStrings[1], 2}, {codecStrings[3], 3}}))
	f.Add(cellEntry([]cellVal{{codecStrings[3], 1}, {"s3.odd", 2}, {codecStrings[3], 3}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameCellValues(t, b)
	})
}
