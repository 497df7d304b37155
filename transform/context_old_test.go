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

// contextOfByRune is contextOf before it passed over ASCII and pairs of
// three-byte characters in a loop of its own: it keeps the opening and
// closing runes of a text (the summary
// names the organ's parents, the signature the organ): what the run reads
// to tell same-named divisions apart.
func contextOfByRune(text string) string {
	const head, tail = 1500, 300
	if len(text) <= head+tail {
		return text // fewer runes than bytes
	}
	// Cut at rune boundaries, reading only the runes kept: the text has
	// more than head+tail runes when the head and the tail do not meet.
	i, j := 0, len(text)
	valid := true
	for k := 0; k < head && i < len(text); k++ {
		// ASCII and the three-byte characters decode3 reads (most of
		// Chinese text) are passed over here; runeAt sizes the rest.
		if c := text[i]; c < utf8.RuneSelf {
			i++
			continue
		} else if c >= 0xe1 && c <= 0xef && c != 0xed && i+2 < len(text) && text[i+1]&0xc0 == 0x80 && text[i+2]&0xc0 == 0x80 {
			i += 3
			continue
		}
		n, ok := runeAt(text, i)
		valid = valid && ok
		i += n
	}
	for k := 0; k < tail && j > i; k++ {
		n, ok := runeBefore(text, j)
		valid = valid && ok
		j -= n
	}
	if !valid {
		// Bytes that are not UTF-8 become U+FFFD in what is kept.
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
