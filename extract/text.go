package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// finding is a finding on the whole report, made with a registered rule:
// its code and kind are the rule's.
func finding(rule *schemas.Rule, severity, msg string) schemas.Finding {
	return schemas.Finding{Rule: rule.Code, Severity: severity, Kind: rule.Kind, Cell: CellReport, Message: msg}
}

func lineFinding(rule *schemas.Rule, severity string, line int, msg string) schemas.Finding {
	f := finding(rule, severity, msg)
	l := int32(min(line, 1<<31-1))
	f.Line = &l
	return f
}

// sniff classifies b.
func sniff(b []byte) (*sniffer, detection) {
	s := sniffBytes(b, false)
	return s, s.choose()
}

// sniffPage is sniff(b)'s sniffer but for the GB18030 statistics, left
// out (gbSkipped) when choose does not read them: on a page of valid
// UTF-8, mostly CJK or all ASCII, as most are. followGB(b) gathers them.
func sniffPage(b []byte) *sniffer {
	s := sniffValid(b)
	if s == nil {
		s = sniffBytes(b, true)
	}
	if !s.utf8Decides() {
		s.followGB(b)
	}
	return s
}

// sniffHTML is sniffPage(b) for a page whose head declares UTF-8 (u8) or
// not. Where the page is not valid UTF-8 and declares no UTF-8, the UTF-8
// statistics are followed only until GB18030 has won whatever the rest
// holds, as sniffDetection follows them (sniffGBPage): choose then picks
// GB18030 with its statistics, all followed, as it would with all of
// UTF-8's, and readHTML reads UTF-8's only for a page that declares it.
func sniffHTML(b []byte, u8 bool) *sniffer {
	s := sniffValid(b)
	if s == nil && !u8 && !hasBOM(b) {
		s = sniffGBPage(b)
	}
	if s == nil {
		s = sniffBytes(b, true)
	}
	if !s.utf8Decides() {
		s.followGB(b)
	}
	return s
}

// sniffGBPage is sniffHTML's sniffer for b that is not valid UTF-8 and
// begins with no BOM, followed as sniffDetection follows it; nil when b
// holds a NUL (choose then may read the UTF-16 and UTF-8 statistics both).
func sniffGBPage(b []byte) *sniffer {
	if s := sniffGBFirst(b); s.nul == 0 {
		return s
	}
	return nil
}

// sniffDetection is sniff(b)'s detection. GB18030 is followed first,
// and UTF-8 then a piece of b at a time: once UTF-8's counts so far leave
// it a score below GB18030's whatever the rest of b holds (utf8Loses),
// the rest is not followed, as choose reads those counts only to weigh
// the two. In GBK text, most of the UTF-8 pass is spared: its invalid
// sequences, one every byte or two, leave UTF-8 behind within the first
// piece or few. After a UTF-8 byte order mark, which decides the
// encoding, UTF-8 is followed to the end: the detection then reports all
// of its invalid sequences.
func sniffDetection(b []byte) detection {
	return sniffGBFirst(b).choose()
}

// sniffGBFirst is sniffDetection's sniffer, finished.
func sniffGBFirst(b []byte) *sniffer {
	const piece = 512
	s := newSniffer()
	s.skip16 = !bytes.HasPrefix(b, []byte{0xff, 0xfe}) && !bytes.HasPrefix(b, []byte{0xfe, 0xff}) &&
		bytes.IndexByte(b, 0) < 0
	s.classes(b)
	s.gbPass(b)
	s.finishGB()
	gb := s.gbScore()
	bom := bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf})
	for off := 0; off < len(b); {
		end := min(off+piece, len(b))
		s.n = int64(off)
		s.utf8Pass(b[off:end])
		off = end
		if !bom && s.utf8Loses(int64(len(b)-end), gb) {
			break
		}
	}
	s.n = int64(len(b))
	s.finish()
	return s
}

func sniffBytes(b []byte, skipGB bool) *sniffer {
	s := newSniffer()
	// With all the bytes at hand, UTF-16 statistics are known to be
	// unneeded when there is neither a UTF-16 BOM nor a NUL byte.
	s.skip16 = !bytes.HasPrefix(b, []byte{0xff, 0xfe}) && !bytes.HasPrefix(b, []byte{0xfe, 0xff}) &&
		bytes.IndexByte(b, 0) < 0
	s.gbSkipped = skipGB
	s.Write(b)
	s.finish()
	return s
}

// sniffValid is sniffBytes(b, true) for b that is valid UTF-8 without a
// NUL byte, as nearly every page is, counted in one pass as detect counts
// (the sniffer takes a pass for the byte classes and one for UTF-8); nil
// for any other b. Such b has neither a UTF-16 BOM (0xFF and 0xFE are not
// UTF-8) nor a NUL, so its UTF-16 statistics are skipped as sniffBytes
// skips them, and each of its bytes of 0x80 or above is in a multi-byte
// character.
func sniffValid(b []byte) *sniffer {
	n, ok := countValid(b)
	if !ok {
		return nil
	}
	s := newSniffer()
	copy(s.head[:], b)
	s.n, s.skip16, s.gbSkipped = int64(len(b)), true, true
	s.ctrl, s.high = int64(n.ctrl), int64(n.high)
	s.u8multi, s.u8cjk = int64(n.multi), int64(n.cjk)
	s.finish()
	return s
}

// validCounts are what countValid counts of valid UTF-8: control bytes
// other than the whitespace ones, bytes of 0x80 or above, multi-byte
// characters and the CJK ones among them.
type validCounts struct{ ctrl, high, multi, cjk int }

// countValid counts b for sniffValid and detect in one pass: eight ASCII
// bytes at a time, their control bytes found in the word, and runs of
// three-byte characters (Chinese text) read whole. ok is false at the
// first NUL or byte that is not UTF-8.
//
// A word of ASCII without a control byte other than white space (nearly
// every word of a page) is passed over in a loop of its own: the control
// bytes counted are found in the word with the white space ones (\t to
// \r, which end a page's lines) taken out, not one at a time.
func countValid(b []byte) (n validCounts, ok bool) {
	for i := 0; i < len(b); {
		for i+8 <= len(b) {
			w := binary.LittleEndian.Uint64(b[i : i+8])
			if countedBytes(w) == 0 {
				i += 8
				continue
			}
			h := w & (ones * 0x80)
			ctl := controlBytes(w) &^ spaceControls(w)
			k := 8
			if h != 0 {
				k = bits.TrailingZeros64(h) >> 3
			}
			for m := ctl & (1<<(8*k) - 1); m != 0; m &= m - 1 {
				if b[i+bits.TrailingZeros64(m)>>3] == 0 {
					return n, false
				}
				n.ctrl++
			}
			i += k
			if k < 8 {
				break
			}
		}
		if i == len(b) {
			break
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7f {
				if c == 0 {
					return n, false
				}
				n.ctrl++
			}
			i++
			continue
		}
		if j, chars, cjk := run3(b, i); chars > 0 {
			n.multi, n.high, n.cjk = n.multi+chars, n.high+3*chars, n.cjk+cjk
			i = j
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return n, false
		}
		n.multi++
		n.high += size
		if isCJK(r) {
			n.cjk++
		}
		i += size
	}
	return n, true
}

// run3 passes over the run of three-byte characters threeByte reads
// that starts at b[i] (most of Chinese text): it returns where the run
// ends, its characters and the CJK ones among them. It reads two
// characters at a time from one 8-byte load, and tells CJK from their
// bytes by a table of their first two (cjk3Row), without decoding them
// and without a branch a character (one that told them apart by isCJK's
// ranges was mispredicted at each quotation mark, dash or punctuation
// among the ideographs). The one row of the table that is CJK only in
// part (2) is counted whole and noted (rows): a run that has it is
// counted again, by isCJK.
func run3(b []byte, i int) (end, chars, cjk int) {
	start, rows := i, uint8(0)
	// (i >= 0, as it always is, spares the load its bounds checks)
	for i >= 0 && i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i : i+8])
		// the bytes from the first, top down: y>>48 is the first's low
		// four bits and the second, y>>24 those of the fourth and fifth
		y := bits.ReverseBytes64(x)
		// byte 0 a lead byte, 1 and 2 continuation bytes
		if x&0xc0c000 != 0x808000 || lead3[byte(x)] == 0 {
			goto done
		}
		k := cjk3Row[y>>48&0xfff]
		cjk, rows = cjk+int(k), rows|k
		// and 3 a lead byte, 4 and 5 continuation bytes
		if x&0xc0c000000000 != 0x808000000000 || lead3[byte(x>>24)] == 0 {
			i, chars = i+3, chars+1
			goto done
		}
		k = cjk3Row[y>>24&0xfff]
		cjk, rows = cjk+int(k), rows|k
		i, chars = i+6, chars+2
	}
	for i < len(b) {
		r := threeByte(b, i)
		if r < 0 {
			break
		}
		if isCJK(r) {
			cjk++
		}
		i, chars = i+3, chars+1
	}
done:
	if rows > 1 {
		cjk = 0
		for j := start; j < i; j += 3 {
			if isCJK(threeByte(b, j)) {
				cjk++
			}
		}
	}
	return i, chars, cjk
}

// validUTF8 is utf8.Valid(b), for a document of markup and Chinese
// text: the runs of three-byte characters that lead3 leads are read two
// at a time from one 8-byte load, as run3 reads them, where utf8.Valid
// takes a table look-up and four compares a character; ASCII is passed
// over 32 bytes, then 8, at a time up to its first byte that is not,
// without a loop a byte to reach it. What other bytes there are (a lead
// byte of another range, a sequence cut, the last few bytes)
// utf8.DecodeRune decides.
func validUTF8(b []byte) bool {
	// (as in utf8.Valid: with no capacity past its length, and at least
	// a byte left past a block, b is resliced without the instructions
	// that keep a slice from pointing past its end)
	b = b[:len(b):len(b)]
	i := 0
	for {
		if p := b[i:]; len(p) > 32 {
			for len(p) > 32 && (binary.LittleEndian.Uint64(p)|binary.LittleEndian.Uint64(p[8:])|
				binary.LittleEndian.Uint64(p[16:])|binary.LittleEndian.Uint64(p[24:]))&(ones*0x80) == 0 {
				p = p[32:]
			}
			i = len(b) - len(p)
		}
		for i+8 <= len(b) {
			if h := binary.LittleEndian.Uint64(b[i:]) & (ones * 0x80); h != 0 {
				i += bits.TrailingZeros64(h) >> 3
				goto high
			}
			i += 8
		}
		for ; i < len(b); i++ {
			if b[i] >= utf8.RuneSelf {
				goto high
			}
		}
		return true
	high:
		// (i >= 0, as it always is, spares the load its bounds checks)
		for i >= 0 && i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			if x&0xc0c000 != 0x808000 || lead3[byte(x)] == 0 {
				break
			}
			if x&0xc0c000000000 != 0x808000000000 || lead3[byte(x>>24)] == 0 {
				i += 3
				break
			}
			i += 6
		}
		if i < len(b) && b[i] >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			i += size
		}
	}
}

// lead3 marks the lead bytes of the characters threeByte reads: E1–EC
// and EE–EF.
var lead3 = func() (t [256]uint8) {
	for c := 0xe1; c <= 0xef; c++ {
		if c != 0xed {
			t[c] = 1
		}
	}
	return t
}()

// cjk3Row is, for the three-byte characters of a lead byte E1–EF whose
// low four bits are i>>8 and of a second byte i&0xff, 1 when they are
// all CJK (isCJK), 0 when none is, and 2 for the one row that is CJK
// only in part, that of U+FFC0–U+FFFF (EF BF): isCJK's other ranges
// begin and end on whole rows of 64 characters. Built from isCJK, which
// TestCJK3Row checks it against.
var cjk3Row = func() (t [1 << 12]uint8) {
	var p [4]byte
	for r := rune(0x800); r <= 0xffff; r++ {
		if utf8.EncodeRune(p[:], r) != 3 {
			continue // a surrogate
		}
		i := int(p[0]&0x0f)<<8 | int(p[1])
		switch cjk := isCJK(r); {
		case p[2] == 0x80 && cjk:
			t[i] = 1
		case t[i] == 1 && !cjk:
			t[i] = 2
		}
	}
	return t
}()

// spaceControls has the high bit of each byte of w whose low seven bits
// are \t to \r (9 to 13) set, and no other bit: exactly, as no byte's
// sum carries into the next.
func spaceControls(w uint64) uint64 {
	low := w &^ (ones * 0x80)
	atLeast9 := low + ones*(0x80-9)   // high bit: the low seven bits are 9 or more
	atLeast14 := low + ones*(0x80-14) // high bit: ... 14 or more
	return atLeast9 &^ atLeast14 & (ones * 0x80)
}

// countedBytes has the high bit of each byte of w that countValid
// counts set (a control byte but white space, or a byte of 0x80 or
// above), and no other bit: exactly, as no byte's sum carries into the
// next.
func countedBytes(w uint64) uint64 {
	low := w &^ (ones * 0x80)
	below9 := ^(low + ones*(0x80-9))                          // high bit: the low seven bits are below 9
	from14to1f := (low + ones*(0x80-14)) &^ (low + ones*0x60) // ... 14 to 0x1f
	is7f := low + ones*0x01                                   // ... 0x7f
	return (w | below9 | from14to1f | is7f) & (ones * 0x80)
}

// detect is sniff(b)'s detection, decided without the byte-by-byte
// sniffer for the common case: valid UTF-8, mostly CJK or all ASCII, no
// NUL and no magic number. Anything else takes the sniffer
// (sniffDetection). Validity is checked in the pass that counts
// characters, which stops at a NUL too (bytes with one take the sniffer
// without a pass of their own to find it).
func detect(b []byte) detection {
	if len(b) == 0 || magicOf(b) != "" {
		return sniffDetection(b)
	}
	n, ok := countValid(b)
	if !ok { // not UTF-8
		return sniffDetection(b)
	}
	if n.ctrl*20 > len(b) || n.cjk*2 < n.multi {
		return sniffDetection(b)
	}
	if bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}) {
		return detection{name: EncUTF8, enc: unicode.UTF8BOM, conf: 1, first: -1}
	}
	return detection{name: EncUTF8, enc: unicode.UTF8, conf: 1, first: -1}
}

// detectionFindings reports what the choice of encoding leaves in doubt.
func detectionFindings(name string, n int64, det detection) []schemas.Finding {
	if n == 0 {
		return []schemas.Finding{finding(RuleEmptyFile, schemas.SeverityError, fmt.Sprintf("%s is empty.", name))}
	}
	if det.name == "" {
		return []schemas.Finding{finding(RuleNotText, schemas.SeverityError, fmt.Sprintf("%s is not text: %s.", name, det.notText))}
	}
	var fs []schemas.Finding
	if det.bad > 0 {
		f := finding(RuleEncodingInvalid, schemas.SeverityWarning, fmt.Sprintf(
			"%s has %d byte sequences invalid in %s, the first at byte offset %d; they were replaced by U+FFFD.",
			name, det.bad, det.name, det.first))
		act := fmt.Sprintf("%d invalid, first at byte %d", det.bad, det.first)
		f.Actual = &act
		fs = append(fs, f)
	}
	if det.conf < 0.5 {
		fs = append(fs, finding(RuleEncodingUncertain, schemas.SeverityWarning, fmt.Sprintf(
			"%s was decoded as %s, a guess with confidence %.2f only.", name, det.name, det.conf)))
	}
	return fs
}

// decodeBytes is Decode with a file name for the messages, a line limit
// and a limit on the decoded text (see lineCutter). own says that b is the
// caller's to give away: text that needs no change is then b itself.
func decodeBytes(name string, b []byte, maxLine int, maxText int64, own bool) (string, detection, []schemas.Finding) {
	det := detect(b)
	fs := detectionFindings(name, int64(len(b)), det)
	if det.name == "" || len(b) == 0 {
		return "", det, fs
	}
	text, lfs := decodeAs(name, b, det, maxLine, maxText, own)
	return text, det, append(fs, lfs...)
}

// decodeAs decodes b, held in memory, as det says. Valid UTF-8 needs no
// decoder: its lines are only cut.
func decodeAs(name string, b []byte, det detection, maxLine int, maxText int64, own bool) (string, []schemas.Finding) {
	if det.bad == 0 && (det.enc == unicode.UTF8 || det.enc == unicode.UTF8BOM) {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		if own && len(b) > 0 && asCut(b, maxLine, maxText) {
			return unsafe.String(&b[0], len(b)), nil
		}
		text, fs, _ := cutLines(name, b, maxLine, maxText)
		return text, fs
	}
	return decodeMem(name, b, det.enc, maxLine, maxText)
}

// decodeMem is decodeText on bytes in memory. The decoder is given them
// all at once, as the end of its input (so it never waits for more), and
// writes into a buffer kept between files; the text is sized once, for
// the bytes decoded from GB18030 or UTF-16. An x/text decoder gives the
// same text whatever pieces its input comes in.
//
// The text nearly always fits the room it is sized with, and is then
// decoded there whole: text the lineCutter would leave as it is (asCut)
// is then the text, without a pass that copies it line by line, and other
// text is cut where it lies, the cutter writing no byte past one it has
// read. Text that does not fit, or that the decoder stops in, is decoded
// again from the start through the buffer, as before.
func decodeMem(name string, b []byte, enc encoding.Encoding, maxLine int, maxText int64) (string, []schemas.Finding) {
	dec := memDecoder(enc)
	// GB18030 and UTF-16 take 3 UTF-8 bytes for each 2 of theirs at most,
	// but for an invalid byte (U+FFFD) and a 1-byte one's '\r' dropped.
	lc := lineCutter{name: name, maxLine: maxLine, maxText: maxText, line: 1,
		out: make([]byte, 0, min(int64(len(b))+int64(len(b))/2+16, maxText))}
	if nDst, nSrc, err := dec.Transform(lc.out[:cap(lc.out)], b, true); err == nil && nSrc == len(b) {
		text := lc.out[:nDst]
		if asCut(text, maxLine, maxText) {
			return unsafe.String(unsafe.SliceData(text), len(text)), nil
		}
		if uncut(len(text), maxLine, maxText) {
			t := lfOnly(text[:0], text)
			return unsafe.String(unsafe.SliceData(t), len(t)), nil
		}
		lc.write(text)
		t, fs, _ := lc.finish()
		return t, fs
	}
	dec.Reset()
	bp := decodeBuffers.Get().(*[]byte)
	defer decodeBuffers.Put(bp)
	buf := *bp
	for src := b; ; {
		nDst, nSrc, err := dec.Transform(buf, src, true)
		lc.write(buf[:nDst])
		src = src[nSrc:]
		if err == nil && len(src) > 0 {
			err = errInconsistentByteCount
		}
		if err == nil || lc.over {
			break
		}
		if err != transform.ErrShortDst || nDst+nSrc == 0 {
			// what transform.Reader returns, and decodeText reports
			return string(lc.out), append(lc.fs, finding(RuleFileUnreadable, schemas.SeverityError,
				fmt.Sprintf("%s could not be read to the end: %v.", name, err)))
		}
	}
	text, fs, _ := lc.finish()
	return text, fs
}

// memDecoder is enc's decoder for bytes held in memory: for GB18030,
// one that copies ASCII itself (gbASCII).
func memDecoder(enc encoding.Encoding) transform.Transformer {
	if enc == simplifiedchinese.GB18030 {
		return gbASCII{enc.NewDecoder()}
	}
	return enc.NewDecoder()
}

// gbASCII is a GB18030 decoder, dec, that copies runs of ASCII itself:
// a byte below 0x80 where a sequence may start is that character in
// GB18030, and x/text's decoder writes it after a switch and a write a
// byte. The bytes from one of 0x80 or above up to the next ASCII, and
// the three after them (a sequence that starts there may take them: the
// trail bytes of GBK and the digits of four-byte sequences are ASCII)
// are given to dec, which stops at a sequence those would cut
// (transform.ErrShortSrc): an x/text decoder gives the same text
// whatever pieces its input comes in, and stops only between sequences,
// where the next copy starts.
//
// Two-byte sequences, most of GBK text, it decodes itself too, from a
// table of what dec gives for each (gbPairs): dec takes over a hundred
// instructions a character. Each sequence decodes alone (dec keeps no
// state between them), so the text is the same.
//
// While eight bytes of src and of dst are left it takes a step a
// character without a branch on its kind: the ASCII a word of src
// begins with, up to eight bytes, written as a word, or the pair it
// begins with, written from the table. GBK text changes kind every few
// characters (digits, line ends and spaces among the pairs), and loops
// of their own for ASCII and for pairs were left at a mispredicted
// branch nearly each time, with a call to copy the ASCII.
type gbASCII struct{ dec transform.Transformer }

func (t gbASCII) Reset() { t.dec.Reset() }

func (t gbASCII) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	pairs := gbPairs()
	for nSrc < len(src) {
		d, r := gbSteps(dst[nDst:], src[nSrc:], pairs)
		nDst, nSrc = nDst+d, nSrc+r
		i := nSrc
		for i+8 <= len(src) && binary.LittleEndian.Uint64(src[i:])&(ones*0x80) == 0 {
			i += 8
		}
		for i < len(src) && src[i] < 0x80 {
			i++
		}
		n := copy(dst[nDst:], src[nSrc:i])
		nDst, nSrc = nDst+n, nSrc+n
		if nSrc < i {
			return nDst, nSrc, transform.ErrShortDst
		}
		// two-byte sequences while there is room for any character of
		// them; what else there is, dec reads
		for i+1 < len(src) && nDst+3 <= len(dst) && src[i] >= 0x80 {
			u := pairs[uint16(src[i]&0x7f)<<8|uint16(src[i+1])]
			if u == 0 {
				break
			}
			n := int(u >> 24)
			dst[nDst], dst[nDst+1] = byte(u), byte(u>>8)
			if n == 3 {
				dst[nDst+2] = byte(u >> 16)
			}
			i, nDst = i+2, nDst+n
		}
		if nSrc = i; i == len(src) {
			break
		}
		if src[i] < 0x80 {
			continue
		}
		j := i + 1
		for j < len(src) && src[j] >= 0x80 {
			j++
		}
		end := min(j+3, len(src))
		d, k, err := t.dec.Transform(dst[nDst:], src[nSrc:end], atEOF && end == len(src))
		if err == transform.ErrShortSrc && end < len(src) && k == 0 {
			// (not met: the first sequence is whole in src[nSrc:end])
			d, k, err = t.dec.Transform(dst[nDst:], src[nSrc:], atEOF)
		}
		nDst, nSrc = nDst+d, nSrc+k
		if err == transform.ErrShortSrc && end < len(src) {
			continue // a sequence cut by end: read again from its start
		}
		if err != nil {
			return nDst, nSrc, err
		}
	}
	return nDst, nSrc, nil
}

// gbSteps is gbASCII's fast loop: it decodes src into dst a character a
// step while eight bytes of each are left, and stops at a byte that is
// neither ASCII nor the lead of a pair in pairs. It returns the bytes
// written and read; it may have written up to eight bytes past them, in
// dst. (A function of its own, its loop's values are kept in
// registers.)
//
//go:noinline
func gbSteps(dst, src []byte, pairs *[1 << 15]uint32) (nDst, nSrc int) {
	// The words are read and written through pointers to eight bytes
	// within src and dst (the loop's condition), without the slices'
	// bounds checks, which cost the loop more of its values than fit
	// in registers.
	s, d := unsafe.Pointer(unsafe.SliceData(src)), unsafe.Pointer(unsafe.SliceData(dst))
	i, j := 0, 0
	for i+8 <= len(src) && j+8 <= len(dst) {
		w := binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(s, i))[:])
		// the ASCII bytes w begins with, 0 to 7 (of eight, seven are
		// taken: the eighth is the next step's), and the pair it begins
		// with, its lead's high bit dropped: used only when k is 0
		k := uint64(bits.TrailingZeros64(w&(ones*0x80)|1<<63)) >> 3
		u := uint64(pairs[bits.ReverseBytes16(uint16(w))&0x7fff])
		if k|u == 0 {
			break // neither ASCII nor a pair
		}
		// all ones when a pair (k is 0), else 0: w's ASCII or the pair
		// is chosen without a branch
		p := uint64((int64(k) - 1) >> 63)
		binary.LittleEndian.PutUint64((*[8]byte)(unsafe.Add(d, j))[:], w^(w^u)&p)
		i += int(k + 2&p)
		j += int(k + u>>24&p)
	}
	return j, i
}

// gbPairs is, for each two-byte GB18030 sequence (a lead byte 81–FE, a
// trail byte 40–7E or 80–FE), at (lead&0x7F)<<8|trail, the UTF-8
// x/text's decoder writes for it: its bytes from the lowest, and their
// count in the top byte. Any other two bytes of a lead 80 or above have
// 0 (left to the decoder), as would a sequence not of two or three bytes
// (none is); those of an ASCII lead share the row of its lead with the
// high bit set. Made on first use, from one decoding of all the
// sequences, each of which is one character.
var gbPairs = sync.OnceValue(func() *[1 << 15]uint32 {
	src := make([]byte, 0, 2*126*190)
	for c0 := 0x81; c0 <= 0xfe; c0++ {
		for c1 := 0x40; c1 <= 0xfe; c1++ {
			if c1 != 0x7f {
				src = append(src, byte(c0), byte(c1))
			}
		}
	}
	pairs := new([1 << 15]uint32)
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), src)
	if err != nil || utf8.RuneCount(out) != len(src)/2 {
		return pairs
	}
	for ; len(src) > 0; src = src[2:] {
		_, n := utf8.DecodeRune(out)
		if n == 2 || n == 3 {
			u := uint32(out[0]) | uint32(out[1])<<8 | uint32(n)<<24
			if n == 3 {
				u |= uint32(out[2]) << 16
			}
			pairs[binary.BigEndian.Uint16(src)&0x7fff] = u
		}
		out = out[n:]
	}
	return pairs
})

// errInconsistentByteCount is transform.Reader's error for a decoder that
// claims success without having read all of its input.
var errInconsistentByteCount = errors.New("transform: inconsistent byte count returned")

// decodeBuffers are decodeMem's buffers of decoded text.
var decodeBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// maxLineFindings caps LINE_TOO_LONG findings per document; one more
// finding counts the rest.
const maxLineFindings = 10

// decodeText decodes r, normalizes line endings to '\n' and truncates lines
// longer than maxLine bytes (at a rune boundary). Only the kept text is
// held, so a file of one huge line costs no more than maxLine, and decoding
// stops once the text is over maxText bytes.
func decodeText(ctx context.Context, name string, r io.Reader, enc encoding.Encoding, maxLine int, maxText int64) (string, []schemas.Finding, error) {
	tr := transform.NewReader(r, enc.NewDecoder())
	lc := lineCutter{name: name, maxLine: maxLine, maxText: maxText, line: 1}
	buf := make([]byte, 64<<10)
	for {
		if err := ctx.Err(); err != nil {
			return "", nil, err
		}
		n, err := tr.Read(buf)
		lc.write(buf[:n])
		if err == io.EOF || lc.over {
			break
		}
		if err != nil {
			return string(lc.out), append(lc.fs, finding(RuleFileUnreadable, schemas.SeverityError,
				fmt.Sprintf("%s could not be read to the end: %v.", name, err))), nil
		}
	}
	return lc.finish()
}

// cutLines is decodeText for text already decoded (valid UTF-8, BOM
// removed): it needs no decoder and sizes its output once.
//
// Text the lineCutter cuts nothing of (uncut) only has its line ends
// made '\n' (lfOnly), without a pass a line.
func cutLines(name string, text []byte, maxLine int, maxText int64) (string, []schemas.Finding, error) {
	if uncut(len(text), maxLine, maxText) {
		t := lfOnly(make([]byte, 0, len(text)), text)
		return unsafe.String(unsafe.SliceData(t), len(t)), nil, nil
	}
	lc := lineCutter{name: name, maxLine: maxLine, maxText: maxText, line: 1, out: make([]byte, 0, min(int64(len(text)), maxText))}
	lc.write(text)
	return lc.finish()
}

// asCut reports whether the lineCutter would leave text as it is: no
// '\r', no line over maxLine bytes, within maxText (lineCost a line).
func asCut(text []byte, maxLine int, maxText int64) bool {
	if bytes.IndexByte(text, '\r') >= 0 {
		return false
	}
	// A report's text is nearly always uncut: no need to read it a line
	// at a time below (lines of some twenty bytes).
	if uncut(len(text), maxLine, maxText) {
		return true
	}
	lines := int64(0)
	for rest := text; ; lines++ {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			if len(rest) > maxLine {
				return false
			}
			break
		}
		if i > maxLine {
			return false
		}
		rest = rest[i+1:]
	}
	return int64(len(text))+lineCost*lines <= maxText
}

// uncut reports whether the lineCutter cuts nothing of n bytes of text
// whatever their lines: none can be over maxLine bytes, and no count of
// lines (one a byte at most, lineCost each) can put the text over
// maxText.
func uncut(n int, maxLine int, maxText int64) bool {
	return n <= maxLine && int64(n)*(1+lineCost) <= maxText
}

// lfOnly appends text to out with each "\r\n" and lone '\r' made '\n',
// as the lineCutter writes text it cuts nothing of. out may be text[:0]:
// no byte is written past one read.
func lfOnly(out, text []byte) []byte {
	for {
		i := bytes.IndexByte(text, '\r')
		if i < 0 {
			return append(out, text...)
		}
		out = append(append(out, text[:i]...), '\n')
		if text = text[i+1:]; len(text) > 0 && text[0] == '\n' {
			text = text[1:]
		}
	}
}

// lineCutter normalizes line endings and truncates long lines of text
// written to it in pieces of any size. Past maxText bytes of text it keeps
// nothing: the document is over the text limit (FILE_TOO_LARGE), and its
// text is empty rather than a part that would parse as a whole report.
type lineCutter struct {
	name      string
	maxLine   int
	maxText   int64
	over      bool // more than maxText bytes: nothing is kept
	out       []byte
	fs        []schemas.Finding
	line      int
	lineLen   int64 // bytes of the current line as decoded, kept or not
	cut       bool  // the current line was truncated
	pendingCR bool
	long      int // lines truncated
}

// lineCost is what one line counts toward the text limit besides its
// bytes: parsing indexes every line (two strings of 16 bytes), so millions
// of empty lines cost memory though they hold no text.
const lineCost = 32

// cost is the kept text as measured against maxText.
func (lc *lineCutter) cost() int64 {
	return int64(len(lc.out)) + lineCost*int64(lc.line-1)
}

func (lc *lineCutter) endLine() {
	if lc.cut {
		lc.long++
		if lc.long <= maxLineFindings {
			lc.fs = append(lc.fs, lineFinding(RuleLineTooLong, schemas.SeverityError, lc.line, fmt.Sprintf(
				"%s line %d is %d bytes long, over the limit of %d; it was truncated.", lc.name, lc.line, lc.lineLen, lc.maxLine)))
		}
	}
	lc.lineLen, lc.cut = 0, false
}

func (lc *lineCutter) write(data []byte) {
	// A line is searched for '\r' only when data holds one: most text
	// holds none, and a search a line costs a call.
	cr := bytes.IndexByte(data, '\r') >= 0
	for len(data) > 0 && !lc.over {
		if lc.pendingCR && data[0] == '\n' {
			data = data[1:]
		}
		lc.pendingCR = false
		i := bytes.IndexByte(data, '\n')
		seg := data
		if i >= 0 {
			seg = data[:i]
		}
		if cr {
			if j := bytes.IndexByte(seg, '\r'); j >= 0 {
				i, seg = j, seg[:j]
			}
		}
		if !lc.cut {
			room := int64(lc.maxLine) - lc.lineLen
			if int64(len(seg)) <= room {
				lc.out = append(lc.out, seg...)
			} else {
				lc.cut = true
				lc.out = append(lc.out, seg[:room]...)
				lc.out = trimPartialRune(lc.out)
			}
		}
		lc.lineLen += int64(len(seg))
		if lc.cost() > lc.maxText {
			lc.over, lc.out = true, nil
			break
		}
		if i < 0 {
			break
		}
		lc.pendingCR = data[i] == '\r'
		lc.endLine()
		lc.out = append(lc.out, '\n')
		lc.line++
		data = data[i+1:]
	}
}

func (lc *lineCutter) finish() (string, []schemas.Finding, error) {
	if lc.over || lc.cost() > lc.maxText {
		return "", []schemas.Finding{textTooLarge(lc.name, lc.maxText, true)}, nil
	}
	lc.endLine()
	if lc.long > maxLineFindings {
		lc.fs = append(lc.fs, finding(RuleLineTooLong, schemas.SeverityError, fmt.Sprintf(
			"%s has %d more lines over the limit of %d bytes, all truncated.", lc.name, lc.long-maxLineFindings, lc.maxLine)))
	}
	// lc.out is the cutter's own and written no more: the text is made
	// from it without a second copy of the whole document.
	return unsafe.String(unsafe.SliceData(lc.out), len(lc.out)), lc.fs, nil
}

// textTooLarge is the finding of a document whose text is over the limit.
// perLine is true for a text, PDF or DOCX file, whose lines count lineCost
// bytes each: a file of many short lines is over the limit with fewer
// bytes of text than it names, and the message says why.
func textTooLarge(name string, maxText int64, perLine bool) schemas.Finding {
	how := ""
	if perLine {
		how = fmt.Sprintf(" (each line counting %d bytes besides its characters)", lineCost)
	}
	return finding(RuleFileTooLarge, schemas.SeverityError, fmt.Sprintf(
		"%s holds more than %d bytes of text%s, over the limit (--max-text-bytes); it was hashed but not parsed.", name, maxText, how))
}

// trimPartialRune drops an incomplete rune from the end of b.
func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}
