package pipeline_test

import (
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// TestFixtureLayoutsOracle generates reports in each text layout of the
// test reports (testdata/reports: one cell per line, pdftotext rows,
// -layout, default mode with page numbers, web copies, Word text, '|'
// rows, single-space separators), and in the named-only layouts Word's web
// page, Word's edited .docx, HTML with a spacer column (and with rows
// that forget it, standing a column off), a crawler's
// escaped page and converter Markdown, and checks every cell against the
// truth:
// none may differ without a finding on it, template and year must be
// right, and nearly every cell must be read (blank cells, which several of
// these layouts print as nothing, are the rest).
// NIANBAO_FIXTURE_REPORTS raises the count per layout.
func TestFixtureLayoutsOracle(t *testing.T) {
	n := oracleReports("NIANBAO_FIXTURE_REPORTS", 100)
	// The share of cells each layout must read exactly: nearly all.
	// Converter Markdown, whose section 三 labels and numbers stand in
	// separate tables, reads every cell (the numbers' rows pair with the
	// labels' in order, which the arithmetic confirms).
	// HTML whose rows forget the spacer column reads 99.9% (rows of zeros
	// a column off hold in every shift and are left null, with findings).
	floor := map[string]int{generate.LayoutMarkdown: 100, generate.LayoutHTMLShifted: 99}
	for _, l := range append([]string{generate.LayoutWordHTML, generate.LayoutWordDOCX, generate.LayoutHTMLSpacer,
		generate.LayoutHTMLShifted, generate.LayoutCrawled, generate.LayoutMarkdown}, generate.FixtureLayouts...) {
		min := 98
		if f, ok := floor[l]; ok {
			min = f
		}
		t.Run(l, func(t *testing.T) {
			o := layoutOracle(l, 20261206, n)
			t.Logf("%d reports: %s", n, o.all)
			if o.meta > 0 {
				t.Errorf("%d of %d reports with the wrong template or year", o.meta, n)
			}
			o.noSilent(t, false)
			atLeast(t, l, o.all, min*10)
		})
	}
}
