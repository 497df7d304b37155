package extract

import (
	"encoding/binary"
	"math/bits"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/bytestest"
)

// oldCountValid is countValid as it was before it passed over words of
// ASCII in a loop of their own: every control byte of a word, white
// space too, looked at one at a time.
func oldCountValid(b []byte) (n validCounts, ok bool) {
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			w := binary.LittleEndian.Uint64(b[i:])
			k := 8
			if h := w & (ones * 0x80); h != 0 {
				k = bits.TrailingZeros64(h) >> 3
			}
			for m := controlBytes(w) & (1<<(8*k) - 1); m != 0; m &= m - 1 {
				if c := b[i+bits.TrailingZeros64(m)>>3]; c < '\t' || c > '\r' {
					if c == 0 {
						return n, false
					}
					n.ctrl++
				}
			}
			i += k
			if k == 8 {
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7f {
				if c == 0 {
					return n, false
				}
				n.ctrl++
			}
			i++
			continue
		}
		if r := threeByte(b, i); r >= 0 {
			for {
				n.multi++
				if isCJK(r) {
					n.cjk++
				}
				i += 3
				n.high += 3
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
		if r == utf8.RuneError && size == 1 {
			return n, false
		}
		n.multi++
		n.high += size
		if isCJK(r) {
			n.cjk++
		}
		i += size
	}
	return n, true
}

// sameCountValid compares countValid with oldCountValid on b and on each
// of its suffixes, so that each byte is read at each place of a word.
func sameCountValid(t testing.TB, b []byte) {
	t.Helper()
	for i := 0; i <= len(b); i++ {
		got, gok := countValid(b[i:])
		want, wok := oldCountValid(b[i:])
		if got != want || gok != wok {
			t.Fatalf("countValid(%q) = %+v %v, was %+v %v", b[i:min(len(b), i+40)], got, gok, want, wok)
		}
		// and run3 from every place, against prevRun3 (isCJK's ranges)
		e, c, k := run3(b, i)
		pe, pc, pk := prevRun3(b, i)
		if e != pe || c != pc || k != pk {
			t.Fatalf("run3(%q) = %d %d %d, was %d %d %d", b[i:min(len(b), i+40)], e, c, k, pe, pc, pk)
		}
	}
}

// TestCountValidSame compares them on every byte at each place among
// bytes of every class (ASCII, white space, controls, NUL, DEL, bytes
// of two-, three- and four-byte characters, invalid bytes), on edges, and
// on every generated report of each layout, real pages, testdata and
// the seeds.
func TestCountValidSame(t *testing.T) {
	fill := []string{"a", " ", "\n", "\r\n", "\t", "\x01", "\x1f", "\x7f", "\x0e", "\x08", "é", "市", "😀", "\xff", "\x80", "\xe5\xb8"}
	b := make([]byte, 19)
	bytestest.EachByteAmong(fill, len(b), func(b []byte) { sameCountValid(t, b) })
	for _, e := range []string{"", "\x00", "a", "\x7f", "\t", "\x0d", "\x0e", "\x08", "abcdefgh\x00", "abcdefg\x00",
		"\x00abcdefgh", "abcdefgh\x01ijklmnop", "\r\n\r\n\r\n\r\n", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f", "\xed\xa0\x80abcdefgh",
		"abcdefg市", "abcdefgh市场abcdefgh", "\x01\x02\x03\x04\x05\x06\x07\x0b\x0c\x0e市", "\xef\xbb\xbf<html>"} {
		sameCountValid(t, []byte(e))
	}
	n := 0
	generated(t, 3, "", func(_, name string, b []byte) {
		sameCountValid(t, b[:min(len(b), 4096)])
		got, gok := countValid(b)
		want, wok := oldCountValid(b)
		if got != want || gok != wok {
			t.Fatalf("%s: %+v %v, was %+v %v", name, got, gok, want, wok)
		}
		n++
	})
	pages, seeds := diffPages(t, false)
	for name, b := range pages {
		got, gok := countValid(b)
		want, wok := oldCountValid(b)
		if got != want || gok != wok {
			t.Fatalf("%s: %+v %v, was %+v %v", name, got, gok, want, wok)
		}
		n++
	}
	if n < 50 || len(seeds) == 0 {
		t.Fatalf("%d files and %d seeds compared", n, len(seeds))
	}
	t.Logf("%d files compared", n)
}

// FuzzCountValidSame compares them on any bytes.
func FuzzCountValidSame(f *testing.F) {
	for _, s := range []string{"", "\x00", "abcdefgh\x01ijklmnop", "\r\n\r\n\r\n\r\n", "abcdefgh市场abcdefgh", "\xff\xfe<\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { sameCountValid(t, b) })
}
