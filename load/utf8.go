package load

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
)

// RuleInvalidUTF8 is the finding the Writer adds to a report when one of
// its strings was not valid UTF-8 and had to be escaped.
const RuleInvalidUTF8 = "INVALID_UTF8"

// sanitize makes every string of p valid UTF-8 before it is written:
// Parquet's string columns must be, and readers (DuckDB, Arrow) refuse a
// file where one is not. Nothing upstream should hand the Writer such a
// string (extract decodes text to UTF-8 and escapes file names); this is
// the guard that makes sure no path can. A bad string is escaped
// reversibly (schemas.EscapeUTF8) and the report gets an INVALID_UTF8
// finding naming the columns.
func sanitize(p *schemas.Parsed) {
	bad := map[string]bool{}
	fix := func(col string, s *string) {
		if s != nil && !utf8.ValidString(*s) {
			*s = schemas.EscapeUTF8(*s)
			bad[col] = true
		}
	}
	r := &p.Report
	fix("reports.report_id", &r.ReportID)
	fix("reports.source_path", &r.SourcePath)
	fix("reports.source_format", &r.SourceFormat)
	fix("reports.encoding", &r.Encoding)
	fix("reports.agency", r.Agency)
	fix("reports.template", &r.Template)
	fix("reports.status", &r.Status)
	fix("reports.parser_version", &r.ParserVersion)
	fix("reports.title", r.Title)
	fix("reports.url", r.URL)
	fix("reports.division_code", r.DivisionCode)
	fix("reports.province", r.Province)
	fix("reports.city", r.City)
	fix("reports.county", r.County)
	fix("reports.township", r.Township)
	fix("reports.agency_level", r.AgencyLevel)
	fix("reports.agency_kind", r.AgencyKind)
	fix("reports.logical_report_id", &r.LogicalReportID)
	for i := range p.Disclosures {
		d := &p.Disclosures[i]
		fix("disclosures.report_id", &d.ReportID)
		fix("disclosures.cell", &d.Cell)
		fix("disclosures.item", &d.Item)
		fix("disclosures.metric", &d.Metric)
		fix("disclosures.label", &d.Label)
		fix("disclosures.unit", d.Unit)
		fix("disclosures.raw", &d.Raw)
	}
	for i := range p.Applications {
		a := &p.Applications[i]
		fix("applications.report_id", &a.ReportID)
		fix("applications.cell", &a.Cell)
		fix("applications.outcome", &a.Outcome)
		fix("applications.applicant", &a.Applicant)
		fix("applications.label", &a.Label)
		fix("applications.raw", &a.Raw)
	}
	for i := range p.Appeals {
		a := &p.Appeals[i]
		fix("appeals.report_id", &a.ReportID)
		fix("appeals.cell", &a.Cell)
		fix("appeals.proceeding", &a.Proceeding)
		fix("appeals.outcome", &a.Outcome)
		fix("appeals.raw", &a.Raw)
	}
	for i := range p.Findings {
		f := &p.Findings[i]
		fix("quality.report_id", &f.ReportID)
		fix("quality.rule", &f.Rule)
		fix("quality.severity", &f.Severity)
		fix("quality.kind", &f.Kind)
		fix("quality.cell", &f.Cell)
		fix("quality.expected", f.Expected)
		fix("quality.actual", f.Actual)
		fix("quality.message", &f.Message)
	}
	if len(bad) == 0 {
		return
	}
	cols := make([]string, 0, len(bad))
	for c := range bad {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	p.Findings = append(p.Findings, schemas.Finding{Rule: RuleInvalidUTF8, Severity: schemas.SeverityWarning,
		Kind: schemas.KindExtraction, Cell: "report",
		Message: fmt.Sprintf("%s: bytes that are not UTF-8 in %s were written as \\xHH escapes", r.SourcePath, strings.Join(cols, ", "))})
	r.IssueCount = int32(len(p.Findings))
	r.Status = schemas.StatusOf(p.Findings)
}
