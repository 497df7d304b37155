package pipeline_test

import (
	"os"
	"strconv"
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
	n := 200
	if testing.Short() {
		n = 40
	}
	if s := os.Getenv("NIANBAO_PARAGRAPHS_REPORTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	opt := generate.Options{Reports: n, Seed: 20261204, Layouts: []string{generate.LayoutParagraphs}}
	var ncells, exact, wrong, silent, whole int
	for i := 0; i < n; i++ {
		name, data, truth := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		p := parseBytes(name, data)
		got := cells(p)
		ok := true
		for _, c := range truth.Cells {
			w := "null"
			switch {
			case c.Null:
			case c.Money:
				w = c.Yuan.String()
			default:
				w = strconv.FormatInt(c.Count, 10)
			}
			g := got[c.Code]
			ncells++
			if g == w {
				exact++
			} else {
				ok = false
			}
			if g != w && g != "null" {
				wrong++
				if wrong <= 5 {
					t.Errorf("%s: %s = %s, want %s", name, c.Code, g, w)
				}
			}
			if g != w && !covered(p, c.Code) {
				silent++
				if silent <= 5 {
					t.Errorf("%s: %s = %s, want %s, with no finding on it", name, c.Code, g, w)
				}
			}
		}
		if ok {
			whole++
		}
	}
	t.Logf("%d reports: %d/%d cells exact, %d reports whole; %d cells wrong, %d differ without a finding",
		n, exact, ncells, whole, wrong, silent)
	if wrong > 0 || silent > 0 {
		t.Errorf("%d cells with another value, %d differing without a finding", wrong, silent)
	}
	// A row that prints one number for its seven cells (six blank, so
	// the number is 0) cannot be placed: about 0.8% of the cells.
	if exact*1000 < ncells*985 {
		t.Errorf("only %d of %d cells read, want at least 98.5%%", exact, ncells)
	}
}
