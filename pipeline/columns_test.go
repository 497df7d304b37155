package pipeline_test

import (
	"os"
	"strconv"
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
	n := 200
	if testing.Short() {
		n = 40
	}
	if s := os.Getenv("NIANBAO_COLUMNS_REPORTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	opt := generate.Options{Reports: n, Seed: 20261205, Layouts: []string{generate.LayoutColumns}}
	var cells3, exact3, wrong, silent, fullExact int
	for i := 0; i < n; i++ {
		name, data, truth := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		p := parseBytes(name, data)
		got := cells(p)
		ok3 := true
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
			if c.Code[:2] == "s3" {
				cells3++
				if g == w {
					exact3++
				} else {
					ok3 = false
				}
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
		if ok3 {
			fullExact++
		}
	}
	t.Logf("%d reports: section 三 %d/%d cells exact, %d reports with section 三 whole; %d cells wrong, %d differ without a finding",
		n, exact3, cells3, fullExact, wrong, silent)
	if wrong > 0 || silent > 0 {
		t.Errorf("%d cells with another value, %d differing without a finding", wrong, silent)
	}
	if exact3*10 < cells3*9 {
		t.Errorf("only %d of %d cells of section 三 read, want at least 90%%", exact3, cells3)
	}
}
