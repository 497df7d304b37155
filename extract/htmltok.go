package extract

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sliceTok tokenizes a page held in memory as html.Tokenizer (x/net v0.62)
// does, for the tokens reports are made of: text, tags, comments and the
// doctype, and raw text elements (scripts too) other than plaintext. It
// returns the same token types and raw bytes, and the same attributes where
// the fast parser reads them, without html.Tokenizer's per-byte reads and
// the copy of each attribute's key it makes. On anything else (plaintext,
// a NUL, a token near the tokenizer's size limit, an attribute value the
// fast parser reads that holds an entity) it gives up
// and bail is set: the page is then read again with html.Tokenizer.
type sliceTok struct {
	s      []byte
	pos    int // where the next token starts
	r0, r1 int // the current token's raw bytes
	tt     html.TokenType
	rawTag string // the raw text element whose content comes next
	attrs  []int32
	nret   int
	key    []byte
	val    []byte // a value with its line ends converted
	bail   bool

	// The name of the current tag token, read once for the fast parser
	// (rawTagName, plainName and atom.Lookup give it from the raw token
	// of html.Tokenizer): lower-cased, a slice of s when it has no upper
	// case letter, else of low; whether plainName holds for it; its atom.
	name      []byte
	low       []byte
	namePlain bool
	nameAtom  atom.Atom
}

// maxSliceToken is the longest token sliceTok reads: html.Tokenizer fails
// a token once it has read maxHTMLToken bytes of it (and it reads at most
// two bytes past one), which only it decides.
const maxSliceToken = maxHTMLToken - 8

func (t *sliceTok) reset(s []byte) {
	t.s, t.pos, t.r0, t.r1 = s, 0, 0, 0
	t.rawTag = ""
	t.attrs = t.attrs[:0]
	t.nret = 0
	t.bail = bytes.IndexByte(s, 0) >= 0
	t.name = nil
	if cap(t.low) > 256 {
		t.low = nil // a page's name of any length is not kept for the next
	}
}

// raw is the current token's bytes.
func (t *sliceTok) raw() []byte { return t.s[t.r0:t.r1] }

func (t *sliceTok) give(tt html.TokenType, end int) html.TokenType {
	if end-t.pos > maxSliceToken {
		return t.fail()
	}
	t.r0, t.r1, t.pos, t.tt = t.pos, end, end, tt
	return tt
}

// cut ends the page at a tag the end of the page cuts, which
// html.Tokenizer drops.
func (t *sliceTok) cut(k int) html.TokenType {
	if len(t.s)-k > maxSliceToken {
		return t.fail()
	}
	t.r0, t.r1, t.pos, t.tt = k, len(t.s), len(t.s), html.ErrorToken
	return t.tt
}

func (t *sliceTok) fail() html.TokenType {
	t.bail = true
	t.tt = html.ErrorToken
	return t.tt
}

// next reads the next token. An ErrorToken is the end of the page, or,
// with bail set, a page sliceTok does not read.
func (t *sliceTok) next() html.TokenType {
	s := t.s
	t.attrs = t.attrs[:0]
	t.nret = 0
	if t.bail {
		return t.fail()
	}
	if t.rawTag != "" {
		var end int
		if t.rawTag == "script" {
			end = scriptEnd(s, t.pos)
		} else {
			end = rawEnd(s, t.pos, t.rawTag)
		}
		// html.Tokenizer reads the end tag's name and the byte after it
		// before it gives the text: those count toward its limit too.
		ahead := len("</") + len(t.rawTag) + 1
		t.rawTag = ""
		if end > t.pos {
			if end-t.pos+ahead > maxSliceToken {
				return t.fail()
			}
			return t.give(html.TextToken, end)
		}
	}
	i := t.pos
	for {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 || i+j+1 >= len(s) {
			if t.pos == len(s) {
				t.r0, t.r1, t.tt = t.pos, t.pos, html.ErrorToken
				return t.tt
			}
			return t.give(html.TextToken, len(s))
		}
		k := i + j
		c := afterLT[s[k+1]]
		if c == ltText {
			i = k + 1
			continue
		}
		if k > t.pos {
			return t.give(html.TextToken, k)
		}
		switch c {
		case ltLetter:
			return t.startTag(k)
		case ltSlash:
			if k+2 == len(s) {
				// "</" at the end of the page is text.
				return t.give(html.TextToken, len(s))
			}
			if afterLT[s[k+2]] != ltLetter {
				// "</>", or a bogus comment up to '>'.
				return t.give(html.CommentToken, closeAngle(s, k+2))
			}
			// Nearly every end tag is its name and '>', which is all
			// tag would read.
			end := t.readName(k + 2)
			if end < len(s) && s[end] == '>' {
				return t.give(html.EndTagToken, end+1)
			}
			end, ok := t.tag(end, false)
			if !ok {
				return t.cut(k)
			}
			return t.give(html.EndTagToken, end)
		case ltBang:
			return t.markup(k)
		}
		// "<?": a bogus comment up to '>'.
		return t.give(html.CommentToken, closeAngle(s, k+1))
	}
}

// afterLT sorts the bytes after a '<' for next: a letter starts a tag,
// '/' an end tag, '!' and '?' markup, any other is text (ltText). A byte
// is looked up rather than compared up to six times.
var afterLT = func() (b [256]uint8) {
	for c := range b {
		switch {
		case isLetter(byte(c)):
			b[c] = ltLetter
		case c == '/':
			b[c] = ltSlash
		case c == '!':
			b[c] = ltBang
		case c == '?':
			b[c] = ltQuestion
		}
	}
	return b
}()

const (
	ltText = iota
	ltLetter
	ltSlash
	ltBang
	ltQuestion
)

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// rawEnd is where the raw text of element name (lower case) starting at i
// ends: at its end tag, or at the end of the page.
func rawEnd(s []byte, i int, name string) int {
	for {
		j := bytes.Index(s[i:], []byte("</"))
		if j < 0 {
			return len(s)
		}
		k := i + j
		m := k + 2
		n := 0
		for n < len(name) && m+n < len(s) && s[m+n]|0x20 == name[n] && isLetter(s[m+n]) {
			n++
		}
		if n == len(name) && m+n < len(s) {
			switch s[m+n] {
			case ' ', '\n', '\r', '\t', '\f', '/', '>':
				return k
			}
		}
		i = k + 2
	}
}

// scriptEnd is where the content of a script element starting at i ends,
// as html.Tokenizer's readScript decides it: at "</script" (in either
// case) followed by white space, '/' or '>', unless that comes inside
// "<!--" ... "-->" after a "<script" there; or at the end of the page.
// Each state is readScript's, and so is each byte read again.
func scriptEnd(s []byte, i int) int {
	const (
		data = iota
		escaped
		escapedDash
		escapedDashDash
		double
		doubleDash
		doubleDashDash
	)
	n := len(s)
	state := data
	for {
		switch state {
		case data:
			j := bytes.IndexByte(s[i:], '<')
			if j < 0 {
				return n
			}
			i += j + 1
			if i == n {
				return n
			}
			switch s[i] {
			case '/':
				i++
				k, ok := scriptEndTag(s, i) // k is n at the end of the page
				if ok || k == n {
					return k
				}
				i = k
			case '!':
				// "<!--" goes to the escaped state, "<!-" or "<!" back to
				// script data, the byte after them read again.
				i++
				if i < n && s[i] == '-' {
					i++
					if i < n && s[i] == '-' {
						i++
						state = escapedDashDash
					}
				}
				if i >= n {
					return n
				}
			}
		case escaped, escapedDash, escapedDashDash:
			if i == n {
				return n
			}
			c := s[i]
			i++
			switch {
			case c == '-' && state == escaped:
				state = escapedDash
			case c == '-':
				state = escapedDashDash
			case c == '<':
				if i == n {
					return n
				}
				switch c := s[i]; {
				case c == '/':
					i++
					k, ok := scriptEndTag(s, i) // k is n at the end of the page
					if ok || k == n {
						return k
					}
					i = k
					state = escaped
				case isLetter(c):
					// readScript matches "script" from this letter on; at
					// the first other byte it reads that byte again in the
					// escaped state.
					m := 0
					for m < len("script") && i+m < n && s[i+m]|0x20 == "script"[m] && isLetter(s[i+m]) {
						m++
					}
					if i+m == n {
						return n
					}
					if m == len("script") {
						switch s[i+m] {
						case ' ', '\n', '\r', '\t', '\f', '/', '>':
							i += m + 1
							state = double
							continue
						}
					}
					i += m
					state = escaped
				default:
					// Read again in script data.
					state = data
				}
			case c == '>' && state == escapedDashDash:
				state = data
			default:
				state = escaped
			}
		case double, doubleDash, doubleDashDash:
			if i == n {
				return n
			}
			c := s[i]
			i++
			switch {
			case c == '-' && state == double:
				state = doubleDash
			case c == '-':
				state = doubleDashDash
			case c == '<':
				if i == n {
					return n
				}
				if s[i] != '/' {
					state = double // the byte read again there
					continue
				}
				i++
				k, ok := scriptEndTag(s, i)
				if ok {
					// "</script" and the byte after it are read past.
					i = k + len("</script") + 1
					state = escaped
					continue
				}
				if k == n {
					return n
				}
				i = k
				state = double
			case c == '>' && state == doubleDashDash:
				state = data
			default:
				state = double
			}
		}
	}
}

// scriptEndTag reads, from i just past "</", what readRawEndTag does for
// script: "script" in either case and then white space, '/' or '>'. It
// returns the index of the '<' and true where they are there; else the
// index of the byte to read next (the first that differs), or len(s) where
// the page ends first.
func scriptEndTag(s []byte, i int) (int, bool) {
	n := len(s)
	for m := 0; m < len("script"); m++ {
		if i+m == n {
			return n, false
		}
		if c := s[i+m]; c != "script"[m] && c != "SCRIPT"[m] {
			return i + m, false
		}
	}
	j := i + len("script")
	if j == n {
		return n, false
	}
	switch s[j] {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		return i - len("</"), true
	}
	return j, false
}

// readName reads the name of a tag starting at i (a letter) into t.name,
// t.namePlain and t.nameAtom, and returns the index past it: the first
// white space, '/' or '>', or the end of the page.
func (t *sliceTok) readName(i int) int {
	s := t.s
	if i+8 <= len(s) {
		// The name within the next 8 bytes, read as a word: its end is the
		// first byte below '!', '/' or '>' when that is one that ends a
		// name; its upper case letters are told at once, and its atom is
		// looked up by the word lowered (nameAtoms). A name found there is
		// plain: the names listed are. Each test is exact for each byte,
		// as no sum carries past its byte. The word is cut as s[i:i+8],
		// not s[i:]: a slice of eight bytes needs neither Uint64's length
		// check nor the pointer masked for an empty rest.
		x := binary.LittleEndian.Uint64(s[i : i+8])
		const low7, high = bytesOf1 * 0x7f, bytesOf1 * 0x80
		lx := x & low7
		below21 := ^(lx + bytesOf1*(0x80-0x21) | x)
		slash, gt := x^(bytesOf1*'/'), x^(bytesOf1*'>')
		isSlash := ^(slash&low7 + low7 | slash)
		isGT := ^(gt&low7 + low7 | gt)
		if cand := (below21 | isSlash | isGT) & high; cand != 0 {
			n := bits.TrailingZeros64(cand) >> 3
			if tagNameBytes[s[i+n]] == nameEnd {
				keep := uint64(1)<<(8*n) - 1
				upper := (lx + bytesOf1*(0x80-'A')) &^ (lx + bytesOf1*(0x80-'Z'-1)) &^ x & high & keep
				w := x&keep | upper>>2 // 'A' | 0x20 is 'a'
				t.name = s[i : i+n]
				if upper != 0 {
					t.low = append(t.low[:0], t.name...)
					for j, c := range t.low {
						if 'A' <= c && c <= 'Z' {
							t.low[j] = c + 'a' - 'A'
						}
					}
					t.name = t.low
				}
				if e := &nameAtoms.slot[(w*nameAtoms.mul)>>(64-nameAtomBits)]; e.w == w {
					t.namePlain, t.nameAtom = true, e.a
				} else {
					var cls uint8
					for _, c := range s[i : i+n] {
						cls |= tagNameBytes[c]
					}
					t.namePlain = n > 0 && cls&nameOther == 0
					t.nameAtom = atom.Lookup(t.name)
				}
				return i + n
			}
		}
	}
	i0 := i
	var cls uint8
	for ; i < len(s); i++ {
		c := tagNameBytes[s[i]]
		if c == nameEnd {
			break
		}
		cls |= c
	}
	t.name = s[i0:i]
	if cls&nameUpper != 0 {
		t.low = append(t.low[:0], t.name...)
		for j, c := range t.low {
			if 'A' <= c && c <= 'Z' {
				t.low[j] = c + 'a' - 'A'
			}
		}
		t.name = t.low
	}
	t.namePlain = len(t.name) > 0 && cls&nameOther == 0
	t.nameAtom = tagAtom(t.name)
	return i
}

// tagAtom is atom.Lookup(name), told without a hash for the elements
// nearly all of a report page's tags are.
func tagAtom(name []byte) atom.Atom {
	switch string(name) {
	case "td":
		return atom.Td
	case "p":
		return atom.P
	case "span":
		return atom.Span
	case "tr":
		return atom.Tr
	}
	return atom.Lookup(name)
}

// bytesOf1 has 1 in each of a word's bytes.
const bytesOf1 = 0x0101010101010101

// nameAtomBits is the log of the slots of nameAtoms.
const nameAtomBits = 9

// nameAtoms holds the atoms of the names of elements shorter than 8 bytes
// that pages hold, each in the slot of a hash of its bytes read as a
// little endian word (zero past the name): readName finds the name's atom
// there in a look-up and a compare rather than atom.Lookup's hash or a
// switch. A name whose slot holds another (the later of names in the list
// that share one), one not listed, and any name with a byte plainName
// refuses are looked up by atom.Lookup. An empty slot holds a word no
// name is: its bytes are 0xff.
var nameAtoms = func() (t struct {
	mul  uint64
	slot [1 << nameAtomBits]struct {
		w uint64
		a atom.Atom
	}
}) {
	t.mul = 0x9e3779b97f4a7c15
	for i := range t.slot {
		t.slot[i].w = ^uint64(0)
	}
	for _, name := range strings.Fields(`td p span tr strong tbody table div a br b font o:p i u tt em
		h1 h2 h3 h4 h5 h6 th thead tfoot caption col title style html head body meta link script
		ul ol li dl dt dd pre hr img sup sub small big center section article header footer nav
		main aside form input button label select option noscript iframe object embed param
		area map abbr address bdo cite code del dfn ins kbd q s samp var strike nobr wbr xmp
		details summary dialog figure menu canvas audio video source track picture svg math
		base bgsound listing marquee applet frame keygen rb rp rt rtc ruby textarea noembed
		legend fieldset mark time data output meter progress blink spacer v:shape st1:chsdate`) {
		if len(name) >= 8 {
			continue
		}
		var b [8]byte
		copy(b[:], name)
		w := binary.LittleEndian.Uint64(b[:])
		if e := &t.slot[(w*t.mul)>>(64-nameAtomBits)]; e.w == ^uint64(0) {
			e.w, e.a = w, atom.Lookup([]byte(name))
		}
	}
	return t
}()

// tagNameBytes sorts the bytes of a tag's name for readName: the letters
// a-z, digits and ":-_." of a plain name (plainName) are 0.
var tagNameBytes = func() (b [256]uint8) {
	for c := range b {
		switch {
		case isWS(byte(c)) || c == '/' || c == '>':
			b[c] = nameEnd
		case 'A' <= c && c <= 'Z':
			b[c] = nameUpper
		case !plainName([]byte{byte(c)}):
			b[c] = nameOther
		}
	}
	return b
}()

const (
	nameUpper = 1 << iota // an upper case letter, lower-cased
	nameOther             // a byte plainName refuses
	nameEnd               // a byte that ends the name
)

func (t *sliceTok) startTag(k int) html.TokenType {
	s := t.s
	end := t.readName(k + 1)
	if end < len(s) && s[end] == '>' {
		// A tag whose name is followed by its '>' (<td>, <p>, half of
		// a page's start tags) has no attribute: tag would find that
		// '>' first, and its call costs more than the test.
		end++
	} else {
		var ok bool
		if end, ok = t.tag(end, true); !ok {
			return t.cut(k)
		}
	}
	// The elements whose content html.Tokenizer reads as text are the
	// fast parser's (rawText); plaintext's runs to the end of the page.
	// They are told by one look-up (rawAtoms) rather than rawText's
	// switch, whose branches an atom's value sorts unpredictably.
	if a := t.nameAtom; rawAtoms.slot[uint8((uint32(a)*rawAtoms.mul)>>24)] == a {
		if a == atom.Plaintext {
			return t.fail()
		}
		t.rawTag = a.String()
	}
	tt := html.StartTagToken
	if na := len(t.attrs); s[end-2] == '/' && (na == 0 || int32(end-2) != t.attrs[na-1]-1) {
		tt = html.SelfClosingTagToken
	}
	return t.give(tt, end)
}

// rawAtoms holds the atoms rawText reports, each in the slot of a hash of
// its value; every other slot holds one of them.
var rawAtoms = func() (t struct {
	mul  uint32
	slot [256]atom.Atom
}) {
	raw := []atom.Atom{atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Title, atom.Textarea,
		atom.Xmp, atom.Noembed, atom.Noframes, atom.Plaintext}
	for mul := uint32(0x9e3779b1); ; mul += 2 {
		for i := range t.slot {
			t.slot[i] = ^atom.Atom(0)
		}
		ok := true
		for _, a := range raw {
			h := uint8((uint32(a) * mul) >> 24)
			if t.slot[h] != ^atom.Atom(0) {
				ok = false
				break
			}
			t.slot[h] = a
		}
		if ok {
			// An empty slot holds an atom of the list, which is found
			// in its own slot: no value is then found in an empty one.
			for i, a := range t.slot {
				if a == ^atom.Atom(0) {
					t.slot[i] = raw[0]
				}
			}
			t.mul = mul
			return t
		}
	}
}()

// foldBytes reports whether a and b are equal, ASCII letters compared
// without case (html.Tokenizer lowers only those).
func foldBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// tag reads a tag from i, just past its name (where readName leaves it),
// as html.Tokenizer's readTag does: the index past its '>', and the
// attributes it keeps (the first of each name) in t.attrs when save is
// set. It returns false where the page ends first.
func (t *sliceTok) tag(i int, save bool) (int, bool) {
	s := t.s
	n := len(s)
	if i == n {
		return 0, false
	}
	if isWS(s[i]) {
		i++
	}
	for {
		for i < n && isWS(s[i]) {
			i++
		}
		if i == n {
			return 0, false
		}
		if s[i] == '>' {
			return i + 1, true
		}
		// The key: a '=' first is of it; it ends at '=', white space, '/'
		// or '>'.
		ks := i
		if s[i] == '=' {
			i++
		}
		for i < n && tagBytes[s[i]]&keyEnd == 0 {
			i++
		}
		if i == n {
			return 0, false
		}
		ke := i
		// The value.
		vs, ve := i, i
		for i < n && isWS(s[i]) {
			i++
		}
		if i == n {
			return 0, false
		}
		c := s[i]
		i++
		switch {
		case c == '/':
		case c != '=':
			i--
		default:
			for i < n && isWS(s[i]) {
				i++
			}
			if i == n {
				return 0, false
			}
			q := s[i]
			i++
			switch q {
			case '>':
				i--
			case '\'', '"':
				j := bytes.IndexByte(s[i:], q)
				if j < 0 {
					return 0, false
				}
				vs, ve = i, i+j
				i += j + 1
			default:
				// Unquoted: up to white space, read past, or '>'.
				vs = i - 1
				for i < n && tagBytes[s[i]]&valueEnd == 0 {
					i++
				}
				if i == n {
					return 0, false
				}
				ve = i
				if s[i] != '>' {
					i++
				}
			}
		}
		if save && ks != ke && (len(t.attrs) == 0 || !t.seen(s[ks:ke])) {
			t.attrs = append(t.attrs, int32(ks), int32(ke), int32(vs), int32(ve))
		}
	}
}

// tagBytes sorts the bytes that end a key (keyEnd: '=', white space, '/'
// and '>') or an unquoted value (valueEnd: white space and '>') in tag:
// a byte of a key or value is looked up rather than compared four times.
var tagBytes = func() (b [256]uint8) {
	for c := range b {
		if c == '=' || isWS(byte(c)) || c == '/' || c == '>' {
			b[c] |= keyEnd
		}
		if isWS(byte(c)) || c == '>' {
			b[c] |= valueEnd
		}
	}
	return b
}()

const (
	keyEnd = 1 << iota
	valueEnd
)

// seen reports whether the tag has kept an attribute named key. Only a
// key as long is compared (tag asks only once one is kept): most tags
// have a few keys, of different lengths.
func (t *sliceTok) seen(key []byte) bool {
	for a := 0; a < len(t.attrs); a += 4 {
		if int(t.attrs[a+1]-t.attrs[a]) == len(key) && foldBytes(t.s[t.attrs[a]:t.attrs[a+1]], key) {
			return true
		}
	}
	return false
}

// markup reads "<!": a comment, the doctype or a bogus comment.
func (t *sliceTok) markup(k int) html.TokenType {
	s := t.s
	if k+4 <= len(s) && s[k+2] == '-' && s[k+3] == '-' {
		return t.give(html.CommentToken, commentEnd(s, k+4))
	}
	if k+9 <= len(s) && foldBytes(s[k+2:k+9], []byte("doctype")) {
		return t.give(html.DoctypeToken, closeAngle(s, k+9))
	}
	return t.give(html.CommentToken, closeAngle(s, k+2))
}

// closeAngle is the index past the first '>' from i on, or the end of the
// page (html.Tokenizer's readUntilCloseAngle).
func closeAngle(s []byte, i int) int {
	if j := bytes.IndexByte(s[i:], '>'); j >= 0 {
		return i + j + 1
	}
	return len(s)
}

// commentEnd is where a comment whose "<!--" ends before i ends, as
// html.Tokenizer's readComment decides it: past "-->" (or more dashes),
// "--!>", or a '>' after nothing but dashes ("<!-->", "<!--->"); or at
// the end of the page.
func commentEnd(s []byte, i int) int {
	n := len(s)
	dashes, beginning := 0, true
	for i < n {
		c := s[i]
		i++
		switch c {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				return i
			}
		case '!':
			if dashes >= 2 {
				if i == n {
					return n
				}
				c = s[i]
				i++
				if c == '>' {
					return i
				}
				if c == '-' {
					dashes, beginning = 1, false
					continue
				}
			}
		}
		dashes, beginning = 0, false
	}
	return n
}

// tagAttr is html.Tokenizer.TagAttr: the key lowered, the value as
// TagAttr gives it. A value without '&' or '\r' (nearly all) is the page's
// bytes; line ends are converted as TagAttr converts them (a style Word
// wraps over lines of a page saved with CRLF); a value holding an entity
// (style="font-family:&quot;宋体&quot;", as editors pasting from Word
// write it) is the value html.Tokenizer gives for this tag alone
// (tagAttrOf), unescaped by its rules.
func (t *sliceTok) tagAttr() (key, val []byte, more bool) {
	if t.nret*4 >= len(t.attrs) || (t.tt != html.StartTagToken && t.tt != html.SelfClosingTagToken) {
		return nil, nil, false
	}
	a := t.attrs[t.nret*4:]
	t.nret++
	key = append(t.key[:0], t.s[a[0]:a[1]]...)
	for i, c := range key {
		if 'A' <= c && c <= 'Z' {
			key[i] = c + 'a' - 'A'
		}
	}
	t.key = key
	val = t.s[a[2]:a[3]]
	if bytes.IndexByte(val, '&') >= 0 {
		v, ok := tagAttrOf(t.raw(), key)
		if !ok {
			t.bail = true
			return key, val, t.nret*4 < len(t.attrs)
		}
		t.val = append(t.val[:0], v...)
		val = t.val
	} else if bytes.IndexByte(val, '\r') >= 0 {
		t.val = convertNewlines(append(t.val[:0], val...))
		val = t.val
	}
	return key, val, t.nret*4 < len(t.attrs)
}

// Kinds of attribute keys, as the fast parser tells them apart.
const (
	keyOther uint8 = iota
	keyHidden
	keyStyle
	keyRowspan
	keyColspan
)

// attrKind is the kind of the attribute key k, in any case: which of the
// keys the fast parser reads it is, lowered as html.Tokenizer lowers it.
func attrKind(k []byte) uint8 {
	switch len(k) {
	case 5:
		if foldedIs(k, "style") {
			return keyStyle
		}
	case 6:
		if foldedIs(k, "hidden") {
			return keyHidden
		}
	case 7:
		switch k[0] | 0x20 {
		case 'r':
			if foldedIs(k, "rowspan") {
				return keyRowspan
			}
		case 'c':
			if foldedIs(k, "colspan") {
				return keyColspan
			}
		}
	}
	return keyOther
}

// foldedIs reports whether k is word (lower case letters, as long as k)
// with its ASCII letters lowered: for a letter word[i], only it and its
// upper case give it when 0x20 is set.
func foldedIs(k []byte, word string) bool {
	for i := range len(word) {
		if k[i]|0x20 != word[i] {
			return false
		}
	}
	return true
}

// attr is tagAttr for the fast parser, which reads only the kind of a
// key: the key is neither copied nor lowered. A value is the page's bytes
// as tagAttr's is; the rare value holding '&' or '\r' is tagAttr's own.
func (t *sliceTok) attr() (kind uint8, val []byte, more bool) {
	if t.nret*4 >= len(t.attrs) || (t.tt != html.StartTagToken && t.tt != html.SelfClosingTagToken) {
		return keyOther, nil, false
	}
	a := t.attrs[t.nret*4:]
	val = t.s[a[2]:a[3]]
	if bytes.IndexByte(val, '&') >= 0 || bytes.IndexByte(val, '\r') >= 0 {
		key, val, more := t.tagAttr()
		return attrKind(key), val, more
	}
	t.nret++
	return attrKind(t.s[a[0]:a[1]]), val, t.nret*4 < len(t.attrs)
}

// tagAttrOf is the value html.Tokenizer's TagAttr gives for the attribute
// key (lowered) of the start tag raw, tokenized on its own: a tag's
// attributes do not depend on what stands before it. ok is false when raw
// is not read as one start tag holding key.
func tagAttrOf(raw, key []byte) (val []byte, ok bool) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return nil, false
	}
	for {
		k, v, more := z.TagAttr()
		if bytes.Equal(k, key) {
			return v, true
		}
		if !more {
			return nil, false
		}
	}
}

// convertNewlines is html.Tokenizer's: "\r\n" and a lone '\r' become '\n',
// in s.
func convertNewlines(s []byte) []byte {
	for i, c := range s {
		if c != '\r' {
			continue
		}
		src := i + 1
		if src >= len(s) || s[src] != '\n' {
			s[i] = '\n'
			continue
		}
		dst := i
		for src < len(s) {
			if s[src] == '\r' {
				if src+1 < len(s) && s[src+1] == '\n' {
					src++
				}
				s[dst] = '\n'
			} else {
				s[dst] = s[src]
			}
			src++
			dst++
		}
		return s[:dst]
	}
	return s
}
