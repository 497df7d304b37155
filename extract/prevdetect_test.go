package extract

// detect as it was before it read ASCII eight bytes at a time and
// three-byte UTF-8 sequences without utf8.DecodeRune, kept so that a
// differential test can compare the two.

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// prevDetect is detect reading a byte or a rune at a time.
func prevDetect(b []byte) detection {
	if len(b) == 0 || bytes.IndexByte(b, 0) >= 0 {
		_, det := sniff(b)
		return det
	}
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			_, det := sniff(b)
			return det
		}
	}
	var ctrl, multi, cjk int
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7f {
				ctrl++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 { // not UTF-8
			_, det := sniff(b)
			return det
		}
		multi++
		if isCJK(r) {
			cjk++
		}
		i += size
	}
	if ctrl*20 > len(b) || cjk*2 < multi {
		_, det := sniff(b)
		return det
	}
	if bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}) {
		return detection{name: EncUTF8, enc: unicode.UTF8BOM, conf: 1, first: -1}
	}
	return detection{name: EncUTF8, enc: unicode.UTF8, conf: 1, first: -1}
}
