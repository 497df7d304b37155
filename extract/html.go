package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

const (
	// maxDepth bounds the element nesting that is followed; deeper
	// content is dropped with a finding rather than risking the stack.
	maxDepth = 1000
	// maxGridCells bounds one expanded table grid: spans are attacker
	// controlled (colspan up to 1000, rowspan up to 65534 in HTML).
	maxGridCells = 1 << 20
	// maxTableParts bounds the tables, rows and cells of one document
	// that are kept as tables: a report has a few hundred cells; each
	// costs memory however little text it holds.
	maxTableParts = 100_000
)

// readHTML decodes an HTML page and renders its visible text and tables.
// The page is size bytes of r, and b when they are in memory (else nil);
// s has seen them all, or is nil for a page in memory, which is then
// sniffed here (sniffHTML), once its head's charset is known.
func readHTML(doc *schemas.Document, r io.ReaderAt, b []byte, size int64, s *sniffer, lim Limits, stop *stopper) {
	readHTMLVia(doc, r, b, size, s, lim, stop, true)
}

// readHTMLVia is readHTML, by the fast path when fast is set and it can;
// it reports whether the fast path read the page.
func readHTMLVia(doc *schemas.Document, r io.ReaderAt, mem []byte, size int64, s *sniffer, lim Limits, stop *stopper, fast bool) bool {
	rel := doc.SourcePath
	b := mem[:min(len(mem), 4096)] // the head, where the charset is declared
	if mem == nil {
		b = make([]byte, min(size, 4096))
		r.ReadAt(b, 0)
	}
	label := metaCharset(b)
	var enc encoding.Encoding
	var name string
	if label != "" {
		enc, name = charset.Lookup(label)
	}
	if s == nil {
		s = sniffHTML(mem, name == "utf-8")
	}
	det := s.choose()
	if label != "" && det.name != "" && !hasBOM(b) {
		if enc != nil {
			declared := detection{name: name, enc: enc, conf: 0.9}
			switch name {
			case "gbk", "gb18030":
				// WHATWG: the gbk decoder is the gb18030 decoder; pages
				// labelled gb2312 use GBK and GB18030 characters.
				s.followGB(mem)
				declared = detection{name: EncGB18030, enc: simplifiedchinese.GB18030, conf: 1, bad: s.gbBad, first: s.gbFirst}
			case "utf-8":
				declared = detection{name: EncUTF8, enc: enc, conf: 1, bad: s.u8bad, first: s.u8first}
			}
			switch {
			case declared.name == det.name, s.high == 0:
				det = declared
			case declared.bad == 0 && declared.name != EncUTF8 && declared.name != EncGB18030:
				// A single-byte label on a page that is really GBK or
				// UTF-8 is common; trust the bytes when they are sure.
				if det.conf < 0.9 || det.bad > 0 {
					det = declared
				} else {
					doc.Findings = append(doc.Findings, mismatch(rel, label, det))
				}
			case declared.bad > det.bad || (det.name == EncUTF8 && det.bad == 0 && s.u8cjk > 0):
				doc.Findings = append(doc.Findings, mismatch(rel, label, det))
			default:
				det = declared
			}
		}
	}
	doc.Encoding = det.name
	doc.Findings = append(doc.Findings, detectionFindings(rel, size, det)...)
	if det.name == "" {
		return false
	}
	if fast {
		var rd io.Reader
		var page []byte
		valid := false
		if mem != nil && (det.name != EncUTF8 || det.bad != 0) {
			// A page in memory that needs a decoder is decoded in
			// memory, without the reader's buffers.
			bp := readBuffers.Get().(*[]byte)
			b, ok := decodePage((*bp)[:0], det.enc, mem)
			if ok {
				// the GB18030 and UTF-8 decoders write valid UTF-8
				// (U+FFFD for what is invalid)
				page, valid = b, det.name == EncGB18030 || det.name == EncUTF8
			}
			*bp = b[:0]
			defer func() {
				if cap(*bp) <= maxPooledRead {
					readBuffers.Put(bp)
				}
			}()
		}
		if page == nil {
			rd, page = decoded(r, mem, size, det)
			// the page as it is in memory: UTF-8 without an invalid
			// sequence, as the sniffer saw all of it
			valid = page != nil
		}
		if rd != nil {
			rd = stop.reader(rd)
		}
		if fastHTML(doc, rd, page, valid, lim.MaxTextBytes, stop) {
			doc.Findings = append(doc.Findings, lineLimit(rel, &doc.Text, lim.MaxLineBytes)...)
			return true
		}
	}
	readHTMLTree(doc, r, size, lim, stop, det)
	return false
}

// decoded is the page decoded as det says: the page's bytes as they are
// when they are in memory (mem, else nil) and need no decoder, else a
// reader of it. Valid UTF-8 needs no decoder (as in decodeAs): the UTF-8
// decoders change nothing in it but the BOM that unicode.UTF8BOM removes.
func decoded(r io.ReaderAt, mem []byte, size int64, det detection) (io.Reader, []byte) {
	if det.name != EncUTF8 || det.bad != 0 {
		return transform.NewReader(io.NewSectionReader(r, 0, size), det.enc.NewDecoder()), nil
	}
	bom := []byte{0xef, 0xbb, 0xbf}
	if mem != nil {
		if det.enc == unicode.UTF8BOM && bytes.HasPrefix(mem, bom) {
			return nil, mem[3:]
		}
		return nil, mem
	}
	var off int64
	if det.enc == unicode.UTF8BOM {
		head := make([]byte, 3)
		if n, _ := r.ReadAt(head, 0); n == 3 && bytes.Equal(head, bom) {
			off = 3
		}
	}
	return io.NewSectionReader(r, off, size-off), nil
}

// decodePage appends src decoded by enc to dst, as the reader decoded
// returns for it reads it. ok is false when the page decodes to more than
// maxSlicePage bytes, or the decoder fails: the page is then read from
// that reader.
func decodePage(dst []byte, enc encoding.Encoding, src []byte) (b []byte, ok bool) {
	dec := memDecoder(enc)
	for {
		if cap(dst)-len(dst) < 4<<10 {
			dst = slices.Grow(dst, max(len(src)+len(src)/2, 4<<10))
		}
		nDst, nSrc, err := dec.Transform(dst[len(dst):cap(dst)], src, true)
		dst, src = dst[:len(dst)+nDst], src[nSrc:]
		switch {
		case len(dst) > maxSlicePage:
			return dst, false
		case err == nil && len(src) == 0:
			return dst, true
		case err != transform.ErrShortDst || nDst+nSrc == 0:
			return dst, false
		}
	}
}

// readHTMLTree reads the page decoded by det as the tree path does:
// keepVisible, html.Parse and the renderer.
func readHTMLTree(doc *schemas.Document, r io.ReaderAt, size int64, lim Limits, stop *stopper, det detection) {
	rel := doc.SourcePath
	kept, err := keepVisible(stop.reader(transform.NewReader(io.NewSectionReader(r, 0, size), det.enc.NewDecoder())), lim.MaxTextBytes)
	switch {
	case errors.Is(err, errTextLimit):
		doc.Findings = append(doc.Findings, textTooLarge(rel, lim.MaxTextBytes, false))
		return
	case errors.Is(err, errHTMLTags):
		doc.Findings = append(doc.Findings, finding(RuleFileTooLarge, schemas.SeverityError, fmt.Sprintf(
			"%s has more than %d tags, over the limit; it was hashed but not parsed.", rel, maxHTMLTags)))
		return
	case err != nil:
		doc.Findings = append(doc.Findings, finding(RuleHTMLInvalid, schemas.SeverityWarning,
			fmt.Sprintf("%s could only be read in part: %v.", rel, err)))
	}
	root, err := html.Parse(bytes.NewReader(kept))
	if err != nil {
		stop.check() // html.Parse turns the stop into an error
		doc.Findings = append(doc.Findings, finding(RuleHTMLInvalid, schemas.SeverityError,
			fmt.Sprintf("%s could not be parsed as HTML: %v.", rel, err)))
		return
	}
	rd := &renderer{rel: rel, stop: stop}
	rd.node(root, 0)
	rd.flush()
	doc.Text = strings.Join(rd.lines, "\n")
	if len(rd.lines) > 0 {
		doc.Text += "\n"
	}
	doc.Tables = rd.tables
	doc.Findings = append(doc.Findings, rd.findings...)
	doc.Findings = append(doc.Findings, lineLimit(rel, &doc.Text, lim.MaxLineBytes)...)
}

// maxHTMLTags bounds the tags of one page. The page's tree costs memory
// per element, however little text it holds: a report needs a few
// thousand.
const maxHTMLTags = 500_000

// maxHTMLToken bounds one tag or run of text as the tokenizer reads it (an
// inline image in an attribute can take megabytes).
const maxHTMLToken = 16 << 20

// errHTMLTags is met when a page has more than maxHTMLTags tags.
var errHTMLTags = errors.New("more tags than the limit")

// keepVisible streams the page from r through the tokenizer and returns
// what its tree is built from: the tags, with only the attributes the
// renderer reads (spans, and whether an element is hidden), and the text
// outside scripts and styles, as it was written but for runs of whitespace,
// kept as one. Comments, scripts, styles
// and every other attribute (inline images, event handlers) are left out,
// so what is held is bounded by the limits on text (maxText, counting a
// run of whitespace as one byte) and tags, not by the page's size.
func keepVisible(r io.Reader, maxText int64) ([]byte, error) {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxHTMLToken)
	var out bytes.Buffer
	var text int64
	tags := 0
	skipText := false // inside a script or style: its text is not shown
	space := false    // the last byte kept is whitespace in text
	var name []byte
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return out.Bytes(), nil
			}
			return out.Bytes(), z.Err()
		case html.TextToken:
			raw := z.Raw()
			if skipText {
				continue
			}
			// A run of whitespace (across comments too) is kept as its
			// first byte: the renderer collapses it, and the tree
			// builder only asks whether text is whitespace.
			for _, c := range raw {
				if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
					if !space {
						text++
						out.WriteByte(c)
					}
					space = true
					continue
				}
				space = false
				text++
				out.WriteByte(c)
			}
			if text > maxText {
				return nil, errTextLimit
			}
		case html.DoctypeToken:
			out.Write(z.Raw())
			space = false
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			if tags++; tags > maxHTMLTags {
				return nil, errHTMLTags
			}
			space = false
			// The name from the raw tag: TagName copies every name it
			// returns, one allocation per tag.
			name = rawTagName(name[:0], z.Raw())
			a := atom.Lookup(name)
			skipText = tt == html.StartTagToken && (a == atom.Script || a == atom.Style || a == atom.Noscript || a == atom.Iframe)
			out.WriteByte('<')
			if tt == html.EndTagToken {
				out.WriteByte('/')
			}
			out.Write(name)
			for more := tt != html.EndTagToken; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "colspan", "rowspan", "hidden":
					out.WriteString(" " + string(k) + `="` + html.EscapeString(string(v)) + `"`)
				case "style":
					st := strings.ReplaceAll(strings.ToLower(string(v)), " ", "")
					if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
						out.WriteString(` style="display:none"`)
					}
				}
			}
			if tt == html.SelfClosingTagToken {
				out.WriteByte('/')
			}
			out.WriteByte('>')
		}
	}
}

// rawTagName appends to dst the name of the tag raw ("<td ...>", "</TD>",
// "<br/>"), lower-cased.
func rawTagName(dst, raw []byte) []byte {
	i := 1
	if len(raw) > 1 && raw[1] == '/' {
		i = 2
	}
	for ; i < len(raw); i++ {
		c := raw[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>' {
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func mismatch(rel, label string, det detection) schemas.Finding {
	return finding(RuleCharsetMismatch, schemas.SeverityWarning, fmt.Sprintf(
		"%s declares charset %q but its bytes read as %s, which was used.", rel, label, det.name))
}

func hasBOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}) || bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff})
}

// indexFold is the index of the first instance of sub (lower-case ASCII)
// in s, ASCII letters of s compared without case. strings.ToLower would
// move the bytes after a character it changes the length of (an invalid
// byte becomes U+FFFD), so an index in its result is not one in s.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
			j++
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}

// metaCharset returns the charset a page declares in its first 4 KiB with
// <meta charset> or <meta http-equiv="Content-Type" content="…charset=…">.
// The head is read by sliceTok, as html.Tokenizer reads it without the
// 4 KiB buffer it allocates, or by html.Tokenizer where sliceTok gives up.
func metaCharset(b []byte) string {
	b = b[:min(len(b), 4096)]
	var st sliceTok
	st.reset(b)
	if label := metaCharsetIn(&st); !st.bail {
		return label
	}
	return metaCharsetIn(html.NewTokenizer(bytes.NewReader(b)))
}

// tokens is what metaCharsetIn reads of a tokenizer: html.Tokenizer's
// methods of those names, and sliceTok's.
type tokens interface {
	Next() html.TokenType
	Raw() []byte
	TagAttr() (key, val []byte, more bool)
}

func (t *sliceTok) Next() html.TokenType                  { return t.next() }
func (t *sliceTok) Raw() []byte                           { return t.raw() }
func (t *sliceTok) TagAttr() (key, val []byte, more bool) { return t.tagAttr() }

func metaCharsetIn(z tokens) string {
	var buf [16]byte
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			// The name from the raw tag, as in keepVisible: TagName
			// copies it.
			if atom.Lookup(rawTagName(buf[:0], z.Raw())) != atom.Meta {
				continue
			}
			var cs, content string
			var httpEquiv bool
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					cs = string(v)
				case "content":
					content = string(v)
				case "http-equiv":
					httpEquiv = strings.EqualFold(string(v), "content-type")
				}
			}
			if cs != "" {
				return strings.TrimSpace(cs)
			}
			if httpEquiv {
				if i := indexFold(content, "charset="); i >= 0 {
					v := strings.Trim(content[i+len("charset="):], ` "'`)
					if j := strings.IndexAny(v, "; "); j >= 0 {
						v = v[:j]
					}
					return v
				}
			}
		}
	}
}

// lineLimit truncates lines of text over max bytes, as decodeText does for
// plain text, for formats whose lines are built after decoding.
func lineLimit(rel string, text *string, max int) []schemas.Finding {
	long := false
	for l := range strings.SplitSeq(*text, "\n") {
		if len(l) > max {
			long = true
			break
		}
	}
	if !long {
		return nil
	}
	var enc encoding.Encoding = encoding.Nop
	t, fs, _ := decodeText(context.Background(), rel, strings.NewReader(*text), enc, max, math.MaxInt64)
	*text = t
	return fs
}

// isBlock reports whether an element of atom a is a block, whose text
// starts and ends a line. A switch: a map lookup cost several times as
// much, once or twice for each element a page is rendered from.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption,
		atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Li, atom.Main,
		atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary, atom.Table,
		atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul, atom.Option, atom.Legend:
		return true
	}
	return false
}

// invisible reports whether n and its content are not shown.
func invisible(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Iframe, atom.Object, atom.Select:
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			st := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// renderer turns a parsed page into lines of text and table grids.
type renderer struct {
	rel      string
	lines    []string
	cur      strings.Builder
	space    bool // a space is due before the next text
	tables   []schemas.Table
	findings []schemas.Finding
	deep     bool
	stop     *stopper // nil: never stops
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0'
}

func (r *renderer) text(s string) {
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

func (r *renderer) flush() {
	if r.cur.Len() > 0 {
		r.lines = append(r.lines, r.cur.String())
		r.cur.Reset()
	}
	r.space = false
}

func (r *renderer) tooDeep(depth int) bool {
	if depth <= maxDepth {
		return false
	}
	if !r.deep {
		r.deep = true
		r.findings = append(r.findings, finding(RuleHTMLInvalid, schemas.SeverityWarning, fmt.Sprintf(
			"%s nests elements deeper than %d; the deeper content was dropped.", r.rel, maxDepth)))
	}
	return true
}

func (r *renderer) node(n *html.Node, depth int) {
	r.stop.step()
	if r.tooDeep(depth) {
		return
	}
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode:
		if invisible(n) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			r.flush()
			return
		case atom.Table:
			r.table(n, depth)
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && isBlock(n.DataAtom)
	if block {
		r.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c, depth+1)
	}
	if block {
		r.flush()
	}
}

// table records the grid of a table. A table holding no other table is
// written to the text one line per row, cells joined by '\t'; a layout
// table, holding others, is written as blocks so that the tables inside
// come out as rows in their turn.
func (r *renderer) table(n *html.Node, depth int) {
	r.flush()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Caption && c.Type == html.ElementNode {
			r.node(c, depth+1)
		}
	}
	g := r.grid(n, depth)
	t := schemas.Table{Line: len(r.lines) + 1, Rows: g.final()}
	r.tables = append(r.tables, t)
	if hasTable(n, depth) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom != atom.Caption {
				r.node(c, depth+1)
			}
		}
		r.flush()
		return
	}
	for _, row := range g.textRows(t.Rows) {
		r.lines = append(r.lines, strings.Join(row, "\t"))
	}
}

func hasTable(n *html.Node, depth int) bool {
	if depth > maxDepth {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Table || hasTable(c, depth+1) {
			return true
		}
	}
	return false
}

// rowsOf returns the tr elements of table n itself, not of tables inside.
func rowsOf(n *html.Node) []*html.Node {
	var rows []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for g := c.FirstChild; g != nil; g = g.NextSibling {
				if g.DataAtom == atom.Tr {
					rows = append(rows, g)
				}
			}
		}
	}
	return rows
}

func span(n *html.Node, key string, lo, hi int) int {
	for _, a := range n.Attr {
		if a.Key == key {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil {
				return 1
			}
			return max(lo, min(v, hi))
		}
	}
	return 1
}

// grid expands the rows of table n into a rectangle, the text of a
// spanning cell repeated in every position it covers.
func (r *renderer) grid(n *html.Node, depth int) *grid {
	rows := rowsOf(n)
	g := &grid{rows: make([][]string, len(rows)), set: make([][]bool, len(rows))}
	for i, tr := range rows {
		col := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) {
				continue
			}
			rs := span(td, "rowspan", 0, 65534)
			if rs == 0 || i+rs > len(rows) {
				rs = len(rows) - i // 0: to the end of the table
			}
			cs := span(td, "colspan", 1, 1000)
			for col < len(g.set[i]) && g.set[i][col] {
				col++
			}
			text := r.cellText(td, depth+2)
			if !g.fill(i, col, rs, cs, text) {
				r.findings = append(r.findings, tableTooLarge(r.rel))
				return g
			}
			col += cs
		}
	}
	return g
}

// textRows is rows (the expanded grid) as the document text has them:
// each row's fields (see fields).
func (g *grid) textRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, 0, len(row))
		g.fields(i, row, func(c string) { out[i] = append(out[i], c) })
	}
	return out
}

// cellText is the text content of a cell, whitespace collapsed, <br> and
// block boundaries as a space.
func (r *renderer) cellText(n *html.Node, depth int) string {
	sub := &renderer{rel: r.rel, deep: r.deep, stop: r.stop}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if sub.tooDeep(depth) {
			return
		}
		switch {
		case n.Type == html.TextNode:
			sub.text(n.Data)
			return
		case n.Type != html.ElementNode || invisible(n):
			return
		case n.DataAtom == atom.Br || isBlock(n.DataAtom):
			sub.space = sub.cur.Len() > 0
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if isBlock(n.DataAtom) {
			sub.space = sub.cur.Len() > 0
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, depth)
	}
	if sub.deep && !r.deep {
		r.deep = true
		r.findings = append(r.findings, sub.findings...)
	}
	return sub.cur.String()
}

// grid is a table being expanded.
type grid struct {
	rows  [][]string
	set   [][]bool
	cells int
	// origin marks the cell where a spanning cell's text was printed; the
	// positions it only covers are blank in the document text, so a value
	// with a colspan is read once, not once per column it spans.
	origin [][]bool
}

func (g *grid) fill(r, c, rs, cs int, text string) bool {
	// A cell of one row and one column written at the end of its row, as
	// nearly all are: what the loops below do for it, at once.
	if rs == 1 && cs == 1 && r < len(g.origin) && c == len(g.rows[r]) && c == len(g.set[r]) && c == len(g.origin[r]) && g.cells < maxGridCells {
		g.cells++
		g.rows[r] = append(g.rows[r], text)
		g.set[r] = append(g.set[r], true)
		g.origin[r] = append(g.origin[r], true)
		return true
	}
	for i := r; i < r+rs; i++ {
		for j := c; j < c+cs; j++ {
			for len(g.rows[i]) <= j {
				if g.cells >= maxGridCells {
					return false
				}
				g.cells++
				g.rows[i] = append(g.rows[i], "")
				g.set[i] = append(g.set[i], false)
			}
			if len(g.origin) <= i {
				g.origin = append(g.origin, make([][]bool, i+1-len(g.origin))...)
			}
			for len(g.origin[i]) <= j {
				g.origin[i] = append(g.origin[i], false)
			}
			if !g.set[i][j] {
				g.rows[i][j], g.set[i][j] = text, true
				g.origin[i][j] = i == r && j == c
			}
		}
	}
	return true
}

// rect pads the rows to the widest, so the grid is a rectangle.
func (g *grid) rect() [][]string {
	w := 0
	for _, row := range g.rows {
		w = max(w, len(row))
	}
	if int64(w)*int64(len(g.rows)) > maxGridCells {
		w = maxGridCells / max(1, len(g.rows))
	}
	for i, row := range g.rows {
		if len(row) > w {
			g.rows[i] = row[:w]
		}
		for len(g.rows[i]) < w {
			g.rows[i] = append(g.rows[i], "")
		}
	}
	return g.rows
}
