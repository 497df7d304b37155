package load

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/parquet-go/parquet-go"
)

// memoDictOld is parquet-go's byte array dictionary as its insert was
// before the strings found without comparing bytes were placed by a loop
// of their own (byteArrayDictionary.insert, insertMemo and lookup, on
// the strings of a call instead of a sparse array of them): the same
// table, memo and values.
type memoDictOld struct {
	values   []byte
	offsets  []uint32
	table    map[string]int32
	memo     *[1 << memoBitsOld]memoOld
	memoUsed int
	memoGen  uint32
}

type memoOld struct {
	key   uint64
	index int32
	gen   uint32
}

const memoBitsOld = 9

func memoKeyOld(s string) uint64 {
	ptr, n := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s)))), uint64(len(s))
	if ptr>>48|n>>16 != 0 {
		return 0
	}
	return ptr | n<<48
}

func memoSlotOld(key uint64) uint64 {
	return key * 0x9E3779B97F4A7C15 >> (64 - memoBitsOld)
}

func (d *memoDictOld) len() int { return len(d.offsets) - 1 }

func (d *memoDictOld) index(i int) []byte { return d.values[d.offsets[i]:d.offsets[i+1]] }

func (d *memoDictOld) insertOld(indexes []int32, values []string) {
	if d.table == nil {
		d.table = map[string]int32{}
	}
	if len(d.table) != d.len() {
		for i := range indexes {
			indexes[i] = d.lookupOld(values[i])
		}
		return
	}
	if d.memo == nil {
		d.memo = new([1 << memoBitsOld]memoOld)
	}
	tab := d.memo
	d.memoGen++
	if d.memoGen == 0 {
		clear(tab[:])
		d.memoUsed = 0
		d.memoGen = 1
	}
	gen := d.memoGen
	offsets, bytes := d.offsets, d.values
	prevKey, prevIndex := ^uint64(0), int32(0)

	for i := range indexes {
		value := values[i]
		key := memoKeyOld(value)
		if key == prevKey {
			indexes[i] = prevIndex
			continue
		}
		slot := memoSlotOld(key)
		if m := &tab[slot]; m.key == key && key != 0 {
			if m.gen == gen {
				indexes[i] = m.index
				prevKey, prevIndex = key, m.index
				continue
			}
			if j := uint(m.index); j+1 < uint(len(offsets)) &&
				unsafe.String(unsafe.SliceData(bytes[offsets[j]:offsets[j+1]]), offsets[j+1]-offsets[j]) == value {
				m.gen = gen
				indexes[i] = m.index
				prevKey, prevIndex = key, m.index
				continue
			}
		}
		index := d.insertMemoOld(value, key, slot, gen)
		if key != 0 {
			prevKey, prevIndex = key, index
		}
		indexes[i] = index
		offsets, bytes = d.offsets, d.values
	}
}

func (d *memoDictOld) insertMemoOld(value string, key, slot uint64, gen uint32) int32 {
	if key == 0 {
		return d.lookupOld(value)
	}
	tab := d.memo
	var m *memoOld
	for i := slot; ; i++ {
		m = &tab[i%(1<<memoBitsOld)]
		if m.key == key || m.key == 0 {
			break
		}
	}
	if m.key == 0 {
		if d.memoUsed == len(tab)/2 {
			clear(tab[:])
			d.memoUsed = 0
			m = &tab[slot]
		}
		m.key = key
		d.memoUsed++
	} else if m.gen == gen {
		return m.index
	} else if j := int(m.index); j < d.len() && string(d.index(j)) == value {
		m.gen = gen
		return m.index
	}
	index := d.lookupOld(value)
	m.index, m.gen = index, gen
	return index
}

func (d *memoDictOld) lookupOld(value string) int32 {
	index, exists := d.table[value]
	if !exists {
		if int64(len(d.values))+int64(len(value)) > math.MaxUint32 {
			panic("parquet: byte array dictionary size exceeds maximum (4GB); use DictionaryMaxBytes writer option to limit dictionary size")
		}
		value = string([]byte(value))
		index = int32(len(d.table))
		d.table[value] = index
		d.values = append(d.values, value...)
		d.offsets = append(d.offsets, uint32(len(d.values)))
	}
	return index
}

// insertPair is a parquet-go byte array dictionary and memoDictOld, given
// the same strings at the same addresses.
type insertPair struct {
	d   parquet.Dictionary
	old memoDictOld
}

func newInsertPair() *insertPair {
	return &insertPair{d: newDict(), old: memoDictOld{offsets: []uint32{0}}}
}

// insert hands values to both dictionaries in one call and checks that
// they give every value the same index.
func (p *insertPair) insert(t testing.TB, values []string) {
	t.Helper()
	vs := make([]parquet.Value, len(values))
	for i, v := range values {
		vs[i] = parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(v), len(v)))
	}
	got, want := make([]int32, len(values)), make([]int32, len(values))
	p.d.Insert(got, vs)
	p.old.insertOld(want, values)
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("value %d of %d (%q, %d bytes): index %d, want %d", i, len(values), values[i][:min(len(values[i]), 40)], len(values[i]), got[i], want[i])
		}
	}
}

// check checks that the dictionaries hold the same values: those its
// page writes, and the same offsets.
func (p *insertPair) check(t testing.TB) {
	t.Helper()
	if n := p.d.Len(); n != p.old.len() {
		t.Fatalf("%d values in the dictionary, want %d", n, p.old.len())
	}
	data := p.d.Page().Data()
	values, offsets := data.ByteArray()
	if !slices.Equal(values, p.old.values) || !slices.Equal(offsets, p.old.offsets) {
		t.Fatalf("dictionary page: %d bytes, %d offsets, want %d and %d", len(values), len(offsets), len(p.old.values), len(p.old.offsets))
	}
	for i := range p.d.Len() {
		if got, want := p.d.Index(int32(i)).ByteArray(), p.old.index(i); string(got) != string(want) {
			t.Fatalf("value %d: %q, want %q", i, got, want)
		}
	}
}

// insertCallsOld makes calls on an insertPair as sameInserts makes them
// on a dictionary and oldDict: values of one buffer, written over between
// calls (a value whose bytes a later value of its call writes over is
// handed over in a call of its own first).
func insertCallsOld(t testing.TB, buf []byte, calls []dictCall) {
	t.Helper()
	p := newInsertPair()
	var vals []string
	flush := func() {
		if len(vals) > 0 {
			p.insert(t, vals)
			vals = vals[:0]
		}
	}
	for _, call := range calls {
		for _, v := range call {
			if v.put != nil {
				flush()
				copy(buf[v.off:v.off+v.n], v.put)
			}
			vals = append(vals, unsafe.String(unsafe.SliceData(buf[v.off:]), v.n))
		}
		flush()
	}
	p.check(t)
}

// TestDictionaryInsertOldSameAsOld: the indexes and values of a byte array
// dictionary are those of its insert before (memoDictOld), over the 2 000
// generated reports' dictionary columns handed over as the part writer
// does (64 rows a call, at their own addresses, and copied into one
// buffer reused from call to call as load's arena is), the template
// report's columns (values at the same addresses in every call), and over
// values in one buffer written over between calls and within a call.
func TestDictionaryInsertOldSameAsOld(t *testing.T) {
	ps := generatedParses()
	for _, col := range dictColumns {
		var values []string
		for _, p := range ps {
			for _, a := range p.Applications {
				values = append(values, *col.get(&a))
			}
		}
		own, arena := newInsertPair(), newInsertPair()
		buf := make([]byte, 0, 1<<16)
		for i := 0; i < len(values); i += sliceRows {
			batch := values[i:min(i+sliceRows, len(values))]
			own.insert(t, batch)
			buf = buf[:0]
			copied := make([]string, len(batch))
			for j, v := range batch {
				if j > 0 && v == batch[j-1] {
					copied[j] = copied[j-1] // a report's rows share its report_id
					continue
				}
				k := len(buf)
				buf = append(buf, v...)
				copied[j] = unsafe.String(unsafe.SliceData(buf[k:]), len(v))
			}
			arena.insert(t, copied)
		}
		own.check(t)
		arena.check(t)
	}

	tpl := newInsertPair()
	for i := range 300 {
		p := templateReport(i)
		p.SetKey()
		for _, col := range dictColumns {
			var values []string
			for _, a := range p.Applications {
				values = append(values, *col.get(&a))
			}
			for k := 0; k < len(values); k += sliceRows {
				tpl.insert(t, values[k:min(k+sliceRows, len(values))])
			}
		}
	}
	tpl.check(t)

	rng := rand.New(rand.NewPCG(26, 0))
	const slot, slots = 24, 256 // more places and lengths than the memo holds
	buf := make([]byte, slot*slots)
	for _, c := range []struct{ calls, ops int }{{1, 0}, {50, 3 * 64}, {400, 3 * 64}, {20, 3 * 4000}} {
		ops := make([]byte, c.ops*c.calls)
		for i := range ops {
			ops[i] = byte(rng.UintN(256))
		}
		text := []byte("ab\xff其他\x00granted")
		insertCallsOld(t, buf, fuzzDictCalls(ops, text, slot, slots, func(op byte, n int) int { return n % (1 + int(op>>5)*3) }))
	}
	// the same value at many addresses, many values at one, the empty
	// string at no address, and lengths of 2^16 and more
	long := make([]byte, 1<<17)
	for i := range long {
		long[i] = byte(i % 7)
	}
	p := newInsertPair()
	for range 3 {
		var vals []string
		for k := range 600 {
			vals = append(vals, string([]byte("same")), unsafe.String(&long[0], k%5), "",
				unsafe.String(&long[k], 1<<16+k%3), unsafe.String(&long[0], 1<<16-1))
		}
		for k := 0; k < len(vals); k += 64 {
			p.insert(t, vals[k:min(k+64, len(vals))])
		}
	}
	p.check(t)
}

// FuzzDictionaryInsertOld: as TestDictionaryInsertOldSameAsOld's calls
// over one buffer, each value's place, length, whether it is written
// anew and with what, and where each call ends read from the fuzzed bytes.
func FuzzDictionaryInsertOld(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, []byte("ab\xff其"))
	f.Add([]byte{255, 255, 0, 0, 17, 3}, []byte{})
	f.Add([]byte{1, 129, 1, 129, 2, 130, 200}, []byte("aaaa"))
	f.Add([]byte{1, 1, 1, 5, 0, 2, 0, 0, 2, 4, 0, 2}, []byte("xyz"))
	f.Fuzz(func(t *testing.T, ops, text []byte) {
		const slot, slots = 24, 256 // more places and lengths than the memo holds
		buf := make([]byte, slots*slot)
		insertCallsOld(t, buf, fuzzDictCalls(ops, text, slot, slots, func(_ byte, n int) int { return n % slot }))
	})
}
