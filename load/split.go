package load

import (
	"fmt"

	"github.com/nianbao/nianbao/schemas"
)

// A streaming Writer can take a report in two calls: AddCells writes the
// rows of its cell tables (disclosures, applications, appeals), which
// depend on the parse alone, and AddReport, later, its reports and quality
// rows, which a whole-collection pass may still change (copies, cross-year
// findings). Each table's rows and files are those Add would write: the
// tables are written independently, and both calls go through the reports
// in the same order.

// AddCells writes the rows of p's cell tables, in streaming mode, as Add
// does, and keeps nothing of p. AddReport must be called for the same
// reports, in the same order, before Commit (ErrUnpaired otherwise). A
// string of the cell rows that is not valid UTF-8 is escaped in place;
// AddReport adds the report's INVALID_UTF8 finding, naming those columns
// with its own.
func (w *Writer) AddCells(p *schemas.Parsed) error {
	if err := w.checkSplit(p); err != nil {
		return err
	}
	return w.addStreaming(p, cellTables)
}

// AddReport writes p's reports row and its findings (the quality table),
// in streaming mode, for a report whose cell tables AddCells wrote; p's
// cell rows are ignored. The errors are Add's.
func (w *Writer) AddReport(p *schemas.Parsed) error {
	if err := w.checkSplit(p); err != nil {
		return err
	}
	return w.addStreaming(p, reportTables)
}

func (w *Writer) checkSplit(p *schemas.Parsed) error {
	switch {
	case w.state != stateOpen:
		return ErrClosed
	case w.stream == nil:
		return fmt.Errorf("%w: AddCells and AddReport need Options.Streaming", ErrUnpaired)
	case p == nil || p.Report.ReportID == "":
		return ErrNoReportID
	}
	return nil
}

// sanitizeCells escapes, as sanitize does, the strings of p's cell rows
// that are not valid UTF-8, and returns their columns.
func sanitizeCells(p *schemas.Parsed) (bad escaped) {
	escapeInvalid(&schemas.Parsed{Disclosures: p.Disclosures, Applications: p.Applications, Appeals: p.Appeals}, &bad)
	return bad
}

// sanitizeReport is sanitize for p's reports row and findings, its cell
// rows left out: prior are the columns of the cell rows sanitizeCells
// escaped, which the INVALID_UTF8 finding names too.
func sanitizeReport(p *schemas.Parsed, prior escaped) {
	d, a, ap := p.Disclosures, p.Applications, p.Appeals
	p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
	defer func() { p.Disclosures, p.Applications, p.Appeals = d, a, ap }()
	escapeInvalid(p, &prior)
	addInvalidUTF8(p, prior)
}
