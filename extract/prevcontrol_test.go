package extract

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// sniffer.Write and detect as they were before they found a word's
// control bytes in the word (controlBytes), kept so that a differential
// test can compare them: both then read a word whole only when it held
// no control byte (and, for detect, no byte of 0x80 or above), and
// otherwise a byte at a time.

// noControl reports that no byte of w is a control byte (below 0x20, or
// 0x7f).
func noControl(w uint64) bool {
	return (w-ones*0x20)&^w&(ones*0x80) == 0 && hasZero(w^(ones*0x7f)) == 0
}

// hasZero is non-zero exactly when a byte of w is zero.
func hasZero(w uint64) uint64 { return (w - ones) &^ w & (ones * 0x80) }

// prevWordWrite is sniffer.Write reading a word at a time only while no
// byte of it is a control byte.
func (s *sniffer) prevWordWrite(p []byte) (int, error) {
	if s.n < 4 {
		copy(s.head[s.n:], p)
		if s.head[0] == 0xff && s.head[1] == 0xfe || s.head[0] == 0xfe && s.head[1] == 0xff {
			s.track16 = true
		}
	}
	switch {
	case s.skip16:
		// choose reads UTF-16 statistics only after a BOM or a NUL.
	case s.track16:
		s.utf16(p)
	case s.n < u16window:
		s.utf16(p[:min(int64(len(p)), u16window-s.n)])
	}
	// The byte classes, UTF-8 and GB18030 are followed in a pass each:
	// they are independent, and each pass takes a whole valid sequence
	// at a time, where one pass would step both machines a byte at a time.
	for i := 0; i < len(p); {
		if i+8 <= len(p) {
			// eight bytes at a time while none is a control byte
			w := binary.LittleEndian.Uint64(p[i:])
			if noControl(w) {
				s.high += int64(bits.OnesCount64(w & (ones * 0x80)))
				i += 8
				continue
			}
		}
		c := p[i]
		if c < 0x20 || c == 0x7f {
			s.classify(c, s.n+int64(i))
		}
		s.high += int64(c >> 7)
		i++
	}
	s.utf8Pass(p)
	if !s.gbSkipped {
		s.gbPass(p)
	}
	s.n += int64(len(p))
	return len(p), nil
}

// prevWordDetect is detect reading a word at a time only while it is
// ASCII without a control byte.
func prevWordDetect(b []byte) detection {
	if len(b) == 0 || bytes.IndexByte(b, 0) >= 0 {
		_, det := sniff(b)
		return det
	}
	if magicOf(b) != "" {
		_, det := sniff(b)
		return det
	}
	var ctrl, multi, cjk int
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			// eight ASCII bytes at a time while none is a control byte
			w := binary.LittleEndian.Uint64(b[i:])
			if w&(ones*0x80) == 0 && noControl(w) {
				i += 8
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7f {
				ctrl++
			}
			i++
			continue
		}
		if r := threeByte(b, i); r >= 0 {
			// a run of them (Chinese text) read without the test for
			// eight ASCII bytes before each
			for {
				multi++
				if isCJK(r) {
					cjk++
				}
				i += 3
				if i == len(b) {
					break
				}
				if r = threeByte(b, i); r < 0 {
					break
				}
			}
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

// sameWords fails unless Write and prevWordWrite leave the same state
// after each piece of b, fed in pieces of every few sizes and whole, and
// detect and prevWordDetect detect the same in b.
func sameWords(t testing.TB, b []byte) {
	t.Helper()
	for _, piece := range []int{1, 3, 7, 8, 9, 16, 61, len(b) + 1} {
		for _, skip16 := range []bool{false, true} {
			got, want := newSniffer(), newSniffer()
			got.skip16, want.skip16 = skip16, skip16
			for p := b; len(p) > 0; p = p[min(len(p), piece):] {
				got.Write(p[:min(len(p), piece)])
				want.prevWordWrite(p[:min(len(p), piece)])
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
	if got, want := detect(b), prevWordDetect(b); got != want {
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
				if noControl(w) != (want == 0) {
					t.Fatalf("% x: noControl says %v", b, noControl(w))
				}
			}
		}
	}
}
