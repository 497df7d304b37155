package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

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
