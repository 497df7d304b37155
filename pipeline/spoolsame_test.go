package pipeline

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// sameSpool checks that appendParsedSpool writes appendParsed's bytes and
// the spool entry hold writes (appendEntry of appendCellValues), after
// bytes already in both buffers.
func sameSpool(t *testing.T, p *schemas.Parsed) {
	t.Helper()
	entry, spool := appendParsedSpool([]byte("before"), []byte("spool"), p)
	if want := appendParsed([]byte("before"), p); !bytes.Equal(entry, want) {
		t.Fatalf("%s: the entry differs from appendParsed's:\n%x\n%x", p.Report.SourcePath, entry, want)
	}
	want := appendEntry([]byte("spool"), appendCellValues(nil, p), p)
	if !bytes.Equal(spool, want) {
		t.Fatalf("%s: the spool entry differs from appendEntry's:\n%x\n%x", p.Report.SourcePath, spool, want)
	}
}

// TestSpoolEntrySameAsEncoded: the spool entry cut from the state store's
// encoding is the one encoded from the parse, for generated parses, the
// same without their cell rows or findings, and a parse with every field
// set (cells, labels and raw texts the catalogue lacks, amounts, a cell
// value larger than a byte, counts null and zero).
func TestSpoolEntrySameAsEncoded(t *testing.T) {
	ps, _ := generatedParses(t, 60)
	values := 0
	for _, p := range ps {
		sameSpool(t, p)
		eachValue(p, func(string, int64) { values++ })
		q := *p
		q.Disclosures, q.Applications, q.Appeals = nil, nil, nil
		sameSpool(t, &q)
		q = *p
		q.Findings = nil
		sameSpool(t, &q)
	}
	if values < 50*len(ps) {
		t.Fatalf("only %d cell values in %d parses", values, len(ps))
	}
	n := 0
	p := &schemas.Parsed{Disclosures: make([]schemas.Disclosure, 4), Applications: make([]schemas.Application, 3),
		Appeals: make([]schemas.Appeal, 2), Findings: make([]schemas.Finding, 2)}
	fill(reflect.ValueOf(&p.Report).Elem(), &n)
	for i := range p.Disclosures {
		fill(reflect.ValueOf(&p.Disclosures[i]).Elem(), &n)
	}
	for i := range p.Applications {
		fill(reflect.ValueOf(&p.Applications[i]).Elem(), &n)
	}
	for i := range p.Appeals {
		fill(reflect.ValueOf(&p.Appeals[i]).Elem(), &n)
	}
	for i := range p.Findings {
		fill(reflect.ValueOf(&p.Findings[i]).Elem(), &n)
	}
	big, amount := int64(1)<<40, schemas.Yuan(-12345)
	p.Disclosures[0].AmountYuan = nil
	p.Disclosures[1].Count, p.Disclosures[1].AmountYuan = nil, &amount
	p.Disclosures[2].Count, p.Disclosures[2].AmountYuan = nil, nil
	p.Disclosures[3].Cell = codecStrings[0]
	p.Applications[0].Count = &big
	p.Applications[1].Count = nil
	p.Applications[2].Cell = ""
	p.Appeals[1].Cell = string(bytes.Repeat([]byte("长"), 200))
	p.Organ = "name:某某局"
	sameSpool(t, p)
}
