package transform_test

import (
	"strings"
	"testing"
)

// TestEmphasisedNumberRejected: a number in Markdown emphasis (**5**) was
// text, the rest of the row's label, and a section 二 row printing its
// three numbers so read as a blank row: null, with no finding. It is a
// cell now, which the normalizer rejects in its column (VALUE_REJECTED).
func TestEmphasisedNumberRejected(t *testing.T) {
	seed := seedText(t, "004_77c3b53386b2261e.txt")
	if l := strings.Split(seed, "\n"); l[26] != "规章\t0\t0\t0" {
		t.Fatalf("the seed's lines moved: %q", l[26])
	}
	for _, c := range []struct {
		name, row string
		rejected  bool
	}{
		{"plain", "| 规章 | 5 | 1 | 2 |", false},
		{"bold", "| 规章 | **5** | **1** | **2** |", true},
		{"underscores", "| 规章 | __5__ | __1__ | __2__ |", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, map[int][]string{27: {c.row}})))
			for _, m := range []string{"new_made", "new_published", "total_published"} {
				cell := "s2.regulations." + m
				if got := hasFinding(p, "VALUE_REJECTED", cell); got != c.rejected {
					t.Errorf("VALUE_REJECTED on %s: %v, want %v (value %s)", cell, got, c.rejected, value(p, cell))
				}
			}
			if !c.rejected && value(p, "s2.regulations.new_made") != "5" {
				t.Errorf("s2.regulations.new_made = %s", value(p, "s2.regulations.new_made"))
			}
		})
	}
}
