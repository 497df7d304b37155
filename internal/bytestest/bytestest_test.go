package bytestest

import "testing"

// TestEachByteAmong: each filler's text with every byte value at each of
// its places, and nothing else: 256 values × 2 fillers × 3 places, each
// text at most one byte away from its filler's.
func TestEachByteAmong(t *testing.T) {
	fill := []string{"a", "市"}
	calls, seen := 0, map[string]bool{}
	EachByteAmong(fill, 3, func(b []byte) {
		calls++
		seen[string(b)] = true
		for _, fl := range fill {
			off := 0
			for k := range b {
				if b[k] != fl[k%len(fl)] {
					off++
				}
			}
			if off <= 1 {
				return
			}
		}
		t.Errorf("%q is more than a byte away from every filler", b)
	})
	if calls != 256*2*3 {
		t.Fatalf("%d calls, want %d", calls, 256*2*3)
	}
	for _, want := range []string{"\x00aa", "aa\xff", "\xe5\xb8\x00", "\xff\xb8\x82", "a\xb8\x82"} {
		if !seen[want] {
			t.Errorf("never called with %q", want)
		}
	}
}
