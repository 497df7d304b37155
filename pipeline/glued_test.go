package pipeline_test

import (
	"os"
	"strconv"
	"strings"
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
	n := 300
	if testing.Short() {
		n = 60
	}
	if s := os.Getenv("NIANBAO_GLUED_REPORTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	opt := generate.Options{Reports: n, Seed: 20261204, Layouts: []string{generate.LayoutGlued}}
	type tally struct{ cells, exact, wrong, silent int }
	by := map[string]*tally{"s2": {}, "s3": {}, "s4": {}}
	for i := 0; i < n; i++ {
		name, data, truth := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		p := parseBytes(name, data)
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
			tl := by[c.Code[:2]]
			tl.cells++
			g := got[c.Code]
			switch {
			case g == w:
				tl.exact++
			case g != "null":
				tl.wrong++
				if tl.wrong <= 5 {
					t.Errorf("%s: %s = %s, want %s", name, c.Code, g, w)
				}
			}
			if g != w && !covered(p, c.Code) {
				tl.silent++
				if tl.silent <= 5 {
					t.Errorf("%s: %s = %s, want %s, with no finding on it", name, c.Code, g, w)
				}
			}
		}
	}
	var lines []string
	for _, s := range []string{"s2", "s3", "s4"} {
		tl := by[s]
		lines = append(lines, s+": "+strconv.Itoa(tl.exact)+"/"+strconv.Itoa(tl.cells)+" exact, "+
			strconv.Itoa(tl.wrong)+" wrong, "+strconv.Itoa(tl.silent)+" without a finding")
		if tl.wrong > 0 || tl.silent > 0 {
			t.Errorf("%s: %d cells with a value other than the report's, %d wrong or null without a finding", s, tl.wrong, tl.silent)
		}
	}
	t.Log(strings.Join(lines, "; "))
	for _, s := range []string{"s3", "s4"} {
		if tl := by[s]; tl.exact*10 < tl.cells*8 {
			t.Errorf("%s: only %d of %d cells recovered from glued runs, want at least 80%%", s, tl.exact, tl.cells)
		}
	}
}
