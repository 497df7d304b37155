package division_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/transform/division"
)

// TestLabelledOrgans runs the labelled set in testdata/organs.tsv: organ
// names (with the report's other text where it decides) and the division
// code, level and kind a reader of the report would give them.
func TestLabelledOrgans(t *testing.T) {
	f, err := os.Open("testdata/organs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") || sc.Text() == "" {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 6 {
			t.Fatalf("organs.tsv:%d: %d columns", line, len(c))
		}
		n++
		r := division.Resolve(division.Input{Agency: c[0], Context: c[1]})
		want := func(s string) string {
			if s == "-" {
				return ""
			}
			return s
		}
		if r.Code != want(c[2]) || r.Level != want(c[3]) || r.Kind != want(c[4]) {
			t.Errorf("organs.tsv:%d %s (%s; context %q): got code %q level %q kind %q ambiguous %d, want %s %s %s",
				line, c[0], c[5], c[1], r.Code, r.Level, r.Kind, len(r.Ambiguous), c[2], c[3], c[4])
		}
		if r.Code == "" && r.Level != division.LevelCentral && !r.Unknown && len(r.Ambiguous) < 2 {
			t.Errorf("organs.tsv:%d %s: no code but neither unknown nor ambiguous", line, c[0])
		}
	}
	if n < 60 {
		t.Errorf("only %d labelled cases", n)
	}
}

// TestNamesOfAResult checks the names that go with a code.
func TestNamesOfAResult(t *testing.T) {
	r := division.Resolve(division.Input{Agency: "南京市江宁区秣陵街道办事处"})
	if r.Province != "江苏省" || r.City != "南京市" || r.County != "江宁区" || r.Township != "秣陵街道" {
		t.Errorf("names %+v", r)
	}
	r = division.Resolve(division.Input{Agency: "北京市朝阳区人民政府"})
	if r.Province != "北京市" || r.City != "" || r.County != "朝阳区" || r.Township != "" {
		t.Errorf("a municipality's district has no city: %+v", r)
	}
	r = division.Resolve(division.Input{Agency: "新华区人民政府"})
	if len(r.Ambiguous) != 3 || r.Ambiguous[0].Code != "130105000000" || r.Province != "" {
		t.Errorf("新华区: %+v", r)
	}
}

// TestTableShape checks the embedded table against counts of the NBS 2023
// release: 31 provinces, and a sample of codes.
func TestTableShape(t *testing.T) {
	for code, name := range map[string]string{
		"110000000000": "北京市", "650000000000": "新疆维吾尔自治区", "320100000000": "南京市",
		"429004000000": "仙桃市", "441900121000": "虎门镇", "320115002000": "秣陵街道",
	} {
		n := division.Lookup(code)
		if n == nil || n.Name != name {
			t.Errorf("Lookup(%s) = %+v, want %s", code, n, name)
		}
	}
	if division.Lookup("110100000000") != nil {
		t.Error("the placeholder 市辖区 is not a division")
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"南京市江宁区秣陵街道办事处", "新华区", "", "国务院", "市市市市市"} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, agency, ctx string) {
		r := division.Resolve(division.Input{Agency: agency, Context: ctx})
		if r.Code != "" && division.Lookup(r.Code) == nil {
			t.Fatalf("code %s is not in the table", r.Code)
		}
	})
}

// TestTextSettlesAfterContext: the report's own text names the parent of
// a same-named township; the title and path, when they name one, come first.
func TestTextSettlesAfterContext(t *testing.T) {
	text := "2021年，城关镇在和林格尔县委、县政府的正确领导下，认真贯彻《条例》……"
	r := division.Resolve(division.Input{Agency: "城关镇人民政府", Text: text})
	if r.Code != "150123100000" || r.County != "和林格尔县" || r.Level != division.LevelTownship || r.Kind != division.KindGovernment {
		t.Errorf("settled by the text: %+v", r)
	}
	r = division.Resolve(division.Input{Agency: "城关镇人民政府", Context: "清水河县/城关镇2021.pdf", Text: text})
	if r.Code != "150124100000" {
		t.Errorf("the path comes before the text: %+v", r)
	}
	r = division.Resolve(division.Input{Agency: "城关镇人民政府", Text: "在县委、县政府的正确领导下"})
	if r.Code != "" || len(r.Ambiguous) < 2 {
		t.Errorf("a text naming no parent settles nothing: %+v", r)
	}
}

// BenchmarkResolve resolves organs whose names need the report's text to
// settle (a township name that many counties have), with a text of the
// length the run passes (the opening and closing of a report).
func BenchmarkResolve(b *testing.B) {
	text := strings.Repeat("本年度，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，", 40) +
		"内蒙古自治区呼和浩特市和林格尔县城关镇人民政府 2023年1月"
	ins := []division.Input{
		{Agency: "城关镇人民政府", Context: "2022年度政府信息公开工作年度报告 reports/0001.txt", Text: text},
		{Agency: "新华区人民政府", Context: "石家庄市新华区2022年政府信息公开工作年度报告", Text: text},
		{Agency: "北京市海淀区人民政府办公室", Context: "reports/0002.html", Text: text},
	}
	division.Resolve(ins[0]) // the table is loaded once
	b.ReportAllocs()
	b.ResetTimer()
	done := gctest.ReportCPU(b)
	for b.Loop() {
		for _, in := range ins {
			division.Resolve(in)
		}
	}
	done()
}

// BenchmarkResolveCommon resolves organs a division's name settles alone
// (most reports' organs), with a short context and no text.
func BenchmarkResolveCommon(b *testing.B) {
	ins := []division.Input{
		{Agency: "广州市天河区教育局", Context: "reports/0001.txt"},
		{Agency: "浙江省人民政府办公厅", Context: "reports/0002.docx"},
		{Agency: "北京市海淀区人民政府", Context: "reports/0003.html"},
		{Agency: "成都市武侯区玉林街道办事处", Context: "reports/0004.pdf"},
		{Agency: "内蒙古自治区呼和浩特市和林格尔县城关镇人民政府", Context: "reports/0005.txt"},
		{Agency: "南京高新区管理委员会", Context: "reports/0006.txt"},
	}
	division.Resolve(ins[0]) // the table is loaded once
	b.ReportAllocs()
	b.ResetTimer()
	done := gctest.ReportCPU(b)
	for b.Loop() {
		for _, in := range ins {
			division.Resolve(in)
		}
	}
	done()
}
