package transform

import (
	"slices"
	"testing"
)

// TestHeadsOneAllocation: the header positions a row of a table laid out
// with spaces (pdftotext -layout) is read against are copied in one
// allocation, the display and character columns together, and read as
// the positions seen; none seen stay nil.
func TestHeadsOneAllocation(t *testing.T) {
	c := newColumnPositions(6)
	for j := range 6 {
		c.see(j, tok{col: int32(10 * j), end: int32(10*j + 4), rcol: int32(8 * j), rend: int32(8*j + 2), line: 3})
	}
	h := c.heads()
	if !slices.Equal(h.disp, []int{2, 12, 22, 32, 42, 52}) || !slices.Equal(h.chars, []int{1, 9, 17, 25, 33, 41}) {
		t.Fatalf("heads %v", h)
	}
	h.disp = append(h.disp, 99) // a copy: appending leaves chars alone
	if h.chars[0] != 1 {
		t.Fatalf("disp and chars overlap: %v", h)
	}
	if n := testing.AllocsPerRun(100, func() { c.heads() }); n != 1 {
		t.Errorf("%v allocations copying a table's header positions, want 1", n)
	}
	if e := newColumnPositions(0).heads(); e.disp != nil || e.chars != nil {
		t.Errorf("no columns: %#v", e)
	}
}
