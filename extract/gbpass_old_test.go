package extract

// sniffer.gbPass as it was before it counted two-byte sequences from
// tables of their bytes' kinds (gbRun), kept so that a differential test
// can compare the two.

// oldGBPass follows p through the GB18030 machine (gb) as utf8Pass does
// through UTF-8's: a two-byte sequence whole in p is counted at once.
func (s *sniffer) oldGBPass(p []byte) {
	for i := 0; i < len(p); {
		c := p[i]
		if s.gbState == 0 {
			if c < 0x80 {
				i = skipASCII(p, i+1)
				continue
			}
			if c != 0x80 && c != 0xff && i+1 < len(p) {
				if t := p[i+1]; t >= 0x40 && t <= 0xfe && t != 0x7f {
					s.gb2++
					if t >= 0xa1 && ((c >= 0xa1 && c <= 0xa9) || (c >= 0xb0 && c <= 0xd7)) {
						s.gbCommon++
					}
					i += 2
					continue
				}
			}
		}
		s.gb(c, s.n+int64(i))
		i++
	}
}
