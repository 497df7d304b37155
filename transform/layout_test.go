package transform_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// TestSpacedLayoutBlankCells reads text that pdftotext -layout made of
// PDFs with real tables: blank cells are not printed, so rows show fewer
// numbers than columns, and each number must be placed under the header
// column it stands below. pdftotext counts every character as one column
// of its grid, so the display columns of a number drift with the wide
// label before it; the header is repeated on the next page at other
// columns, wrapped (商业企 / 业), beside vertical labels (三、本 / 年度办)
// and wrapped group labels ((三)不 / 予公开). seed001 is seed 001 (its
// applicant columns blank, only 总计 printed); blanks has numbers in
// scattered columns of sections 三 and 四, whose header names wrap
// (结果 / 维持).
func TestSpacedLayoutBlankCells(t *testing.T) {
	seed001 := map[string]any{}
	for _, e := range loadExpected(t, filepath.Join("..", "testdata", "seeds", "seeds.jsonl")) {
		if strings.HasPrefix(e.File, "001_") {
			for k, v := range e.Cells {
				var x any
				json.Unmarshal(v, &x)
				seed001[k] = x
			}
		}
	}
	blanks := map[string]any{}
	b, err := os.ReadFile(filepath.Join("testdata", "layout", "blanks-pdftotext.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &blanks); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file      string
		want      map[string]any
		s4ByPlace bool
	}{
		{"seed001-pdftotext.txt", seed001, false},
		{"blanks-pdftotext.txt", blanks, true},
	} {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "layout", c.file))
			if err != nil {
				t.Fatal(err)
			}
			p := transform.Parse(schemas.Document{ReportID: "x", SourcePath: c.file, SourceFormat: "pdf",
				Encoding: "utf-8", Text: string(b)})
			got := cellValues(p)
			n := 0
			for k, w := range c.want {
				if !strings.HasPrefix(k, "s3.") && !strings.HasPrefix(k, "s4.") {
					continue
				}
				n++
				ws := "null"
				if w != nil {
					ws = fmt.Sprint(w)
				}
				if got[k] != ws {
					t.Errorf("%s = %s, want %s", k, got[k], ws)
				}
			}
			if n < 161+15 {
				t.Fatalf("only %d cells expected", n)
			}
			pos := map[string]bool{}
			for _, f := range p.Findings {
				switch f.Rule {
				case "S3_CELL_POSITION", "S4_CELL_POSITION":
					pos[f.Cell] = true
				case "S3_CELL_COUNT", "S4_CELL_COUNT":
					t.Errorf("%s %s: %s", f.Rule, f.Cell, f.Message)
				}
			}
			if !pos["s3.partial.*"] || !pos["s3.total.*"] {
				t.Errorf("rows placed by position: %v", pos)
			}
			if pos["s4.*"] != c.s4ByPlace {
				t.Errorf("section 四 placed by position: %v, want %v", pos["s4.*"], c.s4ByPlace)
			}
		})
	}
}
