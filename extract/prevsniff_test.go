package extract

// sniffer.Write as it was before it followed each encoding in a pass of
// its own, kept so that a differential test can compare the two.

// prevWrite is sniffer.Write stepping the byte classes and both machines
// a byte at a time.
func (s *sniffer) prevWrite(p []byte) {
	if s.n < 4 {
		copy(s.head[s.n:], p)
		if s.head[0] == 0xff && s.head[1] == 0xfe || s.head[0] == 0xfe && s.head[1] == 0xff {
			s.track16 = true
		}
	}
	switch {
	case s.skip16:
	case s.track16:
		s.utf16(p)
	case s.n < u16window:
		s.utf16(p[:min(int64(len(p)), u16window-s.n)])
	}
	for i, c := range p {
		if c >= 0x20 && c < 0x7f && s.u8need == 0 && s.gbState == 0 {
			continue // ASCII outside any multi-byte sequence
		}
		off := s.n + int64(i)
		if c < 0x20 || c == 0x7f {
			s.classify(c, off)
		} else if c >= 0x80 {
			s.high++
		}
		s.utf8(c, off)
		s.gb(c, off)
	}
	s.n += int64(len(p))
}

// prevSniffPage is sniffPage as it was before valid UTF-8 was counted in
// one pass (sniffValid): the sniffer's passes over every page.
func prevSniffPage(b []byte) *sniffer {
	s := sniffBytes(b, true)
	if !s.utf8Decides() {
		s.followGB(b)
	}
	return s
}
