package transform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestOneCellPerLineThousandsSpace: a table printed one cell per line
// whose section 二 fees row prints its previous year's count grouped with a
// space, 8 493, and its change, 143, on the next line. The reader split
// "8 493" into two cells, as it splits "0 0 0" printed on one line, and
// then took 143, alone below the row's "row line", for a page number: the
// row read 8 and 493, with no finding. A field alone on its line that
// groups its digits by threes is one cell, which the normalizer rejects in
// its column (VALUE_REJECTED), so 143 stays the change. A line that is a
// bare run of numbers which is no such grouping (8 49) does not make the
// number below it a page number: the row has one number too many and is
// left null, flagged (S2_CELL_COUNT). Printed without the space, the row
// reads.
func TestOneCellPerLineThousandsSpace(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", "000_74ac7cc249356a73.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const fees = "\t行政事业性收费\n\t0\n\t0\n"
	if !strings.Contains(string(b), fees) {
		t.Fatal("the fixture changed: no fees row of zeros")
	}
	for _, c := range []struct {
		prev, change string
		want         [2]string
		rule, cell   string // the error expected, if any
	}{
		{"8 493", "143", [2]string{"null", "143"}, "VALUE_REJECTED", "s2.fees.prev_count"},
		{"8 49", "143", [2]string{"null", "null"}, "S2_CELL_COUNT", "s2.fees.*"},
		{"8493", "143", [2]string{"8493", "143"}, "", ""},
		{"8", "143", [2]string{"8", "143"}, "", ""},
	} {
		text := strings.Replace(string(b), fees, "\t行政事业性收费\n\t"+c.prev+"\n\t"+c.change+"\n", 1)
		p := parseText("run.txt", []byte(text))
		got := cellValues(p)
		if got["s2.fees.prev_count"] != c.want[0] || got["s2.fees.change"] != c.want[1] {
			t.Errorf("%s / %s: prev_count %s change %s, want %v", c.prev, c.change, got["s2.fees.prev_count"], got["s2.fees.change"], c.want)
		}
		var errs []string
		for _, f := range p.Findings {
			if f.Severity == schemas.SeverityError && strings.HasPrefix(f.Cell, "s2.fees.") {
				errs = append(errs, f.Rule+" "+f.Cell)
			}
		}
		want := []string{}
		if c.rule != "" {
			want = append(want, c.rule+" "+c.cell)
		}
		if strings.Join(errs, ",") != strings.Join(want, ",") {
			t.Errorf("%s / %s: errors on s2.fees %q, want %q", c.prev, c.change, errs, want)
		}
	}
}
