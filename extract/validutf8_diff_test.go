package extract

import (
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/bytestest"
)

// validUTF8 replaces utf8.Valid where a .docx's document is checked in
// memory: utf8.Valid is the reference it is compared with.

// sameValidUTF8 compares validUTF8 with utf8.Valid on b and on its
// suffixes and prefixes of all but its last and first 40 bytes at most:
// each byte of those is read at each place of a word and of a 32-byte
// block, and each sequence among them is cut at each of its bytes.
func sameValidUTF8(t testing.TB, b []byte) {
	t.Helper()
	for i := 0; i <= min(len(b), 40); i++ {
		if got, want := validUTF8(b[i:]), utf8.Valid(b[i:]); got != want {
			t.Fatalf("validUTF8(%q) = %v, utf8.Valid %v", b[i:min(len(b), i+48)], got, want)
		}
		j := len(b) - i
		if got, want := validUTF8(b[:j]), utf8.Valid(b[:j]); got != want {
			t.Fatalf("validUTF8(%q) = %v, utf8.Valid %v", b[max(0, j-48):j], got, want)
		}
	}
}

// TestValidUTF8Same compares them on every lead byte with every second
// byte and third bytes of each range, at each place among ASCII, among
// two-, three- and four-byte characters and among invalid bytes; on
// edges; and on every generated report of each layout, real pages, the
// seeds, the .docx bodies of the tests and the documents of the corpus
// when there is one.
func TestValidUTF8Same(t *testing.T) {
	fill := []string{"a", "<w:t>", "é", "市", "一二三", "😀", "\xff", "\x80", "\xe5\xb8"}
	thirds := []byte{0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0}
	b := make([]byte, 41)
	for c0 := 0x80; c0 < 0x100; c0++ {
		for c1 := 0; c1 < 0x100; c1++ {
			for _, c2 := range thirds {
				for _, f := range []string{"a", "市", "😀", "\x80"} {
					for _, at := range []int{0, 5, 8, 30, 38} {
						for k := range b {
							b[k] = f[k%len(f)]
						}
						b[at], b[at+1], b[at+2] = byte(c0), byte(c1), c2
						if got, want := validUTF8(b), utf8.Valid(b); got != want {
							t.Fatalf("validUTF8(%q) = %v, utf8.Valid %v", b, got, want)
						}
					}
				}
			}
		}
	}
	bytestest.EachByteAmong(fill, len(b), func(b []byte) { sameValidUTF8(t, b) })
	edges := []string{"", "a", "\x80", "\xe4\xb8", "abcdefgh", "abcdefg一", "一二三四五六七八九十", "\xed\xa0\x80abcdefgh",
		"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbe\xef\xbf\xbf", "\xe0\x9f\xbf\xe0\xa0\x80", "\xf4\x8f\xbf\xbf\xf4\x90\x80\x80",
		"\xc2\x80\xdf\xbf\xc1\xbf", "abcdefghabcdefghabcdefghabcdefgh一abcdefghabcdefghabcdefghabcdefgh\xe4"}
	edges = append(edges, pieceEdgeBad...)
	for _, e := range edges {
		sameValidUTF8(t, []byte(e))
	}
	n := 0
	all := func(name string, b []byte) {
		t.Helper()
		sameValidUTF8(t, b)
		if got, want := validUTF8(b), utf8.Valid(b); got != want {
			t.Fatalf("%s: validUTF8 %v, utf8.Valid %v", name, got, want)
		}
		n++
	}
	generated(t, 3, "", func(_, name string, b []byte) { all(name, b) })
	pages, seeds := diffPages(t, false)
	for name, b := range pages {
		all(name, b)
	}
	for i, b := range docxBodies(t) {
		all("body "+string(rune('0'+i%10)), b)
	}
	corpusDocuments(t, all)
	if n < 50 || len(seeds) == 0 {
		t.Fatalf("%d inputs and %d seeds compared", n, len(seeds))
	}
	t.Logf("%d inputs compared", n)
}

// FuzzValidUTF8Same compares them on any bytes.
func FuzzValidUTF8Same(f *testing.F) {
	for _, s := range []string{"", "a", "一二三四五六七八九十", "abcdefgh市场abcdefgh", "\xed\xa0\x80", "\xe4\xb8\xe4\xb8\x80", "\xf0\x9f\x98\x80x"} {
		f.Add([]byte(s))
	}
	for _, s := range pieceEdgeBad {
		f.Add([]byte("<w:t>" + s + "</w:t>"))
	}
	f.Fuzz(func(t *testing.T, b []byte) { sameValidUTF8(t, b) })
}
