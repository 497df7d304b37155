package transform_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// padGroups are the group labels of the 2021 table, by the code of the
// group's first row.
var padGroups = map[string]string{"granted": "三、本年度办理结果", "denied.state_secret": "（三）不予公开",
	"unavailable.not_held": "（四）无法提供", "not_processed.complaint": "（五）不予处理", "other.no_correction": "（六）其他处理"}

// perCellLines prints section 三 of the 2021 template one cell per line,
// tab-indented, a blank line after each row, as a Word table saved as
// text with a line per cell comes out: the grid has two label columns, a
// group's label in the first (an empty line below it) and the row's in
// the second; a label spanning both is followed by an empty line for the
// second when pad says so. cells holds each row's seven cells as printed
// ("" blank); tail, when set, adds an empty line after a row's cells.
func perCellLines(cells map[string][7]string, pad func(code string) bool, tail func(code string) bool) string {
	var b strings.Builder
	b.WriteString(s3Head1 + "\n\n")
	line := func(c string) { b.WriteString("\t" + c + "\n") }
	for _, h := range [][]string{
		{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "申请人情况"},
		{"", "", "自然人", "法人或其他组织", "", "", "", "", "总计"},
		{"", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""},
	} {
		for _, c := range h {
			line(c)
		}
		b.WriteString("\n")
	}
	for _, o := range schemas.Outcomes(false) {
		code := o.Code.Code
		switch g, ok := padGroups[code]; {
		case ok:
			line(g)
			line(o.Label)
		case o.Result:
			line("")
			line(o.Label)
		default:
			line(o.Label)
			if pad(code) {
				line("")
			}
		}
		for _, c := range cells[code] {
			line(c)
		}
		if tail != nil && tail(code) {
			line("")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// padCells are the cells of a 2021 section 三 that holds the template's
// arithmetic, with the rows 二 and 四 given: each printed as is ("" is
// blank, and counts 0), and every other row's cells printed.
func padCells(carriedOver, carriedForward [7]string) map[string][7]string {
	var codes []string
	for _, o := range schemas.Outcomes(false) {
		codes = append(codes, o.Code.Code)
	}
	vals := s3Values(codes)
	num := func(s string) int {
		var n int
		fmt.Sscan(s, &n)
		return n
	}
	out := map[string][7]string{"carried_over": carriedOver, "carried_forward": carriedForward}
	var nr [7]int
	for j := range 7 {
		nr[j] = vals["total"][j] + num(carriedForward[j]) - num(carriedOver[j])
	}
	vals["new_received"] = nr
	for _, c := range codes {
		if _, ok := out[c]; ok {
			continue
		}
		var r [7]string
		for j, v := range vals[c] {
			r[j] = fmt.Sprint(v)
		}
		out[c] = r
	}
	return out
}

// TestS3PerCellLabelPad: a section 三 printed one cell per line, whose
// labels spanning both label columns are followed by an empty line for
// the second. Row 四 prints 0 0 0 _ _ 0 _: an empty line after its label
// and one after its cells, one line more than its columns. Reading the
// first as a blank 自然人 and dropping the last moved every cell a column
// on (_ 0 0 0 _ _ 0), which adds up, in silence. Where another row of the
// table proves the layout (row 二: an empty line after its label, its
// last cell a number, so the extra line can only be the label's), the
// empty line after the label is no cell, and row 二 itself is read
// exactly; row 四, all zeros with its total blank, then reads as printed
// or stays null with a finding on it. Where nothing proves it, or a row
// of the table prints an empty line after its cells, row 四 is read as a
// row with a cell missing (repaired by the arithmetic where it can be,
// with a finding), never one column off in silence.
func TestS3PerCellLabelPad(t *testing.T) {
	over := [7]string{"", "", "3", "", "1", "", "4"}
	fwd := [7]string{"0", "0", "0", "", "", "0", ""}
	cells := padCells(over, fwd)
	single := func(code string) bool { return !strings.Contains(code, ".") && code != "granted" && code != "partial" }
	for _, c := range []struct {
		name      string
		pad, tail func(code string) bool
		proved    bool
	}{
		{"proved", single, nil, true},
		{"only row 四", func(code string) bool { return code == "carried_forward" }, nil, false},
		{"a row with an empty line after its cells", single, func(code string) bool { return code == "granted" }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := s3Report(perCellLines(cells, c.pad, c.tail))
			p := parseText("x.txt", []byte(text))
			got := cellValues(p)
			for _, row := range []struct {
				code  string
				cells [7]string
			}{{"carried_forward", fwd}, {"carried_over", over}} {
				doubts := doubtsOn(p, "s3."+row.code+".")
				for j, a := range schemas.Applicants {
					cell := "s3." + row.code + "." + a.Code
					want := row.cells[j]
					if want == "" {
						want = "null"
					}
					switch g := got[cell]; {
					case g == want:
					case c.proved && row.code == "carried_over":
						t.Errorf("%s = %s, want %s: the layout is proved", cell, g, want)
					case len(doubts) == 0:
						t.Errorf("%s = %s, printed %q, with no finding on the row", cell, g, row.cells[j])
					}
				}
			}
			if t.Failed() {
				t.Logf("findings:\n%s", dump(p.Findings))
			}
		})
	}
}
