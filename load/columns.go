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
// The column index is unused by the column buffers.

func strValue(s string) parquet.Value {
	return parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// set is v as the value of an optional column.
func set(v parquet.Value) parquet.Value { return v.Level(0, 1, 0) }

func optInt32(p *int32) parquet.Value {
	if p == nil {
		return parquet.Value{}
	}
	return set(parquet.Int32Value(*p))
}

func optInt64(p *int64) parquet.Value {
	if p == nil {
		return parquet.Value{}
	}
	return set(parquet.Int64Value(*p))
}

func applicationColumns(rows []schemas.Application, vals [][]parquet.Value) {
	for i := range rows {
		r := &rows[i]
		vals[0] = append(vals[0], strValue(r.ReportID))
		vals[1] = append(vals[1], optInt32(r.ReportYear))
		vals[2] = append(vals[2], strValue(r.Cell))
		vals[3] = append(vals[3], strValue(r.Outcome))
		vals[4] = append(vals[4], strValue(r.Applicant))
		vals[5] = append(vals[5], strValue(r.Label))
		vals[6] = append(vals[6], optInt64(r.Count))
		vals[7] = append(vals[7], strValue(r.Raw))
		vals[8] = append(vals[8], parquet.Int32Value(r.Line))
	}
}

func appealColumns(rows []schemas.Appeal, vals [][]parquet.Value) {
	for i := range rows {
		r := &rows[i]
		vals[0] = append(vals[0], strValue(r.ReportID))
		vals[1] = append(vals[1], optInt32(r.ReportYear))
		vals[2] = append(vals[2], strValue(r.Cell))
		vals[3] = append(vals[3], strValue(r.Proceeding))
		vals[4] = append(vals[4], strValue(r.Outcome))
		vals[5] = append(vals[5], optInt64(r.Count))
		vals[6] = append(vals[6], strValue(r.Raw))
		vals[7] = append(vals[7], parquet.Int32Value(r.Line))
	}
}

func disclosureColumns(rows []schemas.Disclosure, vals [][]parquet.Value) {
	for i := range rows {
		r := &rows[i]
		vals[0] = append(vals[0], strValue(r.ReportID))
		vals[1] = append(vals[1], optInt32(r.ReportYear))
		vals[2] = append(vals[2], strValue(r.Cell))
		vals[3] = append(vals[3], strValue(r.Item))
		vals[4] = append(vals[4], strValue(r.Metric))
		vals[5] = append(vals[5], strValue(r.Label))
		vals[6] = append(vals[6], optInt64(r.Count))
		amount := parquet.Value{}
		if r.AmountYuan != nil {
			amount = set(parquet.Int64Value(int64(*r.AmountYuan)))
		}
		vals[7] = append(vals[7], amount)
		unit := parquet.Value{}
		if r.Unit != nil {
			unit = set(strValue(*r.Unit))
		}
		vals[8] = append(vals[8], unit)
		vals[9] = append(vals[9], parquet.BooleanValue(r.UnitInferred))
		vals[10] = append(vals[10], strValue(r.Raw))
		vals[11] = append(vals[11], parquet.Int32Value(r.Line))
	}
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
