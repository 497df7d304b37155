package transform

import (
	"testing"
	"unicode/utf8"
)

// rangedHanCount is hanCount as it was, ranging over the string.
func rangedHanCount(s string) int {
	n := 0
	for _, r := range s {
		if isHan(r) {
			n++
		}
	}
	return n
}

// prevHanCount is hanCount as it was before it counted U+4E00–U+9FFF
// from their bytes: a character at a time through decodeRune.
func prevHanCount(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		if isHan(r) {
			n++
		}
		i += size
	}
	return n
}

// sameDecoding checks, on s, decodeRune at every byte against
// utf8.DecodeRuneInString, lastRune of every prefix against
// utf8.DecodeLastRuneInString, and hanCount against rangedHanCount and
// prevHanCount; it
// reports whether s holds a byte that is not ASCII.
func sameDecoding(t testing.TB, s string) bool {
	t.Helper()
	wide := false
	for i := 0; i < len(s); i++ {
		r, n := decodeRune(s, i)
		if wr, wn := utf8.DecodeRuneInString(s[i:]); r != wr || n != wn {
			t.Fatalf("decodeRune(%q, %d) = %q %d, utf8 decodes %q %d", s, i, r, n, wr, wn)
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i+1]); lastRune(s[:i+1]) != r {
			t.Fatalf("lastRune(%q) = %q, utf8 decodes %q", s[:i+1], lastRune(s[:i+1]), r)
		}
		wide = wide || s[i] >= utf8.RuneSelf
	}
	if got, want := hanCount(s), rangedHanCount(s); got != want || got != prevHanCount(s) {
		t.Fatalf("hanCount(%q) = %d, was %d (%d)", s, got, want, prevHanCount(s))
	}
	return wide
}

// decodingEdges are texts at decode3's edges: every lead byte before
// continuation bytes or not, cut characters, surrogates and overlong
// forms, four-byte characters, Han of each block.
func decodingEdges() []string {
	var out []string
	for c := 0x80; c <= 0xff; c++ {
		for _, b := range []string{"", "\x80", "\x80\x80", "\xbf\xbf", "\x80\x80\x80", "a", "一"} {
			out = append(out, string([]byte{byte(c)})+b, "x"+string([]byte{byte(c)})+b+"y")
		}
	}
	return append(out, "", "一", "\u3400", "\u4dc0", "\u4dff", "\u4e00", "\u4e00\u4dff\u4e00", "\u9fff", "\ua000", "\U00020000", "\ufeff", "\ued80\x80", "\xed\xa0\x80", "\xe0\x80\x80",
		"行政许可5", "——", "－", "1-", "其他—")
}

// TestDecodingSame compares the decoding helpers with package utf8, and
// hanCount with its ranging version, on the diff corpus's texts and the
// edges above.
func TestDecodingSame(t *testing.T) {
	sameOnAll(t, append(diffTexts(t), decodingEdges()...), 1000, sameDecoding)
}

// FuzzDecodingSame compares them on any text.
func FuzzDecodingSame(f *testing.F) {
	for _, s := range decodingEdges()[:300] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameDecoding(t, s) })
}
