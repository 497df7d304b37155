package extract

import (
	"bytes"
	"fmt"
	"math"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// CellReport is the cell of findings about the whole document.
const CellReport = "report"

// Encoding names as reported in Document.Encoding.
const (
	EncUTF8    = "utf-8"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncGB18030 = "gb18030"
)

// detection is the encoding chosen for some bytes, with what is known of
// how well they decode.
type detection struct {
	name    string // "" when the bytes are not text
	enc     encoding.Encoding
	conf    float64
	bad     int64 // invalid sequences of the chosen encoding
	first   int64 // byte offset of the first one
	notText string
}

var magics = []struct{ prefix, what string }{
	{"%PDF", "a PDF file"},
	{"PK\x03\x04", "a zip archive (DOCX or other Office file)"},
	{"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.xls) or an encrypted document"},
	{"\x89PNG", "a PNG image"},
	{"GIF8", "a GIF image"},
	{"\xff\xd8\xff", "a JPEG image"},
}

// magicOf names the kind of file b begins like by its magic number ("a PDF
// file"), or "" when it begins like none of magics.
func magicOf(b []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return m.what
		}
	}
	return ""
}

// choose picks the encoding from what the sniffer saw. finish must have
// been called.
func (s *sniffer) choose() detection {
	if s.n == 0 {
		return detection{notText: "it is empty"}
	}
	head := s.head[:min(s.n, 4)]
	if what := magicOf(head); what != "" {
		return detection{notText: "it is " + what}
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		return detection{name: EncUTF8, enc: unicode.UTF8BOM, conf: 1, bad: s.u8bad, first: s.u8first}
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		return detection{name: EncUTF16LE, enc: unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), conf: 1, bad: s.le.bad, first: s.le.first}
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return detection{name: EncUTF16BE, enc: unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), conf: 1, bad: s.be.bad, first: s.be.first}
	}
	if s.nul > 0 {
		// UTF-16 without a BOM: the NULs are the high bytes of ASCII
		// units (digits, newlines), all on the same side of each pair.
		for _, c := range []struct {
			nulHigh int64
			st      u16stats
			name    string
			order   unicode.Endianness
		}{{s.nulOdd, s.le, EncUTF16LE, unicode.LittleEndian}, {s.nulEven, s.be, EncUTF16BE, unicode.BigEndian}} {
			if c.nulHigh*10 < s.nul*9 || c.st.units == 0 {
				continue
			}
			p := float64(c.st.plausible) / float64(c.st.units)
			if p >= 0.9 {
				return detection{name: c.name, enc: unicode.UTF16(c.order, unicode.IgnoreBOM), conf: 0.8 * p, bad: c.st.bad, first: c.st.first}
			}
		}
		if s.nul*1000 > s.n {
			return detection{notText: fmt.Sprintf("it holds %d NUL bytes and is not UTF-16", s.nul)}
		}
	}
	if s.ctrl*20 > s.n {
		return detection{notText: fmt.Sprintf("%d of its %d bytes are control characters", s.ctrl, s.n)}
	}
	utf8Det := detection{name: EncUTF8, enc: unicode.UTF8, bad: s.u8bad, first: s.u8first}
	if s.utf8Decides() {
		// ASCII reads the same in every candidate; CJK in valid UTF-8
		// does not happen by chance.
		utf8Det.conf = 1
		return utf8Det
	}
	gbDet := detection{name: EncGB18030, enc: simplifiedchinese.GB18030, bad: s.gbBad, first: s.gbFirst}
	common := s.gbCommonShare()
	if s.u8bad == 0 {
		switch {
		case s.gbBad == 0 && s.gb2 >= s.u8multi && common >= 0.9:
			// Short GBK text can be valid UTF-8 by accident, but then
			// it decodes to Latin or Cyrillic letters, not to CJK.
			gbDet.conf = 0.6
			return gbDet
		default:
			utf8Det.conf = 0.8
		}
		return utf8Det
	}
	u8err := float64(s.u8bad) / float64(s.u8multi+s.u8bad)
	u8score := 1 - u8err
	if s.u8cjk*2 < s.u8multi {
		u8score *= 0.8
	}
	if gbScore := s.gbScore(); gbScore > u8score {
		gbDet.conf = gbScore
		return gbDet
	}
	utf8Det.conf = u8score
	return utf8Det
}

// gbCommonShare is the share of the two-byte GB18030 sequences that are
// characters of the common rows (see gb).
func (s *sniffer) gbCommonShare() float64 {
	if s.gb2 == 0 {
		return 0
	}
	return float64(s.gbCommon) / float64(s.gb2)
}

// gbScore is how well GB18030 fits the bytes, weighed by choose against
// UTF-8's score when neither is sure.
func (s *sniffer) gbScore() float64 {
	if s.gb2+s.gb4 == 0 {
		return 0
	}
	gbErr := float64(s.gbBad) / float64(s.gb2+s.gb4+s.gbBad)
	if s.gb2 == 0 {
		return (1 - gbErr) * 0.5
	}
	return (1 - gbErr) * s.gbCommonShare()
}

// utf8Loses reports whether UTF-8's score, as choose weighs it, stays
// below gb whatever the rest bytes not yet followed hold: they can add at
// most one sequence for each two of them (and one begun before them) and
// take away no invalid one, and the score is then at most
// multi/(multi+bad). The margin is far above the rounding of either
// score.
func (s *sniffer) utf8Loses(rest int64, gb float64) bool {
	if s.u8bad == 0 {
		return false
	}
	multi := float64(s.u8multi) + float64(rest/2+1)
	return multi/(multi+float64(s.u8bad)) < gb-1e-9
}

// Decode decodes b as text: UTF-8 with or without BOM, UTF-16 with a BOM
// (or without one, from the NUL pattern), or GB18030 (which includes GBK
// and GB2312). It returns the text with line endings normalized to '\n',
// the encoding name, a confidence in [0,1] that the encoding is right, and
// findings: EMPTY_FILE, NOT_TEXT (binary data; text is then empty),
// ENCODING_INVALID (bytes replaced by U+FFFD) and ENCODING_UNCERTAIN.
// Lines are not limited; Read and ReadBytes apply Limits.MaxLineBytes.
func Decode(b []byte) (text, encoding string, confidence float64, findings []schemas.Finding) {
	text, det, fs := decodeBytes("input", b, int(^uint(0)>>1), math.MaxInt64, false)
	return text, det.name, det.conf, fs
}
