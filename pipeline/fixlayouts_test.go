package pipeline_test

import (
	"os"
	"strconv"
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
	n := 100
	if testing.Short() {
		n = 20
	}
	if s := os.Getenv("NIANBAO_FIXTURE_REPORTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
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
			opt := generate.Options{Reports: n, Seed: 20261206, Layouts: []string{l}}
			var ncells, exact, other, silent int
			for i := 0; i < n; i++ {
				name, data, truth := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
				p := parseBytes(name, data)
				if p.Report.Template != truth.Template || ptr32(p.Report.ReportYear) != strconv.Itoa(truth.Year) {
					t.Errorf("%s: template %s year %s, want %s %d", name, p.Report.Template, ptr32(p.Report.ReportYear), truth.Template, truth.Year)
				}
				got := cells(p)
				for _, c := range truth.Cells {
					w := "null"
					switch {
					case c.Null:
					case c.Money:
						w = c.Yuan.String()
					default:
						w = strconv.FormatInt(c.Count, 10)
					}
					ncells++
					g := got[c.Code]
					if g == w {
						exact++
						continue
					}
					if g != "null" {
						other++
					}
					if !covered(p, c.Code) {
						silent++
						if silent <= 5 {
							t.Errorf("%s: %s = %s, want %s, with no finding on it", name, c.Code, g, w)
						}
					}
				}
			}
			t.Logf("%d reports: %d/%d cells exact, %d with another value (each with a finding), %d differ without a finding",
				n, exact, ncells, other, silent)
			if exact*100 < ncells*min {
				t.Errorf("only %d of %d cells read exactly, want at least %d%%", exact, ncells, min)
			}
		})
	}
}
