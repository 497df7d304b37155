package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

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
