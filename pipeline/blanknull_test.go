package pipeline_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// TestPrintedBlankStaysNull: a cell the report prints blank or as a
// not-applicable marker ('/', '-', '无') is null in every layout, never a
// number, whatever findings go with it: the arithmetic may determine a
// cell whose number was lost, never one that printed none. Each layout's
// reports, of two seeds.
func TestPrintedBlankStaysNull(t *testing.T) {
	n := oracleReports("NIANBAO_BLANK_REPORTS", 60)
	for _, layout := range generate.AllLayouts() {
		t.Run(layout, func(t *testing.T) {
			t.Parallel()
			nulls, filled := 0, 0
			var examples []string
			for _, seed := range []int64{1, 2} {
				opt := generate.Options{Reports: n, Seed: seed, Layouts: []string{layout}}
				for i := 0; i < n; i++ {
					name, data, truth := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
					got := cells(parseBytes(name, data))
					for _, c := range truth.Cells {
						if !c.Null {
							continue
						}
						nulls++
						if g, ok := got[c.Code]; ok && g != "null" {
							filled++
							if len(examples) < 5 {
								examples = append(examples, fmt.Sprintf("seed %d %s: %s = %s, printed none", seed, name, c.Code, g))
							}
						}
					}
				}
			}
			for _, e := range examples {
				t.Error(e)
			}
			if filled > 0 {
				t.Errorf("%d of %d cells printed blank or as a marker have a number", filled, nulls)
			}
		})
	}
}

// TestAgencyNotMisread: the organ read from a report is one of the names
// it goes by, or null with a finding saying it was not found, in every
// layout: never another text (a sentence's fragment, the title with a
// Markdown heading's mark) passed off as the organ.
func TestAgencyNotMisread(t *testing.T) {
	n := oracleReports("NIANBAO_BLANK_REPORTS", 60)
	for _, layout := range generate.AllLayouts() {
		t.Run(layout, func(t *testing.T) {
			t.Parallel()
			wrong := 0
			for _, seed := range []int64{1, 2} {
				opt := generate.Options{Reports: n, Seed: seed, Layouts: []string{layout}}
				for i := 0; i < n; i++ {
					name, data, truth := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
					p := parseBytes(name, data)
					if p.Report.Agency == nil {
						continue // AGENCY_UNKNOWN says so
					}
					if !slices.Contains(truth.Agency, *p.Report.Agency) {
						if wrong++; wrong <= 5 {
							t.Errorf("seed %d %s: agency %q, the report's names are %q", seed, name, *p.Report.Agency, truth.Agency)
						}
					}
				}
			}
			if wrong > 5 {
				t.Errorf("%d reports with another agency than theirs", wrong)
			}
		})
	}
}

// TestSpacedHeaderPositions: pdftotext -layout prints section 三's column
// headings with single spaces when they stand close (商业企业 科研机构 社会
// 公益 法律服务); each word still stands above its column, so a row that
// prints only its 总计 is placed by position (S3_CELL_POSITION) instead of
// left null. Every cell of these layouts' reports is read exactly.
func TestSpacedHeaderPositions(t *testing.T) {
	n := oracleReports("NIANBAO_BLANK_REPORTS", 60)
	for _, layout := range []string{generate.FixtureLayout, generate.FixtureCentred} {
		o := layoutOracle(layout, 1, n)
		if o.all.exact != o.all.cells {
			t.Errorf("%s: %v", layout, o.all)
			for _, e := range o.wrongs {
				t.Error(e)
			}
		}
	}
}
