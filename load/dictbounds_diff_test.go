package load

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/parquet-go/parquet-go"
)

// oldBounds is the bounds of the values at indexes of d as parquet-go's
// byte array dictionary found them before it marked the indexes it had
// compared: the bytes of every index but one repeating the one before it
// compared with the least and the greatest value so far.
func oldBounds(d parquet.Dictionary, indexes []int32) (lo, hi []byte) {
	lo = d.Index(indexes[0]).ByteArray()
	hi = lo
	last := indexes[0]
	for _, j := range indexes[1:] {
		if j == last {
			continue
		}
		last = j
		v := d.Index(j).ByteArray()
		switch {
		case bytes.Compare(v, lo) < 0:
			lo = v
		case bytes.Compare(v, hi) > 0:
			hi = v
		}
	}
	return lo, hi
}

// newDict is an empty byte array dictionary, as a dictionary column's.
func newDict() parquet.Dictionary {
	return parquet.ByteArrayType.NewDictionary(0, 0, parquet.ByteArrayType.NewValues(nil, nil))
}

// insertStrings inserts values into d and returns their indexes.
func insertStrings(d parquet.Dictionary, values []string) []int32 {
	vs := make([]parquet.Value, len(values))
	for i, v := range values {
		vs[i] = parquet.ByteArrayValue([]byte(v))
	}
	indexes := make([]int32, len(values))
	d.Insert(indexes, vs)
	return indexes
}

// sameBounds checks that d.Bounds gives oldBounds' values for indexes cut
// into pages of each size of pages (0: indexes whole).
func sameBounds(t testing.TB, d parquet.Dictionary, indexes []int32, pages ...int) {
	t.Helper()
	for _, size := range pages {
		if size <= 0 {
			size = len(indexes)
		}
		for i := 0; i < len(indexes); i += size {
			page := indexes[i:min(i+size, len(indexes))]
			gl, gh := d.Bounds(page)
			wl, wh := oldBounds(d, page)
			if !bytes.Equal(gl.ByteArray(), wl) || !bytes.Equal(gh.ByteArray(), wh) ||
				gl.Kind() != parquet.ByteArray || gh.Kind() != parquet.ByteArray {
				t.Fatalf("dictionary of %d values, indexes %d to %d of %d: bounds %q (%v), %q (%v), want %q, %q",
					d.Len(), i, i+len(page), len(indexes), gl.ByteArray(), gl.Kind(), gh.ByteArray(), gh.Kind(), wl, wh)
			}
		}
	}
}

// TestDictionaryBoundsSameAsOld: Bounds of byte array dictionaries gives
// the bounds oldBounds gives over the dictionary columns of the generated
// reports (cells, labels, report_ids, codes) cut into pages of many sizes,
// and over dictionaries of hand-made values (the empty string, invalid
// UTF-8, single bytes) of sizes around the 4096 values whose marks Bounds
// keeps on the stack, with indexes in order, reversed, repeated, alone
// and at random.
func TestDictionaryBoundsSameAsOld(t *testing.T) {
	pages := []int{1, 2, 7, 64, 65, 1000, 0}
	ps := generatedParses()[:400]
	columns := map[string][]string{}
	for _, p := range ps {
		for _, a := range p.Applications {
			for _, col := range dictColumns {
				columns["applications."+col.name] = append(columns["applications."+col.name], *col.get(&a))
			}
		}
		for _, x := range p.Disclosures {
			columns["disclosures.cell"] = append(columns["disclosures.cell"], x.Cell)
			columns["disclosures.label"] = append(columns["disclosures.label"], x.Label)
			columns["disclosures.report_id"] = append(columns["disclosures.report_id"], x.ReportID)
		}
		for _, x := range p.Appeals {
			columns["appeals.cell"] = append(columns["appeals.cell"], x.Cell)
			columns["appeals.outcome"] = append(columns["appeals.outcome"], x.Outcome)
		}
	}
	if len(columns["applications.cell"]) < 100*len(ps) {
		t.Fatalf("%d applications rows for %d reports", len(columns["applications.cell"]), len(ps))
	}
	for name, values := range columns {
		t.Run(name, func(t *testing.T) {
			d := newDict()
			sameBounds(t, d, insertStrings(d, values), pages...)
		})
	}

	rng := rand.New(rand.NewPCG(7, 0))
	edge := []string{"", "\xff", "a", "\x00", "\xff\xfe", "\xed\xa0\x80", "a\x80b", "其他", "其", "\xe5\x85",
		strings.Repeat("f", 64), strings.Repeat("\xff", 65)}
	for b := range 256 {
		edge = append(edge, string([]byte{byte(b)}))
	}
	for _, n := range []int{1, 2, 63, 64, 65, 4095, 4096, 4097, 4160, 4161, 10000} {
		d := newDict()
		values := make([]string, n)
		for i := range values {
			if i < len(edge) {
				values[i] = edge[(i*7)%len(edge)]
			} else {
				values[i] = fmt.Sprintf("%x\xff%d", rng.Uint64()>>rng.IntN(64), i)
			}
		}
		indexes := insertStrings(d, values)
		all := make([]int32, d.Len())
		for i := range all {
			all[i] = int32(i)
		}
		rev := make([]int32, len(all))
		for i := range rev {
			rev[i] = all[len(all)-1-i]
		}
		random := make([]int32, 3*len(all))
		for i := range random {
			random[i] = int32(rng.IntN(len(all)))
		}
		lastOnly := []int32{all[len(all)-1], all[len(all)-1], all[0], all[len(all)-1]}
		for _, ix := range [][]int32{indexes, all, rev, random, lastOnly, all[len(all)-1:], all[:1]} {
			sameBounds(t, d, ix, 1, 3, 64, 4097, 0)
		}
	}
}

// FuzzDictionaryBounds: as TestDictionaryBoundsSameAsOld, the values from
// the fuzzed bytes (a length byte, then that many bytes, in turn), after
// extra values of their own that make the dictionary larger, and the
// pages' indexes and sizes from picks.
func FuzzDictionaryBounds(f *testing.F) {
	f.Add([]byte("\x01a\x00\x02\xff\xfe\x01b\x03abc"), []byte{1, 2, 3, 0, 0}, uint16(0), uint8(3))
	f.Add([]byte("\x02其\x01\x80"), []byte{}, uint16(4095), uint8(64))
	f.Add([]byte{}, []byte{9, 9, 9}, uint16(4200), uint8(0))
	f.Add([]byte(schemas.TableApplications), []byte{255, 0, 255, 1}, uint16(63), uint8(1))
	f.Fuzz(func(t *testing.T, data, picks []byte, extra uint16, page uint8) {
		var values []string
		for i := 0; i < int(extra%9000); i++ {
			values = append(values, fmt.Sprintf("v%05d", (i*7919)%9000))
		}
		for len(data) > 0 {
			n := min(int(data[0]%16), len(data)-1)
			values = append(values, string(data[1:1+n]))
			data = data[1+n:]
		}
		if len(values) == 0 {
			return
		}
		d := newDict()
		indexes := insertStrings(d, values)
		ix := indexes
		if len(picks) > 0 {
			ix = nil
			for k := range 2 * len(values) {
				p := int(picks[k%len(picks)]) + k/len(picks)*251
				ix = append(ix, indexes[p%len(indexes)])
			}
		}
		sameBounds(t, d, ix, int(page), 0)
	})
}
