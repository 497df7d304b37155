package transform

import "strings"

// hanIndex is strings.Index for the words this package looks for in Chinese
// text. strings.Index steps to each place the word's first byte stands,
// and a word's first byte, the lead byte of a Han character (E4–E9), is
// the first of every few bytes of the text. hanIndex steps instead to each
// place its last byte stands, a continuation byte, which one character in
// tens ends with; a word that does not end in a continuation byte (or is
// shorter than one character) is left to strings.Index. It works on any
// text and word.
//
// A text shorter than the word (most often an empty line: the section
// readers ask about every line) is answered where hanIndex is called,
// without a call: hanIndex is small enough to be inlined.
func hanIndex(s, word string) int {
	if len(s) < len(word) {
		return -1
	}
	return hanIndexIn(s, word)
}

// hanIndexIn is hanIndex for a text at least as long as the word.
func hanIndexIn(s, word string) int {
	n := len(word)
	if n < 3 || word[n-1]&0xc0 != 0x80 {
		return strings.Index(s, word)
	}
	last := word[n-1]
	for i := n - 1; i < len(s); i++ {
		j := strings.IndexByte(s[i:], last)
		if j < 0 {
			return -1
		}
		i += j
		// the first byte tells most places apart without a call
		if s[i-n+1] == word[0] && s[i-n+1:i+1] == word {
			return i - n + 1
		}
	}
	return -1
}

// hanContains is strings.Contains by hanIndex.
func hanContains(s, word string) bool { return hanIndex(s, word) >= 0 }

// hanIndexBytes is bytes.Index by hanIndex: s and word are only read.
func hanIndexBytes(s, word []byte) int { return hanIndex(bytesString(s), bytesString(word)) }
