package pipeline

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/nianbao/nianbao/schemas"
)

// The state store keeps parsed reports in a small binary form of its own:
// encoding/gob drops pointers to zero values (a count of 0 would come back
// as null), and JSON costs about as much to decode as parsing the report
// again. TestCodecRoundTrip fills every field of every row type, so a field
// added to a row and forgotten here fails the build's tests.

const codecVersion = 2

var errCodec = errors.New("state: damaged cache entry")

type enc struct{ b []byte }

func (e *enc) u(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) i(v int64)  { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) s(v string) { e.u(uint64(len(v))); e.b = append(e.b, v...) }
func (e *enc) bl(v bool)  { e.b = append(e.b, boolByte(v)) }
func (e *enc) ps(v *string) {
	e.bl(v != nil)
	if v != nil {
		e.s(*v)
	}
}
func (e *enc) pi(v *int64) {
	e.bl(v != nil)
	if v != nil {
		e.i(*v)
	}
}
func (e *enc) pi32(v *int32) {
	e.bl(v != nil)
	if v != nil {
		e.i(int64(*v))
	}
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

type dec struct {
	b   []byte
	src string // the same bytes as b held at the start, as one string
	err error
}

func (d *dec) u() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = errCodec, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) i() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err, d.b = errCodec, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) s() string {
	n := d.u()
	if n > uint64(len(d.b)) {
		d.err, d.b = errCodec, nil
		return ""
	}
	// A substring of one string made of the whole entry: a parse's
	// strings live and die together, and one copy replaces hundreds.
	off := len(d.src) - len(d.b)
	v := d.src[off : off+int(n)]
	d.b = d.b[n:]
	return v
}

func (d *dec) bl() bool {
	if len(d.b) == 0 {
		d.err = errCodec
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *dec) ps() *string {
	if !d.bl() {
		return nil
	}
	v := d.s()
	return &v
}

func (d *dec) pi() *int64 {
	if !d.bl() {
		return nil
	}
	v := d.i()
	return &v
}

func (d *dec) pi32() *int32 {
	if !d.bl() {
		return nil
	}
	v := d.i()
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.err = errCodec
	}
	w := int32(v)
	return &w
}

func (d *dec) n() int {
	v := d.u()
	if v > uint64(len(d.b)) { // every element takes at least a byte
		d.err, d.b = errCodec, nil
		return 0
	}
	return int(v)
}

func encodeParsed(p *schemas.Parsed) []byte {
	return appendParsed(make([]byte, 0, 8192), p)
}

// appendParsed is encodeParsed appending to b.
func appendParsed(b []byte, p *schemas.Parsed) []byte {
	e := &enc{b: b}
	e.u(codecVersion)
	r := p.Report
	e.s(r.ReportID)
	e.pi32(r.ReportYear)
	e.s(r.SourcePath)
	e.s(r.SourceFormat)
	e.s(r.Encoding)
	e.i(r.SourceBytes)
	e.ps(r.Agency)
	e.s(r.Template)
	e.s(r.Status)
	e.i(int64(r.IssueCount))
	e.s(r.ParserVersion)
	e.i(r.IngestedAt.UnixMicro())
	e.ps(r.Title)
	e.ps(r.URL)
	for _, p := range []*string{r.DivisionCode, r.Province, r.City, r.County, r.Township, r.AgencyLevel, r.AgencyKind} {
		e.ps(p)
	}
	e.s(r.LogicalReportID)
	e.bl(r.IsCanonical)
	e.u(uint64(len(p.Disclosures)))
	for _, d := range p.Disclosures {
		e.s(d.Cell)
		e.s(d.Item)
		e.s(d.Metric)
		e.s(d.Label)
		e.pi(d.Count)
		e.pi((*int64)(d.AmountYuan))
		e.ps(d.Unit)
		e.bl(d.UnitInferred)
		e.s(d.Raw)
		e.i(int64(d.Line))
	}
	e.u(uint64(len(p.Applications)))
	for _, a := range p.Applications {
		e.s(a.Cell)
		e.s(a.Outcome)
		e.s(a.Applicant)
		e.s(a.Label)
		e.pi(a.Count)
		e.s(a.Raw)
		e.i(int64(a.Line))
	}
	e.u(uint64(len(p.Appeals)))
	for _, a := range p.Appeals {
		e.s(a.Cell)
		e.s(a.Proceeding)
		e.s(a.Outcome)
		e.pi(a.Count)
		e.s(a.Raw)
		e.i(int64(a.Line))
	}
	e.u(uint64(len(p.Findings)))
	for _, f := range p.Findings {
		e.s(f.Rule)
		e.s(f.Severity)
		e.s(f.Kind)
		e.s(f.Cell)
		e.ps(f.Expected)
		e.ps(f.Actual)
		e.s(f.Message)
		e.pi32(f.Line)
	}
	e.s(p.Context)
	return e.b
}

func decodeParsed(b []byte) (*schemas.Parsed, error) {
	d := &dec{b: b, src: string(b)}
	if d.u() != codecVersion {
		return nil, errCodec
	}
	p := &schemas.Parsed{}
	r := &p.Report
	r.ReportID = d.s()
	r.ReportYear = d.pi32()
	r.SourcePath = d.s()
	r.SourceFormat = d.s()
	r.Encoding = d.s()
	r.SourceBytes = d.i()
	r.Agency = d.ps()
	r.Template = d.s()
	r.Status = d.s()
	r.IssueCount = int32(d.i())
	r.ParserVersion = d.s()
	r.IngestedAt = time.UnixMicro(d.i()).UTC()
	r.Title = d.ps()
	r.URL = d.ps()
	for _, p := range []**string{&r.DivisionCode, &r.Province, &r.City, &r.County, &r.Township, &r.AgencyLevel, &r.AgencyKind} {
		*p = d.ps()
	}
	r.LogicalReportID = d.s()
	r.IsCanonical = d.bl()
	if n := d.n(); d.err == nil {
		p.Disclosures = make([]schemas.Disclosure, n)
		for k := range p.Disclosures {
			x := &p.Disclosures[k]
			x.Cell, x.Item, x.Metric, x.Label = d.s(), d.s(), d.s(), d.s()
			x.Count = d.pi()
			x.AmountYuan = (*schemas.Yuan)(d.pi())
			x.Unit = d.ps()
			x.UnitInferred = d.bl()
			x.Raw = d.s()
			x.Line = int32(d.i())
		}
	}
	if n := d.n(); d.err == nil {
		p.Applications = make([]schemas.Application, n)
		for k := range p.Applications {
			x := &p.Applications[k]
			x.Cell, x.Outcome, x.Applicant, x.Label = d.s(), d.s(), d.s(), d.s()
			x.Count = d.pi()
			x.Raw = d.s()
			x.Line = int32(d.i())
		}
	}
	if n := d.n(); d.err == nil {
		p.Appeals = make([]schemas.Appeal, n)
		for k := range p.Appeals {
			x := &p.Appeals[k]
			x.Cell, x.Proceeding, x.Outcome = d.s(), d.s(), d.s()
			x.Count = d.pi()
			x.Raw = d.s()
			x.Line = int32(d.i())
		}
	}
	if n := d.n(); d.err == nil {
		p.Findings = make([]schemas.Finding, n)
		for k := range p.Findings {
			x := &p.Findings[k]
			x.Rule, x.Severity, x.Kind, x.Cell = d.s(), d.s(), d.s(), d.s()
			x.Expected, x.Actual = d.ps(), d.ps()
			x.Message = d.s()
			x.Line = d.pi32()
		}
	}
	p.Context = d.s()
	if d.err != nil || len(d.b) != 0 {
		return nil, errCodec
	}
	p.SetKey()
	return p, nil
}
