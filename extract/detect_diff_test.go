package extract

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// sameDetectAsOld fails unless detect detects in b what oldDetect did, and
// sniffDetection what sniff does.
func sameDetectAsOld(t testing.TB, b []byte) {
	t.Helper()
	if got, want := detect(b), oldDetect(b); got != want {
		t.Fatalf("%q (%d bytes): detected %+v, before %+v", b[:min(len(b), 100)], len(b), got, want)
	}
	if _, want := sniff(b); sniffDetection(b) != want {
		t.Fatalf("%q (%d bytes): sniffDetection %+v, sniff %+v", b[:min(len(b), 100)], len(b), sniffDetection(b), want)
	}
}

// detectPieces are what the inputs of TestDetectSameAsOld are strung
// from: GBK text of the common rows and of others, UTF-8 Chinese and
// Latin, ASCII, line ends, NULs, and bytes invalid in either encoding.
var detectPieces = []string{
	"\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2", "\xa1\xa2", "\xd8\xa1\xf7\xfe", "\x81\x40", "\x81\x30\x81\x30",
	"政府信息", "，", "é", "𠀀", "abc 123", "\r\n", "\x00", "\x80", "\xff", "\xc0\xaf", "\xe4\xb8",
}

// TestDetectSameAsOld: detect detects what it did before, and
// sniffDetection what sniff does, on the seeds in UTF-8, GB18030 and
// UTF-16, on generated reports and pages, on text files (a corpus's
// too, when NIANBAO_BENCH_CORPUS names one), on GB18030 and UTF-8 text
// spliced at many places and in many shares (where the two encodings'
// scores come close), and on random strings of detectPieces long enough
// to cross the pieces sniffDetection follows UTF-8 in.
func TestDetectSameAsOld(t *testing.T) {
	var ins [][]byte
	for _, s := range seeds(t) {
		gb := encode(t, simplifiedchinese.GB18030, string(s))
		ins = append(ins, s, gb,
			encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), string(s)),
			encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), string(s)))
		for _, k := range []int{1, 7, 100, 511, 512, 513, 1500, 4000} {
			if k < len(gb) && k < len(s) {
				ins = append(ins, append(append([]byte{}, gb[:k]...), s[k:]...),
					append(append([]byte{}, s[:k]...), gb[k:]...),
					append(append([]byte{}, s...), gb[:k]...),
					append(bytes.Repeat([]byte("a"), k), gb[:min(len(gb), 2*k)]...))
			}
		}
	}
	generated(t, 1, "", func(_, _ string, b []byte) { ins = append(ins, b) })
	for _, b := range textFiles(t) {
		ins = append(ins, b)
	}
	for _, b := range ins {
		sameDetectAsOld(t, b)
	}
	// A UTF-8 byte order mark decides the encoding, and the detection
	// then counts every sequence invalid in UTF-8, in text of any
	// encoding after it.
	for _, b := range ins {
		sameDetectAsOld(t, append([]byte("\xef\xbb\xbf"), b...))
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		// a few pieces, each repeated: runs long and short of each kind
		var b []byte
		for range r.IntN(12) {
			p := detectPieces[r.IntN(len(detectPieces))]
			b = append(b, bytes.Repeat([]byte(p), 1+r.IntN(200))...)
		}
		sameDetectAsOld(t, b)
	}
}

// FuzzDetectSameAsOld: on any bytes, detect detects what it did before,
// and sniffDetection what sniff does.
func FuzzDetectSameAsOld(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 1500)])))
	}
	f.Add([]byte("\xd5\xfe\xb8\xae政府信息\xc0\xaf\x81\x30\x81\x30"))
	f.Add(append([]byte("\xef\xbb\xbf"), bytes.Repeat([]byte("\xd5\xfe\xb8\xae"), 400)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameDetectAsOld(t, b)
	})
}
