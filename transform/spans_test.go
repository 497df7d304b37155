package transform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// TestSpacedLayoutBlankCellsBySpans reads text pdftotext -layout made of a
// PDF whose section 三 prints blank cells as nothing, under a header whose
// names wrap and are squeezed a space apart (商业 科研 社会 法律 其他 /
// 企业 机构 公益 服务), so the header tells no column's place; the table
// breaks over a page, and the second page, its header repeated, prints
// the table further right. The rows that print every cell (一、本年新收,
// （七）总计) show where each page's columns stand: every other row's
// numbers fall in those spans, and are read there. A number moved into the
// gap between two columns' spans leaves its row null with its finding, and
// so does a number wrapped in its narrow cell (88 as 8 / 8, 90 as 9 / 0):
// the row holds only the first line's pieces. A full row whose numbers
// pdftotext squeezed together shows no column's span.
func TestSpacedLayoutBlankCellsBySpans(t *testing.T) {
	const file = "s3-blank-spans-pdftotext"
	p, got, want := layoutFixture(t, file)
	n := 0
	for k, ws := range want {
		if !strings.HasPrefix(k, "s3.") {
			continue
		}
		n++
		if got[k] != ws {
			t.Errorf("%s = %s, want %s", k, got[k], ws)
		}
	}
	if n != 161 {
		t.Fatalf("%d cells of section 三 expected", n)
	}
	for _, cell := range []string{"s3.granted.*", "s3.denied.state_secret.*", "s3.denied.enforcement_file.*", "s3.other.*"} {
		if !hasFinding(p, "S3_CELL_POSITION", cell) {
			t.Errorf("%s: no S3_CELL_POSITION", cell)
		}
	}
	for _, f := range p.Findings {
		if f.Rule == "S3_CELL_COUNT" {
			t.Errorf("%s %s: %s", f.Rule, f.Cell, f.Message)
		}
	}

	b, err := os.ReadFile(filepath.Join("testdata", "layout", file+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, row, changed, code string
	}{
		// 1.属于国家秘密 prints 29 under 自然人 and 29 under 总计; moved
		// five columns right, the first stands between 自然人's span and
		// 商业企业's.
		{"moved", "1.属于国家秘密             29                                       29",
			"1.属于国家秘密                  29                                  29", "denied.state_secret"},
		// 2.其他法律行政法规禁止公开 prints 88 2 90; its 88 and 90 wrap.
		{"wrapped", "2.其他法律行政法规禁止公开       88       2                               90\n",
			"2.其他法律行政法规禁止公开       8        2                               9\n" +
				strings.Repeat(" ", 38) + "8" + strings.Repeat(" ", 40) + "0\n", "denied.law_forbidden"},
		// 一、本年新收 prints 878 and 99 a single space apart, as
		// pdftotext squeezes wide numbers: the row says nothing of where
		// its columns stand, and 二、上年结转 alone gives the page's spans.
		{"squeezed", "878      99    99", "878 99         99", "new_received"},
	} {
		text := string(b)
		if !strings.Contains(text, c.row) {
			t.Fatalf("%s: fixture changed: row not found", c.name)
		}
		text = strings.Replace(text, c.row, c.changed, 1)
		p = transform.Parse(schemas.Document{ReportID: "x", SourcePath: file + ".pdf", SourceFormat: "pdf",
			Encoding: "utf-8", Text: text})
		got = cellValues(p)
		for _, a := range schemas.Applicants {
			k := "s3." + c.code + "." + a.Code
			if got[k] != "null" && got[k] != want[k] {
				t.Errorf("%s: %s = %s, want %s or null", c.name, k, got[k], want[k])
			}
		}
		if hasFinding(p, "S3_CELL_POSITION", "s3."+c.code+".*") {
			t.Errorf("%s: the row must not be placed by position", c.name)
		}
		if !hasFinding(p, "S3_CELL_POSITION", "s3.denied.three_safety.*") {
			t.Errorf("%s: the other rows are still placed", c.name)
		}
	}
}
