package transform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/schemas"
)

// TestPathologicalRows feeds rows whose numbers could stand in their
// columns in thousands of ways: repair tries a bounded number of
// alignments, so each parse stays far below a second, and the rows it
// gives up on are null with a finding that says why.
func TestPathologicalRows(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "2019", "qinghe-street-2020-pipes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	base := string(b)
	const first = "| 一、本年新收"
	// s3rows rewrites every data row of section 三 ('|' rows with a label
	// and seven numbers) with f.
	s3rows := func(f func(label string, nums []string) []string) string {
		var out []string
		for _, l := range strings.Split(base, "\n") {
			cells := strings.Split(strings.Trim(l, "| "), "|")
			if len(cells) >= 8 && !strings.Contains(l, "自然人") && !strings.Contains(l, "商业企业") {
				nums := cells[len(cells)-7:]
				label := strings.Join(cells[:len(cells)-7], "|")
				l = "|" + label + "|" + strings.Join(f(label, nums), "|") + "|"
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n")
	}
	ones := func(k int) []string { return strings.Split(strings.Repeat("1 ", k)[:2*k-1], " ") }
	cases := []struct {
		name, text string
		cell       string // a cell that must be null with an error finding
	}{
		{"40 numbers on the first section 三 row", strings.Replace(base, first,
			"| 一、本年新收政府信息公开申请数量 | "+strings.Join(ones(40), " | ")+" |\n"+first, 1), "s3.new_received.natural_person"},
		{"200 one-number lines", strings.Replace(base, first,
			"一、本年新收政府信息公开申请数量\n"+strings.Repeat("1\n", 200)+first, 1), "s3.new_received.natural_person"},
		{"every section 三 row doubled", s3rows(func(_ string, nums []string) []string { return append(nums, nums...) }),
			"s3.granted.natural_person"},
		{"every section 三 row with four numbers too many", s3rows(func(_ string, nums []string) []string { return append(nums, "1", "0", "2", "0") }),
			"s3.carried_forward.total"},
		{"section 四 with 40 numbers", "", ""}, // built below
	}
	// section 四 of the base is one '|' row of fifteen numbers
	for _, l := range strings.Split(base, "\n") {
		if strings.Count(l, "|") == 16 && !strings.ContainsAny(strings.Trim(l, "| 0123456789"), "行政结果") {
			cases[len(cases)-1].text = strings.Replace(base, l, l+strings.Repeat(" 1 |", 25), 1)
			cases[len(cases)-1].cell = "s4.review.upheld"
		}
	}
	for _, c := range cases {
		if c.cell == "" {
			t.Fatalf("%s: no case built", c.name)
		}
		start := time.Now()
		p := parseText("slow.txt", []byte(c.text))
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: Parse took %v", c.name, d)
		}
		got := cellValues(p)
		if got[c.cell] != "null" {
			t.Errorf("%s: %s = %s, want null", c.name, c.cell, got[c.cell])
		}
		flagged := false
		prefix := c.cell[:strings.LastIndexByte(c.cell, '.')]
		for _, f := range p.Findings {
			if f.Severity == schemas.SeverityError && strings.HasSuffix(f.Rule, "_CELL_COUNT") &&
				(f.Cell == prefix+".*" || f.Cell == "s4.*") {
				flagged = true
			}
		}
		if testing.Verbose() {
			for _, f := range p.Findings {
				if strings.HasSuffix(f.Rule, "_CELL_COUNT") {
					t.Logf("%s: %s %s", c.name, f.Cell, f.Message)
					break
				}
			}
		}
		if !flagged {
			t.Errorf("%s: no CELL_COUNT error on %s: %v", c.name, prefix, p.Findings)
		}
	}
}
