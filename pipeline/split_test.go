package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/schemas"
)

// TestCellsWrittenDuringParse: the cell tables of every report are with
// the writer when the replay starts (the replay hands over only reports
// rows and findings: TestReplayReusesRowsCleanly), and the published cell
// tables hold each report's rows once: a second copy of a file's bytes
// (DUPLICATE_FILE) adds none.
func TestCellsWrittenDuringParse(t *testing.T) {
	in := t.TempDir()
	writeCorpus(t, in, 0, 12)
	var first string
	err := filepath.WalkDir(in, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && first == "" {
			first = p
		}
		return err
	})
	if err != nil || first == "" {
		t.Fatalf("no input written: %v", err)
	}
	b, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "zz-copy"+filepath.Ext(first)), b, 0o644); err != nil {
		t.Fatal(err)
	}
	calls, atReplay := 0, -1
	defer pipeline.SetBeforeReplay(func(n int) error { calls++; atReplay = n; return nil })()
	out := filepath.Join(t.TempDir(), "out")
	sum, err := runGuarded(t, context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 || atReplay != 13 || sum.Files != 13 {
		t.Fatalf("replay started %d times with the cell tables of %d reports written, want once with all %d", calls, atReplay, sum.Files)
	}
	rel, _ := filepath.Rel(in, first)
	p, err := pipeline.ParseSource(context.Background(), extract.Source{Path: first, Rel: filepath.ToSlash(rel), Format: extract.FormatOf(first), Size: int64(len(b))}, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Applications) == 0 {
		t.Fatalf("%s has no applications rows: the test covers nothing", rel)
	}
	n := 0
	for _, a := range readRows[schemas.Application](t, out, "applications") {
		if a.ReportID == p.Report.ReportID {
			n++
		}
	}
	if n != len(p.Applications) {
		t.Errorf("%d applications rows of %s and its copy, want its %d once", n, rel, len(p.Applications))
	}
	if got := sum.Rows[schemas.TableReports]; got != 13 {
		t.Errorf("%d reports rows, want 13", got)
	}
}

// TestFailAfterCellsPublishesNothing: a run that fails, or is cancelled,
// once the cell tables of all its reports are written (as its replay
// starts) leaves the previous dataset exactly as it was, keeps nothing of
// its own and releases the lock; the exit status says why.
func TestFailAfterCellsPublishesNothing(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeCorpus(t, in, 0, 6)
	if _, err := runGuarded(t, context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	before := outputState(t, out)
	writeCorpus(t, in, 6, 20)
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		fail func(cancel func()) error
		code int
	}{
		{"error", func(func()) error { return boom }, pipeline.ExitFailure},
		{"cancel", func(cancel func()) error { cancel(); return nil }, pipeline.ExitInterrupted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			written := -1
			defer pipeline.SetBeforeReplay(func(n int) error { written = n; return tc.fail(cancel) })()
			_, err := runGuarded(t, ctx, pipeline.Config{Input: in, Output: out, Workers: 2,
				Now: func() time.Time { return fixedNow().Add(time.Hour) }})
			if written != 20 {
				t.Fatalf("the replay started with the cell tables of %d reports written, want 20", written)
			}
			if code := pipeline.ExitCode(err); code != tc.code {
				t.Fatalf("exit status %d (%v), want %d", code, err, tc.code)
			}
			if d := diffStates(before, outputState(t, out)); len(d) > 0 {
				t.Errorf("the failed run changed the output:\n%s", strings.Join(d, "\n"))
			}
			lockFree(t, out)
		})
	}
}
