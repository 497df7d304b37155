package pipeline_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/width"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// The same report published another way must give the same cells. These
// tests build, from each seed, the forms collectors actually hold: GB18030
// and UTF-16 text, an HTML page with a real <table> (rowspan and colspan as
// government sites use them), a .docx (gridSpan, vMerge), and the text
// pdftotext -layout writes (columns aligned with spaces, blank cells
// invisible, a page break with its page number and repeated header).

var seedFiles = []string{
	"000_74ac7cc249356a73.txt", "001_a1c7e16d78f57f88.txt", "002_3da227dd059fe48d.txt",
	"003_16d68db4dbaa666b.txt", "004_77c3b53386b2261e.txt",
}

func parseBytes(name string, b []byte) *schemas.Parsed {
	return transform.Parse(extract.ReadBytes(name, b, extract.Limits{}))
}

func cells(p *schemas.Parsed) map[string]string {
	m := map[string]string{}
	for _, d := range p.Disclosures {
		switch {
		case d.AmountYuan != nil:
			m[d.Cell] = d.AmountYuan.String()
		case d.Count != nil:
			m[d.Cell] = fmt.Sprint(*d.Count)
		default:
			m[d.Cell] = "null"
		}
	}
	for _, a := range p.Applications {
		m[a.Cell] = ptr(a.Count)
	}
	for _, a := range p.Appeals {
		m[a.Cell] = ptr(a.Count)
	}
	return m
}

func ptr(v *int64) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprint(*v)
}

// report is a seed split into its narrative and its tables, as read by the
// parser from the original.
type report struct {
	head, tail []string
	p          *schemas.Parsed
}

func splitSeed(t *testing.T, name string) (report, []byte) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	p := parseBytes(name, b)
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	first, last := len(lines), len(lines)
	for i, l := range lines {
		c := strings.Join(strings.Fields(l), "")
		if first == len(lines) && (strings.Contains(c, "第二十条") || strings.Contains(c, "主动公开政府信息情况") && len([]rune(c)) < 20) {
			first = i
		}
		if first < len(lines) && i > first && (strings.HasPrefix(c, "五、") || strings.Contains(c, "存在的主要问题")) && len([]rune(c)) < 40 {
			last = i
			break
		}
	}
	return report{head: lines[:first], tail: lines[last:], p: p}, b
}

// cellText is what the converted report prints in a cell: the seed's text,
// or the number the seed's own arithmetic determined where its text lost it.
func cellText(raw string, v *int64) string {
	if raw == "" && v != nil {
		return fmt.Sprint(*v)
	}
	return strings.TrimSpace(raw)
}

func (r report) disclosureRows() [][]string {
	var rows [][]string
	clause := ""
	var cur []string
	items := schemas.Disclosures2019
	if r.p.Report.Template == schemas.Template2021 {
		items = schemas.Disclosures2021
	}
	byCell := map[string]schemas.Disclosure{}
	for _, d := range r.p.Disclosures {
		byCell[d.Cell] = d
	}
	for _, it := range items {
		if it.Clause != clause {
			clause = it.Clause
			rows = append(rows, []string{"#clause", clause})
			hdr := []string{"#header", "信息内容"}
			for _, m := range it.Metrics {
				hdr = append(hdr, m.Label)
			}
			rows = append(rows, hdr)
		}
		cur = []string{it.Label}
		for _, m := range it.Metrics {
			d := byCell[schemas.DisclosureCell(it.Code.Code, m)]
			v := d.Count
			txt := cellText(d.Raw, v)
			if d.Raw == "" && d.AmountYuan != nil {
				txt = d.AmountYuan.String() + "元"
			}
			cur = append(cur, txt)
		}
		rows = append(rows, cur)
	}
	return rows
}

func (r report) s3Rows() (labels [][2]string, vals [][]string) {
	group := map[string]string{"granted": "三、本年度办理结果", "partial": "三、本年度办理结果", "other": "三、本年度办理结果", "total": "三、本年度办理结果"}
	for _, o := range schemas.Outcomes(true) {
		switch {
		case strings.HasPrefix(o.Code.Code, "denied."):
			group[o.Code.Code] = "（三）不予公开"
		case strings.HasPrefix(o.Code.Code, "unavailable."):
			group[o.Code.Code] = "（四）无法提供"
		case strings.HasPrefix(o.Code.Code, "not_processed."):
			group[o.Code.Code] = "（五）不予处理"
		}
	}
	var cur []string
	last := ""
	for _, a := range r.p.Applications {
		if a.Outcome != last {
			if cur != nil {
				vals = append(vals, cur)
			}
			cur = nil
			last = a.Outcome
			o := a.Outcome
			label := ""
			for _, x := range schemas.Outcomes(true) {
				if x.Code.Code == o {
					label = x.Label
				}
			}
			labels = append(labels, [2]string{group[o], label})
		}
		cur = append(cur, cellText(a.Raw, a.Count))
	}
	return labels, append(vals, cur)
}

func (r report) s4Values() []string {
	var out []string
	for _, a := range r.p.Appeals {
		out = append(out, cellText(a.Raw, a.Count))
	}
	return out
}

// ---- HTML ----

func (r report) html(charset string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"%s\"><title>政府信息公开工作年度报告</title></head>\n<body><div class=\"article\">\n", charset)
	for _, l := range r.head {
		if strings.TrimSpace(l) != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l))
		}
	}
	b.WriteString("<p>二、主动公开政府信息情况</p>\n<table border=\"1\" cellspacing=\"0\">\n")
	for _, row := range r.disclosureRows() {
		switch row[0] {
		case "#clause":
			fmt.Fprintf(&b, "<tr><td colspan=\"4\"><p>%s</p></td></tr>\n", row[1])
		case "#header":
			b.WriteString("<tr>")
			for i, c := range row[1:] {
				span := ""
				if i == len(row)-2 && len(row)-1 < 4 {
					span = fmt.Sprintf(" colspan=\"%d\"", 4-(len(row)-2))
				}
				fmt.Fprintf(&b, "<td%s>%s</td>", span, c)
			}
			b.WriteString("</tr>\n")
		default:
			b.WriteString("<tr>")
			for i, c := range row {
				span := ""
				if i == len(row)-1 && len(row) < 4 {
					span = fmt.Sprintf(" colspan=\"%d\"", 4-len(row)+1)
				}
				fmt.Fprintf(&b, "<td%s>%s</td>", span, html.EscapeString(c))
			}
			b.WriteString("</tr>\n")
		}
	}
	b.WriteString("</table>\n<p>三、收到和处理政府信息公开申请情况</p>\n<table border=\"1\">\n")
	b.WriteString("<tr><td rowspan=\"3\" colspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>\n")
	b.WriteString("<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>\n")
	b.WriteString("<tr><td>商业<br/>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n")
	labels, vals := r.s3Rows()
	spans := map[string]int{}
	for _, l := range labels {
		spans[l[0]]++
	}
	open := map[string]bool{}
	for i, l := range labels {
		b.WriteString("<tr>")
		switch {
		case l[0] == "":
			fmt.Fprintf(&b, "<td colspan=\"3\">%s</td>", l[1])
		case l[0] == "三、本年度办理结果":
			if !open[l[0]] {
				n := 0
				for _, x := range labels {
					if x[0] != "" {
						n++
					}
				}
				fmt.Fprintf(&b, "<td rowspan=\"%d\">三、本年度<br>办理结果</td>", n)
				open[l[0]] = true
			}
			fmt.Fprintf(&b, "<td colspan=\"2\">%s</td>", l[1])
		default:
			if !open["三、本年度办理结果"] {
				open["三、本年度办理结果"] = true
				fmt.Fprintf(&b, "<td rowspan=\"%d\">三、本年度办理结果</td>", len(labels)-3)
			}
			if !open[l[0]] {
				fmt.Fprintf(&b, "<td rowspan=\"%d\">%s</td>", spans[l[0]], l[0])
				open[l[0]] = true
			}
			fmt.Fprintf(&b, "<td>%s</td>", l[1])
		}
		for _, v := range vals[i] {
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(v))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n<p>四、政府信息公开行政复议、行政诉讼情况</p>\n<table border=\"1\">\n")
	b.WriteString("<tr><td colspan=\"5\" rowspan=\"2\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>\n")
	b.WriteString("<tr><td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>\n<tr>")
	for i := 0; i < 3; i++ {
		b.WriteString("<td>结果<br>维持</td><td>结果<br>纠正</td><td>其他<br>结果</td><td>尚未<br>审结</td><td>总计</td>")
	}
	b.WriteString("</tr>\n<tr>")
	for _, v := range r.s4Values() {
		fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(v))
	}
	b.WriteString("</tr>\n</table>\n")
	for _, l := range r.tail {
		if strings.TrimSpace(l) != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l))
		}
	}
	b.WriteString("</div></body></html>\n")
	return b.String()
}

// fixLabels drops the group column the HTML renderer wrote for rows that
// have none (new_received, carried_over, carried_forward).
func fixLabels(labels [][2]string) [][2]string {
	for i := range labels {
		switch {
		case strings.HasPrefix(labels[i][1], "一、"), strings.HasPrefix(labels[i][1], "二、"), strings.HasPrefix(labels[i][1], "四、"):
			labels[i][0] = ""
		}
	}
	return labels
}

// ---- DOCX ----

func docxCell(text string, span int, vmerge string) string {
	var pr string
	if span > 1 {
		pr += fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, span)
	}
	switch vmerge {
	case "restart":
		pr += `<w:vMerge w:val="restart"/>`
	case "continue":
		pr += `<w:vMerge/>`
	}
	if pr != "" {
		pr = "<w:tcPr>" + pr + "</w:tcPr>"
	}
	return fmt.Sprintf(`<w:tc>%s<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>`, pr, html.EscapeString(text))
}

func para(text string) string {
	return fmt.Sprintf(`<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, html.EscapeString(text))
}

// docxS2Rows writes the rows of section 二's table, clause lines and
// headers spanning the table's four grid columns, with cell making each cell.
func (r report) docxS2Rows(d *strings.Builder, cell func(text string, span int, vmerge string) string) {
	for _, row := range r.disclosureRows() {
		d.WriteString("<w:tr>")
		switch row[0] {
		case "#clause":
			d.WriteString(cell(row[1], 4, ""))
		case "#header":
			for i, c := range row[1:] {
				span := 1
				if i == len(row)-2 {
					span = 4 - (len(row) - 2)
				}
				d.WriteString(cell(c, span, ""))
			}
		default:
			for i, c := range row {
				span := 1
				if i == len(row)-1 {
					span = 4 - len(row) + 1
				}
				d.WriteString(cell(c, span, ""))
			}
		}
		d.WriteString("</w:tr>")
	}
}

// docxS3Rows writes the body rows of section 三 as Word does, the group
// labels merged down the rows (w:vMerge), with cell making each cell.
func (r report) docxS3Rows(d *strings.Builder, cell func(text string, span int, vmerge string) string) {
	labels, vals := r.s3Rows()
	labels = fixLabels(labels)
	prevGroup := ""
	for i, l := range labels {
		d.WriteString("<w:tr>")
		switch {
		case l[0] == "":
			d.WriteString(cell(l[1], 3, ""))
			prevGroup = ""
		case l[0] == "三、本年度办理结果":
			vm := "continue"
			if prevGroup == "" {
				vm = "restart"
			}
			d.WriteString(cell("三、本年度办理结果", 1, vm) + cell(l[1], 2, ""))
			prevGroup = l[0]
		default:
			vm := "continue"
			if prevGroup == "" {
				vm = "restart"
			}
			d.WriteString(cell("三、本年度办理结果", 1, vm))
			gm := "continue"
			if prevGroup != l[0] {
				gm = "restart"
			}
			d.WriteString(cell(l[0], 1, gm) + cell(l[1], 1, ""))
			prevGroup = l[0]
		}
		for _, v := range vals[i] {
			d.WriteString(cell(v, 1, ""))
		}
		d.WriteString("</w:tr>")
	}
}

func (r report) docx(t *testing.T) []byte {
	var d strings.Builder
	d.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, l := range r.head {
		d.WriteString(para(l))
	}
	d.WriteString(para("二、主动公开政府信息情况") + "<w:tbl>")
	r.docxS2Rows(&d, docxCell)
	d.WriteString("</w:tbl>" + para("三、收到和处理政府信息公开申请情况") + "<w:tbl>")
	d.WriteString("<w:tr>" + docxCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, "restart") + docxCell("申请人情况", 7, "") + "</w:tr>")
	d.WriteString("<w:tr>" + docxCell("", 3, "continue") + docxCell("自然人", 1, "restart") + docxCell("法人或其他组织", 5, "") + docxCell("总计", 1, "restart") + "</w:tr>")
	d.WriteString("<w:tr>" + docxCell("", 3, "continue") + docxCell("", 1, "continue"))
	for _, h := range []string{"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"} {
		d.WriteString(docxCell(h, 1, ""))
	}
	d.WriteString(docxCell("", 1, "continue") + "</w:tr>")
	r.docxS3Rows(&d, docxCell)
	d.WriteString("</w:tbl>" + para("四、政府信息公开行政复议、行政诉讼情况") + "<w:tbl>")
	d.WriteString("<w:tr>" + docxCell("行政复议", 5, "") + docxCell("行政诉讼", 10, "") + "</w:tr><w:tr>")
	d.WriteString(docxCell("", 5, "") + docxCell("未经复议直接起诉", 5, "") + docxCell("复议后起诉", 5, "") + "</w:tr><w:tr>")
	for i := 0; i < 3; i++ {
		for _, h := range []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"} {
			d.WriteString(docxCell(h, 1, ""))
		}
	}
	d.WriteString("</w:tr><w:tr>")
	for _, v := range r.s4Values() {
		d.WriteString(docxCell(v, 1, ""))
	}
	d.WriteString("</w:tr></w:tbl>")
	for _, l := range r.tail {
		d.WriteString(para(l))
	}
	d.WriteString("</w:body></w:document>")

	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", d.String()},
	}
	for _, f := range files {
		w, err := z.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f.body))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ---- pdftotext -layout ----

// dispWidth is the number of terminal columns s takes: CJK and full-width
// characters take two, as pdftotext -layout lays them out.
func dispWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func pad(s string, w int) string {
	if d := dispWidth(s); d < w {
		return s + strings.Repeat(" ", w-d)
	}
	return s + "  "
}

// right aligns a cell's text to end at a column, as numbers are printed.
func layoutRow(label string, labelW int, cells []string, colW int) string {
	var b strings.Builder
	b.WriteString(pad(label, labelW))
	for _, c := range cells {
		c = strings.TrimSpace(strings.ReplaceAll(c, "\u3000", ""))
		d := dispWidth(c)
		if d < colW {
			b.WriteString(strings.Repeat(" ", colW-d))
		}
		b.WriteString(c)
	}
	return strings.TrimRight(b.String(), " ")
}

func (r report) layout() string {
	var out []string
	out = append(out, r.head...)
	out = append(out, "二、主动公开政府信息情况", "")
	for _, row := range r.disclosureRows() {
		switch row[0] {
		case "#clause":
			out = append(out, "    "+row[1])
		case "#header":
			out = append(out, layoutRow(row[1], 24, padHeaders(row[2:], 18), 18))
		default:
			out = append(out, layoutRow(row[0], 24, row[1:], 18))
		}
	}
	out = append(out, "", "三、收到和处理政府信息公开申请情况", "")
	hdr := func() []string {
		return []string{
			layoutRow("（本列数据的勾稽关系为：第一项加", 64, []string{"申请人情况"}, 60),
			layoutRow("第二项之和，等于第三项加第四项之和）", 64, []string{"自然人", "法人或其他组织", "", "", "", "", "总计"}, 16),
			layoutRow("", 64, []string{"", "商业企业", "科研机构", "社会公益", "法律服务", "其他"}, 16),
			layoutRow("", 64, []string{"", "", "", "组织", "机构"}, 16),
		}
	}
	out = append(out, hdr()...)
	labels, vals := r.s3Rows()
	labels = fixLabels(labels)
	for i, l := range labels {
		if i == 12 { // a page break inside the table: footer, page number, repeated header
			out = append(out, "", "                                   - 3 -", "\f"+"某某政府信息公开工作年度报告", "")
			out = append(out, hdr()...)
		}
		label, rest := wrap(strings.TrimSpace(l[0]+"  "+l[1]), 60)
		out = append(out, layoutRow(label, 64, vals[i], 16))
		if rest != "" {
			out = append(out, rest) // pdftotext wraps a long label under itself
		}
	}
	out = append(out, "", "四、政府信息公开行政复议、行政诉讼情况", "")
	out = append(out, layoutRow("", 0, []string{"行政复议", "", "", "", "", "行政诉讼"}, 10))
	out = append(out, layoutRow("", 0, []string{"", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉"}, 10))
	var h []string
	for i := 0; i < 3; i++ {
		h = append(h, "结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
	}
	out = append(out, layoutRow("", 0, h, 10))
	out = append(out, layoutRow("", 0, r.s4Values(), 10))
	out = append(out, "")
	out = append(out, r.tail...)
	return strings.Join(out, "\n")
}

// wrap cuts s at display width w.
func wrap(s string, w int) (string, string) {
	n := 0
	for i, r := range s {
		rw := dispWidth(string(r))
		if n+rw > w {
			return s[:i], "                    " + s[i:]
		}
		n += rw
	}
	return s, ""
}

func padHeaders(h []string, _ int) []string { return h }

// TestSeedVariants checks that each seed gives the same cells in every form
// it is published in.
func TestSeedVariants(t *testing.T) {
	for _, name := range seedFiles {
		rep, orig := splitSeed(t, name)
		want := cells(rep.p)
		base := strings.TrimSuffix(name, ".txt")
		gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(orig)
		if err != nil {
			t.Fatal(err)
		}
		u16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(orig)
		u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(orig)
		// Pages that declare gbk are GB18030 in practice (browsers decode them so).
		gbHTML, err := simplifiedchinese.GB18030.NewEncoder().String(rep.html("gbk"))
		if err != nil {
			t.Fatal(err)
		}
		variants := []struct {
			name, file, encoding string
			data                 []byte
		}{
			{"gb18030", base + ".txt", "gb18030", gb},
			{"utf-16le", base + ".txt", "utf-16le", u16le},
			{"utf-16be", base + ".txt", "utf-16be", u16be},
			{"utf-8-bom", base + ".txt", "utf-8", append([]byte("\ufeff"), orig...)},
			{"html", base + ".html", "", []byte(rep.html("utf-8"))},
			{"html-gbk", base + ".html", "", []byte(gbHTML)},
			{"docx", base + ".docx", "", rep.docx(t)},
			{"pdftotext-layout", base + ".txt", "", []byte(rep.layout())},
		}
		for _, v := range variants {
			t.Run(base+"/"+v.name, func(t *testing.T) {
				if !utf8.Valid(v.data) && v.encoding == "" && !strings.HasSuffix(v.file, ".docx") && v.name != "html-gbk" {
					t.Fatalf("variant is not UTF-8")
				}
				p := parseBytes(v.file, v.data)
				if v.encoding != "" && p.Report.Encoding != v.encoding {
					t.Errorf("encoding %q, want %q", p.Report.Encoding, v.encoding)
				}
				got := cells(p)
				bad := 0
				for k, w := range want {
					if got[k] != w {
						bad++
						if bad <= 8 {
							t.Errorf("%s = %s, want %s", k, got[k], w)
						}
					}
				}
				if bad > 0 || len(got) != len(want) {
					t.Errorf("%d of %d cells differ (%d cells read)", bad, len(want), len(got))
					if os.Getenv("NIANBAO_DUMP") != "" {
						os.WriteFile(filepath.Join(os.TempDir(), base+"-"+v.name), v.data, 0o644)
					}
				}
				if p.Report.Template != rep.p.Report.Template || ptr32(p.Report.ReportYear) != ptr32(rep.p.Report.ReportYear) {
					t.Errorf("template %s year %s, want %s %s", p.Report.Template, ptr32(p.Report.ReportYear), rep.p.Report.Template, ptr32(rep.p.Report.ReportYear))
				}
			})
		}
	}
}

func ptr32(v *int32) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprint(*v)
}
