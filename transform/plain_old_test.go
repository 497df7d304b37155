package transform

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

// addDisclosureUnitOld is addDisclosureUnit before it read a plain count
// cell (digits, a marker, nothing) by normalize.CountPlain: every count
// cell went through normalize.Count and noteResult.
func (p *parser) addDisclosureUnitOld(it schemas.Item, m schemas.Metric, label string, s *slot, line int, headerUnit string) {
	cell := discCell(it.Code.Code, m)
	if label == "" {
		label = it.Label
	}
	d := schemas.Disclosure{ReportID: p.out.Report.ReportID, ReportYear: p.out.Report.ReportYear, // keyed as made: see keyFindings
		Cell: cell, Item: it.Code.Code, Metric: m.Code.Code, Label: label}
	if s != nil {
		d.Line = int32(s.line)
		if s.t != nil {
			d.Raw = s.t.raw
		}
	} else {
		d.Line = int32(line)
	}
	if s != nil && s.t != nil {
		if m.Money {
			hu := ""
			if it.Code.Code == "procurement" || it.Code.Code == "fees" {
				hu = headerUnit
			}
			res := normalize.Amount(s.t.raw, hu)
			p.noteResult(cell, res, s.line)
			if res.OK() && !res.Overflow {
				y := res.Amount
				d.AmountYuan = &y
				d.UnitInferred = res.UnitInferred
				if res.UnitInferred && y != 0 {
					p.finding(ruleAmountUnitInferred, schemas.SeverityWarning, cell,
						fmt.Sprintf("amount printed with no unit anywhere (%s): value taken as yuan, unit marked inferred", strings.TrimSpace(s.t.raw)),
						s.line, nil, strp(strings.TrimSpace(s.t.raw)))
				}
			}
			if res.Unit != "" {
				u := res.Unit
				d.Unit = &u
			}
		} else if m.Code.Code == "change" && noChange(s.t.c) {
			// no change, printed in words: the column says how much the
			// count changed, so the words are 0; raw keeps them
			z := int64(0)
			d.Count = &z
		} else {
			res := normalize.Count(s.t.raw)
			p.noteResult(cell, res, s.line)
			if res.OK() && !res.Overflow {
				d.Count = p.newValue(res.Count)
			}
		}
	}
	p.out.Disclosures = append(p.out.Disclosures, d)
}

// offCandidateOld is offCandidate before it read a plain cell by
// normalize.CountPlain.
func offCandidateOld(slots []slot) bool {
	printed := 0
	for _, sl := range slots {
		if sl.t != nil {
			printed++
		}
	}
	if printed == 0 || printed == len(slots) {
		return false
	}
	var sum, total int64
	blankTotal := slots[len(slots)-1].t == nil
	for j, sl := range slots {
		if sl.t == nil {
			continue
		}
		res := normalize.Count(sl.t.raw)
		switch {
		case res.NA:
			continue
		case !res.OK() || res.Overflow || res.Approximate || res.Count < 0:
			return false
		case j == len(slots)-1:
			total = res.Count
		default:
			sum += res.Count
		}
	}
	return sum != total || blankTotal
}
