package extract

import (
	"encoding/json"
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
)

// s3Labels are the outcome rows of section 三 (2021 template).
var s3Labels = []string{
	"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
	"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
	"3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
	"7.属于行政执法案卷", "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
	"3.补正后申请内容仍不明确", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
	"4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
	"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他", "（七）总计",
	"四、结转下年度继续办理",
}

// reportPage is a report page as a CMS renders it: a title, narrative,
// section 三 as a 25 × 8 table with attributes and a header span, and
// section 四. Every number differs, so a cell read from the wrong place
// shows.
func reportPage() string {
	var b strings.Builder
	b.WriteString(`<div class="article"><h1 class="title">某镇人民政府2022年政府信息公开工作年度报告</h1>
<p style="text-indent:2em">本报告由某镇人民政府编制。2022年，某镇全年共收到政府信息公开申请12件。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1" cellspacing="0" style="width:100%">
<tbody><tr><td rowspan="2">项目</td><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
`)
	for i, l := range s3Labels {
		fmt.Fprintf(&b, "<tr><td><p align=\"left\">%s</p></td>", l)
		for j := range 7 {
			fmt.Fprintf(&b, "<td>%d</td>", i*10+j)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString(`</tbody></table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td>行政复议</td><td>1</td><td>2</td><td>3</td><td>4</td><td>10</td></tr></table>
<p>某镇人民政府</p><p>2023年1月18日</p></div>`)
	return b.String()
}

// phpJSON encodes s as PHP's json_encode does by default: '/' as '\/' and
// every non-ASCII character as \uXXXX.
func phpJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '/':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x80:
			b.WriteRune(r)
		case r > 0xFFFF:
			r1, r2 := r>>10+0xD7C0, r&0x3FF+0xDC00
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// goJSON encodes s as encoding/json does: <, > and & as \u003c, \u003e,
// \u0026.
func goJSON(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// hexJS encodes s as a single-quoted JavaScript string with '<' and '>' as
// \x3c and \x3e, as document.write snippets do.
func hexJS(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "<", `\x3c`, ">", `\x3e`)
	return "'" + r.Replace(s) + "'"
}

// crawled returns the ways a crawler saves the page as a .txt file.
func crawled(page string) map[string]string {
	api, _ := json.Marshal(map[string]any{"code": 200, "msg": "success", "data": map[string]any{
		"title": "某镇人民政府2022年政府信息公开工作年度报告", "content": page, "pubDate": "2023-01-18"}})
	shell := func(script string) string {
		return `<!DOCTYPE html><html><head><meta charset="gbk"><title>政府信息公开</title>
<script src="/js/jquery.min.js"></script></head><body><div id="content"></div>
<script type="text/javascript">` + script + `</script></body></html>`
	}
	return map[string]string{
		"json api (\\u003c)":        string(api),
		"json api, twice encoded":   goJSON(string(api)),
		"script var, php json":      shell(`var content = ` + phpJSON(page) + `;` + "\n" + `$("#content").html(content);`),
		"script var, go json":       shell("\n  var pageData = {id: 1024, content: " + goJSON(page) + "};\n"),
		"document.write \\x3c":      shell(`document.write(` + hexJS(page) + `);`),
		"view source, entities":     html.EscapeString(page),
		"entities in a js string":   shell(`var c = "` + strings.ReplaceAll(html.EscapeString(page), "\n", `\n`) + `";`),
		"text then a var line":      "某镇人民政府2022年政府信息公开工作年度报告\n发布时间：2023-01-18\nvar tableHtml = " + phpJSON(page) + ";\n",
		"numeric references &#60;":  strings.ReplaceAll(strings.ReplaceAll(page, "<", "&#60;"), ">", "&#62;"),
		"entities escaped twice":    html.EscapeString(html.EscapeString(page)),
		"page source as is":         "<html><head><title>t</title></head><body>" + page + "</body></html>",
		"jsonp callback":            "jQuery1124_1({\"status\":1,\"content\":" + goJSON(page) + "});",
		"uppercase \\u003C escapes": strings.ReplaceAll(goJSON(page), `\u003c`, `\u003C`),
	}
}

func TestPeelCrawledPages(t *testing.T) {
	page := reportPage()
	want := ReadBytes("page.html", []byte(page), Limits{})
	if len(want.Tables) != 2 || len(want.Tables[0].Rows) != 27 {
		t.Fatalf("the page itself reads as %d tables", len(want.Tables))
	}
	for name, txt := range crawled(page) {
		t.Run(name, func(t *testing.T) {
			doc := ReadBytes("crawl/report.txt", []byte(txt), Limits{})
			if len(doc.Tables) != 2 {
				t.Fatalf("%d tables, want 2; text:\n%.400s", len(doc.Tables), doc.Text)
			}
			for k, tb := range doc.Tables {
				if !slices.EqualFunc(tb.Rows, want.Tables[k].Rows, slices.Equal) {
					t.Errorf("table %d differs:\n got %q\nwant %q", k, tb.Rows, want.Tables[k].Rows)
				}
			}
			// every cell of section 三, by its label and column
			s3 := doc.Tables[0].Rows
			for i, l := range s3Labels {
				row := s3[i+2]
				if row[0] != l {
					t.Errorf("row %d label %q, want %q", i, row[0], l)
				}
				for j := range 7 {
					if got, want := row[j+1], fmt.Sprint(i*10+j); got != want {
						t.Errorf("%s column %d = %q, want %q", l, j, got, want)
					}
				}
			}
			for _, s := range []string{"某镇人民政府2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "2023年1月18日"} {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
			for _, s := range []string{`\u`, "&lt;", "<td", `\"`} {
				if strings.Contains(doc.Text, s) {
					t.Errorf("text still holds %q", s)
				}
			}
			if name == "text then a var line" && !strings.Contains(doc.Text, "\n发布时间：2023-01-18\n") {
				t.Errorf("the lines of the text around the variable were not kept:\n%.300s", doc.Text)
			}
			if n := countRule(doc, RuleMarkupPeeled.Code); n != 1 {
				t.Errorf("%d %s findings: %+v", n, RuleMarkupPeeled.Code, doc.Findings)
			}
		})
	}
}

func countRule(doc schemas.Document, rule string) int {
	n := 0
	for _, f := range doc.Findings {
		if f.Rule == rule {
			n++
		}
	}
	return n
}

// Text with no table markup, or markup that holds no table, is left as it
// was decoded.
func TestPeelLeavesText(t *testing.T) {
	for _, txt := range []string{
		"某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n收到申请0件。\n",
		"网页中用 <td> 标记单元格，用 &lt;tr&gt; 标记行。\n",
		`var s = "\u003cp\u003e说明\u003c/p\u003e";` + "\n",
		"他说：\"表格见附件\"。\n",
	} {
		doc := ReadBytes("a.txt", []byte(txt), Limits{})
		if doc.Text != txt || doc.Tables != nil || len(doc.Findings) != 0 {
			t.Errorf("%q: text %q, %d tables, findings %+v", txt, doc.Text, len(doc.Tables), doc.Findings)
		}
	}
}

func TestUnescapeJS(t *testing.T) {
	for in, want := range map[string]string{
		`a\nb`: "a\nb", `\"x\"`: `"x"`, `<\/td>`: "</td>", `\u003ctd\u003e`: "<td>", `\x3ctd\x3e`: "<td>",
		`\u4e2d\u6587`: "中文", `\ud83d\ude00`: "😀", `\u{1F600}`: "😀", `\'`: "'", `\\u003c`: `\u003c`,
		`\u12`: `\u12`, `\xZZ`: `\xZZ`, `end\`: `end\`, `\ud800x`: "\ufffdx",
	} {
		if got := unescapeJS(in); got != want {
			t.Errorf("unescapeJS(%q) = %q, want %q", in, got, want)
		}
	}
}

// Peeling is bounded: at most maxPeelLayers layers, and a result that would
// grow past twice the input is given up.
func TestPeelBounded(t *testing.T) {
	deep := "<td>1</td>"
	for range 8 {
		deep = goJSON(deep)
	}
	out, layers := peel(deep)
	if layers != maxPeelLayers || len(out) > len(deep) {
		t.Errorf("%d layers, %d bytes from %d", layers, len(out), len(deep))
	}
	// Keys dropped, each short value wrapped in <p>…</p>: grows past 2×.
	var b strings.Builder
	b.WriteString(`{"c":"<td>"`)
	for range 5000 {
		b.WriteString(`,"&&&&"`)
	}
	b.WriteString("}")
	in := b.String()
	if out, layers := peel(in); layers != 0 || out != in {
		t.Errorf("grown result kept: %d layers, %d bytes from %d", layers, len(out), len(in))
	}
}

func FuzzPeel(f *testing.F) {
	page := reportPage()
	for _, s := range crawled(page[:600]) {
		f.Add(s)
	}
	f.Add(`"\u003ctd"`)
	f.Add(`{"a":"\\u003ctd\\u003e"}`)
	f.Fuzz(func(t *testing.T, s string) {
		out, layers := peel(s)
		if layers > maxPeelLayers || len(out) > 2*len(s)+4096 {
			t.Fatalf("%d layers, %d bytes from %d", layers, len(out), len(s))
		}
		_ = ReadBytes("f.txt", []byte(s), Limits{})
		if utf8.ValidString(s) {
			// encoding/json writes a backspace and a form feed as \b and
			// \f, which unescapeJS reads as spaces (a form feed in a
			// report's text would be a page break).
			want := strings.NewReplacer("\b", " ", "\f", " ").Replace(s)
			if j := goJSON(s); unescapeJS(j[1:len(j)-1]) != want {
				got := unescapeJS(j[1 : len(j)-1])
				t.Fatalf("unescapeJS(json(%q)) = %q", s, got)
			}
		}
	})
}

// A line of lone quotes costs its length: an opener with no closing quote
// does not make every later opener scan the rest of the line again.
func TestPeelLoneQuotesLinear(t *testing.T) {
	work := func(n int) int {
		line := `"` + strings.Repeat(`\"`, n) + "<td>\n"
		_, _, steps := unquote(line, false)
		return steps
	}
	small, large := work(1000), work(8000)
	if large > 10*small {
		t.Errorf("scanning grew from %d to %d steps for 8× the input", small, large)
	}
}

// BenchmarkPeel measures what peeling costs: the scan every text file
// pays (a plain report, no markup), and reading a crawled JSON page.
func BenchmarkPeel(b *testing.B) {
	var plain []byte
	for _, s := range seeds(b) {
		plain = append(plain, s...)
	}
	api := []byte(crawled(reportPage())["json api (\\u003c)"])
	for _, in := range []struct {
		name string
		b    []byte
	}{{"plain", plain}, {"json-api", api}} {
		b.Run(in.name, func(b *testing.B) {
			doc := schemas.Document{SourcePath: "a.txt", Text: string(in.b)}
			b.SetBytes(int64(len(in.b)))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				d := doc
				peelText(&d, Limits{})
			}
		})
	}
}
