package extract

// sniffer.Write and detect read a word of eight bytes whole and find its
// control bytes in it (controlBytes); these tests hold them to the
// references that step a byte at a time, prevWrite and prevDetect.

import (
	"encoding/binary"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// sameWords fails unless Write and prevWrite leave the same state after
// each piece of b, fed in pieces of every few sizes (those around a word's
// eight bytes among them) and whole, and detect and prevDetect detect the
// same in b.
func sameWords(t testing.TB, b []byte) {
	t.Helper()
	for _, piece := range []int{1, 3, 7, 8, 9, 16, 61, len(b) + 1} {
		for _, skip16 := range []bool{false, true} {
			got, want := newSniffer(), newSniffer()
			got.skip16, want.skip16 = skip16, skip16
			for p := b; len(p) > 0; p = p[min(len(p), piece):] {
				got.Write(p[:min(len(p), piece)])
				want.prevWrite(p[:min(len(p), piece)])
				if got.seen() != want.seen() {
					t.Fatalf("%q in pieces of %d: state %+v, before %+v", b[:min(len(b), 100)], piece, got.seen(), want.seen())
				}
			}
			got.finish()
			want.finish()
			if got.seen() != want.seen() || got.choose() != want.choose() {
				t.Fatalf("%q in pieces of %d: finished %+v, before %+v", b[:min(len(b), 100)], piece, got.seen(), want.seen())
			}
		}
	}
	if got, want := detect(b), prevDetect(b); got != want {
		t.Fatalf("%q: detected %+v, before %+v", b[:min(len(b), 100)], got, want)
	}
}

// controlPieces are bytes at the edges of the control bytes' ranges, of
// ASCII and of UTF-8 and GBK sequences.
var controlPieces = []string{
	"\x00", "\x01", "\x08", "\t", "\n", "\r", "\x0e", "\x1f", " ", "a", "~", "\x7f", "\x80", "\x9f", "\xa0", "\xff", "中", "\xb0\xa1",
}

// TestControlWordsSame: Write and detect see what they saw before on the
// seed reports in UTF-8, GB18030 and UTF-16, on generated pages and text,
// on every short sequence of bytes at the edges of the control bytes'
// ranges, at every offset from a word's start, and on text with a
// control byte at every place of a word.
func TestControlWordsSame(t *testing.T) {
	for _, s := range seeds(t) {
		s = s[:min(len(s), 3000)]
		sameWords(t, s)
		sameWords(t, encode(t, simplifiedchinese.GB18030, string(s)))
		sameWords(t, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), string(s)))
	}
	generated(t, 1, "", func(_, _ string, b []byte) { sameWords(t, b[:min(len(b), 5000)]) })
	n := 0
	for k := range 8 {
		n += eachSequence(strings.Repeat("a", k), controlPieces, 3, func(b []byte) {
			sameWords(t, append(b, "abcdefgh政府信息abcdefgh"...))
		})
	}
	for c := range 256 {
		for k := range 17 {
			b := []byte(strings.Repeat("政府abc", 6))
			b[k] = byte(c)
			sameWords(t, b)
		}
	}
	t.Logf("%d sequences", n)
}

// FuzzControlWordsSame: on any bytes, Write and detect see what they saw
// before.
func FuzzControlWordsSame(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)])
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 600)])))
	}
	f.Add([]byte("ab\x01\x7f\tcd\xe4\xb8\x80\n\r\x1f\x80\x9f\xff中文ab\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameWords(t, b)
	})
}

// TestControlBytes: controlBytes marks a byte of every value at every
// place of a word, whatever the other bytes are, exactly when it is a
// control byte.
func TestControlBytes(t *testing.T) {
	for _, fill := range []byte{0, 0x1f, ' ', 'a', 0x7f, 0x80, 0x9f, 0xa0, 0xff} {
		for c := range 256 {
			for k := range 8 {
				var b [8]byte
				for j := range b {
					b[j] = fill
				}
				b[k] = byte(c)
				w := binary.LittleEndian.Uint64(b[:])
				var want uint64
				for j, x := range b {
					if x < 0x20 || x == 0x7f {
						want |= 0x80 << (8 * j)
					}
				}
				if got := controlBytes(w); got != want {
					t.Fatalf("% x: %016x, want %016x", b, got, want)
				}
			}
		}
	}
}
