package transform

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/text/width"
	"unicode"
	"unicode/utf8"
)

// compact returns s with every kind of whitespace removed and full-width
// ASCII-range characters folded to half-width, for matching labels. The raw
// text is kept elsewhere; compact is never written to the dataset.
func compact(s string) string {
	s = trimSpace(s)
	if !needsFold(s) {
		return s // the common case: nothing to fold, nothing to allocate
	}
	return bytesString(appendFold(make([]byte, 0, len(s)), s))
}

// bytesString is b as a string, without a copy: b's bytes must never be
// written again (appendFold and append only write past a slice's end).
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// compactIn is compact writing the forms that differ from s into *b, a
// buffer shared by many strings, instead of allocating one each. The
// result is a view of *b's bytes, which are never written again: later
// forms are appended past them (and append moves to new storage when it
// must, leaving the old bytes as they are).
func compactIn(b *[]byte, s string) string {
	// trimSpace's two halves, inlined: most cells have no space at either
	// end, which their first and last bytes tell without a call.
	s = trimRightSpace(trimLeftSpace(s))
	if !needsFold(s) {
		return s
	}
	if cap(*b) == 0 {
		*b = make([]byte, 0, max(len(s), 1024))
	}
	at := len(*b)
	*b = appendFold(*b, s)
	return bytesString((*b)[at:])
}

// appendFold appends the compact form of s, trimmed, to dst. Runs of
// characters kept as they are (Han text, ASCII letters and digits) are
// copied whole.
func appendFold(dst []byte, s string) []byte {
	run := 0 // start of the bytes not yet written, all kept as they are
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				// Nothing is kept between two spaces, or after a folded
				// character: a line laid out with runs of spaces would
				// pay an append of nothing at each.
				if run < i {
					dst = append(dst, s[run:i]...)
				}
				// The spaces after it are passed over eight a load: the
				// gaps of a line laid out in columns (pdftotext -layout)
				// are runs of ten and more. A space or tab alone, most
				// of the others, is told by the byte after it: going to
				// the loads at once cost 0.27 M more mispredicted
				// branches in the 2 000-report run.
				if i++; i < len(s) && s[i] == ' ' {
					i = spacesEnd(s, i+1)
				}
				run = i
				continue
			}
			i++
			continue
		}
		if (c+0x1c)&0xf8 == 0 { // E4–EB
			if j := hanRun(s, i); j > i {
				i = j // U+4000–U+BFFF: Han (and Yi, Hangul), kept as it is
				continue
			}
		}
		r, size := decode3(s, i)
		if size == 0 {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		// A character folds to one byte, or to none (a space); a byte
		// that is not UTF-8 to U+FFFD. One byte is appended as a byte, not
		// as a string of one.
		var fold byte
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[run:i]...)
			dst = append(dst, string(utf8.RuneError)...) // as ranging over the string would
			i += size
			run = i
			continue
		case isSpace(r):
			dst = append(dst, s[run:i]...)
			i += size
			run = i
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			fold = halfWidth[r-0xFF01]
		case r == '【', r == '〔':
			fold = '['
		case r == '】', r == '〕':
			fold = ']'
		default:
			i += size
			continue
		}
		dst = append(dst, s[run:i]...)
		dst = append(dst, fold)
		i += size
		run = i
	}
	return append(dst, s[run:]...)
}

// spacesEnd returns the end of the run of ASCII spaces (' ') that starts
// at s[i]: i when there is none. It reads eight bytes a load: a line laid
// out in columns (pdftotext -layout) is indented and cut into cells by
// runs of ten spaces and more, which the trims, appendFold, splitCells and
// the column cursor passed a byte at a time, a loop turn each (in a run
// of 2 000 generated reports, 1.7 M bytes of indentation in trimLeftFrom,
// 1.05 M in appendFold's lines, 1.4 M in the column cursor's gaps).
func spacesEnd(s string, i int) int {
	const spaces = 0x2020202020202020
	for i+8 <= len(s) {
		if x := le64(s, i) ^ spaces; x != 0 {
			return i + bits.TrailingZeros64(x)>>3
		}
		i += 8
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// hanRun returns the end of the run of three-byte characters with lead
// bytes E4–EB (U+4000–U+BFFF: Han, and Yi and Hangul, which are kept as
// they are too) that starts at s[i]: i when there is none. It reads two
// characters a load while eight bytes are left, then one; it is its own
// loop, short enough to keep its values in registers, because most of
// Chinese text is such runs.
func hanRun(s string, i int) int {
	for i+8 <= len(s) {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// bytes 1, 2, 4 and 5 continuation bytes, then bytes 0 and 3
		// E4–EB: adding 1C makes them 0–7 (what carries out of byte 0
		// stops in byte 1, a continuation byte)
		// (one test, one branch: 0 when both are such characters)
		if x&0xc0c000c0c000^0x808000808000|(x+0x1c00001c)&0xf80000f8 != 0 {
			// Not both: the run ends here, or after the first, which
			// is told from the same load, without a branch: first is
			// 0 just when it is such a character.
			first := x&0xc0c000 ^ 0x808000 | (x+0x1c)&0xf8
			return i + 3*int((first-1)>>63)
		}
		i += 6
	}
	for i+3 <= len(s) {
		w := s[i : i+3]
		if (w[0]+0x1c)&0xf8 != 0 || w[1]&0xc0 != 0x80 || w[2]&0xc0 != 0x80 {
			break
		}
		i += 3
	}
	return i
}

// halfWidth holds the characters U+0021–U+007E, the half-width forms of
// U+FF01–U+FF5E, in order.
var halfWidth = func() string {
	var b [0x7e - 0x20]byte
	for i := range b {
		b[i] = byte(0x21 + i)
	}
	return string(b[:])
}()

// needsFold reports whether compact changes s, already trimmed: whether
// it holds a space, a full-width form (U+FF01–U+FF5E) or one of 【】〔〕.
//
// It reads s eight bytes a load (a short s in one, some of its bytes
// twice; the last eight bytes of a longer one overlapping the load
// before), and finds the bytes that may start such a character without a
// branch each: the ASCII bytes below '!' and the bytes from C0 on but for
// E4–E9, the lead bytes of Han (foldCandidates). Han text, ASCII letters
// and digits, most of what it reads, have none. Only at those bytes, most
// often the lead bytes foldByte marks (ASCII spaces, C2, E1, E2, E3, EF),
// is a character decoded (foldAt). Those lead bytes are never
// continuation bytes, so they start a character wherever ranging over s
// would, and s's invalid bytes are never any of these: each one found
// can be decided alone, in any order.
func needsFold(s string) bool {
	return s != "" && needsFoldFrom(s) // the empty lines decided inline
}

// needsFoldFrom is needsFold for s not empty.
func needsFoldFrom(s string) bool {
	n := len(s)
	if n < 8 {
		return foldCandidates(short8(s)) != 0 && foldSlow(s)
	}
	// The last eight bytes are read after the loop, not by a step that
	// stops short of the end: one branch a step, and the one that ends
	// the loop is all the loop mispredicts.
	for i := 0; i < n-8; i += 8 {
		if m := foldCandidates(le64(s, i)); m != 0 && foldIn(s, i, m) {
			return true
		}
	}
	m := foldCandidates(le64(s, n-8))
	return m != 0 && foldIn(s, n-8, m)
}

// foldIn reports whether a character compact changes starts at one of
// the bytes s[i+k] whose top bit the mask m sets (byte k of a load).
func foldIn(s string, i int, m uint64) bool {
	for ; m != 0; m &= m - 1 {
		if foldAt(s, i+bits.TrailingZeros64(m)>>3) {
			return true
		}
	}
	return false
}

// foldSlow is needsFold a byte at a time, for the short texts where
// foldCandidates found a byte to look at.
func foldSlow(s string) bool {
	for i := 0; i < len(s); i++ {
		if foldAt(s, i) {
			return true
		}
	}
	return false
}

// foldAt reports whether the character at s[i] is one compact changes,
// when s[i] is a byte foldByte marks, and false for every other byte
// (a continuation byte among them).
func foldAt(s string, i int) bool {
	c := s[i]
	if foldByte[c] == 0 {
		return false
	}
	if c < utf8.RuneSelf {
		return true // an ASCII space
	}
	r, n := decode3(s, i)
	if n == 0 {
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return isSpace(r) || (r >= 0xFF01 && r <= 0xFF5E) || r == '【' || r == '】' || r == '〔' || r == '〕'
}

// foldCandidates sets the top bit of each byte of x below '!' or from C0
// on but for E4–E9: every byte foldByte marks, and few others.
func foldCandidates(x uint64) uint64 {
	const highs = 0x8080808080808080
	// Each test adds to the seven low bits of the bytes, which carries
	// into their top bit and no further: b&7F + 5F reaches 80 from 21 on,
	// + 1C from 64 on (E4 for a byte from 80 on), + 16 from 6A on (EA).
	y := x &^ highs
	ctl := ^(x | (y + 0x5f5f5f5f5f5f5f5f))                      // below 21
	han := (y + 0x1c1c1c1c1c1c1c1c) &^ (y + 0x1616161616161616) // E4–E9 (and 64–69)
	return (ctl | x&(x<<1)&^han) & highs                        // or C0–FF
}

// le64 is the eight bytes of s from i (i+8 <= len(s)), little-endian:
// one load.
func le64(s string, i int) uint64 {
	return binary.LittleEndian.Uint64((*[8]byte)(unsafe.Pointer(unsafe.StringData(s[i : i+8])))[:])
}

// le32 is the four bytes of s from i (i+4 <= len(s)), little-endian.
func le32(s string, i int) uint32 {
	return binary.LittleEndian.Uint32((*[4]byte)(unsafe.Pointer(unsafe.StringData(s[i : i+4])))[:])
}

// short8 is eight bytes of s, 1 <= len(s) < 8, each of which is one of
// s's, and every byte of s among them: two loads of four that overlap,
// or for three bytes or fewer the first, middle and last, repeated. A
// question about any byte of s asked of every byte of it is answered
// without a loop.
func short8(s string) uint64 {
	n := len(s)
	if n >= 4 {
		return uint64(le32(s, 0)) | uint64(le32(s, n-4))<<32
	}
	v := uint64(s[0]) | uint64(s[n>>1])<<8 | uint64(s[n-1])<<16
	return v * (1 | 1<<24 | 1<<48)
}

// foldByte marks the bytes needsFold decodes at: the ASCII spaces, and
// the lead bytes of spaceLead.
var foldByte = func() (t [256]uint8) {
	for c := range t {
		if c < utf8.RuneSelf && asciiSpace[c] || spaceLead[c] {
			t[c] = 1
		}
	}
	return t
}()

// decode3 decodes the three-byte character at s[i] with a lead byte
// E1–EC or EE–EF (U+1000–U+CFFF, U+E000–U+FFFF: Han, CJK punctuation,
// full-width forms), whose second byte may be any continuation byte. It
// returns size 0 for anything else, which utf8.DecodeRuneInString is left
// to decode.
func decode3(s string, i int) (rune, int) {
	if i+2 >= len(s) {
		return 0, 0
	}
	c, b1, b2 := s[i], s[i+1], s[i+2]
	if c < 0xe1 || c > 0xef || c == 0xed || b1&0xc0 != 0x80 || b2&0xc0 != 0x80 {
		return 0, 0
	}
	return rune(c&0x0f)<<12 | rune(b1&0x3f)<<6 | rune(b2&0x3f), 3
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) reading ASCII and the
// three-byte characters decode3 reads (most of Chinese text) without a
// call: for the loops that decode every character of a line.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	if r, n := decode3(s, i); n != 0 {
		return r, n
	}
	return utf8.DecodeRuneInString(s[i:])
}

// asciiSpace marks the ASCII characters isSpace accepts.
var asciiSpace = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isSpace(rune(c))
	}
	return t
}()

// spaceEnd marks the bytes a whitespace character (isSpace) can end with:
// the ASCII spaces and the last bytes of the others' encodings. A text
// ending in another byte ends in no space, whatever character that byte
// ends (most Han characters end in another), or if it ends none.
var spaceEnd = func() (t [256]bool) {
	var b [utf8.UTFMax]byte
	for r := rune(0); r <= 0xffff; r++ { // isSpace accepts none after U+FEFF
		if isSpace(r) {
			t[b[utf8.EncodeRune(b[:], r)-1]] = true
		}
	}
	return t
}()

// spaceLead marks the UTF-8 lead bytes of the non-ASCII characters
// isSpace accepts (U+0085 and U+00A0: C2; U+1680: E1; U+2000–U+206F:
// E2; U+3000: E3; U+FEFF: EF), and of the full-width forms and brackets
// compact folds (E3, EF).
var spaceLead = [256]bool{0xc2: true, 0xe1: true, 0xe2: true, 0xe3: true, 0xef: true}

// spaceLen is the length in bytes of the whitespace character (isSpace)
// s starts with, 0 if it does not start with one.
func spaceLen(s string) int {
	c := s[0]
	if c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	// The spaces from U+0080 on are told from their bytes, but for the
	// rare ones after E1 and E2: decoding the no-break spaces of HTML
	// (U+00A0) and the full-width punctuation opening a cell (（) cost
	// more than the rest of the trims.
	switch c {
	case 0xc2: // U+0080–U+00BF
		if len(s) >= 2 && (s[1] == 0x85 || s[1] == 0xa0 || s[1] == 0xad) {
			return 2 // U+0085, U+00A0, U+00AD
		}
	case 0xe3: // U+3000–U+3FFF
		if strings.HasPrefix(s, "\u3000") {
			return 3 // the ideographic space that indents paragraphs
		}
	case 0xef: // U+F000–U+FFFF
		if strings.HasPrefix(s, "\ufeff") {
			return 3
		}
	case 0xe1, 0xe2:
		if r, n := utf8.DecodeRuneInString(s); isSpace(r) {
			return n
		}
	}
	return 0
}

// trimLeftSpace is strings.TrimLeftFunc(s, isSpace).
func trimLeftSpace(s string) string {
	if s == "" || cellByte[s[0]] {
		return s // no space first: decided inline (see isBlank)
	}
	return trimLeftFrom(s)
}

// trimLeftFrom is trimLeftSpace, a character at a time.
func trimLeftFrom(s string) string {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			// the indentation of a laid-out line: runs of ASCII spaces,
			// passed over eight a load (a space alone told by the byte
			// after it, as in appendFold)
			if i++; i < len(s) && s[i] == ' ' {
				i = spacesEnd(s, i+1)
			}
			continue
		}
		if cellByte[s[i]] {
			break // no lead byte of a space
		}
		n := spaceLen(s[i:])
		if n == 0 {
			break
		}
		i += n
	}
	return s[i:]
}

// trimRightSpace is strings.TrimRightFunc(s, isSpace).
func trimRightSpace(s string) string {
	if s == "" || !spaceEnd[s[len(s)-1]] {
		return s // no space last: decided inline (see spaceEnd)
	}
	return trimRightFrom(s)
}

// trimRightFrom is trimRightSpace, a character at a time.
func trimRightFrom(s string) string {
	for len(s) > 0 {
		if c := s[len(s)-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			s = s[:len(s)-1]
			continue
		}
		// The last character's first byte, if it starts within the
		// last four: unless it is a lead byte a space can have, the
		// character is no space, whatever DecodeLastRuneInString makes
		// of it.
		k := len(s) - 1
		for k > 0 && k > len(s)-utf8.UTFMax && !utf8.RuneStart(s[k]) {
			k--
		}
		if !spaceLead[s[k]] {
			break
		}
		r, n := utf8.DecodeLastRuneInString(s)
		if !isSpace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// trimSpace is strings.TrimFunc(s, isSpace).
func trimSpace(s string) string {
	return trimRightSpace(trimLeftSpace(s))
}

// isSpace reports whitespace of every kind reports use, including the
// zero-width characters and BOM that conversions leave behind.
func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || (r >= '\t' && r <= '\r')
	}
	if r > 0x3000 {
		return r == '\ufeff' // Unicode has no other space above U+3000
	}
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000', '\u00a0', '\u00ad':
		// (U+00AD, the soft hyphen, prints nothing unless a line breaks
		// there: CMS editors leave it in numbers, 119&shy;)
		return true
	}
	return unicode.IsSpace(r)
}

// hasDigit reports whether s holds an ASCII digit. It reads eight bytes
// a load, the last eight of s overlapping the load before and a short s
// in one (short8): classify asks it of every cell, and most labels are
// Han text with no digit in them, most values a digit or two.
func hasDigit(s string) bool {
	n := len(s)
	if n < 8 {
		return n > 0 && anyDigit8(short8(s))
	}
	for i := 0; i < n-8; i += 8 {
		if anyDigit8(le64(s, i)) {
			return true
		}
	}
	return anyDigit8(le64(s, n-8))
}

// anyDigit8 reports whether one of the eight bytes of x is an ASCII digit.
func anyDigit8(x uint64) bool {
	return digits8(x) != 0
}

// digits8 is not 0 just when one of the eight bytes of x is an ASCII
// digit: XOR with '0' turns the digits, and only them, into bytes below
// 10, and a byte below n <= 128 is one that borrows when n is subtracted
// from it while its own top bit is clear (a lower byte of n or more lends
// nothing to the bytes above it; one that borrows is a digit itself).
func digits8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	t := x ^ '0'*ones
	return (t - 10*ones) &^ t & highs
}

// allDigits8 reports whether every byte of x is an ASCII digit: XOR
// with '0' turns the digits, and only them, into bytes below 10, and
// (b&7F)+76 reaches 80 from 10 on, carrying no further.
func allDigits8(x uint64) bool {
	const highs = 0x8080808080808080
	t := x ^ 0x3030303030303030
	return ((t&^highs)+0x7676767676767676|t)&highs == 0
}

// hasSpace reports whether s holds a whitespace character (isSpace). It
// decodes only the characters whose lead byte a space can have (ASCII,
// C2, E1, E2, E3, EF): Han text is passed over a byte at a time.
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && asciiSpace[c] || spaceLead[c] && spaceLen(s[i:]) > 0 {
			return true
		}
	}
	return false
}

// innerSpace reports whether s holds whitespace between two characters
// that are not (what trimSpace(s) would still hold), decoding only the
// characters whose lead byte a space can have, as hasSpace does.
func innerSpace(s string) bool {
	seen, gap := false, false // a character that is not a space; a space after one
	for i := 0; i < len(s); {
		c, n, space := s[i], 1, false
		switch {
		case c < utf8.RuneSelf:
			space = asciiSpace[c]
		case spaceLead[c]:
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			space = isSpace(r)
		}
		switch {
		case space:
			gap = seen
		case gap:
			return true
		default:
			seen = true
		}
		i += n
	}
	return false
}

// isBlank reports whether s holds nothing but whitespace.
func isBlank(s string) bool {
	// Decided inline for the empty fields between separators and for
	// text whose first byte no space has (cellByte): Han, digits, letters.
	return s == "" || !cellByte[s[0]] && blankFrom(s)
}

// blankFrom is isBlank, a byte at a time.
func blankFrom(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				return false
			}
			i++
			continue
		}
		n := spaceLen(s[i:])
		if n == 0 {
			return false
		}
		i += n
	}
	return true
}

// splitCells splits one line into table cells: on tabs, '|' (and its
// full-width form) and runs of two or more spaces, the separators that
// converters, scrapers and pdftotext -layout write between cells. Single
// spaces stay inside a cell ("自然 人" is one cell). Each field keeps its
// text as printed, apart from the separators themselves.
//
// It also returns the byte offset at which each field starts, for lines
// laid out in columns, and appends to out and at, so a caller can reuse
// them from line to line. inner reports a field holding whitespace
// between two characters that are not (innerSpace); seps the separators
// the line was cut on besides spaces (sepTab, sepPipe): none for a line
// whose cells are separated by spaces only.
func splitCells(line string, out []string, at []int) (_ []string, _ []int, inner bool, seps int) {
	// The separators are ASCII or '｜' (EF BD 9C), so the line is read a
	// byte at a time, looking further only at the characters a space can
	// start (see spaceLead): no byte of another character's encoding is a
	// separator, nor can EF be inside one. A field is read in a loop of
	// its own, which calls nothing (the spaces past ASCII are told from
	// their bytes) and keeps its flags in one word.
	start := 0
	fl := 0 // sepTab, sepPipe, sepInner; cellSeen and cellGap of the field
	for {
		i := start
		end, next := len(line), len(line) // where the field ends, and the next starts
		fl &^= cellSeen | cellGap
	field:
		for i < len(line) {
			c := line[i]
			if cellByte[c] {
				// A run of the bytes of characters that are neither
				// spaces nor separators (Han text, letters, digits).
				i++
				for i < len(line) && cellByte[line[i]] {
					i++
				}
				fl |= cellSeen | (fl&cellGap)>>(cellGapShift-sepInnerShift)
				continue
			}
			switch {
			case c == '\t':
				fl |= sepTab
				end, next = i, i+1
				break field
			case c == '|':
				fl |= sepPipe
				end, next = i, i+1
				break field
			case c == 0xef && strings.HasPrefix(line[i:], "｜"):
				fl |= sepPipe
				end, next = i, i+len("｜")
				break field
			case c == ' ' && i+1 < len(line) && line[i+1] == ' ':
				// A run of two or more ASCII spaces separates cells,
				// unless it is indentation at the start of the cell.
				j := spacesEnd(line, i+2)
				if fl&cellSeen != 0 {
					end, next = i, j
					break field
				}
				i = j
				continue
			}
			// An ASCII space (every ASCII byte that is no cell byte and
			// no separator is one), or the lead byte of a character a
			// space can be: n is the space's length, 0 for a character
			// that is none. The cases are isSpace's characters past
			// ASCII, as TestSplitCellsEveryRune checks.
			n := 1
			if c >= utf8.RuneSelf {
				n = 0
				if i+1 < len(line) {
					b := line[i+1]
					if c == 0xc2 {
						if b == 0x85 || b == 0xa0 || b == 0xad {
							n = 2 // U+0085, U+00A0, U+00AD
						}
					} else if i+2 < len(line) {
						switch uint32(c)<<16 | uint32(b)<<8 | uint32(line[i+2]) {
						case 0xe38080, 0xefbbbf, 0xe19a80, // U+3000, U+FEFF, U+1680
							0xe28080, 0xe28081, 0xe28082, 0xe28083, 0xe28084, 0xe28085, 0xe28086, 0xe28087,
							0xe28088, 0xe28089, 0xe2808a, 0xe2808b, 0xe2808c, 0xe2808d, // U+2000–U+200D
							0xe280a8, 0xe280a9, 0xe280af, 0xe2819f, 0xe281a0: // U+2028, U+2029, U+202F, U+205F, U+2060
							n = 3
						}
					}
				}
			}
			if n > 0 {
				fl |= (fl & cellSeen) << (cellGapShift - cellSeenShift) // a space after a character
				i += n
				continue
			}
			// A character that is no space: its lead byte, passed over
			// as a cell byte is (its continuation bytes are cell bytes).
			fl |= cellSeen | (fl&cellGap)>>(cellGapShift-sepInnerShift)
			i++
		}
		out, at = append(out, line[start:end]), append(at, start)
		if end == len(line) {
			return out, at, fl&sepInner != 0, fl & (sepTab | sepPipe) // the line's last field
		}
		start = next
	}
}

// The separators splitCells reports having cut a line on, a bit each.
const (
	sepTab  = 1 << iota // a tab
	sepPipe             // a '|' or '｜'
)

// The bits of splitCells' flags besides the separators: a field with
// whitespace between two characters that are not (sepInner), and, of the
// field being read, a character that is no space (cellSeen) and a space
// after one (cellGap).
const (
	sepInnerShift = 2 + iota
	cellSeenShift
	cellGapShift

	sepInner = 1 << sepInnerShift
	cellSeen = 1 << cellSeenShift
	cellGap  = 1 << cellGapShift
)

// cellByte marks the bytes splitCells passes over as a cell's text: all
// but the ASCII spaces, '|' and the lead bytes of the other spaces and of
// '｜' (spaceLead). A continuation byte is one of them, so a character
// that is no space is passed over a byte at a time.
var cellByte = func() (t [256]bool) {
	for c := range t {
		t[c] = !(c < utf8.RuneSelf && (asciiSpace[c] || c == '|')) && !spaceLead[c]
	}
	return t
}()

// dispWidth is the number of columns s takes in a fixed-width layout: East
// Asian wide and full-width characters take two, as pdftotext -layout
// places them.
func dispWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != '\f' {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += runeWidth(r)
		i += size
	}
	return n
}

// runeWidth is the columns r takes in dispWidth: 0 for a form feed, 2 for
// an East Asian wide or full-width character, else 1.
func runeWidth(r rune) int {
	switch {
	case r == '\f':
		return 0
	case r < 0x1100:
		return 1
	case r < 0x10000:
		wideOnce.Do(initWide)
		return 1 + int(wideBMP[r>>6]>>(r&63)&1)
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// wideBMP marks, a bit each, the characters of the Basic Multilingual
// Plane that width says are wide or full-width: the lookup of every Han
// character of a spaced table row, made once.
var (
	wideBMP  [1 << 10]uint64
	wideOnce sync.Once
)

func initWide() {
	for r := rune(0x1100); r < 0x10000; r++ {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			wideBMP[r>>6] |= 1 << (r & 63)
		}
	}
}

// runeCols is the number of characters of s, form feeds left out: the
// columns s takes in pdftotext's layout grid.
func runeCols(s string) int {
	return utf8.RuneCountInString(s) - strings.Count(s, "\f")
}

// isHan is unicode.Is(unicode.Han, r), answering at once for the CJK
// Unified Ideographs (U+4E00–U+9FFF), nearly every character of a
// report, which unicode.Is finds by searching the Han table.
func isHan(r rune) bool {
	if r >= 0x4e00 && r <= 0x9fff {
		return true
	}
	return r >= 0x2e80 && unicode.Is(unicode.Han, r) // no Han below U+2E80
}

// hanCount counts Han characters in s. The three-byte characters of
// U+4E00–U+9FFF, nearly every character of a report, are counted from
// their bytes: lead bytes E5–E9, or E4 before B8–BF, followed by two
// continuation bytes. Anything else is decoded.
func hanCount(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if c-0xe4 <= 0xe9-0xe4 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 && (c != 0xe4 || s[i+1] >= 0xb8) {
			n++
			i += 3
			continue
		}
		r, size := decodeRune(s, i)
		if isHan(r) {
			n++
		}
		i += size
	}
	return n
}

// fewerRunes is len([]rune(s)) < n without counting the runes of a text
// too short or too long for the count to matter: a character takes one to
// four bytes (a byte that is not UTF-8 counts as one), so a text of fewer
// than n bytes has fewer than n characters and one of 4n bytes or more has
// n or more. The section and title tests ask it of every line.
func fewerRunes(s string, n int) bool {
	switch {
	case len(s) < n:
		return true
	case len(s) >= 4*n:
		return false
	}
	return utf8.RuneCountInString(s) < n
}
