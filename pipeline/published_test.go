package pipeline_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Reports as government sites and offices really publish them: a page
// saved from Word (mso- styles, <o:p>, span soup, &nbsp; cells, <p> in every
// cell, <th> headers) inside the site's layout table, declaring GBK only in
// <meta http-equiv>; and a .docx as Word writes it after editing (tracked
// changes, content controls, runs split inside a number, the report inside
// a one-cell layout table). Each must give the seed's cells.

// msoCell is a cell as Word's "save as web page" writes it.
func msoCell(tag, text string, attrs string) string {
	inner := `<p class=MsoNormal align=center style='text-align:center;mso-line-height-alt:12.0pt'><span lang=EN-US style='font-size:10.5pt;font-family:"仿宋_GB2312";mso-bidi-font-family:宋体'><o:p>&nbsp;</o:p></span></p>`
	if text != "" {
		// Word splits a cell's text into spans at every change of
		// language or font: a number's digits, a label's brackets.
		var spans strings.Builder
		for i, part := range splitMixed(text) {
			lang := "ZH-CN"
			if i%2 == 1 {
				lang = "EN-US"
			}
			fmt.Fprintf(&spans, "<span lang=%s style='font-size:10.5pt;font-family:仿宋_GB2312;\nmso-hansi-font-family:宋体'>%s</span>", lang, strings.ReplaceAll(html.EscapeString(part), "\n", "<br>\n"))
		}
		inner = `<p class=MsoNormal align=center style='text-align:center'>` + spans.String() + `<span lang=EN-US><o:p></o:p></span></p>`
	}
	return fmt.Sprintf("<%s width=57 %s style='width:42.55pt;border:solid windowtext 1.0pt;border-top:none;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>%s</%s>", tag, attrs, inner, tag)
}

// splitMixed cuts s where it changes between digits and other text, and
// cuts numbers of two or more digits in two, as Word's spans do.
func splitMixed(s string) []string {
	var out []string
	if len(s) >= 2 && strings.Trim(s, "0123456789") == "" {
		return []string{s[:1], s[1:]}
	}
	return append(out, s)
}

func (r report) wordHTML() string {
	var b strings.Builder
	b.WriteString(`<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:10.5pt;} --></style></head>
<body>
<table width="1000" border="0" cellspacing="0" cellpadding="0" class="main"><tr><td class="nav">首页 &gt; 政务公开 &gt; 年度报告</td></tr>
<tr><td class="article"><div class=WordSection1 style='layout-grid:15.6pt'>
`)
	for _, l := range r.head {
		if strings.TrimSpace(l) != "" {
			fmt.Fprintf(&b, "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-family:仿宋_GB2312'>%s<o:p></o:p></span></p>\n", html.EscapeString(strings.TrimSpace(l)))
		}
	}
	b.WriteString("<p class=MsoNormal><b><span style='font-family:黑体'>二、主动公开政府信息情况<o:p></o:p></span></b></p>\n")
	b.WriteString("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-table-layout-alt:fixed;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n")
	for _, row := range r.disclosureRows() {
		b.WriteString("<tr style='mso-yfti-irow:1;height:20.0pt'>\n")
		switch row[0] {
		case "#clause":
			b.WriteString(msoCell("td", row[1], `colspan=4`))
		case "#header":
			for i, c := range row[1:] {
				span := ""
				if i == len(row)-2 && len(row)-1 < 4 {
					span = fmt.Sprintf("colspan=%d", 4-(len(row)-2))
				}
				b.WriteString(msoCell("th", c, span))
			}
		default:
			for i, c := range row {
				span := ""
				if i == len(row)-1 && len(row) < 4 {
					span = fmt.Sprintf("colspan=%d", 4-len(row)+1)
				}
				b.WriteString(msoCell("td", c, span))
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n")
	b.WriteString("<p class=MsoNormal><b><span style='font-family:黑体'>三、收到和处理政府信息公开申请情况<o:p></o:p></span></b></p>\n")
	b.WriteString("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\n<thead>\n")
	// a caption row spanning all columns, as some sites add
	b.WriteString("<tr>" + msoCell("td", "收到和处理政府信息公开申请情况表", "colspan=10") + "</tr>\n")
	b.WriteString("<tr>" + msoCell("th", "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）", "rowspan=3 colspan=3") + msoCell("th", "申请人情况", "colspan=7") + "</tr>\n")
	b.WriteString("<tr>" + msoCell("th", "自然人", "rowspan=2") + msoCell("th", "法人或其他组织", "colspan=5") + msoCell("th", "总计", "rowspan=2") + "</tr>\n<tr>")
	for _, h := range []string{"商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他"} {
		b.WriteString(msoCell("th", h, ""))
	}
	b.WriteString("</tr>\n</thead><tbody>\n")
	labels, vals := r.s3Rows()
	labels = fixLabels(labels)
	spans := map[string]int{}
	for _, l := range labels {
		spans[l[0]]++
	}
	open := map[string]bool{}
	results := 0
	for _, l := range labels {
		if l[0] != "" {
			results++
		}
	}
	for i, l := range labels {
		b.WriteString("<tr style='height:15.0pt'>")
		switch {
		case l[0] == "":
			b.WriteString(msoCell("td", l[1], "colspan=3"))
		case l[0] == "三、本年度办理结果":
			if !open[l[0]] {
				b.WriteString(msoCell("td", "三、本年度\n办理结果", fmt.Sprintf("rowspan=%d", results)))
				open[l[0]] = true
			}
			b.WriteString(msoCell("td", l[1], "colspan=2"))
		default:
			if !open[l[0]] {
				b.WriteString(msoCell("td", l[0], fmt.Sprintf("rowspan=%d", spans[l[0]])))
				open[l[0]] = true
			}
			b.WriteString(msoCell("td", l[1], ""))
		}
		for _, v := range vals[i] {
			b.WriteString(msoCell("td", v, ""))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table>\n<p class=MsoNormal><b><span style='font-family:黑体'>四、政府信息公开行政复议、行政诉讼情况<o:p></o:p></span></b></p>\n")
	b.WriteString("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>\n")
	b.WriteString("<tr>" + msoCell("th", "行政复议", "colspan=5 rowspan=2") + msoCell("th", "行政诉讼", "colspan=10") + "</tr>\n")
	b.WriteString("<tr>" + msoCell("th", "未经复议直接起诉", "colspan=5") + msoCell("th", "复议后起诉", "colspan=5") + "</tr>\n<tr>")
	for i := 0; i < 3; i++ {
		for _, h := range []string{"结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"} {
			b.WriteString(msoCell("th", h, ""))
		}
	}
	b.WriteString("</tr>\n<tr>")
	for _, v := range r.s4Values() {
		b.WriteString(msoCell("td", v, ""))
	}
	b.WriteString("</tr>\n</table>\n")
	for _, l := range r.tail {
		if strings.TrimSpace(l) != "" {
			fmt.Fprintf(&b, "<p class=MsoNormal><span style='font-family:仿宋_GB2312'>%s<o:p></o:p></span></p>\n", html.EscapeString(strings.TrimSpace(l)))
		}
	}
	b.WriteString("</div></td></tr>\n<tr><td class=\"footer\">主办单位：某某市人民政府办公室 网站标识码：1234</td></tr></table>\n</body></html>\n")
	return b.String()
}

// ---- DOCX as Word writes it ----

// wRuns is text as Word stores it after editing: split into runs at
// arbitrary points, with proofing marks and bookmarks between them.
func wRuns(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		n := min(len(rs)-i, 1+i%3)
		fmt.Fprintf(&b, `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:sz w:val="21"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, html.EscapeString(string(rs[i:i+n])))
		if i == 0 && n < len(rs) {
			b.WriteString(`<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>`)
		}
		i += n
	}
	return b.String()
}

func wPara(s string) string {
	return `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + wRuns(s) + `</w:p>`
}

// wCell writes a cell with empty paragraphs around its text; a number is
// sometimes the result of a tracked edit (the old value deleted, the new
// inserted) or wrapped in a smart tag or content control.
func wCell(text string, span int, vmerge string, k int) string {
	pr := `<w:tcW w:w="851" w:type="dxa"/>`
	if span > 1 {
		pr += fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, span)
	}
	switch vmerge {
	case "restart":
		pr += `<w:vMerge w:val="restart"/>`
	case "continue":
		pr += `<w:vMerge/>`
	}
	pr += `<w:vAlign w:val="center"/>`
	body := wRuns(text)
	if text != "" && strings.Trim(text, "0123456789") == "" {
		switch k % 4 {
		case 0:
			body = `<w:del w:id="9" w:author="x" w:date="2022-01-10T00:00:00Z"><w:r><w:delText>9` + text + `</w:delText></w:r></w:del><w:ins w:id="10" w:author="x"><w:r><w:t>` + text + `</w:t></w:r></w:ins>`
		case 1:
			body = `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv"><w:smartTagPr><w:attr w:name="UnitName" w:val="件"/></w:smartTagPr>` + wRuns(text) + `</w:smartTag>`
		case 2:
			body = `<w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent>` + wRuns(text) + `</w:sdtContent></w:sdt>`
		}
	}
	return `<w:tc><w:tcPr>` + pr + `</w:tcPr><w:p/><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + body + `</w:p><w:p><w:pPr><w:rPr><w:del w:id="3" w:author="x"/></w:rPr></w:pPr></w:p></w:tc>`
}

func (r report) wordDOCX(t *testing.T) []byte {
	var d strings.Builder
	k := 0
	cell := func(text string, span int, vm string) string { k++; return wCell(text, span, vm, k) }
	d.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`)
	// the whole report inside a one-cell layout table
	d.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc>`)
	for _, l := range r.head {
		if strings.TrimSpace(l) != "" {
			d.WriteString(wPara(strings.TrimSpace(l)))
		}
	}
	d.WriteString(`<w:p><w:del w:id="1" w:author="x"><w:r><w:delText>一、删掉的段落 2 3 4</w:delText></w:r></w:del></w:p>`)
	d.WriteString(wPara("二、主动公开政府信息情况") + "<w:tbl>")
	r.docxS2Rows(&d, cell)
	// a row deleted with tracked changes on
	d.WriteString(`<w:tr><w:trPr><w:del w:id="5" w:author="x"/></w:trPr>` + `<w:tc><w:p><w:r><w:delText>行政许可</w:delText></w:r></w:p></w:tc><w:tc><w:p><w:r><w:delText>77</w:delText></w:r></w:p></w:tc></w:tr>`)
	d.WriteString("</w:tbl>" + wPara("三、收到和处理政府信息公开申请情况") + "<w:tbl>")
	d.WriteString("<w:tr>" + cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, "restart") + cell("申请人情况", 7, "") + "</w:tr>")
	d.WriteString("<w:tr>" + cell("", 3, "continue") + cell("自然人", 1, "restart") + cell("法人或其他组织", 5, "") + cell("总计", 1, "restart") + "</w:tr>")
	// gridBefore: the row's first three grid columns hold no cell
	d.WriteString(`<w:tr><w:trPr><w:gridBefore w:val="3"/></w:trPr>` + cell("", 1, "continue"))
	for _, h := range []string{"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"} {
		d.WriteString(cell(h, 1, ""))
	}
	d.WriteString(cell("", 1, "continue") + "</w:tr>")
	r.docxS3Rows(&d, cell)
	d.WriteString("</w:tbl>" + wPara("四、政府信息公开行政复议、行政诉讼情况") + "<w:tbl>")
	d.WriteString("<w:tr>" + cell("行政复议", 5, "restart") + cell("行政诉讼", 10, "") + "</w:tr><w:tr>")
	d.WriteString(cell("", 5, "continue") + cell("未经复议直接起诉", 5, "") + cell("复议后起诉", 5, "") + "</w:tr><w:tr>")
	for i := 0; i < 3; i++ {
		for _, h := range []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"} {
			d.WriteString(cell(h, 1, ""))
		}
	}
	d.WriteString("</w:tr><w:tr>")
	for _, v := range r.s4Values() {
		d.WriteString(cell(v, 1, ""))
	}
	d.WriteString("</w:tr></w:tbl>")
	for _, l := range r.tail {
		if strings.TrimSpace(l) != "" {
			d.WriteString(`<w:p><w:hyperlink r:id="rId9" xmlns:r="r">` + wRuns(strings.TrimSpace(l)) + `</w:hyperlink><w:fldSimple w:instr=" PAGE "><w:r><w:t></w:t></w:r></w:fldSimple></w:p>`)
		}
	}
	d.WriteString(`<w:p/></w:tc></w:tr></w:tbl><w:sectPr/></w:body></w:document>`)

	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", d.String()},
	} {
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

func TestPublishedForms(t *testing.T) {
	for _, name := range seedFiles {
		rep, _ := splitSeed(t, name)
		want := cells(rep.p)
		base := strings.TrimSuffix(name, ".txt")
		gb, err := simplifiedchinese.GBK.NewEncoder().String(rep.wordHTML())
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []struct {
			name, file string
			data       []byte
		}{
			{"word-html-gbk", base + ".htm", []byte(gb)},
			{"word-docx", base + ".docx", rep.wordDOCX(t)},
		} {
			t.Run(base+"/"+v.name, func(t *testing.T) {
				p := parseBytes(v.file, v.data)
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
				}
				if p.Report.Template != rep.p.Report.Template || ptr32(p.Report.ReportYear) != ptr32(rep.p.Report.ReportYear) {
					t.Errorf("template %s year %s, want %s %s", p.Report.Template, ptr32(p.Report.ReportYear), rep.p.Report.Template, ptr32(rep.p.Report.ReportYear))
				}
				if a, w := ptrS(p.Report.Agency), ptrS(rep.p.Report.Agency); a != w {
					t.Errorf("agency %s, want %s", a, w)
				}
				for _, f := range p.Findings {
					if f.Kind == "extraction" && f.Severity != "info" {
						t.Errorf("finding %s %s %s: %s", f.Rule, f.Severity, f.Cell, f.Message)
					}
				}
			})
		}
	}
}

func ptrS(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
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
