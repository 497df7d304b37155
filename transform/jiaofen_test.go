package transform

import (
	"os"
	"strings"
	"testing"
)

// TestAmountCellForms: an amount cell printed with 角/分 or with 点 in
// Chinese numerals is a value of the table, read exactly; the header's
// unit yields to the cell's.
func TestAmountCellForms(t *testing.T) {
	b, err := os.ReadFile("../testdata/reports/2019/qinghe-street-2020-pipes.txt")
	if err != nil {
		t.Fatal(err)
	}
	for cell, want := range map[string]string{
		"3元5角":      "3.50",
		"壹佰元零伍角贰分":  "100.52",
		"8分":        "0.08",
		"三百二十点五万元":  "3205000.00",
		"48.75（万元）": "487500.00",
	} {
		text := strings.Replace(string(b), "| 政府集中采购 | 6 | 48.75 |", "| 政府集中采购 | 6 | "+cell+" |", 1)
		p := Parse(docOf(text))
		found := false
		for _, d := range p.Disclosures {
			if d.Cell != "s2.procurement.amount_yuan" {
				continue
			}
			found = true
			if d.AmountYuan == nil || d.AmountYuan.String() != want || strings.TrimSpace(d.Raw) != cell {
				t.Errorf("%s: amount %v raw %q, want %s", cell, d.AmountYuan, d.Raw, want)
			}
		}
		if !found {
			t.Errorf("%s: no procurement amount row", cell)
		}
		for _, f := range p.Findings {
			if strings.HasPrefix(f.Cell, "s2.procurement") {
				t.Errorf("%s: finding %s %s", cell, f.Rule, f.Message)
			}
		}
	}
}

// TestBackslashCell: a cell printed as \ is not applicable (null, raw
// kept), as '/' is, not a rejected value.
func TestBackslashCell(t *testing.T) {
	b, err := os.ReadFile("../testdata/reports/2019/qinghe-street-2020-pipes.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), "| 1.属于国家秘密 | 0 |", "| 1.属于国家秘密 | \\ |", 1)
	p := Parse(docOf(text))
	for _, a := range p.Applications {
		if a.Cell == "s3.denied.state_secret.natural_person" && (a.Count != nil || strings.TrimSpace(a.Raw) != "\\") {
			t.Errorf("count %v raw %q, want null and \\", a.Count, a.Raw)
		}
	}
	for _, f := range p.Findings {
		if f.Rule == "VALUE_REJECTED" {
			t.Errorf("finding %s on %s", f.Rule, f.Cell)
		}
	}
}
