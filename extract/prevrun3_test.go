package extract

// run3 as it was before it told CJK from a table, kept so that a
// differential test can compare the two.

import (
	"encoding/binary"
	"math/bits"
)

// prevRun3 is run3 as it was before it counted CJK from a table
// (cjk3Row), without a branch a character: it told CJK from the
// characters' bytes by the ranges of isCJK (prevIsCJK3).
func prevRun3(b []byte, i int) (end, chars, cjk int) {
	// (i >= 0, as it always is, spares the load its bounds checks)
	for i >= 0 && i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i : i+8])
		// the bytes from the first, top down, for isCJK3
		y := bits.ReverseBytes64(x)
		// byte 0 a lead byte, 1 and 2 continuation bytes
		if x&0xc0c000 != 0x808000 || lead3[byte(x)] == 0 {
			return i, chars, cjk
		}
		if prevIsCJK3(uint32(y >> 40)) {
			cjk++
		}
		// and 3 a lead byte, 4 and 5 continuation bytes
		if x&0xc0c000000000 != 0x808000000000 || lead3[byte(x>>24)] == 0 {
			return i + 3, chars + 1, cjk
		}
		if prevIsCJK3(uint32(y>>16) & 0xffffff) {
			cjk++
		}
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
	return i, chars, cjk
}

// prevIsCJK3 is isCJK for the three-byte character whose bytes, from the
// first, are v's low three from the top: UTF-8 orders the characters of
// three bytes as their code points, so each range of isCJK is that of
// its first and last characters' bytes.
func prevIsCJK3(v uint32) bool {
	return v-0xe4b880 <= 0xe9bfbf-0xe4b880 || // U+4E00–U+9FFF
		v-0xe39080 <= 0xe4b6bf-0xe39080 || // U+3400–U+4DBF
		v-0xe38080 <= 0xe380bf-0xe38080 || // U+3000–U+303F
		v-0xefbc80 <= 0xefbfaf-0xefbc80 // U+FF00–U+FFEF
}
