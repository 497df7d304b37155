package extract

import (
	"fmt"
	"slices"
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

// TestLabelSpanPadding: a label merged over the label columns (colspan,
// gridSpan) covers positions that are no cell. In a row that prints a
// blank cell of its own after them they are left out of the text, so that
// the row's fields are its label and its cells: "四、结转…\t\t0\t0\t" read
// the empty field after the label as a blank 自然人 and dropped the blank
// 总计, every number a column on. A row that prints every cell, a header,
// and the positions a span from the row above covers keep their fields;
// the table's grid keeps every position.
func TestLabelSpanPadding(t *testing.T) {
	page := `<html><body><p>三、收到和处理政府信息公开申请情况</p><table>` +
		`<tr><td colspan="2" rowspan="2">（勾稽关系）</td><td colspan="3">申请人情况</td></tr>` +
		`<tr><td>自然人</td><td>商业企业</td><td>总计</td></tr>` +
		`<tr><td colspan="2">一、本年新收</td><td>1</td><td>2</td><td>3</td></tr>` +
		`<tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td></td><td>1</td><td>1</td></tr>` +
		`<tr><td>2.其他</td><td>0</td><td> </td><td>0</td></tr>` +
		`<tr><td colspan="2">（七）总计</td><td></td><td>1</td><td>1</td></tr>` +
		`<tr><td colspan="2">四、结转下年度继续办理</td><td>0</td><td>0</td><td></td></tr>` +
		`</table></body></html>`
	want := []string{
		"三、收到和处理政府信息公开申请情况",
		"（勾稽关系）\t\t申请人情况\t\t",
		"\t\t自然人\t商业企业\t总计",
		"一、本年新收\t\t1\t2\t3",
		"（三）不予公开\t1.属于国家秘密\t\t1\t1",
		"\t2.其他\t0\t\t0",
		"（七）总计\t\t1\t1",
		"四、结转下年度继续办理\t0\t0\t",
	}
	doc := ReadBytes("r.html", []byte(page), Limits{})
	if got := strings.Split(strings.TrimSuffix(doc.Text, "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("html text =\n%q\nwant\n%q", got, want)
	}
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables", len(doc.Tables))
	}
	if got := strings.Join(doc.Tables[0].Rows[6], "|"); got != "四、结转下年度继续办理|四、结转下年度继续办理|0|0|" {
		t.Errorf("grid row %q", got)
	}

	span := func(n int) string { return fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, n) }
	const restart, cont = `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`
	body := `<w:tbl><w:tblGrid/>` +
		`<w:tr>` + tc(span(2)+restart, "（勾稽关系）") + tc(span(3), "申请人情况") + `</w:tr>` +
		`<w:tr>` + tc(span(2)+cont, "") + tc("", "自然人") + tc("", "商业企业") + tc("", "总计") + `</w:tr>` +
		`<w:tr>` + tc(span(2), "一、本年新收") + tc("", "1") + tc("", "2") + tc("", "3") + `</w:tr>` +
		`<w:tr>` + tc(restart, "（三）不予公开") + tc("", "1.属于国家秘密") + tc("", "") + tc("", "1") + tc("", "1") + `</w:tr>` +
		`<w:tr>` + tc(cont, "") + tc("", "2.其他") + tc("", "0") + tc("", " ") + tc("", "0") + `</w:tr>` +
		`<w:tr>` + tc(span(2), "（七）总计") + tc("", "") + tc("", "1") + tc("", "1") + `</w:tr>` +
		`<w:tr>` + tc(span(2), "四、结转下年度继续办理") + tc("", "0") + tc("", "0") + tc("", "") + `</w:tr>` +
		`</w:tbl>`
	d := ReadBytes("r.docx", buildDOCX(t, body, nil), Limits{})
	if got := strings.Split(strings.TrimSuffix(d.Text, "\n"), "\n"); !slices.Equal(got, want[1:]) {
		t.Errorf("docx text =\n%q\nwant\n%q", got, want[1:])
	}
}
