package load

import (
	"io"
	"slices"
	"time"

	"github.com/nianbao/nianbao/schemas"
	"github.com/parquet-go/parquet-go"
)

// The file rows the Writer handed to parquet-go before it handed over the
// row types themselves, kept to compare the files of the two
// (TestFileRowsSameFiles, FuzzFileRows): a struct per row type with the
// same columns whose report_year is an int32, zero for null, filled by a
// conversion, and the fileWriter that wrote them (a file of the year 0
// from the row type).

// fileWriterOld is fileWriter as it was: the writer of a file of the
// partition of year (nil: the unknown year).
type fileWriterOld[T any] func(out io.Writer, year *int32) rowWriterOld[T]

// rowWriterOld is what a part file wrote its rows through: a
// parquet.GenericWriter[T], or a fileRowsOld one.
type rowWriterOld[T any] interface {
	Write(rows []T) (int, error)
	Close() error
}

// newFileWriterOld is the fileWriter of row type T, whose files are written
// with opts from rows of its file row type R, filled by conv: the same
// columns (rows_gen.go), so the same file, with a report_year parquet-go
// writes in one run instead of a row at a time. A file of the year 0 is
// written from T itself, as R's zero report_year would be a null.
func newFileWriterOld[T, R any](opts []parquet.WriterOption, conv func([]R, []T)) fileWriterOld[T] {
	// The schema is T's (its name is the type's), which R's columns match.
	ropts := append(slices.Clip(opts), parquet.SchemaOf(new(T)))
	return func(out io.Writer, year *int32) rowWriterOld[T] {
		if year != nil && *year == 0 {
			return parquet.NewGenericWriter[T](out, opts...)
		}
		return &fileRowsOld[T, R]{pw: parquet.NewGenericWriter[R](out, ropts...), conv: conv}
	}
}

// fileRowsOld hands rows to parquet-go as file rows.
type fileRowsOld[T, R any] struct {
	pw   *parquet.GenericWriter[R]
	conv func([]R, []T)
	buf  [sliceRows]R
}

// Write converts rows, sliceRows at a time: the slices parquet-go would
// cut a call of all of them into, so the file is the same.
func (f *fileRowsOld[T, R]) Write(rows []T) (int, error) {
	n := 0
	for len(rows) > 0 {
		k := min(len(rows), len(f.buf))
		f.conv(f.buf[:], rows[:k])
		m, err := f.pw.Write(f.buf[:k])
		clear(f.buf[:k]) // keeps none of the caller's strings
		n += m
		if err != nil {
			return n, err
		}
		rows = rows[k:]
	}
	return n, nil
}

func (f *fileRowsOld[T, R]) Close() error { return f.pw.Close() }

// yearOfOld is a file row's report_year: 0 for the unknown year.
func yearOfOld(y *int32) int32 {
	if y == nil {
		return 0
	}
	return *y
}

// reportRow is the file row of schemas.Report (see fileWriterOld).
type reportRow struct {
	ReportID        string        `parquet:"report_id,id(1)"`
	ReportYear      int32         `parquet:"report_year,optional,id(2)"`
	SourcePath      string        `parquet:"source_path,id(3)"`
	SourceFormat    string        `parquet:"source_format,dict,id(4)"`
	Encoding        string        `parquet:"encoding,dict,id(5)"`
	SourceBytes     int64         `parquet:"source_bytes,id(6)"`
	Agency          *string       `parquet:"agency,optional,id(7)"`
	Template        string        `parquet:"template,dict,id(8)"`
	Status          string        `parquet:"status,dict,id(9)"`
	IssueCount      int32         `parquet:"issue_count,id(10)"`
	ParserVersion   string        `parquet:"parser_version,dict,id(11)"`
	IngestedAt      time.Time     `parquet:"ingested_at,timestamp(microsecond),id(12)"`
	Title           *string       `parquet:"title,optional,id(13)"`
	URL             *string       `parquet:"url,optional,id(14)"`
	Published       *schemas.Date `parquet:"published,optional,date,id(15)"`
	DivisionCode    *string       `parquet:"division_code,optional,dict,id(16)"`
	Province        *string       `parquet:"province,optional,dict,id(17)"`
	City            *string       `parquet:"city,optional,dict,id(18)"`
	County          *string       `parquet:"county,optional,dict,id(19)"`
	Township        *string       `parquet:"township,optional,dict,id(20)"`
	AgencyLevel     *string       `parquet:"agency_level,optional,dict,id(21)"`
	AgencyKind      *string       `parquet:"agency_kind,optional,dict,id(22)"`
	LogicalReportID string        `parquet:"logical_report_id,id(23)"`
	IsCanonical     bool          `parquet:"is_canonical,id(24)"`
}

// toReportRows sets r[i] to the values of rows[i], for every row (len(r) >=
// len(rows)), a field at a time: a row built whole would be copied once more.
func toReportRows(r []reportRow, rows []schemas.Report) {
	r = r[:len(rows)]
	for i := range rows {
		x, y := &rows[i], &r[i]
		y.ReportID = x.ReportID
		y.ReportYear = yearOfOld(x.ReportYear)
		y.SourcePath = x.SourcePath
		y.SourceFormat = x.SourceFormat
		y.Encoding = x.Encoding
		y.SourceBytes = x.SourceBytes
		y.Agency = x.Agency
		y.Template = x.Template
		y.Status = x.Status
		y.IssueCount = x.IssueCount
		y.ParserVersion = x.ParserVersion
		y.IngestedAt = x.IngestedAt
		y.Title = x.Title
		y.URL = x.URL
		y.Published = x.Published
		y.DivisionCode = x.DivisionCode
		y.Province = x.Province
		y.City = x.City
		y.County = x.County
		y.Township = x.Township
		y.AgencyLevel = x.AgencyLevel
		y.AgencyKind = x.AgencyKind
		y.LogicalReportID = x.LogicalReportID
		y.IsCanonical = x.IsCanonical
	}
}

// disclosureRow is the file row of schemas.Disclosure (see fileWriterOld).
type disclosureRow struct {
	ReportID     string        `parquet:"report_id,id(1)"`
	ReportYear   int32         `parquet:"report_year,optional,id(2)"`
	Cell         string        `parquet:"cell,dict,id(3)"`
	Item         string        `parquet:"item,dict,id(4)"`
	Metric       string        `parquet:"metric,dict,id(5)"`
	Label        string        `parquet:"label,dict,id(6)"`
	Count        *int64        `parquet:"count,optional,id(7)"`
	AmountYuan   *schemas.Yuan `parquet:"amount_yuan,optional,decimal(2:18),id(8)"`
	Unit         *string       `parquet:"unit,optional,dict,id(9)"`
	UnitInferred bool          `parquet:"unit_inferred,id(10)"`
	Raw          string        `parquet:"raw,id(11)"`
	Line         int32         `parquet:"line,id(12)"`
}

// toDisclosureRows sets r[i] to the values of rows[i], for every row (len(r) >=
// len(rows)), a field at a time: a row built whole would be copied once more.
func toDisclosureRows(r []disclosureRow, rows []schemas.Disclosure) {
	r = r[:len(rows)]
	for i := range rows {
		x, y := &rows[i], &r[i]
		y.ReportID = x.ReportID
		y.ReportYear = yearOfOld(x.ReportYear)
		y.Cell = x.Cell
		y.Item = x.Item
		y.Metric = x.Metric
		y.Label = x.Label
		y.Count = x.Count
		y.AmountYuan = x.AmountYuan
		y.Unit = x.Unit
		y.UnitInferred = x.UnitInferred
		y.Raw = x.Raw
		y.Line = x.Line
	}
}

// applicationRow is the file row of schemas.Application (see fileWriterOld).
type applicationRow struct {
	ReportID   string `parquet:"report_id,dict,id(1)"`
	ReportYear int32  `parquet:"report_year,optional,id(2)"`
	Cell       string `parquet:"cell,dict,id(3)"`
	Outcome    string `parquet:"outcome,dict,id(4)"`
	Applicant  string `parquet:"applicant,dict,id(5)"`
	Label      string `parquet:"label,dict,id(6)"`
	Count      *int64 `parquet:"count,optional,id(7)"`
	Raw        string `parquet:"raw,id(8)"`
	Line       int32  `parquet:"line,id(9)"`
}

// toApplicationRows sets r[i] to the values of rows[i], for every row (len(r) >=
// len(rows)), a field at a time: a row built whole would be copied once more.
func toApplicationRows(r []applicationRow, rows []schemas.Application) {
	r = r[:len(rows)]
	for i := range rows {
		x, y := &rows[i], &r[i]
		y.ReportID = x.ReportID
		y.ReportYear = yearOfOld(x.ReportYear)
		y.Cell = x.Cell
		y.Outcome = x.Outcome
		y.Applicant = x.Applicant
		y.Label = x.Label
		y.Count = x.Count
		y.Raw = x.Raw
		y.Line = x.Line
	}
}

// appealRow is the file row of schemas.Appeal (see fileWriterOld).
type appealRow struct {
	ReportID   string `parquet:"report_id,id(1)"`
	ReportYear int32  `parquet:"report_year,optional,id(2)"`
	Cell       string `parquet:"cell,dict,id(3)"`
	Proceeding string `parquet:"proceeding,dict,id(4)"`
	Outcome    string `parquet:"outcome,dict,id(5)"`
	Count      *int64 `parquet:"count,optional,id(6)"`
	Raw        string `parquet:"raw,id(7)"`
	Line       int32  `parquet:"line,id(8)"`
}

// toAppealRows sets r[i] to the values of rows[i], for every row (len(r) >=
// len(rows)), a field at a time: a row built whole would be copied once more.
func toAppealRows(r []appealRow, rows []schemas.Appeal) {
	r = r[:len(rows)]
	for i := range rows {
		x, y := &rows[i], &r[i]
		y.ReportID = x.ReportID
		y.ReportYear = yearOfOld(x.ReportYear)
		y.Cell = x.Cell
		y.Proceeding = x.Proceeding
		y.Outcome = x.Outcome
		y.Count = x.Count
		y.Raw = x.Raw
		y.Line = x.Line
	}
}

// findingRow is the file row of schemas.Finding (see fileWriterOld).
type findingRow struct {
	ReportID   string  `parquet:"report_id,id(1)"`
	ReportYear int32   `parquet:"report_year,optional,id(2)"`
	Rule       string  `parquet:"rule,dict,id(3)"`
	Severity   string  `parquet:"severity,dict,id(4)"`
	Kind       string  `parquet:"kind,dict,id(5)"`
	Cell       string  `parquet:"cell,dict,id(6)"`
	Expected   *string `parquet:"expected,optional,id(7)"`
	Actual     *string `parquet:"actual,optional,id(8)"`
	Message    string  `parquet:"message,id(9)"`
	Line       *int32  `parquet:"line,optional,id(10)"`
}

// toFindingRows sets r[i] to the values of rows[i], for every row (len(r) >=
// len(rows)), a field at a time: a row built whole would be copied once more.
func toFindingRows(r []findingRow, rows []schemas.Finding) {
	r = r[:len(rows)]
	for i := range rows {
		x, y := &rows[i], &r[i]
		y.ReportID = x.ReportID
		y.ReportYear = yearOfOld(x.ReportYear)
		y.Rule = x.Rule
		y.Severity = x.Severity
		y.Kind = x.Kind
		y.Cell = x.Cell
		y.Expected = x.Expected
		y.Actual = x.Actual
		y.Message = x.Message
		y.Line = x.Line
	}
}
