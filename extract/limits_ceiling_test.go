package extract

import "testing"

// TestMaxTextCeiling: no limit, a negative one or one over the ceiling,
// bounds a text at MaxTextCeiling, under the 2 GiB an int32 place in a
// text can hold; a limit under it is kept.
func TestMaxTextCeiling(t *testing.T) {
	if MaxTextCeiling >= 1<<31-1 {
		t.Fatalf("MaxTextCeiling %d does not fit an int32 place", MaxTextCeiling)
	}
	for _, c := range []struct{ in, want int64 }{
		{0, DefaultMaxTextBytes},
		{-1, MaxTextCeiling},
		{3 << 30, MaxTextCeiling},
		{MaxTextCeiling + 1, MaxTextCeiling},
		{MaxTextCeiling, MaxTextCeiling},
		{5, 5},
	} {
		if got := (Limits{MaxTextBytes: c.in}).withDefaults().MaxTextBytes; got != c.want {
			t.Errorf("MaxTextBytes %d: %d, want %d", c.in, got, c.want)
		}
	}
}
