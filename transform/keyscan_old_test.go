package transform

import "math/bits"

// scanChecked is keyIndex.scan as it was before it read the window's
// last bytes without bounds checks.
func (x *keyIndex) scanChecked(s string, stop uint64) uint64 {
	if x.m == 0 {
		return x.containsEach(s, stop)
	}
	var found uint64
	m := x.m
	for i := 0; i+m <= len(s); {
		e := i + m
		if e < 4 {
			// Never: m is at least skipMin. Said, it lets the window
			// be read without bounds checks.
			break
		}
		// The window s[i:e] ends in the last three of these four bytes.
		w := s[e-4 : e]
		d := x.skip[skipHash3((uint32(w[0])|uint32(w[1])<<8|uint32(w[2])<<16|uint32(w[3])<<24)>>8)]
		if d < probe {
			i += int(d)
			continue
		}
		p := load4(s, i)
		b := x.ends[d&63] &^ found
		if e+3 <= len(s) {
			b &= x.short | x.next[skipHash3(load4(s, e-1)>>8)&63]
		} else {
			b &= x.short
		}
		for ; b != 0; b &= b - 1 {
			k := bits.TrailingZeros64(b)
			w := &x.words[k]
			n := int(w.n)
			if w.head == p && n <= len(s)-i && load4(s, i+int(w.midAt)) == w.mid && load4(s, i+n-4) == w.tail &&
				(n <= 12 || s[i+8:i+n-4] == x.keys[k][8:n-4]) {
				found |= 1 << k
				if found&stop != 0 {
					return found
				}
			}
		}
		i++
	}
	return found
}
