package division

import "unicode/utf8"

// oldStripSpace is stripSpace as it was before it read bytes: character
// by character, each decoded. TestStripSpaceSameAsBefore and
// FuzzStripSpaceSameAsBefore compare the two.
func oldStripSpace(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if oldIsStrip(r) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !oldIsStrip(r) {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

func oldIsStrip(r rune) bool {
	switch r {
	case '\t', '\n', '\f', '\r', ' ', '　', '"', '“', '”', '\'', '‘', '’', '《', '》', '<', '>', '(', ')', '（', '）', '[', ']', '【', '】':
		return true
	}
	return false
}
