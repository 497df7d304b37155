package transform

import (
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// metaOf reads the title, year and agency of text as Parse would, with the
// document at path.
func metaOf(text, path string, meta schemas.Meta) *parser {
	d := docOf(text)
	if path != "" {
		d.SourcePath = path
	}
	d.Meta = meta
	p := newParser(d)
	p.sec = findSections(p.cl)
	p.readMeta()
	return p
}

func hasRule(p *parser, rule string) bool {
	for _, f := range p.out.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// TestYearHard: the year the report covers, from titles without one,
// narratives citing other years, publication dates of the next year,
// years in characters or full-width digits, and the file name.
func TestYearHard(t *testing.T) {
	const table = "\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\n"
	cases := []struct {
		name, text, path string
		year             int32 // 0: unknown
	}{
		{"period only", "政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。较2020年增长12%，2020年以来持续推进，2019年以来累计公开。\n与2020年相比有所增加。" + table, "", 2021},
		{"period 至", "某县交通运输局政府信息公开工作年度报告\n本报告统计时限为2022年1月1日至2022年12月31日。\n2021年同期……\n与2021年相比……" + table, "", 2022},
		{"title year, publication date first", "发布日期：2023年1月20日\n某县交通运输局2022年政府信息公开工作年度报告\n正文。" + table, "", 2022},
		{"title and date on one line", "2023年1月20日 某县交通运输局2022年政府信息公开工作年度报告\n正文。" + table, "", 2022},
		{"title with date after", "某县交通运输局2022年政府信息公开工作年度报告（2023年1月20日）\n正文。" + table, "", 2022},
		{"first year of the 2019 template", "某县水利局2019年政府信息公开工作年度报告\n2019年是新修订的《条例》施行的第一年，与2018年相比……2018年以来……2018年……" + table, "", 2019},
		{"2019 without title year", "政府信息公开工作年度报告\n2019年，本局……较2018年增长，2018年以来，2018年同期。" + table, "", 2019},
		{"han year 年度", "某市生态环境局二〇二一年度政府信息公开工作年度报告\n正文。" + table, "", 2021},
		{"han year 零", "某市生态环境局二零二二年政府信息公开工作年度报告\n正文。" + table, "", 2022},
		{"full-width digits", "某市生态环境局２０２２年政府信息公开工作年度报告\n正文。" + table, "", 2022},
		{"full-width digits in the body", "政府信息公开工作年度报告\n本报告所列数据统计期限为２０２２年１月１日至２０２２年１２月３１日。" + table, "", 2022},
		{"file name", "政府信息公开工作年度报告\n本局认真贯彻落实《条例》。" + table, "reports/某县交通运输局2022年政府信息公开工作年度报告.txt", 2022},
		{"file name 年报", "政府信息公开工作年度报告\n本局认真贯彻落实《条例》。" + table, "reports/jtj_2022_年报.txt", 2022},
		{"file name digits only", "政府信息公开工作年度报告\n本局认真贯彻落实《条例》。" + table, "reports/20230120-183.txt", 0},
		{"narrative with comparisons", "政府信息公开工作年度报告\n2022年，本局坚持……全年公开信息较2021年增长20%，较2020年增长35%，2020年以来累计……自2019年起……" + table, "", 2022},
		{"paragraph years", "政府信息公开工作年度报告\n现将本局2022年度政府信息公开工作情况报告如下。\n2021年……2021年……2021年……" + table, "", 2022},
		{"signature date only", "政府信息公开工作年度报告\n本局认真贯彻落实《条例》。" + table + "\n某县交通运输局 2023年1月20日\n", "", 0},
		{"tie", "政府信息公开工作年度报告\n2021年制定计划，2022年组织实施。" + table, "", 0},
		{"paragraph opening 年度，", "政府信息公开工作年度报告\n2022年度，本局坚持公开为常态。\n按2021年计划……2021年方案……" + table, "", 2022},
	}
	for _, c := range cases {
		p := metaOf(c.text, c.path, schemas.Meta{})
		got := p.out.Report.ReportYear
		switch {
		case c.year == 0 && got != nil:
			t.Errorf("%s: year %d, want unknown", c.name, *got)
		case c.year == 0 && !hasRule(p, "YEAR_UNKNOWN"):
			t.Errorf("%s: no YEAR_UNKNOWN finding", c.name)
		case c.year != 0 && (got == nil || *got != c.year):
			t.Errorf("%s: year %v, want %d", c.name, derefYear(got), c.year)
		}
	}
}

// TestYearSidecarDisagrees: the sidecar's year wins, as the contract says,
// and a title stating another year is reported.
func TestYearSidecarDisagrees(t *testing.T) {
	p := metaOf("某县交通运输局2021年政府信息公开工作年度报告\n正文。\n", "", schemas.Meta{Year: 2022})
	if y := p.out.Report.ReportYear; y == nil || *y != 2022 {
		t.Errorf("year %v, want the sidecar's 2022", y)
	}
	if !hasRule(p, "YEAR_META_MISMATCH") {
		t.Errorf("no YEAR_META_MISMATCH finding: %+v", p.out.Findings)
	}
	p = metaOf("某县交通运输局2021年政府信息公开工作年度报告\n正文。\n", "", schemas.Meta{Year: 2021})
	if hasRule(p, "YEAR_META_MISMATCH") {
		t.Errorf("finding on agreeing years: %+v", p.out.Findings)
	}
}

// TestAgencyHard: organs as real titles, first sentences and signatures
// print them.
func TestAgencyHard(t *testing.T) {
	cases := []struct{ text, agency string }{
		{"临江市人民政府2022年政府信息公开工作年度报告\n正文。\n", "临江市人民政府"},
		{"云溪区人民政府办公室关于云溪区2022年政府信息公开工作年度报告\n正文。\n", "云溪区人民政府办公室"},
		{"白石镇人民政府关于白石镇2022年政府信息公开工作年度报告\n正文。\n", "白石镇人民政府"},
		{"临江市档案局（临江市档案馆）2022年政府信息公开工作年度报告\n正文。\n", "临江市档案局"},
		{"临江市政务服务管理局（临江市大数据中心）2022年政府信息公开工作年度报告\n正文。\n", "临江市政务服务管理局"},
		{"中共松岭县委宣传部2022年政府信息公开工作年度报告\n正文。\n", "中共松岭县委宣传部"},
		{"2022年政府信息公开工作年度报告\n2022年，松岭县交通运输局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》。\n", "松岭县交通运输局"},
		{"2022年政府信息公开工作年度报告\n一、总体情况\n2022年，松岭县市场监督管理局认真贯彻落实《条例》。\n", "松岭县市场监督管理局"},
		{"2022年政府信息公开工作年度报告\n正文。\n\n松岭县交通运输局\n2023年1月20日\n", "松岭县交通运输局"},
		{"2022年政府信息公开工作年度报告\n正文。\n\n松岭县交通运输局\n二〇二三年一月二十日\n", "松岭县交通运输局"},
		{"2022年政府信息公开工作年度报告\n正文。\n\n松岭县交通运输局 二〇二三年一月二十日\n", "松岭县交通运输局"},
		{"松岭县城东派出所2022年政府信息公开工作年度报告\n正文。\n", "松岭县城东派出所"},
		{"松岭县不动产登记中心2022年政府信息公开工作年度报告\n正文。\n", "松岭县不动产登记中心"},
		{"松岭县城关镇人民政府2022年政府信息公开工作年度报告\n正文。\n", "松岭县城关镇人民政府"},
		{"松岭县石桥乡人民政府2022年政府信息公开工作年度报告\n正文。\n", "松岭县石桥乡人民政府"},
		{"临江市东湖街道办事处2022年政府信息公开工作年度报告\n正文。\n", "临江市东湖街道办事处"},
		{"临江高新技术产业开发区管理委员会2022年度政府信息公开工作年度报告\n正文。\n", "临江高新技术产业开发区管理委员会"},
		{"临江高新区管委会2022年度政府信息公开工作年度报告\n正文。\n", "临江高新区管委会"},
		{"2022年政府信息公开工作年度报告\n正文。\n\n临江市档案局（临江市档案馆）\n2023年1月20日\n", "临江市档案局"},
		{"2022年政府信息公开工作年度报告\n2022年，本局坚持以人民为中心。\n\n临江市外事办公室(临江市人民政府港澳事务办公室)\n2023年1月20日\n", "临江市外事办公室"},
		{"2022年政府信息公开工作年度报告\n2022年，在县委县政府的坚强领导下，松岭县住房和城乡建设局严格落实《条例》要求。\n", "松岭县住房和城乡建设局"},
		// a notice that prints the report: the report's title names the organ
		{"关于印发《西城区财政局2020年度政府信息公开工作年度报告》的通知\n正文。\n", "西城区财政局"},
		// the year in brackets ahead of the title
		{"【2020年】长沙市雨花区城市管理和综合执法局政府信息公开工作年度报告\n正文。\n", "长沙市雨花区城市管理和综合执法局"},
		{"[2020年度]松岭县交通运输局政府信息公开工作年度报告\n正文。\n", "松岭县交通运输局"},
	}
	for _, c := range cases {
		p := metaOf(c.text, "", schemas.Meta{})
		if a := p.out.Report.Agency; a == nil || *a != c.agency {
			t.Errorf("%q: agency %v, want %s", c.text, deref(a), c.agency)
		}
	}
}

// TestAgencyNotFromEnumeration: the narrative's last resort (the organ
// named most often) takes no fragment of an enumerated sentence
// (二是明确由街道领导班子分管…) for an organ: with no name anywhere else,
// the agency is null and said to be.
func TestAgencyNotFromEnumeration(t *testing.T) {
	text := "政府信息公开工作年度报告\n一是加强组织领导。二是明确由街道领导班子分管政务公开工作。三是明确由街道党工委负责。\n"
	p := metaOf(text, "", schemas.Meta{})
	if a := p.out.Report.Agency; a != nil {
		t.Errorf("agency %q, want null", *a)
	}
	if !hasRule(p, "AGENCY_UNKNOWN") {
		t.Errorf("no AGENCY_UNKNOWN: %v", p.out.Findings)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func derefYear(y *int32) any {
	if y == nil {
		return "<nil>"
	}
	return *y
}
