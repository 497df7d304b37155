package transform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestMarkedCellsKeepTheirColumn: a section 三 cell printed as a number
// with a footnote mark (1①, 1（注）, 1注1, 1[2]), as words between the
// row's numbers (不适用, N/A, ×), as zero in a numeral (零, 〇) or as an en
// dash or a minus sign for nothing is a cell of its row.
// Such cells were once skipped as label pieces: with the label's merged
// column read as a blank 自然人, the row's numbers then stood one column
// off and still summed to its total, with no finding.
func TestMarkedCellsKeepTheirColumn(t *testing.T) {
	pipes, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "2019", "qinghe-street-2020-pipes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const granted = "| （一）予以公开 |  | 5 | 1 | 0 | 0 | 0 | 0 | 6 |"
	if !strings.Contains(string(pipes), granted) {
		t.Fatal("the fixture changed: no granted row")
	}
	cases := []struct {
		cells    string
		want     [7]string // granted, natural_person … total
		rejected string    // the commercial cell's raw text, VALUE_REJECTED
	}{
		{"5 | 1① | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "1①"},
		{"5 | 1（注） | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "1（注）"},
		{"5 | 1注1 | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "1注1"},
		{"5 | 1[2] | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "1[2]"},
		{"5 | 不适用 | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "不适用"},
		{"5 | N/A | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "N/A"},
		{"5 | × | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "×"},
		{"5 | 1 | 零 | 〇 | 0 | 0 | 6", [7]string{"5", "1", "0", "0", "0", "0", "6"}, ""},
		{"5 | 1 | – | − | 0 | 0 | 6", [7]string{"5", "1", "null", "null", "0", "0", "6"}, ""},
	}
	apps := []string{"natural_person", "commercial", "research", "social", "legal", "other", "total"}
	for _, c := range cases {
		text := strings.Replace(string(pipes), granted, "| （一）予以公开 |  | "+c.cells+" |", 1)
		p := parseText("marked.txt", []byte(text))
		got := cellValues(p)
		for i, a := range apps {
			if cell := "s3.granted." + a; got[cell] != c.want[i] {
				t.Errorf("%s: %s = %s, want %s", c.cells, cell, got[cell], c.want[i])
			}
		}
		rejected := false
		for _, f := range p.Findings {
			if f.Rule == "VALUE_REJECTED" && f.Cell == "s3.granted.commercial" && f.Severity == schemas.SeverityError && deref(f.Actual) == c.rejected {
				rejected = true
			}
			if strings.HasPrefix(f.Cell, "s3.granted.") && f.Rule != "VALUE_REJECTED" {
				t.Errorf("%s: finding %s %s on the row: %s", c.cells, f.Rule, f.Cell, f.Message)
			}
		}
		if rejected != (c.rejected != "") {
			t.Errorf("%s: VALUE_REJECTED on s3.granted.commercial %v, want %v: %v", c.cells, rejected, c.rejected != "", p.Findings)
		}
	}
}
