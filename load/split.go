package load

import (
	"context"
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

// FinishCells closes the cell tables' files and, with Options.Verify, reads
// them back, on a goroutine of its own, while the caller goes on with
// AddReport: the cell tables are complete once AddCells has been called for
// every report, and a run's remaining work (AddReport for each) is then on
// one goroutine. Commit waits for it and returns its error; Abort stops it
// and waits before removing anything. The files are those Commit alone
// would write. Afterwards AddCells and Add return ErrClosed, and AddReport
// returns the error FinishCells met as soon as it has met one. ctx must
// stay live until Commit: cancelling it fails the Commit. It does nothing
// on a Writer that is not streaming, not open, already failed or already
// finishing its cell tables.
func (w *Writer) FinishCells(ctx context.Context) {
	if w.state != stateOpen || w.stream == nil || w.stream.err != nil || w.cells != nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	c := &cellsDone{done: make(chan struct{}), cancel: cancel,
		tms: make([]TableManifest, len(tables))}
	w.cells = c
	tws := w.stream.tables
	go func() {
		defer close(c.done)
		defer cancel()
		c.err = c.run(ctx, w, tws)
	}()
}

// cellsDone is the work of FinishCells.
type cellsDone struct {
	done   chan struct{} // closed when it has returned
	cancel context.CancelFunc
	err    error
	// tms are the files of the cell tables (by index in tables), without
	// the empty file typedFile may add: that one depends on the years of
	// every table, which Commit knows.
	tms []TableManifest
}

// files are the paths of the files it closed, and, with Options.Verify,
// read back: once it has ended without error, those Commit need not read.
func (c *cellsDone) files() map[string]bool {
	m := map[string]bool{}
	for _, tm := range c.tms {
		for _, f := range tm.Files {
			m[f.Path] = true
		}
	}
	return m
}

func (c *cellsDone) run(ctx context.Context, w *Writer, tws []tableStream) (err error) {
	where := "the cell tables"
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("load: %s: %w: %v", where, ErrPanic, r)
		}
	}()
	for i, t := range tws {
		if !isCellTable[i] {
			continue
		}
		where = tables[i].name
		if c.tms[i], err = t.closeParts(ctx); err != nil {
			return err
		}
	}
	if !w.opt.Verify {
		return nil
	}
	// One file at a time: the other core is the caller's.
	where = "reading back the cell tables"
	return w.verifyTables(ctx, c.tms, nil, 1)
}

// wait waits for the work to end and returns its error.
func (c *cellsDone) wait() error {
	<-c.done
	return c.err
}

// failed returns the error of the work if it has ended with one, without
// waiting.
func (c *cellsDone) failed() error {
	select {
	case <-c.done:
		return c.err
	default:
		return nil
	}
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
