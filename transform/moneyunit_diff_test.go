package transform

import (
	"strings"
	"testing"
	"unicode"
)

// rangedHasMoneyUnit is hasMoneyUnit as it was, decoding every character.
func rangedHasMoneyUnit(c string) bool {
	for _, r := range c {
		switch r {
		case '元', '圆', '万', '亿', '角':
			return true
		}
	}
	return false
}

// TestHasMoneyUnitSame compares hasMoneyUnit with the decoding one over
// the diff corpus's texts and each unit next to bytes that are not
// UTF-8, cut short, and at either end.
func TestHasMoneyUnitSame(t *testing.T) {
	texts := diffTexts(t)
	for _, u := range []string{"元", "圆", "万", "亿", "角", "千", "件"} {
		for _, b := range []string{"", "1", "\xe4", "\xe5", "\xe8", "\xe5\x85", "\x85", "\xff", "万", "本年"} {
			texts = append(texts, u, b+u, u+b, b+u+b, u[:2], b+u[:2], u[:1]+b, u[1:], "1"+u[:2]+u[2:])
		}
	}
	n := 0
	for _, s := range texts {
		want := rangedHasMoneyUnit(s)
		if got := hasMoneyUnit(s); got != want {
			t.Fatalf("hasMoneyUnit(%q) = %v, was %v", s, got, want)
		}
		if want {
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d of %d texts hold a unit", n, len(texts))
	}
}

// FuzzHasMoneyUnitSame compares the two on any text.
func FuzzHasMoneyUnitSame(f *testing.F) {
	for _, s := range []string{"100万元", "\xe5\x85", "角\xff", strings.Repeat("亿", 3)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasMoneyUnit(s), rangedHasMoneyUnit(s); got != want {
			t.Fatalf("hasMoneyUnit(%q) = %v, was %v", s, got, want)
		}
	})
}

// TestGluedRuneEveryRune compares gluedRune with the strings.ContainsRune
// it replaced, for every rune value and a few that are none.
func TestGluedRuneEveryRune(t *testing.T) {
	old := func(r rune) bool { return r >= '0' && r <= '9' || strings.ContainsRune("/-—－\\―─", r) }
	n := 0
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if got, want := gluedRune(r), old(r); got != want {
			t.Fatalf("gluedRune(%U) = %v, was %v", r, got, want)
		} else if want {
			n++
		}
	}
	if n != 17 {
		t.Fatalf("%d glued runes, want the 10 digits and 7 markers", n)
	}
}

// TestNumeralRuneEveryRune compares isNumeralRune with the
// strings.ContainsRune it replaced, for every rune value and a few that
// are none.
func TestNumeralRuneEveryRune(t *testing.T) {
	n := 0
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		want := strings.ContainsRune("0123456789一二三四五六七八九十", r)
		if got := isNumeralRune(r); got != want {
			t.Fatalf("isNumeralRune(%U) = %v, was %v", r, got, want)
		} else if want {
			n++
		}
	}
	if n != 20 {
		t.Fatalf("%d numeral runes, want 20", n)
	}
}
