package transform

import "strings"

// isSentenceByteLoop is isSentence as it read c a byte at a time, before
// it read eight bytes a load.
func isSentenceByteLoop(c string) bool {
	for i := 0; i < len(c); i++ {
		if !sentenceByteOld[c[i]] {
			continue
		}
		switch c[i] {
		case ';':
			return true
		case ',':
			if i == 0 || i+1 >= len(c) || c[i-1]-'0' > 9 || c[i+1]-'0' > 9 {
				return true
			}
		default:
			if strings.HasPrefix(c[i:], "。") {
				return true
			}
		}
	}
	return false
}

// sentenceByteOld marks the bytes isSentenceByteLoop looks at: the
// semicolon, the comma and 0xe3, the first byte of 。.
var sentenceByteOld = [256]bool{';': true, ',': true, 0xe3: true}
