package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/nianbao/nianbao/internal/fault"
	"github.com/nianbao/nianbao/schemas"
)

// withBadBytes is multiYear with strings that are not UTF-8 in the cell
// rows of some reports, in the reports row or findings of others, and in
// both of a few: each report's INVALID_UTF8 finding must name the columns
// of both halves.
func withBadBytes() []*schemas.Parsed {
	ps := multiYear()
	for i, p := range ps {
		if i%5 == 0 && len(p.Applications) > 0 {
			p.Applications[len(p.Applications)-1].Raw = "1\xfe"
		}
		if i%7 == 0 && len(p.Disclosures) > 0 {
			p.Disclosures[0].Label = "公开\xff"
		}
		if i%3 == 0 {
			p.Report.Agency = ptr("某局\xff")
		}
		if i%4 == 0 && len(p.Findings) > 0 {
			p.Findings[0].Message = "\xe5\xb9"
		}
	}
	return ps
}

// TestSplitSameFiles: a streaming Writer given every report's cell tables
// first (AddCells) and then its reports rows and findings (AddReport), as
// a run does around its whole-collection pass, writes the files Add
// writes, byte for byte, manifest included, INVALID_UTF8 findings (naming
// the columns of both halves) included. Each half is handed over in
// memory overwritten after the call; AddReport gets no cell rows.
func TestSplitSameFiles(t *testing.T) {
	whole, split := t.TempDir(), t.TempDir()
	o := streamingOpts("r1")
	o.RowGroupRows, o.MaxFileRows = 700, 5000
	commit(t, whole, o, withBadBytes())

	w, err := NewWriter(split, o)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	var sc scratch
	for _, p := range withBadBytes() {
		if err := w.AddCells(sc.copy(p)); err != nil {
			t.Fatal(err)
		}
		sc.scribble()
	}
	bothHalves := 0
	for i, p := range withBadBytes() {
		p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
		if err := w.AddReport(sc.copy(p)); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 && i%3 == 0 {
			bothHalves++
		}
		sc.scribble()
	}
	if len(w.stream.bad) != 0 {
		t.Errorf("the escaped columns of %d reports are still held", len(w.stream.bad))
	}
	ms, err := w.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, whole, split)
	if ms.Reports != int64(len(multiYear())) || bothHalves == 0 {
		t.Errorf("manifest reports %d, %d with bad bytes in both halves", ms.Reports, bothHalves)
	}
}

// TestSanitizeSplit: sanitizeCells then sanitizeReport escape the strings
// and make the finding sanitize makes of the whole report.
func TestSanitizeSplit(t *testing.T) {
	for i, p := range withBadBytes() {
		q := clone(p)
		sanitize(p)
		sanitizeReport(q, sanitizeCells(q))
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("report %d: split sanitize differs:\n got %+v\nwant %+v", i, q.Findings, p.Findings)
		}
	}
}

func clone(p *schemas.Parsed) *schemas.Parsed {
	q := *p
	q.Disclosures, q.Applications = slices.Clone(p.Disclosures), slices.Clone(p.Applications)
	q.Appeals, q.Findings = slices.Clone(p.Appeals), slices.Clone(p.Findings)
	if p.Report.Agency != nil {
		q.Report.Agency = ptr(*p.Report.Agency)
	}
	return &q
}

// TestSplitUnpaired: AddCells and AddReport check order each, a Commit
// after them for different reports fails and publishes nothing, and a
// Writer that is not streaming refuses them.
func TestSplitUnpaired(t *testing.T) {
	out := t.TempDir()
	w, err := NewWriter(out, streamingOpts("r1"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	a, b, c := sample("a", ptr(int32(2021)), true), sample("b", ptr(int32(2021)), true), sample("c", ptr(int32(2022)), true)
	for _, p := range []*schemas.Parsed{a, c} {
		if err := w.AddCells(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.AddCells(b); !errors.Is(err, ErrOrder) {
		t.Fatalf("AddCells(b) after c = %v, want ErrOrder", err)
	}
	for _, p := range []*schemas.Parsed{a, b} {
		if err := w.AddReport(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.AddReport(a); !errors.Is(err, ErrOrder) {
		t.Fatalf("AddReport(a) after b = %v, want ErrOrder", err)
	}
	if _, err := w.Commit(context.Background()); !errors.Is(err, ErrUnpaired) {
		t.Fatalf("Commit = %v, want ErrUnpaired", err)
	}
	for _, name := range []string{"reports", "_SUCCESS", filepath.Join(metaDir, currentLink), filepath.Join(metaDir, runsDir, "r1")} {
		if _, err := os.Lstat(filepath.Join(out, name)); err == nil {
			t.Errorf("a failed commit left %s", name)
		}
	}

	w, err = NewWriter(t.TempDir(), opts("r2"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.AddCells(a); !errors.Is(err, ErrUnpaired) {
		t.Errorf("AddCells on a buffered Writer = %v, want ErrUnpaired", err)
	}
	if err := w.AddReport(a); !errors.Is(err, ErrUnpaired) {
		t.Errorf("AddReport on a buffered Writer = %v, want ErrUnpaired", err)
	}
}

// withCells opens a streaming Writer on out, closed at the test's end,
// and gives it every report's cell tables (AddCells).
func withCells(t *testing.T, out string, o Options, ps []*schemas.Parsed) *Writer {
	t.Helper()
	w, err := NewWriter(out, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Abort() })
	for _, p := range ps {
		if err := w.AddCells(p); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// splitWrite writes ps into out through a streaming Writer as a run does:
// every report's cell tables, then (finish: after FinishCells) every
// report's reports rows and findings. It returns the Writer, not
// committed, and the error of the first AddReport that failed.
func splitWrite(t *testing.T, out string, o Options, ps func() []*schemas.Parsed, finish bool) (*Writer, error) {
	t.Helper()
	w := withCells(t, out, o, ps())
	if finish {
		w.FinishCells(context.Background())
	}
	for _, p := range ps() {
		p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
		if err := w.AddReport(p); err != nil {
			return w, err
		}
	}
	return w, nil
}

// TestFinishCellsSameFiles: with the cell tables closed and read back by
// FinishCells while the reports rows are written, Commit publishes the
// files and manifest Add writes. Without appeals, the appeals table gets
// its empty typed file at Commit (it depends on every table's years).
func TestFinishCellsSameFiles(t *testing.T) {
	noAppeals := func() []*schemas.Parsed {
		ps := multiYear()
		for _, p := range ps {
			p.Appeals = nil
		}
		return ps
	}
	for _, tc := range []struct {
		name string
		ps   func() []*schemas.Parsed
	}{{"bad bytes", withBadBytes}, {"no appeals", noAppeals}} {
		t.Run(tc.name, func(t *testing.T) {
			whole, split := t.TempDir(), t.TempDir()
			o := streamingOpts("r1")
			o.RowGroupRows, o.MaxFileRows = 700, 5000
			mw := commit(t, whole, o, tc.ps())
			w, err := splitWrite(t, split, o, tc.ps, true)
			if err != nil {
				t.Fatal(err)
			}
			if w.cells == nil {
				t.Fatal("FinishCells did not start")
			}
			ms, err := w.Commit(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			assertSameFiles(t, whole, split)
			for name, tm := range mw.Tables {
				if !reflect.DeepEqual(ms.Tables[name], tm) {
					t.Errorf("%s: manifest entry\n%+v\nwant\n%+v", name, ms.Tables[name], tm)
				}
			}
			// Every cell table file but the typed one was read back in
			// the background.
			cellFiles := 0
			for i, tm := range ms.Tables {
				if i != schemas.TableReports && i != schemas.TableQuality {
					cellFiles += len(tm.Files)
				}
			}
			typed := 0
			if len(mw.Tables[schemas.TableAppeals].Files) == 1 && mw.Tables[schemas.TableAppeals].Files[0].Rows == 0 {
				typed = 1
			}
			if got := len(w.cells.files()); got != cellFiles-typed || cellFiles == 0 {
				t.Errorf("FinishCells closed and read back %d files; the cell tables have %d, %d of them typed at Commit", got, cellFiles, typed)
			}
			if tc.name == "no appeals" && typed != 1 {
				t.Errorf("appeals: %+v, want one empty typed file", mw.Tables[schemas.TableAppeals].Files)
			}
		})
	}
}

// TestFinishCellsClosesCells: after FinishCells, AddCells and Add fail
// with ErrClosed and AddReport goes on; a second call does nothing.
func TestFinishCellsClosesCells(t *testing.T) {
	w, err := NewWriter(t.TempDir(), streamingOpts("r1"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	a, b := sample("a", ptr(int32(2021)), true), sample("b", ptr(int32(2021)), true)
	if err := w.AddCells(a); err != nil {
		t.Fatal(err)
	}
	w.FinishCells(context.Background())
	first := w.cells
	w.FinishCells(context.Background())
	if first == nil || w.cells != first {
		t.Fatal("FinishCells started twice, or not at all")
	}
	if err := w.AddCells(b); !errors.Is(err, ErrClosed) {
		t.Errorf("AddCells after FinishCells = %v, want ErrClosed", err)
	}
	if err := w.Add(b); !errors.Is(err, ErrClosed) {
		t.Errorf("Add after FinishCells = %v, want ErrClosed", err)
	}
	if err := w.AddReport(a); err != nil {
		t.Errorf("AddReport after FinishCells = %v", err)
	}
	if _, err := w.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestFinishCellsFails: a cell table file that cannot be written when
// FinishCells closes it fails the Commit, which publishes nothing and
// leaves no file of the run; Abort after FinishCells waits for it and
// removes the run.
func TestFinishCellsFails(t *testing.T) {
	out := t.TempDir()
	o := streamingOpts("r1")
	ps := withBadBytes
	w := withCells(t, out, o, ps())
	var failed atomic.Int32
	restore := fault.Set(func(op fault.Op, path string) error {
		if op == fault.Write && strings.Contains(filepath.ToSlash(path), "/applications/") {
			failed.Add(1)
			return errors.New("disk full")
		}
		return nil
	})
	defer restore()
	w.FinishCells(context.Background())
	// The disk is fine again by the Commit: the error is FinishCells'.
	_ = w.cells.wait()
	restore()
	if failed.Load() == 0 {
		t.Fatal("no write of an applications file was refused")
	}
	// AddReport says so at once, not only Commit.
	p := ps()[0]
	p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
	if err := w.AddReport(p); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("AddReport after FinishCells failed = %v, want its error", err)
	}
	if _, err := w.Commit(context.Background()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Commit = %v, want the applications file's write error", err)
	}
	assertNoRun(t, out, "r1")

	// Abort while FinishCells may still be running (it is, in practice:
	// without -race, a late write only fails against the removed folder,
	// so the race detector is what catches an Abort that does not wait).
	w, err := splitWrite(t, out, streamingOpts("r2"), withBadBytes, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	assertNoRun(t, out, "r2")
}

// assertNoRun fails if out holds a published dataset or anything of run.
func assertNoRun(t *testing.T, out, run string) {
	t.Helper()
	for _, name := range []string{"reports", "applications", "_SUCCESS", filepath.Join(metaDir, currentLink), filepath.Join(metaDir, runsDir, run)} {
		if _, err := os.Lstat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s left after a failed run", name)
		}
	}
}

// TestFinishCellsReportFails: an AddReport that fails while FinishCells
// runs leaves the cell tables to it (discarding them there would race with
// it, which -race catches); Commit fails and Abort leaves nothing.
func TestFinishCellsReportFails(t *testing.T) {
	for _, end := range []string{"commit", "abort"} {
		t.Run(end, func(t *testing.T) {
			out := t.TempDir()
			w := withCells(t, out, streamingOpts("r1"), withBadBytes())
			restore := fault.Set(func(op fault.Op, path string) error {
				// the quality file is created at its first row
				if op == fault.Create && strings.Contains(filepath.ToSlash(path), "/quality/") {
					return errors.New("disk full")
				}
				return nil
			})
			defer restore()
			w.FinishCells(context.Background())
			var addErr error
			for _, p := range withBadBytes() {
				p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
				if addErr = w.AddReport(p); addErr != nil {
					break
				}
			}
			if addErr == nil || !strings.Contains(addErr.Error(), "disk full") {
				t.Fatalf("AddReport = %v, want the quality file's create error", addErr)
			}
			if end == "commit" {
				if _, err := w.Commit(context.Background()); err == nil {
					t.Fatal("Commit after a failed AddReport succeeded")
				}
			} else if err := w.Abort(); err != nil {
				t.Fatal(err)
			}
			restore()
			assertNoRun(t, out, "r1")
		})
	}
}
