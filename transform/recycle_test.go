package transform_test

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// seedDocs reads the five seeds BenchmarkParse and the allocation tests
// parse, one layout each.
func seedDocs(t testing.TB) [][]byte {
	t.Helper()
	var docs [][]byte
	for _, f := range []string{"000_74ac7cc249356a73.txt", "001_a1c7e16d78f57f88.txt", "002_3da227dd059fe48d.txt", "003_16d68db4dbaa666b.txt", "004_77c3b53386b2261e.txt"} {
		d, err := os.ReadFile(filepath.Join("..", "testdata", "samples", f))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// TestRecycleSameRows parses each seed into rows that an earlier report
// left behind (Recycle), in two orders, and requires the rows of a fresh
// parse: no row, count or label of the last report may show through.
func TestRecycleSameRows(t *testing.T) {
	docs := seedDocs(t)
	want := make([]*schemas.Parsed, len(docs))
	for i, d := range docs {
		want[i] = parseText("seed", d)
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}} {
		for _, i := range order {
			p := parseText("seed", docs[i])
			for _, c := range []struct {
				name      string
				got, want any
			}{
				{"disclosures", p.Disclosures, want[i].Disclosures},
				{"applications", p.Applications, want[i].Applications},
				{"appeals", p.Appeals, want[i].Appeals},
				{"findings", p.Findings, want[i].Findings},
				{"report", p.Report, want[i].Report},
			} {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Fatalf("seed %d after %v: its %s differ from a fresh parse's", i, order, c.name)
				}
			}
			transform.Recycle(p)
			if p.Disclosures != nil || p.Applications != nil || p.Appeals != nil {
				t.Fatalf("seed %d: Recycle left the rows on the parse", i)
			}
		}
	}
	transform.Recycle(nil) // nothing to hand back
}

// TestRecycleSavesRows requires Recycle to save a parse the allocation of
// its rows: about 25 KB of the seeds' ~60 KB a report. The collector is
// off while it counts: a collection empties the pools (the parser's
// scratch as well as the rows), which would move either figure by a
// report's worth of buffers.
func TestRecycleSavesRows(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector drops pooled storage at random")
	}
	docs := seedDocs(t)
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	// One P: a pool's last Put sits in its P's private slot, which a Get
	// on another P does not see.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	allocated := func(recycle bool) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for _, d := range docs {
			p := parseText("seed", d)
			if recycle {
				transform.Recycle(p)
			}
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	allocated(true) // warm the parser's storage
	const rounds = 5
	var kept, recycled uint64
	for range rounds { // the first parse may take the warm-up's rows
		kept += allocated(false)
	}
	for range rounds { // the first parse makes rows, the others take them
		recycled += allocated(true)
	}
	n := float64(rounds * len(docs))
	t.Logf("%.0f bytes allocated a report, %.0f with Recycle", float64(kept)/n, float64(recycled)/n)
	if saved := (float64(kept) - float64(recycled)) / n; saved < 20_000 {
		t.Errorf("Recycle saves %.0f bytes a report, want at least 20 000 (the rows)", saved)
	}
}
