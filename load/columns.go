package load

import (
	"fmt"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
	"github.com/parquet-go/parquet-go"
)

// Column by column: the cell tables are handed to parquet-go as one slice
// of values per column (ColumnWriter.WriteRowValues) instead of as structs
// (GenericWriter.Write). GenericWriter shreds an optional pointer field
// (report_year, count) one row at a time, a call into the column buffer per
// row and column; here every column of a slice of rows is one call. The
// bytes are those of GenericWriter.Write: the values, and where pages and
// row groups end, are the same (see partFile.writeColumns);
// TestColumnsSameFiles and FuzzSlicesSameFiles compare the two.

// columns appends the values of rows to vals, one slice per leaf column of
// the table's schema, in the schema's column order.
type columns[T any] func(rows []T, vals [][]parquet.Value)

// Value constructors. A required column's value needs no levels; an
// optional one has definition level 1 when set, 0 (and no value) when null.
// The column index is unused by the column buffers. Each column is filled
// in a loop of its own, in place (resize).

// resize makes vals n values long.
func resize(vals []parquet.Value, n int) []parquet.Value {
	if cap(vals) < n {
		return make([]parquet.Value, n, max(n, sliceRows))
	}
	return vals[:n]
}

func strValue(s string) parquet.Value {
	return parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// strs fills a required string column.
func strs[T any](vals []parquet.Value, rows []T, get func(*T) string) []parquet.Value {
	vals = resize(vals, len(rows))
	for i := range rows {
		vals[i] = strValue(get(&rows[i]))
	}
	return vals
}

// int32s fills a required int32 column.
func int32s[T any](vals []parquet.Value, rows []T, get func(*T) int32) []parquet.Value {
	vals = resize(vals, len(rows))
	for i := range rows {
		vals[i] = parquet.Int32Value(get(&rows[i]))
	}
	return vals
}

// optInt32s fills an optional int32 column.
func optInt32s[T any](vals []parquet.Value, rows []T, get func(*T) *int32) []parquet.Value {
	vals = resize(vals, len(rows))
	for i := range rows {
		if p := get(&rows[i]); p != nil {
			vals[i] = parquet.Int32Value(*p)
			vals[i].SetDefinitionLevel(1)
		} else {
			vals[i] = parquet.Value{}
		}
	}
	return vals
}

// optInt64s fills an optional int64 column.
func optInt64s[T any](vals []parquet.Value, rows []T, get func(*T) *int64) []parquet.Value {
	vals = resize(vals, len(rows))
	for i := range rows {
		if p := get(&rows[i]); p != nil {
			vals[i] = parquet.Int64Value(*p)
			vals[i].SetDefinitionLevel(1)
		} else {
			vals[i] = parquet.Value{}
		}
	}
	return vals
}

func applicationColumns(rows []schemas.Application, vals [][]parquet.Value) {
	type r = schemas.Application
	vals[0] = strs(vals[0], rows, func(r *r) string { return r.ReportID })
	vals[1] = optInt32s(vals[1], rows, func(r *r) *int32 { return r.ReportYear })
	vals[2] = strs(vals[2], rows, func(r *r) string { return r.Cell })
	vals[3] = strs(vals[3], rows, func(r *r) string { return r.Outcome })
	vals[4] = strs(vals[4], rows, func(r *r) string { return r.Applicant })
	vals[5] = strs(vals[5], rows, func(r *r) string { return r.Label })
	vals[6] = optInt64s(vals[6], rows, func(r *r) *int64 { return r.Count })
	vals[7] = strs(vals[7], rows, func(r *r) string { return r.Raw })
	vals[8] = int32s(vals[8], rows, func(r *r) int32 { return r.Line })
}

func appealColumns(rows []schemas.Appeal, vals [][]parquet.Value) {
	type r = schemas.Appeal
	vals[0] = strs(vals[0], rows, func(r *r) string { return r.ReportID })
	vals[1] = optInt32s(vals[1], rows, func(r *r) *int32 { return r.ReportYear })
	vals[2] = strs(vals[2], rows, func(r *r) string { return r.Cell })
	vals[3] = strs(vals[3], rows, func(r *r) string { return r.Proceeding })
	vals[4] = strs(vals[4], rows, func(r *r) string { return r.Outcome })
	vals[5] = optInt64s(vals[5], rows, func(r *r) *int64 { return r.Count })
	vals[6] = strs(vals[6], rows, func(r *r) string { return r.Raw })
	vals[7] = int32s(vals[7], rows, func(r *r) int32 { return r.Line })
}

func disclosureColumns(rows []schemas.Disclosure, vals [][]parquet.Value) {
	type r = schemas.Disclosure
	vals[0] = strs(vals[0], rows, func(r *r) string { return r.ReportID })
	vals[1] = optInt32s(vals[1], rows, func(r *r) *int32 { return r.ReportYear })
	vals[2] = strs(vals[2], rows, func(r *r) string { return r.Cell })
	vals[3] = strs(vals[3], rows, func(r *r) string { return r.Item })
	vals[4] = strs(vals[4], rows, func(r *r) string { return r.Metric })
	vals[5] = strs(vals[5], rows, func(r *r) string { return r.Label })
	vals[6] = optInt64s(vals[6], rows, func(r *r) *int64 { return r.Count })
	vals[7] = optInt64s(vals[7], rows, func(r *r) *int64 { return (*int64)(r.AmountYuan) })
	vals[8] = resize(vals[8], len(rows))
	vals[9] = resize(vals[9], len(rows))
	for i := range rows {
		r := &rows[i]
		if r.Unit != nil {
			vals[8][i] = strValue(*r.Unit)
			vals[8][i].SetDefinitionLevel(1)
		} else {
			vals[8][i] = parquet.Value{}
		}
		vals[9][i] = parquet.BooleanValue(r.UnitInferred)
	}
	vals[10] = strs(vals[10], rows, func(r *r) string { return r.Raw })
	vals[11] = int32s(vals[11], rows, func(r *r) int32 { return r.Line })
}

// checkColumns makes sure the schema's leaf columns are the ones a columns
// function fills, in its order, with the optional ones where it puts
// nulls; a row type that changes without its columns function is an
// error, not a file with values in the wrong columns.
func checkColumns(file string, s *parquet.Schema, want []string) error {
	leaves := s.Columns()
	if len(leaves) != len(want) {
		return fmt.Errorf("load: %s: %d columns, the column writer knows %d", file, len(leaves), len(want))
	}
	for i, path := range leaves {
		if len(path) != 1 || path[0] != want[i] {
			return fmt.Errorf("load: %s: column %d is %v, the column writer has %q", file, i, path, want[i])
		}
	}
	return nil
}

// columnsFor returns the columns function of row type T and the leaf
// columns it fills, in order; nil for a table written as structs.
func columnsFor[T any]() (columns[T], []string) {
	var f any
	var names []string
	switch any((*T)(nil)).(type) {
	case *schemas.Application:
		f = columns[schemas.Application](applicationColumns)
		names = []string{"report_id", "report_year", "cell", "outcome", "applicant", "label", "count", "raw", "line"}
	case *schemas.Appeal:
		f = columns[schemas.Appeal](appealColumns)
		names = []string{"report_id", "report_year", "cell", "proceeding", "outcome", "count", "raw", "line"}
	case *schemas.Disclosure:
		f = columns[schemas.Disclosure](disclosureColumns)
		names = []string{"report_id", "report_year", "cell", "item", "metric", "label", "count", "amount_yuan",
			"unit", "unit_inferred", "raw", "line"}
	}
	c, _ := f.(columns[T])
	return c, names
}
