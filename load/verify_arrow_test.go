package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/nianbao/nianbao/schemas"
)

// readBackArrow is the verification readBack replaced: every row group
// decoded into Arrow records through pqarrow. TestVerifyAgreesWithArrow
// holds the column readers to it.
func readBackArrow(ctx context.Context, store Store, key string, rows int64, want *arrow.Schema, mem memory.Allocator, readDict bool) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("arrow reader panicked: %v", r)
		}
	}()
	obj, err := store.Open(ctx, key)
	if err != nil {
		return err
	}
	defer obj.Close()
	rdr, err := file.NewParquetReader(io.NewSectionReader(obj, 0, obj.Size()))
	if err != nil {
		return err
	}
	defer rdr.Close()
	if n := rdr.NumRows(); n != rows {
		return fmt.Errorf("%w: footer says %d rows, wrote %d", ErrRowCount, n, rows)
	}
	if rdr.NumRowGroups() == 0 {
		fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, mem)
		if err != nil {
			return err
		}
		got, err := fr.Schema()
		if err != nil {
			return err
		}
		return CheckSchema(want, got)
	}
	// One row group at a time, with its dictionary-encoded string columns
	// read as dictionaries (Arrow reads one dictionary per column and
	// reader): every value is still decoded and checked against its
	// dictionary, without materialising the same label once per row.
	var n int64
	sc := rdr.MetaData().Schema
	for g := range rdr.NumRowGroups() {
		props := pqarrow.ArrowReadProperties{BatchSize: 64 << 10}
		rg := rdr.MetaData().RowGroup(g)
		for i := range sc.NumColumns() {
			if sc.Column(i).PhysicalType() != parquet.Types.ByteArray {
				continue
			}
			if cc, err := rg.ColumnChunk(i); err == nil && cc.HasDictionaryPage() && readDict {
				props.SetReadDict(i, true)
			}
		}
		fr, err := pqarrow.NewFileReader(rdr, props, mem)
		if err != nil {
			return err
		}
		got, err := fr.Schema()
		if err != nil {
			return err
		}
		if err := CheckSchema(want, got); err != nil {
			return err
		}
		rr, err := fr.GetRecordReader(ctx, nil, []int{g})
		if err != nil {
			return err
		}
		for rr.Next() {
			n += rr.Record().NumRows()
		}
		err = rr.Err()
		rr.Release()
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
	}
	if n != rows {
		return fmt.Errorf("%w: decoded %d rows, wrote %d", ErrRowCount, n, rows)
	}
	return nil
}

// verifyCase is a written file and the schema of its table.
type verifyCase struct {
	name   string
	data   []byte
	rows   int64
	schema *arrow.Schema
}

// verifyCases writes datasets of every shape the Writer makes (buffered
// and streaming, small row groups, pages and part files, empty tables)
// and returns their files.
func verifyCases(t testing.TB) []verifyCase {
	t.Helper()
	var cs []verifyCase
	add := func(out string, m *Manifest) {
		runDir := filepath.Join(out, filepath.FromSlash(m.RunDir))
		for _, tb := range tables {
			for _, f := range m.Tables[tb.name].Files {
				b, err := os.ReadFile(filepath.Join(runDir, filepath.FromSlash(f.Path)))
				if err != nil {
					t.Fatal(err)
				}
				cs = append(cs, verifyCase{name: m.RunID + "/" + f.Path, data: b, rows: f.Rows, schema: tb.schema})
			}
		}
	}
	out := t.TempDir()
	add(out, commit(t, out, opts("dataset"), dataset()))
	o := streamingOpts("small")
	o.RowGroupRows, o.MaxFileRows, o.PageBufferBytes = 100, 700, 1024
	add(out, commit(t, out, o, multiYear()))
	add(out, commit(t, out, opts("empty"), []*schemas.Parsed{{Report: schemas.Report{ReportID: "x"}}}))
	add(out, writeTemplateReports(t, out, "template", 300, true))
	return cs
}

// verifyBoth runs both implementations on data.
func verifyBoth(t testing.TB, dir string, c verifyCase, data []byte) (oldErr, newErr error) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "f.parquet"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	s := mustLocal(dir)
	want := FileSchema(c.schema)
	ctx := context.Background()
	return readBackArrow(ctx, s, "f.parquet", c.rows, want, memory.DefaultAllocator, true),
		readBack(ctx, s, "f.parquet", c.rows, want, memory.DefaultAllocator)
}

// TestVerifyAgreesWithArrow: the column-reader verification accepts every
// file the Writer makes, as the Arrow record reader does, and refuses
// every damaged copy (truncated, a byte changed, a wrong row count) the
// Arrow record reader refuses, but one kind: the record reader, reading
// dictionary columns as dictionaries, decodes every entry of a dictionary
// page, and the column readers only the entries some row refers to. A
// page claiming more entries than it holds is refused by the first alone;
// every row still reads (checked here by the record reader with strings
// looked up row by row). The column readers may refuse more.
func TestVerifyAgreesWithArrow(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(17, 1))
	stricter, refused, dictOnly, damaged := 0, 0, 0, 0
	for _, c := range verifyCases(t) {
		oldErr, newErr := verifyBoth(t, dir, c, c.data)
		if oldErr != nil || newErr != nil {
			t.Fatalf("%s: arrow: %v, columns: %v", c.name, oldErr, newErr)
		}
		wrong := c
		wrong.rows++
		oldErr, newErr = verifyBoth(t, dir, wrong, c.data)
		if !errors.Is(oldErr, ErrRowCount) || !errors.Is(newErr, ErrRowCount) {
			t.Errorf("%s: rows+1: arrow: %v, columns: %v", c.name, oldErr, newErr)
		}
		var variants [][]byte
		for _, cut := range []int{len(c.data) - 1, len(c.data) - 8, len(c.data) / 2, 4} {
			variants = append(variants, c.data[:cut])
		}
		for range 16 {
			b := append([]byte(nil), c.data...)
			b[4+rng.IntN(len(b)-12)] ^= byte(1 + rng.IntN(255))
			variants = append(variants, b)
		}
		for i, b := range variants {
			damaged++
			oldErr, newErr := verifyBoth(t, dir, c, b)
			if oldErr != nil {
				switch {
				case newErr != nil:
					refused++
				case onlyDictionary(t, dir, c):
					dictOnly++
				default:
					t.Errorf("%s variant %d: arrow refuses (%v), columns accept", c.name, i, oldErr)
				}
			} else if newErr != nil {
				stricter++
			}
		}
	}
	t.Logf("%d damaged files: %d refused by both, %d by the column readers alone, %d by the record reader alone in an unreferenced dictionary entry",
		damaged, refused, stricter, dictOnly)
	if refused == 0 {
		t.Error("no damaged file was refused: the damage did not reach the data")
	}
}

// FuzzVerify: on any bytes, the column-reader verification refuses
// whatever the Arrow record reader refuses, and neither panics or hangs.
func FuzzVerify(f *testing.F) {
	var cs []verifyCase
	for _, c := range verifyCases(f) {
		if len(c.data) < 1<<16 {
			cs = append(cs, c)
		}
	}
	for i, c := range cs {
		f.Add(i, c.data)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, i int, data []byte) {
		c := cs[(i%len(cs)+len(cs))%len(cs)]
		oldErr, newErr := verifyBoth(t, dir, c, data)
		if oldErr != nil && newErr == nil && !onlyDictionary(t, dir, c) {
			t.Errorf("arrow refuses (%v), columns accept", oldErr)
		}
	})
}

// onlyDictionary reports whether the file verifyBoth last wrote reads
// through the Arrow record reader when dictionary columns are read as
// strings, row by row.
func onlyDictionary(t testing.TB, dir string, c verifyCase) bool {
	t.Helper()
	err := readBackArrow(context.Background(), mustLocal(dir), "f.parquet", c.rows, FileSchema(c.schema), memory.DefaultAllocator, false)
	return err == nil
}
