package extract

// gbASCII and gbPairs as they were before gbASCII's fast loop, which
// reads a character a step, ASCII or a pair, without a branch on which,
// kept so that a differential test can compare the two.

import (
	"encoding/binary"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// prevPairGBASCII is gbASCII before its fast loop. It is a GB18030
// decoder, dec, that copies runs of ASCII itself: a byte below 0x80 where a sequence may start is that character in
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
// table of what dec gives for each (prevGBPairs): dec takes over a hundred
// instructions a character. Each sequence decodes alone (dec keeps no
// state between them), so the text is the same.
type prevPairGBASCII struct{ dec transform.Transformer }

func (t prevPairGBASCII) Reset() { t.dec.Reset() }

func (t prevPairGBASCII) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	pairs := prevGBPairs()
	for nSrc < len(src) {
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
		for i+1 < len(src) && nDst+3 <= len(dst) {
			u := pairs[uint16(src[i])<<8|uint16(src[i+1])]
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

// prevGBPairs is gbPairs as it was, a row for each lead byte: for each two-byte GB18030 sequence (a lead byte 81–FE, a
// trail byte 40–7E or 80–FE), at lead<<8|trail, the UTF-8 x/text's
// decoder writes for it: its bytes from the lowest, and their count in
// the top byte. Any other two bytes have 0 (left to the decoder), as
// would a sequence not of two or three bytes (none is). Made on first
// use, from one decoding of all the sequences, each of which is one
// character.
var prevGBPairs = sync.OnceValue(func() *[1 << 16]uint32 {
	src := make([]byte, 0, 2*126*190)
	for c0 := 0x81; c0 <= 0xfe; c0++ {
		for c1 := 0x40; c1 <= 0xfe; c1++ {
			if c1 != 0x7f {
				src = append(src, byte(c0), byte(c1))
			}
		}
	}
	pairs := new([1 << 16]uint32)
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
			pairs[binary.BigEndian.Uint16(src)] = u
		}
		out = out[n:]
	}
	return pairs
})
