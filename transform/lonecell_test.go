package transform_test

import (
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestS2LoneCellNotPageNumber: in a table printed one cell per line, a
// line holding two cells run together ("2 3") is no line of the row's
// cells that a page number would follow: the row's next number, alone on
// its line, is a cell like the ones before it. It was dropped as a page
// number in silence, and the row read 1 2 3 for 1 "2 3" 4. Taken out now,
// it is said; a row printed whole on one line still loses the lone
// number below it (pdftotext's page number) without a word.
func TestS2LoneCellNotPageNumber(t *testing.T) {
	seed := compulsionSeed(t)
	for _, c := range []struct {
		name   string
		edits  map[int][]string
		doubt  bool              // a finding on s2.compulsion.* above info
		values map[string]string // cells that must read so ("" for null)
	}{
		{"one cell per line", map[int][]string{56: {"\t1"}, 57: {"\t2"}, 58: {"\t3"}}, false,
			map[string]string{"s2.compulsion.prev_count": "1", "s2.compulsion.change": "2", "s2.compulsion.decisions": "3"}},
		{"two cells on one line", map[int][]string{56: {"\t1"}, 57: {"\t2 3"}, 58: {"\t4"}}, true, nil},
		{"the first two on one line", map[int][]string{56: {"\t1 2"}, 57: {"\t3"}, 58: {"\t4"}}, true, nil},
		{"the row on one line, a page number below", map[int][]string{55: {"\t行政强制\t1\t2\t3"}, 56: {"\t4"}, 57: nil, 58: nil}, false,
			map[string]string{"s2.compulsion.prev_count": "1", "s2.compulsion.change": "2", "s2.compulsion.decisions": "3"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, c.edits)))
			doubts := doubtsOn(p, "s2.compulsion.")
			if c.doubt && len(doubts) == 0 {
				t.Errorf("no finding on s2.compulsion.*; cells %s %s %s", value(p, "s2.compulsion.prev_count"),
					value(p, "s2.compulsion.change"), value(p, "s2.compulsion.decisions"))
			}
			if !c.doubt && len(doubts) > 0 {
				t.Errorf("findings %+v", doubts)
			}
			if c.doubt && p.Report.Status == schemas.StatusOK {
				t.Errorf("status ok")
			}
			for cell, want := range c.values {
				if got := value(p, cell); got != want {
					t.Errorf("%s = %q, want %q", cell, got, want)
				}
			}
		})
	}
}
