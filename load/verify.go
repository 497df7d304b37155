package load

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// FileSchema returns the schema of a table's Parquet files. report_year is
// stored in each file as well as in its folder name: an Iceberg table takes a
// file's partition value from the column's statistics, and a reader of one
// file alone still knows the year. Every file holds one year.
func FileSchema(table *arrow.Schema) *arrow.Schema {
	return arrow.NewSchema(table.Fields(), nil)
}

// CheckSchema compares a schema read from a file with the expected one:
// names, order, types and nullability; metadata is ignored. A dictionary of
// strings is accepted where a string is expected (a reader may keep
// dictionary-encoded columns as dictionaries).
func CheckSchema(want, got *arrow.Schema) error {
	if got.NumFields() != want.NumFields() {
		return fmt.Errorf("%w: %d columns, want %d", ErrSchema, got.NumFields(), want.NumFields())
	}
	for i, w := range want.Fields() {
		g := got.Field(i)
		if g.Name != w.Name {
			return fmt.Errorf("%w: column %d is %q, want %q", ErrSchema, i, g.Name, w.Name)
		}
		gt := g.Type
		if d, ok := gt.(*arrow.DictionaryType); ok && arrow.TypeEqual(w.Type, arrow.BinaryTypes.String) {
			gt = d.ValueType
		}
		if !arrow.TypeEqual(gt, w.Type) {
			return fmt.Errorf("%w: column %q has type %s, want %s", ErrSchema, w.Name, g.Type, w.Type)
		}
		if g.Nullable != w.Nullable {
			return fmt.Errorf("%w: column %q nullable=%t, want %t", ErrSchema, w.Name, g.Nullable, w.Nullable)
		}
	}
	return nil
}

// verifyFile reads a written file back through Arrow's Parquet reader,
// checks its schema and decodes every row.
func verifyFile(ctx context.Context, store Store, runKey string, f FileManifest, table *arrow.Schema, mem memory.Allocator) error {
	err := readBack(ctx, store, keyJoin(runKey, f.Path), f.Rows, FileSchema(table), mem)
	if err != nil {
		return &VerifyError{File: f.Path, Err: err}
	}
	return nil
}

func readBack(ctx context.Context, store Store, key string, rows int64, want *arrow.Schema, mem memory.Allocator) (err error) {
	return readBackBatch(ctx, store, key, rows, want, mem, verifyBatch)
}

// readBackBatch is readBack decoding batch values at a time.
func readBackBatch(ctx context.Context, store Store, key string, rows int64, want *arrow.Schema, mem memory.Allocator, batch int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parquet reader panicked: %v", r)
		}
	}()
	obj, err := store.Open(ctx, key)
	if err != nil {
		return err
	}
	defer obj.Close()
	rdr, err := file.NewParquetReader(io.NewSectionReader(obj, 0, obj.Size()),
		file.WithReadProps(parquet.NewReaderProperties(mem)))
	if err != nil {
		return err
	}
	defer rdr.Close()
	if n := rdr.NumRows(); n != rows {
		return fmt.Errorf("%w: footer says %d rows, wrote %d", ErrRowCount, n, rows)
	}
	md := rdr.MetaData()
	got, err := pqarrow.FromParquet(md.Schema, &pqarrow.ArrowReadProperties{}, md.KeyValueMetadata())
	if err != nil {
		return err
	}
	if err := CheckSchema(want, got); err != nil {
		return err
	}
	// Every column chunk of every row group is decoded page by page with
	// the column readers of Arrow's Parquet implementation: levels and
	// values (dictionary indexes looked up in their dictionary), without
	// building Arrow arrays nobody looks at. Each chunk must hold exactly
	// its row group's rows, and the row groups the file's.
	var n int64
	cr := columnReader{batch: batch}
	for g := range rdr.NumRowGroups() {
		if err := ctx.Err(); err != nil {
			return err
		}
		rg := rdr.RowGroup(g)
		for c := range rg.NumColumns() {
			col, err := rg.Column(c)
			if err != nil {
				return err
			}
			got, err := cr.read(col)
			if cerr := col.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("row group %d, column %s: %w", g, col.Descriptor().Path(), err)
			}
			if got != rg.NumRows() {
				return fmt.Errorf("%w: row group %d, column %s: decoded %d rows, row group has %d",
					ErrRowCount, g, col.Descriptor().Path(), got, rg.NumRows())
			}
		}
		n += rg.NumRows()
	}
	if n != rows {
		return fmt.Errorf("%w: decoded %d rows, wrote %d", ErrRowCount, n, rows)
	}
	return nil
}

// verifyBatch is how many values a column reader decodes at a time. Its
// buffer of byte arrays (24 bytes a value) then fits in the first-level
// cache, which the values looked up in a dictionary page are copied into:
// with 4096 values (96 KiB) every line written was a miss. In the
// 2 000-report run, Arrow's dictConverter.Copy and PlainByteArrayDecoder
// went from 29.0 to 22.7 M estimated cycles (cachegrind; 512 values saved
// no more).
const verifyBatch = 1024

// columnReader decodes column chunks into buffers it reuses.
type columnReader struct {
	batch int // values decoded at a time (verifyBatch)
	defs  []int16
	i32   []int32
	i64   []int64
	bools []bool
	bytes []parquet.ByteArray
	fixed []parquet.FixedLenByteArray
}

// read decodes every level and value of a column chunk and returns its
// number of rows (the nianbao tables are flat: a level is a row).
func (r *columnReader) read(col file.ColumnChunkReader) (int64, error) {
	if r.batch == 0 {
		r.batch = verifyBatch
	}
	if r.defs == nil {
		r.defs = make([]int16, r.batch)
	}
	var defs []int16
	maxDef := col.Descriptor().MaxDefinitionLevel()
	if maxDef > 0 {
		defs = r.defs
	}
	if col.Descriptor().MaxRepetitionLevel() > 0 {
		return 0, fmt.Errorf("%w: repeated column", ErrSchema)
	}
	switch c := col.(type) {
	case *file.Int32ColumnChunkReader:
		return readChunk(c, c.ReadBatchInPage, grow(&r.i32, r.batch), defs, maxDef)
	case *file.Int64ColumnChunkReader:
		return readChunk(c, c.ReadBatchInPage, grow(&r.i64, r.batch), defs, maxDef)
	case *file.BooleanColumnChunkReader:
		return readChunk(c, c.ReadBatchInPage, grow(&r.bools, r.batch), defs, maxDef)
	case *file.ByteArrayColumnChunkReader:
		return readChunk(c, c.ReadBatchInPage, grow(&r.bytes, r.batch), defs, maxDef)
	case *file.FixedLenByteArrayColumnChunkReader:
		return readChunk(c, c.ReadBatchInPage, grow(&r.fixed, r.batch), defs, maxDef)
	}
	return 0, fmt.Errorf("%w: column of physical type %s", ErrSchema, col.Type())
}

func grow[V any](b *[]V, n int) []V {
	if *b == nil {
		*b = make([]V, n)
	}
	return *b
}

// readChunk reads a column chunk to its end, one page's values at a time
// (ReadBatchInPage decodes without copying byte arrays out of the page).
// Every non-null level must have its value: a page whose values run out
// before its levels is an error.
func readChunk[V any](col file.ColumnChunkReader, readBatch func(int64, []V, []int16, []int16) (int64, int, error), vals []V, defs []int16, maxDef int16) (int64, error) {
	var rows int64
	for col.HasNext() {
		n, got, err := readBatch(int64(len(vals)), vals, defs, nil)
		if err != nil {
			return rows, err
		}
		if n == 0 {
			return rows, fmt.Errorf("%w: a page yields no value", ErrRowCount)
		}
		want := n
		if defs != nil {
			want = 0
			for _, d := range defs[:n] {
				switch {
				case d == maxDef:
					want++
				case d < 0 || d > maxDef:
					return rows, fmt.Errorf("definition level %d out of range 0..%d", d, maxDef)
				}
			}
		}
		if int64(got) != want {
			return rows, fmt.Errorf("%w: %d values for %d non-null levels", ErrRowCount, got, want)
		}
		rows += n
	}
	return rows, col.Err()
}
