package transform

import (
	"os"
	"strings"
	"testing"
)

// TestTableUnitLine applies a unit printed for the whole of section 二 (a
// line of its own above the heading, or closing the heading's line) to the
// amount columns whose header names none, and never to counts.
func TestTableUnitLine(t *testing.T) {
	b, err := os.ReadFile("../testdata/reports/2019/qinghe-street-2020-pipes.txt")
	if err != nil {
		t.Fatal(err)
	}
	base := strings.Replace(string(b), "采购总金额（万元）", "采购总金额", 1)
	const h = "二、主动公开政府信息情况\n"
	cases := []struct {
		name, heading string
		want          string // s2.procurement.amount_yuan
		inferred      bool
	}{
		{"above", "单位：万元\n" + h, "487500", false},
		{"above, blank line", "（单位：万元）\n\n" + h, "487500", false},
		{"on the heading line", "二、主动公开政府信息情况\u3000\u3000\u3000单位：万元\n", "487500", false},
		{"yuan", "金额单位：元\n" + h, "48.75", false},
		{"a count unit", "单位：件\n" + h, "48.75", true},
		{"a sentence", "以下金额单位为万元，数量单位为件。\n" + h, "48.75", true},
		{"none", h, "48.75", true},
	}
	for _, c := range cases {
		p := Parse(docOf(strings.Replace(base, h, c.heading, 1)))
		var found bool
		for _, d := range p.Disclosures {
			if d.Cell == "s2.procurement.count" && (d.Count == nil || *d.Count != 6) {
				t.Errorf("%s: procurement count %v, want 6", c.name, d.Count)
			}
			if d.Cell != "s2.procurement.amount_yuan" {
				continue
			}
			found = true
			if d.AmountYuan == nil || d.AmountYuan.Compact() != c.want || d.UnitInferred != c.inferred {
				t.Errorf("%s: amount %v (inferred %v), want %s (inferred %v)", c.name, d.AmountYuan, d.UnitInferred, c.want, c.inferred)
			}
		}
		if !found {
			t.Errorf("%s: no procurement amount", c.name)
		}
		for _, f := range p.Findings {
			if f.Rule == "AMOUNT_UNIT_INFERRED" && !c.inferred {
				t.Errorf("%s: unexpected %s", c.name, f.Message)
			}
		}
	}
}
