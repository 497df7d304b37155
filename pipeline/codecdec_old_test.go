package pipeline

import "github.com/nianbao/nianbao/schemas"

// decodeParsedReusingPrev and the row decoders below are the decoder as it
// was before dec.cell: a row's cell read as any string, its parts found
// by splitCell. The code of then, renamed, with a row's label and raw text
// read as codec version 6 writes them (rawPrev).
func decodeParsedReusingPrev(b []byte, prev *schemas.Parsed) (*schemas.Parsed, error) {
	if prev == nil {
		prev = &schemas.Parsed{}
	}
	d := &dec{b: b, src: string(b)}
	if d.u() != codecVersion {
		return nil, errCodec
	}
	p := &schemas.Parsed{}
	var line int32
	decodeReport(d, &p.Report, &line)
	if n := d.n(); d.err == nil {
		grow(&d.i64s, n) // a count (or an amount) a row
		p.Disclosures = reuseRows(prev.Disclosures, n)
		for k := range p.Disclosures {
			decodeDisclosurePrev(d, &p.Disclosures[k], &line)
		}
	}
	if n := d.n(); d.err == nil {
		grow(&d.i64s, n) // a count (or an amount) a row
		p.Applications = reuseRows(prev.Applications, n)
		for k := range p.Applications {
			decodeApplicationPrev(d, &p.Applications[k], &line)
		}
	}
	if n := d.n(); d.err == nil {
		grow(&d.i64s, n) // a count (or an amount) a row
		p.Appeals = reuseRows(prev.Appeals, n)
		for k := range p.Appeals {
			decodeAppealPrev(d, &p.Appeals[k], &line)
		}
	}
	if n := d.n(); d.err == nil {
		p.Findings = reuseRows(prev.Findings, n)
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

func decodeDisclosurePrev(d *dec, x *schemas.Disclosure, line *int32) {
	x.Cell = d.s()
	c0, c1 := splitCell(x.Cell)
	x.Item = d.str(c0)
	x.Metric = d.str(c1)
	x.Label = d.str(d.lab)
	d.lab = x.Label
	x.Count = d.pi()
	x.AmountYuan = (*schemas.Yuan)(d.pi())
	x.Unit = d.ps()
	x.UnitInferred = d.bl()
	x.Raw = rawPrev(d, x.Count)
	x.Line = d.line(line)
}

func decodeApplicationPrev(d *dec, x *schemas.Application, line *int32) {
	x.Cell = d.s()
	c0, c1 := splitCell(x.Cell)
	x.Outcome = d.str(c0)
	x.Applicant = d.str(c1)
	x.Label = d.str(d.lab)
	d.lab = x.Label
	x.Count = d.pi()
	x.Raw = rawPrev(d, x.Count)
	x.Line = d.line(line)
}

func decodeAppealPrev(d *dec, x *schemas.Appeal, line *int32) {
	x.Cell = d.s()
	c0, c1 := splitCell(x.Cell)
	x.Proceeding = d.str(c0)
	x.Outcome = d.str(c1)
	x.Count = d.pi()
	x.Raw = rawPrev(d, x.Count)
	x.Line = d.line(line)
}

// rawPrev reads what refRaw writes.
func rawPrev(d *dec, n *int64) string {
	t := d.u()
	if t == 0 {
		return rawOf(n)
	}
	if t > 1 { // its bytes, as strOf reads a string written in full
		d.raw0 = d.strOf(t-2+uint64(len(codecStrings))+1, "")
	}
	return d.raw0
}
