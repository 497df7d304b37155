package pipeline

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"strings"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// The state store keeps parsed reports in a small binary form of its own:
// encoding/gob drops pointers to zero values (a count of 0 would come back
// as null), and JSON costs about as much to decode as parsing the report
// again. TestCodecRoundTrip fills every field of every row type, so a field
// added to a row and forgotten here fails the build's tests.

// The columns of a row are written by appendX and read by decodeX, one per
// row type, generated from the row types in their order (codec_gen.go;
// internal/rowgen): a column added to a row type is encoded once `go
// generate ./...` is run, and TestCodecGenerated fails until it is.
//
//go:generate go run ../internal/rowgen/cmd/rowgen pipeline codec_gen.go

// codecVersion 3: strings of the catalogue as indexes into codecStrings,
// values derived from others (a row's outcome and applicant from its cell
// code, its raw text from its count) as a zero, lines as differences, and
// each entry compressed with zstd (packEntry). Version 2 entries were the
// same fields as plain strings, uncompressed.
// codecVersion 4: version 3, the columns of who published a report and of
// its copies (division_code … is_canonical) and the organ key.
// codecVersion 5: version 4's entries, compressed by blocks of
// packEntries (sealBlock) instead of one by one.
// codecVersion 6: version 5, a row's label derived from the row before's
// and its raw text, when not its count's digits, from the last one
// written in full (enc.label, enc.raw), which is never a catalogue
// string: a third fewer bytes an entry.
const codecVersion = 6

var errCodec = errors.New("state: damaged cache entry")

type enc struct {
	b []byte
	// miss is the last string strAny wrote in full: one not in the
	// catalogue is not looked up again when it repeats (a raw text such
	// as "/" in every empty cell of a table).
	miss string
	// next is 1+the catalogue index of the cell that follows the last
	// row cell written by cell (codecNext; 0: none), its guess.
	next int32
	// lab is the last row label written (label), and raw0 the last raw
	// text written in full (raw): what a row's label and raw text are
	// derived from. A table's rows mostly repeat the label of the row
	// before (the applicant columns of one outcome) and the raw text of
	// the last cell that was not plain digits (a report fills its empty
	// cells alike: "/", " 0 ").
	lab, raw0 string
}

func (e *enc) u(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) i(v int64)  { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) s(v string) { e.strAny(v, "") }

// str writes v as one varint: 0 when v is derived (what the decoder will
// compute from what it has read already), 1+k for codecStrings[k], or
// 1+len(codecStrings)+len(v) followed by v's bytes.
//
// A derived value is told here, where callers inline it, by its address
// and length: half the strings of a row are (its outcome and applicant
// are its cell's parts, the strings codecParts gives), and take no call,
// not even runtime.memequal's, which == makes before it compares the
// addresses. strAny compares the bytes of the others, and writes them; s,
// whose derived value is "", calls it at once. A row's cell and label,
// most of the rest, are written by cell and label.
func (e *enc) str(v, derived string) {
	if unsafe.StringData(v) == unsafe.StringData(derived) && len(v) == len(derived) {
		e.b = append(e.b, 0)
	} else {
		e.strAny(v, derived)
	}
}

// strAny is str for a v that is not derived by its address (str).
func (e *enc) strAny(v, derived string) {
	if v == derived {
		e.b = append(e.b, 0)
		return
	}
	if v != e.miss {
		if k := codecLookup(v); k != 0 {
			e.u(uint64(k))
			return
		}
		e.miss = v
	}
	e.u(uint64(len(codecStrings) + 1 + len(v)))
	e.b = append(e.b, v...)
}

// cell writes a row's cell code as s does, and returns its parts as
// splitCell does, each the catalogue's own string where the cell is the
// catalogue's (codecParts): the row's codes are then told derived by
// their address (str). Rows list their cells in the template's order, so
// the cell is first compared with the one that follows the last row's
// (codecNext), which spares nearly every row its lookup in codecTable;
// the guess only saves time: what is written is the same. The guess is
// told by its address and length from codecCells, which also has its
// parts, by its bytes when those differ.
func (e *enc) cell(v string) (string, string) {
	k := e.next
	c := &codecCells[k]
	if k == 0 || unsafe.StringData(v) != c.p || len(v) != int(c.n) {
		if k == 0 || v != codecStrings[k-1] {
			k = codecLookup(v)
			c = &codecCells[k]
		}
	}
	e.next = int32(c.next)
	if k != 0 {
		e.u(uint64(k))
		return codecPartStrs[c.c0], codecPartStrs[c.c1]
	}
	if v == "" {
		e.b = append(e.b, 0)
	} else {
		e.u(uint64(len(codecStrings) + 1 + len(v)))
		e.b = append(e.b, v...)
	}
	return splitCell(v)
}

// label writes a row's label as str does, derived from the label of the
// row before (lab, "" for the first row of an entry): most rows repeat
// it, told by its address, and take one byte where a label outside the
// catalogue took dozens. "" after another label is written in full, as
// str writes a value that is not derived.
func (e *enc) label(v string) {
	e.str(v, e.lab)
	e.lab = v
}

// codecLookup is 1+the index of v in codecStrings, 0 when v is not there.
func codecLookup(v string) int32 {
	if i, ok := codecTable.index(v); ok {
		return int32(i) + 1
	}
	return 0
}

// sameString is a == b, told without a call when the two are one string
// (the catalogue's codes and parts, which a row's strings mostly are).
func sameString(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

// raw writes a raw text as one varint: 0 when it is rawOf(n)
// (rawDerived), 1 when it is raw0, the last raw text written in full, and otherwise
// 2+len(v) followed by v's bytes. A raw text is a cell's own text ("/",
// "无", " 0 "), not looked up in the catalogue, which has none of them.
func (e *enc) raw(v string, n *int64) {
	switch {
	case rawDerived(v, n):
		e.b = append(e.b, 0)
	case sameString(v, e.raw0):
		e.b = append(e.b, 1)
	default:
		e.raw0 = v
		e.u(uint64(2 + len(v)))
		e.b = append(e.b, v...)
	}
}

// rawDerived reports whether v is rawOf(n), the raw text derived from
// the count n, without making the string of rawOf (an allocation for
// counts of 100 and more).
func rawDerived(v string, n *int64) bool {
	switch {
	case n == nil:
		return v == ""
	case len(v) == 0 || v[0] < '-' || v[0] > '9':
		// not the digits of a count: most raw texts that are not
		// derived start with a space, a dash or a slash
		return false
	case *n >= 0 && *n < 10: // one or two digits, compared where they stand
		return len(v) == 1 && v[0] == '0'+byte(*n)
	case *n >= 10 && *n < 100:
		return len(v) == 2 && v[0] == '0'+byte(*n/10) && v[1] == '0'+byte(*n%10)
	}
	return rawDigits(v, *n)
}

// rawDigits reports whether v is n's decimal digits.
func rawDigits(v string, n int64) bool {
	var digits [20]byte
	return string(strconv.AppendInt(digits[:0], n, 10)) == v
}

// line writes a line as the difference from the last one written.
func (e *enc) line(v int32, last *int32) { e.i(int64(v) - int64(*last)); *last = v }
func (e *enc) bl(v bool)                 { e.b = append(e.b, boolByte(v)) }
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
	// lab and raw0 are enc's: the last row label read, and the last raw
	// text read in full.
	lab, raw0 string
	// The values that ps, pi and pi32 point to, taken from slabs: a
	// parse's rows live and die together, and one allocation replaces a
	// few dozen.
	strs []string
	i64s []int64
	i32s []int32
}

// grow makes room for n more values in *slab: a new slab when it lacks it
// (the values of the old one stay where they are).
func grow[T any](slab *[]T, n int) {
	if cap(*slab)-len(*slab) < n {
		*slab = make([]T, 0, n)
	}
}

// u reads a uvarint. Most take one byte (counts, lengths, line steps,
// the first 127 catalogue strings): those are read here, without
// binary.Uvarint's loop.
func (d *dec) u() uint64 {
	if b := d.b; len(b) > 0 && b[0] < 0x80 {
		d.b = b[1:]
		return uint64(b[0])
	}
	return d.uvarint()
}

// uvarint is u for a number of more than one byte.
func (d *dec) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = errCodec, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// i reads a varint, one of one byte as u does.
func (d *dec) i() int64 {
	if b := d.b; len(b) > 0 && b[0] < 0x80 {
		d.b = b[1:]
		return int64(b[0]>>1) ^ -int64(b[0]&1)
	}
	return d.varint()
}

// varint is i for a number of more than one byte.
func (d *dec) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err, d.b = errCodec, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) s() string { return d.str("") }

// str reads what enc.str wrote, derived standing for 0.
func (d *dec) str(derived string) string { return d.strOf(d.u(), derived) }

// strOf is str of t, the number enc.str wrote first, already read.
func (d *dec) strOf(t uint64, derived string) string {
	switch {
	case d.err != nil:
		return ""
	case t == 0:
		return derived
	case t <= uint64(len(codecStrings)):
		return codecStrings[t-1]
	}
	return d.cut(t - uint64(len(codecStrings)) - 1)
}

// cut reads the next n bytes as a substring of one string made of the
// whole entry: a parse's strings live and die together, and one copy
// replaces hundreds.
func (d *dec) cut(n uint64) string {
	if n > uint64(len(d.b)) {
		d.err, d.b = errCodec, nil
		return ""
	}
	off := len(d.src) - len(d.b)
	v := d.src[off : off+int(n)]
	d.b = d.b[n:]
	return v
}

// cell reads what enc.cell wrote into *v, and returns its parts as
// splitCell does: a cell of the catalogue's, from codecCells, without
// searching it for its last dot.
func (d *dec) cell(v *string) (string, string) {
	t := d.u()
	if t-1 < uint64(len(codecStrings)) && d.err == nil {
		c := &codecCells[t]
		*v = codecStrings[t-1]
		return codecPartStrs[c.c0], codecPartStrs[c.c1]
	}
	*v = d.strOf(t, "")
	return splitCell(*v)
}

// label reads what enc.label wrote.
func (d *dec) label() string {
	d.lab = d.str(d.lab)
	return d.lab
}

// raw reads what enc.raw wrote for a row whose count is n.
func (d *dec) raw(n *int64) string {
	t := d.u()
	switch {
	case t == 0:
		return rawOf(n)
	case t == 1:
		return d.raw0
	}
	d.raw0 = d.cut(t - 2)
	return d.raw0
}

func (d *dec) line(last *int32) int32 {
	v := int64(*last) + d.i()
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.err = errCodec
	}
	*last = int32(v)
	return *last
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

// slabPtr appends v to *slab, a new slab twice as large (up to 256
// values) when it is full, and returns its place: appending within the
// capacity leaves the values before where they are.
func slabPtr[T any](slab *[]T, v T) *T {
	if len(*slab) == cap(*slab) {
		*slab = make([]T, 0, min(max(8, 2*cap(*slab)), 256))
	}
	*slab = append(*slab, v)
	return &(*slab)[len(*slab)-1]
}

func (d *dec) ps() *string {
	if !d.bl() {
		return nil
	}
	return slabPtr(&d.strs, d.s())
}

func (d *dec) pi() *int64 {
	if !d.bl() {
		return nil
	}
	return slabPtr(&d.i64s, d.i())
}

func (d *dec) pi32() *int32 {
	if !d.bl() {
		return nil
	}
	v := d.i()
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.err = errCodec
	}
	return slabPtr(&d.i32s, int32(v))
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
	b, _, _, _, _ = appendParsedVals(b, nil, p)
	return b
}

// appendParsedSpool is appendParsed, and also appends to spool the
// collection spool's entry of p: what appendEntry writes of p with the
// cell values appendCellValues writes, cut from the bytes appendParsed
// writes. A string is written the same wherever it stands (the guesses of
// enc.cell and enc.label change nothing written), so a cell value is its row's cell as
// written, then its value; and the findings do not depend on the rows
// before them (no line differences), so the report and findings of the
// entry are the parse's, less the cell rows.
func appendParsedSpool(b, spool []byte, p *schemas.Parsed) (out, spoolOut []byte) {
	pairs := spoolBuffers.Get().(*[]byte)
	defer spoolBuffers.Put(pairs)
	b0 := len(b)
	b, vals, n, rowsAt, rowsEnd := appendParsedVals(b, (*pairs)[:0], p)
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
func appendParsedVals(b, vals []byte, p *schemas.Parsed) (out, valsOut []byte, n, rowsAt, rowsEnd int) {
	b0 := len(b)
	e := &enc{b: b}
	e.u(codecVersion)
	var line int32
	appendReport(e, &p.Report, &line)
	rowsAt = len(e.b) - b0
	e.u(uint64(len(p.Disclosures)))
	for k := range p.Disclosures {
		x, at := &p.Disclosures[k], len(e.b)
		appendDisclosure(e, x, &line)
		if v, ok := disclosureValue(x); ok && vals != nil {
			vals, n = appendVal(vals, e.b[at:], v), n+1
		}
	}
	e.u(uint64(len(p.Applications)))
	vals, n = appendApplications(e, p.Applications, &line, vals, n)
	e.u(uint64(len(p.Appeals)))
	for k := range p.Appeals {
		x, at := &p.Appeals[k], len(e.b)
		appendAppeal(e, x, &line)
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

// appendVal appends a cell value: the cell as the row written in row
// wrote it (its first string, enc.str's form), then v.
func appendVal(vals, row []byte, v int64) []byte {
	// Most cells are the catalogue's, written as their index in one or
	// two bytes: those are copied without binary.Uvarint's loop.
	switch {
	case len(row) >= 1 && row[0] < 0x80 && uint64(row[0]) <= uint64(len(codecStrings)):
		return binary.AppendVarint(append(vals, row[0]), v)
	case len(row) >= 2 && row[0] >= 0x80 && row[1] < 0x80 && uint64(row[0]&0x7f)|uint64(row[1])<<7 <= uint64(len(codecStrings)):
		return binary.AppendVarint(append(vals, row[0], row[1]), v)
	}
	t, n := binary.Uvarint(row)
	if t > uint64(len(codecStrings)) {
		n += int(t) - len(codecStrings) - 1 // the string's bytes follow
	}
	vals = append(vals, row[:n]...)
	return binary.AppendVarint(vals, v)
}

// splitCell splits a cell code "sN.<a>.<b>" into a and b, b being the part
// after the last dot ("s3.denied.state_secret.natural_person" gives
// "denied.state_secret" and "natural_person"). What it returns is only a
// guess the encoder checks: a value that differs is written in full.
func splitCell(cell string) (string, string) {
	if len(cell) < 3 || cell[0] != 's' || cell[2] != '.' {
		return "", ""
	}
	rest := cell[3:]
	i := strings.LastIndexByte(rest, '.')
	if i < 0 {
		return "", ""
	}
	return rest[:i], rest[i+1:]
}

// reuseRows returns n zeroed rows, in s when it has room for them.
func reuseRows[T any](s []T, n int) []T {
	if s == nil || cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// rawOf is the usual raw text of a count: its decimal digits.
func rawOf(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}

func decodeParsed(b []byte) (*schemas.Parsed, error) {
	return decodeParsedReusing(b, nil)
}

// decodeParsedReusing is decodeParsed writing the rows into prev's slices
// where they are large enough: prev, when not nil, is a parse decoded before
// that nothing uses any more (its rows were copied out). b is not kept: the
// strings are cut from a copy of it.
func decodeParsedReusing(b []byte, prev *schemas.Parsed) (*schemas.Parsed, error) {
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
			decodeDisclosure(d, &p.Disclosures[k], &line)
		}
	}
	if n := d.n(); d.err == nil {
		grow(&d.i64s, n) // a count (or an amount) a row
		p.Applications = reuseRows(prev.Applications, n)
		for k := range p.Applications {
			decodeApplication(d, &p.Applications[k], &line)
		}
	}
	if n := d.n(); d.err == nil {
		grow(&d.i64s, n) // a count (or an amount) a row
		p.Appeals = reuseRows(prev.Appeals, n)
		for k := range p.Appeals {
			decodeAppeal(d, &p.Appeals[k], &line)
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
