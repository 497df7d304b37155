package load

import (
	"context"
	"fmt"
	"slices"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// Streaming mode (Options.Streaming): Add writes each report's rows through
// to one partWriter per (table, report_year), opened at the partition's
// first row and closed by Commit (the cell tables: FinishCells, when
// called). See "Memory" in the package documentation.

// tableStream is one table of a streaming Writer.
type tableStream interface {
	// add writes the table's rows of p to the partition of key.
	add(key int64, p *schemas.Parsed) error
	// closeParts closes every partition and returns the table's files in
	// the order of the buffered mode: partitions by yearKey, then part
	// number.
	closeParts(ctx context.Context) (TableManifest, error)
	// typed adds the empty file of typedFile to the files of closeParts
	// when the table needs it.
	typed(tm TableManifest) (TableManifest, error)
	// discard closes the open files after a failure.
	discard()
}

type tableWriter[T any] struct {
	w      *Writer
	name   string
	file   fileWriter[T]
	rowsOf func(*schemas.Parsed) []T
	own    func(*T, *arena)
	parts  map[int64]*partWriter[T]
}

func (t *tableWriter[T]) add(key int64, p *schemas.Parsed) (err error) {
	rows := t.rowsOf(p)
	if len(rows) == 0 {
		return nil
	}
	pw := t.parts[key]
	if pw == nil {
		pw = &partWriter[T]{w: t.w, table: t.name, file: t.file, part: partitionOf(key), own: t.own}
		t.parts[key] = pw
	}
	defer func() {
		if r := recover(); r != nil {
			err = panicError(t.name, pw, r)
		}
	}()
	return pw.add(rows)
}

func (t *tableWriter[T]) closeParts(ctx context.Context) (tm TableManifest, err error) {
	keys := make([]int64, 0, len(t.parts))
	for k := range t.parts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var pw *partWriter[T]
	defer func() {
		if r := recover(); r != nil {
			err = panicError(t.name, pw, r)
		}
	}()
	for _, k := range keys {
		if err := ctx.Err(); err != nil {
			return tm, err
		}
		pw = t.parts[k]
		if err := pw.close(); err != nil {
			return tm, err
		}
		for _, f := range pw.files {
			tm.add(f)
		}
	}
	return tm, nil
}

func (t *tableWriter[T]) typed(tm TableManifest) (TableManifest, error) {
	return typedFile(t.w, t.name, t.file, tm)
}

func (t *tableWriter[T]) discard() {
	for _, pw := range t.parts {
		pw.discard()
	}
}

// stream is the state of a streaming Writer.
type stream struct {
	tables []tableStream // in tables order
	years  map[int64]bool
	// cells and rows follow the reports whose cell tables (AddCells) and
	// whose reports and quality rows (AddReport) were written; Add
	// advances both.
	cells, rows cursor
	// bad holds, by report number, the columns of the cell tables that
	// AddCells escaped, for the INVALID_UTF8 finding AddReport adds.
	bad map[int64]escaped
	// err is the first failure while writing: the files are in an unknown
	// state, so every later Add and Commit returns it.
	err error
}

// cursor is how far one sequence of reports has come: the key of the last
// report (copied, so as not to keep the caller's memory alive) and the
// number of reports.
type cursor struct {
	lastID, lastPath string
	n                int64
}

// check refuses a report that sorts before the last one.
func (c *cursor) check(p *schemas.Parsed) error {
	last := schemas.Report{ReportID: c.lastID, SourcePath: c.lastPath}
	if c.n > 0 && compareReports(&p.Report, &last) < 0 {
		return fmt.Errorf("%w: report %q (%s) after %q (%s)", ErrOrder,
			p.Report.ReportID, p.Report.SourcePath, c.lastID, c.lastPath)
	}
	return nil
}

func (c *cursor) advance(p *schemas.Parsed) {
	if p.Report.ReportID != c.lastID {
		c.lastID = string([]byte(p.Report.ReportID))
	}
	if p.Report.SourcePath != c.lastPath {
		c.lastPath = string([]byte(p.Report.SourcePath))
	}
	c.n++
}

// part names the tables one call writes.
type part int

const (
	allTables    part = iota // Add
	cellTables               // AddCells: disclosures, applications, appeals
	reportTables             // AddReport: reports, quality
)

// isCellTable is set for the tables (in tables order) whose rows depend
// only on a report's parse: the cell tables.
var isCellTable = func() []bool {
	b := make([]bool, len(tables))
	for i, t := range tables {
		b[i] = t.name != schemas.TableReports && t.name != schemas.TableQuality
	}
	return b
}()

func newStream(w *Writer) *stream {
	s := &stream{years: map[int64]bool{}, bad: map[int64]escaped{}}
	for _, t := range tables {
		s.tables = append(s.tables, t.stream(w))
	}
	return s
}

// addStreaming writes the rows of p's tables in which; p is sanitized
// already for allTables, here for the other two.
func (w *Writer) addStreaming(p *schemas.Parsed, which part) error {
	s := w.stream
	if s.err != nil {
		return s.err
	}
	cells, rows := which != reportTables, which != cellTables // the tables written
	if w.cells != nil {
		if cells {
			return fmt.Errorf("%w: the cell tables are finished (FinishCells)", ErrClosed)
		}
		if err := w.cells.failed(); err != nil {
			// the run fails at Commit anyway: say it now
			return fmt.Errorf("closing the cell tables beside this report's rows: %w", err)
		}
	}
	if cells {
		if err := s.cells.check(p); err != nil {
			return err
		}
	}
	if rows {
		if err := s.rows.check(p); err != nil {
			return err
		}
	}
	key := yearKey(p.Report.ReportYear)
	if !s.years[key] {
		if len(s.years) >= w.opt.MaxPartitions {
			return fmt.Errorf("%w: report %q: more than %d report_year values", ErrPartitions,
				p.Report.ReportID, w.opt.MaxPartitions)
		}
		s.years[key] = true
	}
	switch which {
	case cellTables:
		if bad := sanitizeCells(p); bad.any() {
			s.bad[s.cells.n] = bad
		}
	case reportTables:
		sanitizeReport(p, s.bad[s.rows.n])
		delete(s.bad, s.rows.n)
	}
	p.SetKey()
	for i, t := range s.tables {
		if isCellTable[i] && !cells || !isCellTable[i] && !rows {
			continue
		}
		if err := t.add(key, p); err != nil {
			s.err = err
			// The tables this call writes; the others are discarded by
			// Commit or Abort (the cell tables may be FinishCells').
			s.discardSome(cells, rows)
			return err
		}
	}
	if cells {
		s.cells.advance(p)
	}
	if rows {
		s.rows.advance(p)
	}
	return nil
}

func (s *stream) discard() { s.discardSome(true, true) }

// discardSome closes the open files of the cell tables (cells) and of the
// reports and quality tables (rows) after a failure.
func (s *stream) discardSome(cells, rows bool) {
	for i, t := range s.tables {
		if isCellTable[i] && cells || !isCellTable[i] && rows {
			t.discard()
		}
	}
}

// arena holds copies of the strings and pointed-to values of buffered rows,
// so that a streaming Writer keeps nothing of a report once Add returns:
// a string field may be a slice of the whole document's text, and one
// remaining row would keep the document alive. A partWriter reuses its
// arena once it has handed its rows to parquet-go, which copies what it
// keeps: TestStreamingSameFiles scribbles over the caller's memory after
// each Add, with arenas reused throughout, and still gets the buffered
// mode's files.
type arena struct {
	b   []byte
	i64 []int64
	sp  []string // the strings *string fields point to
	// id is the last report_id copied: every row of a report carries it.
	id string
	// year is the last report_year copied: a partWriter holds one year.
	year *int32
}

const arenaBytes = 16 << 10

// reset makes the arena's memory free for the next rows: no row may refer
// to it any more.
func (a *arena) reset() {
	a.b = a.b[:0]
	a.i64 = a.i64[:0]
	a.sp = a.sp[:0]
	a.id = ""
}

func (a *arena) str(s string) string {
	if len(s) == 0 {
		return ""
	}
	if cap(a.b)-len(a.b) < len(s) {
		a.b = make([]byte, 0, max(arenaBytes, len(s)))
	}
	i := len(a.b)
	a.b = append(a.b, s...)
	return unsafe.String(&a.b[i], len(s))
}

// code is str for a column of cell codes: a cell code of the catalogue
// itself (schemas.IsCodeText) is kept, not copied, as it never changes
// and holds no document alive.
func (a *arena) code(s string) string {
	if schemas.IsCodeText(s) {
		return s
	}
	return a.str(s)
}

// catalogue is str for a column of the catalogue's codes and labels
// (outcome, applicant, label …): a value that is a view of the cell codes
// (the state codec derives outcome and applicant from the cell) or one of
// the catalogue's constants (catalogueConsts) is kept, not copied, for the
// same reason as code's; a dictionary column then meets each value again
// at the same address, which it looks up without hashing it.
func (a *arena) catalogue(s string) string {
	if schemas.IsCodeText(s) || catalogueConsts.has(s) {
		return s
	}
	return a.str(s)
}

func (a *arena) reportID(s string) string {
	if s != a.id {
		a.id = a.str(s)
	}
	return a.id
}

func (a *arena) reportYear(p *int32) *int32 {
	if p == nil {
		return nil
	}
	if a.year == nil || *a.year != *p {
		y := *p
		a.year = &y
	}
	return a.year
}

func (a *arena) strp(p *string) *string {
	if p == nil {
		return nil
	}
	if len(a.sp) == cap(a.sp) {
		a.sp = make([]string, 0, arenaStrings)
	}
	a.sp = append(a.sp, a.str(*p))
	return &a.sp[len(a.sp)-1]
}

// arenaStrings is the number of *string values an arena allocates at once:
// a row has at most a dozen.
const arenaStrings = 256

func (a *arena) int64p(p *int64) *int64 {
	if p == nil {
		return nil
	}
	if len(a.i64) == cap(a.i64) {
		a.i64 = make([]int64, 0, batchRows)
	}
	a.i64 = append(a.i64, *p)
	return &a.i64[len(a.i64)-1]
}

func clonep[V any](p *V) *V {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// The own functions (ownReport …) copy every string and pointed-to value
// of a row into the arena; they are generated from the row types
// (rows_gen.go). TestOwnRowsShareNothing checks that no field is missed.
