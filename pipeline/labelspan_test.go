package pipeline_test

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
)

// s3Table is section 三 of printed as an HTML table in a grid with two
// label columns: a group's label spans its rows in the first, the row's
// label stands in the second, and a label with no group spans both.
func s3Table(printed generate.Printed) string {
	groups := map[string]string{"granted": "三、本年度办理结果", "denied.state_secret": "（三）不予公开",
		"unavailable.not_held": "（四）无法提供", "not_processed.complaint": "（五）不予处理", "other.no_correction": "（六）其他处理"}
	span := map[string]int{"granted": 2, "denied.state_secret": 8, "unavailable.not_held": 3, "not_processed.complaint": 5, "other.no_correction": 3}
	var b strings.Builder
	b.WriteString("<table><tr><td colspan=\"2\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>" +
		"<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>" +
		"<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n")
	for i, o := range schemas.Outcomes(printed.Single) {
		b.WriteString("<tr>")
		switch g, ok := groups[o.Code.Code]; {
		case ok:
			fmt.Fprintf(&b, "<td rowspan=\"%d\">%s</td><td>%s</td>", span[o.Code.Code], g, o.Label)
		case o.Result && o.Code.Code != "other":
			fmt.Fprintf(&b, "<td>%s</td>", o.Label)
		default:
			fmt.Fprintf(&b, "<td colspan=\"2\">%s</td>", o.Label)
		}
		for _, c := range printed.S3[i] {
			b.WriteString("<td>" + html.EscapeString(c) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	return b.String() + "</table>"
}

// TestLabelSpanBlankTotal: seed 000 as an HTML page whose section 三 grid
// has two label columns, with the row 四、结转下年度继续办理,
// its label merged over both label columns, printing 0 0 0 _ _ 0 _ (总计
// blank). The position the label's span covers was an empty field in the
// text like a blank cell, and the row was read one column on
// (_ 0 0 0 _ _ 0), which adds up, with no finding. Each cell now holds
// what its column prints, or the row carries a finding.
func TestLabelSpanBlankTotal(t *testing.T) {
	rep, _ := splitSeed(t, "000_74ac7cc249356a73.txt")
	seed := cells(rep.p)
	printed := rep.printed()
	row := [7]string{"0", "0", "0", "", "", "0", ""}
	printed.S3[len(printed.S3)-1] = row
	page, err := generate.Render(printed, generate.LayoutHTML, generate.EncUTF8, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	from := strings.LastIndex(string(page[:strings.Index(string(page), "申请人情况")]), "<table")
	to := from + strings.Index(string(page[from:]), "</table>") + len("</table>")
	page = []byte(string(page[:from]) + s3Table(printed) + string(page[to:]))
	p := parseBytes("r.html", page)
	got := cells(p)
	var doubts []schemas.Finding
	for _, f := range p.Findings {
		if strings.HasPrefix(f.Cell, "s3.carried_forward.") && f.Severity != schemas.SeverityInfo {
			doubts = append(doubts, f)
		}
	}
	for j, a := range schemas.Applicants {
		cell := "s3.carried_forward." + a.Code
		want := row[j]
		if want == "" {
			want = "null"
		}
		if g := got[cell]; g != want && len(doubts) == 0 {
			t.Errorf("%s = %s, printed %q, with no finding on the row", cell, g, row[j])
		}
	}
	// The rows above it are read as the seed prints them.
	for _, o := range schemas.Outcomes(printed.Single)[:3] {
		for _, a := range schemas.Applicants {
			if c := "s3." + o.Code.Code + "." + a.Code; got[c] != seed[c] {
				t.Errorf("%s = %s, want %s", c, got[c], seed[c])
			}
		}
	}
}
