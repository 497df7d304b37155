package extract

// sniffer.utf8Pass as it was before it read eight bytes at a time
// (utf8Words), kept so that a differential test can compare the two.

// oldUTF8Pass follows p through the UTF-8 machine (utf8): outside a
// sequence, ASCII changes nothing, and a three-byte sequence that is
// valid whole in p (most of Chinese text) counts as the machine would
// count it, byte by byte.
func (s *sniffer) oldUTF8Pass(p []byte) {
	for i := 0; i < len(p); {
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
