package pipeline

import (
	"encoding/binary"
	"strconv"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// prevEnc is enc as it was before a row's cell and label had methods of
// their own (enc.cell, enc.label): every string of a row went through
// strAny, whose guesses followed the last two catalogue strings written
// whatever they were. Its methods, the append functions below and
// appendCellValuesPrev are the code of then, renamed.
type prevEnc struct {
	b []byte
	// k1 and k2 are 1+the catalogue indexes of the last two strings of
	// codecStrings written, the context of str's guesses (0: none yet).
	k1, k2 int32
	// miss is the last string written in full: one not in the catalogue
	// is not looked up again when it repeats (a row label the catalogue
	// does not have, printed for every cell of its row).
	miss string
	// p2 is the address of the string written as k2 (nil: none): a row's
	// cells carry its label as one string, which is then known for k2
	// without comparing its bytes with the catalogue's (an entry is
	// encoded at once, so the bytes at p2 are still that string's).
	p1, p2 *byte
	// n1 and n2 are the lengths of those strings, the catalogue's
	// strings' lengths, known without reading codecStrings.
	n1, n2 int
	// lab and raw0 are enc's, for a row's label and raw text as codec
	// version 6 writes them (label, refRaw).
	lab, raw0 string
}

func (e *prevEnc) u(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *prevEnc) i(v int64)  { e.b = binary.AppendVarint(e.b, v) }
func (e *prevEnc) s(v string) { e.strAny(v, "") }

// str writes v as one varint: 0 when v is derived (what the decoder will
// compute from what it has read already), 1+k for codecStrings[k], or
// 1+len(codecStrings)+len(v) followed by v's bytes.
//
// Rows list their cells in the template's order, and a row's label
// repeats from one cell to the next: so v is first compared with the
// string that follows, in that order, the catalogue string written two
// catalogue strings before (codecNext), then the one written last (a
// cell after a label the catalogue lacks, or a cell value after another),
// which spares most rows' lookups in codecTable. The guesses only save
// time: what is written is the same.
//
// A derived value is told here, where callers inline it, by its address
// and length: half the strings of a row are (its outcome and applicant
// are its cell's parts, the strings codecParts gives), and take no call,
// not even runtime.memequal's, which == makes before it compares the
// addresses. strAny compares the bytes of the others, and writes them; s,
// whose derived value is "", calls it at once.
func (e *prevEnc) str(v, derived string) {
	if unsafe.StringData(v) == unsafe.StringData(derived) && len(v) == len(derived) {
		e.b = append(e.b, 0)
	} else {
		e.strAny(v, derived)
	}
}

// strAny is str for a v that is not derived by its address (str).
func (e *prevEnc) strAny(v, derived string) {
	if v == derived {
		e.b = append(e.b, 0)
		return
	}
	var k int32
	if p := unsafe.StringData(v); p == e.p2 && len(v) == e.n2 && e.k2 != 0 {
		k = e.k2
	} else if g := codecNext[e.k2]; g != 0 && sameString(codecStrings[g-1], v) {
		k = g
	} else if g := codecNext[e.k1]; g != 0 && sameString(codecStrings[g-1], v) {
		k = g
	} else if v != e.miss {
		if i, ok := codecTable.index(v); ok {
			k = int32(i) + 1
		}
	}
	if k != 0 {
		e.k1, e.k2 = k, e.k1
		e.p1, e.p2 = unsafe.StringData(v), e.p1
		e.n1, e.n2 = len(v), e.n1
		e.u(uint64(k))
		return
	}
	e.miss = v
	e.u(uint64(len(codecStrings) + 1 + len(v)))
	e.b = append(e.b, v...)
}

// raw writes a raw text as refRaw does, without making the string of
// rawOf (an allocation for counts of 100 and more).
func (e *prevEnc) raw(v string, n *int64) {
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
	e.b = refRaw(e.b, v, n, e.raw0)
	e.raw0 = v
}

func (e *prevEnc) label(v string) { e.str(v, e.lab); e.lab = v }

// line writes a line as the difference from the last one written.
func (e *prevEnc) line(v int32, last *int32) { e.i(int64(v) - int64(*last)); *last = v }
func (e *prevEnc) bl(v bool)                 { e.b = append(e.b, boolByte(v)) }
func (e *prevEnc) ps(v *string) {
	e.bl(v != nil)
	if v != nil {
		e.s(*v)
	}
}
func (e *prevEnc) pi(v *int64) {
	e.bl(v != nil)
	if v != nil {
		e.i(*v)
	}
}
func (e *prevEnc) pi32(v *int32) {
	e.bl(v != nil)
	if v != nil {
		e.i(int64(*v))
	}
}

// parts is splitCell(cell) for the cell just written (str): when it was
// the catalogue's string k1, its parts as codecParts has them, which the
// rows' own codes are by address (their comparison with them in str then
// reads no byte), and without searching the cell for its last dot. The
// cell written is told by its address and length (p1, n1), without
// reading codecStrings; another string equal to it, by its bytes.
func (e *prevEnc) parts(cell string) (string, string) {
	if k := e.k1; k != 0 && (unsafe.StringData(cell) == e.p1 && len(cell) == e.n1 || sameString(codecStrings[k-1], cell)) {
		p := &codecParts[k]
		return p[0], p[1]
	}
	return splitCell(cell)
}

// appendParsedSpool is appendParsed, and also appends to spool the
// collection spool's entry of p: what appendEntry writes of p with the
// cell values appendCellValues writes, cut from the bytes appendParsed
// writes. A string is written the same wherever it stands (enc.str's
// guesses change nothing written), so a cell value is its row's cell as
// written, then its value; and the findings do not depend on the rows
// before them (no line differences), so the report and findings of the
// entry are the parse's, less the cell rows.
func appendParsedSpoolPrev(b, spool []byte, p *schemas.Parsed) (out, spoolOut []byte) {
	pairs := spoolBuffers.Get().(*[]byte)
	defer spoolBuffers.Put(pairs)
	b0 := len(b)
	b, vals, n, rowsAt, rowsEnd := appendParsedValsPrev(b, (*pairs)[:0], p)
	*pairs = vals
	var hdr [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(hdr[:], uint64(n))
	spool = binary.AppendUvarint(spool, uint64(h+len(vals)))
	spool = append(spool, hdr[:h]...)
	spool = append(spool, vals...)
	spool = append(spool, b[b0:b0+rowsAt]...)
	spool = append(spool, 0, 0, 0) // no disclosures, applications, appeals
	spool = append(spool, b[b0+rowsEnd:]...)
	return b, spool
}

// appendParsedVals is appendParsed, appending to vals, when it is not
// nil, each cell value (eachValue) as appendCellValues writes it, without
// their count, which is n; rowsAt and rowsEnd are where the cell rows
// begin and end in what it appends to b (their counts included).
func appendParsedValsPrev(b, vals []byte, p *schemas.Parsed) (out, valsOut []byte, n, rowsAt, rowsEnd int) {
	b0 := len(b)
	e := &prevEnc{b: b}
	e.u(codecVersion)
	var line int32
	appendReportPrev(e, &p.Report, &line)
	rowsAt = len(e.b) - b0
	e.u(uint64(len(p.Disclosures)))
	for k := range p.Disclosures {
		x, at := &p.Disclosures[k], len(e.b)
		appendDisclosurePrev(e, x, &line)
		if v, ok := disclosureValue(x); ok && vals != nil {
			vals, n = appendVal(vals, e.b[at:], v), n+1
		}
	}
	e.u(uint64(len(p.Applications)))
	for k := range p.Applications {
		x, at := &p.Applications[k], len(e.b)
		appendApplicationPrev(e, x, &line)
		if vals != nil && x.Count != nil {
			vals, n = appendVal(vals, e.b[at:], *x.Count), n+1
		}
	}
	e.u(uint64(len(p.Appeals)))
	for k := range p.Appeals {
		x, at := &p.Appeals[k], len(e.b)
		appendAppealPrev(e, x, &line)
		if vals != nil && x.Count != nil {
			vals, n = appendVal(vals, e.b[at:], *x.Count), n+1
		}
	}
	rowsEnd = len(e.b) - b0
	e.u(uint64(len(p.Findings)))
	for k := range p.Findings {
		appendFindingPrev(e, &p.Findings[k], &line)
	}
	e.s(p.Organ)
	return e.b, vals, n, rowsAt, rowsEnd
}

func appendReportPrev(e *prevEnc, x *schemas.Report, line *int32) {
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
func appendDisclosurePrev(e *prevEnc, x *schemas.Disclosure, line *int32) {
	e.s(x.Cell)
	c0, c1 := e.parts(x.Cell)
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
func appendApplicationPrev(e *prevEnc, x *schemas.Application, line *int32) {
	e.s(x.Cell)
	c0, c1 := e.parts(x.Cell)
	e.str(x.Outcome, c0)
	e.str(x.Applicant, c1)
	e.label(x.Label)
	e.pi(x.Count)
	e.raw(x.Raw, x.Count)
	e.line(x.Line, line)
}
func appendAppealPrev(e *prevEnc, x *schemas.Appeal, line *int32) {
	e.s(x.Cell)
	c0, c1 := e.parts(x.Cell)
	e.str(x.Proceeding, c0)
	e.str(x.Outcome, c1)
	e.pi(x.Count)
	e.raw(x.Raw, x.Count)
	e.line(x.Line, line)
}
func appendFindingPrev(e *prevEnc, x *schemas.Finding, line *int32) {
	e.s(x.Rule)
	e.s(x.Severity)
	e.s(x.Kind)
	e.s(x.Cell)
	e.ps(x.Expected)
	e.ps(x.Actual)
	e.s(x.Message)
	e.pi32(x.Line)
}

func appendCellValuesPrev(b []byte, p *schemas.Parsed) []byte {
	n := 0
	eachValue(p, func(string, int64) { n++ })
	e := &prevEnc{b: b}
	e.u(uint64(n))
	eachValue(p, func(cell string, v int64) {
		e.s(cell)
		e.i(v)
	})
	return e.b
}
