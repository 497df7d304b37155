package transform_test

import (
	"runtime"
	"testing"
)

// TestParseAllocs bounds the allocations of parsing a report, counted over
// the five seeds BenchmarkParse reads (one layout each): about 89 a
// report (about 130 under the race detector), from 208 before the row
// readers' lists, repair's trials and alignments, the number runs' fields
// and the summary's regexps stopped allocating per element, and 1 270
// before the cells, the solver's snapshots and the rows' numbers stopped
// taking one allocation each. The bound leaves room for a change of the
// Go runtime, not for one allocation per trial or per line again.
func TestParseAllocs(t *testing.T) {
	docs := seedDocs(t)
	n := testing.AllocsPerRun(3, func() {
		for _, d := range docs {
			parseText("seed", d)
		}
	})
	perReport := n / float64(len(docs))
	t.Logf("%.0f allocations a report", perReport)
	limit := 130.0
	if raceEnabled {
		limit = 200 // about 130: the race detector drops pooled storage at random
	}
	if perReport > limit {
		t.Errorf("parsing takes %.0f allocations a report, at most %.0f", perReport, limit)
	}
}

// TestParseBytes bounds the bytes parsing a report allocates, over the
// five seeds, once the storage a parser keeps between reports is warm:
// about 150 KB a report, from 220 KB when every report made its own
// cells and row readers' buffers. The bound leaves room for a change of
// the Go runtime, not for that storage made per report again.
func TestParseBytes(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector drops pooled storage at random")
	}
	docs := seedDocs(t)
	parseAll := func() {
		for _, d := range docs {
			parseText("seed", d)
		}
	}
	parseAll() // warm the parser's storage
	const rounds = 5
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range rounds {
		parseAll()
	}
	runtime.ReadMemStats(&after)
	perReport := float64(after.TotalAlloc-before.TotalAlloc) / float64(rounds*len(docs))
	t.Logf("%.0f bytes allocated a report", perReport)
	if perReport > 190_000 {
		t.Errorf("parsing allocates %.0f bytes a report, at most 190 000", perReport)
	}
}
