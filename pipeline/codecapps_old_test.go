package pipeline

import (
	"strconv"

	"github.com/nianbao/nianbao/schemas"
)

// appendParsedValsRowwise is appendParsedVals as it was before
// appendApplications: every application row through the generated
// appendApplication, with enc.raw as it was (rawRowwise), and its cell
// value copied back from what the row wrote (appendVal). The code of
// then, renamed, for codecapps_diff_test.go.
func appendParsedValsRowwise(b, vals []byte, p *schemas.Parsed) (out, valsOut []byte, n, rowsAt, rowsEnd int) {
	b0 := len(b)
	e := &enc{b: b}
	e.u(codecVersion)
	var line int32
	appendReport(e, &p.Report, &line)
	rowsAt = len(e.b) - b0
	e.u(uint64(len(p.Disclosures)))
	for k := range p.Disclosures {
		x, at := &p.Disclosures[k], len(e.b)
		appendDisclosureRowwise(e, x, &line)
		if v, ok := disclosureValue(x); ok && vals != nil {
			vals, n = appendVal(vals, e.b[at:], v), n+1
		}
	}
	e.u(uint64(len(p.Applications)))
	for k := range p.Applications {
		x, at := &p.Applications[k], len(e.b)
		appendApplicationRowwise(e, x, &line)
		if vals != nil && x.Count != nil {
			vals, n = appendVal(vals, e.b[at:], *x.Count), n+1
		}
	}
	e.u(uint64(len(p.Appeals)))
	for k := range p.Appeals {
		x, at := &p.Appeals[k], len(e.b)
		appendAppealRowwise(e, x, &line)
		if vals != nil && x.Count != nil {
			vals, n = appendVal(vals, e.b[at:], *x.Count), n+1
		}
	}
	rowsEnd = len(e.b) - b0
	e.u(uint64(len(p.Findings)))
	for k := range p.Findings {
		appendFinding(e, &p.Findings[k], &line)
	}
	e.s(p.Organ)
	return e.b, vals, n, rowsAt, rowsEnd
}

// The generated row functions of then, with rawRowwise for enc.raw.
func appendDisclosureRowwise(e *enc, x *schemas.Disclosure, line *int32) {
	c0, c1 := e.cell(x.Cell)
	e.str(x.Item, c0)
	e.str(x.Metric, c1)
	e.label(x.Label)
	e.pi(x.Count)
	e.pi((*int64)(x.AmountYuan))
	e.ps(x.Unit)
	e.bl(x.UnitInferred)
	rawRowwise(e, x.Raw, x.Count)
	e.line(x.Line, line)
}

func appendApplicationRowwise(e *enc, x *schemas.Application, line *int32) {
	c0, c1 := e.cell(x.Cell)
	e.str(x.Outcome, c0)
	e.str(x.Applicant, c1)
	e.label(x.Label)
	e.pi(x.Count)
	rawRowwise(e, x.Raw, x.Count)
	e.line(x.Line, line)
}

func appendAppealRowwise(e *enc, x *schemas.Appeal, line *int32) {
	c0, c1 := e.cell(x.Cell)
	e.str(x.Proceeding, c0)
	e.str(x.Outcome, c1)
	e.pi(x.Count)
	rawRowwise(e, x.Raw, x.Count)
	e.line(x.Line, line)
}

// rawRowwise is enc.raw as it was.
func rawRowwise(e *enc, v string, n *int64) {
	var same bool
	switch {
	case n == nil:
		same = v == ""
	case len(v) == 0 || v[0] < '-' || v[0] > '9':
		// not the digits of a count: most raw texts that are not
		// derived start with a space, a dash or a slash
	case *n >= 0 && *n < 10: // one or two digits, compared where they stand
		same = len(v) == 1 && v[0] == '0'+byte(*n)
	case *n >= 10 && *n < 100:
		same = len(v) == 2 && v[0] == '0'+byte(*n/10) && v[1] == '0'+byte(*n%10)
	default:
		var digits [20]byte
		same = string(strconv.AppendInt(digits[:0], *n, 10)) == v
	}
	switch {
	case same:
		e.b = append(e.b, 0)
	case sameString(v, e.raw0):
		e.b = append(e.b, 1)
	default:
		e.raw0 = v
		e.u(uint64(2 + len(v)))
		e.b = append(e.b, v...)
	}
}
