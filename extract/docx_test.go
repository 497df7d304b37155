package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// buildDOCX returns a zip archive holding word/document.xml with body, and
// extra entries.
func buildDOCX(t testing.TB, body string, extra map[string]string) []byte {
	t.Helper()
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types/>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	maps.Copy(files, extra)
	return zipFiles(t, files)
}

// zipFiles is a zip archive of files, entries in the order of their names.
func zipFiles(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func para(s string) string { return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>` }

func tc(props, text string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + para(text) + `</w:tc>`
}

func TestDOCX(t *testing.T) {
	span := func(n int) string { return fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, n) }
	const restart, cont = `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`
	body := `<w:p><w:r><w:t>某区2021年政府信息公开工作年度报告</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>2021</w:t><w:noBreakHyphen/><w:t>2022</w:t></w:r></w:p>` +
		// tab stops in the paragraph's properties write no tab
		`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/><w:tab w:val="left" w:pos="840"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>三、收到</w:t></w:r><w:r><w:t>和处理</w:t></w:r><w:r><w:tab/><w:t>申请</w:t><w:br/><w:t>第二行</w:t></w:r>` +
		`<w:r><w:delText>删掉的</w:delText></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>` +
		`<w:p/>` +
		`<w:tbl><w:tblGrid/>` +
		`<w:tr>` + tc(span(2)+restart, "（本列数据的勾稽关系）") + tc(restart, "自然人") + tc(span(2), "法人或其他组织") + `</w:tr>` +
		`<w:tr>` + tc(span(2)+cont, "") + tc(cont, "") + tc("", "商业企业") + tc("", "科研机构") + `</w:tr>` +
		`<w:tr>` + tc(restart, "三、本年度办理结果") + tc("", "（一）予以公开") + tc("", "3") + tc("", "1") + tc("", "0") + `</w:tr>` +
		`<w:tr>` + tc(cont, "") + `<w:tc>` + para("（二）部分") + para("公开") + `</w:tc>` + tc("", "0") +
		`<w:tc><w:tbl><w:tr>` + tc("", "嵌") + tc("", "套") + `</w:tr></w:tbl></w:tc>` + tc("", "") + `</w:tr>` +
		`</w:tbl>` +
		`<mc:AlternateContent><mc:Choice>` + para("文本框") + `</mc:Choice><mc:Fallback>` + para("文本框") + `</mc:Fallback></mc:AlternateContent>` +
		para("四、行政复议")
	doc := ReadBytes("a/r.docx", buildDOCX(t, body, nil), Limits{})
	if len(doc.Findings) != 0 || doc.Encoding != EncUTF8 || doc.SourceFormat != "docx" {
		t.Fatalf("findings %+v encoding %q", doc.Findings, doc.Encoding)
	}
	wantText := strings.Join([]string{
		"某区2021年政府信息公开工作年度报告\t2021-2022",
		"三、收到和处理\t申请",
		"第二行",
		"（本列数据的勾稽关系）\t\t自然人\t法人或其他组织\t",
		"\t\t\t商业企业\t科研机构",
		"三、本年度办理结果\t（一）予以公开\t3\t1\t0",
		"\t（二）部分 公开\t0\t嵌 套\t",
		"文本框",
		"四、行政复议",
	}, "\n") + "\n"
	if doc.Text != wantText {
		t.Errorf("text =\n%s\nwant\n%s", doc.Text, wantText)
	}
	if len(doc.Tables) != 1 || doc.Tables[0].Line != 4 || len(doc.Tables[0].Rows) != 4 {
		t.Fatalf("tables %+v", doc.Tables)
	}
}

func TestDOCXLimits(t *testing.T) {
	bomb := buildDOCX(t, para(strings.Repeat(" ", 8<<20)), nil)
	many := map[string]string{}
	for i := range 20 {
		many[fmt.Sprintf("word/media/%d.png", i)] = "x"
	}
	tests := []struct {
		name string
		in   []byte
		lim  Limits
		rule string
	}{
		{"inflates past the entry limit", bomb, Limits{MaxZipEntryBytes: 1 << 20}, RuleZipBomb.Code},
		{"too many entries", buildDOCX(t, para("x"), many), Limits{MaxZipEntries: 10}, RuleZipBomb.Code},
		{"declared total", buildDOCX(t, para("x"), many), Limits{MaxZipTotalBytes: 100}, RuleZipBomb.Code},
		{"not a zip", []byte("plain text"), Limits{}, RuleDOCXInvalid.Code},
		{"legacy doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), Limits{}, RuleDOCXInvalid.Code},
		{"no document.xml", func() []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			zw.Create("x")
			zw.Close()
			return b.Bytes()
		}(), Limits{}, RuleDOCXInvalid.Code},
		{"broken xml", buildDOCX(t, para("前")+"<w:p><w:r><w:t>后", nil), Limits{}, RuleDOCXInvalid.Code},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := ReadBytes("b.docx", tt.in, tt.lim)
			if got := strings.Join(rules(doc.Findings), ","); got != tt.rule || doc.ReportID == "" {
				t.Errorf("findings %v, want %s", got, tt.rule)
			}
		})
	}
	// (its 8 MiB of text are over the default text limit, another limit)
	if doc := ReadBytes("b.docx", bomb, Limits{MaxTextBytes: 16 << 20}); len(doc.Findings) != 0 {
		t.Errorf("within limits: %v", rules(doc.Findings))
	}
	if doc := ReadBytes("b.docx", bomb, Limits{}); strings.Join(rules(doc.Findings), ",") != RuleFileTooLarge.Code || doc.Text != "" {
		t.Errorf("over the text limit: %v, %d bytes of text", rules(doc.Findings), len(doc.Text))
	}
}

// TestDOCXAsWordWrites: what Word leaves in a document after editing. Deleted
// and moved-away text and deleted rows are not read, inserted text is;
// runs split inside a number join up; content controls, smart tags and
// hyperlinks are transparent; a one-cell layout table holding the report
// gives the tables inside as tables.
func TestDOCXAsWordWrites(t *testing.T) {
	r := func(s string) string { return `<w:r><w:t>` + s + `</w:t></w:r>` }
	c := func(inner string) string { return `<w:tc><w:p/><w:p>` + inner + `</w:p><w:p/></w:tc>` }
	data := `<w:tbl>` +
		`<w:tr>` + c(r("行政")+`<w:proofErr w:type="gramStart"/>`+r("许可")) + c(r("1")+r("2")) + `</w:tr>` +
		`<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>` + c(`<w:r><w:delText>行政处罚</w:delText></w:r>`) + c(`<w:r><w:delText>7</w:delText></w:r>`) + `</w:tr>` +
		`<w:tr>` + c(`<w:sdt><w:sdtContent>`+r("行政处罚")+`</w:sdtContent></w:sdt>`) +
		c(`<w:del w:id="2" w:author="a"><w:r><w:delText>5</w:delText></w:r></w:del><w:ins w:id="3" w:author="a">`+r("6")+`</w:ins>`) + `</w:tr>` +
		`<w:tr>` + c(`<w:smartTag w:element="x">`+r("行政强制")+`</w:smartTag>`) +
		c(`<w:moveFrom w:id="4" w:author="a">`+r("9")+`</w:moveFrom><w:moveTo w:id="5" w:author="a">`+r("3")+`</w:moveTo>`) + `</w:tr>` +
		`</w:tbl>`
	body := `<w:tbl><w:tr><w:tc>` + para("某局2021年政府信息公开工作年度报告") + data +
		`<w:p><w:hyperlink r:id="x" xmlns:r="r">` + r("结束") + `</w:hyperlink></w:p></w:tc></w:tr></w:tbl>`
	doc := ReadBytes("w.docx", buildDOCX(t, body, nil), Limits{})
	want := "某局2021年政府信息公开工作年度报告\n行政许可\t12\n行政处罚\t6\n行政强制\t3\n结束\n"
	if doc.Text != want || len(doc.Findings) != 0 {
		t.Errorf("text =\n%q\nwant\n%q\nfindings %v", doc.Text, want, doc.Findings)
	}
	if len(doc.Tables) != 1 || doc.Tables[0].Line != 2 || len(doc.Tables[0].Rows) != 3 {
		t.Errorf("tables %+v", doc.Tables)
	}
}

// TestDOCXWideLayout: a page laid out in a table of three columns (margins
// left and right, the report in the middle) gives the tables inside as
// tables; a data table holding a one-row table keeps it as cell text.
func TestDOCXWideLayout(t *testing.T) {
	row := func(cells ...string) string {
		s := `<w:tr>`
		for _, c := range cells {
			s += tc("", c)
		}
		return s + `</w:tr>`
	}
	data := `<w:tbl>` + row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数") +
		row("规章", "0", "0", "3") + row("行政规范性文件", "1", "0", "12") + `</w:tbl>`
	s4 := `<w:tbl>` + row("行政复议", "", "行政诉讼") + row("0", "0", "1") + `</w:tbl>`
	body := `<w:tbl>` +
		`<w:tr>` + tc("", "") + `<w:tc>` + para("某局2022年政府信息公开工作年度报告") + para("二、主动公开政府信息情况") + data +
		para("四、行政复议") + s4 + `</w:tc>` + tc("", "") + `</w:tr>` +
		`<w:tr>` + tc("", "") + tc("", "某局") + tc("", "") + `</w:tr>` +
		`</w:tbl>`
	doc := ReadBytes("w.docx", buildDOCX(t, body, nil), Limits{})
	want := "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n" +
		"信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t3\n行政规范性文件\t1\t0\t12\n" +
		"四、行政复议\n行政复议\t\t行政诉讼\n0\t0\t1\n某局\n"
	if doc.Text != want || len(doc.Findings) != 0 {
		t.Errorf("text =\n%q\nwant\n%q\nfindings %v", doc.Text, want, doc.Findings)
	}
	if len(doc.Tables) != 2 || doc.Tables[0].Line != 3 || len(doc.Tables[0].Rows) != 3 || doc.Tables[1].Line != 7 {
		t.Errorf("tables %+v", doc.Tables)
	}
}

// TestReleaseBoundsPool: a document of many cells gives back at most
// maxPooledSlabs slabs to the pool; the rest are let go.
func TestReleaseBoundsPool(t *testing.T) {
	p := &docxParser{}
	for range 40 * 64 {
		p.newCell(1)
	}
	mine := map[*[]docxCell]bool{}
	for _, sp := range p.slabs {
		mine[sp] = true
	}
	if len(mine) != 40 {
		t.Fatalf("%d slabs for 2 560 cells, want 40", len(mine))
	}
	p.release()
	back := 0
	for range 60 {
		if mine[cellSlabs.Get().(*[]docxCell)] {
			back++
		}
	}
	if back > maxPooledSlabs {
		t.Errorf("%d slabs came back from the pool, want at most %d", back, maxPooledSlabs)
	}
}

// TestDOCXMainPart: the main document is word/document.xml, or, in an
// archive without it, the officeDocument part that _rels/.rels names (Word
// Online saves word/document2.xml); without either the file is
// DOCX_INVALID.
func TestDOCXMainPart(t *testing.T) {
	doc := func(text string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wordNS + `><w:body>` + para(text) + `</w:body></w:document>`
	}
	rels := func(rel string) string {
		return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
			rel + `</Relationships>`
	}
	const office = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument`
	for _, c := range []struct {
		name  string
		files map[string]string
		text  string // "" for DOCX_INVALID
	}{
		{"word online", map[string]string{"_rels/.rels": rels(`<Relationship Id="rId1" Type="` + office + `" Target="word/document2.xml"/>`),
			"word/document2.xml": doc("在线保存")}, "在线保存\n"},
		{"absolute target", map[string]string{"_rels/.rels": rels(`<Relationship Id="rId1" Type="` + office + `" Target="/word/main.xml"/>`),
			"word/main.xml": doc("绝对路径")}, "绝对路径\n"},
		{"strict namespace", map[string]string{"_rels/.rels": rels(`<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="word/document.strict.xml"/>`),
			"word/document.strict.xml": doc("严格")}, "严格\n"},
		{"word/document.xml first", map[string]string{"_rels/.rels": rels(`<Relationship Id="rId1" Type="` + office + `" Target="word/document2.xml"/>`),
			"word/document.xml": doc("主文档"), "word/document2.xml": doc("另一个")}, "主文档\n"},
		{"target missing", map[string]string{"_rels/.rels": rels(`<Relationship Id="rId1" Type="` + office + `" Target="word/gone.xml"/>`),
			"word/document2.xml": doc("x")}, ""},
		{"external target", map[string]string{"_rels/.rels": rels(`<Relationship Id="rId1" Type="` + office + `" Target="word/document2.xml" TargetMode="External"/>`),
			"word/document2.xml": doc("x")}, ""},
		{"broken rels", map[string]string{"_rels/.rels": `<Relationships><Relationship Type="` + office + `" Target="word/document2.xml"`,
			"word/document2.xml": doc("x")}, ""},
		{"no rels", map[string]string{"word/document2.xml": doc("x")}, ""},
	} {
		d := ReadBytes("r.docx", zipFiles(t, c.files), Limits{})
		if c.text != "" {
			if len(d.Findings) != 0 || d.Text != c.text {
				t.Errorf("%s: text %q, findings %+v; want %q", c.name, d.Text, d.Findings, c.text)
			}
			continue
		}
		if got := strings.Join(rules(d.Findings), ","); got != RuleDOCXInvalid.Code || d.Text != "" ||
			!strings.Contains(d.Findings[0].Message, "has no word/document.xml, nor a main document that _rels/.rels names") {
			t.Errorf("%s: text %q, findings %+v; want DOCX_INVALID naming the main document", c.name, d.Text, d.Findings)
		}
	}
}

// TestDOCXHiddenText: a run whose properties say w:vanish is hidden text,
// which Word neither shows nor prints: a hidden 9 before a cell's 120 must
// not make it 9120. w:vanish w:val="0" shows the run; a paragraph mark's
// vanish (w:pPr/w:rPr) hides no text; tabs and breaks of a hidden run are
// not written either.
func TestDOCXHiddenText(t *testing.T) {
	hidden := func(s string) string {
		return `<w:r><w:rPr><w:vanish/></w:rPr><w:t>` + s + `</w:t><w:tab/></w:r>`
	}
	run := func(s string) string { return `<w:r><w:t>` + s + `</w:t></w:r>` }
	body := `<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>` + run("行政许可") + hidden("（注）") + `</w:p>` +
		`<w:tbl><w:tr><w:tc><w:p>` + run("本年增/减") + `</w:p></w:tc><w:tc><w:p>` + hidden("9") + run("120") + `</w:p></w:tc>` +
		`<w:tc><w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>7</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`
	doc := ReadBytes("a.docx", buildDOCX(t, body, nil), Limits{})
	if want := "行政许可\n本年增/减\t120\t7\n"; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
	if len(doc.Tables) != 1 || !reflect.DeepEqual(doc.Tables[0].Rows, [][]string{{"本年增/减", "120", "7"}}) {
		t.Errorf("tables %+v", doc.Tables)
	}
	b := buildDOCX(t, body, nil)
	ref := schemas.Document{SourcePath: "a.docx"}
	refReadDOCX(&ref, bytes.NewReader(b), int64(len(b)), Limits{}.withDefaults(), newStopper(context.Background()))
	if ref.Text != doc.Text {
		t.Errorf("the reference reader reads %q", ref.Text)
	}
}

// TestDOCXHMerge: cells merged across with w:hMerge (as Word 97-2003
// documents and some converters write them) read as the same cells merged
// with w:gridSpan. Read as cells of their own, the merged label's empty
// continuations were fields of the row, and a row printing a blank cell
// was read a column off.
func TestDOCXHMerge(t *testing.T) {
	span := func(n int) string { return fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, n) }
	const hStart, hCont = `<w:hMerge w:val="restart"/>`, `<w:hMerge/>`
	row := func(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }
	body := func(merged bool) string {
		label := func(text string, n int) string {
			if !merged {
				return tc(span(n), text)
			}
			s := tc(hStart, text)
			for range n - 1 {
				s += tc(hCont, "")
			}
			return s
		}
		return para("三、收到和处理政府信息公开申请情况") + `<w:tbl>` +
			row(label("（本列数据的勾稽关系）", 3), tc("", "自然人"), tc("", "商业企业"), tc("", "总计")) +
			row(label("一、本年新收政府信息公开申请数量", 3), tc("", "5"), tc("", "1"), tc("", "6")) +
			row(label("二、上年结转政府信息公开申请数量", 3), tc("", "0"), tc("", ""), tc("", "")) +
			row(tc("", "三、本年度办理结果"), label("（一）予以公开", 2), tc("", ""), tc("", "0"), tc("", "")) +
			`</w:tbl>` + para("四、行政复议")
	}
	want := ReadBytes("s.docx", buildDOCX(t, body(false), nil), Limits{})
	got := ReadBytes("h.docx", buildDOCX(t, body(true), nil), Limits{})
	if got.Text != want.Text || len(got.Findings) != 0 {
		t.Errorf("text with hMerge =\n%q\nwith gridSpan\n%q\nfindings %v", got.Text, want.Text, got.Findings)
	}
	if !reflect.DeepEqual(got.Tables, want.Tables) {
		t.Errorf("tables with hMerge %+v, with gridSpan %+v", got.Tables, want.Tables)
	}
	if !strings.Contains(got.Text, "二、上年结转政府信息公开申请数量\t0\t\t\n") {
		t.Errorf("the row with blank cells is not read as its label and its three cells:\n%s", got.Text)
	}
}

// endNames are the names docxParser.end has a case for.
var endNames = []string{"t", "r", "rPr", "trPr", "p", "tbl"}

// TestDOCXBeginSaysEnds: begin reports that end does something exactly
// for an element it skips or is inside a skipped part, or one end has a
// case for; for every other, end leaves the parser as it was. Each name
// either switch has, and others, in parsers in each state a document of
// every case puts them in.
func TestDOCXBeginSaysEnds(t *testing.T) {
	names := []string{"Fallback", "delText", "instrText", "moveFrom", "delInstrText", "tabs", "del", "r", "rPr",
		"vanish", "t", "noBreakHyphen", "tab", "ptab", "br", "cr", "tbl", "tr", "trPr", "gridBefore", "tc",
		"gridSpan", "hMerge", "vMerge", "p", "pPr", "jc", "b", "tcPr", "vAlign", "body", "document", "", "T", "tblPr"}
	body := `<w:body><w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>a</w:t><w:tab/></w:r></w:p>` +
		`<w:tbl><w:tr><w:trPr><w:del/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>` +
		`<w:p><w:r><w:t>b</w:t><w:br/></w:r><w:del><w:r><w:delText>c</w:delText></w:r></w:del></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`</w:tc></w:tr></w:tbl></w:body>`
	var events eventRecorder
	x, err := memXMLReader([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := scanXML(x, &events); err != nil {
		t.Fatal(err)
	}
	// the parser after the first k events of the document
	after := func(k int) *docxParser {
		p := &docxParser{rel: "a.docx", maxText: 1 << 20}
		for _, e := range events[:k] {
			e(p)
		}
		return p
	}
	for k := range len(events) + 1 {
		for _, name := range names {
			p, attrs := after(k), []byte(` w:val="restart"`)
			skip := p.skip
			ends := p.begin([]byte(name), attrs)
			if want := p.skip > 0 || slices.Contains(endNames, name); ends != want {
				t.Errorf("after %d events: begin(%q) at skip %d = %v, want %v", k, name, skip, ends, want)
			}
			if !ends {
				before := after(k)
				before.begin([]byte(name), attrs)
				p.end([]byte(name))
				// the cells not yet handed out hold what the slab's last
				// document left (newCell overwrites them): not compared
				clear(p.cells)
				clear(before.cells)
				if !reflect.DeepEqual(p, before) {
					t.Errorf("after %d events: end(%q), begin having said it does nothing, changed the parser", k, name)
				}
			}
		}
	}
}

// eventRecorder keeps what scanXML calls its handler with, to be played
// again on parsers.
type eventRecorder []func(p *docxParser)

func (r *eventRecorder) start(local, attrs []byte) {
	l, a := string(local), string(attrs)
	*r = append(*r, func(p *docxParser) { p.start([]byte(l), []byte(a)) })
}

func (r *eventRecorder) end(local []byte) {
	l := string(local)
	*r = append(*r, func(p *docxParser) { p.end([]byte(l)) })
}

func (r *eventRecorder) text(b []byte) {
	s := string(b)
	*r = append(*r, func(p *docxParser) {
		if p.wantText() {
			p.text([]byte(s))
		}
	})
}

func (r *eventRecorder) wantText() bool { return true }
func (r *eventRecorder) stop() error    { return nil }
