package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/schemas"
)

// TestOldCodecCacheIgnored: a cache written by the previous codec (its
// folder named for the parser and schema versions only) is not read: the
// next run parses every file again, and removes the old folder when it
// commits.
func TestOldCodecCacheIgnored(t *testing.T) {
	in := t.TempDir()
	for _, name := range []string{"000_74ac7cc249356a73.txt", "001_a1c7e16d78f57f88.txt", "002_3da227dd059fe48d.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, name), b, 0o644)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out}); err != nil {
		t.Fatal(err)
	}
	caches := filepath.Join(out, ".nianbao", "state", "cache")
	old := filepath.Join(caches, "p"+schemas.ParserVersion+"-s"+schemas.SchemaVersion)
	if err := os.Rename(filepath.Join(caches, pipeline.CacheGeneration()), old); err != nil {
		t.Fatal(err)
	}
	// A new file, so that the run has something to do; the other three
	// are known by the file index, but their parses are in the old cache.
	b, _ := os.ReadFile(filepath.Join("..", "testdata", "samples", "003_16d68db4dbaa666b.txt"))
	os.WriteFile(filepath.Join(in, "003_16d68db4dbaa666b.txt"), b, 0o644)
	sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Record == nil || sum.Record.Inputs.Parsed != 4 || sum.Record.Inputs.New != 1 {
		t.Fatalf("want all 4 files parsed (1 new), got %+v", sum.Record.Inputs)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the old cache folder is still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(caches, pipeline.CacheGeneration(), "index.json")); err != nil {
		t.Errorf("no current cache: %v", err)
	}
}

// TestAnotherBuildParsesAgain: the parses a build cached are not read by
// another build, whose parser may read the same bytes differently: the
// next run of a new nianbao parses every file again, even the unchanged
// ones and even when the parser's version string did not change, and
// removes the old build's cache when it commits. The same build reuses
// its parses.
func TestAnotherBuildParsesAgain(t *testing.T) {
	in := t.TempDir()
	names := []string{"000_74ac7cc249356a73.txt", "001_a1c7e16d78f57f88.txt", "002_3da227dd059fe48d.txt"}
	for _, name := range names {
		put(t, in, name, sample(t, name))
	}
	out := filepath.Join(t.TempDir(), "out")
	caches := filepath.Join(out, ".nianbao", "state", "cache")
	run := func(what string, full bool) *pipeline.RunRecord {
		t.Helper()
		time.Sleep(2 * time.Millisecond) // run ids are start times
		sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Full: full})
		if err != nil || sum.Record == nil {
			t.Fatalf("%s: %v", what, err)
		}
		return sum.Record
	}
	run("first build", false)
	first := pipeline.CacheGeneration()
	if r := run("first build again", true); r.Inputs.Parsed != len(names) {
		t.Fatalf("--full parsed %d of %d", r.Inputs.Parsed, len(names))
	}
	// A file added, so that the same build's run is not skipped as
	// unchanged: the others' parses are reused.
	put(t, in, "003_16d68db4dbaa666b.txt", sample(t, "003_16d68db4dbaa666b.txt"))
	if r := run("same build, a file added", false); r.Inputs.Parsed != 1 || r.Inputs.Unchanged != len(names) {
		t.Fatalf("same build: parsed %d, unchanged %d; want 1 and %d", r.Inputs.Parsed, r.Inputs.Unchanged, len(names))
	}

	t.Cleanup(pipeline.SetBuild(func() string {
		return "0.1.0-dev/p" + schemas.ParserVersion + "/s" + schemas.SchemaVersion + "/go:another"
	}))
	if pipeline.CacheGeneration() == first {
		t.Fatalf("another build has the same cache generation %q", first)
	}
	r := run("another build", false)
	if r.Inputs.Parsed != len(names)+1 || r.Inputs.Unchanged != 0 {
		t.Errorf("another build: parsed %d, unchanged %d; want every file (%d) parsed", r.Inputs.Parsed, r.Inputs.Unchanged, len(names)+1)
	}
	if _, err := os.Stat(filepath.Join(caches, first)); !os.IsNotExist(err) {
		t.Errorf("the first build's cache %s is still there (%v)", first, err)
	}
	os.Remove(filepath.Join(in, names[0])) // so that the run is not skipped
	if r := run("another build again", false); r.Inputs.Parsed != 0 || r.Inputs.Unchanged != len(names) {
		t.Errorf("another build, second run: parsed %d, unchanged %d; want 0 and %d", r.Inputs.Parsed, r.Inputs.Unchanged, len(names))
	}
}

// TestLimitsChangeParsesAgain: a parse depends on the limits it was read
// under (a file over --max-text-bytes is FILE_TOO_LARGE), so a run under
// other limits neither passes as unchanged nor reuses the parses cached
// under the old ones: raising the limit after FILE_TOO_LARGE reads the
// files, and lowering it again makes them too large again.
func TestLimitsChangeParsesAgain(t *testing.T) {
	in := t.TempDir()
	names := []string{"000_74ac7cc249356a73.txt", "001_a1c7e16d78f57f88.txt", "002_3da227dd059fe48d.txt"}
	for _, name := range names {
		put(t, in, name, sample(t, name))
	}
	out := filepath.Join(t.TempDir(), "out")
	for i, c := range []struct {
		maxText        int64
		parsed, errors int
		unchanged      bool
	}{
		{2 << 10, 3, 3, false}, // every seed holds more than 2 KiB of text
		{0, 3, 0, false},       // the default, 4 MiB: read again, and read
		{0, 0, 0, true},        // the same limits: nothing to do
		{2 << 10, 3, 3, false}, // lowered again
	} {
		time.Sleep(2 * time.Millisecond) // run ids are start times
		sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, MaxTextBytes: c.maxText})
		if err != nil || sum.Record == nil {
			t.Fatalf("run %d: %v", i, err)
		}
		if got := sum.Record.Status == "unchanged"; got != c.unchanged {
			t.Errorf("run %d (--max-text-bytes %d): status %s", i, c.maxText, sum.Record.Status)
			continue
		}
		if c.unchanged {
			continue
		}
		if sum.Record.Inputs.Parsed != c.parsed || sum.ByStatus[schemas.StatusError] != c.errors {
			t.Errorf("run %d (--max-text-bytes %d): parsed %d, status error %d; want %d and %d",
				i, c.maxText, sum.Record.Inputs.Parsed, sum.ByStatus[schemas.StatusError], c.parsed, c.errors)
		}
	}
}

// TestPDFReaderChangeParsesAgain: what a PDF reads as depends on the
// pdftotext on PATH, so installing it (after PDF_UNSUPPORTED) or
// replacing it makes the next run read the files again instead of
// reusing what was read without it or with the old one.
func TestPDFReaderChangeParsesAgain(t *testing.T) {
	in := t.TempDir()
	seed := filepath.Join("..", "testdata", "samples", "000_74ac7cc249356a73.txt")
	os.WriteFile(filepath.Join(in, "report.pdf"), []byte("%PDF-1.4\n"), 0o644)
	out := filepath.Join(t.TempDir(), "out")
	bin := t.TempDir()
	tool := filepath.Join(bin, "pdftotext")
	run := func(what string) *pipeline.Summary {
		t.Helper()
		time.Sleep(2 * time.Millisecond) // run ids are start times
		t.Setenv("PATH", bin)
		sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out})
		if err != nil || sum.Record == nil {
			t.Fatalf("%s: %v", what, err)
		}
		return sum
	}
	if s := run("no pdftotext"); s.ByStatus[schemas.StatusError] != 1 {
		t.Fatalf("no pdftotext: %v", s.ByStatus)
	}
	// A pdftotext that prints a seed's text: the PDF is read now.
	abs, _ := filepath.Abs(seed)
	os.WriteFile(tool, []byte("#!/bin/sh\nexec /bin/cat '"+abs+"'\n"), 0o755)
	s := run("pdftotext installed")
	if s.Record.Inputs.Parsed != 1 || s.ByStatus[schemas.StatusError] != 0 || s.Rows["applications"] == 0 {
		t.Fatalf("pdftotext installed: parsed %d, %v, rows %v", s.Record.Inputs.Parsed, s.ByStatus, s.Rows)
	}
	if s := run("the same pdftotext"); s.Record.Status != "unchanged" {
		t.Errorf("the same pdftotext: status %s", s.Record.Status)
	}
	// Another pdftotext (an upgrade): read again.
	os.WriteFile(tool, []byte("#!/bin/sh\n# 2\nexec /bin/cat '"+abs+"'\n"), 0o755)
	if s := run("another pdftotext"); s.Record.Status == "unchanged" || s.Record.Inputs.Parsed != 1 {
		t.Errorf("another pdftotext: status %s, parsed %d", s.Record.Status, s.Record.Inputs.Parsed)
	}
}
