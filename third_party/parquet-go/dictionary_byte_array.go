package parquet

import (
	"encoding/binary"
	"math"
	stdbits "math/bits"
	"strconv"
	"unsafe"

	"github.com/parquet-go/bitpack/unsafecast"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/internal/memory"
	"github.com/parquet-go/parquet-go/sparse"
)

type byteArrayDictionary struct {
	byteArrayPage
	table map[string]int32
	alloc allocator
	// memo is an open-addressed table of byteArrayMemo, by address and
	// length, allocated on the first insert; memoUsed counts its entries
	// in use, at most half of them: it is emptied when half full. memoGen
	// numbers the calls to insert.
	memo     *[1 << byteArrayMemoBits]byteArrayMemo
	memoUsed int
	memoGen  uint32
	// scratchMarks takes the marks of calls to insert that keep none
	// (insertMarking); mark is where the call under way marks.
	scratchMarks []byte
	mark         unsafe.Pointer
}

// byteArrayMemo is the index last given to a string whose bytes were at the
// address and of the length of key (byteArrayMemoKey). Callers tend to hand
// in the same values at the same addresses (constants, views of one string,
// a value repeated for many rows), and comparing the bytes at that index
// costs less than hashing the string for the table. The address only chooses
// the candidate: memory behind it may since hold other bytes, so the index is
// taken only when the dictionary's own bytes there are the string's, unless
// gen is the call to insert under way: the caller's values cannot change
// while one call reads them, so a string at the address of one already
// looked up in the call is that one.
type byteArrayMemo struct {
	key   uint64 // 0: the entry is empty
	index int32
	gen   uint32 // the call of insert that last gave or checked index
}

// byteArrayMemoBits sizes the memo: a column of a few hundred codes keeps
// them all; one whose values lie at new addresses row after row (text
// read from documents) starts over each time half of it is in use.
const byteArrayMemoBits = 9

// byteArrayMemoKey is the address of a string's bytes in the low 48 bits and
// its length in the high 16, or 0 when either does not fit (or the address
// is 0): such a string is looked up in the table.
func byteArrayMemoKey(s string) uint64 {
	ptr, n := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s)))), uint64(len(s))
	if ptr>>48|n>>16 != 0 {
		return 0
	}
	return ptr | n<<48
}

func byteArrayMemoSlot(key uint64) uint64 {
	return key * 0x9E3779B97F4A7C15 >> (64 - byteArrayMemoBits)
}

func newByteArrayDictionary(typ Type, columnIndex uint16, numValues int32, data encoding.Values) *byteArrayDictionary {
	values, offsets := data.ByteArray()
	// The first offset must always be zero, and the last offset is the length
	// of the values in bytes.
	//
	// As an optimization we make the assumption that the backing array of the
	// offsets slice belongs to the dictionary.
	switch {
	case cap(offsets) == 0:
		offsets = make([]uint32, 1, 8)
	case len(offsets) == 0:
		offsets = append(offsets[:0], 0)
	}
	return &byteArrayDictionary{
		byteArrayPage: byteArrayPage{
			typ:         typ,
			values:      memory.SliceBufferFrom(values),
			offsets:     memory.SliceBufferFrom(offsets),
			columnIndex: ^columnIndex,
		},
	}
}

func (d *byteArrayDictionary) Type() Type { return newIndexedType(d.typ, d) }

func (d *byteArrayDictionary) Len() int { return d.len() }

func (d *byteArrayDictionary) Size() int64 { return int64(d.values.Len()) }

func (d *byteArrayDictionary) Index(i int32) Value { return d.makeValueBytes(d.index(int(i))) }

func (d *byteArrayDictionary) Insert(indexes []int32, values []Value) {
	d.insert(indexes, makeArrayValue(values, offsetOfPtr))
}

func (d *byteArrayDictionary) init() {
	numValues := d.len()
	d.table = make(map[string]int32, numValues)

	for i := range numValues {
		d.table[string(d.index(i))] = int32(len(d.table))
	}
}

func (d *byteArrayDictionary) insert(indexes []int32, rows sparse.Array) {
	d.insertMarking(indexes, rows, nil)
}

// insertMarking is insert that also writes a 1, in *marks, at each index
// it gives (marks growing as needed): the marks of an indexedPage, from
// which Bounds finds the page's least and greatest value (boundsOfMarks).
// An index is marked where it is first given or checked in the call: a
// value taken from the row before, or from an entry given or checked in the
// same call, has its index marked already. Without marks (nil), the
// dictionary's own scratch takes them, so that marking is never a branch.
func (d *byteArrayDictionary) insertMarking(indexes []int32, rows sparse.Array, marks *[]byte) {
	if d.table == nil {
		d.init()
	}

	values := rows.StringArray()
	// The call gives indexes below d.len()+len(indexes): mark is a byte of
	// *marks at any of them.
	if marks == nil {
		marks = &d.scratchMarks
	}
	if n := (d.len() + len(indexes) + 7) &^ 7; len(*marks) < n {
		*marks = append(*marks, make([]byte, n-len(*marks))...)
	}
	// The marks are reached through d, not a variable of the loop below,
	// whose variables then all stay in registers (a variable more cost
	// 3.9 M estimated cycles in the 2 000-report run, most of what
	// marking saves); insertMemo marks what it gives.
	d.mark = unsafe.Pointer(unsafe.SliceData(*marks))
	// A remembered index answers for equal bytes only when every value the
	// table holds is at the index the table gives it: always for values
	// inserted here, not after init read a page repeating a value (which
	// leaves the table with fewer entries than the page has values).
	if len(d.table) != d.len() {
		for i := range indexes {
			j := d.lookup(values.Index(i))
			indexes[i] = j
			*(*byte)(unsafe.Add(d.mark, j)) = 1
		}
		return
	}
	if d.memo == nil {
		d.memo = new([1 << byteArrayMemoBits]byteArrayMemo)
	}
	tab := d.memo
	d.memoGen++
	if d.memoGen == 0 {
		// entries of the call 2^32 calls ago would pass for this one's
		clear(tab[:])
		d.memoUsed = 0
		d.memoGen = 1
	}
	gen := d.memoGen
	offsets, bytes := d.offsets.Slice(), d.values.Slice()
	// the key of the string before and its index (no string has the key ^0)
	prevKey, prevIndex := ^uint64(0), int32(0)

	for i := range indexes {
		value := values.Index(i)
		key := byteArrayMemoKey(value)
		// A row repeating the string of the row before, at its address,
		// in this call: the same bytes.
		if key == prevKey {
			indexes[i] = prevIndex
			continue
		}
		slot := byteArrayMemoSlot(key)
		if m := &tab[slot]; m.key == key && key != 0 {
			if m.gen == gen {
				indexes[i] = m.index
				prevKey, prevIndex = key, m.index
				continue
			}
			if j := uint(m.index); j+1 < uint(len(offsets)) &&
				unsafecast.String(bytes[offsets[j]:offsets[j+1]]) == value {
				m.gen = gen
				indexes[i] = m.index
				prevKey, prevIndex = key, m.index
				*(*byte)(unsafe.Add(d.mark, j)) = 1
				continue
			}
		}
		index := d.insertMemo(value, key, slot, gen)
		if key != 0 {
			prevKey, prevIndex = key, index
		}
		indexes[i] = index
		offsets, bytes = d.offsets.Slice(), d.values.Slice()
	}
}

// insertMemo is insert's way for a string not found in the memo's entry at
// slot, its first choice: the string's entry further on, or the table. It
// marks the index it gives at d.mark (insertMarking).
//
//go:noinline
func (d *byteArrayDictionary) insertMemo(value string, key, slot uint64, gen uint32) (index int32) {
	if key == 0 {
		index = d.lookup(value)
		*(*byte)(unsafe.Add(d.mark, index)) = 1
		return index
	}
	tab := d.memo
	var m *byteArrayMemo
	for i := slot; ; i++ {
		m = &tab[i%(1<<byteArrayMemoBits)]
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
		return m.index // given or checked in this call: marked
	} else if j := int(m.index); j < d.len() && unsafecast.String(d.index(j)) == value {
		m.gen = gen
		*(*byte)(unsafe.Add(d.mark, j)) = 1
		return m.index
	}
	index = d.lookup(value)
	m.index, m.gen = index, gen
	*(*byte)(unsafe.Add(d.mark, index)) = 1
	return index
}

// lookup is the index of value in the table, given the next index when it
// is not there.
func (d *byteArrayDictionary) lookup(value string) int32 {
	index, exists := d.table[value]
	if !exists {
		// Check if adding this value would cause uint32 overflow in offsets.
		// The offsets are stored as uint32, so the total size of all values
		// cannot exceed math.MaxUint32 bytes.
		newLen := int64(d.values.Len()) + int64(len(value))
		if newLen > math.MaxUint32 {
			panic("parquet: byte array dictionary size exceeds maximum (4GB); use DictionaryMaxBytes writer option to limit dictionary size")
		}
		value = d.alloc.copyString(value)
		index = int32(len(d.table))
		d.table[value] = index
		d.values.Append([]byte(value)...)
		d.offsets.AppendValue(uint32(d.values.Len()))
	}
	return index
}

func (d *byteArrayDictionary) Lookup(indexes []int32, values []Value) {
	model := d.makeValueString("")
	memsetValues(values, model)
	d.lookupString(indexes, makeArrayValue(values, offsetOfPtr))
}

func (d *byteArrayDictionary) Bounds(indexes []int32) (min, max Value) {
	if len(indexes) > 0 {
		base := d.index(int(indexes[0]))
		minValue := unsafecast.String(base)
		maxValue := minValue
		last := indexes[0]

		// A page repeats the few values of a column like a cell code many
		// times: seen marks the indexes whose bytes were compared, and an
		// index seen before, the same value, can move neither bound.
		// It is the caller's own (Bounds only reads the dictionary): on the
		// stack for a dictionary of up to 4096 values.
		var local [64]uint64
		seen := local[:]
		if n := (d.len() + 63) / 64; n > len(local) {
			seen = make([]uint64, n)
		}
		seen[uint32(last)/64] |= 1 << (uint32(last) % 64)

		for _, j := range indexes[1:] {
			// An index repeating the one before it is the same value: skip
			// it at once.
			if j == last {
				continue
			}
			last = j
			w, bit := &seen[uint32(j)/64], uint64(1)<<(uint32(j)%64)
			if *w&bit != 0 {
				continue
			}
			*w |= bit
			value := unsafecast.String(d.index(int(j)))
			switch {
			case value < minValue:
				minValue = value
			case value > maxValue:
				maxValue = value
			}
		}

		min = d.makeValueString(minValue)
		max = d.makeValueString(maxValue)
	}
	return min, max
}

// boundsOfMarks is Bounds(indexes) for the indexes of an indexedPage whose
// marks hold a 1 at each distinct index of indexes and 0 elsewhere: the
// bytes of each marked index are compared once, in the order of the
// indexes, which gives the same least and greatest bytes as any order.
// A mark past the dictionary's values (which a page holding its indexes
// cannot have) falls back to reading indexes.
func (d *byteArrayDictionary) boundsOfMarks(marks []byte, indexes []int32) (min, max Value) {
	n := d.len()
	var minValue, maxValue string
	found := false
	for w := 0; w+8 <= len(marks); w += 8 {
		word := binary.LittleEndian.Uint64(marks[w:])
		for word != 0 {
			j := w + stdbits.TrailingZeros64(word)/8
			word &= word - 1
			if j >= n {
				return d.Bounds(indexes)
			}
			value := unsafecast.String(d.index(j))
			switch {
			case !found:
				minValue, maxValue, found = value, value, true
			case value < minValue:
				minValue = value
			case value > maxValue:
				maxValue = value
			}
		}
	}
	if !found {
		return d.Bounds(indexes)
	}
	return d.makeValueString(minValue), d.makeValueString(maxValue)
}

func (d *byteArrayDictionary) Reset() {
	d.offsets.Resize(1)
	d.values.Resize(0)
	for k := range d.table {
		delete(d.table, k)
	}
	d.alloc.reset()
}

func (d *byteArrayDictionary) Page() Page {
	return &d.byteArrayPage
}

func (d *byteArrayDictionary) insertBoolean(value bool) int32 {
	return d.insertByteArray(strconv.AppendBool(make([]byte, 0, 8), value))
}

func (d *byteArrayDictionary) insertInt32(value int32) int32 {
	return d.insertByteArray(strconv.AppendInt(make([]byte, 0, 16), int64(value), 10))
}

func (d *byteArrayDictionary) insertInt64(value int64) int32 {
	return d.insertByteArray(strconv.AppendInt(make([]byte, 0, 24), value, 10))
}

func (d *byteArrayDictionary) insertInt96(value deprecated.Int96) int32 {
	return d.insertByteArray([]byte(value.String()))
}

func (d *byteArrayDictionary) insertFloat(value float32) int32 {
	return d.insertByteArray(strconv.AppendFloat(make([]byte, 0, 24), float64(value), 'g', -1, 32))
}

func (d *byteArrayDictionary) insertDouble(value float64) int32 {
	return d.insertByteArray(strconv.AppendFloat(make([]byte, 0, 24), value, 'g', -1, 64))
}

func (d *byteArrayDictionary) insertByteArray(value []byte) int32 {
	s := unsafecast.String(value)
	var indexes [1]int32
	d.insert(indexes[:], makeArrayFromPointer(&s))
	return indexes[0]
}
