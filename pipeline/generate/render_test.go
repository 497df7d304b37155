package generate

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/schemas"
)

func TestWidth(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"abc 12", 6}, {"自然人", 6}, {"（一）", 6}, {"\u3000", 2}, {"ａ１", 4},
		// ambiguous characters take one column, as pdftotext -layout and
		// a terminal print them
		{"“三安全一稳定”", 14}, {"—", 1}, {"\u00a0", 1},
	} {
		if got := Width(c.s); got != c.want {
			t.Errorf("Width(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

// printedSample is a 2021 report with a value in every cell.
func printedSample() Printed {
	p := Printed{Template: Template2021, Year: 2022,
		Head: []string{"某县统计局2022年政府信息公开工作年度报告", "一、总体情况", "全年主动公开信息100条。"},
		Tail: []string{"五、存在的主要问题及改进情况", "无。", "某县统计局", "2023年1月10日"}}
	for _, it := range schemas.Disclosures2021 {
		var row []string
		for k := range it.Metrics {
			row = append(row, itoa(k+1))
		}
		p.S2 = append(p.S2, row)
	}
	for i := range schemas.Outcomes(false) {
		var row [7]string
		for a := range row {
			row[a] = itoa(i*10 + a)
		}
		p.S3 = append(p.S3, row)
	}
	for k := range p.S4 {
		p.S4[k] = itoa(100 + k)
	}
	return p
}

func TestRender(t *testing.T) {
	p := printedSample()
	for _, l := range AllLayouts() {
		a, err := Render(p, l, EncUTF8, 7, 12)
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		b, _ := Render(p, l, EncUTF8, 7, 12)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings of the same arguments differ", l)
		}
		if l == LayoutDOCX || l == LayoutWordDOCX || l == LayoutWordHTML || l == LayoutCrawled { // text split into runs and spans, or escaped
			continue
		}
		text := string(a)
		wants := []string{"某县统计局2022年政府信息公开工作年度报告", "2023年1月10日", "214", "114"}
		if l == LayoutMarkdownLost {
			wants = wants[:2] // a value column is lost by design
		}
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q not printed", l, want)
			}
		}
	}
	layout, _ := Render(p, LayoutLayout, EncUTF8, 7, 12)
	if !strings.Contains(string(layout), "\f") {
		t.Error("layout: no page break in section 三 after split 12")
	}
	whole, _ := Render(p, LayoutLayout, EncUTF8, 7, 0)
	if strings.Contains(string(whole), "\f") {
		t.Error("layout: a page break with split 0")
	}
}

func TestRenderRejects(t *testing.T) {
	p := printedSample()
	if _, err := Render(p, "scan", EncUTF8, 1, 0); !errors.Is(err, ErrLayout) {
		t.Errorf("layout scan: %v, want ErrLayout", err)
	}
	q := p
	q.Template = "2017"
	if _, err := Render(q, LayoutPipe, EncUTF8, 1, 0); !errors.Is(err, ErrTemplate) {
		t.Errorf("template 2017: %v, want ErrTemplate", err)
	}
	q = p
	q.S3 = q.S3[:10]
	if _, err := Render(q, LayoutPipe, EncUTF8, 1, 0); !errors.Is(err, ErrOptions) {
		t.Errorf("10 section 三 rows: %v, want ErrOptions", err)
	}
	q = p
	q.S2 = append([][]string(nil), p.S2...)
	q.S2[0] = []string{"1"}
	if _, err := Render(q, LayoutPipe, EncUTF8, 1, 0); !errors.Is(err, ErrOptions) {
		t.Errorf("short section 二 row: %v, want ErrOptions", err)
	}
	// GBK text cannot hold U+00A0: an error, not a panic.
	q = p
	q.Head = append([]string{"\u00a0"}, p.Head...)
	if _, err := Render(q, LayoutPipe, EncGBK, 1, 0); err == nil {
		t.Error("U+00A0 in GBK text: no error")
	}
}

func TestHasBlank(t *testing.T) {
	p := printedSample()
	if p.HasBlank() {
		t.Error("a report with every cell printed has a blank")
	}
	p.S3 = append([][7]string(nil), p.S3...)
	p.S3[4][2] = ""
	if !p.HasBlank() {
		t.Error("a blank section 三 cell not seen")
	}
}

// gridWidths lays out the rows of the n-th <table> of page as a browser
// does (rowspan and colspan) and returns the number of grid columns each
// row fills.
func gridWidths(t *testing.T, page string, n int) []int {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var tables []*html.Node
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode && x.Data == "table" {
			tables = append(tables, x)
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(tables) <= n {
		t.Fatalf("%d tables, want table %d", len(tables), n)
	}
	attr := func(x *html.Node, k string) int {
		for _, a := range x.Attr {
			if a.Key == k {
				v, _ := strconv.Atoi(a.Val)
				return v
			}
		}
		return 1
	}
	busy := map[int]int{} // column → rows still covered by a rowspan
	var out []int
	var rows []*html.Node
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode && x.Data == "tr" {
			rows = append(rows, x)
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(tables[n])
	for _, tr := range rows {
		col, width := 0, 0
		used := map[int]bool{}
		for c, left := range busy {
			if left > 0 {
				used[c] = true
				width = max(width, c+1)
			}
		}
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || td.Data != "td" {
				continue
			}
			for used[col] {
				col++
			}
			span, rs := attr(td, "colspan"), attr(td, "rowspan")
			for k := col; k < col+span; k++ {
				used[k] = true
				if rs > 1 {
					busy[k] = rs
				}
			}
			col += span
			width = max(width, col)
		}
		for c := range busy {
			busy[c]--
		}
		out = append(out, width)
	}
	return out
}

// TestHTMLSpacer: section 三 of html-spacer fills an eleven-column grid in
// every row (the spacer an empty cell or spanned by the last label); in
// html-shifted some body rows forget it and fill ten.
func TestHTMLSpacer(t *testing.T) {
	short := 0
	for i := range 40 {
		for _, l := range []string{LayoutHTMLSpacer, LayoutHTMLShifted} {
			opt := Options{Reports: 40, Seed: 3, Layouts: []string{l}}
			_, data, truth := Report(NewRand(opt.Seed, i), i, opt)
			page := decode(t, data, truth.Encoding)
			ws := gridWidths(t, page, 1)
			for r, w := range ws {
				switch {
				case w == 11:
				case w == 10 && l == LayoutHTMLShifted && r >= 3:
					short++
				default:
					t.Fatalf("%s report %d: section 三 row %d fills %d grid columns, want 11 (%v)", l, i, r, w, ws)
				}
			}
		}
	}
	if short == 0 {
		t.Error("html-shifted: no row off by one in 40 reports")
	}
}

// TestMarkdown: converter Markdown prints section 三's numbers apart from
// its labels, under generic headers, and section 四 as three tables.
func TestMarkdown(t *testing.T) {
	out, err := Render(printedSample(), LayoutMarkdown, EncUTF8, 1, 12)
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	if n := strings.Count(text, "| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |"); n != 2 {
		t.Errorf("%d tables of section 三 numbers, want one per page (2)", n)
	}
	if n := strings.Count(text, "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"); n != 3 {
		t.Errorf("%d tables in section 四, want 3", n)
	}
	// the first row of section 三: new_received, 0 … 6
	if !strings.Contains(text, "| 0 | 1 | 2 | 3 | 4 | 5 | 6 |") || strings.Contains(text, "一、本年新收政府信息公开申请数量 | 0") {
		t.Errorf("section 三's first numbers not on a row of their own:\n%s", text)
	}
}
