package extract

import (
	"bytes"
	"io"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// section3 is the 2021-template table of section 三 as agencies publish it:
// a three-row header with a colspan over 法人或其他组织 and a rowspan down
// 三、本年度办理结果, trimmed to a few result rows.
const section3 = `<table border="1" cellspacing="0">
<tbody>
<tr><td colspan="3" rowspan="3"><p>（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</p></td>
    <td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br/>企业</td><td>科研<br>机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="4">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>
<tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td><td>/</td><td>—</td><td></td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td colspan="2">（七）总计</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>
<tr><td colspan="3">四、结转下年度继续办理</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</tbody></table>`

func TestHTMLSection3Grid(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某区政府信息公开工作年度报告</title><style>p{color:red}</style><script>var x="不可见";</script></head>
<body><div class="title">某区2021年政府信息<b>公开</b>工作年度报告</div>
<p>三、收到和处理政府信息公开申请情况</p>` + section3 + `<p>四、政府信息公开行政复议、行政诉讼情况</p>
<div style="display: none">隐藏</div></body></html>`
	b := encode(t, simplifiedchinese.GBK, page)
	doc := ReadBytes("r/2021.html", b, Limits{})
	if doc.Encoding != EncGB18030 || len(doc.Findings) != 0 {
		t.Fatalf("encoding %q findings %+v", doc.Encoding, doc.Findings)
	}
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables", len(doc.Tables))
	}
	tb := doc.Tables[0]
	if len(tb.Rows) != 10 {
		t.Fatalf("%d rows", len(tb.Rows))
	}
	for i, row := range tb.Rows {
		if len(row) != 10 {
			t.Errorf("row %d has %d cells: %q", i, len(row), row)
		}
	}
	corner := "（本列数据的勾稽关系为：第一项加第二项之和， 等于第三项加第四项之和）"
	want := map[[2]int]string{
		{0, 0}: corner, {2, 2}: corner, {0, 3}: "申请人情况", {0, 9}: "申请人情况",
		{1, 3}: "自然人", {2, 3}: "自然人", {1, 4}: "法人或其他组织", {1, 8}: "法人或其他组织",
		{1, 9}: "总计", {2, 9}: "总计", {2, 4}: "商业 企业", {2, 5}: "科研 机构",
		{3, 0}: "一、本年新收政府信息公开申请数量", {3, 2}: "一、本年新收政府信息公开申请数量", {3, 3}: "5", {3, 9}: "6",
		{5, 0}: "三、本年度办理结果", {8, 0}: "三、本年度办理结果", {5, 1}: "（一）予以公开", {5, 2}: "（一）予以公开",
		{6, 1}: "（三）不予公开", {7, 1}: "（三）不予公开", {7, 2}: "2.其他法律行政法规禁止公开",
		{7, 3}: "/", {7, 4}: "—", {7, 5}: "", {8, 1}: "（七）总计", {8, 9}: "6", {9, 0}: "四、结转下年度继续办理",
	}
	for rc, w := range want {
		if got := tb.Rows[rc[0]][rc[1]]; got != w {
			t.Errorf("cell %v = %q, want %q", rc, got, w)
		}
	}
	lines := strings.Split(doc.Text, "\n")
	wantHead := []string{"某区2021年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"}
	if !slices.Equal(lines[:2], wantHead) || tb.Line != 3 {
		t.Errorf("text starts %q, table at line %d", lines[:3], tb.Line)
	}
	if got, w := lines[tb.Line-1+5], "三、本年度办理结果\t（一）予以公开\t\t3\t1\t0\t0\t0\t0\t4"; got != w {
		t.Errorf("row line = %q, want %q", got, w)
	}
	if got := lines[tb.Line-1+10]; got != "四、政府信息公开行政复议、行政诉讼情况" {
		t.Errorf("line after table = %q", got)
	}
	for _, hidden := range []string{"不可见", "隐藏", "color"} {
		if strings.Contains(doc.Text, hidden) {
			t.Errorf("text holds invisible %q", hidden)
		}
	}
}

func TestHTMLEncodings(t *testing.T) {
	body := "<p>政府信息公开</p>"
	tests := []struct {
		name  string
		in    []byte
		enc   string
		rules []string
	}{
		{"meta charset utf-8", []byte(`<meta charset="utf-8">` + body), EncUTF8, nil},
		{"no declaration, gbk", encode(t, simplifiedchinese.GBK, body), EncGB18030, nil},
		{"declared utf-8, really gbk", append([]byte(`<meta charset="utf-8">`), encode(t, simplifiedchinese.GBK, body)...), EncGB18030, []string{RuleCharsetMismatch.Code}},
		{"declared gb2312, really utf-8", []byte(`<meta charset="gb2312">` + body), EncUTF8, []string{RuleCharsetMismatch.Code}},
		{"BOM wins", []byte("\xef\xbb\xbf<meta charset=gbk>" + body), EncUTF8, nil},
		{"declared iso-8859-1, ascii", []byte(`<meta charset="iso-8859-1"><p>2021</p>`), "windows-1252", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := ReadBytes("a.html", tt.in, Limits{})
			if doc.Encoding != tt.enc || strings.Join(rules(doc.Findings), ",") != strings.Join(tt.rules, ",") {
				t.Errorf("encoding %q findings %v", doc.Encoding, rules(doc.Findings))
			}
			if tt.enc != "windows-1252" && doc.Text != "政府信息公开\n" {
				t.Errorf("text = %q", doc.Text)
			}
		})
	}
}

func TestHTMLNestedAndHostile(t *testing.T) {
	// A layout table holding the data table: both are grids, the inner
	// one is written to the text row by row.
	page := `<table><tr><td>标题</td></tr><tr><td><table><tr><td>a</td><td>1</td></tr></table></td></tr></table>`
	doc := ReadBytes("n.html", []byte(page), Limits{})
	if len(doc.Tables) != 2 || doc.Text != "标题\na\t1\n" || doc.Tables[1].Line != 2 {
		t.Errorf("text %q tables %+v", doc.Text, doc.Tables)
	}
	huge := `<table><tr><td rowspan="65534" colspan="1000">x</td></tr>` + strings.Repeat(`<tr><td colspan="1000">y</td></tr>`, 2000) + `</table>`
	doc = ReadBytes("h.html", []byte(huge), Limits{})
	if !slices.Contains(rules(doc.Findings), RuleTableTooLarge.Code) {
		t.Errorf("findings %v", rules(doc.Findings))
	}
	deep := strings.Repeat("<span>", 5000) + "深" + strings.Repeat("</span>", 5000)
	doc = ReadBytes("d.html", []byte(deep), Limits{})
	if doc.ReportID == "" || slices.Contains(rules(doc.Findings), RuleInternal.Code) {
		t.Errorf("deep: %+v", doc.Findings)
	}
	_ = schemas.Table{}
}

// TestMetaCharsetFolds: "charset=" is found in a content attribute without
// regard to the case of its ASCII letters, at its place in the attribute
// whatever comes before it (an invalid byte, a letter whose lower case is
// longer); the page is read, not reported as a bug.
func TestMetaCharsetFolds(t *testing.T) {
	for page, want := range map[string]string{
		`<meta http-equiv="Content-Type" content="text/html; charset=gbk">`:    "gbk",
		`<meta http-equiv="content-type" content="text/html; ChArSeT=GB2312">`: "GB2312",
		"<metA http-equiv=\"Content-TYpe\"Content=\x9fChArset=0>":              "0",
		"<meta http-equiv=content-type content=\"\xff\xfe İ charset=utf-8\">":  "utf-8",
		`<meta http-equiv=content-type content="text/html">`:                   "",
	} {
		if got := metaCharset([]byte(page)); got != want {
			t.Errorf("metaCharset(%q) = %q, want %q", page, got, want)
		}
	}
	doc := ReadBytes("a.html", []byte("<metA http-equiv=\"Content-TYpe\"Content=\x9fChArset=0><p>一二三</p>"), Limits{})
	for _, f := range doc.Findings {
		if f.Rule == RuleInternal.Code {
			t.Errorf("finding %s: %s", f.Rule, f.Message)
		}
	}
	if !strings.Contains(doc.Text, "一二三") {
		t.Errorf("text %q", doc.Text)
	}
}

// TestDecodePageSameAsReader: a page decoded in memory is the page the
// transform reader reads, in every encoding a page may be read in, on
// text, broken text and random bytes, whole and cut anywhere near its
// ends; or decodePage leaves it to that reader.
func TestDecodePageSameAsReader(t *testing.T) {
	big5, _ := charset.Lookup("big5")
	latin, _ := charset.Lookup("windows-1252")
	encs := []encoding.Encoding{simplifiedchinese.GB18030, unicode.UTF8, unicode.UTF8BOM, big5, latin,
		unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
	rng := rand.New(rand.NewSource(1))
	noise := make([]byte, 9000)
	rng.Read(noise)
	page := string(realPage(3))
	ins := [][]byte{noise, []byte(page), encode(t, simplifiedchinese.GB18030, page),
		append(encode(t, simplifiedchinese.GB18030, page), 0x81), []byte("\xef\xbb\xbf" + page + "\xe4\xb8"),
		bytes.Repeat(encode(t, simplifiedchinese.GB18030, page), maxSlicePage/len(page)+1)}
	for _, enc := range encs {
		for _, in := range ins {
			for _, cut := range []int{0, 1, 2, 3, 4097, len(in) - 1, len(in)} {
				src := in[:min(max(cut, 0), len(in))]
				want, err := io.ReadAll(transform.NewReader(bytes.NewReader(src), enc.NewDecoder()))
				got, ok := decodePage(nil, enc, src)
				if !ok {
					if err == nil && len(want) <= maxSlicePage {
						t.Errorf("%v, %d bytes: left to the reader", enc, len(src))
					}
					continue
				}
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%v, %d bytes: decoded %d bytes, the reader %d (%v)", enc, len(src), len(got), len(want), err)
				}
			}
		}
	}
}
