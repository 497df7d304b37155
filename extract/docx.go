package extract

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	kflate "github.com/klauspost/compress/flate"
	"github.com/nianbao/nianbao/schemas"
)

var (
	// errZipLimit is met when an entry decompresses past Limits.MaxZipEntryBytes.
	errZipLimit = errors.New("entry larger than the limit")
	// errTextLimit is met when a document's text is over Limits.MaxTextBytes.
	errTextLimit = errors.New("text larger than the limit")
)

// readDOCX reads the body of a Word document: paragraphs as lines, and
// top-level tables as grids (w:gridSpan and w:vMerge expanded) written to
// the text one line per row, cells joined by '\t'. Tables nested in a cell
// are flattened into that cell's text. The archive is read where it is
// (in memory or in its file), size bytes of r.
//
// b, when not nil, is the whole archive (the size bytes of r) in memory.
func readDOCX(doc *schemas.Document, r io.ReaderAt, b []byte, size int64, lim Limits, stop *stopper) {
	rel := doc.SourcePath
	bad := func(rule *schemas.Rule, why string) {
		doc.Findings = append(doc.Findings, finding(rule, schemas.SeverityError, fmt.Sprintf("%s %s.", rel, why)))
	}
	var head, tail []byte
	if b != nil {
		head, tail = b[:min(size, 4)], b[size-min(size, 22+65535):]
	} else {
		head = make([]byte, min(size, 4))
		r.ReadAt(head, 0)
		// the end-of-central-directory record is in the last 64 KiB and 22 bytes
		tail = make([]byte, min(size, 22+65535))
		r.ReadAt(tail, size-int64(len(tail)))
	}
	if bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")) {
		bad(RuleDOCXInvalid, "is a legacy Word .doc or an encrypted document, not DOCX")
		return
	}
	if n, ok := zipEntryCount(tail); ok && n > lim.MaxZipEntries {
		bad(RuleZipBomb, fmt.Sprintf("is an archive of %d entries, over the limit of %d", n, lim.MaxZipEntries))
		return
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		bad(RuleDOCXInvalid, fmt.Sprintf("is not a readable zip archive: %v", err))
		return
	}
	if len(zr.File) > lim.MaxZipEntries {
		bad(RuleZipBomb, fmt.Sprintf("is an archive of %d entries, over the limit of %d", len(zr.File), lim.MaxZipEntries))
		return
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	body := mainPart(zr)
	switch {
	case total > uint64(lim.MaxZipTotalBytes):
		bad(RuleZipBomb, fmt.Sprintf("declares %d uncompressed bytes, over the limit of %d", total, lim.MaxZipTotalBytes))
		return
	case body == nil:
		bad(RuleDOCXInvalid, "has no word/document.xml, nor a main document that _rels/.rels names")
		return
	case body.UncompressedSize64 > uint64(lim.MaxZipEntryBytes):
		bad(RuleZipBomb, fmt.Sprintf("declares a %s of %d bytes, over the limit of %d", body.Name, body.UncompressedSize64, lim.MaxZipEntryBytes))
		return
	}
	p, openErr, err := scanDOCX(zr, body, rel, lim, stop, b, r)
	if p != nil {
		defer p.release()
	}
	if openErr != nil {
		bad(RuleDOCXInvalid, fmt.Sprintf("has an unreadable %s: %v", body.Name, openErr))
		return
	}
	doc.Encoding = EncUTF8
	switch {
	case errors.Is(err, errTextLimit):
		doc.Text, doc.Tables = "", nil
		doc.Findings = append(doc.Findings, textTooLarge(rel, lim.MaxTextBytes, true))
		return
	case errors.Is(err, errZipLimit):
		doc.Text, doc.Tables = "", nil
		bad(RuleZipBomb, fmt.Sprintf("has a %s that inflates past %d bytes", body.Name, lim.MaxZipEntryBytes))
		return
	case err != nil:
		bad(RuleDOCXInvalid, fmt.Sprintf("has a broken %s (%v); only the text before the fault was kept", body.Name, err))
	}
	if p.endParagraph(); p.err != nil {
		doc.Findings = append(doc.Findings, textTooLarge(rel, lim.MaxTextBytes, true))
		return
	}
	doc.Text = strings.Join(p.lines, "\n")
	if len(p.lines) > 0 {
		doc.Text += "\n"
	}
	doc.Tables = p.tables
	doc.Findings = append(doc.Findings, p.findings...)
	doc.Findings = append(doc.Findings, lineLimit(rel, &doc.Text, lim.MaxLineBytes)...)
}

// mainPart is the archive's main document: word/document.xml (the last
// entry of that name, as the archive's directory lists it), or, in an
// archive without one, the part that _rels/.rels names as the
// officeDocument (as word/document2.xml, a name some editors are reported
// to save; no such file was at hand, TestDOCXMainPart builds one). nil
// when there is neither.
func mainPart(zr *zip.Reader) *zip.File {
	var body, rels *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			body = f
		case "_rels/.rels":
			rels = f
		}
	}
	if body != nil || rels == nil || rels.UncompressedSize64 > maxRelsBytes {
		return body
	}
	target := officeDocument(rels)
	if target == "" {
		return nil
	}
	for _, f := range zr.File {
		if f.Name == target {
			body = f
		}
	}
	return body
}

// maxRelsBytes bounds the _rels/.rels read for the main part's name (a
// real one is under a kilobyte).
const maxRelsBytes = 64 << 10

// officeDocument is the name in the archive of the part a package's
// relationships (_rels/.rels) give the officeDocument type, in the
// transitional or the strict namespace; "" when there is none.
func officeDocument(rels *zip.File) string {
	rc, err := rels.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	var doc struct {
		Rels []struct {
			Type       string `xml:"Type,attr"`
			Target     string `xml:"Target,attr"`
			TargetMode string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(io.LimitReader(rc, maxRelsBytes)).Decode(&doc); err != nil {
		return ""
	}
	for _, r := range doc.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.TargetMode != "External" && r.Target != "" {
			// a part name is relative to the package's root ("word/x.xml"
			// or "/word/x.xml"); the archive's names have no leading slash
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return ""
}

// maxInMemoryXML is the largest word/document.xml inflated whole into
// memory and scanned there; a larger one is streamed.
const maxInMemoryXML = 8 << 20

// readPiece is the most of a document scanDOCXInMemory reads at once:
// half an L1 data cache of 32 KiB, the smallest of today's x86-64 cores.
// (Tests set it smaller, to cut small documents in many pieces.)
var readPiece = 16 << 10

// xmlBuffers hold inflated documents between two scans.
var xmlBuffers = sync.Pool{New: func() any { return new([]byte) }}

// scanDOCX reads word/document.xml, body, into a parser. A document of at
// most maxInMemoryXML bytes (as its header declares) is inflated whole and
// scanned in memory, once; if anything about it fails (the header lied,
// the archive is broken, the XML is, or the text is over the limit) it is
// read again, streamed, so that what was read before a fault and the error
// are what streaming gives. openErr is the error of opening the entry;
// err is the scan's.
//
// The path in memory inflates with klauspost/compress/flate, faster than
// compress/flate; archive/zip still checks the size and the CRC-32. Two
// correct inflaters give the same bytes for a valid stream, and a stream
// either finds invalid is read again, streamed, by compress/flate: what a
// broken archive gives (the text before the fault, the error's message)
// is what it gave before.
//
// archive, when not nil, is the whole archive in memory, the bytes of ra
// (which zr reads): the document is then inflated from its compressed
// bytes where they lie (see inflaterIn).
func scanDOCX(zr *zip.Reader, body *zip.File, rel string, lim Limits, stop *stopper, archive []byte, ra io.ReaderAt) (p *docxParser, openErr, err error) {
	if n := body.UncompressedSize64; n <= maxInMemoryXML && !streamDOCX {
		if archive != nil {
			zr.RegisterDecompressor(zip.Deflate, inflaterIn(archive, ra))
		} else {
			zr.RegisterDecompressor(zip.Deflate, fastInflater)
		}
		p, ok := scanDOCXInMemory(body, int(n), rel, lim, stop)
		zr.RegisterDecompressor(zip.Deflate, stdInflater)
		if ok {
			return p, nil, nil
		}
	}
	rc, err := body.Open()
	if err != nil {
		return nil, err, nil
	}
	defer rc.Close()
	p = &docxParser{rel: rel, maxText: lim.MaxTextBytes, stopper: stop}
	return p, nil, scanXML(newXMLReader(&limitReader{r: stop.reader(rc), n: lim.MaxZipEntryBytes}), p)
}

// streamDOCX makes every document streamed (set in tests, to compare).
var streamDOCX = false

// scanDOCXInMemory is scanDOCX's path in memory for a document declared
// to be n bytes; ok is false when it must be read streamed instead.
func scanDOCXInMemory(body *zip.File, n int, rel string, lim Limits, stop *stopper) (p *docxParser, ok bool) {
	stop.check()
	rc, err := body.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	bp := xmlBuffers.Get().(*[]byte)
	defer xmlBuffers.Put(bp)
	if cap(*bp) < n+1 {
		*bp = make([]byte, 0, n+1)
	}
	// One byte of room past n shows a document longer than declared
	// (archive/zip refuses it: ErrFormat).
	b := (*bp)[:n+1]
	// The document is read readPiece bytes at a time, and each piece's
	// UTF-8 checked (b[:checked] is) as soon as it is read: archive/zip's
	// CRC-32 and the check then read bytes the inflater has just copied,
	// still in the L1 cache, where a pass over the whole document after
	// it is read finds none of them there. A character cut by the end of
	// a piece is checked with the next, as xmlReader.more does.
	m, checked := 0, 0
	for m < len(b) {
		k, err := rc.Read(b[m:min(m+readPiece, len(b))])
		m += k
		upTo := len(trimPartialRune(b[:m]))
		if !validUTF8(b[checked:upTo]) {
			return nil, false
		}
		checked = upTo
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
	}
	if m != n || !validUTF8(b[checked:n]) {
		return nil, false
	}
	x := &xmlReader{buf: b[:n], checked: n, eof: true} // as memXMLReader gives
	p = &docxParser{rel: rel, maxText: lim.MaxTextBytes, stopper: stop}
	if err := scanXML(x, p); err != nil {
		p.release()
		return nil, false
	}
	return p, true
}

// inflaters are klauspost/compress/flate's decompressors with their input
// buffers, kept between documents: each holds tens of KiB of tables.
var inflaters sync.Pool

type inflater struct {
	fr  io.ReadCloser // a kflate.Resetter
	br  *bufio.Reader
	mem bytes.Reader // the compressed bytes, for inflaterIn
}

// Close puts the decompressor back; archive/zip closes it once.
func (f *inflater) Close() error {
	f.br.Reset(nil)
	f.mem.Reset(nil)
	f.fr.(kflate.Resetter).Reset(f.br, nil)
	inflaters.Put(f)
	return nil
}

func (f *inflater) Read(p []byte) (int, error) { return f.fr.Read(p) }

// fastInflater is archive/zip's Decompressor for the method Deflate,
// backed by klauspost/compress/flate. The input is given as a
// *bufio.Reader, which that package reads without an interface call a
// byte.
func fastInflater(r io.Reader) io.ReadCloser {
	f := takeInflater()
	f.br.Reset(r)
	return f.from(f.br)
}

// takeInflater is an inflater from the pool, or a new one, which from then
// points at its input.
func takeInflater() *inflater {
	if f, _ := inflaters.Get().(*inflater); f != nil {
		return f
	}
	return &inflater{br: bufio.NewReader(nil)}
}

// from makes f inflate src, a reader of f's own (br or mem), whose type
// chooses klauspost/compress/flate's loop.
func (f *inflater) from(src kflate.Reader) *inflater {
	if f.fr == nil {
		f.fr = kflate.NewReader(src)
	} else {
		f.fr.(kflate.Resetter).Reset(src, nil)
	}
	return f
}

// inflaterIn is fastInflater for the entries of an archive held whole in
// memory, archive, the bytes of ra, which the zip.Reader reads. archive/zip
// hands a Decompressor the entry's compressed bytes as an
// io.SectionReader over ra; the inflater reads them from archive instead,
// from a *bytes.Reader, for which klauspost/compress/flate has a loop of
// its own that reads a byte without a call and with no copy of the bytes
// into a bufio.Reader's buffer. They are the same bytes: archive/zip still
// reads what it reads around them (the header, a data descriptor) and
// checks the size and the CRC-32 of what is inflated, as before. A section
// that is not one of ra's, or that is not within archive, is read as
// fastInflater reads it.
func inflaterIn(archive []byte, ra io.ReaderAt) zip.Decompressor {
	return func(r io.Reader) io.ReadCloser {
		sr, ok := r.(*io.SectionReader)
		if !ok {
			return fastInflater(r)
		}
		outer, off, n := sr.Outer()
		if outer != ra || off < 0 || n < 0 || off > int64(len(archive)) || n > int64(len(archive))-off {
			return fastInflater(r)
		}
		if at, err := sr.Seek(0, io.SeekCurrent); err != nil || at != 0 {
			return fastInflater(r)
		}
		f := takeInflater()
		f.mem.Reset(archive[off : off+n])
		return f.from(&f.mem)
	}
}

// stdInflater is compress/flate, archive/zip's own Deflate decompressor.
func stdInflater(r io.Reader) io.ReadCloser { return flate.NewReader(r) }

// zipEntryCount reads the entry count from the end-of-central-directory
// record, so an archive of millions of entries is refused before
// archive/zip builds a File for each.
func zipEntryCount(b []byte) (int, bool) {
	const eocdLen = 22
	for i := len(b) - eocdLen; i >= 0 && i >= len(b)-eocdLen-65535; i-- {
		if binary.LittleEndian.Uint32(b[i:]) == 0x06054b50 {
			return int(binary.LittleEndian.Uint16(b[i+10:])), true
		}
	}
	return 0, false
}

type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, errZipLimit
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n, errZipLimit
	}
	return n, err
}

// docxCell is one w:tc: its paragraphs, and the tables nested in it, in
// order.
type docxCell struct {
	cur    cellPara // the paragraph being read
	parts  []docxPart
	first  [1]docxPart // parts' first array: most cells hold one paragraph
	span   int
	vMerge int // 0 none, 1 restart, 2 continue
	// hCont marks a cell that continues the one to its left (w:hMerge
	// without restart, as Word 97-2003 documents and some converters
	// merge cells instead of w:gridSpan).
	hCont bool
}

// cellSlabs hold the cells newCell hands out, kept between documents: a
// report's tables have hundreds of cells, all let go when it is read (the
// tables kept are made of strings). A slab comes back as the last document
// left it: newCell writes every field of a cell it hands out. Clearing the
// slabs in release wrote each cell a second time, once the document's
// tables had left the cache.
var cellSlabs = sync.Pool{New: func() any { s := make([]docxCell, 64); return &s }}

// maxPooledSlabs is the most slabs one document gives back to cellSlabs:
// 1 024 cells, several reports' worth.
const maxPooledSlabs = 16

// release gives the parser's cells back, once nothing holds them: after
// the document's tables and text are made, or when it is read again. A
// report needs a few slabs; those of a document of many thousands of cells
// past maxPooledSlabs are let go, not kept in the pool beside the next
// documents.
func (p *docxParser) release() {
	for i, sp := range p.slabs {
		if i == maxPooledSlabs {
			break
		}
		cellSlabs.Put(sp)
	}
	p.slabs, p.cells, p.stack, p.rows = nil, nil, nil, nil
}

// newRow returns an empty list of a row's cells with room for n, cut from
// a block shared by the document's rows instead of one allocation a row
// (a row that outgrows it moves to storage of its own, as append does).
func (p *docxParser) newRow(n int) []*docxCell {
	if n == 0 {
		return make([]*docxCell, 0)
	}
	if len(p.rows) < n {
		p.rows = make([]*docxCell, max(n, 256))
	}
	row := p.rows[:0:n]
	p.rows = p.rows[n:]
	return row
}

// docxPart is a paragraph of a cell, its text at [start, end) of the
// parser's arena, or a table nested in it.
type docxPart struct {
	start, end int
	tbl        *docxTable
}

// docxTable is a w:tbl being read.
type docxTable struct {
	rows    [][]*docxCell
	deleted []bool // rows removed with tracked changes (w:trPr/w:del)
	nested  bool   // a cell holds a table: a layout table
}

// layout reports a table that arranges a page rather than holding data: one
// that holds other tables in at most two columns (a report set in a
// one-cell table), or one, however many columns it has, with a table of
// two rows or more in one of its cells (a page laid out in three columns
// with the report's tables in the middle one). A data table never holds a
// table of rows; a one-row table inside a data cell is only that cell's
// text, set out side by side.
func (t *docxTable) layout() bool {
	return t.narrow() || t.holdsGrid()
}

// holdsGrid reports a cell of t holding a table of two rows or more.
func (t *docxTable) holdsGrid() bool {
	for _, row := range t.rows {
		for _, c := range row {
			for _, pt := range c.parts {
				if pt.tbl == nil {
					continue
				}
				n := 0
				for i := range pt.tbl.rows {
					if !pt.tbl.deleted[i] {
						n++
					}
				}
				if n >= 2 {
					return true
				}
			}
		}
	}
	return false
}

// narrow reports a table of at most two columns.
func (t *docxTable) narrow() bool {
	for _, row := range t.rows {
		n := 0
		for _, c := range row {
			n += max(1, c.span)
		}
		if n > 2 {
			return false
		}
	}
	return true
}

// endPara closes the cell's current paragraph.
func (c *docxCell) endPara() {
	if c.cur.n > 0 {
		c.parts = append(c.parts, docxPart{start: c.cur.start, end: c.cur.start + c.cur.n})
	}
	c.cur = cellPara{}
}

// cellPara is a paragraph of a cell being read, at [start, start+n) of
// the parser's arena: its text with each run of whitespace (as isSpace)
// made one space, and none at its start or end.
type cellPara struct {
	start, n int
	space    bool // a space is due before the next text
}

// add appends text to the paragraph, which ends the arena (or is moved
// there), and returns the arena.
func (c *cellPara) add(arena, b []byte) []byte {
	if c.n == 0 {
		c.start = len(arena)
	} else if c.start+c.n != len(arena) {
		arena = append(arena, arena[c.start:c.start+c.n]...)
		c.start = len(arena) - c.n
	}
	n := len(arena)
	for i := 0; i < len(b); {
		// A run of ASCII bytes other than spaces and of three-byte characters
		// surely valid (Chinese text) holds none of isSpace's: it is
		// copied at once.
		j := i
		for j < len(b) {
			if ch := b[j]; ch < utf8.RuneSelf {
				if asciiSpace[ch] {
					break
				}
				j++
			} else if ch >= 0xe1 && ch <= 0xef && ch != 0xed && j+2 < len(b) && b[j+1]&0xc0 == 0x80 && b[j+2]&0xc0 == 0x80 {
				j += 3
			} else {
				break
			}
		}
		if j > i {
			if c.space {
				arena = append(arena, ' ')
				c.space = false
			}
			arena = append(arena, b[i:j]...)
			i = j
			continue
		}
		ch, size := rune(b[i]), 1
		if ch >= utf8.RuneSelf {
			ch, size = utf8.DecodeRune(b[i:])
		}
		if isSpace(ch) {
			c.space = c.n+len(arena)-n > 0
			i += size
			continue
		}
		if c.space {
			arena = append(arena, ' ')
			c.space = false
		}
		if ch == utf8.RuneError && size == 1 {
			arena = utf8.AppendRune(arena, ch) // as ranging over a string does
		} else {
			arena = append(arena, b[i:i+size]...)
		}
		i += size
	}
	c.n += len(arena) - n
	return arena
}

// asciiSpace marks the ASCII bytes isSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true}

// appendText appends the cell's text for a grid to b: its paragraphs,
// and the text of the rows of the tables in it, joined by spaces. arena
// is the parser's arena as a string.
func (c *docxCell) appendText(b []byte, arena string) []byte {
	start := len(b)
	for _, pt := range c.parts {
		if pt.tbl == nil {
			b = appendPiece(b, start, arena[pt.start:pt.end])
			continue
		}
		for i, row := range pt.tbl.rows { // a small table inside a data cell: its text
			if pt.tbl.deleted[i] {
				continue
			}
			for _, nc := range row {
				at := len(b)
				if at > start {
					b = append(b, ' ')
				}
				n := len(b)
				if b = nc.appendText(b, arena); len(b) == n {
					b = b[:at] // an empty cell is no piece
				}
			}
		}
	}
	if c.cur.n > 0 {
		b = appendPiece(b, start, arena[c.cur.start:c.cur.start+c.cur.n])
	}
	return b
}

// appendPiece appends s, a piece of a cell's text written from start of b
// and never empty, after a space when it is not the first.
func appendPiece(b []byte, start int, s string) []byte {
	if len(b) > start {
		b = append(b, ' ')
	}
	return append(b, s...)
}

type docxParser struct {
	rel      string
	maxText  int64
	written  int64 // bytes of text written
	parts    int   // tables, rows and cells kept (maxTableParts)
	dropped  bool  // tables were dropped for maxTableParts
	err      error // ends the scan: errTextLimit
	lines    []string
	para     strings.Builder
	stack    []*docxTable // tables being read, innermost last
	tooDeep  int          // tables nested past maxDepth, not kept apart
	tables   []schemas.Table
	findings []schemas.Finding
	stopper  *stopper
	// arena holds the text of the cells of the top-level table being
	// read; it is made one string when the table is emitted.
	arena []byte
	cells []docxCell    // allocated ahead, handed out by newCell
	slabs []*[]docxCell // where cells came from, given back by release
	rows  []*docxCell   // room for rows' lists of cells, handed out by newRow
	skip  int           // depth inside an element whose content is not shown
	// st holds where the scan is, as bits: stText in a w:t, stRun in a
	// run (w:r), stRunPr in a run's w:rPr (a paragraph's
	// w:pPr/w:rPr/w:vanish hides only its mark), stHidden in a run whose
	// properties say w:vanish (hidden text: Word does not show or print
	// it), stTrPr in a row's w:trPr. One byte, so that beginKind and
	// endKind set them for the common elements from a table (kindActs)
	// without a branch on the element's kind.
	st uint8
}

const (
	stRun   = 1 << iota
	stRunPr // stRun<<1: beginKind copies stRun into it
	stHidden
	stText
	stTrPr
)

// vanishes reports whether a w:vanish element's attributes hide its run:
// w:val absent, or anything but false.
func vanishes(attrs []byte) bool {
	switch string(attrVal(attrs, "val")) {
	case "0", "false", "off":
		return false
	}
	return true
}

// keep counts one more table, row or cell, and reports whether it is
// within maxTableParts. Past it the document's text is still read, but
// tables, rows and cells are no longer kept apart: what they hold runs on
// in the cell or paragraph around them.
func (p *docxParser) keep() bool {
	if p.parts >= maxTableParts {
		if !p.dropped {
			p.dropped = true
			p.findings = append(p.findings, finding(RuleTableTooLarge, schemas.SeverityError, fmt.Sprintf(
				"%s has more than %d table rows and cells; the tables after that were read as text only.", p.rel, maxTableParts)))
		}
		return false
	}
	p.parts++
	return true
}

// newCell returns a new cell spanning span grid columns.
func (p *docxParser) newCell(span int) *docxCell {
	if len(p.cells) == 0 {
		sp := cellSlabs.Get().(*[]docxCell)
		p.slabs = append(p.slabs, sp)
		p.cells = *sp
	}
	c := &p.cells[0]
	p.cells = p.cells[1:]
	*c = docxCell{span: span} // what a document before left in it is overwritten
	c.parts = c.first[:0]
	return c
}

func (p *docxParser) top() *docxTable {
	if len(p.stack) == 0 {
		return nil
	}
	return p.stack[len(p.stack)-1]
}

func (p *docxParser) cell() *docxCell {
	t := p.top()
	if t == nil || len(t.rows) == 0 || len(t.rows[len(t.rows)-1]) == 0 {
		return nil
	}
	r := t.rows[len(t.rows)-1]
	return r[len(r)-1]
}

// tabText and newlineText are what w:tab (or w:ptab, a tab to an absolute
// position) and w:br/w:cr write outside a table, as character data;
// hyphenText is what w:noBreakHyphen writes anywhere.
var tabText, newlineText, hyphenText = []byte("\t"), []byte("\n"), []byte("-")

// text is character data of the document (xmlHandler).
func (p *docxParser) text(b []byte) {
	if p.written += int64(len(b)); p.written > p.maxText {
		p.err = errTextLimit
		return
	}
	if len(p.stack) == 0 {
		p.para.Write(b)
	} else if c := p.cell(); c != nil {
		p.arena = c.cur.add(p.arena, b)
	}
}

// addLine adds a line of the document's text. Its bytes were counted when
// they were written; the line counts lineCost more, as in text files.
func (p *docxParser) addLine(l string) {
	p.lines = append(p.lines, l)
	if p.written += lineCost; p.written > p.maxText {
		p.err = errTextLimit
	}
}

// sep separates pieces of a cell's paragraph (tabs, breaks).
func (p *docxParser) sep() {
	if c := p.cell(); c != nil {
		c.cur.space = c.cur.n > 0
	}
}

func (p *docxParser) endParagraph() {
	for l := range strings.SplitSeq(p.para.String(), "\n") {
		if !blank(l) {
			p.addLine(l)
		}
	}
	p.para.Reset()
}

func (p *docxParser) stop() error { return p.err }

func (p *docxParser) wantText() bool { return p.st&(stText|stHidden) == stText && p.skip == 0 }

func (p *docxParser) start(local, attrs []byte) { p.begin(local, attrs) }

// begin is start; it reports whether end does anything for the element:
// false for one outside a skipped part, which it does not skip, whose
// name end's switch has no case for. Elements nest, so what is skipped
// at an element's end is what was at its start. scanCommon calls end
// only when begin said so.
func (p *docxParser) begin(local, attrs []byte) bool {
	return p.beginKind(kindOf(local), attrs)
}

// tagKind sorts the local names of elements as begin and end treat them:
// each name their switches had a case for, alone or with the names they
// treat alike, and kindOther for the rest. The kinds below kindSlow are
// those beginKind and endKind read from kindActs; kindTc and the kinds
// after it take the branches of their own.
type tagKind uint8

const (
	kindOther tagKind = iota
	kindP
	kindR
	kindT
	kindTrPr
	kindTc
	kindGridSpan
	kindVMerge
	kindTr
	kindRPr
	kindSkip // Fallback, delText, instrText, moveFrom, delInstrText, tabs
	kindTbl
	kindDel
	kindVanish
	kindNoBreakHyphen
	kindTab // tab, ptab
	kindBr  // br, cr
	kindGridBefore
	kindHMerge

	kindSlow = kindTc // the first kind beginAct does not read from kindActs
)

// kindAct is what beginAct does for an element of a kind below kindSlow
// (outside a skipped part): the bits clear are cleared from st and those
// of set set, and what its end does is end (an endAct).
type kindAct struct {
	clear, set, end uint8
}

// kindActs holds the kindAct of each kind below kindSlow; the others' are
// zero. (32 of them: endKind reads it at kind&31, without a bounds check.)
var kindActs = [32]kindAct{
	kindOther: {},
	kindP:     {end: endCall},
	kindR:     {clear: stHidden, set: stRun, end: stRun | stHidden},
	kindT:     {set: stText, end: stText},
	kindTrPr:  {set: stTrPr, end: stTrPr},
}

// An endAct is what the end of an element does, as beginAct tells it at
// its start (elements nest, so what is skipped at an element's end is
// what was at its start): the bits of st it holds are cleared, and
// endCall (a bit st does not use) asks for endKind, for the end of a
// paragraph, a table, an element that rPr's or a skipped part's. 0 for an
// element whose end does nothing.
const endCall = 1 << 7

// kindOf is the kind of an element of local name local.
func kindOf(local []byte) tagKind {
	switch string(local) {
	case "Fallback", "delText", "instrText", "moveFrom", "delInstrText", "tabs":
		return kindSkip
	case "del":
		return kindDel
	case "r":
		return kindR
	case "rPr":
		return kindRPr
	case "p":
		return kindP
	case "vanish":
		return kindVanish
	case "t":
		return kindT
	case "noBreakHyphen":
		return kindNoBreakHyphen
	case "tab", "ptab":
		return kindTab
	case "br", "cr":
		return kindBr
	case "tbl":
		return kindTbl
	case "tr":
		return kindTr
	case "trPr":
		return kindTrPr
	case "gridBefore":
		return kindGridBefore
	case "tc":
		return kindTc
	case "gridSpan":
		return kindGridSpan
	case "hMerge":
		return kindHMerge
	case "vMerge":
		return kindVMerge
	}
	return kindOther
}

// beginKind is begin for an element of the given kind (kindOf its local
// name): scanCommon finds the kind of the common names from the bytes of
// the tag, without comparing strings.
func (p *docxParser) beginKind(kind tagKind, attrs []byte) bool {
	p.stopper.step()
	return p.beginSlow(kind, attrs) != 0
}

// beginSlow is beginKind, reporting what the element's end does (an
// endAct): scanCommon does it without calling endKind but for endCall.
// scanCommon reads the kinds below kindSlow from kindActs itself, outside
// a skipped part (the elements of nearly every paragraph and cell: w:p,
// w:r, w:t and the elements of kindOther), without a call or a branch on
// their kind but one, and calls beginSlow for the others, which it tests
// one kind at a time, w:tc first.
//
// A switch on the kind was a jump whose target is the kind of the element
// before's as often as not: 0.77 M of the 1.0 M mispredicted branches of
// beginKind in a 2 000-report run (one a .docx tag in four), where a test
// is predicted from the branches before it. The caller has counted the
// element's step (p.stopper.step).
func (p *docxParser) beginSlow(kind tagKind, attrs []byte) uint8 {
	if p.skip > 0 {
		p.skip++
		return endCall
	}
	if kind < kindSlow {
		a := &kindActs[kind&31]
		p.st = p.st&^a.clear | a.set
		return a.end
	}
	if kind == kindTc {
		if t := p.top(); t != nil && len(t.rows) > 0 && p.tooDeep == 0 && p.keep() {
			last := len(t.rows) - 1
			t.rows[last] = append(t.rows[last], p.newCell(1))
		}
		return 0
	}
	if kind == kindGridSpan {
		if c := p.cell(); c != nil && p.tooDeep == 0 {
			if n, err := strconv.Atoi(string(attrVal(attrs, "val"))); err == nil {
				c.span = n
			}
		}
		return 0
	}
	if kind == kindVMerge {
		if c := p.cell(); c != nil && p.tooDeep == 0 {
			c.vMerge = 2
			if string(attrVal(attrs, "val")) == "restart" {
				c.vMerge = 1
			}
		}
		return 0
	}
	if kind == kindTr {
		// Rows and cells of a table nested too deep are not its
		// table's: their text runs on in the cell around it.
		if t := p.top(); t != nil && p.tooDeep == 0 && p.keep() {
			var row []*docxCell
			if len(t.rows) > 0 {
				// most rows have as many cells as the one before
				row = p.newRow(len(t.rows[len(t.rows)-1]))
			}
			t.rows = append(t.rows, row)
			t.deleted = append(t.deleted, false)
		}
		return 0
	}
	if kind == kindRPr {
		if p.st&stRun != 0 {
			p.st |= stRunPr
		} else {
			p.st &^= stRunPr
		}
		return endCall
	}
	return p.beginRare(kind, attrs)
}

// beginRare is beginKind for the kinds of elements a report has few of.
func (p *docxParser) beginRare(kind tagKind, attrs []byte) uint8 {
	switch kind {
	case kindSkip:
		// Fallback repeats the content of its Choice; deleted and
		// moved-away text and field codes are not shown. A paragraph's
		// tab stops (w:pPr/w:tabs/w:tab) are positions, not the tab
		// characters a run's w:tab writes.
		p.skip = 1
		return endCall
	case kindDel:
		if p.st&stTrPr != 0 && p.tooDeep == 0 {
			if t := p.top(); t != nil && len(t.deleted) > 0 {
				t.deleted[len(t.deleted)-1] = true
			}
		}
		// a run-level w:del holds deleted runs; in properties it is
		// empty and closes at once
		p.skip = 1
		return endCall
	case kindVanish:
		if p.st&stRunPr != 0 {
			p.st &^= stHidden
			if vanishes(attrs) {
				p.st |= stHidden
			}
		}
	case kindNoBreakHyphen:
		// a hyphen Word keeps on the line: "2023‑2024年"
		if p.st&stHidden == 0 {
			p.text(hyphenText)
		}
	case kindTab:
		if p.st&stHidden != 0 {
			break
		}
		if len(p.stack) == 0 {
			p.text(tabText)
		} else {
			p.sep()
		}
	case kindBr:
		if p.st&stHidden != 0 {
			break
		}
		if len(p.stack) == 0 {
			p.text(newlineText)
		} else {
			p.sep()
		}
	case kindTbl:
		if len(p.stack) >= maxDepth || !p.keep() {
			p.tooDeep++ // read into the table around it
			return endCall
		}
		if len(p.stack) == 0 {
			p.endParagraph()
		} else if c := p.cell(); c != nil {
			c.endPara()
			p.top().nested = true
		}
		p.stack = append(p.stack, &docxTable{})
		return endCall
	case kindGridBefore:
		if t := p.top(); t != nil && len(t.rows) > 0 && p.tooDeep == 0 {
			n, _ := strconv.Atoi(string(attrVal(attrs, "val")))
			if n > 0 && p.keep() {
				last := len(t.rows) - 1
				t.rows[last] = append(t.rows[last], p.newCell(n))
			}
		}
	case kindHMerge:
		if c := p.cell(); c != nil && p.tooDeep == 0 {
			c.hCont = string(attrVal(attrs, "val")) != "restart"
		}
	}
	return 0
}

func (p *docxParser) end(local []byte) { p.endKind(kindOf(local)) }

// endKind is end for an element of the given kind. Of the kinds begin
// says end is called for, w:p and w:tbl do more than clear bits of st.
func (p *docxParser) endKind(kind tagKind) {
	if p.skip > 0 {
		p.skip--
		return
	}
	p.st &^= kindActs[kind&31].end &^ endCall // 0 for the kinds from kindSlow
	switch kind {
	case kindRPr:
		p.st &^= stRunPr
	case kindP:
		if len(p.stack) == 0 {
			p.endParagraph()
		} else if c := p.cell(); c != nil {
			c.endPara()
		}
	case kindTbl:
		if p.tooDeep > 0 {
			p.tooDeep--
			return
		}
		if len(p.stack) == 0 {
			return
		}
		t := p.top()
		p.stack = p.stack[:len(p.stack)-1]
		if len(p.stack) == 0 {
			p.emit(t, string(p.arena))
			p.arena = p.arena[:0]
		} else if c := p.cell(); c != nil {
			c.endPara()
			c.parts = append(c.parts, docxPart{tbl: t})
		}
	}
}

// cellTexts is where emit writes the texts of a table's cells, one after
// the other, and where each ends, before it makes them one string; kept
// between tables in cellTextPool.
type cellTexts struct {
	b    []byte
	ends []int
}

var cellTextPool = sync.Pool{New: func() any { return new(cellTexts) }}

// maxPooledCellText is the most text, and cells, a cellTexts kept in the
// pool has room for: a few reports' tables.
const maxPooledCellText = 256 << 10

// emit writes a table read to the end. A table holding no other table is
// expanded into a grid (w:gridSpan and w:vMerge) written one line per row,
// cells joined by '\t'. A layout table (see layout) is written as the
// blocks it holds, so that the tables inside come out as tables in their
// turn. A table nested in a cell of a data table is flattened into that
// cell's text.
//
// arena is the parser's arena as a string, made once for the table.
func (p *docxParser) emit(t *docxTable, arena string) {
	if t.nested && t.layout() {
		for i, row := range t.rows {
			if t.deleted[i] {
				continue
			}
			for _, c := range row {
				if c.vMerge == 2 {
					continue
				}
				c.endPara()
				for _, pt := range c.parts {
					if pt.tbl != nil {
						p.emit(pt.tbl, arena)
					} else if text := arena[pt.start:pt.end]; !blank(text) {
						p.addLine(text)
					}
				}
			}
		}
		return
	}
	rows := make([][]*docxCell, 0, len(t.rows))
	for i, row := range t.rows {
		if !t.deleted[i] {
			rows = append(rows, row)
		}
	}
	g := &grid{rows: make([][]string, len(rows)), set: make([][]bool, len(rows)), origin: make([][]bool, len(rows))}
	// Room for each row's columns, so that fill need not grow it, cut
	// from one slice of strings and one of flags for the whole table. A
	// row without cells stays nil, as it was before the room was made.
	width := func(row []*docxCell) int {
		w := 0
		for _, c := range row {
			w += max(1, min(c.span, 1000))
		}
		return min(w, 256)
	}
	total := 0
	for _, row := range rows {
		total += width(row)
	}
	strs, flags := make([]string, total), make([]bool, 2*total)
	for i, row := range rows {
		if w := width(row); w > 0 {
			g.rows[i], strs = strs[:0:w], strs[w:]
			g.set[i], g.origin[i], flags = flags[:0:w], flags[w:w:2*w], flags[2*w:]
		}
	}
	// The cells' texts, in one string made for them: a cell's text kept
	// downstream must not hold the whole table's arena in memory, and a
	// copy of each would be an allocation a cell.
	ct := cellTextPool.Get().(*cellTexts)
	buf, ends := ct.b[:0], ct.ends[:0]
	for _, row := range rows {
		for _, c := range row {
			buf = c.appendText(buf, arena)
			ends = append(ends, len(buf))
		}
	}
	texts := string(buf)
	if ct.b, ct.ends = buf, ends; cap(buf) <= maxPooledCellText && cap(ends) <= maxPooledCellText {
		defer cellTextPool.Put(ct)
	}
	ok, k, at := true, 0, 0
	for i, row := range rows {
		col := 0
		for _, c := range row {
			span := max(1, min(c.span, 1000))
			text := texts[at:ends[k]]
			at, k = ends[k], k+1
			if c.vMerge == 2 && i > 0 && col < len(g.rows[i-1]) {
				text = g.rows[i-1][col]
			}
			if c.hCont && col > 0 && col <= len(g.rows[i]) {
				text = g.rows[i][col-1]
			}
			if ok = g.fill(i, col, 1, span, text); !ok {
				break
			}
			if (c.vMerge == 2 || c.hCont && col > 0) && col < len(g.origin[i]) {
				g.origin[i][col] = false // continues the cell above, or on its left
			}
			col += span
		}
		if !ok {
			p.findings = append(p.findings, finding(RuleTableTooLarge, schemas.SeverityError, fmt.Sprintf(
				"%s has a table whose spans expand past %d cells; the rest of it was dropped.", p.rel, maxGridCells)))
			break
		}
	}
	tb := schemas.Table{Rows: g.final(), Line: len(p.lines) + 1}
	p.tables = append(p.tables, tb)
	for _, l := range g.textLines(tb.Rows) {
		p.addLine(l)
	}
}
