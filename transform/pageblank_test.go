package transform_test

import (
	"strings"
	"testing"
)

// TestS2BlankAfterPageNumber: a section 二 row whose number beside a form
// feed was taken for the page number, and which then fits its columns only
// with a blank cell, does not know that cell to be blank: the number may
// have been it. The row 规章 69 · 287 · 366 · form feed read 69, 287 and
// null in silence; it is a row with a cell missing now, as section 三's
// rows are.
func TestS2BlankAfterPageNumber(t *testing.T) {
	seed := seedText(t, "000_74ac7cc249356a73.txt")
	if l := strings.Split(seed, "\n"); strings.TrimSpace(l[15]) != "规章" || strings.TrimSpace(l[18]) != "0" || l[19] != "" {
		t.Fatalf("the seed's lines moved: %q %q %q", l[15], l[18], l[19])
	}
	for _, c := range []struct {
		name  string
		edits map[int][]string
		doubt bool
		cells [3]string // s2.regulations.new_made, new_published, total_published
	}{
		{"as printed", map[int][]string{17: {"\t69"}, 18: {"\t287"}, 19: {"\t366"}}, false, [3]string{"69", "287", "366"}},
		{"the last cell beside a form feed", map[int][]string{17: {"\t69"}, 18: {"\t287"}, 19: {"\t366"}, 20: {"\f"}}, true,
			[3]string{"null", "null", "null"}},
		{"a page broken inside the row", map[int][]string{17: {"\t69"}, 18: {"\t287", "\f"}, 19: {"\t366"}}, true,
			[3]string{"null", "null", "null"}},
		{"a form feed after blank lines below the row", map[int][]string{17: {"\t69"}, 18: {"\t287"}, 19: {"\t366"}, 20: {"", "", "\f"}}, true,
			[3]string{"null", "null", "null"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, c.edits)))
			for j, m := range []string{"new_made", "new_published", "total_published"} {
				if got := value(p, "s2.regulations."+m); got != c.cells[j] {
					t.Errorf("s2.regulations.%s = %q, want %q", m, got, c.cells[j])
				}
			}
			doubts := doubtsOn(p, "s2.regulations.")
			if c.doubt != (len(doubts) > 0) {
				t.Errorf("findings on s2.regulations.* %+v, want some: %v", doubts, c.doubt)
			}
		})
	}
}
