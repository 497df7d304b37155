package transform

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestIsHanEveryRune compares isHan with unicode.Is(unicode.Han, r),
// which it replaces, on every character and the values around them.
func TestIsHanEveryRune(t *testing.T) {
	han := 0
	for r := rune(-2); r <= utf8.MaxRune+2; r++ {
		got, want := isHan(r), unicode.Is(unicode.Han, r)
		if got != want {
			t.Fatalf("isHan(%U) = %v, unicode.Is %v", r, got, want)
		}
		if got {
			han++
		}
	}
	if han < 90000 {
		t.Fatalf("only %d Han characters", han)
	}
}

// FuzzIsHanSame compares them on any value.
func FuzzIsHanSame(f *testing.F) {
	for _, r := range []rune{'局', 0x4e00, 0x9fff, 0x2e80, 0x3400, 0x20000, -1, 'a', 0x110000} {
		f.Add(int32(r))
	}
	f.Fuzz(func(t *testing.T, r int32) {
		if got, want := isHan(r), unicode.Is(unicode.Han, r); got != want {
			t.Fatalf("isHan(%U) = %v, unicode.Is %v", r, got, want)
		}
	})
}
