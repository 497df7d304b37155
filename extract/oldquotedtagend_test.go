package extract

// quotedTagEnd as it was before it read eight bytes at a time, kept so
// that a differential test can compare the two.

import (
	"bytes"
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
