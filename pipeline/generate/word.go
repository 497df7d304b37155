package generate

import (
	"archive/zip"
	"bytes"
	"html"
	"strconv"
	"strings"
	"time"
)

// The forms offices really publish from Word: a page saved as "web page"
// (mso- styles, <o:p>, a span at every change of script, &nbsp; cells,
// <th> headers, the article inside the site's layout table, the charset
// only in <meta http-equiv>), and a .docx as Word writes it after editing
// (runs split inside words and numbers, tracked changes, smart tags and
// content controls around numbers, gridBefore, a deleted row, the report
// inside a one-cell layout table).

// msoCell is a cell as Word's "save as web page" writes it.
func msoCell(tag, text, attrs string) string {
	inner := `<p class=MsoNormal align=center style='text-align:center;mso-line-height-alt:12.0pt'><span lang=EN-US style='font-size:10.5pt;font-family:"仿宋_GB2312";mso-bidi-font-family:宋体'><o:p>&nbsp;</o:p></span></p>`
	if text != "" {
		var spans strings.Builder
		for i, part := range splitMixed(text) {
			lang := "ZH-CN"
			if i%2 == 1 {
				lang = "EN-US"
			}
			spans.WriteString("<span lang=" + lang + " style='font-size:10.5pt;font-family:仿宋_GB2312;\nmso-hansi-font-family:宋体'>" +
				strings.ReplaceAll(html.EscapeString(part), "\n", "<br>\n") + "</span>")
		}
		inner = `<p class=MsoNormal align=center style='text-align:center'>` + spans.String() + `<span lang=EN-US><o:p></o:p></span></p>`
	}
	if attrs != "" {
		attrs = " " + attrs
	}
	return "<" + tag + " width=57" + attrs + " style='width:42.55pt;border:solid windowtext 1.0pt;border-top:none;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>" + inner + "</" + tag + ">"
}

// splitMixed cuts a number of two or more digits in two, as Word's spans
// do at a change of font.
func splitMixed(s string) []string {
	if len(s) >= 2 && strings.Trim(s, "0123456789") == "" {
		return []string{s[:1], s[1:]}
	}
	return []string{s}
}

// renderWordHTML prints the report as Word saves it as a web page, served
// inside a government site's layout table.
func (m *model) renderWordHTML(blocks []block) string {
	var b strings.Builder
	charset := "utf-8"
	if m.enc == EncGBK {
		charset = "gb2312"
	}
	b.WriteString(`<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=` + charset + `"><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:10.5pt;} --></style></head>
<body>
<table width="1000" border="0" cellspacing="0" cellpadding="0" class="main"><tr><td class="nav">首页 &gt; 政务公开 &gt; 年度报告</td></tr>
<tr><td class="article"><div class=WordSection1 style='layout-grid:15.6pt'>
`)
	tables := 0
	for _, bl := range blocks {
		switch bl.kind {
		case bHeading:
			b.WriteString("<p class=MsoNormal><b><span style='font-family:黑体'>" + html.EscapeString(bl.text) + "<o:p></o:p></span></b></p>\n")
		case bTable:
			tables++
			caption := ""
			if tables == 2 { // a caption row spanning all columns, as some sites add
				caption = "收到和处理政府信息公开申请情况表"
			}
			m.wordHTMLTable(&b, bl.t, caption)
		default:
			b.WriteString("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-family:仿宋_GB2312'>" +
				html.EscapeString(bl.text) + "<o:p></o:p></span></p>\n")
		}
	}
	b.WriteString("</div></td></tr>\n<tr><td class=\"footer\">主办单位：某某市人民政府办公室 网站标识码：1234</td></tr></table>\n</body></html>\n")
	return b.String()
}

func (m *model) wordHTMLTable(b *strings.Builder, t *table, caption string) {
	b.WriteString("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-table-layout-alt:fixed;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n")
	if t.head > 0 {
		b.WriteString("<thead>\n")
	}
	if caption != "" {
		b.WriteString("<tr>" + msoCell("td", caption, "colspan="+strconv.Itoa(len(t.widths))) + "</tr>\n")
	}
	for i, row := range t.rows {
		if t.head > 0 && i == t.head {
			b.WriteString("</thead><tbody>\n")
		}
		b.WriteString("<tr style='mso-yfti-irow:1;height:20.0pt'>")
		cols := columns(row)
		for k, c := range row {
			if c.vm == vmContinue {
				continue
			}
			var attrs []string
			if c.vm == vmRestart {
				if n := t.rowspan(i, cols[k]); n > 1 {
					attrs = append(attrs, "rowspan="+strconv.Itoa(n))
				}
			}
			if c.span > 1 {
				attrs = append(attrs, "colspan="+strconv.Itoa(c.span))
			}
			tag := "td"
			if c.kind == kHead {
				tag = "th"
			}
			b.WriteString(msoCell(tag, m.padded(c), strings.Join(attrs, " ")))
		}
		b.WriteString("</tr>\n")
	}
	if t.head > 0 {
		b.WriteString("</tbody>")
	}
	b.WriteString("</table>\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n")
}

// wRuns is text as Word stores it after editing: split into runs at
// arbitrary points, with proofing marks and a bookmark after the first.
func wRuns(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		n := min(len(rs)-i, 1+i%3)
		b.WriteString(`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:sz w:val="21"/></w:rPr><w:t xml:space="preserve">` +
			xmlEscaper.Replace(string(rs[i:i+n])) + `</w:t></w:r>`)
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
// in turn the result of a tracked edit (the old value deleted, the new
// inserted), wrapped in a smart tag or in a content control, or plain.
func wCell(c tc, text string, k int) string {
	pr := `<w:tcW w:w="851" w:type="dxa"/>`
	if c.span > 1 {
		pr += `<w:gridSpan w:val="` + strconv.Itoa(c.span) + `"/>`
	}
	switch c.vm {
	case vmRestart:
		pr += `<w:vMerge w:val="restart"/>`
	case vmContinue:
		pr += `<w:vMerge/>`
	}
	pr += `<w:vAlign w:val="center"/>`
	var body strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			body.WriteString(`<w:r><w:br/></w:r>`)
		}
		body.WriteString(wRuns(line))
	}
	if c.kind == kValue && text != "" && strings.Trim(text, "0123456789") == "" {
		switch k % 4 {
		case 0:
			body.Reset()
			body.WriteString(`<w:del w:id="9" w:author="x" w:date="2022-01-10T00:00:00Z"><w:r><w:delText>9` + text +
				`</w:delText></w:r></w:del><w:ins w:id="10" w:author="x"><w:r><w:t>` + text + `</w:t></w:r></w:ins>`)
		case 1:
			s := body.String()
			body.Reset()
			body.WriteString(`<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv"><w:smartTagPr><w:attr w:name="UnitName" w:val="件"/></w:smartTagPr>` + s + `</w:smartTag>`)
		case 2:
			s := body.String()
			body.Reset()
			body.WriteString(`<w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent>` + s + `</w:sdtContent></w:sdt>`)
		}
	}
	return `<w:tc><w:tcPr>` + pr + `</w:tcPr><w:p/><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + body.String() +
		`</w:p><w:p><w:pPr><w:rPr><w:del w:id="3" w:author="x"/></w:rPr></w:pPr></w:p></w:tc>`
}

// renderWordDOCX writes the report as Word saves it after editing. The zip
// entries carry a fixed time so the bytes depend on the report alone.
func (m *model) renderWordDOCX(blocks []block) []byte {
	var d strings.Builder
	d.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`)
	// the whole report inside a one-cell layout table
	d.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc>`)
	k, tables, tail := 0, 0, false
	for _, bl := range blocks {
		switch bl.kind {
		case bTable:
			tables++
			if tables == 1 {
				d.WriteString(`<w:p><w:del w:id="1" w:author="x"><w:r><w:delText>一、删掉的段落 2 3 4</w:delText></w:r></w:del></w:p>`)
			}
			d.WriteString("<w:tbl>")
			for _, row := range bl.t.rows {
				d.WriteString("<w:tr>")
				cells := row
				// gridBefore: the row's first grid columns hold no cell
				if c := row[0]; c.vm == vmContinue && c.span > 1 {
					d.WriteString(`<w:trPr><w:gridBefore w:val="` + strconv.Itoa(c.span) + `"/></w:trPr>`)
					cells = row[1:]
				}
				for _, c := range cells {
					k++
					d.WriteString(wCell(c, m.padded(c), k))
				}
				d.WriteString("</w:tr>")
			}
			if tables == 1 { // a row deleted with tracked changes on
				d.WriteString(`<w:tr><w:trPr><w:del w:id="5" w:author="x"/></w:trPr><w:tc><w:p><w:r><w:delText>行政许可</w:delText></w:r></w:p></w:tc><w:tc><w:p><w:r><w:delText>77</w:delText></w:r></w:p></w:tc></w:tr>`)
			}
			d.WriteString("</w:tbl>")
			tail = tables == 3
		default:
			if tail {
				d.WriteString(`<w:p><w:hyperlink r:id="rId9" xmlns:r="r">` + wRuns(bl.text) + `</w:hyperlink><w:fldSimple w:instr=" PAGE "><w:r><w:t></w:t></w:r></w:fldSimple></w:p>`)
			} else {
				d.WriteString(wPara(bl.text))
			}
		}
	}
	d.WriteString(`<w:p/></w:tc></w:tr></w:tbl><w:sectPr/></w:body></w:document>`)

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	mod := time.Date(m.year+1, time.January, m.date, 9, 0, 0, 0, time.UTC)
	for _, f := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", d.String()},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			panic("generate: docx: " + err.Error()) // writing to memory cannot fail
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			panic("generate: docx: " + err.Error())
		}
	}
	if err := zw.Close(); err != nil {
		panic("generate: docx: " + err.Error())
	}
	return buf.Bytes()
}
