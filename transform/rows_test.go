package transform

import "testing"

// TestResolveBufsApart: the slices resolveBufs hands out have the
// capacity asked for, so appending past one copies it and leaves the
// next one as it was, as with slices of their own.
func TestResolveBufsApart(t *testing.T) {
	var b resolveBufs
	toks := make([]tok, 8)
	a := b.valsOf(2)
	c := b.valsOf(2)
	c = append(c, &toks[6], &toks[7])
	a = append(a, &toks[0], &toks[1], &toks[2]) // one past its capacity
	if cap(c) != 2 || c[0] != &toks[6] || c[1] != &toks[7] {
		t.Fatalf("appending past the first slice wrote into the second: %v", c)
	}
	if a[2] != &toks[2] {
		t.Fatal("append past the capacity lost a value")
	}
	s := b.slotsOf(1)
	u := b.slotsOf(1)
	u = append(u, slot{line: 9})
	s = append(s, slot{line: 1}, slot{line: 2})
	if u[0].line != 9 || len(s) != 2 {
		t.Fatalf("slots overlap: %v %v", s, u)
	}
	// a block too small for the request gives way to a new one
	big := b.slotsOf(resolveBlock + 1)
	if cap(big) != resolveBlock+1 || len(big) != 0 {
		t.Fatalf("slotsOf(%d): len %d cap %d", resolveBlock+1, len(big), cap(big))
	}
	var nilBufs *resolveBufs
	if v := nilBufs.valsOf(3); cap(v) != 3 {
		t.Fatalf("nil bufs: cap %d, want 3", cap(v))
	}
}
