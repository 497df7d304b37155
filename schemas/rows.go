package schemas

import "time"

// Dataset identity. SchemaVersion changes only when a column is renamed or
// removed (the data contract); ParserVersion changes whenever the same input
// can produce different rows, so incremental runs know what to reprocess.
const (
	SchemaVersion = "1"
	ParserVersion = "0.1.0"
)

// Report is one row of the reports table: one per input document.
type Report struct {
	ReportID      string    `parquet:"report_id"`
	ReportYear    *int32    `parquet:"-"`
	SourcePath    string    `parquet:"source_path"`
	SourceFormat  string    `parquet:"source_format,dict"`
	Encoding      string    `parquet:"encoding,dict"`
	SourceBytes   int64     `parquet:"source_bytes"`
	Agency        *string   `parquet:"agency,optional"`
	Template      string    `parquet:"template,dict"`
	Status        string    `parquet:"status,dict"`
	IssueCount    int32     `parquet:"issue_count"`
	ParserVersion string    `parquet:"parser_version,dict"`
	IngestedAt    time.Time `parquet:"ingested_at,timestamp(microsecond)"`
	Title         *string   `parquet:"title,optional"`
	URL           *string   `parquet:"url,optional"`
	// Who published it, and which copies are one report: filled by the
	// run's whole-collection pass (pipeline), not by parsing alone.
	DivisionCode    *string `parquet:"division_code,optional,dict"`
	Province        *string `parquet:"province,optional,dict"`
	City            *string `parquet:"city,optional,dict"`
	County          *string `parquet:"county,optional,dict"`
	Township        *string `parquet:"township,optional,dict"`
	AgencyLevel     *string `parquet:"agency_level,optional,dict"`
	AgencyKind      *string `parquet:"agency_kind,optional,dict"`
	LogicalReportID string  `parquet:"logical_report_id"`
	IsCanonical     bool    `parquet:"is_canonical"`
}

// Disclosure is one cell of section 二 (item × metric).
type Disclosure struct {
	ReportID     string  `parquet:"report_id"`
	ReportYear   *int32  `parquet:"-"`
	Cell         string  `parquet:"cell,dict"`
	Item         string  `parquet:"item,dict"`
	Metric       string  `parquet:"metric,dict"`
	Label        string  `parquet:"label,dict"`
	Count        *int64  `parquet:"count,optional"`
	AmountYuan   *Yuan   `parquet:"amount_yuan,optional,decimal(2:18)"`
	Unit         *string `parquet:"unit,optional,dict"`
	UnitInferred bool    `parquet:"unit_inferred"`
	Raw          string  `parquet:"raw"`
	Line         int32   `parquet:"line"`
}

// Application is one cell of section 三 (outcome × applicant).
type Application struct {
	ReportID   string `parquet:"report_id"`
	ReportYear *int32 `parquet:"-"`
	Cell       string `parquet:"cell,dict"`
	Outcome    string `parquet:"outcome,dict"`
	Applicant  string `parquet:"applicant,dict"`
	Label      string `parquet:"label,dict"`
	Count      *int64 `parquet:"count,optional"`
	Raw        string `parquet:"raw"`
	Line       int32  `parquet:"line"`
}

// Appeal is one cell of section 四 (proceeding × outcome).
type Appeal struct {
	ReportID   string `parquet:"report_id"`
	ReportYear *int32 `parquet:"-"`
	Cell       string `parquet:"cell,dict"`
	Proceeding string `parquet:"proceeding,dict"`
	Outcome    string `parquet:"outcome,dict"`
	Count      *int64 `parquet:"count,optional"`
	Raw        string `parquet:"raw"`
	Line       int32  `parquet:"line"`
}

// Finding is one row of the quality table: one doubt about one report.
type Finding struct {
	ReportID   string  `parquet:"report_id" json:"-"`
	ReportYear *int32  `parquet:"-" json:"-"`
	Rule       string  `parquet:"rule,dict" json:"rule"`
	Severity   string  `parquet:"severity,dict" json:"severity"`
	Kind       string  `parquet:"kind,dict" json:"kind"`
	Cell       string  `parquet:"cell,dict" json:"cell"`
	Expected   *string `parquet:"expected,optional" json:"expected"`
	Actual     *string `parquet:"actual,optional" json:"actual"`
	Message    string  `parquet:"message" json:"message"`
	Line       *int32  `parquet:"line,optional" json:"line"`
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
	// a column; the run reads it to tell same-named divisions apart.
	Context string
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
