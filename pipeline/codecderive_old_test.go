package pipeline

import (
	"strconv"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// The codec of version 5, before a row's label and raw text were derived
// from the rows before (enc.label, enc.raw): the code of then, renamed, for
// the round trips of codecderive_diff_test.go. A label was written in
// full at every row, a raw text that was not its count's digits too.

// codecVersionOld is the version the code below writes.
const codecVersionOld = 5

// labelOld is enc's state for labelOld.
type labelOld struct {
	lp *byte
	ln int
	lw uint64
}

// label writes a row's label as s does. Most rows' label is the row
// before's, the same string: its number is then written again without a
// lookup, and without comparing its bytes.
func (l *labelOld) label(e *enc, v string) {
	if p := unsafe.StringData(v); p != l.lp || len(v) != l.ln {
		l.lp, l.ln, l.lw = p, len(v), codecNumberOld(v)
	}
	e.u(l.lw)
	if l.lw > uint64(len(codecStrings)) {
		e.b = append(e.b, v...)
	}
}

// codecNumberOld is the number s writes first for v: 0 for "", 1+k for
// codecStrings[k], 1+len(codecStrings)+len(v) for v written in full.
func codecNumberOld(v string) uint64 {
	if v == "" {
		return 0
	}
	if k := codecLookup(v); k != 0 {
		return uint64(k)
	}
	return uint64(len(codecStrings) + 1 + len(v))
}

// rawOld writes a raw text as str(v, rawOf(n)) does, without making the
// string of rawOf (an allocation for counts of 100 and more).
func rawOld(e *enc, v string, n *int64) {
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
	if same {
		e.u(0)
		return
	}
	if v == "" {
		e.str(v, "-") // as str does with a derived value other than v
	} else {
		e.str(v, "")
	}
}

// appendParsedOld is appendParsed of version 5.
func appendParsedOld(b []byte, p *schemas.Parsed) []byte {
	e := &enc{b: b}
	l := &labelOld{}
	e.u(codecVersionOld)
	var line int32
	appendReport(e, &p.Report, &line)
	e.u(uint64(len(p.Disclosures)))
	for k := range p.Disclosures {
		x := &p.Disclosures[k]
		c0, c1 := e.cell(x.Cell)
		e.str(x.Item, c0)
		e.str(x.Metric, c1)
		l.label(e, x.Label)
		e.pi(x.Count)
		e.pi((*int64)(x.AmountYuan))
		e.ps(x.Unit)
		e.bl(x.UnitInferred)
		rawOld(e, x.Raw, x.Count)
		e.line(x.Line, &line)
	}
	e.u(uint64(len(p.Applications)))
	for k := range p.Applications {
		x := &p.Applications[k]
		c0, c1 := e.cell(x.Cell)
		e.str(x.Outcome, c0)
		e.str(x.Applicant, c1)
		l.label(e, x.Label)
		e.pi(x.Count)
		rawOld(e, x.Raw, x.Count)
		e.line(x.Line, &line)
	}
	e.u(uint64(len(p.Appeals)))
	for k := range p.Appeals {
		x := &p.Appeals[k]
		c0, c1 := e.cell(x.Cell)
		e.str(x.Proceeding, c0)
		e.str(x.Outcome, c1)
		e.pi(x.Count)
		rawOld(e, x.Raw, x.Count)
		e.line(x.Line, &line)
	}
	e.u(uint64(len(p.Findings)))
	for k := range p.Findings {
		appendFinding(e, &p.Findings[k], &line)
	}
	e.s(p.Organ)
	return e.b
}

// decodeParsedOld is decodeParsed of version 5.
func decodeParsedOld(b []byte) (*schemas.Parsed, error) {
	d := &dec{b: b, src: string(b)}
	if d.u() != codecVersionOld {
		return nil, errCodec
	}
	p := &schemas.Parsed{}
	var line int32
	decodeReport(d, &p.Report, &line)
	if n := d.n(); d.err == nil {
		p.Disclosures = make([]schemas.Disclosure, n)
		for k := range p.Disclosures {
			x := &p.Disclosures[k]
			c0, c1 := d.cell(&x.Cell)
			x.Item = d.str(c0)
			x.Metric = d.str(c1)
			x.Label = d.s()
			x.Count = d.pi()
			x.AmountYuan = (*schemas.Yuan)(d.pi())
			x.Unit = d.ps()
			x.UnitInferred = d.bl()
			x.Raw = d.str(rawOf(x.Count))
			x.Line = d.line(&line)
		}
	}
	if n := d.n(); d.err == nil {
		p.Applications = make([]schemas.Application, n)
		for k := range p.Applications {
			x := &p.Applications[k]
			c0, c1 := d.cell(&x.Cell)
			x.Outcome = d.str(c0)
			x.Applicant = d.str(c1)
			x.Label = d.s()
			x.Count = d.pi()
			x.Raw = d.str(rawOf(x.Count))
			x.Line = d.line(&line)
		}
	}
	if n := d.n(); d.err == nil {
		p.Appeals = make([]schemas.Appeal, n)
		for k := range p.Appeals {
			x := &p.Appeals[k]
			c0, c1 := d.cell(&x.Cell)
			x.Proceeding = d.str(c0)
			x.Outcome = d.str(c1)
			x.Count = d.pi()
			x.Raw = d.str(rawOf(x.Count))
			x.Line = d.line(&line)
		}
	}
	if n := d.n(); d.err == nil {
		p.Findings = make([]schemas.Finding, n)
		for k := range p.Findings {
			decodeFinding(d, &p.Findings[k], &line)
		}
	}
	p.Organ = d.s()
	if d.err != nil || len(d.b) != 0 {
		return nil, errCodec
	}
	p.SetKey()
	return p, nil
}
