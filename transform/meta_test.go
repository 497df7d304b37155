package transform

import "testing"

func TestMetaFromTitleAndSignature(t *testing.T) {
	cases := []struct {
		text, agency string
		year         int32
	}{
		{"某某市某某区人民政府2020年政府信息公开工作年度报告\n正文。\n", "某某市某某区人民政府", 2020},
		{"某某市生态环境局二〇二一年政府信息公开工作年度报告\n", "某某市生态环境局", 2021},
		{"关于某某县教育局2022年度政府信息公开工作年度报告\n", "某某县教育局", 2022},
		{"首页>政务公开\n某某镇人民政府 2023 年政府信息公开工作年度报告\n", "某某镇人民政府", 2023},
		{"政府信息公开工作年度报告\n2020年，本机关……与2019年相比……2020年全年……\n某某区水务局\n2021年1月20日\n", "某某区水务局", 2020},
	}
	for _, c := range cases {
		p := newParser(docOf(c.text))
		p.sec = findSections(p.cl)
		p.readMeta()
		r := p.out.Report
		if r.Agency == nil || *r.Agency != c.agency {
			t.Errorf("%q: agency %v, want %s", c.text, r.Agency, c.agency)
		}
		if r.ReportYear == nil || *r.ReportYear != c.year {
			t.Errorf("%q: year %v, want %d", c.text, r.ReportYear, c.year)
		}
	}
}
