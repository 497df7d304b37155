package transform

import (
	"testing"

	"github.com/nianbao/nianbao/internal/bytestest"
)

// sameHasDigit compares hasDigit with oldHasDigit (oldtok_test.go), the
// loop a byte at a time it replaced, on s and on every suffix of it, so
// that each byte is read at each place of a word of eight.
func sameHasDigit(t testing.TB, s string) {
	t.Helper()
	for i := 0; i <= len(s); i++ {
		if got, want := hasDigit(s[i:]), oldHasDigit(s[i:]); got != want {
			t.Fatalf("hasDigit(%q) = %v, was %v", s[i:], got, want)
		}
	}
}

// TestHasDigitSame compares them on every byte alone and at each place
// among bytes that are no digits (the bytes either side of the digits,
// Han, spaces, high bytes), and on every line and field of the
// differential corpus.
func TestHasDigitSame(t *testing.T) {
	bytestest.EachByteAmong([]string{"a", "/", ":", "\x00", "\x7f", "\x80", "\xff", "\xb0", "\xb9", "市", " ", "\t"}, 17,
		func(b []byte) { sameHasDigit(t, string(b)) })
	var fs []string
	n := 0
	for _, d := range diffCorpus(t, 10, 1) {
		lines, cl := splitLines(d.text)
		for i, ln := range lines {
			sameHasDigit(t, ln)
			sameHasDigit(t, cl[i])
			fs, _, _, _ = splitCells(ln, fs[:0], nil)
			for _, f := range fs {
				sameHasDigit(t, f)
			}
			n += 2 + len(fs)
		}
	}
	t.Logf("%d lines, compact lines and fields of the corpus compared", n)
}

// FuzzHasDigitSame compares them on any text.
func FuzzHasDigitSame(f *testing.F) {
	for _, s := range []string{"", "0", "信息内容", "一、本年新收政府信息公开申请数量9", "abcdefgh/:9", "\xb0\xb9\xff\x80/////"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameHasDigit(t, s) })
}
