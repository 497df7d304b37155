package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/nianbao/nianbao/schemas"
)

func ls(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func reportIDs(t *testing.T, mem memory.Allocator, path string) []string {
	t.Helper()
	tbl := readFile(t, mem, path)
	defer tbl.Release()
	return column(t, tbl, "report_id", str)
}

func TestPublishOverExisting(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	out := t.TempDir()
	commit(t, out, opts("run-a"), []*schemas.Parsed{sample("a1", ptr(int32(2020)), true)})
	oldPath := partPath(t, out, "reports/report_year=2020/part-00000.parquet")
	oldReal, err := filepath.EvalSymlinks(oldPath)
	if err != nil {
		t.Fatal(err)
	}

	m := commit(t, out, opts("run-b"), []*schemas.Parsed{
		sample("b1", ptr(int32(2020)), false), sample("b2", ptr(int32(2021)), false)})

	// The old file's name is gone from the published dataset (its content
	// changed, so its digest did): a reader holding the old listing gets
	// an error, never the new run's rows under the old name.
	if _, err := os.Stat(oldPath); !os.IsNotExist(err) {
		t.Errorf("old file name still published: %v", err)
	}
	if got := reportIDs(t, mem, partPath(t, out, "reports/report_year=2020/part-00000.parquet")); !slices.Equal(got, []string{"b1"}) {
		t.Errorf("reports 2020 = %v, want the new run's", got)
	}
	partPath(t, out, "reports/report_year=2021/part-00000.parquet")
	// The new run had no findings: its quality table is the empty file (in
	// the run's first year), not the old run's rows.
	if got := ls(t, filepath.Join(out, "quality")); !slices.Equal(got, []string{"report_year=2020"}) || len(reportIDs(t, mem, partPath(t, out, "quality/report_year=2020/part-00000.parquet"))) != 0 {
		t.Errorf("quality partitions = %v", got)
	}
	read, err := ReadManifest(out)
	if err != nil || read.RunID != "run-b" || read.Tables["reports"].Rows != 2 || m.RunID != "run-b" {
		t.Errorf("manifest: %v %+v", err, read)
	}
	// The replaced run stays readable for readers that resolved it before the
	// switch, until the next run.
	if got := reportIDs(t, mem, oldReal); !slices.Equal(got, []string{"a1"}) {
		t.Errorf("old run file = %v", got)
	}
	if got := ls(t, filepath.Join(out, ".nianbao/runs")); !slices.Equal(got, []string{"run-a", "run-b"}) {
		t.Errorf("runs = %v", got)
	}

	commit(t, out, opts("run-c"), []*schemas.Parsed{sample("c1", nil, false)})
	if got := ls(t, filepath.Join(out, ".nianbao/runs")); !slices.Equal(got, []string{"run-b", "run-c"}) {
		t.Errorf("runs after third commit = %v", got)
	}
	if got := ls(t, out); !slices.Equal(got, []string{".nianbao", "_SUCCESS", "_manifest.json", "appeals", "applications", "disclosures", "quality", "reports"}) {
		t.Errorf("OUT = %v", got)
	}
	if got := ls(t, filepath.Join(out, "reports")); !slices.Equal(got, []string{"report_year=0", "report_year=__HIVE_DEFAULT_PARTITION__"}) {
		t.Errorf("reports partitions = %v", got)
	}
}

func TestAbort(t *testing.T) {
	out := t.TempDir()
	w, err := NewWriter(out, opts("r1"))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Add(sample("a", nil, true)); err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatalf("second Abort: %v", err)
	}
	if err := w.Add(sample("b", nil, true)); !errors.Is(err, ErrClosed) {
		t.Errorf("Add after Abort = %v", err)
	}
	if _, err := w.Commit(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Commit after Abort = %v", err)
	}
	if got := ls(t, out); !slices.Equal(got, []string{".nianbao"}) {
		t.Errorf("OUT = %v", got)
	}
	if got := ls(t, filepath.Join(out, ".nianbao/runs")); len(got) != 0 {
		t.Errorf("runs = %v", got)
	}
	// The lock is released.
	w2, err := NewWriter(out, opts("r2"))
	if err != nil {
		t.Fatal(err)
	}
	w2.Abort()
}

func TestAbortAfterCommitKeepsDataset(t *testing.T) {
	out := t.TempDir()
	w, err := NewWriter(out, opts("r1"))
	if err != nil {
		t.Fatal(err)
	}
	w.Add(sample("a", nil, true))
	if _, err := w.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, ".nianbao/runs/r1/reports")); err != nil {
		t.Errorf("Abort after Commit removed the published run: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "_SUCCESS")); err != nil {
		t.Error(err)
	}
}

func TestFailedCommitKeepsPublished(t *testing.T) {
	out := t.TempDir()
	commit(t, out, opts("r1"), dataset())
	before := tree(t, out)

	w, err := NewWriter(out, opts("r2"))
	if err != nil {
		t.Fatal(err)
	}
	w.Add(sample("zz", ptr(int32(2030)), true))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.Commit(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Commit = %v, want context.Canceled", err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if after := tree(t, out); after != before {
		t.Errorf("published dataset changed:\n%s\nwas:\n%s", after, before)
	}
	if got := ls(t, filepath.Join(out, ".nianbao/runs")); !slices.Equal(got, []string{"r1"}) {
		t.Errorf("runs = %v", got)
	}
	if m, err := ReadManifest(out); err != nil || m.RunID != "r1" {
		t.Errorf("manifest %v", err)
	}
}

func TestLockAndRunID(t *testing.T) {
	out := t.TempDir()
	w, err := NewWriter(out, opts("r1"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if _, err := NewWriter(out, opts("r2")); !errors.Is(err, ErrLocked) {
		t.Errorf("second writer: %v, want ErrLocked", err)
	}
	for _, id := range []string{"../x", ".hidden", "_x", "a/b", "a..b", strings.Repeat("x", 200)} {
		if _, err := NewWriter(t.TempDir(), opts(id)); !errors.Is(err, ErrRunID) {
			t.Errorf("run id %q: %v", id, err)
		}
	}
	w2, err := NewWriter(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Abort()
	if !runIDPattern.MatchString(w2.RunID()) {
		t.Errorf("generated run id %q", w2.RunID())
	}
	if err := w.Add(&schemas.Parsed{}); !errors.Is(err, ErrNoReportID) {
		t.Errorf("Add without id: %v", err)
	}
}

func TestRunIDReused(t *testing.T) {
	out := t.TempDir()
	commit(t, out, opts("r1"), dataset())
	if _, err := NewWriter(out, opts("r1")); !errors.Is(err, ErrRunID) {
		t.Errorf("reused run id: %v", err)
	}
}
