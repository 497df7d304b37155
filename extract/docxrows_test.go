package extract

import (
	"strings"
	"testing"
)

// TestDOCXTableRowAllocs: a table's rows take no allocation each, neither
// for the list of their cells nor for their line of the text: rows' lists
// are cut from a block the document's rows share, and a table's lines
// from one buffer. Measured as the allocations 40 more rows of five
// cells add to reading a .docx: 0.2 a row (the growth of the lists that
// hold rows and lines), 2.2 when each row made its list and its line.
func TestDOCXTableRowAllocs(t *testing.T) {
	read := func(rows int) float64 {
		var b strings.Builder
		b.WriteString(para("表一") + `<w:tbl>`)
		for i := range rows {
			b.WriteString(`<w:tr>`)
			for j := range 5 {
				b.WriteString(tc("", strings.Repeat("格", j+1)+string(rune('0'+i%10))))
			}
			b.WriteString(`</w:tr>`)
		}
		b.WriteString(`</w:tbl>`)
		data := buildDOCX(t, b.String(), nil)
		return testing.AllocsPerRun(20, func() {
			ReadBytes("t.docx", data, Limits{})
		})
	}
	doc := ReadBytes("t.docx", buildDOCX(t, para("x")+`<w:tbl><w:tr>`+tc("", "格1")+tc("", "格2")+`</w:tr></w:tbl>`, nil), Limits{})
	if !strings.Contains(doc.Text, "格1\t格2") {
		t.Fatalf("table read as %q", doc.Text)
	}
	a40, a80 := read(40), read(80)
	perRow := (a80 - a40) / 40
	t.Logf("%.0f allocations at 40 rows, %.0f at 80: %.2f a row", a40, a80, perRow)
	if perRow > 1 {
		t.Errorf("%.2f allocations a table row, want at most 1", perRow)
	}
}
