package transform_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// s3Seven is the end of a section 三 row printed with tabs: its seven
// numbers, 总计 last.
var s3Seven = regexp.MustCompile(`((?:\t\d+){7})$`)

// withTotalAt prints section 三 of text (a report of tab rows, 总计 last)
// with 总计 in column k of the seven, its header too; rows keep only the
// numbers keep says (nil: all of them; a row it drops prints zeros).
func withTotalAt(t *testing.T, text string, k int, keep func(label string) bool) string {
	t.Helper()
	lines := strings.Split(text, "\n")
	in, moved := false, 0
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "三、收到和处理"):
			in = true
		case strings.HasPrefix(l, "四、政府信息公开行政复议"):
			in = false
		}
		if !in {
			continue
		}
		if l == "自然人\t法人或其他组织\t总计" {
			cols := []string{"自然人", "法人或其他组织"}
			lines[i] = strings.Join(append(cols[:k:k], append([]string{"总计"}, cols[k:]...)...), "\t")
			continue
		}
		m := s3Seven.FindStringIndex(l)
		if m == nil {
			continue
		}
		label, nums := l[:m[0]], strings.Split(l[m[0]+1:], "\t")
		if keep != nil && !keep(label) {
			nums = []string{"0", "0", "0", "0", "0", "0", "0"}
		}
		total := nums[6]
		nums = append(nums[:k:k], append([]string{total}, nums[k:6]...)...)
		lines[i] = label + "\t" + strings.Join(nums, "\t")
		moved++
	}
	if moved < 20 {
		t.Fatalf("only %d rows of section 三 found to print 总计 elsewhere", moved)
	}
	return strings.Join(lines, "\n")
}

// TestS3TotalColumn: a section 三 that prints 总计 first or second, not
// last, is read by its arithmetic: every cell as the table printed in the
// template's order would give, and a warning that says where 总计 stood.
// Read by position, as before, each applicant's number went one column
// on, 总计's under 自然人, with warnings on the .total cells alone.
func TestS3TotalColumn(t *testing.T) {
	b, err := os.ReadFile("../testdata/reports/2019/yanping-health-2020-s4dup.txt")
	if err != nil {
		t.Fatal(err)
	}
	base := parseText("x.txt", b)
	if v := value(base, "s3.new_received.natural_person"); v != "9" {
		t.Fatalf("the report's first row moved: natural_person %s", v)
	}
	if fs := findingsOf(base, "S3_COLUMN_ORDER"); len(fs) > 0 {
		t.Fatalf("template order flagged: %s", dump(fs))
	}
	for k, col := range []string{"column 1 of the seven", "column 2 of the seven"} {
		t.Run(col, func(t *testing.T) {
			p := parseText("x.txt", []byte(withTotalAt(t, string(b), k, nil)))
			for _, a := range p.Applications {
				code := schemas.ApplicationCell(a.Outcome, a.Applicant)
				if got, want := value(p, code), value(base, code); got != want {
					t.Errorf("%s = %s, want %s", code, got, want)
				}
			}
			fs := findingsOf(p, "S3_COLUMN_ORDER")
			if len(fs) != 1 || fs[0].Severity != schemas.SeverityWarning || fs[0].Cell != "s3.*" ||
				!strings.Contains(fs[0].Message, "总计 in "+col) {
				t.Errorf("S3_COLUMN_ORDER: %s", dump(fs))
			}
			if fs := findingsOf(p, "S3_ROW_TOTAL"); len(fs) > 0 {
				t.Errorf("rows blamed after the move: %s", dump(fs))
			}
		})
	}
	// One row of numbers (总计 · 自然人 equal, the rest zero) fits 总计
	// first and second alike, and one row is too few to move a table by:
	// the cells stay where the template puts them, all flagged.
	t.Run("one row", func(t *testing.T) {
		one := withTotalAt(t, string(b), 0, func(label string) bool { return strings.Contains(label, "本年新收") })
		p := parseText("x.txt", []byte(one))
		if got := value(p, "s3.new_received.total"); got != "0" {
			t.Errorf("s3.new_received.total = %s, want the printed last column, 0", got)
		}
		fs := findingsOf(p, "S3_COLUMN_ORDER")
		if len(fs) != 1 || fs[0].Cell != "s3.*" || fs[0].Severity != schemas.SeverityWarning ||
			!strings.Contains(fs[0].Message, "too few") {
			t.Errorf("S3_COLUMN_ORDER: %s", dump(fs))
		}
	})
}

// findingsOf is p's findings of rule.
func findingsOf(p *schemas.Parsed, rule string) []schemas.Finding {
	var fs []schemas.Finding
	for _, f := range p.Findings {
		if f.Rule == rule {
			fs = append(fs, f)
		}
	}
	return fs
}
