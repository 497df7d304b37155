package load

import (
	"context"
	"errors"
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
			if cc, err := rg.ColumnChunk(i); err == nil && cc.HasDictionaryPage() {
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
