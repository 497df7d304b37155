package extract

// The implementation of DOCX reading before the in-memory scanner, kept
// as it was so that differential tests can compare the two; changes of
// what is read (a paragraph's tab stops, w:ptab, w:noBreakHyphen, the main
// part found through _rels/.rels) are made in both.

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/schemas"
	"unicode/utf8"
)

// refReadDOCX reads the body of a Word document: paragraphs as lines, and
// top-level tables as grids (w:gridSpan and w:vMerge expanded) written to
// the text one line per row, cells joined by '\t'. Tables nested in a cell
// are flattened into that cell's text. The archive is read where it is
// (in memory or in its file), size bytes of r.
func refReadDOCX(doc *schemas.Document, r io.ReaderAt, size int64, lim Limits, stop *stopper) {
	rel := doc.SourcePath
	bad := func(rule *schemas.Rule, why string) {
		doc.Findings = append(doc.Findings, finding(rule, schemas.SeverityError, fmt.Sprintf("%s %s.", rel, why)))
	}
	head := make([]byte, min(size, 4))
	r.ReadAt(head, 0)
	if bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")) {
		bad(RuleDOCXInvalid, "is a legacy Word .doc or an encrypted document, not DOCX")
		return
	}
	// the end-of-central-directory record is in the last 64 KiB and 22 bytes
	tail := make([]byte, min(size, 22+65535))
	r.ReadAt(tail, size-int64(len(tail)))
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
	rc, err := body.Open()
	if err != nil {
		bad(RuleDOCXInvalid, fmt.Sprintf("has an unreadable %s: %v", body.Name, err))
		return
	}
	defer rc.Close()
	doc.Encoding = EncUTF8
	p := &refDocxParser{rel: rel, maxText: lim.MaxTextBytes, stop: stop}
	err = p.parse(&refLimitReader{r: stop.reader(rc), n: lim.MaxZipEntryBytes})
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

type refLimitReader struct {
	r io.Reader
	n int64
}

func (l *refLimitReader) Read(p []byte) (int, error) {
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

// refDocxCell is one w:tc: its paragraphs, and the tables nested in it, in
// order.
type refDocxCell struct {
	cur    refRenderer // the paragraph being read; collapses whitespace
	parts  []refDocxPart
	span   int
	vMerge int // 0 none, 1 restart, 2 continue
}

// refDocxPart is a paragraph of a cell, or a table nested in it.
type refDocxPart struct {
	text string
	tbl  *refDocxTable
}

// refDocxTable is a w:tbl being read.
type refDocxTable struct {
	rows    [][]*refDocxCell
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
func (t *refDocxTable) layout() bool {
	return t.narrow() || t.holdsGrid()
}

// holdsGrid reports a cell of t holding a table of two rows or more.
func (t *refDocxTable) holdsGrid() bool {
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
func (t *refDocxTable) narrow() bool {
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
func (c *refDocxCell) endPara() {
	if c.cur.cur.Len() > 0 {
		c.parts = append(c.parts, refDocxPart{text: c.cur.cur.String()})
	}
	c.cur.cur.Reset()
	c.cur.space = false
}

// text is the cell's text for a grid: its paragraphs joined by spaces.
func (c *refDocxCell) text() string {
	var b []string
	for _, pt := range c.parts {
		if pt.tbl == nil {
			b = append(b, pt.text)
			continue
		}
		for i, row := range pt.tbl.rows { // a small table inside a data cell: its text
			for _, nc := range row {
				if s := nc.text(); s != "" && !pt.tbl.deleted[i] {
					b = append(b, s)
				}
			}
		}
	}
	if c.cur.cur.Len() > 0 {
		b = append(b, c.cur.cur.String())
	}
	return strings.Join(b, " ")
}

type refDocxParser struct {
	rel      string
	maxText  int64
	text     int64 // bytes of text written
	parts    int   // tables, rows and cells kept (maxTableParts)
	dropped  bool  // tables were dropped for maxTableParts
	err      error // ends the scan: errTextLimit
	lines    []string
	para     strings.Builder
	stack    []*refDocxTable // tables being read, innermost last
	inTrPr   bool
	tooDeep  int // tables nested past maxDepth, not kept apart
	tables   []schemas.Table
	findings []schemas.Finding
	stop     *stopper
}

// keep counts one more table, row or cell, and reports whether it is
// within maxTableParts. Past it the document's text is still read, but
// tables, rows and cells are no longer kept apart: what they hold runs on
// in the cell or paragraph around them.
func (p *refDocxParser) keep() bool {
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

func (p *refDocxParser) top() *refDocxTable {
	if len(p.stack) == 0 {
		return nil
	}
	return p.stack[len(p.stack)-1]
}

func (p *refDocxParser) cell() *refDocxCell {
	t := p.top()
	if t == nil || len(t.rows) == 0 || len(t.rows[len(t.rows)-1]) == 0 {
		return nil
	}
	r := t.rows[len(t.rows)-1]
	return r[len(r)-1]
}

func (p *refDocxParser) write(s string) {
	if p.text += int64(len(s)); p.text > p.maxText {
		p.err = errTextLimit
		return
	}
	if len(p.stack) == 0 {
		p.para.WriteString(s)
	} else if c := p.cell(); c != nil {
		c.cur.text(s)
	}
}

// addLine adds a line of the document's text. Its bytes were counted when
// they were written; the line counts lineCost more, as in text files.
func (p *refDocxParser) addLine(l string) {
	p.lines = append(p.lines, l)
	if p.text += lineCost; p.text > p.maxText {
		p.err = errTextLimit
	}
}

// sep separates pieces of a cell's paragraph (tabs, breaks).
func (p *refDocxParser) sep() {
	if c := p.cell(); c != nil {
		c.cur.space = c.cur.cur.Len() > 0
	}
}

func (p *refDocxParser) endParagraph() {
	for l := range strings.SplitSeq(p.para.String(), "\n") {
		if strings.TrimSpace(l) != "" {
			p.addLine(l)
		}
	}
	p.para.Reset()
}

func (p *refDocxParser) parse(r io.Reader) error {
	inText := false
	skip := 0
	inRun, inRunPr, runHidden := false, false, false // hidden text (w:vanish), as docxParser
	start := func(local string, attrs []byte) {
		p.stop.step()
		if skip > 0 {
			skip++
			return
		}
		switch local {
		case "Fallback", "delText", "instrText", "moveFrom", "delInstrText", "tabs":
			// Fallback repeats the content of its Choice; deleted and
			// moved-away text and field codes are not shown, nor a
			// paragraph's tab stops.
			skip = 1
		case "del":
			if p.inTrPr && p.tooDeep == 0 {
				if t := p.top(); t != nil && len(t.deleted) > 0 {
					t.deleted[len(t.deleted)-1] = true
				}
			}
			// a run-level w:del holds deleted runs; in properties it is
			// empty and closes at once
			skip = 1
		case "r":
			inRun, runHidden = true, false
		case "rPr":
			inRunPr = inRun
		case "vanish":
			if inRunPr {
				v := refAttrVal(attrs, "val")
				runHidden = v != "0" && v != "false" && v != "off"
			}
		case "t":
			inText = true
		case "noBreakHyphen":
			if !runHidden {
				p.write("-")
			}
		case "tab", "ptab":
			switch {
			case runHidden:
			case len(p.stack) == 0:
				p.write("\t")
			default:
				p.sep()
			}
		case "br", "cr":
			switch {
			case runHidden:
			case len(p.stack) == 0:
				p.write("\n")
			default:
				p.sep()
			}
		case "tbl":
			if len(p.stack) >= maxDepth || !p.keep() {
				p.tooDeep++ // read into the table around it
				return
			}
			if len(p.stack) == 0 {
				p.endParagraph()
			} else if c := p.cell(); c != nil {
				c.endPara()
				p.top().nested = true
			}
			p.stack = append(p.stack, &refDocxTable{})
		case "tr":
			// Rows and cells of a table nested too deep are not its
			// table's: their text runs on in the cell around it.
			if t := p.top(); t != nil && p.tooDeep == 0 && p.keep() {
				t.rows = append(t.rows, nil)
				t.deleted = append(t.deleted, false)
			}
		case "trPr":
			p.inTrPr = true
		case "gridBefore":
			if t := p.top(); t != nil && len(t.rows) > 0 && p.tooDeep == 0 {
				n, _ := strconv.Atoi(refAttrVal(attrs, "val"))
				if n > 0 && p.keep() {
					last := len(t.rows) - 1
					t.rows[last] = append(t.rows[last], &refDocxCell{span: n})
				}
			}
		case "tc":
			if t := p.top(); t != nil && len(t.rows) > 0 && p.tooDeep == 0 && p.keep() {
				last := len(t.rows) - 1
				t.rows[last] = append(t.rows[last], &refDocxCell{span: 1})
			}
		case "gridSpan":
			if c := p.cell(); c != nil && p.tooDeep == 0 {
				if n, err := strconv.Atoi(refAttrVal(attrs, "val")); err == nil {
					c.span = n
				}
			}
		case "vMerge":
			if c := p.cell(); c != nil && p.tooDeep == 0 {
				c.vMerge = 2
				if refAttrVal(attrs, "val") == "restart" {
					c.vMerge = 1
				}
			}
		}
	}
	end := func(local string) {
		if skip > 0 {
			skip--
			return
		}
		switch local {
		case "t":
			inText = false
		case "r":
			inRun, runHidden = false, false
		case "rPr":
			inRunPr = false
		case "trPr":
			p.inTrPr = false
		case "p":
			if len(p.stack) == 0 {
				p.endParagraph()
			} else if c := p.cell(); c != nil {
				c.endPara()
			}
		case "tbl":
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
				p.emit(t)
			} else if c := p.cell(); c != nil {
				c.endPara()
				c.parts = append(c.parts, refDocxPart{tbl: t})
			}
		}
	}
	return refScanXML(r, start, end, func() bool { return inText && skip == 0 && !runHidden }, p.write, func() error { return p.err })
}

// emit writes a table read to the end. A table holding no other table is
// expanded into a grid (w:gridSpan and w:vMerge) written one line per row,
// cells joined by '\t'. A layout table (see layout) is written as the
// blocks it holds, so that the tables inside come out as tables in their
// turn. A table nested in a cell of a data table is flattened into that
// cell's text.
func (p *refDocxParser) emit(t *refDocxTable) {
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
						p.emit(pt.tbl)
					} else if strings.TrimSpace(pt.text) != "" {
						p.addLine(pt.text)
					}
				}
			}
		}
		return
	}
	var rows [][]*refDocxCell
	for i, row := range t.rows {
		if !t.deleted[i] {
			rows = append(rows, row)
		}
	}
	g := &grid{rows: make([][]string, len(rows)), set: make([][]bool, len(rows))}
	ok := true
	for i, row := range rows {
		col := 0
		for _, c := range row {
			span := max(1, min(c.span, 1000))
			text := c.text()
			if c.vMerge == 2 && i > 0 && col < len(g.rows[i-1]) {
				text = g.rows[i-1][col]
			}
			if ok = g.fill(i, col, 1, span, text); !ok {
				break
			}
			if c.vMerge == 2 && col < len(g.origin[i]) {
				g.origin[i][col] = false // continues the cell above
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
	for _, row := range g.textRows(tb.Rows) {
		p.addLine(strings.Join(row, "\t"))
	}
}

// refScanXML reads word/document.xml with a scanner of our own: encoding/xml
// spent most of a .docx's reading time (and allocations) on tokens and
// names nianbao never looks at. It reports start tags by local name with
// their raw attributes, end tags, and character data with entities
// decoded. It checks what matters for trusting the text: the bytes are
// UTF-8, every tag is closed, end tags match their start tags, and the
// document does not end inside an element, a comment or a tag.
//
// It streams: at most maxXMLToken bytes of r are held at a time, so a
// document.xml of hundreds of megabytes costs no more than a small one;
// character data longer than that is handed over in pieces.
//
// wantText says whether the caller would use character data at this point;
// when it would not, the data is still checked (entities) but not copied.
// stop is asked before each token; a non-nil error ends the scan with it.
func refScanXML(r io.Reader, start func(local string, attrs []byte), end func(local string), wantText func() bool, text func(string), stop func() error) error {
	x := &refXmlReader{r: r}
	var open []string
	// names holds each tag name once: a document uses a few dozen.
	names := map[string]string{}
	for {
		if err := stop(); err != nil {
			return err
		}
		if x.i == len(x.buf) || (x.buf[x.i] == '<' && len(x.buf)-x.i < 9 && !x.eof) {
			// (a '<' needs the bytes after it to tell what it opens)
			if x.eof {
				break
			}
			if err := x.more(); err != nil {
				return err
			}
			continue
		}
		rest := x.buf[x.i:]
		if rest[0] != '<' {
			j := bytes.IndexByte(rest, '<')
			if j < 0 && !x.eof {
				if len(rest) < textPiece {
					if err := x.more(); err != nil {
						return err
					}
					continue
				}
				// a long run of text: hand over what is certain, not an
				// entity or a character cut in two
				j = len(rest)
				if k := bytes.LastIndexByte(rest, '&'); k >= 0 && len(rest)-k <= 12 {
					j = k
				}
				j = len(trimPartialRune(rest[:j]))
			}
			if j < 0 {
				j = len(rest)
			}
			if len(open) > 0 {
				if seg := rest[:j]; bytes.IndexByte(seg, '&') >= 0 {
					t, err := refUnescape(seg)
					if err != nil {
						return err
					}
					if wantText() {
						text(t)
					}
				} else if wantText() {
					text(string(seg))
				}
			}
			x.i += j
			continue
		}
		// whether the construct at rest ends in the bytes at hand; if not,
		// more are read and the loop comes back to it
		more := func(found bool, what string) (bool, error) {
			if found {
				return false, nil
			}
			if x.eof {
				return false, fmt.Errorf("xml: unterminated %s", what)
			}
			return true, x.more()
		}
		switch {
		case len(rest) > 1 && rest[1] != '?' && rest[1] != '!':
			// a tag, below
		case bytes.HasPrefix(rest, []byte("<?")):
			k := bytes.Index(rest, []byte("?>"))
			if again, err := more(k >= 0, "processing instruction"); err != nil || again {
				if err != nil {
					return err
				}
				continue
			}
			x.i += k + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest[4:], []byte("-->"))
			if again, err := more(k >= 0, "comment"); err != nil || again {
				if err != nil {
					return err
				}
				continue
			}
			x.i += 4 + k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			k := bytes.Index(rest[9:], []byte("]]>"))
			if again, err := more(k >= 0, "CDATA"); err != nil || again {
				if err != nil {
					return err
				}
				continue
			}
			if len(open) > 0 {
				text(string(rest[9 : 9+k]))
			}
			x.i += 9 + k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			k := bytes.IndexByte(rest, '>')
			if again, err := more(k >= 0, "declaration"); err != nil || again {
				if err != nil {
					return err
				}
				continue
			}
			x.i += k + 1
			continue
		}
		// a tag: find its end, skipping quoted attribute values
		k, q := 1, byte(0)
		for ; k < len(rest); k++ {
			c := rest[k]
			if q != 0 {
				if c == q {
					q = 0
				}
				continue
			}
			if c == '"' || c == '\'' {
				q = c
			} else if c == '>' {
				break
			}
		}
		if again, err := more(k < len(rest), "tag"); err != nil || again {
			if err != nil {
				return err
			}
			continue
		}
		tag := rest[1:k]
		x.i += k + 1
		closing := len(tag) > 0 && tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		self := len(tag) > 0 && tag[len(tag)-1] == '/'
		if self {
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && !isXMLSpace(tag[n]) {
			n++
		}
		name, ok := names[string(tag[:n])]
		if !ok {
			name = string(tag[:n])
			names[name] = name
		}
		if name == "" {
			return fmt.Errorf("xml: tag without a name")
		}
		local := name
		if c := strings.LastIndexByte(name, ':'); c >= 0 {
			local = name[c+1:]
		}
		if closing {
			if len(open) == 0 || open[len(open)-1] != name {
				return fmt.Errorf("xml: element </%s> closes <%s>", name, strings.Join(open[max(0, len(open)-1):], ""))
			}
			open = open[:len(open)-1]
			end(local)
			continue
		}
		start(local, tag[n:])
		if self {
			end(local)
		} else {
			open = append(open, name)
		}
	}
	if len(open) > 0 {
		return fmt.Errorf("xml: document ends inside <%s>", open[len(open)-1])
	}
	return nil
}

// refXmlReader holds the unread bytes of a document, buf[i:], and checks that
// what it reads is UTF-8.
type refXmlReader struct {
	r       io.Reader
	buf     []byte
	i       int
	checked int // buf[:checked] is known to be UTF-8
	eof     bool
}

// more reads more of the document, keeping the unread bytes.
func (x *refXmlReader) more() error {
	if x.i > 0 {
		n := copy(x.buf, x.buf[x.i:])
		x.buf, x.checked, x.i = x.buf[:n], max(0, x.checked-x.i), 0
	}
	if len(x.buf) >= maxXMLToken {
		return errXMLToken
	}
	if cap(x.buf)-len(x.buf) < 16<<10 {
		nb := make([]byte, len(x.buf), min(max(2*cap(x.buf), 64<<10), maxXMLToken+textPiece))
		copy(nb, x.buf)
		x.buf = nb
	}
	for {
		n, err := x.r.Read(x.buf[len(x.buf):cap(x.buf)])
		x.buf = x.buf[:len(x.buf)+n]
		if err == io.EOF {
			x.eof = true
		} else if err != nil {
			return err
		}
		if n > 0 || x.eof {
			break
		}
	}
	// as encoding/xml: a document that is not UTF-8 is broken. A
	// character cut by the end of this read is checked with the next.
	upTo := len(x.buf)
	if !x.eof {
		upTo = len(trimPartialRune(x.buf))
	}
	if !utf8.Valid(x.buf[x.checked:upTo]) {
		return fmt.Errorf("xml: invalid UTF-8")
	}
	x.checked = upTo
	return nil
}

// refAttrVal returns the value of the attribute with the given local name
// (w:val → "val") from a tag's raw attributes.
func refAttrVal(attrs []byte, local string) string {
	for len(attrs) > 0 {
		for len(attrs) > 0 && isXMLSpace(attrs[0]) {
			attrs = attrs[1:]
		}
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		name := strings.TrimSpace(string(attrs[:eq]))
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		endq := bytes.IndexByte(rest[1:], rest[0])
		if endq < 0 {
			return ""
		}
		val := rest[1 : 1+endq]
		attrs = rest[2+endq:]
		if c := strings.LastIndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		if name == local {
			v, err := refUnescape(val)
			if err != nil {
				return ""
			}
			return v
		}
	}
	return ""
}

// refUnescape decodes the five predefined entities and character references.
func refUnescape(b []byte) (string, error) {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b), nil
	}
	var out strings.Builder
	out.Grow(len(b))
	for len(b) > 0 {
		k := bytes.IndexByte(b, '&')
		if k < 0 {
			out.Write(b)
			break
		}
		out.Write(b[:k])
		b = b[k:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			return "", fmt.Errorf("xml: bad entity")
		}
		ent := string(b[1:semi])
		b = b[semi+1:]
		switch ent {
		case "lt":
			out.WriteByte('<')
		case "gt":
			out.WriteByte('>')
		case "amp":
			out.WriteByte('&')
		case "quot":
			out.WriteByte('"')
		case "apos":
			out.WriteByte('\'')
		default:
			if !strings.HasPrefix(ent, "#") {
				return "", fmt.Errorf("xml: unknown entity &%s;", ent)
			}
			var n uint64
			var err error
			if strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X") {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return "", fmt.Errorf("xml: bad character reference &%s;", ent)
			}
			out.WriteRune(rune(n))
		}
	}
	return out.String(), nil
}

// refRenderer is the part of html.go's renderer that a cell used: text
// with runs of whitespace collapsed into one space.
type refRenderer struct {
	cur   strings.Builder
	space bool
}

func (r *refRenderer) text(s string) {
	for _, c := range s {
		if isSpace(c) {
			r.space = r.cur.Len() > 0
			continue
		}
		if r.space {
			r.cur.WriteByte(' ')
			r.space = false
		}
		r.cur.WriteRune(c)
	}
}
