package extract

// quotedTagEnd as it was before it read eight bytes at a time, kept so
// that a differential test can compare the two.

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
)

// oldQuotedTagEnd is quotedTagEnd a byte at a time.
func oldQuotedTagEnd(rest []byte, i int) int {
	for ; i < len(rest); i++ {
		if c := rest[i]; tagQuoteOrEnd[c] {
			if c == '>' {
				return i
			}
			j := bytes.IndexByte(rest[i+1:], c)
			if j < 0 {
				return len(rest)
			}
			i += 1 + j
		}
	}
	return len(rest)
}

// quotedTagEndCases are attributes with quotes of both kinds, '>' in
// values, values and runs without a stop of every length around eight
// bytes, and unterminated values.
func quotedTagEndCases() []string {
	cases := []string{"", ">", `"`, `'`, `"">`, `''>`, `"'>'">`, `'">"'>`, ` w:val="center"/>`, ` a='1' b="2">`, ` a="1`, ` a='1>`}
	for n := range 20 {
		x := strings.Repeat("x", n)
		cases = append(cases, x+">", ` a="`+x+`">`, ` a='`+x+`'/>`, ` a="`+x, x+`"`+x+`"`+x+`>`, x+`'`+x+`>`)
	}
	return cases
}

// sameQuotedTagEnd fails unless quotedTagEnd and oldQuotedTagEnd find the
// same end in b from every index.
func sameQuotedTagEnd(t testing.TB, b []byte) {
	t.Helper()
	for i := 0; i <= len(b); i++ {
		if len(b) > 1024 && i > 64 && i%4099 != 0 {
			continue
		}
		if got, want := quotedTagEnd(b, i), oldQuotedTagEnd(b, i); got != want {
			t.Fatalf("%q from %d: %d, before %d", b[:min(len(b), 200)], i, got, want)
		}
	}
}

// TestQuotedTagEndSameAsOld: quotedTagEnd finds the end the byte-at-a-time
// reading found, on the cases above alone and after a name, on the
// documents of the scanner tests and on the seeds' and generated
// reports' document.xml.
func TestQuotedTagEndSameAsOld(t *testing.T) {
	for _, c := range quotedTagEndCases() {
		sameQuotedTagEnd(t, []byte(c))
		sameQuotedTagEnd(t, []byte(`<w:p`+c+`<w:t>x</w:t></w:p>`))
	}
	for _, c := range append(append(commonEdgeCases(), docxScanCases...), xmlTagCases...) {
		sameQuotedTagEnd(t, []byte(c))
	}
	for _, body := range docxBodies(t) {
		sameQuotedTagEnd(t, body)
	}
	generatedDocuments(t, 1, func(doc []byte) { sameQuotedTagEnd(t, doc) })
}

// FuzzQuotedTagEndSameAsOld: on any bytes and index, quotedTagEnd finds
// the end oldQuotedTagEnd found.
func FuzzQuotedTagEndSameAsOld(f *testing.F) {
	for _, c := range quotedTagEndCases() {
		f.Add([]byte(c), 0)
	}
	f.Fuzz(func(t *testing.T, b []byte, i int) {
		if i < 0 || i > len(b) {
			i = 0
		}
		if got, want := quotedTagEnd(b, i), oldQuotedTagEnd(b, i); got != want {
			t.Fatalf("%q from %d: %d, before %d", b, i, got, want)
		}
	})
}

// TestWordMasks: stops, quoteOrEnd and bytesEqual mark exactly the bytes
// they are said to, for every byte value at every place of a word among
// bytes of every value.
func TestWordMasks(t *testing.T) {
	want := func(w uint64, is func(byte) bool) uint64 {
		var m uint64
		for k := range 8 {
			if is(byte(w >> (8 * k))) {
				m |= 0x80 << (8 * k)
			}
		}
		return m
	}
	check := func(w uint64) {
		if got, want := stops(w), want(w, func(c byte) bool { return c < 0x30 || c == ':' || c == '>' }); got != want {
			t.Fatalf("stops(%#x) = %#x, want %#x", w, got, want)
		}
		if got, want := quoteOrEnd(w), want(w, func(c byte) bool { return tagQuoteOrEnd[c] }); got != want {
			t.Fatalf("quoteOrEnd(%#x) = %#x, want %#x", w, got, want)
		}
		for _, c := range []byte{'"', '\'', 0, 0x80, 0xff} {
			if got, want := bytesEqual(w, c), want(w, func(b byte) bool { return b == c }); got != want {
				t.Fatalf("bytesEqual(%#x, %#x) = %#x, want %#x", w, c, got, want)
			}
		}
	}
	for v := range 256 {
		for u := range 256 {
			for k := range 8 {
				w := 0x0101010101010101 * uint64(u)
				w = w&^(0xff<<(8*k)) | uint64(v)<<(8*k)
				check(w)
			}
		}
	}
	r := rand.New(rand.NewSource(2))
	for range 1 << 20 {
		check(r.Uint64())
	}
}
