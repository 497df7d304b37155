package transform

import (
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestYearSummaryAndClosing: a report whose title and period state no year
// gets it from the summary's opening sentence confirmed by the closing date
// (signed in the first months of the next year), and a tie between the
// years the summary names is settled by the closing date; the closing date
// alone, or one that fits none of the tied years, decides nothing.
func TestYearSummaryAndClosing(t *testing.T) {
	const table = "\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\n"
	const tail = "\n六、其他需要报告的事项\n无。\n"
	cases := []struct {
		name, text string
		year       int32 // 0: unknown
	}{
		{"summary and closing against cited years",
			"政府信息公开工作年度报告\n2022年，我局坚持公开为常态。按照2021年出台的办法，落实2021年制定的制度，完成2021年度考核反馈。" + table + tail + "\n某县民政局\n2023年1月18日\n", 2022},
		{"summary 年度， and closing in characters",
			"政府信息公开工作年度报告\n2021年度，本机关认真落实《条例》。落实2020年制定的制度，2020年出台的办法，2020年修订的规定。" + table + tail + "\n某县民政局\n二〇二二年一月二十日\n", 2021},
		{"summary after a heading sentence",
			"政府信息公开工作年度报告\n一、总体情况。2022年，本局主动公开信息。按照2021年出台的办法，2021年制定的制度，2021年度考核。" + table + tail + "\n某县民政局 2023年2月8日\n", 2022},
		{"summary 以来 and a dashed closing date",
			"政府信息公开工作年度报告\n2022年以来，我局坚持公开为常态。" + table + tail + "\n发布日期：2023-01-18\n", 2022},
		{"summary after the heading on its line",
			"政府信息公开工作年度报告\n一、总体情况 2022年，我局坚持公开为常态，落实2021年制定的制度，2021年出台的办法。" + table + tail + "\n某县民政局（2023年1月18日）\n", 2022},
		{"以来 alone decides nothing",
			"政府信息公开工作年度报告\n2022年以来，我局坚持公开为常态。" + table + tail + "\n某县民政局\n", 0},
		{"tie settled by the closing date",
			"政府信息公开工作年度报告\n2021年制定计划，2022年组织实施。" + table + tail + "\n某县民政局\n2023年1月20日\n", 2022},
		{"tie, closing date fits neither",
			"政府信息公开工作年度报告\n2021年制定计划，2022年组织实施。" + table + tail + "\n某县民政局\n2021年1月20日\n", 0},
		{"tie, closing date late in the year",
			"政府信息公开工作年度报告\n2021年制定计划，2022年组织实施。" + table + tail + "\n某县民政局\n2023年6月20日\n", 0},
		{"closing date alone",
			"政府信息公开工作年度报告\n本局认真贯彻落实《条例》。" + table + tail + "\n某县民政局\n2023年1月20日\n", 0},
		{"summary and closing disagree: the count decides",
			"政府信息公开工作年度报告\n2022年，我局坚持公开为常态。" + table + tail + "\n某县民政局\n2022年1月20日\n", 2022},
		{"title wins over both",
			"某县民政局2021年政府信息公开工作年度报告\n2022年，我局坚持公开为常态。" + table + tail + "\n某县民政局\n2023年1月20日\n", 2021},
	}
	for _, c := range cases {
		p := metaOf(c.text, "", schemas.Meta{})
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
	// The text's statement wins over a year in the file name.
	p := metaOf(cases[0].text, "reports/2021-07-01_年报.txt", schemas.Meta{})
	if y := p.out.Report.ReportYear; y == nil || *y != 2022 || hasRule(p, "YEAR_FROM_FILE_NAME") {
		t.Errorf("file name: year %v, findings %+v", derefYear(y), p.out.Findings)
	}
}
