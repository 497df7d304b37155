package transform_test

import (
	"strings"
	"testing"
)

// TestOtherTemplateRow: a 2021 report that still prints section 二's 2019
// table for 政府集中采购 keeps its numbers under item procurement, with
// an info finding, in each layout; each amount column keeps its own
// header's unit (the 采购总金额 header after 本年收费金额（单位：万元）).
func TestOtherTemplateRow(t *testing.T) {
	for _, c := range []struct {
		name, file, after string
		extra             []string
		count, amount     string
		fees              string
		inferred          bool
	}{
		{"tabs", "2021/jiangbei-market-2021-pdftotext.txt", "行政事业性收费\t35.6",
			[]string{"第二十条第（九）项\t\t", "信息内容\t采购项目数量\t采购总金额\t", "政府集中采购\t12\t362.24万元\t"},
			"12", `"3622400"`, `"356000"`, false},
		{"tabs, unit in the header", "2021/jiangbei-market-2021-pdftotext.txt", "行政事业性收费\t35.6",
			[]string{"第二十条第（九）项\t\t", "信息内容\t采购项目数量\t采购总金额（元）\t", "政府集中采购\t3\t8600\t"},
			"3", `"8600"`, `"356000"`, false},
		{"tabs, no unit", "2021/jiangbei-market-2021-pdftotext.txt", "行政事业性收费\t35.6",
			[]string{"第二十条第（九）项\t\t", "信息内容\t采购项目数量\t采购总金额\t", "政府集中采购\t3\t8600\t"},
			"3", `"8600"`, `"356000"`, true},
		{"pipes", "2021/donghu-street-2022-pipes.txt", "| 行政事业性收费 | 0 |",
			[]string{"| 第二十条第（九）项 | | |", "| 信息内容 | 采购项目数量 | 采购总金额（万元） |", "| 政府集中采购 | 2 | 15.5 |"},
			"2", `"155000"`, `"0"`, false},
		{"spaced", "2021/linjiang-resources-2023-layout.txt", "1283.4567",
			[]string{"    第二十条第（九）项", "    信息内容                  采购项目数量        采购总金额（万元）",
				"    政府集中采购                   7                 40"},
			"7", `"400000"`, `"12834567"`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := afterLine(reportText(t, c.file), c.after, c.extra...)
			if text == reportText(t, c.file) {
				t.Fatal("nothing inserted")
			}
			p := parseText("x.txt", []byte(text))
			if p.Report.Template != "2021" {
				t.Fatalf("template %s", p.Report.Template)
			}
			got := cellValues(p)
			if got["s2.procurement.count"] != c.count || got["s2.procurement.amount_yuan"] != c.amount || got["s2.fees.amount_yuan"] != c.fees {
				t.Errorf("procurement %s %s, fees %s; want %s %s, %s", got["s2.procurement.count"],
					got["s2.procurement.amount_yuan"], got["s2.fees.amount_yuan"], c.count, c.amount, c.fees)
			}
			if !strings.Contains(strings.Join(rulesOf(p), " "), "S2_TEMPLATE_ROW") {
				t.Errorf("no S2_TEMPLATE_ROW: %v", rulesOf(p))
			}
			inferred := false
			for _, f := range p.Findings {
				if f.Rule == "AMOUNT_UNIT_INFERRED" && f.Cell == "s2.procurement.amount_yuan" {
					inferred = true
				}
			}
			if inferred != c.inferred {
				t.Errorf("unit inferred finding %v, want %v", inferred, c.inferred)
			}
		})
	}
}
