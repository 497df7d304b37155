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

// contextOfPairs is contextOf before pairs3 passed over ASCII eight bytes
// at a time and a single three-byte character, and before pairs3Back: it
// read ASCII and any character not paired one at a time, and the tail
// one character at a time.
func contextOfPairs(text string) string {
	const head, tail = 1500, 300
	if len(text) <= head+tail {
		return text // fewer runes than bytes
	}
	i, j := 0, len(text)
	valid := true
	for k := 0; k < head && i < len(text); {
		if i, k = pairs3Old(text, i, k, head); k >= head || i >= len(text) {
			break
		}
		if text[i] < utf8.RuneSelf {
			i, k = i+1, k+1
			continue
		}
		n, ok := runeAt(text, i)
		valid = valid && ok
		i, k = i+n, k+1
	}
	for k := 0; k < tail && j > i; k++ {
		n, ok := runeBefore(text, j)
		valid = valid && ok
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

// pairs3Old is pairs3 as contextOfPairs used it.
func pairs3Old(s string, i, k, head int) (int, int) {
	for k < head && i+8 <= len(s) {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if byte(x) < utf8.RuneSelf {
			i, k = i+1, k+1
			continue
		}
		if k+2 > head || x&0xc0c000c0c000 != 0x808000808000 || lead3[byte(x)]&lead3[byte(x>>24)] == 0 {
			break
		}
		i, k = i+6, k+2
	}
	return i, k
}
