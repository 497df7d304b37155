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
		var outcomes []schemas.Outcome
		seen := map[string]bool{}
		for _, a := range p.out.Applications {
			if !seen[a.Outcome] {
				seen[a.Outcome] = true
			}
		}
		outcomes = schemas.Outcomes(seen["other"])
		for _, a := range schemas.Applicants {
			var terms []string
			for _, o := range outcomes {
				if o.Result {
					terms = append(terms, schemas.ApplicationCell(o.Code.Code, a.Code))
				}
			}
			tot := schemas.ApplicationCell("total", a.Code)
			p.equation("S3_COLUMN_TOTAL", tot, p.s3, []string{tot}, terms,
				fmt.Sprintf("(七)总计 for %s does not equal the sum of the result rows", a.Code))
			p.equation("S3_BALANCE", tot, p.s3,
				[]string{schemas.ApplicationCell("new_received", a.Code), schemas.ApplicationCell("carried_over", a.Code)},
				[]string{tot, schemas.ApplicationCell("carried_forward", a.Code)},
				fmt.Sprintf("勾稽关系 fails for %s: new_received + carried_over ≠ total + carried_forward", a.Code))
		}
		for _, o := range outcomes {
			var terms []string
			for _, a := range schemas.Applicants[:6] {
				terms = append(terms, schemas.ApplicationCell(o.Code.Code, a.Code))
			}
			tot := schemas.ApplicationCell(o.Code.Code, "total")
			p.equation("S3_ROW_TOTAL", tot, p.s3, []string{tot}, terms,
				fmt.Sprintf("总计 column of row %s does not equal the sum of the six applicant columns", o.Code.Code))
		}
		p.negatives(p.s3)
	}
	if len(p.out.Appeals) > 0 {
		for _, pr := range schemas.Proceedings {
			var terms []string
			for _, o := range schemas.AppealOutcomes[:4] {
				terms = append(terms, schemas.AppealCell(pr.Code, o.Code))
			}
			tot := schemas.AppealCell(pr.Code, "total")
			p.equation("S4_TOTAL", tot, p.s4, []string{tot}, terms,
				fmt.Sprintf("总计 of %s does not equal upheld + corrected + other + pending", pr.Code))
		}
		p.negatives(p.s4)
	}
	p.checkTemplateYear()
}

// equation compares Σ lhs with Σ rhs and records a finding on cell when
// they differ.
func (p *parser) equation(rule, cell string, t map[string]*cellv, lhs, rhs []string, msg string) {
	sum := func(cs []string) (int64, bool, bool) {
		var s int64
		any := false
		for _, c := range cs {
			cv := t[c]
			if cv == nil || cv.unknown {
				return 0, false, false
			}
			if cv.v != nil {
				s += *cv.v
				any = true
			}
		}
		return s, any, true
	}
	l, la, lok := sum(lhs)
	r, ra, rok := sum(rhs)
	if !lok || !rok || (!la && !ra) || l == r {
		return
	}
	show := func(cs []string, v int64, any bool) string {
		if len(cs) == 1 {
			cv := t[cs[0]]
			if cv.v == nil {
				if s := strings.TrimSpace(cv.raw); s != "" {
					return s
				}
				return "null"
			}
		}
		return strconv.FormatInt(v, 10)
	}
	line := 0
	if cv := t[cell]; cv != nil {
		line = cv.line
	}
	p.finding(rule, schemas.SeverityWarning, schemas.KindSource, cell, msg, line,
		strp(show(rhs, r, ra)), strp(show(lhs, l, la)))
}

func (p *parser) negatives(t map[string]*cellv) {
	for _, a := range p.out.Applications {
		if cv := t[a.Cell]; cv != nil && cv.v != nil && *cv.v < 0 {
			p.finding("NEGATIVE_COUNT", schemas.SeverityWarning, schemas.KindSource, a.Cell,
				"count printed as negative", cv.line, strp(">= 0"), strp(strconv.FormatInt(*cv.v, 10)))
		}
	}
	for _, a := range p.out.Appeals {
		if cv := t[a.Cell]; cv != nil && cv.v != nil && *cv.v < 0 {
			p.finding("NEGATIVE_COUNT", schemas.SeverityWarning, schemas.KindSource, a.Cell,
				"count printed as negative", cv.line, strp(">= 0"), strp(strconv.FormatInt(*cv.v, 10)))
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
		p.finding("TEMPLATE_YEAR", schemas.SeverityWarning, schemas.KindSource, "report",
			fmt.Sprintf("report year %d normally uses template %s, but the tables follow template %s", *y, want, p.template),
			0, strp(want), strp(p.template))
	}
}
