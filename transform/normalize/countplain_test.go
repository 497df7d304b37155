package normalize_test

import (
	"testing"

	"github.com/nianbao/nianbao/transform/normalize"
)

// sameCountPlain checks CountPlain against Count on one cell: a cell it
// reads, Count reads the same, with nothing to doubt.
func sameCountPlain(t *testing.T, s string) (read bool) {
	t.Helper()
	n, na, ok := normalize.CountPlain(s)
	if !ok {
		return false
	}
	r := normalize.Count(s)
	if r.Err != nil || r.Overflow || r.Approximate || r.NA != na || !na && (!r.OK() || r.Count != n) {
		t.Fatalf("CountPlain(%q) = %d, %v; Count reads %+v", s, n, na, r)
	}
	return true
}

func TestCountPlainAsCount(t *testing.T) {
	for _, c := range []struct {
		in   string
		read bool
	}{
		{"0", true}, {"007", true}, {"123456789012345678", true}, {"1234567890123456789", false},
		{" 12\u00a0", true}, {"\u3000/", true}, {"", true}, {"\u00a0", true}, {"—", true}, {"无", true},
		{"-3", false}, {"+3", false}, {"5件", false}, {"/件", false}, {"约5", false}, {"１２", false}, {"1,234", false},
		{"\u20035", false}, {"5\xff", false},
	} {
		if got := sameCountPlain(t, c.in); got != c.read {
			t.Errorf("CountPlain(%q) reads it: %v, want %v", c.in, got, c.read)
		}
	}
}

func FuzzCountPlain(f *testing.F) {
	for _, s := range []string{"0", " 12\u00a0", "/", "-3", "5件", "1234567890123456789"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameCountPlain(t, s) })
}
