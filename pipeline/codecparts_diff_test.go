package pipeline

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/parsetest"
	"github.com/nianbao/nianbao/schemas"
)

// refEnc is the encoder as it was before enc.parts and enc's addresses of
// the strings written: every string written by refStr (a lookup in the
// map codecIndex, no guesses), every cell split by splitCell. The
// append functions below are those rowgen generated then, with a row's
// label and raw text written as codec version 6 writes them (refRaw).
type refEnc struct {
	b         []byte
	lab, raw0 string // enc's
}

func (e *refEnc) u(v uint64)                { e.b = binary.AppendUvarint(e.b, v) }
func (e *refEnc) i(v int64)                 { e.b = binary.AppendVarint(e.b, v) }
func (e *refEnc) s(v string)                { e.b = refStr(e.b, v, "") }
func (e *refEnc) str(v, derived string)     { e.b = refStr(e.b, v, derived) }
func (e *refEnc) line(v int32, last *int32) { e.i(int64(v) - int64(*last)); *last = v }
func (e *refEnc) bl(v bool)                 { e.b = append(e.b, boolByte(v)) }
func (e *refEnc) ps(v *string) {
	e.bl(v != nil)
	if v != nil {
		e.s(*v)
	}
}
func (e *refEnc) pi(v *int64) {
	e.bl(v != nil)
	if v != nil {
		e.i(*v)
	}
}
func (e *refEnc) pi32(v *int32) {
	e.bl(v != nil)
	if v != nil {
		e.i(int64(*v))
	}
}
func (e *refEnc) label(v string) { e.str(v, e.lab); e.lab = v }
func (e *refEnc) raw(v string, n *int64) {
	e.b = refRaw(e.b, v, n, e.raw0)
	if v != rawOf(n) {
		e.raw0 = v
	}
}

// appendParsedRef is appendParsed written by refEnc.
func appendParsedRef(b []byte, p *schemas.Parsed) []byte {
	e := &refEnc{b: b}
	e.u(codecVersion)
	var line int32
	appendReportRef(e, &p.Report, &line)
	e.u(uint64(len(p.Disclosures)))
	for k := range p.Disclosures {
		appendDisclosureRef(e, &p.Disclosures[k], &line)
	}
	e.u(uint64(len(p.Applications)))
	for k := range p.Applications {
		appendApplicationRef(e, &p.Applications[k], &line)
	}
	e.u(uint64(len(p.Appeals)))
	for k := range p.Appeals {
		appendAppealRef(e, &p.Appeals[k], &line)
	}
	e.u(uint64(len(p.Findings)))
	for k := range p.Findings {
		appendFindingRef(e, &p.Findings[k], &line)
	}
	e.s(p.Organ)
	return e.b
}

func appendReportRef(e *refEnc, x *schemas.Report, line *int32) {
	e.s(x.ReportID)
	e.pi32(x.ReportYear)
	e.s(x.SourcePath)
	e.s(x.SourceFormat)
	e.s(x.Encoding)
	e.i(x.SourceBytes)
	e.ps(x.Agency)
	e.s(x.Template)
	e.s(x.Status)
	e.i(int64(x.IssueCount))
	e.s(x.ParserVersion)
	e.i(x.IngestedAt.UnixMicro())
	e.ps(x.Title)
	e.ps(x.URL)
	e.pi32((*int32)(x.Published))
	e.ps(x.DivisionCode)
	e.ps(x.Province)
	e.ps(x.City)
	e.ps(x.County)
	e.ps(x.Township)
	e.ps(x.AgencyLevel)
	e.ps(x.AgencyKind)
	e.s(x.LogicalReportID)
	e.bl(x.IsCanonical)
}

func appendDisclosureRef(e *refEnc, x *schemas.Disclosure, line *int32) {
	e.s(x.Cell)
	c0, c1 := splitCell(x.Cell)
	e.str(x.Item, c0)
	e.str(x.Metric, c1)
	e.label(x.Label)
	e.pi(x.Count)
	e.pi((*int64)(x.AmountYuan))
	e.ps(x.Unit)
	e.bl(x.UnitInferred)
	e.raw(x.Raw, x.Count)
	e.line(x.Line, line)
}

func appendApplicationRef(e *refEnc, x *schemas.Application, line *int32) {
	e.s(x.Cell)
	c0, c1 := splitCell(x.Cell)
	e.str(x.Outcome, c0)
	e.str(x.Applicant, c1)
	e.label(x.Label)
	e.pi(x.Count)
	e.raw(x.Raw, x.Count)
	e.line(x.Line, line)
}

func appendAppealRef(e *refEnc, x *schemas.Appeal, line *int32) {
	e.s(x.Cell)
	c0, c1 := splitCell(x.Cell)
	e.str(x.Proceeding, c0)
	e.str(x.Outcome, c1)
	e.pi(x.Count)
	e.raw(x.Raw, x.Count)
	e.line(x.Line, line)
}

func appendFindingRef(e *refEnc, x *schemas.Finding, line *int32) {
	e.s(x.Rule)
	e.s(x.Severity)
	e.s(x.Kind)
	e.s(x.Cell)
	e.ps(x.Expected)
	e.ps(x.Actual)
	e.s(x.Message)
	e.pi32(x.Line)
}

// sameAsRefEnc checks that appendParsed writes what appendParsedRef
// writes for p, and that the spool entry is cut from it as before.
func sameAsRefEnc(t testing.TB, p *schemas.Parsed) {
	t.Helper()
	got, want := appendParsed([]byte("x"), p), appendParsedRef([]byte("x"), p)
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("%s: encoded differently from byte %d:\n%x\n%x", p.Report.SourcePath, i, got[i:min(len(got), i+40)], want[i:min(len(want), i+40)])
	}
	entry, spool := appendParsedSpool(nil, nil, p)
	if !bytes.Equal(entry, want[1:]) {
		t.Fatalf("%s: appendParsedSpool's entry differs", p.Report.SourcePath)
	}
	if w := appendEntry(nil, appendCellValues(nil, p), p); !bytes.Equal(spool, w) {
		t.Fatalf("%s: the spool entry differs from appendEntry's", p.Report.SourcePath)
	}
}

// mutate changes the rows of p as ops say, two bytes an operation: which
// row, and what becomes of it: cells the catalogue has or lacks, other
// catalogue strings or copies of them where a cell's parts go, labels
// that are the row before's (one string), a copy of it, or the start of
// it (the same address, fewer bytes), the start of a catalogue cell or of
// a cell's part (the address of the catalogue's string, fewer bytes),
// empty strings.
func mutate(p *schemas.Parsed, ops []byte) {
	other := func(k byte) string { return codecStrings[int(k)*31%len(codecStrings)] }
	for ; len(ops) >= 2; ops = ops[2:] {
		op, k := ops[0], ops[1]
		switch n := len(p.Applications); {
		case op < 0x80 && n > 0:
			a, prev := &p.Applications[int(k)%n], &p.Applications[(int(k)+n-1)%n]
			switch op % 12 {
			case 0:
				a.Cell = other(k)
			case 1:
				a.Cell = strings.Clone(a.Cell) + "x"
			case 2:
				a.Outcome = other(k)
			case 3:
				a.Outcome = strings.Clone(a.Outcome)
			case 4:
				a.Applicant = "" + strconv.Itoa(int(k))
			case 5:
				a.Label = prev.Label
			case 6:
				a.Label = strings.Clone(prev.Label)
			case 7:
				a.Label = prev.Label[:len(prev.Label)/2]
			case 8:
				a.Cell, a.Outcome, a.Applicant = "", "", ""
			case 9:
				a.Label = other(k)
			case 10:
				a.Outcome = a.Outcome[:len(a.Outcome)/2]
			case 11:
				a.Cell = a.Cell[:len(a.Cell)*int(k%4)/4]
			}
		case len(p.Disclosures) > 0:
			d := &p.Disclosures[int(k)%len(p.Disclosures)]
			switch op % 4 {
			case 0:
				d.Cell = other(k)
			case 1:
				d.Metric = other(k)
			case 2:
				d.Item = strings.Clone(d.Item)
			case 3:
				d.Label = other(k + 1)
			}
		}
	}
}

// TestAppendParsedSameAsRef: the encoder with enc.parts and the addresses
// of the strings written (and the catalogue's cells held once, by
// schemas) writes what it wrote before, for generated parses, the
// repository's samples, and those parses changed by mutate.
func TestAppendParsedSameAsRef(t *testing.T) {
	ps, _ := generatedParses(t, 200)
	ps = append(ps, parsetest.Samples(t)...)
	r := rand.New(rand.NewPCG(1, 2))
	for _, p := range ps {
		sameAsRefEnc(t, p)
		for range 3 {
			q := clonedRows(p)
			ops := make([]byte, 2*(1+r.IntN(40)))
			for i := range ops {
				ops[i] = byte(r.Uint32())
			}
			mutate(q, ops)
			sameAsRefEnc(t, q)
		}
	}
}

// clonedRows is p with rows of its own, which mutate may change.
func clonedRows(p *schemas.Parsed) *schemas.Parsed {
	q := *p
	q.Disclosures = append([]schemas.Disclosure(nil), p.Disclosures...)
	q.Applications = append([]schemas.Application(nil), p.Applications...)
	q.Appeals = append([]schemas.Appeal(nil), p.Appeals...)
	return &q
}

func FuzzAppendParsedSameAsRef(f *testing.F) {
	ps, _ := generatedParses(f, 8)
	f.Add(uint8(0), []byte{})
	f.Add(uint8(1), []byte{5, 3, 7, 3, 0, 1, 2, 9, 0x85, 2})
	f.Add(uint8(2), []byte{1, 0, 3, 4, 4, 4, 6, 10, 8, 1, 9, 2})
	f.Fuzz(func(t *testing.T, which uint8, ops []byte) {
		q := clonedRows(ps[int(which)%len(ps)])
		mutate(q, ops)
		sameAsRefEnc(t, q)
	})
}

// TestCellSameAsSplitCell: after any catalogue string, or a string it
// lacks, is written as a cell, cell writes another (or the same) as refStr
// does and returns splitCell's parts of it.
func TestCellSameAsSplitCell(t *testing.T) {
	check := func(e *enc, cell string) {
		t.Helper()
		at := len(e.b)
		a, b := e.cell(cell)
		if wa, wb := splitCell(cell); a != wa || b != wb {
			t.Fatalf("cell(%q) = %q, %q, want %q, %q", cell, a, b, wa, wb)
		}
		if want := refStr(nil, cell, ""); !bytes.Equal(e.b[at:], want) {
			t.Fatalf("cell(%q) wrote %x, want %x", cell, e.b[at:], want)
		}
	}
	for _, s := range codecStrings {
		for _, v := range []string{s, strings.Clone(s), s + ".x", "s3.a.b", ""} {
			e := &enc{}
			check(e, s)
			check(e, v)
			check(e, v)
			check(e, s)
		}
	}
}

// TestSameStringIsEqual: sameString is ==, for strings at one address of
// the same or other lengths, equal strings at other addresses, and empty
// ones.
func TestSameStringIsEqual(t *testing.T) {
	for _, s := range append(codecStrings[:len(codecStrings):len(codecStrings)], "", "x", "ab") {
		vs := []string{s, strings.Clone(s), s + "x", "", s[:len(s)/2], strings.Clone(s[:len(s)/2])}
		for _, a := range vs {
			for _, b := range vs {
				if got := sameString(a, b); got != (a == b) {
					t.Fatalf("sameString(%q, %q) = %v", a, b, got)
				}
			}
		}
	}
}

func FuzzSameStringIsEqual(f *testing.F) {
	f.Add("s3.granted.natural_person", "s3.granted.natural_person", uint8(0), uint8(3), uint8(0), uint8(3))
	f.Add("ab", "ab", uint8(0), uint8(1), uint8(0), uint8(2))
	f.Fuzz(func(t *testing.T, a, b string, i, j, k, l uint8) {
		cut := func(s string, i, j uint8) string {
			lo, hi := min(int(i), len(s)), min(int(j), len(s))
			return s[min(lo, hi):hi]
		}
		for _, p := range [][2]string{{a, b}, {cut(a, i, j), cut(a, k, l)}, {cut(a, i, j), cut(b, k, l)}} {
			if got := sameString(p[0], p[1]); got != (p[0] == p[1]) {
				t.Fatalf("sameString(%q, %q) = %v", p[0], p[1], got)
			}
		}
	})
}

// prevAppendVal is appendVal before its one- and two-byte cases.
func prevAppendVal(vals, row []byte, v int64) []byte {
	t, n := binary.Uvarint(row)
	if t > uint64(len(codecStrings)) {
		n += int(t) - len(codecStrings) - 1 // the string's bytes follow
	}
	vals = append(vals, row[:n]...)
	return binary.AppendVarint(vals, v)
}

// sameAppendVal fails when appendVal and prevAppendVal differ on row
// and v, appending to a copy of vals each.
func sameAppendVal(t *testing.T, vals, row []byte, v int64) {
	t.Helper()
	got := appendVal(bytes.Clone(vals), row, v)
	want := prevAppendVal(bytes.Clone(vals), row, v)
	if !bytes.Equal(got, want) {
		t.Fatalf("appendVal(%x, %x, %d) = %x, want %x", vals, row, v, got, want)
	}
}

// TestAppendValSame: appendVal is prevAppendVal for rows whose first
// string is derived, any catalogue string, or a string in full of any
// length around the one- and two-byte bounds, followed by more bytes.
func TestAppendValSame(t *testing.T) {
	rows := [][]byte{}
	e := &enc{}
	for k := range codecStrings {
		e.b = e.b[:0]
		e.u(uint64(k + 1))
		rows = append(rows, append(bytes.Clone(e.b), 7, 0x80, 1))
	}
	for _, n := range []int{0, 1, 2, 100, 127 - len(codecStrings), 128, 16383 - len(codecStrings) - 1, 16383 - len(codecStrings), 16384, 20000} {
		if n < 0 {
			continue
		}
		e.b = e.b[:0]
		e.str(strings.Repeat("\u3000", n/3+1)[:n], "-")
		rows = append(rows, append(bytes.Clone(e.b), 1, 2, 3))
	}
	rows = append(rows, []byte{0, 5})
	for _, row := range rows {
		for _, v := range []int64{0, 1, -1, 63, 64, 1 << 40, -1 << 62} {
			sameAppendVal(t, nil, row, v)
			sameAppendVal(t, []byte{9, 8}, row, v)
		}
	}
}

func FuzzAppendValSame(f *testing.F) {
	f.Add([]byte{0x80, 0x02, 'a', 'b'}, int64(3))
	f.Add([]byte{0xda, 0x02, 'x', 'y'}, int64(-5)) // a string of one byte in full
	f.Add([]byte{0x43, 0x01}, int64(1<<40))
	f.Fuzz(func(t *testing.T, row []byte, v int64) {
		// appendVal reads rows enc.str wrote: a varint, and the bytes
		// of a string in full after it.
		tv, n := binary.Uvarint(row)
		if n <= 0 || tv > uint64(len(codecStrings)) && tv-uint64(len(codecStrings))-1 > uint64(len(row)-n) {
			return
		}
		sameAppendVal(t, nil, row, v)
	})
}
