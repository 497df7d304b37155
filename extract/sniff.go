package extract

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// sniffer gathers what Decode needs to choose an encoding: byte classes,
// and for each candidate encoding how many sequences are invalid and how
// plausible the valid ones are. It keeps no input, so a file of any size
// can be classified while it is hashed.
type sniffer struct {
	n    int64
	head [4]byte

	nul, nulEven, nulOdd int64
	ctrl                 int64 // C0 controls other than NUL, \t \n \v \f \r, and DEL
	high                 int64 // bytes >= 0x80

	// UTF-8
	u8need         int
	u8lo, u8hi     byte
	u8cp           rune
	u8start        int64
	u8bad, u8first int64
	u8multi, u8cjk int64
	gbState        int
	gbLead         byte
	gbStart        int64
	gbBad, gbFirst int64
	gb2, gbCommon  int64
	gb4            int64
	prev           byte
	track16        bool // keep UTF-16 statistics past u16window
	gbSkipped      bool // the GB18030 statistics are left out (see sniffPage)
	skip16         bool // the input is known to have no UTF-16 BOM and no NUL
	le, be         u16stats
}

type u16stats struct {
	highPending      bool
	highAt           int64
	bad, first       int64
	units, plausible int64
}

func newSniffer() *sniffer {
	return &sniffer{u8first: -1, gbFirst: -1, le: u16stats{first: -1}, be: u16stats{first: -1}}
}

// u16window is how far UTF-16 statistics are kept when the input has
// neither a UTF-16 BOM nor NUL bytes: UTF-16 without a BOM shows its NULs
// (the high bytes of ASCII digits and newlines) long before this.
const u16window = 64 << 10

func (s *sniffer) Write(p []byte) (int, error) {
	// The byte classes, UTF-8 and GB18030 are followed in a pass each:
	// they are independent, and each pass takes a whole valid sequence
	// at a time, where one pass would step both machines a byte at a time.
	s.classes(p)
	s.utf8Pass(p)
	if !s.gbSkipped {
		s.gbPass(p)
	}
	s.n += int64(len(p))
	return len(p), nil
}

// classes follows p, at s.n, for its head, the UTF-16 statistics and the
// byte classes.
func (s *sniffer) classes(p []byte) {
	if s.n < 4 {
		copy(s.head[s.n:], p)
		if s.head[0] == 0xff && s.head[1] == 0xfe || s.head[0] == 0xfe && s.head[1] == 0xff {
			s.track16 = true
		}
	}
	switch {
	case s.skip16:
		// choose reads UTF-16 statistics only after a BOM or a NUL.
	case s.track16:
		s.utf16(p)
	case s.n < u16window:
		s.utf16(p[:min(int64(len(p)), u16window-s.n)])
	}
	for i := 0; i < len(p); {
		if i+8 <= len(p) {
			// eight bytes at a time, their control bytes (newlines,
			// mostly) found in the word
			w := binary.LittleEndian.Uint64(p[i:])
			s.high += int64(bits.OnesCount64(w & (ones * 0x80)))
			for m := controlBytes(w); m != 0; m &= m - 1 {
				k := i + bits.TrailingZeros64(m)>>3
				s.classify(p[k], s.n+int64(k))
			}
			i += 8
			continue
		}
		c := p[i]
		if c < 0x20 || c == 0x7f {
			s.classify(c, s.n+int64(i))
		}
		s.high += int64(c >> 7)
		i++
	}
}

// utf8Pass follows p through the UTF-8 machine (utf8): outside a
// sequence, ASCII changes nothing, and a three-byte sequence that is
// valid whole in p (most of Chinese text) counts as the machine would
// count it, byte by byte. All but a sequence begun in the last piece and
// the last few bytes are counted a word at a time (utf8Words).
func (s *sniffer) utf8Pass(p []byte) {
	i := 0
	for i < len(p) && s.u8need > 0 {
		s.utf8(p[i], s.n+int64(i))
		i++
	}
	i = s.utf8Words(p, i)
	for i < len(p) {
		c := p[i]
		if s.u8need == 0 {
			if c < 0x80 {
				i = skipASCII(p, i+1)
				continue
			}
			if r := threeByte(p, i); r >= 0 {
				s.u8multi++
				if isCJK(r) {
					s.u8cjk++
				}
				i += 3
				continue
			}
			// What utf8 does, here, for most bytes of GBK text: a byte
			// that starts no sequence is invalid alone. (utf8 would
			// also set u8start, u8lo and u8hi, which it reads only
			// inside a sequence, after setting them at its start.)
			if c < 0xc2 || c > 0xf4 {
				s.badU8(s.n + int64(i))
				i++
				continue
			}
			if i+1 < len(p) {
				// Most of the rest of GBK text: a lead followed by a
				// byte outside 80–BF, which continues no sequence,
				// invalid alone as above (utf8 starts the sequence and
				// breaks it off at that byte, which then starts afresh).
				if p[i+1]&0xc0 != 0x80 {
					s.badU8(s.n + int64(i))
					i++
					continue
				}
				// And a GBK character whose bytes are a whole two-byte
				// sequence (leads C2–DF, trails A1–BF), a character
				// below U+0800, none of them CJK.
				if c < 0xe0 {
					s.u8multi++
					i += 2
					continue
				}
			}
		}
		s.utf8(c, s.n+int64(i))
		i++
	}
}

// utf8Words is utf8Pass from p[i], outside a sequence, eight bytes at a
// time while eleven are left: it returns where it stopped, outside a
// sequence too. GBK text, what utf8Pass mostly reads, is a sequence
// broken off every byte or two and a valid one now and then, in no order
// a branch predictor learns: stepping through it byte by byte was
// mispredicted about once a character.
//
// A step of utf8 starts at each byte that is not a continuation byte
// (80–BF): a sequence takes only continuation bytes after its lead, and
// breaks off at any other byte, which starts afresh. So the machine's
// counts are found in each word from its bytes and the three after them
// alone: a lead (C2–F4) is a whole sequence when the bytes after it are
// those utf8 expects, or else one invalid sequence; a byte C0, C1 or
// F5–FF is one; and so is each continuation byte that no lead before it
// takes. The bytes a lead near the word's end takes in the next word
// (carry) are taken there.
func (s *sniffer) utf8Words(p []byte, i int) int {
	const hi = ones * 0x80
	bad, multi, cjk := s.u8bad, s.u8multi, s.u8cjk
	carry := uint64(0)
	// The words are read through pointers to eight bytes within p (the
	// loop's condition), without the slices' bounds checks, which cost
	// the loop more of its values than fit in registers.
	base := unsafe.Pointer(unsafe.SliceData(p))
	for i+11 <= len(p) {
		q := unsafe.Add(base, i)
		w := binary.LittleEndian.Uint64((*[8]byte)(q)[:])
		if w&hi == 0 {
			// ASCII, none of it taken by a lead before it (a taken byte
			// is 80–BF)
			i += 8
			continue
		}
		// each of w's bytes' second, third and fourth bytes
		w1 := binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(q, 1))[:])
		w2 := binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(q, 2))[:])
		w3 := binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(q, 3))[:])
		// The high bit of each byte that is 0x80+v or above, for a v
		// below 0x80, is that of its low seven bits plus 0x80-v, and its
		// own: no byte's sum carries into the next. (Bits below the
		// high ones are left in the masks until they would be shifted
		// or counted.)
		h, low := w&hi, w&^hi
		f5 := low + ones*0x0b
		lead := (low + ones*0x3e) &^ f5 & h   // C2–F4
		lead34 := (low + ones*0x20) &^ f5 & h // E0–F4
		lead4 := (low + ones*0x10) &^ f5 & h  // F0–F4
		// E0, ED, F0 and F4 narrow the range of their second byte
		nib := w & (ones * 0x0f)
		nz0 := nib + ones*0x7f               // high bit: low four bits not 0
		nzD := (nib ^ ones*0x0d) + ones*0x7f // ... not D
		nz4 := (nib ^ ones*0x04) + ones*0x7f // ... not 4
		// second byte A0 or above, 90 or above (of 80–BF)
		b5, b54 := w1<<2, w1<<2|w1<<3
		narrow := lead34&^lead4&^(nz0|b5) | lead34&^lead4&^nzD&b5 | lead4&^(nz0|b54) | lead4&^nz4&b54
		// the leads whose second, third and fourth bytes are taken
		a1 := lead & w1 &^ (w1 << 1) &^ narrow
		a2 := a1 & lead34 & w2 &^ (w2 << 1)
		a3 := a2 & lead4 & w3 &^ (w3 << 1)
		full := a1&^lead34 | a2&^lead4 | a3
		taken := a1<<8 | a2<<16 | a3<<24 | carry
		carry = a1>>56 | a2>>48 | a3>>40
		// every other byte of 0x80 or above is an invalid sequence, or
		// begins one: a byte that leads none (C0, C1, F5–FF), a lead
		// not followed by what it expects, a continuation byte not taken
		bads := h &^ (full | taken)
		if bad == 0 && bads != 0 {
			s.u8first = s.n + int64(i+bits.TrailingZeros64(bads)>>3)
		}
		bad += int64(highBits(bads))
		multi += int64(highBits(full))
		// CJK: of three bytes, as the row of its first two says
		// (cjk3Row), that of EF BF below U+FFF0 (third byte below B0);
		// of four, U+20000–U+2FFFF (F0 A0–AF)
		for m := full & lead34; m != 0; m &= m - 1 {
			k := bits.TrailingZeros64(m) - 7 // the bit the byte starts at
			b0, b1, b2 := byte(w>>k), byte(w1>>k), byte(w2>>k)
			row := cjk3Row[(uint32(b0&0x0f)<<8|uint32(b1))&0xfff]
			if b0 >= 0xf0 {
				row = 0
				if b0 == 0xf0 && b1>>4 == 0xa {
					row = 1
				}
			}
			below := (b2>>4 - 0xb) >> 7 // 1 when b2 is below B0
			cjk += int64(row&1 | row>>1&below)
		}
		i += 8
	}
	s.u8bad, s.u8multi, s.u8cjk = bad, multi, cjk
	// the bytes the last lead takes past the words
	return i + highBits(carry)
}

// highBits is the count of bytes of m with their high bit set, m having
// no other bit set. (The bytes' ones summed into the top byte by a
// multiplication: bits.OnesCount64 is a call where the processor is not
// known to count bits.)
func highBits(m uint64) int {
	return int((m >> 7) * ones >> 56)
}

// ones has a one in each byte: ones*b repeats byte b in a word.
const ones = 0x0101010101010101

// controlBytes has the high bit of each byte of w that is a control byte
// (below 0x20, or 0x7f) set, and no other bit: exactly, as no byte's sum
// below carries into the next.
func controlBytes(w uint64) uint64 {
	low := w &^ (ones * 0x80)
	atLeast20 := low + ones*0x60 // high bit: the low seven bits are 0x20 or more
	is7f := low + ones*0x01      // high bit: the low seven bits are 0x7f
	return (^(atLeast20 | w) | is7f&^w) & (ones * 0x80)
}

// threeByte is the character of the whole three-byte UTF-8 sequence led
// by E1–EC or EE–EF (where CJK is, and whose continuation bytes have no
// narrower range) that p[i:] begins with, or -1 when it begins with none.
func threeByte(p []byte, i int) rune {
	if c := p[i]; c >= 0xe1 && c <= 0xef && c != 0xed && i+2 < len(p) && p[i+1]&0xc0 == 0x80 && p[i+2]&0xc0 == 0x80 {
		return rune(c&0x0f)<<12 | rune(p[i+1]&0x3f)<<6 | rune(p[i+2]&0x3f)
	}
	return -1
}

// skipASCII returns the index of the first byte of p at or after i that
// is not ASCII, or len(p).
func skipASCII(p []byte, i int) int {
	for ; i+8 <= len(p); i += 8 {
		if binary.LittleEndian.Uint64(p[i:])&(ones*0x80) != 0 {
			break
		}
	}
	for ; i < len(p) && p[i] < 0x80; i++ {
	}
	return i
}

// gbPass follows p through the GB18030 machine (gb) as utf8Pass does
// through UTF-8's: outside a sequence, ASCII and the two-byte sequences
// whole in p are counted at once (gbRun).
func (s *sniffer) gbPass(p []byte) {
	for i := 0; i < len(p); {
		if s.gbState == 0 {
			if i = s.gbRun(p, i); i == len(p) {
				break
			}
		}
		s.gb(p[i], s.n+int64(i))
		i++
	}
}

// gbRun passes over the ASCII and whole two-byte sequences that p[i:]
// begins with, outside a sequence, counting the sequences as gb would,
// and returns where it stopped: at the first byte gb is to read. Each
// pair is sorted by a table of its lead's kind and one of its trail's
// (gbLeadKinds, gbTrailKinds), with the counts kept in registers, rather
// than by the five to nine comparisons of its bytes gb makes.
func (s *sniffer) gbRun(p []byte, i int) int {
	gb2, common := s.gb2, s.gbCommon
	for i >= 0 && i < len(p) {
		c := p[i]
		if c < 0x80 {
			i = skipASCII(p, i+1)
			continue
		}
		if i+1 == len(p) {
			break
		}
		k := gbLeadKinds[c] & gbTrailKinds[p[i+1]]
		if k == 0 {
			break
		}
		gb2++
		common += int64(k >> 1)
		i += 2
	}
	s.gb2, s.gbCommon = gb2, common
	return i
}

// gbLeadKinds and gbTrailKinds sort the bytes of a two-byte GB18030
// sequence for gbRun: a lead (81–FE) and a trail (40–7E, 80–FE) have bit
// 0 set; a lead of the common rows (A1–A9, B0–D7, see gb) and a trail
// of A1 or above have bit 1 set too. A pair is a sequence when its bytes'
// kinds share bit 0, and a common character when they share bit 1.
var gbLeadKinds, gbTrailKinds = func() (lead, trail [256]uint8) {
	for c := 0x81; c <= 0xfe; c++ {
		lead[c] = 1
		if c >= 0xa1 && c <= 0xa9 || c >= 0xb0 && c <= 0xd7 {
			lead[c] = 3
		}
	}
	for c := 0x40; c <= 0xfe; c++ {
		if c != 0x7f {
			trail[c] = 1
		}
		if c >= 0xa1 {
			trail[c] = 3
		}
	}
	return lead, trail
}()

func (s *sniffer) utf16(p []byte) {
	i := 0
	if s.n&1 == 1 && len(p) > 0 {
		s.le.unit(uint16(s.prev)|uint16(p[0])<<8, s.n-1)
		s.be.unit(uint16(s.prev)<<8|uint16(p[0]), s.n-1)
		i = 1
	}
	for ; i+1 < len(p); i += 2 {
		off := s.n + int64(i)
		a, b := p[i], p[i+1]
		if a == 0 || b == 0 {
			s.track16 = true
		}
		s.le.unit(uint16(a)|uint16(b)<<8, off)
		s.be.unit(uint16(a)<<8|uint16(b), off)
	}
	if i < len(p) {
		s.prev = p[i]
	}
}

func (s *sniffer) classify(c byte, off int64) {
	switch c {
	case 0:
		s.nul++
		s.track16 = true
		if off&1 == 0 {
			s.nulEven++
		} else {
			s.nulOdd++
		}
	case '\t', '\n', '\v', '\f', '\r':
	default:
		s.ctrl++
	}
}

// finish accounts for a sequence cut short by the end of input.
func (s *sniffer) finish() {
	if s.u8need > 0 {
		s.badU8(s.u8start)
		s.u8need = 0
	}
	if !s.gbSkipped {
		s.finishGB()
	}
	if s.n&1 == 1 {
		s.le.badAt(s.n - 1)
		s.be.badAt(s.n - 1)
	}
	s.le.end()
	s.be.end()
}

func (s *sniffer) finishGB() {
	if s.gbState != 0 {
		s.badGB(s.gbStart)
		s.gbState = 0
	}
}

// utf8Decides reports whether choose picks UTF-8 without reading the
// GB18030 statistics: the bytes are valid UTF-8, all ASCII or mostly CJK.
func (s *sniffer) utf8Decides() bool {
	return s.u8bad == 0 && (s.u8multi == 0 || s.u8cjk*2 >= s.u8multi)
}

// followGB gathers the GB18030 statistics of b, the bytes the sniffer
// has seen, when sniffPage left them out.
func (s *sniffer) followGB(b []byte) {
	if !s.gbSkipped {
		return
	}
	s.gbSkipped = false
	n := s.n
	s.n = 0
	s.gbPass(b)
	s.n = n
	s.finishGB()
}

func (s *sniffer) badU8(off int64) {
	if s.u8bad == 0 {
		s.u8first = off
	}
	s.u8bad++
}

func (s *sniffer) utf8(c byte, off int64) {
	if s.u8need > 0 {
		if c >= s.u8lo && c <= s.u8hi {
			s.u8cp = s.u8cp<<6 | rune(c&0x3f)
			s.u8lo, s.u8hi = 0x80, 0xbf
			s.u8need--
			if s.u8need == 0 {
				s.u8multi++
				if isCJK(s.u8cp) {
					s.u8cjk++
				}
			}
			return
		}
		// The sequence broke off; c may start the next one.
		s.badU8(s.u8start)
		s.u8need = 0
	}
	s.u8start = off
	s.u8lo, s.u8hi = 0x80, 0xbf
	switch {
	case c < 0x80:
	case c >= 0xc2 && c <= 0xdf:
		s.u8need, s.u8cp = 1, rune(c&0x1f)
	case c == 0xe0:
		s.u8need, s.u8cp, s.u8lo = 2, rune(c&0x0f), 0xa0
	case c == 0xed:
		s.u8need, s.u8cp, s.u8hi = 2, rune(c&0x0f), 0x9f
	case c >= 0xe1 && c <= 0xef:
		s.u8need, s.u8cp = 2, rune(c&0x0f)
	case c == 0xf0:
		s.u8need, s.u8cp, s.u8lo = 3, rune(c&0x07), 0x90
	case c >= 0xf1 && c <= 0xf3:
		s.u8need, s.u8cp = 3, rune(c&0x07)
	case c == 0xf4:
		s.u8need, s.u8cp, s.u8hi = 3, rune(c&0x07), 0x8f
	default:
		s.badU8(off)
	}
}

func (s *sniffer) badGB(off int64) {
	if s.gbBad == 0 {
		s.gbFirst = off
	}
	s.gbBad++
}

// gb follows the GB18030 byte structure: ASCII, two-byte sequences
// (lead 81–FE, trail 40–7E or 80–FE) and four-byte sequences (81–FE 30–39
// 81–FE 30–39). Decoding itself is left to x/text; this only counts.
func (s *sniffer) gb(c byte, off int64) {
	switch s.gbState {
	case 1:
		switch {
		case c >= 0x40 && c <= 0xfe && c != 0x7f:
			s.gb2++
			// GB2312 symbols (A1–A9) and level-1 hanzi (B0–D7), the 3755
			// most frequent characters, make up nearly all of real
			// Chinese text; bytes of another encoding land there by
			// chance far less often.
			if c >= 0xa1 && ((s.gbLead >= 0xa1 && s.gbLead <= 0xa9) || (s.gbLead >= 0xb0 && s.gbLead <= 0xd7)) {
				s.gbCommon++
			}
			s.gbState = 0
			return
		case c >= 0x30 && c <= 0x39:
			s.gbState = 2
			return
		}
		s.badGB(s.gbStart)
	case 2:
		if c >= 0x81 && c <= 0xfe {
			s.gbState = 3
			return
		}
		s.badGB(s.gbStart)
	case 3:
		if c >= 0x30 && c <= 0x39 {
			s.gb4++
			s.gbState = 0
			return
		}
		s.badGB(s.gbStart)
	}
	s.gbState = 0
	switch {
	case c < 0x80:
	case c == 0x80 || c == 0xff:
		s.badGB(off)
	default:
		s.gbLead, s.gbStart, s.gbState = c, off, 1
	}
}

func (u *u16stats) badAt(off int64) {
	if u.bad == 0 {
		u.first = off
	}
	u.bad++
}

func (u *u16stats) unit(v uint16, off int64) {
	u.units++
	if u.highPending {
		u.highPending = false
		if v >= 0xdc00 && v <= 0xdfff {
			u.plausible += 2
			return
		}
		u.badAt(u.highAt)
	}
	switch {
	case v >= 0xd800 && v <= 0xdbff:
		u.highPending, u.highAt = true, off
	case v >= 0xdc00 && v <= 0xdfff:
		u.badAt(off)
	case plausible16(v):
		u.plausible++
	}
}

func (u *u16stats) end() {
	if u.highPending {
		u.highPending = false
		u.badAt(u.highAt)
	}
}

// plausible16 reports whether a UTF-16 code unit is one that Chinese
// report text is made of.
func plausible16(v uint16) bool {
	switch {
	case v == '\t' || v == '\n' || v == '\r' || v == '\f':
		return true
	case v >= 0x20 && v < 0x7f:
		return true
	case v >= 0xa0 && v <= 0xff:
		return true
	case v >= 0x2000 && v <= 0x206f: // general punctuation
		return true
	case v >= 0x3000 && v <= 0x303f: // CJK punctuation
		return true
	case v >= 0x3400 && v <= 0x9fff: // CJK ideographs, ext. A
		return true
	case v >= 0xff00 && v <= 0xffef: // full-width forms
		return true
	case v == 0xfeff:
		return true
	}
	return false
}

func isCJK(r rune) bool {
	return (r >= 0x4e00 && r <= 0x9fff) || (r >= 0x3400 && r <= 0x4dbf) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) ||
		(r >= 0x20000 && r <= 0x2ffff)
}
