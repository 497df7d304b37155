package transform

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// sameRune compares runeAt and runeBefore with the utf8 package at every
// byte of s, and contextOf with the decoding version on s.
func sameContext(t *testing.T, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		r, n := utf8.DecodeRuneInString(s[i:])
		if gn, ok := runeAt(s, i); gn != n || ok != !(r == utf8.RuneError && n == 1) {
			t.Fatalf("runeAt(%q, %d) = %d, %v; utf8 says %d, %U", s, i, gn, ok, n, r)
		}
		j := i + 1
		r, n = utf8.DecodeLastRuneInString(s[:j])
		if gn, ok := runeBefore(s, j); gn != n || ok != !(r == utf8.RuneError && n == 1) {
			t.Fatalf("runeBefore(%q, %d) = %d, %v; utf8 says %d, %U", s, j, gn, ok, n, r)
		}
	}
	if got, want := contextOf(s), oldContextOf(s); got != want {
		t.Fatalf("contextOf of a %d-byte text differs from decoding it", len(s))
	}
}

// TestContextSameAsDecoding: contextOf keeps what it kept decoding every
// character, over the diff corpus and texts of every width of character
// with bytes that are not UTF-8 spliced in near the cuts.
func TestContextSameAsDecoding(t *testing.T) {
	docs := diffCorpus(t, 3, 1)
	for _, d := range docs {
		if got, want := contextOf(d.text), oldContextOf(d.text); got != want {
			t.Fatalf("%s: contextOf differs from decoding", d.name)
		}
	}
	r := rand.New(rand.NewSource(1))
	pieces := []string{"a", "é", "局", "。", "𠀀", "\ufffd", "\xff", "\xe5\x9b", "\xed\xa0\x80", "\xe0\x80\xaf", "\xf4\x90\x80\x80", "\xc0\xaf", "\x80", "\xef\xbf"}
	for k := 0; k < 300; k++ {
		var b strings.Builder
		n := 1700 + r.Intn(400)
		for b.Len() < 3*n {
			if r.Intn(50) == 0 {
				b.WriteString(pieces[r.Intn(len(pieces))])
			} else {
				b.WriteString(pieces[r.Intn(5)])
			}
		}
		sameContext(t, b.String())
	}
}

// FuzzContext compares contextOf and its rune readers with decoding, on
// any text (repeated so that it is long enough to be cut).
func FuzzContext(f *testing.F) {
	f.Add("局", 700)
	f.Add("a\xe5\x9b局\xff", 500)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if s == "" {
			return
		}
		n = max(1, min(n, 3000)/max(1, len(s)/4))
		sameContext(t, strings.Repeat(s, n))
	})
}

// BenchmarkContext measures contextOf, and the decoding version it
// replaced, on generated reports; SetBytes makes the figure MB/s of text.
func BenchmarkContext(b *testing.B) {
	docs := diffCorpus(b, 2, 1)
	var n int64
	for _, d := range docs {
		n += int64(len(d.text))
	}
	for _, c := range []struct {
		name string
		f    func(string) string
	}{{"new", contextOf}, {"decoding", oldContextOf}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(n)
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					c.f(d.text)
				}
			}
		})
	}
}
