package transform_test

import (
	"fmt"
	"strings"
	"testing"
)

// s4Vals gives every cell of section 四 a distinct value; each proceeding's
// total is the sum of its outcomes.
var s4Vals = [3][5]int{{2, 3, 5, 7, 17}, {11, 13, 1, 4, 29}, {6, 8, 9, 10, 33}}

var s4Procs = []string{"review", "suit_direct", "suit_after_review"}
var s4Outs = []string{"upheld", "corrected", "other", "pending", "total"}

func s4Want() map[string]string {
	w := map[string]string{}
	for i, p := range s4Procs {
		for j, o := range s4Outs {
			w["s4."+p+"."+o] = fmt.Sprint(s4Vals[i][j])
		}
	}
	return w
}

// s4OutAlt are the outcome headers as agencies word them, in template order.
var s4OutAlt = [][]string{
	{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
	{"维持", "纠正", "其他", "未审结", "合计"},
	{"结果维持", "结果纠正", "其他结果", "审理中", "小计"},
	{"维持", "纠正", "其他", "尚未审结", "总计"},
}

// s4ProcAlt are the proceedings' names, in template order.
var s4ProcAlt = [][]string{
	{"行政复议", "未经复议直接起诉", "复议后起诉"},
	{"行政复议", "直接起诉", "复议后起诉"},
	{"行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"},
}

func s4Render(layout string, outs, procs []string) string {
	var b strings.Builder
	row := func(cells []string) {
		if layout == "pipes" {
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		} else {
			b.WriteString(strings.Join(cells, "\t") + "\n")
		}
	}
	num := func(i, j int) string { return fmt.Sprint(s4Vals[i][j]) }
	switch layout {
	case "grid", "gridpercell":
		// 行政复议 ×5 | 行政诉讼 / 未经复议直接起诉 ×5, 复议后起诉 ×5, then one line of 15
		var h1, h2 []string
		for i, p := range procs {
			h1 = append(h1, p, "", "", "", "")
			h2 = append(h2, outs...)
			_ = i
		}
		var v []string
		for i := range procs {
			for j := range outs {
				v = append(v, num(i, j))
			}
		}
		if layout == "gridpercell" {
			for _, c := range append(append(procs, append(append(outs, outs...), outs...)...), v...) {
				b.WriteString(c + "\n")
			}
			return b.String()
		}
		row(h1)
		row(h2)
		row(v)
	case "interleaved":
		for i, p := range procs {
			if i == 1 {
				b.WriteString("行政诉讼\n")
			}
			b.WriteString(p + "\n")
			row(outs)
			var v []string
			for j := range outs {
				v = append(v, num(i, j))
			}
			row(v)
		}
	case "rows", "pipes":
		row(append([]string{""}, outs...))
		for i, p := range procs {
			cells := []string{p}
			for j := range outs {
				cells = append(cells, num(i, j))
			}
			row(cells)
		}
	case "transposed":
		row(append([]string{""}, procs...))
		for j, o := range outs {
			cells := []string{o}
			for i := range procs {
				cells = append(cells, num(i, j))
			}
			row(cells)
		}
	}
	return b.String()
}

// TestS4Wording reads section 四 with its headers worded as agencies word
// them, in the layouts reports print it in. Every cell must be read.
func TestS4Wording(t *testing.T) {
	want := s4Want()
	for _, layout := range []string{"grid", "gridpercell", "interleaved", "rows", "pipes", "transposed"} {
		for oi, outs := range s4OutAlt {
			for pi, procs := range s4ProcAlt {
				name := fmt.Sprintf("%s/out%d/proc%d", layout, oi, pi)
				txt := spliceSections(t, s2Base(t, "2021"), "", strings.TrimSuffix(s4Render(layout, outs, procs), "\n"))
				p := parseText(name, []byte(txt))
				got := cellValues(p)
				for k, w := range want {
					if got[k] == w {
						continue
					}
					t.Errorf("%s: %s = %s, want %s\n%s", name, k, got[k], w, dump(p.Findings))
					break
				}
			}
		}
	}
}
