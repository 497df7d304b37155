package extract

import (
	"bytes"

	"golang.org/x/text/encoding/unicode"
)

// detect as it was before the sniffer it takes for bytes that are not
// valid UTF-8 stopped following UTF-8 once GB18030 had won
// (sniffDetection), kept so that a differential test can compare the
// two.

// oldDetect is sniff(b)'s detection, decided without the byte-by-byte
// sniffer for the common case: valid UTF-8, mostly CJK or all ASCII, no
// NUL and no magic number. Anything else takes sniff. Validity is checked
// in the pass that counts characters, which stops at a NUL too (bytes
// with one take sniff without a pass of their own to find it).
func oldDetect(b []byte) detection {
	if len(b) == 0 || magicOf(b) != "" {
		_, det := sniff(b)
		return det
	}
	n, ok := countValid(b)
	if !ok { // not UTF-8
		_, det := sniff(b)
		return det
	}
	if n.ctrl*20 > len(b) || n.cjk*2 < n.multi {
		_, det := sniff(b)
		return det
	}
	if bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}) {
		return detection{name: EncUTF8, enc: unicode.UTF8BOM, conf: 1, first: -1}
	}
	return detection{name: EncUTF8, enc: unicode.UTF8, conf: 1, first: -1}
}
