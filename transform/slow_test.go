package transform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// TestPathologicalRows feeds rows whose numbers could stand in their
// columns in thousands of ways: repair tries a bounded number of
// alignments, and the rows it gives up on are null with a finding that
// says why. The cost is counted, not timed (a busy machine makes any time
// limit flaky): the alignments tried stay within the report's bound, the
// constraint evaluations within what that bound allows, and the
// allocations of a parse grow at most linearly when the pathological part
// of the input doubles. BenchmarkParse measures the speed.
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
	// section 四 of the base is one '|' row of fifteen numbers
	s4 := ""
	for _, l := range strings.Split(base, "\n") {
		if strings.Count(l, "|") == 16 && !strings.ContainsAny(strings.Trim(l, "| 0123456789"), "行政结果") {
			s4 = l
		}
	}
	if s4 == "" {
		t.Fatal("the fixture changed: no section 四 row")
	}
	cases := []struct {
		name string
		text func(k int) string // the case with its pathological part of size k
		k    int
		cell string // a cell that must be null with an error finding
	}{
		{"numbers on the first section 三 row", func(k int) string {
			return strings.Replace(base, first, "| 一、本年新收政府信息公开申请数量 | "+strings.Join(ones(k), " | ")+" |\n"+first, 1)
		}, 40, "s3.new_received.natural_person"},
		{"one-number lines", func(k int) string {
			return strings.Replace(base, first, "一、本年新收政府信息公开申请数量\n"+strings.Repeat("1\n", k)+first, 1)
		}, 200, "s3.new_received.natural_person"},
		{"every section 三 row repeated", func(k int) string {
			return s3rows(func(_ string, nums []string) []string {
				out := nums
				for i := 0; i < k; i++ {
					out = append(out, nums...)
				}
				return out
			})
		}, 1, "s3.granted.natural_person"},
		// the heaviest: each row allows C(11,4) = 330 alignments, under the
		// row's bound, so the report's bound decides
		{"every section 三 row with numbers too many", func(k int) string {
			return s3rows(func(_ string, nums []string) []string { return append(nums, ones(k)...) })
		}, 4, "s3.carried_forward.total"},
		{"section 四 with numbers too many", func(k int) string {
			return strings.Replace(base, s4, s4+strings.Repeat(" 1 |", k), 1)
		}, 25, "s4.review.upheld"},
	}
	doc := func(text string) schemas.Document {
		return schemas.Document{ReportID: "slow", SourcePath: "slow.txt", SourceFormat: "txt", Text: text}
	}
	allocs := func(text string) float64 {
		return testing.AllocsPerRun(2, func() { transform.Parse(doc(text)) })
	}
	// The work one report may take. The heaviest case tries 3 960
	// alignments (the report's bound is 4 000) with 414 030 constraint
	// evaluations and 1.6 million allocations, a few tenths of a second
	// on one core; raising the bound, or making an alignment dearer, fails
	// here before it makes a run slow.
	const (
		maxTrials = 4000
		maxSteps  = 1_000_000
		maxAllocs = 2_500_000
	)
	for _, c := range cases {
		p, w := transform.ParseWork(doc(c.text(c.k)))
		if w.Trials > maxTrials || w.Trials > transform.MaxReportTrials {
			t.Errorf("%s: %d alignments tried, at most %d", c.name, w.Trials, min(maxTrials, transform.MaxReportTrials))
		}
		if w.Steps > maxSteps {
			t.Errorf("%s: %d constraint evaluations for %d alignments, at most %d", c.name, w.Steps, w.Trials, maxSteps)
		}
		a1, a2, a4 := allocs(c.text(c.k)), allocs(c.text(2*c.k)), allocs(c.text(4*c.k))
		if a1 > maxAllocs || a2 > maxAllocs || a4 > maxAllocs {
			t.Errorf("%s: %.0f, %.0f, %.0f allocations at sizes %d, %d, %d, at most %d", c.name, a1, a2, a4, c.k, 2*c.k, 4*c.k, maxAllocs)
		}
		// Doubling the pathological part adds at most about twice what
		// the previous doubling added: linear, not combinatorial.
		if a4-a2 > 3*max(a2-a1, 0)+200 {
			t.Errorf("%s: %.0f, %.0f, %.0f allocations at sizes %d, %d, %d: more than linear", c.name, a1, a2, a4, c.k, 2*c.k, 4*c.k)
		}
		if testing.Verbose() {
			t.Logf("%s: %d alignments, %d evaluations; allocations %.0f, %.0f, %.0f", c.name, w.Trials, w.Steps, a1, a2, a4)
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
