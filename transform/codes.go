package transform

import (
	"fmt"

	"github.com/nianbao/nianbao/schemas"
)

// Cell codes and the template's equations are the same for every report:
// they are built once here rather than concatenated per cell per report.

var (
	appCells = map[string][]string{} // outcome → cell code per applicant, in schemas.Applicants order
	s4Cells  []string                // the fifteen section 四 cells, in printed order
	// discCells are the section 二 cells of both templates by item and
	// metric (see discCell).
	discCells = map[discKey]string{}
	// s4Parts are the proceeding and outcome of each cell of s4Cells, and
	// s4IDs its number in the catalogue: section 四 asks for them by the
	// cell's place, not by its code.
	s4Parts [][2]string
	s4IDs   []int

	// equations per variant of section 三 (single （六） row or the three
	// 2021 rows), and the constraints repair solves with.
	s3Eqs  [2][]equationSpec
	s4Eqs  []equationSpec
	s3Cons [2][]lin
	s4Cons []lin
)

// equationSpec is one check of the template's arithmetic: Σ lhs = Σ rhs,
// reported on cell.
type equationSpec struct {
	rule     *schemas.Rule
	cell     string
	lhs, rhs []string
	msg      string
}

func init() {
	all := append(schemas.Outcomes(true), schemas.OutcomesOther2021...)
	for _, o := range all {
		cs := make([]string, len(schemas.Applicants))
		for j, a := range schemas.Applicants {
			cs[j] = schemas.ApplicationCell(o.Code.Code, a.Code)
		}
		appCells[o.Code.Code] = cs
	}
	for _, items := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		for _, it := range items {
			for _, m := range it.Metrics {
				discCells[discKey{it.Code.Code, m.Code.Code, m.Money}] = schemas.DisclosureCell(it.Code.Code, m)
			}
		}
	}
	for _, pr := range schemas.Proceedings {
		for _, o := range schemas.AppealOutcomes {
			c := schemas.AppealCell(pr.Code, o.Code)
			s4Cells = append(s4Cells, c)
			s4Parts = append(s4Parts, [2]string{pr.Code, o.Code})
			s4IDs = append(s4IDs, cellID(c))
		}
	}
	for i, single := range []bool{true, false} {
		outcomes := schemas.Outcomes(single)
		s3Cons[i] = s3Constraints(outcomes)
		for j, a := range schemas.Applicants {
			var terms []string
			for _, o := range outcomes {
				if o.Result {
					terms = append(terms, appCell(o.Code.Code, j))
				}
			}
			tot := appCell("total", j)
			s3Eqs[i] = append(s3Eqs[i],
				equationSpec{ruleS3ColumnTotal, tot, []string{tot}, terms,
					fmt.Sprintf("(七)总计 for %s does not equal the sum of the result rows", a.Code)},
				equationSpec{ruleS3Balance, tot, []string{appCell("new_received", j), appCell("carried_over", j)},
					[]string{tot, appCell("carried_forward", j)},
					fmt.Sprintf("勾稽关系 fails for %s: new_received + carried_over ≠ total + carried_forward", a.Code)})
		}
		for _, o := range outcomes {
			cs := appCells[o.Code.Code]
			s3Eqs[i] = append(s3Eqs[i], equationSpec{ruleS3RowTotal, cs[6], []string{cs[6]}, cs[:6],
				fmt.Sprintf("总计 column of row %s does not equal the sum of the six applicant columns", o.Code.Code)})
		}
	}
	s4Cons = s4Constraints()
	for _, pr := range schemas.Proceedings {
		var terms []string
		for _, o := range schemas.AppealOutcomes[:4] {
			terms = append(terms, schemas.AppealCell(pr.Code, o.Code))
		}
		tot := schemas.AppealCell(pr.Code, "total")
		s4Eqs = append(s4Eqs, equationSpec{ruleS4Total, tot, []string{tot}, terms,
			fmt.Sprintf("总计 of %s does not equal upheld + corrected + other + pending", pr.Code)})
	}
	numberEquations()
	buildSpecs()
}

// discKey names a section 二 cell by what schemas.DisclosureCell reads.
type discKey struct {
	item, metric string
	money        bool
}

// discCell is schemas.DisclosureCell, built once for the templates' own
// cells.
func discCell(item string, m schemas.Metric) string {
	if c, ok := discCells[discKey{item, m.Code.Code, m.Money}]; ok {
		return c
	}
	return schemas.DisclosureCell(item, m)
}

// appCell is the code of the cell of outcome o in applicant column j.
func appCell(o string, j int) string {
	if cs, ok := appCells[o]; ok {
		return cs[j]
	}
	return schemas.ApplicationCell(o, schemas.Applicants[j].Code)
}

func variant(single bool) int {
	if single {
		return 0
	}
	return 1
}
