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

// splicedText is a text of valid UTF-8 (runs of Han and CJK punctuation
// among ASCII and two-byte characters; four-byte ones only in the tail)
// long enough to be cut, with piece put in at its at-th character: one
// spot, perhaps not UTF-8, that contextOf must find wherever it stands.
// (A four-byte character in the head would hide a fault: read wrongly,
// it is no UTF-8, and the text is cut by runes, rightly, whatever the
// spot.)
func splicedText(piece string, at int) string {
	var b strings.Builder
	chars := []string{"局", "。", "信", "息", "a", "1", "é", "\n"}
	for k := 0; k < 2200; k++ {
		if k == at {
			b.WriteString(piece)
		}
		switch {
		case k%37 < 20:
			b.WriteString(chars[k%4]) // a run of Han and CJK punctuation
		case k > 1700 && k%37 == 30:
			b.WriteString("𠀀")
		default:
			b.WriteString(chars[k%len(chars)])
		}
	}
	return b.String()
}

// TestContextSpliced: contextOf finds one spot of bytes that are not
// UTF-8 (or of a character of another width) at any place of the head,
// at either byte of a pair of three-byte characters it passes over at
// once, and at the cuts.
func TestContextSpliced(t *testing.T) {
	pieces := []string{"\xff", "\xe5\x9b", "\xe5", "\x80", "\x80\x80", "\xed\xa0\x80", "\xe0\x80\xaf", "\xc0\xaf", "\xef\xbf", "\xf4\x90\x80\x80", "é", "a", "𠀀", "\ufffd"}
	for _, p := range pieces {
		for at := 0; at < 2200; at++ {
			if at > 60 && at < 1440 && at%7 != 0 || at > 1560 && at < 1840 && at%13 != 0 {
				continue
			}
			s := splicedText(p, at)
			if got, want := contextOf(s), oldContextOf(s); got != want {
				t.Fatalf("contextOf differs from decoding with %q at character %d", p, at)
			}
			// and with no four-byte character, which, no character
			// of Chinese text, would set a fault in the tail apart
			if p != "𠀀" {
				s = strings.ReplaceAll(s, "𠀀", "局")
				if got, want := contextOf(s), oldContextOf(s); got != want {
					t.Fatalf("contextOf differs from decoding with %q at character %d, no four-byte characters", p, at)
				}
			}
		}
	}
}

// FuzzContextSpliced compares contextOf with decoding on a valid text
// with any bytes put in at one place.
func FuzzContextSpliced(f *testing.F) {
	f.Add("\xe5\x9b", 10)
	f.Add("\xff", 1499)
	f.Fuzz(func(t *testing.T, piece string, at int) {
		sameContext(t, splicedText(piece, at%2300))
	})
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
