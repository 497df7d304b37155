package load

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/nianbao/nianbao/schemas"
	"github.com/parquet-go/parquet-go"
)

// dictColumns are the applications table's dictionary columns, as the
// rows of dictRows fill them.
var dictColumns = []struct {
	name string
	get  func(*schemas.Application) *string
}{
	{"report_id", func(a *schemas.Application) *string { return &a.ReportID }},
	{"cell", func(a *schemas.Application) *string { return &a.Cell }},
	{"outcome", func(a *schemas.Application) *string { return &a.Outcome }},
	{"applicant", func(a *schemas.Application) *string { return &a.Applicant }},
	{"label", func(a *schemas.Application) *string { return &a.Label }},
}

// dictSlot is the room a value takes in a column's buffer.
const dictSlot = 128

// dictValues are the values dictRows picks from: few (the empty string
// among them) and many, of the lengths nianbao's columns have: 64-character
// ids, codes, Chinese labels.
func dictValues() (few, many []string) {
	few = []string{"", "granted", "denied.third_party", "natural_person", "其他", "a", "b", strings.Repeat("f", 64)}
	for i := range 3000 {
		switch i % 3 {
		case 0:
			many = append(many, fmt.Sprintf("%064x", uint64(i)*0x9E3779B97F4A7C15))
		case 1:
			many = append(many, fmt.Sprintf("s%d.c%d", i%97, i))
		default:
			many = append(many, strings.Repeat("第", 1+i%20)+fmt.Sprint(i))
		}
	}
	return few, many
}

// dictRows writes n applications rows through the file writer nianbao
// uses, in batches of 1 to 64 rows whose dictionary columns are strings
// over one buffer a column: each batch rewrites the buffer, so that the
// same address and length hold another value from one batch to the next
// (and, for a value kept, the same one). pick(k) chooses in [0, k). It
// returns the file and the values written, row by row.
func dictRows(t testing.TB, pick func(int) int, n, group, page int) ([]byte, [][]string) {
	t.Helper()
	few, many := dictValues()
	o := opts("r")
	o.RowGroupRows, o.PageBufferBytes = group, page
	w, err := NewWriter(t.TempDir(), o)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	// Bounds as they are, not cut to 16 bytes, so that they can be
	// compared with each page's values.
	opt := append(writerOptions(w, "t"), parquet.ColumnIndexSizeLimit(func([]string) int { return 0 }))
	var out bytes.Buffer
	year := ptr(int32(2021))
	fw := newFileWriter[schemas.Application](opt)(&out)

	bufs := make([][]byte, len(dictColumns))
	for c := range bufs {
		bufs[c] = make([]byte, sliceRows*dictSlot)
	}
	put := func(c, slot int, v string) string {
		b := bufs[c][slot*dictSlot : slot*dictSlot+len(v)]
		copy(b, v)
		if len(v) == 0 {
			return ""
		}
		return unsafe.String(&b[0], len(v))
	}
	var want [][]string
	rows := make([]schemas.Application, 0, sliceRows)
	prev := make([]string, len(dictColumns)) // the last row's values, in a buffer
	for len(want) < n {
		rows = rows[:0]
		k := min(1+pick(sliceRows), n-len(want))
		for r := range k {
			a := schemas.Application{ReportYear: year, Count: ptr(int64(len(want)))}
			vals := make([]string, len(dictColumns))
			for c, col := range dictColumns {
				var v string
				switch pick(9) {
				case 0: // the value of the row before, at its address when it is of this batch
					v = prev[c]
					if r == 0 {
						v = put(c, r, v)
					}
				case 1: // few values, at this row's place in the buffer
					v = put(c, r, few[pick(len(few))])
				case 2: // many values, at this row's place in the buffer
					v = put(c, r, many[pick(len(many))])
				case 3: // few values, each at an address of its own
					v = few[pick(len(few))]
				case 4: // many values, each at an address of its own
					v = many[pick(len(many))]
				case 5: // the row before's value, one byte changed, at this row's place
					b := []byte(prev[c])
					if len(b) > 0 {
						b[pick(len(b))] ^= byte(1 + pick(255))
					}
					v = put(c, r, string(b))
				case 6: // the row before's value at this row's place in the buffer
					v = put(c, r, strings.Clone(prev[c]))
				case 7: // many values in turn, at this row's place in the buffer
					v = put(c, r, many[len(want)%len(many)])
				default:
					v = ""
				}
				*col.get(&a) = v
				vals[c] = strings.Clone(v)
				prev[c] = v
			}
			rows = append(rows, a)
			want = append(want, vals)
		}
		if _, err := fw.Write(rows); err != nil {
			t.Fatal(err)
		}
		// The next batch writes over the buffers: a value kept from
		// this one is copied again.
		for c := range prev {
			prev[c] = strings.Clone(prev[c])
		}
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), want
}

// checkDictRows reads the file back with Arrow and compares every value of
// the dictionary columns with want, then each page's bounds in the column
// index with the values of its rows.
func checkDictRows(t *testing.T, data []byte, want [][]string) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	path := t.TempDir() + "/f.parquet"
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tbl := readFile(t, mem, path)
	defer tbl.Release()
	if int(tbl.NumRows()) != len(want) {
		t.Fatalf("%d rows read, %d written", tbl.NumRows(), len(want))
	}
	bad := 0
	for c, col := range dictColumns {
		got := column(t, tbl, col.name, func(arr arrow.Array, i int) string { return str(arr, i) })
		for i := range want {
			if got[i] != want[i][c] && bad < 10 {
				bad++
				t.Errorf("row %d, %s: read %q, wrote %q", i, col.name, got[i], want[i][c])
			}
		}
	}

	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	base := 0
	for g, rg := range f.RowGroups() {
		n := int(rg.NumRows())
		for c, col := range dictColumns {
			leaf, ok := f.Schema().Lookup(col.name)
			if !ok {
				t.Fatalf("no column %s", col.name)
			}
			cc := rg.ColumnChunks()[leaf.ColumnIndex]
			ci, err := cc.ColumnIndex()
			if err != nil {
				t.Fatal(err)
			}
			oi, err := cc.OffsetIndex()
			if err != nil {
				t.Fatal(err)
			}
			for p := range ci.NumPages() {
				from, to := int(oi.FirstRowIndex(p)), n
				if p+1 < oi.NumPages() {
					to = int(oi.FirstRowIndex(p + 1))
				}
				lo, hi := want[base+from][c], want[base+from][c]
				for _, v := range want[base+from : base+to] {
					lo, hi = min(lo, v[c]), max(hi, v[c])
				}
				if gl, gh := string(ci.MinValue(p).ByteArray()), string(ci.MaxValue(p).ByteArray()); (gl != lo || gh != hi) && bad < 10 {
					bad++
					t.Errorf("row group %d, %s, page %d (rows %d to %d): bounds %q, %q, want %q, %q", g, col.name, p, from, to, gl, gh, lo, hi)
				}
			}
		}
		base += n
	}
	if base != len(want) {
		t.Errorf("row groups hold %d rows, %d written", base, len(want))
	}
}

// TestDictionaryReusedMemory: strings written to dictionary columns are
// read back as written when the memory behind them is written over with
// other values between calls (and kept for the same value), among values
// at addresses of their own, few and many of them, over several row groups
// and many pages. parquet-go's dictionaries remember the index last given
// to a string's address (third_party/parquet-go.patch), which must never
// answer for other bytes found there; and skip the repeated indexes of a
// page when finding its bounds.
func TestDictionaryReusedMemory(t *testing.T) {
	for _, c := range []struct {
		seed           uint64
		n, group, page int
	}{
		{1, 30000, 10000, 4096},
		{2, 5000, 700, 512},
		{3, 3000, 1 << 20, 1 << 16},
		{4, 5000, 1000, 64}, // pages of a few rows, whose bounds are often their last row's
		{5, 2000, 300, 8},
	} {
		rng := rand.New(rand.NewPCG(c.seed, 0))
		data, want := dictRows(t, rng.IntN, c.n, c.group, c.page)
		checkDictRows(t, data, want)
	}
}

// FuzzDictionaryReusedMemory: as TestDictionaryReusedMemory, the choices
// of values, places and batch sizes read from the fuzzed bytes.
func FuzzDictionaryReusedMemory(f *testing.F) {
	f.Add(uint16(500), uint16(100), uint16(512), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add(uint16(3000), uint16(1000), uint16(64), []byte{5, 5, 2, 0, 1, 9})
	f.Add(uint16(64), uint16(3), uint16(1), []byte{})
	f.Fuzz(func(t *testing.T, n, group, page uint16, b []byte) {
		k := 0
		pick := func(m int) int {
			k++
			if len(b) == 0 {
				return k % m
			}
			return int(b[k%len(b)]^byte(k/len(b))) % m
		}
		data, want := dictRows(t, pick, int(n%4000)+1, int(group%3000)+1, int(page%9000)+1)
		checkDictRows(t, data, want)
	})
}
