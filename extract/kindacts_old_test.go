package extract

// scanXML and scanCommon, with the docxParser's beginKind and endKind, as
// they were before the common kinds of elements were read from kindActs
// and their ends done in scanCommon; kept so that a differential test
// (TestKindActsSameAsPrev) can compare the two. The parser's bool fields
// of then (inText, inRun, inRunPr, runHidden, inTrPr) are the bits of st,
// read and written by flag and setFlag.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
)

// prevBegin and prevEnd are begin and end as they were.
func prevBegin(p *docxParser, local, attrs []byte) bool {
	return prevBeginKind(p, kindOf(local), attrs)
}

func prevEnd(p *docxParser, local []byte) { prevEndKind(p, kindOf(local)) }

func prevScanXML(x *xmlReader, h xmlHandler) error {
	// open holds the names of the open elements. Streamed, they are
	// slices of strings held in names, each name once (a document uses a
	// few dozen); in memory, slices of the document.
	var room [32]openElem // a report's open elements, a dozen deep, without an allocation
	open := room[:0]
	var names map[string][]byte
	if x.r != nil {
		names = map[string][]byte{}
	}
	var scratch []byte // entities decoded
	// A docxParser, the handler of every document read, is called
	// directly: an interface call a token cost more than the call's work
	// (stop and wantText are a field or three, inlined this way).
	p, _ := h.(*docxParser)
	for {
		if p != nil {
			open = prevScanCommon(x, p, open, names)
			if err := p.stop(); err != nil {
				return err
			}
		} else if err := h.stop(); err != nil {
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
				seg := rest[:j]
				if bytes.IndexByte(seg, '&') >= 0 {
					var err error
					if scratch, err = appendUnescaped(scratch[:0], seg); err != nil {
						return err
					}
					seg = scratch
				}
				if p != nil {
					if p.wantText() {
						p.text(seg)
					}
				} else if h.wantText() {
					h.text(seg)
				}
			}
			x.i += j
			continue
		}
		// whether the construct at rest ends in the bytes at hand; if not,
		// more are read and the loop comes back to it. In memory, it is
		// refused when streaming might not have held it (see scanXML).
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
			if x.r == nil && k+2 >= maxXMLToken {
				return errXMLToken
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
			if x.r == nil && 4+k+3 >= maxXMLToken {
				return errXMLToken
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
			if x.r == nil && 9+k+3 >= maxXMLToken {
				return errXMLToken
			}
			if len(open) > 0 {
				h.text(rest[9 : 9+k])
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
			if x.r == nil && k+1 >= maxXMLToken {
				return errXMLToken
			}
			x.i += k + 1
			continue
		}
		// a tag
		name, local, attrs, k, closing, self, ok := plainTag(rest)
		if !ok {
			// not of the common shape: its end found skipping quoted
			// attribute values, its parts taken from between
			k = quotedTagEnd(rest, 1)
			if again, err := more(k < len(rest), "tag"); err != nil || again {
				if err != nil {
					return err
				}
				continue
			}
			if x.r == nil && k+1 >= maxXMLToken {
				return errXMLToken
			}
			tag := rest[1:k]
			closing = len(tag) > 0 && tag[0] == '/'
			if closing {
				tag = tag[1:]
			}
			self = len(tag) > 0 && tag[len(tag)-1] == '/'
			if self {
				tag = tag[:len(tag)-1]
			}
			n := 0
			for n < len(tag) && !isXMLSpace(tag[n]) {
				n++
			}
			name, attrs = tag[:n], tag[n:]
			if n == 0 {
				return fmt.Errorf("xml: tag without a name")
			}
			local = name
			if c := bytes.LastIndexByte(name, ':'); c >= 0 {
				local = name[c+1:]
			}
		}
		if x.r == nil && k+1 >= maxXMLToken {
			return errXMLToken
		}
		x.i += k + 1
		if closing {
			if len(open) == 0 || !bytes.Equal(open[len(open)-1].name, name) {
				var last []byte
				if len(open) > 0 {
					last = open[len(open)-1].name
				}
				return fmt.Errorf("xml: element </%s> closes <%s>", name, last)
			}
			open = open[:len(open)-1]
			if p != nil {
				prevEnd(p, local)
			} else {
				h.end(local)
			}
			continue
		}
		ends := true
		if p != nil {
			ends = prevBegin(p, local, attrs)
			if self {
				prevEnd(p, local)
				continue
			}
		} else {
			h.start(local, attrs)
			if self {
				h.end(local)
				continue
			}
		}
		if names != nil {
			name = holdName(names, name)
		}
		open = append(open, openElem{name: name, local: int32(len(name) - len(local)), plain: ok, ends: ends})
	}
	if len(open) > 0 {
		return fmt.Errorf("xml: document ends inside <%s>", open[len(open)-1].name)
	}
	return nil
}

func prevScanCommon(x *xmlReader, p *docxParser, open []openElem, names map[string][]byte) []openElem {
	// The loop reads by index into buf, with plainTag's reading of a name
	// in line: a call and its seven results a tag, and the registers
	// spilled around them, were a third of the scan's instructions.
	//
	// What the loop keeps is few values (the bytes, with no room past
	// their length, i, open, p), so that fewer are spilled around the
	// calls: what is needed only at the edges is read from x there.
	buf, i := x.buf[:len(x.buf):len(x.buf)], x.i
	// p stops (p.err) only in a call to it: the loop asks after each
	// call instead of before each construct, a branch less a tag.
	if p.err != nil {
		return open
	}
scan:
	for {
		// A tag with eight bytes after its '<', nearly every construct,
		// is told first. (With fewer branches before it, the test of an
		// end tag below is mispredicted half as often: the predictor's
		// history then reaches back to the tag before.)
		if len(buf)-i < 9 || buf[i] != '<' {
			if i >= len(buf) {
				break
			}
			if buf[i] == '<' {
				if !x.eof || len(buf)-i < 2 {
					// (a '<' needs the bytes after it to tell what it
					// opens: streamed, 9 of them)
					break
				}
				goto general
			}
			j := bytes.IndexByte(buf[i:], '<')
			if j < 0 {
				break
			}
			if len(open) > 0 {
				seg := buf[i : i+j]
				if bytes.IndexByte(seg, '&') >= 0 {
					break
				}
				if p.wantText() {
					if p.text(seg); p.err != nil {
						i += j
						break
					}
				}
			}
			i += j
			continue
		}
		{
			// The eight bytes after the '<', read at once: the end tag of
			// the open element when they are those its start tag left
			// (cmask, nkey), else most start tags, whose names are short,
			// read from them without a branch a byte.
			w := binary.LittleEndian.Uint64(buf[i+1:])
			if len(open) > 0 {
				if top := &open[len(open)-1]; w&top.cmask == ^top.nkey {
					i += len(top.name) + 3
					open = open[:len(open)-1]
					if top.ends {
						if prevEndKind(p, top.kind); p.err != nil {
							break scan
						}
					}
					continue
				}
			}
			// (one test on the hot path for the bytes that start no
			// start tag's name)
			if c1 := byte(w); notName[c1] {
				if c1 != '/' {
					break // '?' or '!'
				}
				goto general
			}
			// The name is read from a word too: the bytes after the '<',
			// or those after a prefix's ':', when a name has one.
			// stops marks the bytes that may end a name or separate a
			// prefix (a name's own bytes are those of nameByte 0 and
			// ':', and every byte of nameStop is below 0x30 or '>').
			// (Shifts are masked with 63: no shift here is more, and
			// Go's shifts past 63 cost instructions of their own.)
			start, from := i+1, i+1 // the local name is buf[from:j]
			var lw, m uint64        // the word at from, and its stops
			if uint16(w) == 'w'|':'<<8 && len(buf)-i >= 17 {
				// the prefix of nearly every name of a document.xml,
				// whose first stop is its ':'
				from += 2
				lw = binary.LittleEndian.Uint64(buf[from:])
				m = stops(lw)
			} else if lw, m = w, stops(w); byte(w>>(8*(bits.TrailingZeros64(m)>>3)&63)) == ':' && len(buf)-i >= 17 {
				from += bits.TrailingZeros64(m)>>3 + 1
				lw = binary.LittleEndian.Uint64(buf[from:])
				m = stops(lw)
			}
			// e is 8 when lw holds no stop; its byte 0 is then not nameStop
			if e := bits.TrailingZeros64(m) >> 3; nameByte[byte(lw>>(8*e&63))] == nameStop && from+e > start {
				j := from + e
				n := from - start // bytes of prefix
				lk := lw&(1<<(8*e&63)-1) | uint64(e)<<56
				ke := &kindTable[(lk*kindMul)>>(64-kindBits)]
				d := ke.key ^ lk
				kind := ke.kind & (tagKind((d|-d)>>63) - 1) // kindOther unless the keys are equal
				var attrs []byte
				k, self := j, false // k: the tag's '>'
				switch c := buf[j]; {
				case c == '>':
				case c == '/':
					if j+1 == len(buf) || buf[j+1] != '>' {
						break scan
					}
					k, self = j+1, true
				default: // whitespace: nameStop's other bytes are not of tags read here
					if !isXMLSpace(c) {
						break scan
					}
					if k = quotedTagEnd(buf, j); k == len(buf) {
						break scan
					}
					// (only a tag with attributes may be long enough
					// to reach the bound)
					if k-i >= maxXMLToken-1 && x.r == nil {
						break scan
					}
					attrs = buf[j:k]
					if self = attrs[len(attrs)-1] == '/'; self {
						attrs = attrs[:len(attrs)-1]
					}
				}
				i = k + 1
				ends := prevBeginKind(p, kind, attrs)
				if self {
					if ends {
						prevEndKind(p, kind)
					}
					if p.err != nil {
						break scan
					}
					continue
				}
				name := buf[start:j]
				if names != nil {
					name = holdName(names, name)
				}
				// "/name>" at the bytes after the '<', for a name of at
				// most six bytes
				nl := j - start
				cmask := ^uint64(0) >> ((48 - 8*nl) & 63)
				nkey := ^('/' | (w&(1<<(8*nl&63)-1))<<8 | '>'<<((8*nl+8)&63))
				if nl > 6 {
					cmask, nkey = 0, 0
				}
				// written in place: a composite appended is built on the
				// stack and copied
				if len(open) == cap(open) {
					open = append(open, openElem{})
				} else {
					open = open[:len(open)+1]
				}
				top := &open[len(open)-1]
				top.name, top.local, top.plain, top.ends, top.kind, top.cmask, top.nkey = name, int32(n), true, ends, kind, cmask, nkey
				if p.err != nil {
					break scan
				}
				continue
			}
		}
	general:
		c1 := buf[i+1]
		if c1 == '?' || c1 == '!' {
			break
		}
		if c1 == '/' && len(open) > 0 {
			// the end tag of the open element, as plainTag would read
			// it: a name plainTag read holds no byte that ends a name
			top := &open[len(open)-1]
			if n := len(top.name); top.plain && i+n+2 < len(buf) && buf[i+n+2] == '>' && string(buf[i+2:i+n+2]) == string(top.name) {
				if n+2 >= maxXMLToken-1 && x.r == nil {
					break
				}
				i += n + 3
				open = open[:len(open)-1]
				if top.ends {
					if prevEnd(p, top.name[top.local:]); p.err != nil {
						break scan
					}
				}
				continue
			}
		}
		// a tag of plainTag's shape, read as it reads one
		j := i + 1
		if c1 == '/' {
			j++
		}
		start, from := j, j // the local name is buf[from:j]
		for {
			// (a loop of its own, whose few values stay in registers)
			for j < len(buf) && nameByte[buf[j]] == 0 {
				j++
			}
			if j == len(buf) || buf[j] != ':' {
				break
			}
			j++
			from = j
		}
		if j == start || j >= len(buf) {
			break
		}
		name, local := buf[start:j], buf[from:j]
		var attrs []byte
		k, self := j, false // k: the tag's '>'
		switch c := buf[j]; {
		case c == '>':
		case c == '/':
			if j+1 == len(buf) || buf[j+1] != '>' {
				break scan
			}
			k, self = j+1, true
		case isXMLSpace(c):
			if k = quotedTagEnd(buf, j); k == len(buf) {
				break scan
			}
			attrs = buf[j:k]
			if self = attrs[len(attrs)-1] == '/'; self {
				attrs = attrs[:len(attrs)-1]
			}
		default:
			break scan
		}
		if k-i >= maxXMLToken-1 && x.r == nil {
			break
		}
		if c1 == '/' {
			if len(open) == 0 || !bytes.Equal(open[len(open)-1].name, name) {
				break
			}
			i = k + 1
			ends := open[len(open)-1].ends
			open = open[:len(open)-1]
			if ends {
				if prevEnd(p, local); p.err != nil {
					break
				}
			}
			continue
		}
		i = k + 1
		ends := prevBegin(p, local, attrs)
		if self {
			if ends {
				prevEnd(p, local)
			}
			if p.err != nil {
				break
			}
			continue
		}
		if names != nil {
			name = holdName(names, name)
		}
		open = append(open, openElem{name: name, local: int32(len(name) - len(local)), plain: true, ends: ends})
		if p.err != nil {
			break
		}
	}
	x.i = i
	return open
}

func prevBeginKind(p *docxParser, kind tagKind, attrs []byte) bool {
	p.stopper.step()
	if p.skip > 0 {
		p.skip++
		return true
	}
	switch kind {
	case kindSkip:
		// Fallback repeats the content of its Choice; deleted and
		// moved-away text and field codes are not shown. A paragraph's
		// tab stops (w:pPr/w:tabs/w:tab) are positions, not the tab
		// characters a run's w:tab writes.
		p.skip = 1
		return true
	case kindDel:
		if p.flag(stTrPr) && p.tooDeep == 0 {
			if t := p.top(); t != nil && len(t.deleted) > 0 {
				t.deleted[len(t.deleted)-1] = true
			}
		}
		// a run-level w:del holds deleted runs; in properties it is
		// empty and closes at once
		p.skip = 1
		return true
	case kindR:
		p.setFlag(stRun, true)
		p.setFlag(stHidden, false)
		return true
	case kindRPr:
		p.setFlag(stRunPr, p.flag(stRun))
		return true
	case kindP:
		return true
	case kindVanish:
		if p.flag(stRunPr) {
			p.setFlag(stHidden, vanishes(attrs))
		}
	case kindT:
		p.setFlag(stText, true)
		return true
	case kindNoBreakHyphen:
		// a hyphen Word keeps on the line: "2023‑2024年"
		if !p.flag(stHidden) {
			p.text(hyphenText)
		}
	case kindTab:
		if p.flag(stHidden) {
			break
		}
		if len(p.stack) == 0 {
			p.text(tabText)
		} else {
			p.sep()
		}
	case kindBr:
		if p.flag(stHidden) {
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
			return true
		}
		if len(p.stack) == 0 {
			p.endParagraph()
		} else if c := p.cell(); c != nil {
			c.endPara()
			p.top().nested = true
		}
		p.stack = append(p.stack, &docxTable{})
		return true
	case kindTr:
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
	case kindTrPr:
		p.setFlag(stTrPr, true)
		return true
	case kindGridBefore:
		if t := p.top(); t != nil && len(t.rows) > 0 && p.tooDeep == 0 {
			n, _ := strconv.Atoi(string(attrVal(attrs, "val")))
			if n > 0 && p.keep() {
				last := len(t.rows) - 1
				t.rows[last] = append(t.rows[last], p.newCell(n))
			}
		}
	case kindTc:
		if t := p.top(); t != nil && len(t.rows) > 0 && p.tooDeep == 0 && p.keep() {
			last := len(t.rows) - 1
			t.rows[last] = append(t.rows[last], p.newCell(1))
		}
	case kindGridSpan:
		if c := p.cell(); c != nil && p.tooDeep == 0 {
			if n, err := strconv.Atoi(string(attrVal(attrs, "val"))); err == nil {
				c.span = n
			}
		}
	case kindHMerge:
		if c := p.cell(); c != nil && p.tooDeep == 0 {
			c.hCont = string(attrVal(attrs, "val")) != "restart"
		}
	case kindVMerge:
		if c := p.cell(); c != nil && p.tooDeep == 0 {
			c.vMerge = 2
			if string(attrVal(attrs, "val")) == "restart" {
				c.vMerge = 1
			}
		}
	}
	return false
}

func prevEndKind(p *docxParser, kind tagKind) {
	if p.skip > 0 {
		p.skip--
		return
	}
	switch kind {
	case kindT:
		p.setFlag(stText, false)
	case kindR:
		p.setFlag(stRun, false)
		p.setFlag(stHidden, false)
	case kindRPr:
		p.setFlag(stRunPr, false)
	case kindTrPr:
		p.setFlag(stTrPr, false)
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
