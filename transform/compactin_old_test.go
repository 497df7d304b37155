package transform

// compactIn as it was before it trimmed its text by trimSpace's two
// inlined halves instead of calling trimSpace, kept to test that it gives
// the same forms and writes the same bytes (compactin_diff_test.go). Only
// the name differs: it has the prefix old.

func oldCompactIn(b *[]byte, s string) string {
	s = trimSpace(s)
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
