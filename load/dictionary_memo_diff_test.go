package load

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/parquet-go/parquet-go"
)

// memoRow is a file row of one dictionary column.
type memoRow struct {
	V string `parquet:"v,dict"`
}

// memoFile writes rows through a GenericWriter, sliceRows a call as the
// part writer hands them over, in pages of page bytes, and returns the
// file's bytes.
func memoFile(t testing.TB, rows []memoRow, page int) []byte {
	t.Helper()
	var out bytes.Buffer
	w := parquet.NewGenericWriter[memoRow](&out, parquet.PageBufferSize(page), parquet.Compression(&parquet.Zstd))
	for i := 0; i < len(rows); i += sliceRows {
		if _, err := w.Write(rows[i:min(i+sliceRows, len(rows))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// sameMemoFile checks that the file of vals at the addresses they have
// (views of one string, the same address row after row) is the file of the
// same values each copied to its own memory, which the memo never finds at
// the address of another value.
func sameMemoFile(t testing.TB, vals []string, page int) {
	t.Helper()
	rows := make([]memoRow, len(vals))
	copies := make([]memoRow, len(vals))
	for k, v := range vals {
		rows[k].V = v
		copies[k].V = strings.Clone(v)
	}
	got, want := memoFile(t, rows, page), memoFile(t, copies, page)
	if !bytes.Equal(got, want) {
		t.Fatalf("%d rows, pages of %d bytes: the file of shared addresses (%d bytes) differs from the file of copies (%d bytes)",
			len(vals), page, len(got), len(want))
	}
}

// TestDictionaryMemoSameAsOld: Insert gives the indexes a dictionary
// looking every value up by its bytes (oldDict) gives, and a file holds the
// same bytes whether its values share addresses or not, over the values
// whose keys the memo cannot hold (strings of 65 536 bytes and more, the
// empty string with no address), the empty string at many addresses, long
// strings among short ones at the same address (prefixes), many distinct
// values (the memo emptied again and again) and values repeated row after
// row; and over the generated reports' dictionary columns.
func TestDictionaryMemoSameAsOld(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 0))
	long := strings.Repeat("長", 1<<15) // 98 304 bytes: no key
	edge := [][]byte{nil, {}, {'a'}, {0xff}, []byte("其他"), []byte(long), []byte(long[:1<<16]),
		[]byte(long[:1<<16-1]), []byte(long[:3]), []byte(strings.Repeat("f", 64))}
	const slot = 1<<17 + 1
	buf := make([]byte, 8*slot)
	for _, c := range []struct {
		calls, size, slots, distinct int
		rewrite                      int // one value in rewrite is written anew (0: never)
	}{
		{100, 64, 8, len(edge), 2},
		{100, 64, 2, len(edge), 1},
		{50, 1, 8, len(edge), 1},
		{100, 64, 8, 5000, 1},
		{20, 1000, 8, 100000, 1},
	} {
		var calls []dictCall
		for range c.calls {
			call := make(dictCall, c.size)
			for i := range call {
				s := rng.IntN(c.slots)
				call[i].off = s * slot
				if rng.IntN(max(c.rewrite, 1)) == 0 {
					var v []byte
					if c.distinct <= len(edge) {
						v = edge[rng.IntN(c.distinct)]
					} else {
						v = fmt.Appendf(nil, "v%d", rng.IntN(c.distinct))
					}
					if v == nil {
						v = []byte{} // written: the empty string at the slot
					}
					call[i].put, call[i].n = v, len(v)
					if len(v) > 1 && rng.IntN(4) == 0 {
						call[i].n = rng.IntN(len(v)) // a prefix at the same address
					}
				} else {
					call[i].n = []int{0, 1, 3, 1 << 16, 1<<16 - 1}[rng.IntN(5)]
				}
			}
			calls = append(calls, call)
		}
		for s := range c.slots {
			v := []byte(long)
			calls[0] = append(dictCall{{off: s * slot, n: len(v), put: v}}, calls[0]...)
		}
		sameInserts(t, buf, calls)
	}

	// The empty string with no address among others, and long strings
	// repeated, as one call and as many.
	d, old := newDict(), &oldDict{}
	lb := []byte(long)
	vs := []parquet.Value{parquet.ByteArrayValue(nil), parquet.ByteArrayValue([]byte{}), parquet.ByteArrayValue(lb),
		parquet.ByteArrayValue(lb), parquet.ByteArrayValue(nil), parquet.ByteArrayValue(lb[:1<<16]),
		parquet.ByteArrayValue(lb[:1<<16]), parquet.ByteArrayValue(lb[:3]), parquet.ByteArrayValue(nil)}
	for _, size := range []int{len(vs), 1, 2} {
		for i := 0; i < len(vs); i += size {
			part := vs[i:min(i+size, len(vs))]
			got := make([]int32, len(part))
			d.Insert(got, part)
			for j, v := range part {
				if w := old.insert(v.ByteArray()); got[j] != w {
					t.Fatalf("calls of %d, value %d (%d bytes): index %d, want %d", size, i+j, len(v.ByteArray()), got[j], w)
				}
			}
		}
	}

	// Files: views of one string, values repeated row after row, many
	// distinct values, empty and long strings, in pages small and large.
	text := strings.Repeat("abcdefghij其他", 40)
	var vals []string
	for k := range 20000 {
		switch r := rng.IntN(10); {
		case r < 4: // a view of text: a few hundred places and lengths
			i := rng.IntN(200)
			vals = append(vals, text[i:i+rng.IntN(12)])
		case r < 6 && k > 0:
			vals = append(vals, vals[k-1])
		case r < 7:
			vals = append(vals, "")
		case r < 8:
			vals = append(vals, long[:3*rng.IntN(1<<15)])
		default:
			vals = append(vals, fmt.Sprintf("d%d", rng.IntN(3000)))
		}
	}
	for _, page := range []int{256, 4096, 1 << 20} {
		sameMemoFile(t, vals, page)
	}

	ps := generatedParses()[:600]
	for _, col := range dictColumns {
		vals = vals[:0]
		for _, p := range ps {
			for _, a := range p.Applications {
				vals = append(vals, *col.get(&a))
			}
		}
		sameMemoFile(t, vals, 1<<20)
		d, old := newDict(), &oldDict{}
		for i := 0; i < len(vals); i += sliceRows {
			batch := vals[i:min(i+sliceRows, len(vals))]
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
}

// FuzzDictionaryMemo: as TestDictionaryMemoSameAsOld, the values of a file
// (views of a fuzzed text: a place and a length each, a long string, the
// empty string, the row before repeated) and of dictionary calls over a
// buffer written over between calls read from the fuzzed bytes; the file
// of shared addresses must be the file of copies, and Insert must give
// oldDict's indexes.
func FuzzDictionaryMemo(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, []byte("ab\xff其"))
	f.Add([]byte{255, 255, 0, 0, 17, 3, 3, 3}, []byte{})
	f.Add([]byte{2, 130, 2, 130, 6, 5, 6, 5, 7, 0}, []byte("aaaa"))
	long := strings.Repeat("長", 1<<15)
	f.Fuzz(func(t *testing.T, ops, text []byte) {
		src := string(text) + long
		var vals []string
		for i := 0; i+1 < len(ops); i += 2 {
			op, a := ops[i], int(ops[i+1])
			switch op % 8 {
			case 0:
				vals = append(vals, "")
			case 1:
				if len(vals) > 0 {
					vals = append(vals, vals[len(vals)-1])
				}
			case 2:
				vals = append(vals, long[:1<<16+a%3-1])
			default:
				off := a % (len(text) + 1)
				vals = append(vals, src[off:off+int(op)/8])
			}
		}
		sameMemoFile(t, vals, 64+len(ops))

		const slot, slots = 1<<16 + 2, 4
		buf := make([]byte, slots*slot)
		calls := fuzzDictCalls(ops, text, slot, slots, func(op byte, n int) int {
			if op&8 != 0 {
				return 1<<16 - 2 + n%4 // around the longest string with a key
			}
			return n
		})
		sameInserts(t, buf, calls)
	})
}
