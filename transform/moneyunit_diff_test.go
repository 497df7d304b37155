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

// switchHasMoneyUnit is hasMoneyUnit before it looked for the units'
// last bytes eight at a time: a switch on every byte.
func switchHasMoneyUnit(c string) bool {
	for i := 0; i+2 < len(c); i++ {
		switch c[i] {
		case 0xe4: // 万 E4 B8 87, 亿 E4 BA BF
			if c[i+1] == 0xb8 && c[i+2] == 0x87 || c[i+1] == 0xba && c[i+2] == 0xbf {
				return true
			}
		case 0xe5: // 元 E5 85 83, 圆 E5 9C 86
			if c[i+1] == 0x85 && c[i+2] == 0x83 || c[i+1] == 0x9c && c[i+2] == 0x86 {
				return true
			}
		case 0xe8: // 角 E8 A7 92
			if c[i+1] == 0xa7 && c[i+2] == 0x92 {
				return true
			}
		}
	}
	return false
}

// TestHasMoneyUnitSame compares hasMoneyUnit and the switch with the
// decoding one over the diff corpus's texts and each unit next to bytes
// that are not UTF-8, cut short, and at either end.
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
		if got := hasMoneyUnit(s); got != want || switchHasMoneyUnit(s) != want {
			t.Fatalf("hasMoneyUnit(%q) = %v, was %v (switch %v)", s, got, want, switchHasMoneyUnit(s))
		}
		if want {
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d of %d texts hold a unit", n, len(texts))
	}
}

// FuzzHasMoneyUnitSame compares the three on any text.
func FuzzHasMoneyUnitSame(f *testing.F) {
	for _, s := range []string{"100万元", "\xe5\x85", "角\xff", strings.Repeat("亿", 3)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasMoneyUnit(s), rangedHasMoneyUnit(s); got != want || switchHasMoneyUnit(s) != want {
			t.Fatalf("hasMoneyUnit(%q) = %v, was %v (switch %v)", s, got, want, switchHasMoneyUnit(s))
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
