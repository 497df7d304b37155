package load

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

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

// oldDict is a byte array dictionary as parquet-go's was before it
// remembered addresses: every value looked up by its bytes, a new one
// given the next index.
type oldDict struct {
	index  map[string]int32
	values []string
}

func (o *oldDict) insert(v []byte) int32 {
	if o.index == nil {
		o.index = map[string]int32{}
	}
	i, ok := o.index[string(v)]
	if !ok {
		i = int32(len(o.values))
		o.index[string(v)] = i
		o.values = append(o.values, string(v))
	}
	return i
}

// dictCall is one call of Dictionary.Insert: each value is the bytes at
// off in a buffer the calls share, of length n, written with the bytes
// of put first when put is not nil (later values of the call may write
// over the bytes of earlier ones: those keep the bytes they had when
// written, as each is copied for oldDict at once).
type dictCall []struct {
	off, n int
	put    []byte
}

// sameInserts makes the calls on a new dictionary and on oldDict and
// checks that every value gets the index oldDict gives it and that the
// dictionaries hold the same values. A value whose bytes a later value of
// the same call writes over is handed over in a call of its own first:
// a caller's values do not change while a call reads them.
func sameInserts(t testing.TB, buf []byte, calls []dictCall) {
	t.Helper()
	d, old := newDict(), &oldDict{}
	for c, call := range calls {
		var vs []parquet.Value
		var want []int32
		flush := func() {
			if len(vs) == 0 {
				return
			}
			got := make([]int32, len(vs))
			d.Insert(got, vs)
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("call %d, value %d (%q): index %d, want %d", c, i, vs[i].ByteArray(), got[i], want[i])
				}
			}
			vs, want = vs[:0], want[:0]
		}
		for _, v := range call {
			if v.put != nil {
				flush() // the bytes change: the values before are handed over first
				copy(buf[v.off:v.off+v.n], v.put)
			}
			b := buf[v.off : v.off+v.n : v.off+v.n]
			vs = append(vs, parquet.ByteArrayValue(b))
			want = append(want, old.insert(b))
		}
		flush()
	}
	if d.Len() != len(old.values) {
		t.Fatalf("%d values in the dictionary, want %d", d.Len(), len(old.values))
	}
	for i, v := range old.values {
		if got := string(d.Index(int32(i)).ByteArray()); got != v {
			t.Fatalf("value %d: %q, want %q", i, got, v)
		}
	}
}

// TestDictionaryInsertSameAsOld: Insert gives the indexes of a dictionary
// looking every value up by its bytes, over the generated reports'
// dictionary columns handed over as the part writer does (64 rows a call,
// at their own addresses), and over values in one buffer written over
// between calls and within a call: the same address with other bytes,
// other lengths at one address (prefixes), the empty string, invalid
// UTF-8, single bytes, the same value at many addresses, and more
// addresses than the memo holds.
func TestDictionaryInsertSameAsOld(t *testing.T) {
	ps := generatedParses()[:300]
	for _, col := range dictColumns {
		var values []string
		for _, p := range ps {
			for _, a := range p.Applications {
				values = append(values, *col.get(&a))
			}
		}
		d, old := newDict(), &oldDict{}
		for i := 0; i < len(values); i += sliceRows {
			batch := values[i:min(i+sliceRows, len(values))]
			vs := make([]parquet.Value, len(batch))
			for j, v := range batch {
				vs[j] = parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(v), len(v)))
			}
			got := make([]int32, len(batch))
			d.Insert(got, vs)
			for j, v := range batch {
				if w := old.insert([]byte(v)); got[j] != w {
					t.Fatalf("%s, row %d (%q): index %d, want %d", col.name, i+j, v, got[j], w)
				}
			}
		}
	}

	rng := rand.New(rand.NewPCG(11, 0))
	edge := [][]byte{{}, {0xff}, {'a'}, {0}, []byte("\xed\xa0\x80"), []byte("a\x80b"), []byte("其他"), []byte("其"),
		[]byte("\xe5\x85"), []byte(strings.Repeat("f", 64)), []byte("ab"), []byte("ba")}
	const slot = 70
	buf := make([]byte, 4096*slot)
	for _, c := range []struct {
		calls, size, slots, values int
		rewrite                    int // one value in rewrite is written anew (0: never)
	}{
		{200, 64, 4, 4, 2},
		{200, 64, 64, len(edge), 3},
		{100, 64, 4096, len(edge), 0},
		{100, 64, 4096, len(edge), 1},
		{50, 1, 1, len(edge), 1},
		{300, 64, 600, 300, 5},
		{20, 1000, 4096, len(edge), 9},
	} {
		var calls []dictCall
		for range c.calls {
			call := make(dictCall, c.size)
			for i := range call {
				s := rng.IntN(c.slots)
				call[i].off = s * slot
				if c.rewrite > 0 && rng.IntN(c.rewrite) == 0 {
					var v []byte
					if c.values <= len(edge) {
						v = edge[rng.IntN(c.values)]
					} else {
						v = fmt.Appendf(nil, "v%d\xff", rng.IntN(c.values))
					}
					call[i].put, call[i].n = v, len(v)
					if len(v) > 1 && rng.IntN(4) == 0 {
						call[i].n = rng.IntN(len(v)) // a prefix at the same address
					}
				} else {
					call[i].n = rng.IntN(3)
				}
			}
			calls = append(calls, call)
		}
		// First fill every slot, so that a value read without being
		// written has defined bytes.
		for s := range min(c.slots, 4096) {
			v := edge[s%len(edge)]
			calls[0] = append(dictCall{{off: s * slot, n: len(v), put: v}}, calls[0]...)
		}
		sameInserts(t, buf, calls)
	}
}

// FuzzDictionaryInsert: as TestDictionaryInsertSameAsOld, each value's
// place in the buffer, its length, whether it is written anew and with
// what, and where each call ends read from the fuzzed bytes.
func FuzzDictionaryInsert(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, []byte("ab\xff其"))
	f.Add([]byte{255, 255, 0, 0, 17, 3}, []byte{})
	f.Add([]byte{1, 129, 1, 129, 2, 130, 200}, []byte("aaaa"))
	// a value found again in a later call, then repeated in that call
	f.Add([]byte{1, 1, 1, 5, 0, 2, 0, 0, 2, 4, 0, 2}, []byte("xyz"))
	f.Fuzz(func(t *testing.T, ops, text []byte) {
		const slot, slots = 24, 64 // 64 × 24 places and lengths: more than the memo holds
		buf := make([]byte, slots*slot)
		calls := fuzzDictCalls(ops, text, slot, slots, func(_ byte, n int) int { return n % slot })
		sameInserts(t, buf, calls)
	})
}

// fuzzDictCalls turns a fuzzer's ops into calls of Insert over slots
// places of slot bytes in one buffer, three bytes an op: what to do (bit
// 1: write the place first, from text, bit 2: then take a prefix of what
// was written, bit 4: end the call; a call also ends at 64 values), the
// place, and the length, which size makes of op and the third byte.
func fuzzDictCalls(ops, text []byte, slot, slots int, size func(op byte, n int) int) []dictCall {
	var calls []dictCall
	var call dictCall
	for i := 0; i+2 < len(ops); i += 3 {
		op, s, n := ops[i], int(ops[i+1])%slots, size(ops[i], int(ops[i+2]))
		var put []byte
		if op&1 != 0 {
			put = make([]byte, n)
			for k := range put {
				if len(text) > 0 {
					put[k] = text[(int(op)+k)%len(text)]
				} else {
					put[k] = byte(op + byte(k))
				}
			}
			if op&2 != 0 && n > 0 {
				n-- // a prefix of what was written
			}
		}
		call = append(call, struct {
			off, n int
			put    []byte
		}{s * slot, n, put})
		if op&4 != 0 || len(call) == 64 {
			calls = append(calls, call)
			call = nil
		}
	}
	return append(calls, call)
}
