package extract

// gbASCII as it was before it decoded two-byte sequences from a table
// (gbPairs), kept so that a differential test can compare the two.

import (
	"encoding/binary"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// prevGBASCII is gbASCII before gbPairs: it copies runs of ASCII itself
// and gives x/text's decoder every other byte.
type prevGBASCII struct{ dec transform.Transformer }

func (t prevGBASCII) Reset() { t.dec.Reset() }

func (t prevGBASCII) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
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
		if i == len(src) {
			break
		}
		j := i + 1
		for j < len(src) && src[j] >= 0x80 {
			j++
		}
		end := min(j+3, len(src))
		d, k, err := t.dec.Transform(dst[nDst:], src[nSrc:end], atEOF && end == len(src))
		if err == transform.ErrShortSrc && end < len(src) && k == 0 {
			d, k, err = t.dec.Transform(dst[nDst:], src[nSrc:], atEOF)
		}
		nDst, nSrc = nDst+d, nSrc+k
		if err == transform.ErrShortSrc && end < len(src) {
			continue
		}
		if err != nil {
			return nDst, nSrc, err
		}
	}
	return nDst, nSrc, nil
}

// TestGBPairsSame: each entry of gbPairs is what x/text's decoder writes
// for its sequence alone (0 for two bytes of a lead 80 or above that are
// none; an ASCII lead shares the row of its lead with the high bit set),
// and every sequence of two bytes, alone and before a lead byte, an
// ASCII byte and the rest of a four-byte sequence, decodes with gbASCII
// as with the decoder and prevGBASCII.
func TestGBPairsSame(t *testing.T) {
	dec := simplifiedchinese.GB18030.NewDecoder()
	pairs := gbPairs()
	for c0 := 0x80; c0 < 256; c0++ {
		for c1 := range 256 {
			u := pairs[(c0&0x7f)<<8|c1]
			if c0 < 0x81 || c0 == 0xff || c1 < 0x40 || c1 == 0x7f || c1 == 0xff {
				if u != 0 {
					t.Fatalf("%02x %02x: not a two-byte sequence, gbPairs has %08x", c0, c1, u)
				}
				continue
			}
			var out [4]byte
			n, _, err := dec.Transform(out[:], []byte{byte(c0), byte(c1)}, true)
			if err != nil || int(u>>24) != n || string(out[:n]) != string([]byte{byte(u), byte(u >> 8), byte(u >> 16)}[:n]) {
				t.Fatalf("%02x %02x: gbPairs has %08x, the decoder %q (%v)", c0, c1, u, out[:n], err)
			}
		}
	}
	for c0 := range 256 {
		for c1 := range 256 {
			p := []byte{byte(c0), byte(c1)}
			sameGB(t, p)
			if c0 >= 0x80 {
				sameGB(t, append(p, 0xb0))
				sameGB(t, append(p, 'a', 0xb0, 0xa1))
				sameGB(t, append(p, 0x81, 0x30))
			}
		}
	}
}
