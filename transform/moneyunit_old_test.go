package transform

import (
	"math/rand"
	"strings"
	"testing"
)

// slotHasMoneyUnit is hasMoneyUnit before it stepped over the
// continuation bytes of a character: a lookup at every byte.
func slotHasMoneyUnit(c string) bool {
	var w, hit uint32
	for i := 0; i < len(c); i++ {
		w = (w<<8 | uint32(c[i])) & 0xffffff
		z := unitSlots[w*unitHash>>29] ^ w
		hit |= (z - 1) >> 31
	}
	return hit != 0
}

// moneyUnitTexts are the diff corpus's texts and its cells' compact
// forms, each unit at every place of texts of every length up to 12
// bytes among Han text, ASCII, lone continuation and lead bytes, and
// random bytes drawn mostly from the units' own.
func moneyUnitTexts(t testing.TB) []string {
	texts := diffTexts(t)
	for _, s := range texts[:len(texts):len(texts)] {
		for _, f := range strings.Fields(s) {
			texts = append(texts, compact(f))
		}
	}
	fill := []string{"本", "1", "\x80", "\xb8", "\xe4", "\xe5\x85", "\xff", "年\xe4", "一二"}
	for _, u := range []string{"元", "圆", "万", "亿", "角", "千"} {
		for _, a := range fill {
			for _, b := range fill {
				for k := 0; k < 4; k++ {
					pre := strings.Repeat(a, k)
					texts = append(texts, pre+u, pre+u+b, pre+u[:2]+b, pre+u[1:]+b, b+pre+u+u, pre+u[:1]+u)
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(7))
	pool := []byte("\xe4\xe5\xe8\xb8\x87\xba\xbf\x85\x83\x9c\x86\xa7\x92\x80a1")
	for range 50000 {
		b := make([]byte, rng.Intn(13))
		for i := range b {
			b[i] = pool[rng.Intn(len(pool))]
		}
		texts = append(texts, string(b))
	}
	return texts
}

// TestHasMoneyUnitAsBefore compares hasMoneyUnit with the lookup at every
// byte, and both with the decoding one, on moneyUnitTexts.
func TestHasMoneyUnitAsBefore(t *testing.T) {
	n := 0
	texts := moneyUnitTexts(t)
	for _, s := range texts {
		got, want := hasMoneyUnit(s), slotHasMoneyUnit(s)
		if got != want || rangedHasMoneyUnit(s) != want {
			t.Fatalf("hasMoneyUnit(%q) = %v, before %v (decoding %v)", s, got, want, rangedHasMoneyUnit(s))
		}
		if want {
			n++
		}
	}
	if n < 1000 || n > len(texts)-1000 {
		t.Fatalf("%d of %d texts hold a unit", n, len(texts))
	}
}

// FuzzHasMoneyUnitAsBefore compares hasMoneyUnit with the lookup at
// every byte on any text.
func FuzzHasMoneyUnitAsBefore(f *testing.F) {
	for _, s := range []string{"100万元", "\xe5\x85", "角\xff", "本年收费5角", "\xe4\xe4\xb8\x87", "a亿", "一元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasMoneyUnit(s), slotHasMoneyUnit(s); got != want {
			t.Fatalf("hasMoneyUnit(%q) = %v, before %v", s, got, want)
		}
	})
}
