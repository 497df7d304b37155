package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/dirtest"
	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/pipeline"
)

// TestInputInsideOutput: an input folder inside the output folder, the
// output inside the input, the same folder twice, or a link that makes one
// the other's, is refused as a usage error before anything is written: a
// run would read its own output, and publish where the reports are.
func TestInputInsideOutput(t *testing.T) {
	samples := filepath.Join("..", "testdata", "samples")
	for _, c := range []struct {
		name    string
		in, out string // relative to a fresh folder holding data/reports
		link    [2]string
	}{
		{name: "input inside output", in: "data/reports", out: "data"},
		{name: "output inside input", in: "data", out: "data/reports/out"},
		{name: "output inside input, hidden", in: "data/reports", out: "data/reports/.out"},
		{name: "same folder", in: "data/reports", out: "data/reports/."},
		{name: "input reached by a link", in: "in", out: "data", link: [2]string{"data/reports", "in"}},
		{name: "output reached by a link", in: "data/reports", out: "lake/out", link: [2]string{"data/reports", "lake"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			dirtest.Copy(t, samples, filepath.Join(dir, "data", "reports"))
			if c.link[0] != "" {
				if err := os.Symlink(filepath.Join(dir, c.link[0]), filepath.Join(dir, c.link[1])); err != nil {
					t.Fatal(err)
				}
			}
			before := dirtest.Snapshot(t, dir)
			_, err := pipeline.Run(context.Background(), pipeline.Config{Input: filepath.Join(dir, c.in), Output: filepath.Join(dir, c.out)})
			if !errors.Is(err, pipeline.ErrUsage) || pipeline.ExitCode(err) != pipeline.ExitUsage {
				t.Fatalf("Run = %v, want a usage error", err)
			}
			if !strings.Contains(err.Error(), "--input") || strings.Contains(err.Error(), "\n") {
				t.Errorf("message: %q", err)
			}
			if after := dirtest.Snapshot(t, dir); after != before {
				t.Errorf("a refused run changed the folders:\n%s\nwas:\n%s", after, before)
			}
		})
	}
	// Side by side is fine, even with a shared prefix in the names.
	dir := t.TempDir()
	dirtest.Copy(t, samples, filepath.Join(dir, "data"))
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: filepath.Join(dir, "data"), Output: filepath.Join(dir, "data-out")}); err != nil {
		t.Fatal(err)
	}
}

// TestForeignOutputIsUsageError: a folder of the user's at a table's name in
// the output is a usage error (exit status 2) naming it; it is kept.
func TestForeignOutputIsUsageError(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	dirtest.Copy(t, filepath.Join("..", "testdata", "samples"), filepath.Join(out, "disclosures"))
	_, err := pipeline.Run(context.Background(), pipeline.Config{Input: filepath.Join("..", "testdata", "samples"), Output: out})
	if !errors.Is(err, load.ErrForeign) || pipeline.ExitCode(err) != pipeline.ExitUsage || !strings.Contains(err.Error(), filepath.Join(out, "disclosures")) {
		t.Fatalf("Run = %v (exit %d), want a usage error naming disclosures", err, pipeline.ExitCode(err))
	}
	if ents, _ := os.ReadDir(filepath.Join(out, "disclosures")); len(ents) != 5 {
		t.Errorf("the user's folder holds %d files, want 5", len(ents))
	}
	if ents, _ := os.ReadDir(out); len(ents) != 1 {
		t.Errorf("the refused run wrote into the output: %d entries", len(ents))
	}
	// An output that is a file is a usage error too.
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: filepath.Join("..", "testdata", "samples"), Output: file}); pipeline.ExitCode(err) != pipeline.ExitUsage {
		t.Errorf("output is a file: %v", err)
	}
}

// TestRunRecordsOnlyOwn: rotating the run records removes only records
// nianbao wrote (a run-id name whose content names that run) and the
// temporary files of killed runs; a user's files in _runs stay.
func TestRunRecordsOnlyOwn(t *testing.T) {
	in := filepath.Join("..", "testdata", "samples")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, KeepRuns: 1}); err != nil {
		t.Fatal(err)
	}
	runs := filepath.Join(out, "_runs")
	mine := map[string]string{
		"20200101T000000.000000Z.json": `{"run_id": "someone else"}`,
		"notes.json":                   `{"run_id": "notes"}`,
		"20200101T000000.000000Z.txt":  "x",
	}
	for name, content := range mine {
		if err := os.WriteFile(filepath.Join(runs, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	killed := filepath.Join(runs, ".20200102T000000.000000Z.json.tmp")
	os.WriteFile(killed, []byte("{"), 0o644)
	killed2 := filepath.Join(runs, ".nianbao-tmp-20200103T000000.000000Z.json-0123456789ab")
	os.WriteFile(killed2, []byte("{"), 0o644)
	for range 3 {
		if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, KeepRuns: 1, Full: true}); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range mine {
		if b, err := os.ReadFile(filepath.Join(runs, name)); err != nil || string(b) != content {
			t.Errorf("%s removed or changed: %v", name, err)
		}
	}
	for _, k := range []string{killed, killed2} {
		if _, err := os.Stat(k); !os.IsNotExist(err) {
			t.Errorf("a killed run's temporary record is left: %s %v", k, err)
		}
	}
	ents, _ := os.ReadDir(runs)
	if len(ents) != len(mine)+1 {
		t.Errorf("_runs holds %d entries, want the user's %d and one record", len(ents), len(mine))
	}
}

// TestKilledRunPacksRemoved: the parse cache a killed run was writing is
// removed by the next run, even one that finds nothing to do; files of
// other names in the cache folder are left.
func TestKilledRunPacksRemoved(t *testing.T) {
	in := filepath.Join("..", "testdata", "samples")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out}); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(out, ".nianbao", "state", "cache", pipeline.CacheGeneration())
	var killed []string
	for _, id := range []string{"20990101T000000.000000Z", "20990102T000000.000000Z"} {
		p := filepath.Join(cache, "pack-"+id+".bin")
		if err := os.WriteFile(p, make([]byte, 4096), 0o644); err != nil {
			t.Fatal(err)
		}
		killed = append(killed, p)
	}
	other := filepath.Join(cache, "pack-notes.bin")
	os.WriteFile(other, []byte("x"), 0o644)
	sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Record == nil || sum.Record.Status != "unchanged" {
		t.Fatalf("the second run should find nothing to do: %+v", sum.Record)
	}
	for _, p := range killed {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s left: %v", filepath.Base(p), err)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a file nianbao did not name was removed: %v", err)
	}
	// The cache still serves the next run.
	if sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Full: false}); err != nil || sum.Record.Status != "unchanged" {
		t.Errorf("third run: %v", err)
	}
}
