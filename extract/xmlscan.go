package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// xmlHandler hears what scanXML finds: start tags by local name with
// their raw attributes, end tags, and character data with entities
// decoded. The byte slices are valid only during the call. wantText says
// whether the handler would use character data at this point; when it
// would not, the data is still checked (entities) but not handed over.
// stop is asked before each token; a non-nil error ends the scan with it.
type xmlHandler interface {
	start(local, attrs []byte)
	end(local []byte)
	wantText() bool
	text(b []byte)
	stop() error
}

// scanXML reads word/document.xml with a scanner of our own: encoding/xml
// spent most of a .docx's reading time (and allocations) on tokens and
// names nianbao never looks at. It checks what matters for trusting the
// text: the bytes are UTF-8, every tag is closed, end tags match their
// start tags, and the document does not end inside an element, a comment
// or a tag.
//
// It streams (newXMLReader): at most maxXMLToken bytes of the document are
// held at a time, so a document.xml of hundreds of megabytes costs no more
// than a small one; character data longer than that is handed over in
// pieces. A document already in memory (memXMLReader) is scanned where it
// is; it fails with errXMLToken on a construct that streaming might not
// have held, so that an error-free scan in memory is one that streaming
// would have made too, with the same calls to h.
func scanXML(x *xmlReader, h xmlHandler) error {
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
			open = scanCommon(x, p, open, names)
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
				p.end(local)
			} else {
				h.end(local)
			}
			continue
		}
		ends := true
		if p != nil {
			ends = p.begin(local, attrs)
			if self {
				p.end(local)
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

// holdName is name held in names, each name once: streamed, the bytes a
// name was read from are reused.
func holdName(names map[string][]byte, name []byte) []byte {
	held, ok := names[string(name)]
	if !ok {
		held = []byte(string(name))
		names[string(held)] = held
	}
	return held
}

// scanCommon reads for p, from x.buf[x.i:], what nearly all of a
// word/document.xml is made of: tags of the common shape (plainTag) and
// character data without entities between them. It stops before
// anything else, at the end of the bytes held or of a construct that may
// go on past them, or when p stops; scanXML's loop takes that as it takes
// every construct, then calls it again. Each construct it reads makes
// the calls, and leaves open and x as, scanXML's loop would. A loop of its
// own, where the general case's state is not live, costs far fewer
// instructions a tag.
func scanCommon(x *xmlReader, p *docxParser, open []openElem, names map[string][]byte) []openElem {
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
					// what the end does (see endAct): endKind is called
					// for a paragraph's or table's only. The test of
					// a != 0, last, is not needed (a clears no bit then),
					// but it is what tells the predictor, at the next
					// tag's test above, whether an end tag is likely
					// again (after </w:t>, </w:r>, </w:p>) or a start tag
					// (after </w:tcPr>, </w:pPr>, </w:tc>): without it
					// that test was mispredicted twice as often, 1.66 M
					// against 0.86 M times in BenchmarkReadDOCXCorpus's
					// 1 053 files; with it, 0.37 M for its own.
					a := top.endAct
					if a >= endCall {
						if p.endKind(top.kind); p.err != nil {
							break scan
						}
					}
					if a != 0 {
						p.st &^= a
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
			if e := bits.TrailingZeros64(m) >> 3; from+e > start && nameByte[byte(lw>>(8*e&63))] == nameStop {
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
				// beginKind, with what the element's end does (an endAct)
				// read from kindActs for the common kinds. Only a call may
				// stop p: the error is asked after one. (The fewer branches
				// from here to the next tag's, the better that tag's test
				// of an end tag above is predicted: the predictor's
				// history then still holds this tag's.)
				p.stopper.step()
				var a uint8
				if kind >= kindSlow || p.skip > 0 {
					a = p.beginSlow(kind, attrs)
					if self {
						// ended as begin and end are called, even when
						// begin has stopped p (a table's start, when the
						// text before it is over the limit); a slow kind's
						// endAct is 0 or endCall
						if a >= endCall {
							p.endKind(kind)
						}
						if p.err != nil {
							break scan
						}
						continue
					}
					if p.err != nil {
						break scan
					}
				} else {
					ka := &kindActs[kind&31]
					p.st = p.st&^ka.clear | ka.set
					a = ka.end
					if self {
						p.st &^= a
						if a >= endCall {
							if p.endKind(kind); p.err != nil {
								break scan
							}
						}
						continue
					}
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
				top.name, top.local, top.plain, top.ends, top.endAct, top.kind, top.cmask, top.nkey = name, int32(n), true, a != 0, a, kind, cmask, nkey
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
					if p.end(top.name[top.local:]); p.err != nil {
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
				if p.end(local); p.err != nil {
					break
				}
			}
			continue
		}
		i = k + 1
		ends := p.begin(local, attrs)
		if self {
			if ends {
				p.end(local)
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

// openElem is an element scanXML has read the start tag of and not yet
// the end tag.
type openElem struct {
	name  []byte
	local int32 // where in name its local part starts
	plain bool  // plainTag read its start tag
	// ends is false when the docxParser's end does nothing for the
	// element (begin's result), which scanCommon then does not call.
	ends bool
	// endAct is what its end does, when scanCommon read its start tag
	// from a word (then ends is endAct != 0).
	endAct uint8
	kind   tagKind // of its local name, when scanCommon read it from a word
	// The element's end tag is the eight bytes after a '<' that, masked
	// with cmask, are ^nkey; nkey is 0, which no masked bytes are the
	// complement of, for an element whose end tag is not read so.
	cmask, nkey uint64
}

// bytesEqual has the high bit of each byte of w that is c set, and no
// other bit.
func bytesEqual(w uint64, c byte) uint64 {
	x := w ^ (0x0101010101010101 * uint64(c))
	return ^((x&0x7f7f7f7f7f7f7f7f + 0x7f7f7f7f7f7f7f7f) | x) & 0x8080808080808080
}

// stops has the high bit of each byte of w that may end a tag's name or
// separate its prefix set, and no other bit: the bytes below 0x30, ':'
// and '>' (0x3a and 0x3e, the bytes whose xor with 0x3a is 0 but for
// bit 2). Each byte's test is in its own byte: no carry crosses to the
// next.
func stops(w uint64) uint64 {
	const low7, high = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	x := (w ^ 0x3a3a3a3a3a3a3a3a) &^ 0x0404040404040404
	below := (w&low7 + 0x5050505050505050) | w // high bit clear: below 0x30
	colonOrEnd := (x&low7 + low7) | x          // high bit clear: x is 0
	return ^(below & colonOrEnd) & high
}

// kindTable holds the kinds of the local names of at most seven bytes
// that begin and end tell apart, at the slot (key*kindMul)>>(64-kindBits)
// of their key: the name's bytes, little-endian, and its length in the
// top byte. Any other name is kindOther: at its slot is another key.
var (
	kindTable [1 << kindBits]struct {
		key  uint64
		kind tagKind
	}
	kindMul uint64
)

const kindBits = 6

// nameKey is the key of kindTable for a local name of at most seven
// bytes.
func nameKey(local []byte) uint64 {
	var b [8]byte
	copy(b[:], local)
	b[7] = byte(len(local))
	return binary.LittleEndian.Uint64(b[:])
}

// kindNames are the local names kindOf sorts apart from kindOther.
var kindNames = []string{"Fallback", "delText", "instrText", "moveFrom", "delInstrText", "tabs", "del", "r", "rPr", "p", "vanish", "t",
	"noBreakHyphen", "tab", "ptab", "br", "cr", "tbl", "tr", "trPr", "gridBefore", "tc", "gridSpan", "hMerge", "vMerge"}

func init() {
	// the first multiplier that gives each key a slot of its own
	for mul := uint64(0x9e3779b97f4a7c15); ; mul += 2 {
		var used [1 << kindBits]bool
		ok := true
		for _, name := range kindNames {
			if len(name) > 7 {
				continue
			}
			s := (nameKey([]byte(name)) * mul) >> (64 - kindBits)
			if used[s] {
				ok = false
				break
			}
			used[s] = true
		}
		if !ok {
			continue
		}
		kindMul = mul
		for s := range kindTable {
			kindTable[s].key = ^uint64(0) // no name's key: its top byte is at most 7
		}
		for _, name := range kindNames {
			if len(name) <= 7 {
				s := &kindTable[(nameKey([]byte(name))*mul)>>(64-kindBits)]
				s.key, s.kind = nameKey([]byte(name)), kindOf([]byte(name))
			}
		}
		return
	}
}

const (
	// maxXMLToken bounds one tag, comment or other markup construct of
	// word/document.xml, and so the bytes held while scanning it.
	maxXMLToken = 1 << 20
	// textPiece is the character data read before it is handed over
	// without waiting for the next tag.
	textPiece = 64 << 10
)

// errXMLToken is met when one construct is over maxXMLToken bytes.
var errXMLToken = fmt.Errorf("xml: a tag or comment over %d bytes", maxXMLToken)

// xmlReader holds the unread bytes of a document, buf[i:], and checks that
// what it reads is UTF-8.
type xmlReader struct {
	r       io.Reader // nil: the document is all in buf
	buf     []byte
	i       int
	checked int // buf[:checked] is known to be UTF-8
	eof     bool
}

// newXMLReader streams the document from r.
func newXMLReader(r io.Reader) *xmlReader { return &xmlReader{r: r} }

// memXMLReader holds the whole document, b, or fails when it is not UTF-8.
func memXMLReader(b []byte) (*xmlReader, error) {
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("xml: invalid UTF-8")
	}
	return &xmlReader{buf: b, checked: len(b), eof: true}, nil
}

// more reads more of the document, keeping the unread bytes.
func (x *xmlReader) more() error {
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

// plainTag reads the tag at the start of rest when it has the common
// shape: a name of bytes other than whitespace, '/', '>' and quotes, after
// '<' or '</', then '>' or '/>', or whitespace and attributes up to the
// first '>' outside quotes. k is the index of that '>'; local is the
// name's part after its last ':'. ok is false for any other shape, and for
// a tag that does not end in rest: what it is then is decided as the
// general case decides it (quotedTagEnd). For a tag it reads, the parts
// are those the general case gives.
func plainTag(rest []byte) (name, local, attrs []byte, k int, closing, self, ok bool) {
	i := 1
	if len(rest) > 1 && rest[1] == '/' {
		closing, i = true, 2
	}
	start, from := i, i // the local name is rest[from:i]
	for ; i < len(rest); i++ {
		if c := nameByte[rest[i]]; c != 0 {
			if c == nameStop {
				break
			}
			from = i + 1 // a ':'
		}
	}
	if i == start || i >= len(rest) {
		return nil, nil, nil, 0, false, false, false
	}
	name, local = rest[start:i], rest[from:i]
	switch c := rest[i]; {
	case c == '>':
		return name, local, nil, i, closing, false, true
	case c == '/':
		if i+1 < len(rest) && rest[i+1] == '>' {
			return name, local, nil, i + 1, closing, true, true
		}
		return nil, nil, nil, 0, false, false, false
	case isXMLSpace(c):
		k = quotedTagEnd(rest, i)
		if k == len(rest) {
			return nil, nil, nil, 0, false, false, false
		}
		attrs = rest[i:k]
		if self = attrs[len(attrs)-1] == '/'; self {
			attrs = attrs[:len(attrs)-1]
		}
		return name, local, attrs, k, closing, self, true
	}
	return nil, nil, nil, 0, false, false, false
}

// notName marks the bytes after a '<' that scanCommon does not read a
// start tag's name from.
var notName = [256]bool{'?': true, '!': true, '/': true}

// nameByte sorts the bytes of a tag's name for plainTag: nameStop ends
// it, nameColon separates a prefix.
var nameByte = [256]uint8{
	' ': nameStop, '\t': nameStop, '\n': nameStop, '\r': nameStop, '/': nameStop, '>': nameStop, '"': nameStop, '\'': nameStop,
	':': nameColon,
}

const (
	nameStop = 1 + iota
	nameColon
)

// quotedTagEnd returns the index of the first '>' of rest at or after i
// outside quoted values (no quote is open at i), or len(rest).
func quotedTagEnd(rest []byte, i int) int {
	// Eight bytes at a time while there are eight: a tag's attributes
	// are short values in quotes, read in a few words where a byte at a
	// time was a branch each.
	for i+8 <= len(rest) {
		m := quoteOrEnd(binary.LittleEndian.Uint64(rest[i:]))
		if m == 0 {
			i += 8
			continue
		}
		i += bits.TrailingZeros64(m) >> 3
		c := rest[i]
		if c == '>' {
			return i
		}
		i++ // past the opening quote, to the closing one
		if i+8 <= len(rest) {
			if q := bytesEqual(binary.LittleEndian.Uint64(rest[i:]), c); q != 0 {
				i += bits.TrailingZeros64(q)>>3 + 1
				continue
			}
		}
		j := bytes.IndexByte(rest[i:], c)
		if j < 0 {
			return len(rest)
		}
		i += j + 1
	}
	for ; i < len(rest); i++ {
		if c := rest[i]; tagQuoteOrEnd[c] {
			if c == '>' {
				return i
			}
			j := bytes.IndexByte(rest[i+1:], c)
			if j < 0 {
				return len(rest)
			}
			i += 1 + j
		}
	}
	return len(rest)
}

// quoteOrEnd has the high bit of each byte of w that quotedTagEnd stops
// at set, and no other bit.
func quoteOrEnd(w uint64) uint64 {
	const low7, ones = 0x7f7f7f7f7f7f7f7f, 0x0101010101010101
	a, b, c := w^('>'*ones), w^('"'*ones), w^('\''*ones)
	// the high bit of each is clear where a byte of a, b or c is 0
	return ^(((a&low7 + low7) | a) & ((b&low7 + low7) | b) & ((c&low7 + low7) | c)) & 0x8080808080808080
}

// tagQuoteOrEnd marks the bytes quotedTagEnd stops at.
var tagQuoteOrEnd = [256]bool{'>': true, '"': true, '\'': true}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attrVal returns the value of the attribute with the given local name
// (w:val → "val") from a tag's raw attributes, entities decoded; nil when
// there is none or it is malformed. It is a slice of attrs when the value
// holds no entity, so that comparing it or reading a number from it
// allocates nothing.
func attrVal(attrs []byte, local string) []byte {
	for len(attrs) > 0 {
		for len(attrs) > 0 && isXMLSpace(attrs[0]) {
			attrs = attrs[1:]
		}
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return nil
		}
		name := bytes.TrimSpace(attrs[:eq])
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return nil
		}
		endq := bytes.IndexByte(rest[1:], rest[0])
		if endq < 0 {
			return nil
		}
		val := rest[1 : 1+endq]
		attrs = rest[2+endq:]
		if c := bytes.LastIndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		if string(name) == local {
			if bytes.IndexByte(val, '&') < 0 {
				return val
			}
			v, err := appendUnescaped(nil, val)
			if err != nil {
				return nil
			}
			return v
		}
	}
	return nil
}

// appendUnescaped appends b to out with the five predefined entities and
// character references decoded.
func appendUnescaped(out, b []byte) ([]byte, error) {
	for len(b) > 0 {
		k := bytes.IndexByte(b, '&')
		if k < 0 {
			out = append(out, b...)
			break
		}
		out = append(out, b[:k]...)
		b = b[k:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			return nil, fmt.Errorf("xml: bad entity")
		}
		ent := b[1:semi]
		b = b[semi+1:]
		switch string(ent) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if !bytes.HasPrefix(ent, []byte("#")) {
				return nil, fmt.Errorf("xml: unknown entity &%s;", ent)
			}
			var n uint64
			var err error
			if bytes.HasPrefix(ent, []byte("#x")) || bytes.HasPrefix(ent, []byte("#X")) {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return nil, fmt.Errorf("xml: bad character reference &%s;", ent)
			}
			out = utf8.AppendRune(out, rune(n))
		}
	}
	return out, nil
}
