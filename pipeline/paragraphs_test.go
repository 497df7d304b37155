package pipeline_test

import (
	"os"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// TestParagraphsOracle generates reports as pdftotext's default mode
// prints tables it reads row by row (a cell a paragraph, a blank cell
// nothing, section 三 broken over a page with a bare page number in the
// footer and the repeated header read around the first row's cells) and
// checks every cell against the truth: none may come out with a value
// other than the report's, nor differ without a finding on it; and all
// but a few cells must be read (cells of a row that prints fewer numbers
// than it has columns are read only where the arithmetic places them).
// Before the rows around a break were read as one run of numbers, this
// layout gave 2 202 cells of another value (a 2021 table read as 2019's)
// and a dozen wrong values at page breaks.
// NIANBAO_PARAGRAPHS_REPORTS raises the count.
func TestParagraphsOracle(t *testing.T) {
	// The share read is a property of the whole sample (40 reports, as
	// -short would draw, read 98.45%), and 200 take about a second: -short
	// keeps them all.
	n := oracleReports("NIANBAO_PARAGRAPHS_REPORTS", 200)
	if testing.Short() && os.Getenv("NIANBAO_PARAGRAPHS_REPORTS") == "" {
		n = 200
	}
	o := layoutOracle(generate.LayoutParagraphs, 20261204, n)
	t.Logf("%d reports: %s; %d reports whole", o.n, o.all, o.whole)
	o.noSilent(t, true)
	// A row that prints one number for its seven cells (six blank, so
	// the number is 0) cannot be placed: about 0.8% of the cells.
	atLeast(t, "paragraphs", o.all, 985)
}
