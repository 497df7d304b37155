package pipeline

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// asMap is cv as the map it replaced.
func (cv cellVals) asMap() map[string]int64 {
	m := make(map[string]int64, len(cv))
	for _, x := range cv {
		m[x.cell] = x.v
	}
	return m
}

// sameReportMaps is sameReport as it was written over maps: the reference
// of the side-by-side walk.
func sameReportMaps(a, b map[string]int64) (agree, differ int, same bool) {
	for k, v := range a {
		if w, ok := b[k]; ok {
			if v == w {
				agree++
			} else {
				differ++
			}
		}
	}
	return agree, differ, differ == 0 || (agree >= 8 && agree >= 4*differ)
}

// disagreeingMaps is what disagreements recorded, over maps: the cells both
// readings hold with other values, in cell order, and the two values.
func disagreeingMaps(mine, theirs map[string]int64) []diff {
	var cells []string
	for cell, v := range mine {
		if w, ok := theirs[cell]; ok && w != v {
			cells = append(cells, cell)
		}
	}
	sort.Strings(cells)
	var out []diff
	for _, cell := range cells {
		out = append(out, diff{exp: theirs[cell], act: mine[cell]})
	}
	return out
}

// TestSameReportSameAsMaps: over readings that share some cells, some of
// them with other values, sameReport's counts and disagreements' records
// are those of the map code they replace.
func TestSameReportSameAsMaps(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cells := make([]string, 60)
	for k := range cells {
		cells[k] = fmt.Sprintf("s3.%c.%d", 'a'+r.IntN(5), r.IntN(30))
	}
	reading := func() []byte {
		e := &enc{}
		n := r.IntN(40)
		e.u(uint64(n))
		for range n {
			c, v := cells[r.IntN(len(cells))], int64(r.IntN(4))-1
			e.s(c)
			e.i(v)
		}
		return e.b
	}
	c, err := newCollection()
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	c.facts, c.cellAt = make([]fact, 2), map[string]uint32{}
	sames, differs := 0, 0
	for range 3000 {
		va, vb := reading(), reading()
		entry := func(vals []byte) []byte { return append(binary.AppendUvarint(nil, uint64(len(vals))), vals...) }
		a, err := decodeCellValues(entry(va))
		if err != nil {
			t.Fatal(err)
		}
		b, err := decodeCellValues(entry(vb))
		if err != nil {
			t.Fatal(err)
		}
		ga, gd, gs := sameReport(a, b)
		wa, wd, ws := sameReportMaps(a.asMap(), b.asMap())
		if ga != wa || gd != wd || gs != ws {
			t.Fatalf("sameReport %d %d %v, maps %d %d %v", ga, gd, gs, wa, wd, ws)
		}
		if gs {
			sames++
		}
		c.nDiffs, c.dbuf = 0, c.dbuf[:0]
		if err := c.disagreements(0, 1, a, b); err != nil {
			t.Fatal(err)
		}
		var got []diff
		ds, err := decodeDiffs(nil, c.dbuf)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.canon != 1 {
				t.Fatalf("diff of canon %d, want 1", d.canon)
			}
			got = append(got, diff{exp: d.exp, act: d.act})
		}
		want := disagreeingMaps(a.asMap(), b.asMap())
		if !slices.Equal(got, want) || c.nDiffs != len(want) {
			t.Fatalf("disagreements %v (%d), maps %v", got, c.nDiffs, want)
		}
		if len(want) > 0 {
			differs++
		}
	}
	if sames < 300 || differs < 300 {
		t.Errorf("%d pairs the same, %d with disagreements: the test covers less than it says", sames, differs)
	}
}

// decodeCellValuesMap is decodeCellValues as it was, into a map.
func decodeCellValuesMap(b []byte) (map[string]int64, error) {
	vals, _, err := splitEntry(b)
	if err != nil {
		return nil, err
	}
	d := &dec{b: vals, src: string(vals)}
	n := d.n()
	m := make(map[string]int64, n)
	for range n {
		cell := d.s()
		v := d.i()
		if d.err != nil {
			return nil, d.err
		}
		m[cell] = v
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errCodec
	}
	return m, nil
}

// BenchmarkCompareCopies: the work of clustering one organ-year's 16
// readings, each compared with every other (the most a cluster does: all
// of them distinct reports), as sorted values and as maps. Decoding is
// counted once a reading, as cluster does.
func BenchmarkCompareCopies(b *testing.B) {
	ps, _ := generatedParses(b, 16)
	var entries [][]byte
	for _, p := range ps {
		entries = append(entries, appendEntry(nil, appendCellValues(nil, p), p))
	}
	b.Run("sorted", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			vals := make([]cellVals, len(entries))
			for k, e := range entries {
				vals[k], _ = decodeCellValues(e)
			}
			for x := range vals {
				for y := range x {
					sameReport(vals[y], vals[x])
				}
			}
		}
	})
	b.Run("maps", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			vals := make([]map[string]int64, len(entries))
			for k, e := range entries {
				vals[k], _ = decodeCellValuesMap(e)
			}
			for x := range vals {
				for y := range x {
					sameReportMaps(vals[y], vals[x])
				}
			}
		}
	})
}
