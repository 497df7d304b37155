package extract

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// sameUTF8Pass fails unless utf8Pass and oldUTF8Pass leave the sniffer
// in the same state after each piece of b, fed in pieces of every few
// sizes (around the eleven bytes utf8Words reads a word with, among
// them) and whole.
func sameUTF8Pass(t testing.TB, b []byte) {
	t.Helper()
	for _, piece := range []int{1, 3, 8, 10, 11, 12, 19, 64, len(b) + 1} {
		got, want := newSniffer(), newSniffer()
		for p := b; len(p) > 0; p = p[min(len(p), piece):] {
			q := p[:min(len(p), piece)]
			got.utf8Pass(q)
			want.oldUTF8Pass(q)
			got.n += int64(len(q))
			want.n += int64(len(q))
			if got.seen() != want.seen() {
				t.Fatalf("%q in pieces of %d: state %+v, before %+v", b[:min(len(b), 100)], piece, got.seen(), want.seen())
			}
		}
	}
}

// utf8Pieces are bytes at the edges of each kind of UTF-8 sequence and
// of the ranges utf8 expects after a lead: leads that begin none,
// leads whose second byte has a narrower range, continuation bytes, and
// GBK characters.
var utf8Pieces = []string{
	"a", "\n", "\x80", "\x8f", "\x90", "\x9f", "\xa0", "\xaf", "\xb0", "\xbf", "\xc0", "\xc1", "\xc2", "\xdf",
	"\xe0", "\xe1", "\xec", "\xed", "\xee", "\xef", "\xf0", "\xf1", "\xf3", "\xf4", "\xf5", "\xff",
	"一", "é", "€", "𠀀", "😀", "\xef\xbf\xaf", "\xef\xbf\xb0", "\xb0\xa1", "\xd6\xd0", "\xe0\xa1", "\xf0\xa0",
}

// TestUTF8PassSameAsOld: utf8Pass counts what it counted before on the
// seed reports in UTF-8, GB18030 and UTF-16, on generated reports and
// pages, on text files (a corpus's too, when NIANBAO_BENCH_CORPUS names
// one), on every short sequence of bytes at the edges of UTF-8's ranges
// at each offset of a word, and on random strings of them.
func TestUTF8PassSameAsOld(t *testing.T) {
	eachSniffInput(t, utf8Pieces, 12, 1, func(b []byte) { sameUTF8Pass(t, b) })
}

// eachSniffInput calls check with the seed reports in UTF-8, GB18030 and
// UTF-16, generated reports and pages, the text files (a corpus's too,
// when NIANBAO_BENCH_CORPUS names one), every sequence of up to three
// pieces after and before up to pads-1 ASCII bytes, and 20 000 random
// strings of pieces (seeded by seed).
func eachSniffInput(t *testing.T, pieces []string, pads int, seed uint64, check func([]byte)) {
	var ins [][]byte
	for _, s := range seeds(t) {
		ins = append(ins, s, encode(t, simplifiedchinese.GB18030, string(s)),
			encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), string(s)))
	}
	generated(t, 1, "", func(_, _ string, b []byte) { ins = append(ins, b) })
	for _, b := range textFiles(t) {
		ins = append(ins, b)
	}
	for _, b := range ins {
		check(b)
	}
	for k := range pads {
		pad := strings.Repeat("a", k)
		eachSequence(pad, pieces, 3, func(b []byte) { check(append(b, pad...)) })
	}
	r := rand.New(rand.NewPCG(seed, seed+1))
	for range 20000 {
		var b []byte
		for range r.IntN(40) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		check(b)
	}
}

// FuzzUTF8PassSameAsOld: on any bytes, utf8Pass counts what it counted
// before.
func FuzzUTF8PassSameAsOld(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)])
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 600)])))
	}
	f.Add([]byte("\xe0\xa0\x80\xed\x9f\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\xef\xbf\xb0"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameUTF8Pass(t, b)
	})
}
