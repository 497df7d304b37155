package pipeline_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// TestMarkdownOracle generates reports as a PDF-to-Markdown converter
// saves them (section 三 in small tables under generic headers 数据1 …
// 数据6 with one value column lost, some labels apart from their numbers;
// section 四 as three tables) and checks that no cell differs from the
// truth without a finding on it. Known gap: a lost column cannot be
// placed by the template's arithmetic (its equations are the same for
// every applicant column, so every choice of the lost column fits); the
// row-by-row repair fills a row's lost cell where every placement agrees
// on it, 0 by the arithmetic where the report printed '/' or nothing (as
// the hand-checked seeds read such a cell), with an error finding on the
// row: those are counted and logged, not asserted zero.
// NIANBAO_MARKDOWN_REPORTS raises the count.
func TestMarkdownOracle(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 40
	}
	if s := os.Getenv("NIANBAO_MARKDOWN_REPORTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	opt := generate.Options{Reports: n, Seed: 20261204, Layouts: []string{generate.LayoutMarkdownLost}}
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
	if silent > 0 {
		t.Errorf("%d cells differ without a finding", silent)
	}
}
