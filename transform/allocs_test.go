package transform_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestParseAllocs bounds the allocations of parsing a report, counted over
// the five seeds BenchmarkParse reads (one layout each): about 475 a
// report, from 1 270 before the cells, the solver's snapshots and the
// rows' numbers stopped taking one allocation each. The bound leaves room
// for the race detector (about 610) and a change of the Go runtime, not
// for one allocation per cell again.
func TestParseAllocs(t *testing.T) {
	var docs [][]byte
	for _, f := range []string{"000_74ac7cc249356a73.txt", "001_a1c7e16d78f57f88.txt", "002_3da227dd059fe48d.txt", "003_16d68db4dbaa666b.txt", "004_77c3b53386b2261e.txt"} {
		d, err := os.ReadFile(filepath.Join("..", "testdata", "samples", f))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	n := testing.AllocsPerRun(3, func() {
		for _, d := range docs {
			parseText("seed", d)
		}
	})
	perReport := n / float64(len(docs))
	t.Logf("%.0f allocations a report", perReport)
	if perReport > 900 {
		t.Errorf("parsing takes %.0f allocations a report, at most 900", perReport)
	}
}
