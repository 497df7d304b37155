package transform

import "unicode/utf8"

// oldContextOf is contextOf as it was, decoding every character it keeps;
// TestContextSameAsDecoding compares the two.
func oldContextOf(text string) string {
	const head, tail = 1500, 300
	if len(text) <= head+tail {
		return text // fewer runes than bytes
	}
	i, j := 0, len(text)
	valid := true
	for k := 0; k < head && i < len(text); k++ {
		r, n := utf8.DecodeRuneInString(text[i:])
		valid = valid && !(r == utf8.RuneError && n == 1)
		i += n
	}
	for k := 0; k < tail && j > i; k++ {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		valid = valid && !(r == utf8.RuneError && n == 1)
		j -= n
	}
	if !valid {
		rs := []rune(text)
		if len(rs) <= head+tail {
			return text
		}
		return string(rs[:head]) + "\n" + string(rs[len(rs)-tail:])
	}
	if i >= j {
		return text
	}
	return text[:i] + "\n" + text[j:]
}
