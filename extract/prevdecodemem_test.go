package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// decodeMem as it was before it decoded text whole into the text's own
// room, kept so that a differential test can compare the two.

// prevDecodeMem decodes through the pooled buffer and writes each piece
// to the lineCutter.
func prevDecodeMem(name string, b []byte, enc encoding.Encoding, maxLine int, maxText int64) (string, []schemas.Finding) {
	dec := memDecoder(enc)
	lc := lineCutter{name: name, maxLine: maxLine, maxText: maxText, line: 1,
		out: make([]byte, 0, min(int64(len(b))+int64(len(b))/2+16, maxText))}
	bp := decodeBuffers.Get().(*[]byte)
	defer decodeBuffers.Put(bp)
	buf := *bp
	for src := b; ; {
		nDst, nSrc, err := dec.Transform(buf, src, true)
		lc.write(buf[:nDst])
		src = src[nSrc:]
		if err == nil && len(src) > 0 {
			err = errInconsistentByteCount
		}
		if err == nil || lc.over {
			break
		}
		if err != transform.ErrShortDst || nDst+nSrc == 0 {
			return string(lc.out), append(lc.fs, finding(RuleFileUnreadable, schemas.SeverityError,
				fmt.Sprintf("%s could not be read to the end: %v.", name, err)))
		}
	}
	text, fs, _ := lc.finish()
	return text, fs
}

// memEncodings are the encodings decodeMem is given.
var memEncodings = []encoding.Encoding{
	simplifiedchinese.GB18030,
	unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
	unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM),
	unicode.UTF8,
}

// sameDecodeMem fails unless decodeMem and prevDecodeMem give the same
// text and findings for b in every encoding, under the limits given.
func sameDecodeMem(t testing.TB, b []byte, maxLine int, maxText int64) {
	t.Helper()
	sameDecodeMemAs(t, memEncodings, b, maxLine, maxText)
}

// sameDecodeMemAs is sameDecodeMem in the encodings given.
func sameDecodeMemAs(t testing.TB, encs []encoding.Encoding, b []byte, maxLine int, maxText int64) {
	t.Helper()
	for _, enc := range encs {
		got, gotFs := decodeMem("f", b, enc, maxLine, maxText)
		want, wantFs := prevDecodeMem("f", b, enc, maxLine, maxText)
		if got != want || !reflect.DeepEqual(gotFs, wantFs) {
			t.Fatalf("%q as %v, limits %d, %d: %q %v, before %q %v", b[:min(len(b), 100)], enc, maxLine, maxText,
				got[:min(len(got), 200)], gotFs, want[:min(len(want), 200)], wantFs)
		}
	}
}

// TestDecodeMemSameAsBefore: decodeMem decodes as before the seeds and
// generated text in GB18030 and UTF-16 with each line ending, under line
// and text limits around their lengths, and every string of up to four
// pieces of GBK, four-byte GB18030, broken sequences and line endings
// (of up to three, under fewer limits and in fewer encodings, under the
// race detector).
func TestDecodeMemSameAsBefore(t *testing.T) {
	for _, s := range seeds(t) {
		for _, end := range []string{"\n", "\r\n", "\r"} {
			text := strings.ReplaceAll(string(s), "\n", end)
			for _, b := range [][]byte{
				encode(t, simplifiedchinese.GB18030, text),
				encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), text),
				[]byte(text),
			} {
				n := int64(len(b))
				lims := []struct {
					line int
					text int64
				}{{1 << 20, 1 << 30}, {50, 1 << 30}, {1 << 20, n / 2}, {1 << 20, n + n/2 + 16},
					{1 << 20, n}, {1 << 20, n + n/2 + 15}, {1 << 20, n + n/2 + 17}, {0, 1 << 30}, {1 << 20, 0}}
				if raceEnabled {
					lims = lims[:4]
				}
				for _, lim := range lims {
					sameDecodeMem(t, b, lim.line, lim.text)
				}
			}
		}
	}
	generated(t, 1, "txt", func(_, _ string, b []byte) { sameDecodeMem(t, b, 200, 1<<30) })
	pieces := []string{"a", "\n", "\r", "\xb0\xa1", "\x81\x30\x81\x30", "\x81", "\x80", "\xff", "\xe4\xb8\x80", "\x00"}
	lines, texts, encs := []int{0, 1, 3, 1 << 20}, []int64{0, 2, 8, 40, 1 << 20}, memEncodings
	if raceEnabled {
		lines, texts, encs = []int{1, 1 << 20}, []int64{2, 1 << 20}, memEncodings[:2]
	}
	eachSequence("", pieces, 3, func(b []byte) {
		for _, maxLine := range lines {
			for _, maxText := range texts {
				sameDecodeMemAs(t, encs, b, maxLine, maxText)
			}
		}
	})
	if !raceEnabled {
		eachSequence("", pieces, 4, func(b []byte) { sameDecodeMem(t, b, 3, 1<<20) })
	}
}

// FuzzDecodeMemSameAsBefore: on any bytes and limits, decodeMem decodes
// as before.
func FuzzDecodeMemSameAsBefore(f *testing.F) {
	for _, s := range seeds(f) {
		s = s[:min(len(s), 600)]
		f.Add(encode(f, simplifiedchinese.GB18030, string(s)), uint16(50), uint16(2000))
		f.Add(encode(f, simplifiedchinese.GB18030, strings.ReplaceAll(string(s), "\n", "\r\n")), uint16(1000), uint16(60000))
	}
	f.Add([]byte("\xb0\xa1\r\n\x81\x30\x81\x30\ra\x80\xff\x81"), uint16(3), uint16(40))
	f.Fuzz(func(t *testing.T, b []byte, maxLine, maxText uint16) {
		sameDecodeMem(t, b, int(maxLine), int64(maxText))
	})
}
