package schemas

import "time"

// Dataset identity. SchemaVersion changes only when a column is renamed or
// removed (the data contract); ParserVersion changes whenever the same input
// can produce different rows, and is what the reports table tells analysts
// (parser_version). Incremental runs do not rely on it: the state store
// keeps a parse per build (pipeline's cacheGeneration), since a version
// string is only as good as the memory of whoever changes the parser.
//
// 0.2.0: blank cells never 0 by the arithmetic, columns read by their
// headers, extra rows by their block, Markdown titles, misnamed files.
// 0.2.1: section 二 rows over a page break and beside page numbers, a
// second row naming an item (S2_DUPLICATE_ROW), section 四 with 总计
// first, emphasised numbers (**5**) and 人民币 amounts as cells.
// 0.2.2: section 三 with 总计 printed before the applicant columns,
// section 四 with its proceedings in another order; a label's span in an
// HTML or DOCX row, or its empty line in a table printed one cell per
// line, no longer read as a blank cell; the organ of a notice that prints
// the report (关于印发《…报告》的通知) or of a title led by a bracketed
// year, and no organ from an enumerated sentence; a section 二 row with no
// number closed at the next block's 第二十条 line; 289。 alone on its line a
// rejected cell of its row; section 二 blocks printing their labels first
// and a line of numbers per row below them; section 二 printed as
// "label：value" lines (S2_KEY_VALUE); footnoted numbers (5①), 零/〇, en
// dashes, words for nothing (不适用, ×) and words between a row's numbers
// kept as cells; a section 二 row with words before its number and a blank
// cell left null; w:hMerge read as w:gridSpan; labels a narrow PDF column
// wraps over lines (行政事业性 / 收费) read whole, a section 三 line of
// numbers under no label never the row above's, section 四 numbers
// wrapped in narrow cells left null, section 二 found from its first
// block when narrow columns wrap its headers, section 三's header words
// on different lines of a spaced layout no order of its columns, and the
// unit of an amount header wrapped in pieces (金额 / （单 / 位： / 万元 / ）).
// 0.2.3: numbers in Markdown emphasis or quotation marks (**48**, “18561”)
// read as the number inside; numbers grouped with an apostrophe (1'234),
// or with a space in rows split by tabs or '|' (17 549), one rejected cell
// in their column; a '|' in an HTML or DOCX cell's text no separator, and
// alone between two tabs a cell; a marker printed with its unit (/件) the
// marker; a run of numbers on one line (8 49) no reason to take the number
// below it for a page number; section 二 negative counts NEGATIVE_COUNT,
// its wrapped "label：value" lines and labels wrapped after their first
// words; section 三 rows with blank cells in spaced layouts placed by the
// columns their page's full rows form (S3_CELL_POSITION); in narrow PDF
// columns, row labels read beside a group label's pieces, numbers whose
// last digits wrapped left null, 2019 section 二 labels wrapped,
// section 二's blocks found over blank lines, and an amount header's unit
// read when the label column's header wraps beside it.
// 0.2.4: an organ naming a township whose name holds brackets
// (中国（上海）自由贸易试验区（保税片区）, 中国（南京）软件谷) is of that
// township, not of its county or of no division.
// 0.2.5: the office of a street whose name ends in a bracketed qualifier
// (东湖风景区街道（洪山）办事处) is a street_office, not a department; and
// text in another encoding after a UTF-8 byte order mark reports all of
// its invalid sequences in ENCODING_INVALID again (0.2.4 counted those of
// its first pieces only).
const (
	SchemaVersion = "1"
	ParserVersion = "0.2.5"
)

// The row types are the column table: each field is a column, its parquet
// tag its name, options and Iceberg field ID; the Arrow schemas, the
// field IDs, the writers' string handling and the state codec are derived
// from them (internal/rowgen, `go generate ./...`). A derived tag names
// what a column can be recomputed from, which the state codec does not
// store when it holds: "report" (set from the report by SetKey), "cell.0"
// and "cell.1" (the parts of the cell code before and after its last dot),
// "count" (the digits of the row's count).

// Report is one row of the reports table: one per input document.
type Report struct {
	ReportID      string    `parquet:"report_id,id(1)"`
	ReportYear    *int32    `parquet:"report_year,optional,id(2)"`
	SourcePath    string    `parquet:"source_path,id(3)"`
	SourceFormat  string    `parquet:"source_format,dict,id(4)"`
	Encoding      string    `parquet:"encoding,dict,id(5)"`
	SourceBytes   int64     `parquet:"source_bytes,id(6)"`
	Agency        *string   `parquet:"agency,optional,id(7)"`
	Template      string    `parquet:"template,dict,id(8)"`
	Status        string    `parquet:"status,dict,id(9)"`
	IssueCount    int32     `parquet:"issue_count,id(10)"`
	ParserVersion string    `parquet:"parser_version,dict,id(11)"`
	IngestedAt    time.Time `parquet:"ingested_at,timestamp(microsecond),id(12)"`
	Title         *string   `parquet:"title,optional,id(13)"`
	URL           *string   `parquet:"url,optional,id(14)"`
	Published     *Date     `parquet:"published,optional,date,id(15)"`
	// Who published it, and which copies are one report: filled by the
	// run's whole-collection pass (pipeline), not by parsing alone.
	DivisionCode    *string `parquet:"division_code,optional,dict,id(16)"`
	Province        *string `parquet:"province,optional,dict,id(17)"`
	City            *string `parquet:"city,optional,dict,id(18)"`
	County          *string `parquet:"county,optional,dict,id(19)"`
	Township        *string `parquet:"township,optional,dict,id(20)"`
	AgencyLevel     *string `parquet:"agency_level,optional,dict,id(21)"`
	AgencyKind      *string `parquet:"agency_kind,optional,dict,id(22)"`
	LogicalReportID string  `parquet:"logical_report_id,id(23)"`
	IsCanonical     bool    `parquet:"is_canonical,id(24)"`
}

// Date is a day, counted from 1970-01-01: the Parquet DATE type.
type Date int32

// DateOf is the day of t (in t's location).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Time is midnight UTC of the day.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String is the day as 2006-01-02.
func (d Date) String() string { return d.Time().Format(time.DateOnly) }

// Disclosure is one cell of section 二 (item × metric).
type Disclosure struct {
	ReportID     string  `parquet:"report_id,id(1)" derived:"report"`
	ReportYear   *int32  `parquet:"report_year,optional,id(2)" derived:"report"`
	Cell         string  `parquet:"cell,dict,id(3)"`
	Item         string  `parquet:"item,dict,id(4)" derived:"cell.0"`
	Metric       string  `parquet:"metric,dict,id(5)" derived:"cell.1"`
	Label        string  `parquet:"label,dict,id(6)"`
	Count        *int64  `parquet:"count,optional,id(7)"`
	AmountYuan   *Yuan   `parquet:"amount_yuan,optional,decimal(2:18),id(8)"`
	Unit         *string `parquet:"unit,optional,dict,id(9)"`
	UnitInferred bool    `parquet:"unit_inferred,id(10)"`
	Raw          string  `parquet:"raw,id(11)" derived:"count"`
	Line         int32   `parquet:"line,id(12)"`
}

// Application is one cell of section 三 (outcome × applicant).
type Application struct {
	// report_id is dictionary-encoded here only: a report has about 170
	// applications rows, so the file holds each id once and its pages a
	// run of indexes, where plain pages would repeat 64 bytes a row (230 MB
	// of pages for 20 000 reports, which zstd squeezes and every reader
	// must inflate). The other tables have one to about twenty rows a
	// report (disclosures 10 or 22, appeals 15, quality a few), too few for
	// the dictionary to be smaller than zstd's plain pages.
	ReportID   string `parquet:"report_id,dict,id(1)" derived:"report"`
	ReportYear *int32 `parquet:"report_year,optional,id(2)" derived:"report"`
	Cell       string `parquet:"cell,dict,id(3)"`
	Outcome    string `parquet:"outcome,dict,id(4)" derived:"cell.0"`
	Applicant  string `parquet:"applicant,dict,id(5)" derived:"cell.1"`
	Label      string `parquet:"label,dict,id(6)"`
	Count      *int64 `parquet:"count,optional,id(7)"`
	Raw        string `parquet:"raw,id(8)" derived:"count"`
	Line       int32  `parquet:"line,id(9)"`
}

// Appeal is one cell of section 四 (proceeding × outcome).
type Appeal struct {
	ReportID   string `parquet:"report_id,id(1)" derived:"report"`
	ReportYear *int32 `parquet:"report_year,optional,id(2)" derived:"report"`
	Cell       string `parquet:"cell,dict,id(3)"`
	Proceeding string `parquet:"proceeding,dict,id(4)" derived:"cell.0"`
	Outcome    string `parquet:"outcome,dict,id(5)" derived:"cell.1"`
	Count      *int64 `parquet:"count,optional,id(6)"`
	Raw        string `parquet:"raw,id(7)" derived:"count"`
	Line       int32  `parquet:"line,id(8)"`
}

// Finding is one row of the quality table: one doubt about one report.
type Finding struct {
	ReportID   string  `parquet:"report_id,id(1)" json:"-" derived:"report"`
	ReportYear *int32  `parquet:"report_year,optional,id(2)" json:"-" derived:"report"`
	Rule       string  `parquet:"rule,dict,id(3)" json:"rule"`
	Severity   string  `parquet:"severity,dict,id(4)" json:"severity"`
	Kind       string  `parquet:"kind,dict,id(5)" json:"kind"`
	Cell       string  `parquet:"cell,dict,id(6)" json:"cell"`
	Expected   *string `parquet:"expected,optional,id(7)" json:"expected"`
	Actual     *string `parquet:"actual,optional,id(8)" json:"actual"`
	Message    string  `parquet:"message,id(9)" json:"message"`
	Line       *int32  `parquet:"line,optional,id(10)" json:"line"`
}

// Severities, from worst to mildest. A report's status is its worst finding
// (repaired counts as warning).
const (
	SeverityError    = "error"
	SeverityWarning  = "warning"
	SeverityRepaired = "repaired"
	SeverityInfo     = "info"
)

// Kinds of finding: the report is inconsistent (source), or our reading of it
// is uncertain or was repaired (extraction).
const (
	KindSource     = "source"
	KindExtraction = "extraction"
)

// Report statuses.
const (
	StatusOK      = "ok"
	StatusWarning = "warning"
	StatusError   = "error"
)

// Template codes.
const (
	Template2019    = "2019"
	Template2021    = "2021"
	TemplateUnknown = "unknown"
)

// StatusOf returns the report status implied by its findings.
func StatusOf(fs []Finding) string {
	st := StatusOK
	for _, f := range fs {
		switch f.Severity {
		case SeverityError:
			return StatusError
		case SeverityWarning, SeverityRepaired:
			st = StatusWarning
		}
	}
	return st
}

// Parsed is everything transform learned from one document: the reports row,
// the rows of the three standard tables and the findings.
type Parsed struct {
	Report       Report
	Disclosures  []Disclosure
	Applications []Application
	Appeals      []Appeal
	Findings     []Finding
	// Context is text of the report that may name its organ's parents
	// (在白云区委、区政府的领导下): its opening and closing lines. It is not
	// a column; reading a file resolves the organ's division with it, then
	// drops it (it is not cached).
	Context string
	// Organ is the key copies of one organ's report are grouped by
	// (division code and organ kind, or the organ's name), set with the
	// division when the file is read. It is not a column.
	Organ string
}

// SetKey stamps report_id and report_year on every row, so tables can be
// partitioned and joined without looking back at the report.
func (p *Parsed) SetKey() {
	id, y := p.Report.ReportID, p.Report.ReportYear
	for i := range p.Disclosures {
		p.Disclosures[i].ReportID, p.Disclosures[i].ReportYear = id, y
	}
	for i := range p.Applications {
		p.Applications[i].ReportID, p.Applications[i].ReportYear = id, y
	}
	for i := range p.Appeals {
		p.Appeals[i].ReportID, p.Appeals[i].ReportYear = id, y
	}
	for i := range p.Findings {
		p.Findings[i].ReportID, p.Findings[i].ReportYear = id, y
	}
}
