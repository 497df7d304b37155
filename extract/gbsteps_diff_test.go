package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbStepSizes are the sizes of dst sameGBSteps decodes into: none, less
// than a character, around the eight bytes gbSteps needs, and room for
// any text (set per input).
var gbStepSizes = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 15, 16, 17, 23, 24, 25, -1}

// sameGBSteps fails unless gbASCII's Transform (with gbSteps) returns
// what prevPairGBASCII's (without it) does on b: bytes written and read,
// error and text, at the end of input or not, into each of
// gbStepSizes, from each of b's first eight places (each place of a
// step in a word) and from its last one.
func sameGBSteps(t testing.TB, b []byte) {
	t.Helper()
	for from := 0; from <= len(b); from++ {
		if from == 8 {
			from = len(b)
		}
		src := b[from:]
		for _, atEOF := range []bool{false, true} {
			for _, size := range gbStepSizes {
				if size < 0 {
					size = len(src) + len(src)/2 + 16
				}
				got, want := make([]byte, size), make([]byte, size)
				gd, gs, gerr := memDecoder(simplifiedchinese.GB18030).Transform(got, src, atEOF)
				wd, ws, werr := prevPairGBASCII{simplifiedchinese.GB18030.NewDecoder()}.Transform(want, src, atEOF)
				if gd != wd || gs != ws || gerr != werr || !bytes.Equal(got[:gd], want[:wd]) {
					t.Fatalf("%q (eof %v) into %d bytes: %d %d %v %q, was %d %d %v %q",
						src, atEOF, size, gd, gs, gerr, got[:gd], wd, ws, werr, want[:wd])
				}
			}
		}
	}
}

// gbText is report text with characters of every kind GB18030 has:
// ASCII, two-byte GBK (hanzi, symbols, Latin and Greek letters, which
// decode to two UTF-8 bytes), and four-byte sequences (CJK extension A,
// an emoji, U+0080, U+FFFF).
const gbText = "一、总体情况\r\n2023年，本机关共收到申请128件（同比增长3.5%）。" +
	"“依申请公开”—…·°×÷αβé ā ü 㐀㑇䶵 😀 \u0080\uffff\u00a5\u20ac\n" +
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\t表：第二章\n\n"

// TestGBStepsSameAsPrev compares gbASCII with prevPairGBASCII, the code
// before gbSteps, on: every piece of gbText (from every place to every
// end: cut at each byte), with invalid bytes put at each place; every
// sequence of gbPieces (whole, cut and invalid sequences and ASCII) up to
// three, after eight bytes of ASCII or of pairs and before eight more
// (so that the steps run into them); generated reports, seeds and corpus
// text files in GB18030; and they are compared with the x/text decoder
// too (sameGB).
func TestGBStepsSameAsPrev(t *testing.T) {
	gb := encode(t, simplifiedchinese.GB18030, gbText)
	for end := 0; end <= len(gb); end++ {
		sameGBSteps(t, gb[:end])
	}
	sameGB(t, gb)
	for at := range min(len(gb), 80) {
		for _, c := range []byte{0x80, 0xff, 0x81, 0x30, 0x7f, 0x00, 0xa1, 0xfe} {
			e := append([]byte(nil), gb[:80]...)
			e[at] = c
			sameGBSteps(t, e)
			sameGB(t, e)
		}
	}
	n := 0
	for _, prefix := range []string{"", "01234567", "\xb0\xa1\xb0\xa1\xb0\xa1\xb0\xa1", "\xb0\xa1a\xb0\xa1bc\xb0"} {
		for _, suffix := range []string{"", "abcdefgh", "\xb0\xa1\xb0\xa1\xb0\xa1\xb0\xa1"} {
			n += eachSequence(prefix, gbPieces, 3, func(b []byte) {
				b = append(b, suffix...)
				sameGBSteps(t, b)
			})
		}
	}
	files := map[string][]byte{}
	for name, s := range seeds(t) {
		files[name] = encode(t, simplifiedchinese.GB18030, string(s))
	}
	generated(t, 2, "txt", func(_, name string, b []byte) { files[name] = b })
	if root := os.Getenv("NIANBAO_BENCH_CORPUS"); root != "" {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && FormatOf(p) == "txt" {
				if b, err := os.ReadFile(p); err == nil && detect(b).name == EncGB18030 {
					files[p] = b
				}
			}
			return nil
		})
	}
	for name, b := range files {
		for _, size := range []int{64, 4096, len(b)*3/2 + 16} {
			got, want := make([]byte, size), make([]byte, size)
			gd, gs, gerr := memDecoder(simplifiedchinese.GB18030).Transform(got, b, true)
			wd, ws, werr := prevPairGBASCII{simplifiedchinese.GB18030.NewDecoder()}.Transform(want, b, true)
			if gd != wd || gs != ws || gerr != werr || !bytes.Equal(got[:gd], want[:wd]) {
				t.Fatalf("%s into %d bytes: %d %d %v, was %d %d %v", name, size, gd, gs, gerr, wd, ws, werr)
			}
		}
		sameGB(t, b[:min(len(b), 2000)])
		sameGBSteps(t, b[:min(len(b), 120)])
	}
	t.Logf("%d sequences and %d files compared", n, len(files))
}

// FuzzGBStepsSameAsPrev compares them on any bytes, and with the x/text
// decoder.
func FuzzGBStepsSameAsPrev(f *testing.F) {
	f.Add(encode(f, simplifiedchinese.GB18030, gbText))
	f.Add([]byte("a\x81\x30\x81\x30b\x81\x40\xff\x80\x81abcdefgh\xb0\xa1\xb0"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameGBSteps(t, b[:min(len(b), 256)])
		sameGB(t, b)
	})
}
