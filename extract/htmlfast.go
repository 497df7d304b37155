package extract

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The fast reader of HTML: one pass of the tokenizer over the decoded page
// builds a flat tree (nodes in document order, each element knowing where
// its descendants end) by following the tree construction of
// golang.org/x/net/html for the pages reports come in: documents whose
// tables are tables (no content outside the cells), whose formatting
// elements close in order, without frames, forms inside tables, selects,
// templates or foreign content. It builds the tree html.Parse would build
// from what keepVisible keeps, as far as the renderer can tell, and renders
// it as the renderer does. Where the page needs more of the algorithm than
// it follows (foster parenting, the adoption agency, quirks that move a
// table), it gives up and the page is read by keepVisible, html.Parse and
// the renderer (fastHTML returns false): the text and tables are always
// those of that path.

// Kinds of flat nodes.
const (
	fText uint8 = iota
	fElem
)

// fnode is one node of the flat tree.
type fnode struct {
	a      atom.Atom
	kind   uint8
	invis  bool  // not shown, with its content (see invisible)
	plain  bool  // a text node textPlain may read (see flushText)
	nested bool  // a table holding another table
	end    int32 // one past its last descendant; -1 while it is open
	t0, t1 int32 // a text node's bytes in fastParser.text
	rs, cs int32 // a cell's rowspan and colspan, as span reads them
}

// open is an element on the stack of open elements.
type open struct {
	node int32
	a    atom.Atom
	mode atom.Atom // the insertion mode with this element on top (mode)
	name string    // for elements without an atom
}

// afeMarker is a scope marker in the list of active formatting elements.
const afeMarker = -1

// fastParser builds the flat tree of one page.
type fastParser struct {
	z       *html.Tokenizer // nil when st reads the page
	stop    *stopper
	st      sliceTok
	page    []byte
	nodes   []fnode
	text    []byte
	oe      []open
	afe     []int32 // node of each active formatting element, or afeMarker
	names   map[string]string
	pending int   // where in text the text kept since the last tag (as keepVisible writes it) begins
	marks   uint8 // the textClass bits of pending's bytes, pendSpaceOdd and pendOddSpace
	form    int32 // the form element pointer, -1 for none
	phase   int   // before html, before head, in head, after head, in body
	raw     bool  // the next text is the content of a raw text element
	skip    bool  // ... and is not kept (script, style, noscript, iframe)
	space   bool  // keepVisible's state: the last byte kept is whitespace
	kept    int64 // bytes of text keepVisible keeps
	tags    int
	ok      bool
	implied bool         // the tag being handled is implied: it has no attributes
	rd      fastRenderer // its buffers are kept from page to page
}

const (
	phBeforeHTML = iota
	phBeforeHead
	phInHead
	phAfterHead
	phBody
)

// maxFastDepth bounds the stack of open elements on the fast path;
// html.Parse gives up at 512.
const maxFastDepth = 480

var fastPool = sync.Pool{New: func() any {
	return &fastParser{names: map[string]string{}}
}}

// fastHTML reads the decoded page from r, or from page when it is in
// memory (else nil). valid says the page is known to be valid UTF-8: the
// text of its text nodes then is too (cut at '<' and ASCII white space,
// entities decoded to valid UTF-8), and is not checked again. It returns
// false when the page is to be read by the tree path, having left doc
// untouched.
func fastHTML(doc *schemas.Document, r io.Reader, page []byte, valid bool, maxText int64, stop *stopper) bool {
	return fastHTMLVia(doc, r, page, valid, maxText, stop, true)
}

// fastHTMLVia is fastHTML, with html.Tokenizer alone unless slice is set.
func fastHTMLVia(doc *schemas.Document, r io.Reader, page []byte, valid bool, maxText int64, stop *stopper, slice bool) bool {
	p := fastPool.Get().(*fastParser)
	defer func() {
		p.z = nil
		p.st.s, p.st.name = nil, nil
		p.stop = nil
		p.rd.release()
		if cap(p.nodes) <= 1<<16 && cap(p.text) <= 1<<20 && cap(p.page) <= 2*maxSlicePage && p.rd.small() {
			fastPool.Put(p)
		}
	}()
	p.reset()
	p.stop = stop
	if !slice {
		page = nil
	} else if page == nil {
		b, all, err := readPage(p.page[:0], r, maxSlicePage)
		p.page = b
		if err != nil {
			return false // as html.Tokenizer would meet it before the end
		}
		if all {
			page = b
		} else {
			r = io.MultiReader(bytes.NewReader(b), r)
		}
	}
	ok := false
	if page != nil {
		p.st.reset(page)
		ok = p.run(maxText)
		if !ok && p.st.bail {
			p.reset()
			r = stop.reader(bytes.NewReader(page))
			page = nil
		}
	}
	if page == nil {
		z := html.NewTokenizer(r)
		z.SetMaxBuf(maxHTMLToken)
		p.z = z
		ok = p.run(maxText)
	}
	if !ok {
		return false
	}
	rd := &p.rd
	rd.renderer = renderer{rel: doc.SourcePath, stop: stop}
	rd.p, rd.s, rd.valid = p, p.text, valid || utf8.Valid(p.text)
	rd.out = slices.Grow(rd.out, len(p.text)) // the text is about that of the text nodes
	if len(p.nodes) > 0 {
		rd.node(0, 1)
	}
	rd.flush()
	doc.Text = string(rd.out)
	doc.Tables = rd.tables
	doc.Findings = append(doc.Findings, rd.findings...)
	return true
}

func (p *fastParser) reset() {
	p.nodes = p.nodes[:0]
	p.text = p.text[:0]
	p.oe = p.oe[:0]
	p.afe = p.afe[:0]
	p.pending = 0
	p.marks = 0
	p.form = -1
	p.phase = phBeforeHTML
	p.raw, p.skip, p.space = false, false, false
	p.kept, p.tags = 0, 0
	p.ok = true
	if len(p.names) > 256 {
		clear(p.names)
	}
}

// maxSlicePage is the largest page decoded into memory for sliceTok (a
// page in memory as it is needs no copy); a larger one is read by
// html.Tokenizer as it streams.
const maxSlicePage = 1 << 20

// readPage appends r's bytes to dst, at most limit of them: all is false
// when r has more.
func readPage(dst []byte, r io.Reader, limit int) (b []byte, all bool, err error) {
	for {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)]
		}
		n, err := r.Read(dst[len(dst):min(cap(dst), limit+1)])
		dst = dst[:len(dst)+n]
		if len(dst) > limit {
			return dst, false, nil
		}
		if err == io.EOF {
			return dst, true, nil
		}
		if err != nil {
			return dst, false, err
		}
	}
}

func (p *fastParser) rawToken() []byte {
	if p.z != nil {
		return p.z.Raw()
	}
	return p.st.raw()
}

func (p *fastParser) tagAttr() (kind uint8, val []byte, more bool) {
	if p.z != nil {
		var key []byte
		key, val, more = p.z.TagAttr()
		return attrKind(key), val, more
	}
	kind, val, more = p.st.attr()
	if p.st.bail {
		p.fail()
		return keyOther, nil, false
	}
	return kind, val, more
}

// run builds the flat tree; false means the tree path must read the page
// (or, with p.st.bail set, html.Tokenizer).
func (p *fastParser) run(maxText int64) bool {
	var name, buf []byte
	for p.ok {
		// The next token, from whichever tokenizer reads the page: a
		// method of its own for this was a call more per token.
		var tt html.TokenType
		if p.z != nil {
			tt = p.z.Next()
		} else {
			p.stop.step()
			tt = p.st.next()
		}
		switch tt {
		case html.ErrorToken:
			if p.z == nil && p.st.bail || p.z != nil && p.z.Err() != io.EOF {
				return false // the tree path reports it
			}
			p.flushText()
			p.finish()
			return p.ok
		case html.TextToken:
			if p.raw && p.skip {
				continue
			}
			// keepVisible's loop, a run of other bytes at a time. The
			// bytes flushText and textPlain look for are noted on the
			// way (marks), where they would take passes of their own.
			raw := p.rawToken()
			marks := p.marks
			for i := 0; i < len(raw); {
				c := raw[i]
				k := textClass[c]
				if k == classSpace {
					if !p.space {
						p.kept++
						// a space other than ' ' that a word may follow
						if c != ' ' && len(p.text) > p.pending {
							marks |= pendSpaceOdd
						} else {
							marks &^= pendSpaceOdd
						}
						p.text = append(p.text, c)
					}
					p.space = true
					i++
					continue
				}
				marks |= k
				if p.space {
					marks |= marks << 1 & pendOddSpace // pendSpaceOdd, with a word after it
				}
				j := i + 1
				for j < len(raw) {
					if k := textClass[raw[j]]; k != 0 {
						if k == classSpace {
							break
						}
						marks |= k
					}
					j++
				}
				p.space = false
				p.kept += int64(j - i)
				p.text = append(p.text, raw[i:j]...)
				i = j
			}
			p.marks = marks
			if p.kept > maxText {
				return false
			}
		case html.CommentToken:
		case html.DoctypeToken:
			p.flushText()
			p.space = false
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			if p.tags++; p.tags > maxHTMLTags {
				return false
			}
			p.flushText()
			p.space = false
			var a atom.Atom
			if p.z == nil {
				// sliceTok has read the name
				if !p.st.namePlain {
					return false
				}
				name, a = p.st.name, p.st.nameAtom
			} else {
				buf = rawTagName(buf[:0], p.z.Raw())
				if !plainName(buf) {
					return false
				}
				name, a = buf, atom.Lookup(buf)
			}
			if p.raw {
				// The tokenizer ends a raw text element only at its end tag.
				p.raw, p.skip = false, false
				if p.phase == phBody {
					p.pop()
				}
				continue
			}
			if tt == html.EndTagToken {
				p.end(a, name)
				continue
			}
			if tt == html.SelfClosingTagToken && rawText(a) {
				return false // its content is kept as text by keepVisible
			}
			p.start(a, name)
		}
	}
	return false
}

// plainName reports a tag name that keepVisible's output reads back as
// the same tag.
func plainName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ':' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// rawText reports the elements whose content the tokenizer reads as text.
func rawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Title, atom.Textarea, atom.Xmp, atom.Noembed, atom.Noframes, atom.Plaintext:
		return true
	}
	return false
}

func (p *fastParser) fail() { p.ok = false }

// finish closes what is open at the end of the page.
func (p *fastParser) finish() {
	if p.phase != phBody {
		p.nodes = p.nodes[:0] // nothing of the head is shown
		return
	}
	for len(p.oe) > 0 {
		p.pop()
	}
}

// flushText hands the text kept since the last tag to the tree builder,
// as html.Parse reads it back from keepVisible's output. What it looks
// for ('<', NUL, '&') run's loop has noted in marks. Text without an
// entity, U+00A0 or a white space byte other than ' ' between words
// (runs of white space are kept as one byte) is plain: the renderer
// writes it whole (textPlain) instead of a run of words at a time.
func (p *fastParser) flushText() {
	if len(p.text) == p.pending {
		return
	}
	raw, marks := p.text[p.pending:], p.marks
	p.marks = 0
	switch {
	case p.raw:
		if p.phase == phBody {
			p.fail()
		} // else a title in the head
	case marks&(classLT|classNUL) != 0:
		p.fail() // read back as more than text, or NULs dropped
	case marks&classAmp != 0:
		p.text = append(p.text[:p.pending], html.UnescapeString(string(raw))...)
		p.addText(p.text[p.pending:], false)
	default:
		p.addText(raw, marks&(classC2|pendOddSpace) == 0)
	}
	// The text a node took (textNode) is kept where it was written; any
	// other is let go.
	p.text = p.text[:p.pending]
}

// The classes of the bytes of text (textClass), and the marks the text
// loop of run keeps of pending: each class's bit is set when pending
// holds such a byte.
const (
	classSpace = 1 << iota // HTML white space (isWS)
	classLT                // '<'
	classNUL               // 0
	classAmp               // '&'
	classC2                // 0xC2, which begins U+00A0, a space to the renderer
	// pendSpaceOdd: pending ends with a white space byte other than ' '
	// that is not its first; pendOddSpace: such a byte has a word after it
	pendSpaceOdd
	pendOddSpace
)

// textClass sorts the bytes of text for run's loop: each is 0 or one of
// the classes above. Its spaces are isWS's.
var textClass = func() (t [256]uint8) {
	for c, ws := range wsBytes {
		if ws {
			t[c] = classSpace
		}
	}
	t['<'], t[0], t['&'], t[0xc2] = classLT, classNUL, classAmp, classC2
	return t
}()

// isWS reports HTML white space: ' ', '\t', '\n', '\r' and '\f'. It is a
// look-up in wsBytes, tested a byte of every page's text and tags: five
// comparisons cost several instructions more a byte.
func isWS(c byte) bool { return wsBytes[c] }

var wsBytes = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true}

func trimWS(d []byte) []byte {
	for len(d) > 0 && isWS(d[0]) {
		d = d[1:]
	}
	return d
}

func allWS(d []byte) bool { return len(trimWS(d)) == 0 }

// addText adds the text d; plain says that d, as it is kept, is text
// textPlain reads (flushText).
func (p *fastParser) addText(d []byte, plain bool) {
	if p.phase != phBody {
		d = trimWS(d)
		if len(d) == 0 {
			return
		}
		p.implyBody()
	}
	switch p.mode() {
	case atom.Table, atom.Tbody, atom.Tr, atom.Colgroup:
		if !allWS(d) {
			p.fail() // foster parented
			return
		}
		p.textNode(d, plain)
		return
	}
	top := p.oe[len(p.oe)-1]
	if (top.a == atom.Pre || top.a == atom.Listing) && int(top.node) == len(p.nodes)-1 {
		// A newline at the start of a <pre> is not its content.
		if len(d) > 0 && d[0] == '\r' {
			d = d[1:]
		}
		if len(d) > 0 && d[0] == '\n' {
			d = d[1:]
		}
	}
	if len(d) == 0 {
		return
	}
	p.reconstruct()
	p.textNode(d, plain)
}

// textNode adds a node of the text d, the end of the text kept since the
// last tag, which it keeps where it is.
func (p *fastParser) textNode(d []byte, plain bool) {
	t0 := len(p.text) - len(d)
	p.pending = len(p.text)
	p.nodes = append(p.nodes, fnode{kind: fText, plain: plain, end: int32(len(p.nodes) + 1), t0: int32(t0), t1: int32(len(p.text))})
}

// mode is the insertion mode, from the stack: the table part an element
// nearest the top belongs to, or atom.Body. Each open element holds the
// mode with it on top, set when it is pushed (modeOf): the stack is not
// searched for each token.
func (p *fastParser) mode() atom.Atom {
	if len(p.oe) == 0 {
		return atom.Body
	}
	return p.oe[len(p.oe)-1].mode
}

// modeOf is the mode with element a on top of a stack whose mode was
// below: a's own where a is a table part, body or html, else below. It is
// looked up in modeTable, a slot per element by a hash of its atom, and
// chosen without a branch: a switch over the atoms guessed wrong for
// most elements pushed.
func modeOf(a, below atom.Atom) atom.Atom {
	e := modeTable.slot[uint8((uint32(a)*modeTable.mul)>>24)]
	m := below
	if e.a == a {
		m = e.mode
	}
	return m
}

// modeTable holds the elements that set the mode and their modes, each
// in its slot of a hash (a multiplier that parts them all); an empty
// slot holds ^0, which no element has (an atom's offset in the atom
// table is far below 1<<24).
var modeTable = func() (t struct {
	mul  uint32
	slot [256]struct{ a, mode atom.Atom }
}) {
	modes := map[atom.Atom]atom.Atom{
		atom.Td: atom.Td, atom.Th: atom.Td,
		atom.Tbody: atom.Tbody, atom.Thead: atom.Tbody, atom.Tfoot: atom.Tbody,
		atom.Tr: atom.Tr, atom.Caption: atom.Caption, atom.Colgroup: atom.Colgroup, atom.Table: atom.Table,
		atom.Body: atom.Body, atom.Html: atom.Body,
	}
	for mul := uint32(0x9e3779b1); ; mul += 2 {
		for i := range t.slot {
			t.slot[i].a = ^atom.Atom(0)
		}
		ok := true
		for a, m := range modes {
			h := uint8((uint32(a) * mul) >> 24)
			if t.slot[h].a != ^atom.Atom(0) {
				ok = false
				break
			}
			t.slot[h].a, t.slot[h].mode = a, m
		}
		if ok {
			t.mul = mul
			return t
		}
	}
}()

// push adds an element as the last child of the current node and opens it.
func (p *fastParser) push(a atom.Atom, name []byte, invis bool) int32 {
	if len(p.oe) >= maxFastDepth {
		p.fail()
	}
	n := int32(len(p.nodes))
	p.nodes = append(p.nodes, fnode{a: a, kind: fElem, invis: invis, end: -1, rs: 1, cs: 1})
	e := open{node: n, a: a, mode: modeOf(a, p.mode())}
	if a == 0 {
		e.name = p.intern(name)
	}
	if a == atom.Table {
		for _, o := range p.oe {
			if o.a == atom.Table {
				p.nodes[o.node].nested = true
			}
		}
	}
	p.oe = append(p.oe, e)
	return n
}

func (p *fastParser) intern(b []byte) string {
	if s, ok := p.names[string(b)]; ok {
		return s
	}
	s := string(b)
	p.names[s] = s
	return s
}

func (p *fastParser) pop() {
	e := p.oe[len(p.oe)-1]
	p.oe = p.oe[:len(p.oe)-1]
	p.nodes[e.node].end = int32(len(p.nodes))
}

func (p *fastParser) top() atom.Atom {
	if len(p.oe) == 0 {
		return 0
	}
	return p.oe[len(p.oe)-1].a
}

// attrs reads the attributes of the current start tag the renderer uses.
func (p *fastParser) attrs(n int32, cell bool) {
	nd := &p.nodes[n]
	seenRS, seenCS := false, false
	for more := p.mayMatter(cell); more; {
		var k uint8
		var v []byte
		k, v, more = p.tagAttr()
		switch k {
		case keyHidden:
			nd.invis = true
		case keyStyle:
			if hiddenStyle(v) {
				nd.invis = true
			}
		case keyRowspan:
			if cell && !seenRS {
				nd.rs = int32(spanValue(v, 0, 65534))
			}
			seenRS = true
		case keyColspan:
			if cell && !seenCS {
				nd.cs = int32(spanValue(v, 1, 1000))
			}
			seenCS = true
		}
	}
}

// mayMatter reports whether the current tag may have an attribute the
// renderer reads (with spans, when spans is set), from its raw bytes
// lower-cased, spaces removed: TagAttr copies every key and value it
// returns. A key is its raw bytes lower-cased, and a value has a letter
// or ':' its raw bytes lack only by an entity.
//
// sliceTok has the attributes at hand without copies: all are read.
func (p *fastParser) mayMatter(spans bool) bool {
	if p.implied {
		return false
	}
	if p.z == nil {
		return len(p.st.attrs) > 0
	}
	return rawMayMatter(p.rawToken(), spans)
}

// rawMayMatter is mayMatter on the raw bytes of a tag, read where they
// are: a word is looked for from each of its first letter's places,
// skipping spaces, as it would be found in the bytes lower-cased without
// them.
func rawMayMatter(raw []byte, spans bool) bool {
	if bytes.IndexByte(raw, '&') >= 0 {
		return true
	}
	for i, c := range raw {
		switch c | 0x20 { // 'H' → 'h'; no other byte becomes h, d or s
		case 'h':
			if foldedAt(raw[i+1:], "idden") {
				return true
			}
		case 'd':
			if foldedAt(raw[i+1:], "isplay:none") {
				return true
			}
		case 's':
			if spans && foldedAt(raw[i+1:], "pan") {
				return true
			}
		}
	}
	return false
}

// foldedAt reports whether b starts with word (lower case, no spaces)
// once its spaces are removed and its ASCII letters lowered.
func foldedAt(b []byte, word string) bool {
	j := 0
	for k := 0; k < len(word); k++ {
		for j < len(b) && b[j] == ' ' {
			j++
		}
		if j == len(b) {
			return false
		}
		c := b[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[k] {
			return false
		}
		j++
	}
	return true
}

// hiddenStyle is keepVisible's test of a style attribute (lower case,
// spaces removed, then looked for), read where the value is. Both words
// hold a ':', which only it can match: each ':' of the value (found by
// bytes.IndexByte, not a byte at a time) is looked at, the name before it
// read backwards and the value after it forwards, as they would be found
// in the bytes lower-cased without spaces.
func hiddenStyle(v []byte) bool {
	for i := 0; ; {
		k := bytes.IndexByte(v[i:], ':')
		if k < 0 {
			return false
		}
		k += i
		if foldedBefore(v[:k], "display") && foldedAt(v[k+1:], "none") ||
			foldedBefore(v[:k], "visibility") && foldedAt(v[k+1:], "hidden") {
			return true
		}
		i = k + 1
	}
}

// foldedBefore reports whether b ends with word (lower case, no spaces)
// once its spaces are removed and its ASCII letters lowered.
func foldedBefore(b []byte, word string) bool {
	j := len(b)
	for k := len(word) - 1; k >= 0; k-- {
		for j > 0 && b[j-1] == ' ' {
			j--
		}
		if j == 0 {
			return false
		}
		j--
		c := b[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[k] {
			return false
		}
	}
	return true
}

// spanValue is span's reading of an attribute's value.
func spanValue(v []byte, lo, hi int) int {
	v = bytes.TrimSpace(v)
	n, ok := atoi(v)
	if !ok {
		return 1
	}
	return max(lo, min(n, hi))
}

// atoi is strconv.Atoi on bytes, without the copy.
func atoi(b []byte) (int, bool) {
	s := b
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		if len(s) > 18 && allDigits(s) {
			// Out of range for strconv.Atoi only past 18 digits; leave
			// the rare long number to it.
			n, err := strconv.Atoi(string(b))
			return n, err == nil
		}
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if b[0] == '-' {
		n = -n
	}
	return n, true
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// attrInvisible reports whether the current start tag hides its element.
func (p *fastParser) attrInvisible() bool {
	hidden := false
	for more := p.mayMatter(false); more; {
		var k uint8
		var v []byte
		k, v, more = p.tagAttr()
		switch k {
		case keyHidden:
			hidden = true
		case keyStyle:
			if hiddenStyle(v) {
				hidden = true
			}
		}
	}
	return hidden
}

func (p *fastParser) implyBody() {
	if len(p.nodes) == 0 {
		p.push(atom.Html, nil, false)
	}
	p.push(atom.Body, nil, false)
	p.phase = phBody
}

// start handles a start tag.
func (p *fastParser) start(a atom.Atom, name []byte) {
	switch a {
	case atom.Template, atom.Frameset, atom.Frame, atom.Math, atom.Svg, atom.Image:
		p.fail()
		return
	}
	if p.phase != phBody {
		p.headStart(a, name)
		return
	}
	p.bodyStart(a, name)
}

func (p *fastParser) headStart(a atom.Atom, name []byte) {
	if a == atom.Html {
		if p.attrInvisible() {
			p.fail()
		}
		if p.phase == phBeforeHTML {
			p.phase = phBeforeHead
		}
		return
	}
	switch p.phase {
	case phBeforeHTML:
		p.phase = phBeforeHead
		p.headStart(a, name)
		return
	case phBeforeHead:
		p.phase = phInHead
		if a == atom.Head {
			return
		}
		p.headStart(a, name)
		return
	case phInHead, phAfterHead:
		switch a {
		case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta, atom.Head:
			return
		case atom.Script, atom.Style, atom.Noscript:
			p.raw, p.skip = true, true
			return
		case atom.Title, atom.Noframes:
			p.raw = true
			return
		}
		if p.phase == phInHead {
			p.phase = phAfterHead
			p.headStart(a, name)
			return
		}
		if a == atom.Body {
			if p.attrInvisible() {
				p.fail()
				return
			}
			p.implyBody()
			return
		}
		p.implyBody()
		p.bodyStart(a, name)
	}
}

func (p *fastParser) headEnd(a atom.Atom, name []byte) {
	switch p.phase {
	case phBeforeHTML, phBeforeHead:
		switch a {
		case atom.Head, atom.Body, atom.Html, atom.Br:
			p.phase++
			p.headEnd(a, name)
		}
	case phInHead:
		switch a {
		case atom.Head:
			p.phase = phAfterHead
		case atom.Body, atom.Html, atom.Br:
			p.phase = phAfterHead
			p.headEnd(a, name)
		}
	case phAfterHead:
		switch a {
		case atom.Body, atom.Html, atom.Br:
			p.implyBody()
			p.end(a, name)
		}
	}
}

func (p *fastParser) inScope(stopButton, stopList bool, targets ...atom.Atom) int {
	for i := len(p.oe) - 1; i >= 0; i-- {
		a := p.oe[i].a
		for _, t := range targets {
			if a == t {
				return i
			}
		}
		switch a {
		case atom.Applet, atom.Caption, atom.Html, atom.Table, atom.Td, atom.Th, atom.Marquee, atom.Object, atom.Template, atom.Select:
			return -1
		case atom.Button:
			if stopButton {
				return -1
			}
		case atom.Ol, atom.Ul:
			if stopList {
				return -1
			}
		}
	}
	return -1
}

func (p *fastParser) inTableScope(targets ...atom.Atom) int {
	for i := len(p.oe) - 1; i >= 0; i-- {
		a := p.oe[i].a
		for _, t := range targets {
			if a == t {
				return i
			}
		}
		switch a {
		case atom.Html, atom.Table, atom.Template:
			return -1
		}
	}
	return -1
}

// popTo pops the elements above i and i.
func (p *fastParser) popTo(i int) {
	for len(p.oe) > i {
		p.pop()
	}
}

// closeP is popUntil(buttonScope, p).
func (p *fastParser) closeP() {
	if i := p.inScope(true, false, atom.P); i >= 0 {
		p.popTo(i)
	}
}

// impliedEnd is generateImpliedEndTags, but for except.
func (p *fastParser) impliedEnd(except atom.Atom) {
	for len(p.oe) > 0 {
		switch a := p.top(); a {
		case atom.Dd, atom.Dt, atom.Li, atom.Optgroup, atom.Option, atom.P, atom.Rb, atom.Rp, atom.Rt, atom.Rtc:
			if a == except {
				return
			}
			p.pop()
			continue
		}
		return
	}
}

func (p *fastParser) clearTo(stops ...atom.Atom) {
	for len(p.oe) > 0 {
		a := p.top()
		if a == atom.Html || a == atom.Template {
			return
		}
		for _, s := range stops {
			if a == s {
				return
			}
		}
		p.pop()
	}
}

func (p *fastParser) element(a atom.Atom, name []byte) int32 {
	n := p.push(a, name, invisibleAtom(a))
	p.attrs(n, a == atom.Td || a == atom.Th)
	return n
}

func (p *fastParser) void(a atom.Atom, name []byte) {
	p.element(a, name)
	p.pop()
}

func invisibleAtom(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Iframe, atom.Object, atom.Select:
		return true
	}
	return false
}

func isFormatting(a atom.Atom) bool {
	switch a {
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.S, atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
		return true
	}
	return false
}

// bodyStart is the start tag in the mode the stack says.
func (p *fastParser) bodyStart(a atom.Atom, name []byte) {
	switch p.mode() {
	case atom.Table:
		p.tableStart(a, name)
	case atom.Tbody:
		p.tbodyStart(a, name)
	case atom.Tr:
		p.rowStart(a, name)
	case atom.Td:
		switch a {
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
			if i := p.inTableScope(atom.Td, atom.Th); i >= 0 {
				p.popTo(i)
				p.clearAFE()
				p.bodyStart(a, name)
			}
			return
		}
		p.inBodyStart(a, name)
	case atom.Caption:
		switch a {
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot, atom.Thead, atom.Tr:
			if i := p.inTableScope(atom.Caption); i >= 0 {
				p.popTo(i)
				p.clearAFE()
				p.bodyStart(a, name)
			}
			return
		}
		p.inBodyStart(a, name)
	case atom.Colgroup:
		switch a {
		case atom.Html:
			p.inBodyStart(a, name)
		case atom.Col:
			p.void(a, name)
		default:
			p.pop()
			p.bodyStart(a, name)
		}
	default:
		p.inBodyStart(a, name)
	}
}

func (p *fastParser) tableStart(a atom.Atom, name []byte) {
	switch a {
	case atom.Caption:
		p.clearTo(atom.Table)
		p.afe = append(p.afe, afeMarker)
		p.element(a, name)
	case atom.Colgroup:
		p.clearTo(atom.Table)
		p.element(a, name)
	case atom.Col:
		p.clearTo(atom.Table)
		p.push(atom.Colgroup, nil, false)
		p.bodyStart(a, name)
	case atom.Tbody, atom.Tfoot, atom.Thead:
		p.clearTo(atom.Table)
		p.element(a, name)
	case atom.Td, atom.Th, atom.Tr:
		p.clearTo(atom.Table)
		p.push(atom.Tbody, nil, false)
		p.bodyStart(a, name)
	case atom.Style, atom.Script:
		p.element(a, name)
		p.raw, p.skip = true, true
	default:
		p.fail() // a table inside a table, or content out of the cells
	}
}

func (p *fastParser) tbodyStart(a atom.Atom, name []byte) {
	switch a {
	case atom.Tr:
		p.clearTo(atom.Tbody, atom.Thead, atom.Tfoot)
		p.element(a, name)
	case atom.Td, atom.Th:
		p.clearTo(atom.Tbody, atom.Thead, atom.Tfoot)
		p.push(atom.Tr, nil, false)
		p.bodyStart(a, name)
	case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Tfoot, atom.Thead:
		if i := p.inTableScope(atom.Tbody, atom.Thead, atom.Tfoot); i >= 0 {
			p.popTo(i)
			p.bodyStart(a, name)
		}
	default:
		p.tableStart(a, name)
	}
}

func (p *fastParser) rowStart(a atom.Atom, name []byte) {
	switch a {
	case atom.Td, atom.Th:
		p.clearTo(atom.Tr)
		p.element(a, name)
		p.afe = append(p.afe, afeMarker)
	case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
		if p.inTableScope(atom.Tr) >= 0 {
			p.clearTo(atom.Tr)
			p.pop()
			p.bodyStart(a, name)
		}
	default:
		p.tableStart(a, name)
	}
}

// inBodyStart is a start tag in body (or in a cell or caption).
func (p *fastParser) inBodyStart(a atom.Atom, name []byte) {
	switch a {
	case atom.Html, atom.Body:
		if p.attrInvisible() {
			p.fail()
		}
	case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta:
		p.void(a, name)
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe:
		p.element(a, name)
		p.raw, p.skip = true, true
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Header, atom.Hgroup, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Search, atom.Section, atom.Summary, atom.Ul,
		atom.Pre, atom.Listing:
		p.closeP()
		p.element(a, name)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		p.closeP()
		switch p.top() {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			p.pop()
		}
		p.element(a, name)
	case atom.Form:
		if p.form >= 0 {
			return
		}
		p.closeP()
		p.form = p.element(a, name)
	case atom.Li, atom.Dd, atom.Dt:
		for i := len(p.oe) - 1; i >= 0; i-- {
			b := p.oe[i].a
			if b == a || (a != atom.Li && (b == atom.Dd || b == atom.Dt)) {
				p.popTo(i)
				break
			}
			if b != atom.Address && b != atom.Div && b != atom.P && special(b) {
				break
			}
		}
		p.closeP()
		p.element(a, name)
	case atom.Button:
		if p.inScope(false, false, atom.Button) >= 0 {
			p.impliedEnd(0)
			if i := p.inScope(false, false, atom.Button); i >= 0 {
				p.popTo(i)
			}
		}
		p.reconstruct()
		p.element(a, name)
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.S, atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
		if a == atom.A {
			for i := len(p.afe) - 1; i >= 0 && p.afe[i] != afeMarker; i-- {
				if p.nodes[p.afe[i]].a == atom.A {
					p.fail() // the adoption agency
					return
				}
			}
		}
		p.reconstruct()
		n := p.push(a, name, false)
		if p.formattingAttrs() {
			p.fail() // reconstructed with attributes that matter
			return
		}
		p.addFormatting(n)
	case atom.Table:
		if p.inScope(true, false, atom.P) >= 0 {
			p.fail() // inside the p in quirks mode, after it otherwise
			return
		}
		p.element(a, name)
	case atom.Area, atom.Br, atom.Embed, atom.Img, atom.Keygen, atom.Wbr, atom.Input:
		p.reconstruct()
		p.void(a, name)
	case atom.Param, atom.Source, atom.Track:
		p.void(a, name)
	case atom.Hr:
		if p.inScope(true, false, atom.P) >= 0 {
			p.impliedEnd(atom.P)
			if i := p.inScope(false, false, atom.P); i >= 0 {
				p.popTo(i)
			}
		}
		p.void(a, name)
	case atom.Caption, atom.Col, atom.Colgroup, atom.Head, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
		// ignored in body
	case atom.Title, atom.Noframes, atom.Textarea, atom.Xmp, atom.Noembed, atom.Plaintext,
		atom.Nobr, atom.Applet, atom.Marquee, atom.Object, atom.Select, atom.Option, atom.Optgroup,
		atom.Rb, atom.Rp, atom.Rt, atom.Rtc:
		p.fail()
	default:
		p.reconstruct()
		p.element(a, name)
	}
}

// formattingAttrs reads a formatting element's attributes: true when one
// is among those keepVisible keeps, which would make clones differ.
func (p *fastParser) formattingAttrs() bool {
	kept := false
	for more := p.mayMatter(true); more; {
		var k uint8
		var v []byte
		k, v, more = p.tagAttr()
		switch k {
		case keyHidden, keyRowspan, keyColspan:
			kept = true
		case keyStyle:
			kept = kept || hiddenStyle(v)
		}
	}
	return kept
}

// addFormatting adds n to the active formatting elements, keeping at most
// three identical ones after the last marker (Noah's Ark, as html.Parse
// counts it).
func (p *fastParser) addFormatting(n int32) {
	a := p.nodes[n].a
	same := 0
	for i := len(p.afe) - 1; i >= 0; i-- {
		e := p.afe[i]
		if e == afeMarker {
			break
		}
		if p.nodes[e].a != a {
			continue
		}
		if same++; same >= 3 {
			p.afe = append(p.afe[:i], p.afe[i+1:]...)
		}
	}
	p.afe = append(p.afe, n)
}

func (p *fastParser) clearAFE() {
	for len(p.afe) > 0 {
		e := p.afe[len(p.afe)-1]
		p.afe = p.afe[:len(p.afe)-1]
		if e == afeMarker {
			return
		}
	}
}

// reconstruct reopens the active formatting elements that were closed.
func (p *fastParser) reconstruct() {
	if len(p.afe) == 0 {
		return
	}
	i := len(p.afe) - 1
	if e := p.afe[i]; e == afeMarker || p.nodes[e].end < 0 {
		return
	}
	for {
		if i == 0 {
			i = -1
			break
		}
		i--
		if e := p.afe[i]; e == afeMarker || p.nodes[e].end < 0 {
			break
		}
	}
	for i++; i < len(p.afe); i++ {
		p.afe[i] = p.push(p.nodes[p.afe[i]].a, nil, false)
	}
}

// end handles an end tag.
func (p *fastParser) end(a atom.Atom, name []byte) {
	if a == atom.Template {
		p.fail()
		return
	}
	if p.phase != phBody {
		p.headEnd(a, name)
		return
	}
	switch p.mode() {
	case atom.Table:
		p.tableEnd(a, name)
	case atom.Tbody:
		switch a {
		case atom.Tbody, atom.Tfoot, atom.Thead:
			if p.inTableScope(a) >= 0 {
				p.clearTo(atom.Tbody, atom.Thead, atom.Tfoot)
				p.pop()
			}
		case atom.Table:
			if i := p.inTableScope(atom.Tbody, atom.Thead, atom.Tfoot); i >= 0 {
				p.popTo(i)
				p.end(a, name)
			}
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Td, atom.Th, atom.Tr:
		default:
			p.tableEnd(a, name)
		}
	case atom.Tr:
		switch a {
		case atom.Tr:
			if p.inTableScope(atom.Tr) >= 0 {
				p.clearTo(atom.Tr)
				p.pop()
			}
		case atom.Table:
			if p.inTableScope(atom.Tr) >= 0 {
				p.clearTo(atom.Tr)
				p.pop()
				p.end(a, name)
			}
		case atom.Tbody, atom.Tfoot, atom.Thead:
			if p.inTableScope(a) >= 0 && p.inTableScope(atom.Tr) >= 0 {
				p.clearTo(atom.Tr)
				p.pop()
				p.end(a, name)
			}
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Td, atom.Th:
		default:
			p.tableEnd(a, name)
		}
	case atom.Td:
		switch a {
		case atom.Td, atom.Th:
			if i := p.inTableScope(a); i >= 0 {
				p.popTo(i)
				p.clearAFE()
			}
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html:
		case atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
			if p.inTableScope(a) < 0 {
				return
			}
			if i := p.inTableScope(atom.Td, atom.Th); i >= 0 {
				p.popTo(i)
				p.clearAFE()
			}
			p.end(a, name)
		default:
			p.inBodyEnd(a, name)
		}
	case atom.Caption:
		switch a {
		case atom.Caption:
			if i := p.inTableScope(atom.Caption); i >= 0 {
				p.popTo(i)
				p.clearAFE()
			}
		case atom.Table:
			if i := p.inTableScope(atom.Caption); i >= 0 {
				p.popTo(i)
				p.clearAFE()
				p.end(a, name)
			}
		case atom.Body, atom.Col, atom.Colgroup, atom.Html, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
		default:
			p.inBodyEnd(a, name)
		}
	case atom.Colgroup:
		switch a {
		case atom.Colgroup:
			p.pop()
		case atom.Col:
		default:
			p.pop()
			p.end(a, name)
		}
	default:
		p.inBodyEnd(a, name)
	}
}

func (p *fastParser) tableEnd(a atom.Atom, name []byte) {
	switch a {
	case atom.Table:
		if i := p.inTableScope(atom.Table); i >= 0 {
			p.popTo(i)
		}
	case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
	default:
		p.fail() // foster parented
	}
}

func (p *fastParser) inBodyEnd(a atom.Atom, name []byte) {
	switch a {
	case atom.Body, atom.Html:
		// After the body, content goes on into it.
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Button, atom.Center, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Header, atom.Hgroup, atom.Listing, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.Pre, atom.Search, atom.Section, atom.Select, atom.Summary, atom.Ul:
		if p.inScope(false, false, a) < 0 {
			return
		}
		p.impliedEnd(0)
		if i := p.inScope(false, false, a); i >= 0 {
			p.popTo(i)
		}
	case atom.Form:
		node := p.form
		p.form = -1
		i := p.inScope(false, false, atom.Form)
		if node < 0 || i < 0 || p.oe[i].node != node {
			return
		}
		p.impliedEnd(0)
		if p.oe[len(p.oe)-1].node != node {
			p.fail() // removed from the middle of the stack
			return
		}
		p.pop()
	case atom.P:
		if p.inScope(true, false, atom.P) < 0 {
			p.implied = true
			p.inBodyStart(atom.P, nil)
			p.implied = false
		}
		p.closeP()
	case atom.Li:
		if i := p.inScope(false, true, atom.Li); i >= 0 {
			p.popTo(i)
		}
	case atom.Dd, atom.Dt:
		if i := p.inScope(false, false, a); i >= 0 {
			p.popTo(i)
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if i := p.inScope(false, false, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6); i >= 0 {
			p.popTo(i)
		}
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr, atom.S, atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
		p.formattingEnd(a, name)
	case atom.Applet, atom.Marquee, atom.Object:
		// never opened on this path
	case atom.Br:
		p.reconstruct()
		p.push(atom.Br, nil, false)
		p.pop()
	default:
		p.otherEnd(a, name)
	}
}

// formattingEnd is the adoption agency where it needs no adopting.
func (p *fastParser) formattingEnd(a atom.Atom, name []byte) {
	top := len(p.oe) - 1
	fe := int32(-1)
	for j := len(p.afe) - 1; j >= 0 && p.afe[j] != afeMarker; j-- {
		if p.nodes[p.afe[j]].a == a {
			fe = p.afe[j]
			break
		}
	}
	if top >= 0 && p.oe[top].a == a && !p.activeFormatting(p.oe[top].node) {
		p.pop()
		return
	}
	if fe < 0 {
		p.otherEnd(a, name)
		return
	}
	idx := -1
	for i := top; i >= 0; i-- {
		if p.oe[i].node == fe {
			idx = i
			break
		}
	}
	if idx < 0 {
		p.removeAFE(fe)
		return
	}
	if p.inScope(false, false, a) < 0 {
		return
	}
	for _, e := range p.oe[idx:] {
		if special(e.a) {
			p.fail() // the adoption agency moves nodes
			return
		}
	}
	p.popTo(idx)
	p.removeAFE(fe)
}

func (p *fastParser) activeFormatting(n int32) bool {
	for _, e := range p.afe {
		if e == n {
			return true
		}
	}
	return false
}

func (p *fastParser) removeAFE(n int32) {
	for i, e := range p.afe {
		if e == n {
			p.afe = append(p.afe[:i], p.afe[i+1:]...)
			return
		}
	}
}

// otherEnd is "any other end tag".
func (p *fastParser) otherEnd(a atom.Atom, name []byte) {
	for i := len(p.oe) - 1; i >= 0; i-- {
		e := p.oe[i]
		if e.a == a && (a != 0 || e.name == string(name)) {
			p.popTo(i)
			return
		}
		if special(e.a) {
			return
		}
	}
}

// special is html's isSpecialElement for HTML elements.
func special(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Applet, atom.Area, atom.Article, atom.Aside, atom.Base, atom.Basefont, atom.Bgsound,
		atom.Blockquote, atom.Body, atom.Br, atom.Button, atom.Caption, atom.Center, atom.Col, atom.Colgroup,
		atom.Dd, atom.Details, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Embed, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.Frame, atom.Frameset, atom.H1, atom.H2, atom.H3, atom.H4,
		atom.H5, atom.H6, atom.Head, atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Iframe, atom.Img,
		atom.Input, atom.Keygen, atom.Li, atom.Link, atom.Listing, atom.Main, atom.Marquee, atom.Menu,
		atom.Meta, atom.Nav, atom.Noembed, atom.Noframes, atom.Noscript, atom.Object, atom.Ol, atom.P,
		atom.Param, atom.Plaintext, atom.Pre, atom.Script, atom.Section, atom.Select, atom.Source,
		atom.Style, atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Template, atom.Textarea, atom.Tfoot,
		atom.Th, atom.Thead, atom.Title, atom.Tr, atom.Track, atom.Ul, atom.Wbr, atom.Xmp:
		return true
	}
	return false
}

// fastRenderer is the renderer over the flat tree; each method is the
// renderer's method of the same name. The text, lines and cells are built
// in byte buffers it reuses: the text is the lines the renderer joins,
// each followed by '\n' (the renderer's lines, Join and the '\n' it adds
// after the last line, without those copies).
type fastRenderer struct {
	renderer
	p         *fastParser
	s         []byte // the text of the text nodes
	valid     bool   // s is valid UTF-8
	out       []byte // the text of the lines so far
	nlines    int    // the lines in out
	line      []byte // the line being built (the renderer's cur)
	cell      []byte // the cell being built
	cellSpace bool
	cellDeep  bool // a cell went deeper than maxDepth
	rows      []int32
	cells     []byte   // the text of the cells of the table being read
	ends      []int    // where each cell's text ends in cells
	deepCells []int    // the cells that went deeper than maxDepth
	g         grid     // the table being read
	lists     [][]bool // the storage of g.set's and g.origin's rows
	flags     []bool   // the storage of g.set's and g.origin's first cells
}

// textRuns is renderer.text for valid UTF-8, which it writes in runs
// between spaces rather than rune by rune: the same bytes.
func textRuns(cur []byte, space *bool, s []byte) []byte {
	for i := 0; i < len(s); {
		if n := spaceAt(s, i); n > 0 {
			*space = len(cur) > 0
			i += n
			continue
		}
		j := i + 1
		for j < len(s) && (!spaceStarts[s[j]] || spaceAt(s, j) == 0) {
			j++
		}
		if *space {
			cur = append(cur, ' ')
			*space = false
		}
		cur = append(cur, s[i:j]...)
		i = j
	}
	return cur
}

// textPlain is textRuns for s that holds no 0xC2 byte (no U+00A0) and no
// two white space bytes in a row, all of those but its first and last
// being ' ' (a plain text node, see flushText): such s is its words
// joined by single spaces, with a space before and after them or not,
// which textRuns writes as they are, a byte at a time.
func textPlain(cur []byte, space *bool, s []byte) []byte {
	i, j := 0, len(s)
	if i < j && isWS(s[0]) {
		*space = len(cur) > 0
		i++
	}
	if i == j {
		return cur
	}
	trail := isWS(s[j-1])
	if trail {
		j--
	}
	if *space {
		cur = append(cur, ' ')
		*space = false
	}
	cur = append(cur, s[i:j]...)
	if trail {
		*space = true
	}
	return cur
}

// textRunes is renderer.text.
func textRunes(cur []byte, space *bool, s []byte) []byte {
	for _, c := range string(s) { // no copy: the compiler ranges over s
		if isSpace(c) {
			*space = len(cur) > 0
			continue
		}
		if *space {
			cur = append(cur, ' ')
			*space = false
		}
		cur = utf8.AppendRune(cur, c)
	}
	return cur
}

// spaceStarts marks the bytes a space (spaceAt) can start with: a byte
// of text is looked up before the switch.
var spaceStarts = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, 0xc2: true}

// spaceAt returns the length of the space (isSpace) at s[i], or 0.
func spaceAt(s []byte, i int) int {
	switch s[i] {
	case ' ', '\t', '\n', '\r', '\f':
		return 1
	case 0xc2:
		if i+1 < len(s) && s[i+1] == 0xa0 {
			return 2
		}
	}
	return 0
}

func (r *fastRenderer) str(i int32) []byte {
	n := &r.p.nodes[i]
	return r.s[n.t0:n.t1]
}

func (r *fastRenderer) text(n *fnode, s []byte) {
	if r.valid && n.plain {
		r.line = textPlain(r.line, &r.space, s)
	} else if r.valid {
		r.line = textRuns(r.line, &r.space, s)
	} else {
		r.line = textRunes(r.line, &r.space, s)
	}
}

func (r *fastRenderer) flush() {
	if len(r.line) > 0 {
		r.out = append(append(r.out, r.line...), '\n')
		r.nlines++
		r.line = r.line[:0]
	}
	r.space = false
}

func (r *fastRenderer) node(i int32, depth int) {
	r.stop.step()
	if r.tooDeep(depth) {
		return
	}
	n := &r.p.nodes[i]
	if n.kind == fText {
		r.text(n, r.str(i))
		return
	}
	if n.invis {
		return
	}
	switch n.a {
	case atom.Br:
		r.flush()
		return
	case atom.Table:
		r.table(i, depth)
		return
	}
	block := isBlock(n.a)
	if block {
		r.flush()
	}
	for c := i + 1; c < n.end; c = r.p.nodes[c].end {
		r.node(c, depth+1)
	}
	if block {
		r.flush()
	}
}

func (r *fastRenderer) table(i int32, depth int) {
	r.flush()
	nodes := r.p.nodes
	end := nodes[i].end
	for c := i + 1; c < end; c = nodes[c].end {
		if nodes[c].a == atom.Caption && nodes[c].kind == fElem {
			r.node(c, depth+1)
		}
	}
	g := r.grid(i, depth)
	t := schemas.Table{Line: r.nlines + 1, Rows: g.final()}
	r.tables = append(r.tables, t)
	if nodes[i].nested {
		for c := i + 1; c < end; c = nodes[c].end {
			if nodes[c].a != atom.Caption {
				r.node(c, depth+1)
			}
		}
		r.flush()
		return
	}
	for i, row := range t.Rows {
		r.out = append(g.appendTextLine(r.out, i, row), '\n')
	}
	r.nlines += len(t.Rows)
}

// release lets go of what the page's document holds and keeps the buffers
// for the next page.
func (r *fastRenderer) release() {
	*r = fastRenderer{out: r.out[:0], line: r.line[:0], cell: r.cell[:0], rows: r.rows[:0], cells: r.cells[:0], ends: r.ends[:0], deepCells: r.deepCells[:0], lists: r.lists[:0], flags: r.flags[:0]}
}

// small reports whether the buffers are of a size worth keeping.
func (r *fastRenderer) small() bool {
	return cap(r.out) <= 1<<20 && cap(r.line) <= 1<<20 && cap(r.cell) <= 1<<20 && cap(r.cells) <= 1<<20 && cap(r.ends) <= 1<<16 && cap(r.lists) <= 1<<14 && cap(r.flags) <= 1<<20
}

// rowsOf appends the tr elements of table i itself to dst.
func (r *fastRenderer) rowsOf(dst []int32, i int32) []int32 {
	nodes := r.p.nodes
	for c := i + 1; c < nodes[i].end; c = nodes[c].end {
		switch nodes[c].a {
		case atom.Tr:
			dst = append(dst, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for g := c + 1; g < nodes[c].end; g = nodes[g].end {
				if nodes[g].a == atom.Tr {
					dst = append(dst, g)
				}
			}
		}
	}
	return dst
}

func (r *fastRenderer) grid(i int32, depth int) *grid {
	start := len(r.rows)
	r.rows = r.rowsOf(r.rows, i)
	rows := r.rows[start:]
	nodes := r.p.nodes
	// The grid is read before the next table's is built: its set and
	// origin take their storage from the renderer's, kept between tables.
	g := &r.g
	r.lists = append(r.lists[:0], make([][]bool, 2*len(rows))...)
	*g = grid{rows: make([][]string, len(rows)), set: r.lists[:len(rows):len(rows)]}
	defer func() {
		r.rows = r.rows[:start]
		for k, row := range g.rows {
			if len(row) == 0 {
				g.rows[k] = nil // a row no cell reached, as the renderer leaves it
			}
		}
	}()
	if len(rows) > 0 && len(rows) <= 1024 {
		// Room for the width of the first row in each row (of a table
		// of report size): the grid grows the same, in fewer steps.
		w := 0
		for td := rows[0] + 1; td < nodes[rows[0]].end; td = nodes[td].end {
			if n := &nodes[td]; n.kind == fElem && (n.a == atom.Td || n.a == atom.Th) {
				w += int(n.cs)
			}
		}
		w = min(w, 64)
		strs := make([]string, 0, w*len(rows))
		r.flags = append(r.flags[:0], make([]bool, 2*w*len(rows))...)
		bools := r.flags
		g.origin = r.lists[len(rows):]
		for k := range rows {
			g.rows[k] = strs[k*w : k*w : k*w+w]
			g.set[k] = bools[2*k*w : 2*k*w : 2*k*w+w]
			g.origin[k] = bools[2*k*w+w : 2*k*w+w : 2*k*w+2*w]
		}
	}
	// The text of every cell first, into one buffer: the table's cells
	// are substrings of one string, not a string each.
	ncells := 0
	for _, tr := range rows {
		for td := tr + 1; td < nodes[tr].end; td = nodes[td].end {
			if n := &nodes[td]; n.kind == fElem && (n.a == atom.Td || n.a == atom.Th) {
				ncells++
			}
		}
	}
	r.cells, r.ends, r.deepCells = r.cells[:0], slices.Grow(r.ends[:0], ncells), r.deepCells[:0]
	for _, tr := range rows {
		for td := tr + 1; td < nodes[tr].end; td = nodes[td].end {
			if n := &nodes[td]; n.kind == fElem && (n.a == atom.Td || n.a == atom.Th) {
				if r.cellText(td, depth+2) {
					r.deepCells = append(r.deepCells, len(r.ends))
				}
				r.ends = append(r.ends, len(r.cells))
			}
		}
	}
	cells := string(r.cells)
	k, from := 0, 0
	for ri, tr := range rows {
		col := 0
		for td := tr + 1; td < nodes[tr].end; td = nodes[td].end {
			n := &nodes[td]
			if n.kind != fElem || (n.a != atom.Td && n.a != atom.Th) {
				continue
			}
			if len(r.deepCells) > 0 && r.deepCells[0] == k {
				r.deepCells = r.deepCells[1:]
				if !r.deep {
					r.deep = true
					r.findings = append(r.findings, tooDeepFinding(r.rel))
				}
			}
			text := cells[from:r.ends[k]]
			from = r.ends[k]
			k++
			rs := int(n.rs)
			if rs == 0 || ri+rs > len(rows) {
				rs = len(rows) - ri
			}
			cs := int(n.cs)
			for col < len(g.set[ri]) && g.set[ri][col] {
				col++
			}
			if !g.fill(ri, col, rs, cs, text) {
				r.findings = append(r.findings, tableTooLarge(r.rel))
				return g
			}
			col += cs
		}
	}
	return g
}

// cellText appends the text of cell i to r.cells, as the renderer's
// cellText reads it; it reports whether the cell goes deeper than
// maxDepth, which grid reports as cellText does, in the order of the cells.
func (r *fastRenderer) cellText(i int32, depth int) bool {
	r.cell, r.cellSpace, r.cellDeep = r.cell[:0], false, false
	nodes := r.p.nodes
	for c := i + 1; c < nodes[i].end; c = nodes[c].end {
		r.cellWalk(c, depth)
	}
	r.cells = append(r.cells, r.cell...)
	return r.cellDeep
}

func tooDeepFinding(rel string) schemas.Finding {
	return finding(RuleHTMLInvalid, schemas.SeverityWarning, fmt.Sprintf(
		"%s nests elements deeper than %d; the deeper content was dropped.", rel, maxDepth))
}

func (r *fastRenderer) cellWalk(i int32, depth int) {
	if depth > maxDepth {
		r.cellDeep = true
		return
	}
	n := &r.p.nodes[i]
	switch {
	case n.kind == fText:
		if r.valid && n.plain {
			r.cell = textPlain(r.cell, &r.cellSpace, r.str(i))
		} else if r.valid {
			r.cell = textRuns(r.cell, &r.cellSpace, r.str(i))
		} else {
			r.cell = textRunes(r.cell, &r.cellSpace, r.str(i))
		}
		return
	case n.invis:
		return
	case n.a == atom.Br || isBlock(n.a):
		r.cellSpace = len(r.cell) > 0
	}
	for c := i + 1; c < n.end; c = r.p.nodes[c].end {
		r.cellWalk(c, depth+1)
	}
	if isBlock(n.a) {
		r.cellSpace = len(r.cell) > 0
	}
}

func tableTooLarge(rel string) schemas.Finding {
	return finding(RuleTableTooLarge, schemas.SeverityError, fmt.Sprintf(
		"%s has a table whose spans expand past %d cells; the rest of it was dropped.", rel, maxGridCells))
}
