package extract

// detect as it was before it read ASCII eight bytes at a time and
// three-byte UTF-8 sequences without utf8.DecodeRune, kept so that a
// differential test can compare the two.

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
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

// TestDetectNULAnywhere compares detect with prevDetect (which looked
// for a NUL in a pass of its own) on texts of each kind — ASCII, UTF-8
// Chinese with and without a BOM, GB18030, invalid UTF-8, UTF-16 — with
// a NUL, or two, put at every place, and cut before and after it.
func TestDetectNULAnywhere(t *testing.T) {
	texts := [][]byte{
		[]byte("Annual report 2023\r\nline two\tok\n"),
		[]byte("一、总体情况\n本机关2023年共收到申请128件。"),
		[]byte("\xef\xbb\xbf一、总体情况\n本机关收到申请。"),
		encode(t, simplifiedchinese.GB18030, "一、总体情况\n本机关2023年共收到申请128件。"),
		[]byte("政府\xff信息\xe4\xb8公开abc"),
		[]byte("\xff\xfea\x00b\x00\x00N"),
		[]byte("%PDF-1.4\n"),
	}
	n := 0
	for _, b := range texts {
		sameDetect(t, b)
		for at := 0; at <= len(b); at++ {
			e := append(append(append([]byte(nil), b[:at]...), 0), b[at:]...)
			for _, c := range [][]byte{e, e[:at+1], e[at:], append(e, 0)} {
				sameDetect(t, c)
				n++
			}
			e[len(e)-1] = 0
			sameDetect(t, e)
		}
	}
	t.Logf("%d inputs compared", n)
}
