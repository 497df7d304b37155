package load

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// optRow is a row of optional integers that parquet-go writes a run of
// rows at a time (pointers to 64- and 32-bit integers, as the cell tables'
// count and the quality table's line); oldOptRow is the same columns
// from pointers to int, which parquet-go still writes a row at a time, as
// it wrote every optional pointer before: the reference.
type optRow struct {
	Count *int64  `parquet:"count,optional"`
	Line  *int32  `parquet:"line,optional"`
	U     *uint64 `parquet:"u,optional"`
	Dict  *int64  `parquet:"dict,optional,dict"`
	Name  string  `parquet:"name,dict"`
}

type oldOptRow struct {
	Count *int   `parquet:"count,optional"`
	Line  *int   `parquet:"line,optional,int(32)"`
	U     *int   `parquet:"u,optional,uint(64)"`
	Dict  *int   `parquet:"dict,optional,dict"`
	Name  string `parquet:"name,dict"`
}

// writeOpt writes rows with opts, in calls of batch rows.
func writeOpt[T any](t testing.TB, rows []T, batch int, opts ...parquet.WriterOption) []byte {
	t.Helper()
	var out bytes.Buffer
	// one name for both row types' schemas, which are otherwise the same
	schema := parquet.NewSchema("row", parquet.SchemaOf(new(T)))
	w := parquet.NewGenericWriter[T](&out, append(opts, schema, parquet.CreatedBy("parquet-go", parquetGoVersion, "t"))...)
	for i := 0; i < len(rows); i += batch {
		if _, err := w.Write(rows[i:min(i+batch, len(rows))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// sameOptional writes the rows of the values (nil: null) as optRow and as
// oldOptRow and checks that the files are the same bytes.
func sameOptional(t testing.TB, vals []*int64, batch, page, group int) {
	t.Helper()
	rows := make([]optRow, len(vals))
	old := make([]oldOptRow, len(vals))
	for i, v := range vals {
		rows[i].Name, old[i].Name = "n", "n"
		if v == nil {
			continue
		}
		c, l, u := *v, int32(*v), uint64(*v)
		rows[i].Count, rows[i].Line, rows[i].U, rows[i].Dict = &c, &l, &u, &c
		ci, li, ui := int(c), int(l), int(u)
		old[i].Count, old[i].Line, old[i].U, old[i].Dict = &ci, &li, &ui, &ci
	}
	opts := []parquet.WriterOption{parquet.PageBufferSize(page), parquet.MaxRowsPerRowGroup(int64(group)),
		parquet.DataPageVersion(1)}
	got := writeOpt(t, rows, batch, opts...)
	want := writeOpt(t, old, batch, opts...)
	if !bytes.Equal(got, want) {
		t.Fatalf("%d rows in calls of %d, pages of %d bytes, row groups of %d: the files differ (%d and %d bytes)",
			len(vals), batch, page, group, len(got), len(want))
	}
}

// TestOptionalIntsSameAsOld: optional integers written a run of rows at a
// time give the file of writing them a row at a time, over the counts of
// the generated reports' cells and over hand-made rows: none, one, all
// null, none null, alternating, runs of every length around the 64 rows
// of a call, extreme values, small pages and row groups.
func TestOptionalIntsSameAsOld(t *testing.T) {
	var counts []*int64
	for _, p := range generatedParses()[:200] {
		for _, a := range p.Applications {
			counts = append(counts, a.Count)
		}
		for _, d := range p.Disclosures {
			counts = append(counts, d.Count)
		}
	}
	sameOptional(t, counts, 1024, 1<<20, 1<<20)
	sameOptional(t, counts, 64, 4096, 5000)

	rng := rand.New(rand.NewPCG(3, 0))
	v := func(x int64) *int64 { return &x }
	extremes := []*int64{v(0), v(-1), v(1), v(math.MaxInt64), v(math.MinInt64), v(math.MaxInt32), v(math.MinInt32), nil}
	cases := [][]*int64{{}, {nil}, {v(7)}, extremes}
	for _, n := range []int{63, 64, 65, 129, 1000} {
		none, all, alt := make([]*int64, n), make([]*int64, n), make([]*int64, n)
		for i := range n {
			all[i] = v(int64(i))
			if i%2 == 0 {
				alt[i] = v(int64(-i))
			}
		}
		cases = append(cases, none, all, alt)
		for _, run := range []int{1, 2, 5, 63, 64, 65} {
			r := make([]*int64, n)
			for i := range r {
				if i/run%2 == 0 {
					r[i] = extremes[rng.IntN(len(extremes))]
				}
			}
			cases = append(cases, r)
		}
	}
	for _, c := range cases {
		for _, batch := range []int{1, 3, 64, 1024} {
			sameOptional(t, c, batch, 1<<20, 1<<20)
			sameOptional(t, c, batch, 64, 100)
		}
	}
}

// FuzzOptionalInts: as TestOptionalIntsSameAsOld, the rows' values (a
// byte each: 0 is null), the calls' size, pages and row groups read from
// the fuzzed input.
func FuzzOptionalInts(f *testing.F) {
	f.Add([]byte{0, 1, 2, 0, 0, 3}, uint8(2), uint16(64), uint16(3))
	f.Add(bytes.Repeat([]byte{1, 1, 1, 0}, 50), uint8(64), uint16(9000), uint16(1000))
	f.Fuzz(func(t *testing.T, b []byte, batch uint8, page, group uint16) {
		vals := make([]*int64, len(b))
		for i, x := range b {
			if x != 0 {
				y := int64(int8(x)) << (x % 57)
				vals[i] = &y
			}
		}
		sameOptional(t, vals, int(batch%100)+1, int(page)+1, int(group)+1)
	})
}
