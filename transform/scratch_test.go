package transform

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestScratchNotShared parses each seed, then the others, and checks that
// the first result still reads as it did: the storage a parser keeps for
// the next report (cells, row readers' buffers) must be nothing a result
// points at. A result is also the same when its storage was used before.
func TestScratchNotShared(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "samples", "*.txt"))
	if err != nil || len(files) < 2 {
		t.Fatalf("seeds: %v, %d files", err, len(files))
	}
	var docs []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	asJSON := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for i, d := range docs {
		out := Parse(docOf(d))
		want := asJSON(out)
		counts := 0
		for _, a := range out.Applications {
			if a.Count != nil {
				counts++
			}
		}
		if counts == 0 {
			t.Fatalf("%s: no count read", files[i])
		}
		for k := range 3 {
			for j, e := range docs {
				if j != i {
					Parse(docOf(e))
				}
			}
			if got := asJSON(out); got != want {
				t.Fatalf("%s: its result changed after parsing other reports (round %d)", files[i], k)
			}
		}
		if got := asJSON(Parse(docOf(d))); got != want {
			t.Fatalf("%s: parsed again with used storage, the result differs", files[i])
		}
	}
}
