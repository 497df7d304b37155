package extract

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// sameGBPass fails unless gbPass and oldGBPass leave the sniffer in the
// same state after each piece of b, fed in pieces of every few sizes and
// whole, and after finishGB.
func sameGBPass(t testing.TB, b []byte) {
	t.Helper()
	for _, piece := range []int{1, 2, 3, 8, 9, 64, len(b) + 1} {
		got, want := newSniffer(), newSniffer()
		for p := b; len(p) > 0; p = p[min(len(p), piece):] {
			q := p[:min(len(p), piece)]
			got.gbPass(q)
			want.oldGBPass(q)
			got.n += int64(len(q))
			want.n += int64(len(q))
			if got.seen() != want.seen() {
				t.Fatalf("%q in pieces of %d: state %+v, before %+v", b[:min(len(b), 100)], piece, got.seen(), want.seen())
			}
		}
		got.finishGB()
		want.finishGB()
		if got.seen() != want.seen() {
			t.Fatalf("%q in pieces of %d: finished %+v, before %+v", b[:min(len(b), 100)], piece, got.seen(), want.seen())
		}
	}
}

// gbEdgePieces are bytes at the edges of GB18030's ranges: leads and trails
// of two-byte sequences, the common rows' edges, the bytes of four-byte
// sequences, and bytes that are neither.
var gbEdgePieces = []string{
	"a", "\n", "\x30", "\x39", "\x3f", "\x40", "\x7e", "\x7f", "\x80", "\x81", "\xa0", "\xa1", "\xa9", "\xaa",
	"\xaf", "\xb0", "\xd7", "\xd8", "\xfe", "\xff", "\xb0\xa1", "\xd7\xfe", "\xa1\xa0", "\x81\x30\x81\x30",
	"\x81\x30", "\xa9\xa1", "\xaa\xa1", "\xd8\xa1",
}

// TestGBPassSameAsOld: gbPass counts what it counted before on the seed
// reports in GB18030, UTF-8 and UTF-16, on generated reports and pages,
// on text files (a corpus's too, when NIANBAO_BENCH_CORPUS names one),
// on every short sequence of bytes at the edges of GB18030's ranges, and
// on random strings of them.
func TestGBPassSameAsOld(t *testing.T) {
	eachSniffInput(t, gbEdgePieces, 3, 5, func(b []byte) { sameGBPass(t, b) })
}

// FuzzGBPassSameAsOld: on any bytes, gbPass counts what it counted
// before.
func FuzzGBPassSameAsOld(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 600)])))
	}
	f.Add([]byte("\x81\x30\x81\x30\xb0\xa1\xd8\xa1\xa1\xa0\x80\xff\x81"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameGBPass(t, b)
	})
}
