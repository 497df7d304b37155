package transform

import (
	"math/rand"
	"strings"
	"testing"
)

// TestContextOfKeepsRunes compares contextOf with cutting the text's runes
// (what it did before it cut bytes at rune boundaries), on texts around the
// length it cuts at, with characters of one to four bytes and bytes that are
// not UTF-8.
func TestContextOfKeepsRunes(t *testing.T) {
	byRunes := func(text string) string {
		rs := []rune(text)
		if len(rs) <= 1800 {
			return text
		}
		return string(rs[:1500]) + "\n" + string(rs[len(rs)-300:])
	}
	pieces := []string{"a", "市", "é", "😀", "\n", "\xff", "\xe5\x8c"}
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{0, 1, 1799, 1800, 1801, 2500, 5000} {
		for k := range 20 {
			var b strings.Builder
			for range n {
				p := pieces[rng.Intn(4)] // valid UTF-8 only
				if k%2 == 1 && rng.Intn(50) == 0 {
					p = pieces[rng.Intn(len(pieces))]
				}
				b.WriteString(p)
			}
			text := b.String()
			if got, want := contextOf(text), byRunes(text); got != want {
				t.Fatalf("contextOf of %d runes (valid: %v) differs from cutting its runes", n, k%2 == 0)
			}
		}
	}
}
