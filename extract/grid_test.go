package extract

import (
	"strings"
	"testing"
)

// TestSpacerColumns: a narrow empty column (a spacer between the label and
// the numbers, another between column groups, one covered by a span) is
// no cell of the table: it is dropped from the grid and from the text, so
// a row printing blank cells keeps every number under its own column.
// Columns that hold text in some row, blank cells included, stay.
func TestSpacerColumns(t *testing.T) {
	sp := `<td width="3"></td>`
	page := `<html><body><p>三、收到和处理政府信息公开申请情况</p><table>` +
		`<tr><td colspan="2">（勾稽关系）</td><td>自然人</td>` + sp + `<td>商业企业</td><td colspan="2">总计</td></tr>` +
		`<tr><td>（一）予以公开</td>` + sp + `<td></td>` + sp + `<td>2</td><td>2</td>` + sp + `</tr>` +
		`<tr><td>（二）部分公开</td>` + sp + `<td>1</td>` + sp + `<td></td><td>1</td>` + sp + `</tr>` +
		`</table></body></html>`
	doc := ReadBytes("r.html", []byte(page), Limits{})
	want := "三、收到和处理政府信息公开申请情况\n" +
		"（勾稽关系）\t自然人\t商业企业\t总计\n" +
		"（一）予以公开\t\t2\t2\n" +
		"（二）部分公开\t1\t\t1\n"
	if doc.Text != want {
		t.Errorf("text =\n%q\nwant\n%q", doc.Text, want)
	}
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables", len(doc.Tables))
	}
	for i, row := range doc.Tables[0].Rows {
		if len(row) != 4 {
			t.Errorf("row %d: %q", i, row)
		}
	}
	if got := strings.Join(doc.Tables[0].Rows[0], "|"); got != "（勾稽关系）|自然人|商业企业|总计" {
		t.Errorf("header row %q", got)
	}

	body := `<w:tbl><w:tblGrid/>` +
		`<w:tr>` + tc("", "信息内容") + tc("", "") + tc("", "本年制发件数") + tc("", "本年废止件数") + `</w:tr>` +
		`<w:tr>` + tc("", "规章") + tc("", "") + tc("", "") + tc("", "3") + `</w:tr>` +
		`</w:tbl>`
	d := ReadBytes("r.docx", buildDOCX(t, body, nil), Limits{})
	if want := "信息内容\t本年制发件数\t本年废止件数\n规章\t\t3\n"; d.Text != want {
		t.Errorf("docx text =\n%q\nwant\n%q", d.Text, want)
	}
}
