package transform

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// check runs the template's own arithmetic over the values as read. A
// failure is a source warning: the agency's numbers are kept as printed.
// Null markers count as 0 when at least one cell of the equation holds a
// number; an equation over cells that could not be read is skipped (their
// own findings already cover them).
func (p *parser) check() {
	if len(p.out.Applications) > 0 {
		v := variant(p.hasOtherRow())
		runs := &checkRuns[v]
		for i := range s3Eqs[v] {
			if runs.fails(i, p.s3) {
				p.equation(&s3Eqs[v][i], &s3EqIDs[v][i], p.s3)
			}
		}
		// Most tables hold no negative count: the list of cells in
		// printed order is made only for one that does.
		if p.s3.anyNegative() {
			cells := make([]string, len(p.out.Applications))
			for i, a := range p.out.Applications {
				cells[i] = a.Cell
			}
			p.negatives(cells, p.s3)
		}
	}
	p.negativeDisclosures()
	if len(p.out.Appeals) > 0 {
		runs := &checkRuns[2]
		for i := range s4Eqs {
			if runs.fails(i, p.s4) {
				p.equation(&s4Eqs[i], &s4EqIDs[i], p.s4)
			}
		}
		if p.s4.anyNegative() {
			p.negatives(s4Cells, p.s4)
		}
	}
	p.checkTemplateYear()
}

// otherBase is the number of the first cell of the outcome "other".
var otherBase = catalog.appBase[schemas.OutcomeOther.Code.Code]

// hasOtherRow reports whether a row of section 三 read so far is of the
// outcome "other", which only the single template's table has. It asks
// the table: each row is added with its cell in p.s3 (see addApplication),
// so the table holds a cell of "other" if and only if a row is of it. The
// rows, fifteen words each, are not read.
func (p *parser) hasOtherRow() bool {
	for j := range schemas.Applicants {
		if p.s3.at(otherBase+j) != nil {
			return true
		}
	}
	return false
}

// eqRuns are the cells of a list of equations (s3Eqs of a variant, or
// s4Eqs), all in one block: equation i's are cells[end[i-1]:end[i]], lhs
// then rhs. A cell numbered id is held as id+1 on the left and -(id+1) on
// the right, so that one loop adds up both sides without a branch on the
// side; 0 is a cell outside the catalogue (id -1), which no table holds.
type eqRuns struct {
	cells []int32
	end   []int32
}

// runsOf are the eqRuns of equations numbered ids.
func runsOf(ids []eqIDs) (r eqRuns) {
	for _, e := range ids {
		for _, id := range e.lhs {
			r.cells = append(r.cells, int32(id+1))
		}
		for _, id := range e.rhs {
			r.cells = append(r.cells, -int32(id+1))
		}
		r.end = append(r.end, int32(len(r.cells)))
	}
	return r
}

// fails reports whether equation i of r fails over t as equation finds:
// every cell is in t and not unknown, one at least holds a number, and
// Σ lhs ≠ Σ rhs (exactly). Only then does equation need to be called.
func (r *eqRuns) fails(i int, t *cellTable) bool {
	lo := int32(0)
	if i > 0 {
		lo = r.end[i-1]
	}
	var d wide
	any := false
	for _, x := range r.cells[lo:r.end[i]] {
		m := int64(x >> 31) // -1 on the right, 0 on the left
		cv := t.at(int((x^int32(m))-int32(m)) - 1)
		if cv == nil || cv.unknown {
			return false
		}
		if cv.v != nil {
			// d ± v: v, or ^v+1 = -v on the right
			w := wideOf(*cv.v)
			d = d.add(wide{hi: w.hi ^ m, lo: w.lo ^ uint64(m)}).sub(wideOf(m))
			any = true
		}
	}
	return any && d.sign() != 0
}

// equation compares Σ lhs with Σ rhs of e (whose cells ids numbers) and
// records a finding on its cell when they differ.
func (p *parser) equation(e *equationSpec, ids *eqIDs, t *cellTable) {
	rule, cell, lhs, rhs, msg := e.rule, e.cell, e.lhs, e.rhs, e.msg
	sum := func(cs []int) (wide, bool, bool) {
		var s wide
		any := false
		for _, c := range cs {
			cv := t.at(c)
			if cv == nil || cv.unknown {
				return s, false, false
			}
			if cv.v != nil {
				s = s.add(wideOf(*cv.v))
				any = true
			}
		}
		return s, any, true
	}
	// the sums are exact: printed counts near the int64 limit must not wrap
	l, la, lok := sum(ids.lhs)
	r, ra, rok := sum(ids.rhs)
	if !lok || !rok || (!la && !ra) || l == r {
		return
	}
	// a single cell printed as a marker shows as printed ('/'), not as 0
	show := func(cs []string, v wide) string {
		if len(cs) == 1 {
			cv := t.get(cs[0])
			if cv.v == nil {
				if s := strings.TrimSpace(cv.raw); s != "" {
					return s
				}
				return "null"
			}
		}
		return v.String()
	}
	line := 0
	if cv := t.at(ids.cell); cv != nil {
		line = cv.line
	}
	p.finding(rule, schemas.SeverityWarning, cell, msg, line,
		strp(show(rhs, r)), strp(show(lhs, l)))
}

// negatives flags counts printed below zero, in the table's printed order.
func (p *parser) negatives(cells []string, t *cellTable) {
	for _, c := range cells {
		if cv := t.get(c); cv != nil && cv.v != nil && *cv.v < 0 {
			p.finding(ruleNegativeCount, schemas.SeverityWarning, c,
				"count printed as negative", cv.line, strp(">= 0"), strp(strconv.FormatInt(*cv.v, 10)))
		}
	}
}

// negativeDisclosures flags section 二's counts and amounts printed below
// zero: only 本年增/减 (change) may be negative. Rows of no template item
// (extra) are not checked, their columns unknown.
func (p *parser) negativeDisclosures() {
	for i := range p.out.Disclosures {
		d := &p.out.Disclosures[i]
		switch {
		case d.Item == "extra" || d.Metric == "change":
		case d.Count != nil && *d.Count < 0:
			p.finding(ruleNegativeCount, schemas.SeverityWarning, d.Cell,
				"count printed as negative", int(d.Line), strp(">= 0"), strp(strconv.FormatInt(*d.Count, 10)))
		case d.AmountYuan != nil && *d.AmountYuan < 0:
			p.finding(ruleNegativeCount, schemas.SeverityWarning, d.Cell,
				"amount printed as negative", int(d.Line), strp(">= 0"), strp(d.AmountYuan.String()))
		}
	}
}

func (p *parser) checkTemplateYear() {
	y := p.out.Report.ReportYear
	if y == nil {
		return
	}
	want := ""
	switch {
	case *y >= 2021 && p.template == schemas.Template2019:
		want = schemas.Template2021
	case *y <= 2020 && *y >= 2019 && p.template == schemas.Template2021:
		want = schemas.Template2019
	}
	if want != "" {
		p.finding(ruleTemplateYear, schemas.SeverityWarning, "report",
			fmt.Sprintf("report year %d normally uses template %s, but the tables follow template %s", *y, want, p.template),
			0, strp(want), strp(p.template))
	}
}
