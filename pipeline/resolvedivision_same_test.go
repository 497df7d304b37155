package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// sameResolveDivision compares resolveDivision with oldResolveDivision on
// copies of p: the organ's key, the report and its findings.
func sameResolveDivision(t *testing.T, p *schemas.Parsed) string {
	t.Helper()
	got, want := *p, *p
	got.Findings = p.Findings[:len(p.Findings):len(p.Findings)]
	want.Findings = p.Findings[:len(p.Findings):len(p.Findings)]
	gk, wk := resolveDivision(&got), oldResolveDivision(&want)
	if gk != wk || !reflect.DeepEqual(got.Report, want.Report) || !reflect.DeepEqual(got.Findings, want.Findings) {
		t.Fatalf("resolveDivision(%q): %q %+v %+v, before %q %+v %+v", *p.Report.Agency, gk, got.Report, got.Findings, wk, want.Report, want.Findings)
	}
	return gk
}

// TestResolveDivisionSameAsBefore: resolveDivision keys the organ, fills
// the report and adds the findings it did, on the generated corpus's
// reports and the seeds as parsed, and on organs with and without a title
// and a URL: settled, ambiguous, central, unknown and empty.
func TestResolveDivisionSameAsBefore(t *testing.T) {
	var ps []*schemas.Parsed
	opt := generate.Options{Reports: 300, Seed: 1}
	for i := range opt.Reports {
		name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		ps = append(ps, transform.Parse(extract.ReadBytes(name, data, extract.Limits{})))
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, transform.Parse(extract.ReadBytes(filepath.Base(f), b, extract.Limits{})))
	}
	if len(seeds) < 5 {
		t.Fatalf("%d seeds", len(seeds))
	}
	str := func(s string) *string { return &s }
	titles := []*string{nil, str(""), str("石家庄市2022年政府信息公开工作年度报告")}
	urls := []*string{nil, str("https://www.sjz.gov.cn/a/b.html")}
	for _, a := range []string{"", "城关镇人民政府", "新华区人民政府", "新华区教育局", "国务院办公厅", "某某公司", "澧县 人民政府", "南京高新区管理委员会", "长安街道办事处", "\xff"} {
		for _, ti := range titles {
			for _, u := range urls {
				ps = append(ps, &schemas.Parsed{Report: schemas.Report{Agency: str(a), Title: ti, URL: u, SourcePath: "x/1.txt"},
					Context: "在县委、县政府的正确领导下", Findings: []schemas.Finding{{Rule: "X"}}})
			}
		}
	}
	ps = append(ps, &schemas.Parsed{})
	kinds := map[string]int{}
	for _, p := range ps {
		if p.Report.Agency == nil {
			sameResolveDivision(t, p)
			continue
		}
		k := sameResolveDivision(t, p)
		switch {
		case k == "":
			kinds["none"]++
		case k[:5] == "code:":
			kinds["code"]++
		default:
			kinds["name"]++
		}
	}
	if kinds["code"] < 50 || kinds["name"] < 50 || kinds["none"] < 1 {
		t.Fatalf("keys %v: the comparison says little", kinds)
	}
}

func FuzzResolveDivisionSameAsBefore(f *testing.F) {
	f.Add("城关镇人民政府", "清水河县", "x/1.txt", "", "和林格尔县委", true, false)
	f.Add("新华区人民政府", "", "", "https://x", "", false, true)
	f.Add("国务院办公厅", "", "", "", "", true, true)
	f.Fuzz(func(t *testing.T, agency, title, path, url, text string, hasTitle, hasURL bool) {
		p := &schemas.Parsed{Report: schemas.Report{Agency: &agency, SourcePath: path}, Context: text}
		if hasTitle {
			p.Report.Title = &title
		}
		if hasURL {
			p.Report.URL = &url
		}
		sameResolveDivision(t, p)
	})
}
