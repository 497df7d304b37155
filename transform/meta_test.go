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
		{"某某市某某区教育局\n2020年政府信息公开工作年度报告\n正文。\n", "某某市某某区教育局", 2020},
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

func TestNarrativeAppeals(t *testing.T) {
	table := "\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n" +
		"0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t1\t1\n五、存在的主要问题及改进情况\n"
	cases := []struct {
		summary string
		want    int // NARRATIVE_MISMATCH findings
	}{
		{"本年度未发生因政府信息公开申请提起的行政复议和行政诉讼案件。", 1}, // the table has one lawsuit
		{"本年度未发生政府信息公开行政复议，发生政府信息公开行政诉讼1件。", 0},
		{"全年发生政府信息公开行政诉讼2件。", 1},
		{"全年办理行政复议案件35件，行政诉讼12件。", 0}, // the organ's other cases
		{"今年工作顺利。", 0},
	}
	for _, c := range cases {
		doc := docOf("某区人民政府2020年政府信息公开工作年度报告\n一、总体情况\n" + c.summary + "\n三、收到和处理政府信息公开申请情况\n" + table)
		p := newParser(doc)
		p.sec = findSections(p.cl)
		p.readS4()
		p.checkNarrativeAppeals()
		n := 0
		for _, f := range p.out.Findings {
			if f.Rule == "NARRATIVE_MISMATCH" {
				n++
			}
		}
		if n != c.want {
			t.Errorf("%q: %d mismatch findings, want %d: %+v", c.summary, n, c.want, p.out.Findings)
		}
	}
}
