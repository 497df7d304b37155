package extract

// mayMatter's test as it was before it read the tag where it is, kept so
// that a differential test can compare the two.

import "bytes"

// prevRawMayMatter is rawMayMatter on a copy of raw lower-cased, spaces
// removed.
func prevRawMayMatter(raw []byte, spans bool) bool {
	if bytes.IndexByte(raw, '&') >= 0 {
		return true
	}
	var st []byte
	for _, c := range raw {
		if c == ' ' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		st = append(st, c)
	}
	return bytes.Contains(st, []byte("hidden")) || bytes.Contains(st, []byte("display:none")) ||
		spans && bytes.Contains(st, []byte("span"))
}
