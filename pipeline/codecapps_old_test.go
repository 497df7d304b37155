package pipeline

import (
	"strconv"
	"unsafe"

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

// appendApplicationsLocals is appendApplications as it was with the label
// before and the line before held in locals of the loop, kept to compare.
func appendApplicationsLocals(e *enc, rows []schemas.Application, line *int32, vals []byte, n int) ([]byte, int) {
	b, next, lab, raw0, last := e.b, e.next, e.lab, e.raw0, *line
	for k := range rows {
		x := &rows[k]
		at := len(b)

		// The cell, as enc.cell.
		v := x.Cell
		t := next
		c := &codecCells[t]
		if t == 0 || unsafe.StringData(v) != c.p || len(v) != int(c.n) {
			if t == 0 || v != codecStrings[t-1] {
				t = codecLookup(v)
				c = &codecCells[t]
			}
		}
		next = int32(c.next)
		var c0, c1 string
		if t != 0 {
			b = appendU(b, uint64(t))
			c0, c1 = codecPartStrs[c.c0], codecPartStrs[c.c1]
		} else {
			// Not the catalogue's: written in full, as enc.cell does.
			if v == "" {
				b = append(b, 0)
			} else {
				b = appendU(b, uint64(len(codecStrings)+1+len(v)))
				b = append(b, v...)
			}
			c0, c1 = splitCell(v)
		}

		// The outcome and applicant, as enc.str, then the label as
		// enc.label.
		if v := x.Outcome; unsafe.StringData(v) == unsafe.StringData(c0) && len(v) == len(c0) {
			b = append(b, 0)
		} else {
			e.b = b
			e.strAny(v, c0)
			b = e.b
		}
		if v := x.Applicant; unsafe.StringData(v) == unsafe.StringData(c1) && len(v) == len(c1) {
			b = append(b, 0)
		} else {
			e.b = b
			e.strAny(v, c1)
			b = e.b
		}
		if v := x.Label; unsafe.StringData(v) == unsafe.StringData(lab) && len(v) == len(lab) {
			b = append(b, 0)
		} else {
			e.b = b
			e.strAny(v, lab)
			b = e.b
			lab = v
		}

		// The count, as enc.pi, and the raw text, as enc.raw.
		cnt := x.Count
		if cnt == nil {
			b = append(b, 0)
		} else {
			b = appendI(append(b, 1), *cnt)
		}
		// A null count and a count of one digit, most rows', are told
		// here, the others by rawDerived, too large to inline.
		r := x.Raw
		var same bool
		switch {
		case cnt == nil:
			same = r == ""
		case uint64(*cnt) < 10:
			same = len(r) == 1 && r[0] == '0'+byte(*cnt)
		default:
			same = rawDerived(r, cnt)
		}
		switch {
		case same:
			b = append(b, 0)
		case sameString(r, raw0):
			b = append(b, 1)
		default:
			raw0 = r
			b = appendU(b, uint64(2+len(r)))
			b = append(b, r...)
		}

		// The line, as enc.line.
		b = appendI(b, int64(x.Line)-int64(last))
		last = x.Line

		if vals != nil && cnt != nil {
			if t != 0 {
				vals = appendI(appendU(vals, uint64(t)), *cnt)
			} else {
				vals = appendVal(vals, b[at:], *cnt)
			}
			n++
		}
	}
	e.b, e.next, e.lab, e.raw0, *line = b, next, lab, raw0, last
	return vals, n
}
