package pipeline_test

import (
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// TestGluedOracle generates reports whose table cells lost their
// separators (layout glued: each row's cells run together, blank cells
// print nothing) and checks every cell against the truth. A run is split
// only where the template's arithmetic leaves one split, so no cell may
// come out with a value other than the report's (null is allowed, with a
// GLUED_DIGITS or other finding on it); and most of section 三 and 四,
// whose arithmetic constrains the splits, must be recovered.
// NIANBAO_GLUED_REPORTS raises the count.
func TestGluedOracle(t *testing.T) {
	o := layoutOracle(generate.LayoutGlued, 20261204, oracleReports("NIANBAO_GLUED_REPORTS", 300))
	t.Logf("%d reports: s2 %s; s3 %s; s4 %s", o.n, *o.by["s2"], *o.by["s3"], *o.by["s4"])
	o.noSilent(t, true)
	for _, s := range []string{"s3", "s4"} {
		atLeast(t, s+" recovered from glued runs", *o.by[s], 800)
	}
}
