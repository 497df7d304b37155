package pipeline_test

import (
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// TestColumnsOracle generates reports as pdftotext's default mode prints
// them (layout columns: section 三 page by page as its labels, then each
// column's numbers; a blank cell prints nothing) and checks every cell
// against the truth: none may come out with a value other than the
// report's, nor differ without a finding on it; and most of section 三
// must be read (a block whose blank cells print nothing cannot be).
// NIANBAO_COLUMNS_REPORTS raises the count.
func TestColumnsOracle(t *testing.T) {
	o := layoutOracle(generate.LayoutColumns, 20261205, oracleReports("NIANBAO_COLUMNS_REPORTS", 200))
	t.Logf("%d reports: section 三 %s; %d reports with section 三 whole; all cells %s", o.n, *o.by["s3"], o.whole3, o.all)
	o.noSilent(t, true)
	atLeast(t, "section 三", *o.by["s3"], 900)
}
