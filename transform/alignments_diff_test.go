package transform

import (
	"fmt"
	"testing"
)

// oldAlignments is alignments as it was when each alignment was a slice
// of its own.
func oldAlignments(k, n int) [][]int {
	if k == 0 || n == 0 {
		return nil
	}
	var out [][]int
	cur := make([]int, 0, n)
	if k <= n {
		var rec func(col, next int)
		rec = func(col, next int) {
			if len(out) > maxAlignments {
				return
			}
			if col == n {
				if next == k {
					out = append(out, append([]int(nil), cur...))
				}
				return
			}
			if n-col > k-next {
				cur = append(cur, -1)
				rec(col+1, next)
				cur = cur[:len(cur)-1]
			}
			if next < k {
				cur = append(cur, next)
				rec(col+1, next+1)
				cur = cur[:len(cur)-1]
			}
		}
		rec(0, 0)
	} else {
		var rec func(i int)
		rec = func(i int) {
			if len(out) > maxAlignments {
				return
			}
			if len(cur) == n {
				out = append(out, append([]int(nil), cur...))
				return
			}
			if k-i < n-len(cur) {
				return
			}
			cur = append(cur, i)
			rec(i + 1)
			cur = cur[:len(cur)-1]
			rec(i + 1)
		}
		rec(0)
	}
	if len(out) > maxAlignments {
		return nil
	}
	return out
}

// TestAlignmentsSame compares alignments with the old one for every k and
// n up to 15 numbers and columns (past maxAlignments at the top, where
// both give nil), and checks that an alignment's slice cannot be grown
// into the next one's.
func TestAlignmentsSame(t *testing.T) {
	past := 0
	for k := 0; k <= 15; k++ {
		for n := 0; n <= 15; n++ {
			got, want := alignments(k, n), oldAlignments(k, n)
			if fmt.Sprint(got) != fmt.Sprint(want) || (got == nil) != (want == nil) {
				t.Fatalf("alignments(%d, %d) = %v, was %v", k, n, got, want)
			}
			if want == nil && k > 0 && n > 0 {
				past++
			}
			for i, a := range got {
				if len(a) != n || cap(a) != n {
					t.Fatalf("alignments(%d, %d)[%d] has length %d and room %d, want %d", k, n, i, len(a), cap(a), n)
				}
			}
		}
	}
	if past == 0 {
		t.Fatal("no k and n past maxAlignments were compared")
	}
}
