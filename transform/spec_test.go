package transform

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestSpecLabels checks the label aliases against the rows of every spec:
// the template's own label of each row, as printed, names that row (under
// the group row for its sub-rows), the label wrapped labels are compared
// with names it too, and each row is as wide as the spec says the
// section's rows are.
func TestSpecLabels(t *testing.T) {
	specs := []*tableSpec{&s2Specs[0], &s2Specs[1], &s3Specs[0], &s3Specs[1]}
	for _, s := range specs {
		if len(s.rows) == 0 {
			t.Fatalf("spec %s has no rows", s.prefix)
		}
		for _, r := range s.rows {
			inGroup := s.group != "" && len(r.code) > len(s.group) && r.code[:len(s.group)+1] == s.group+"."
			m := s.match(compact(r.label), inGroup)
			if !m.namesRow() || m.sure().code != r.code {
				t.Errorf("%s: the template's label %q of row %s is read as %+v", s.prefix, r.label, r.code, m)
			}
			// labelOf looks in either template (section 二 of 2019 is
			// given 2021's 行政规范性文件): a label of the same row.
			if got := s.labelOf(r.code); got == "" || s.match(compact(got), inGroup).sure().code != r.code {
				t.Errorf("%s: labelOf(%s) = %q, no label of the row", s.prefix, r.code, got)
			}
			if s.columns > 0 && r.columns != s.columns {
				t.Errorf("%s: row %s has %d cells, the section's rows %d", s.prefix, r.code, r.columns, s.columns)
			}
		}
	}
	if n := len(s4Spec.rows); n != 1 || s4Spec.rows[0].columns != len(s4Cells) || s4Spec.columns != 15 {
		t.Errorf("section 四's spec: %d rows, %+v, %d columns", n, s4Spec.rows, s4Spec.columns)
	}
}

// TestBareRow reads section 四 with the row reader: its one row has no
// label, so its first number begins it, a header printed inside it is
// skipped, and the narrative after it ends it (the numbers there are no
// cell). A line of fifteen empty fields before any number is the row
// printed blank.
func TestBareRow(t *testing.T) {
	read := func(lines ...string) []*row {
		cl := make([]string, len(lines))
		for i, l := range lines {
			cl[i] = compact(l)
		}
		p := newParser(schemas.Document{})
		return p.readRows(&s4Spec, tokenize(lines, cl, 0, len(lines), false, func() {}), "")
	}
	rows := read("行政复议\t行政诉讼",
		"结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
		"1\t0\t0\t0\t1\t0\t0\t0\t0\t0",
		"结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
		"0\t0\t0\t0\t0",
		"五、存在的主要问题及改进情况",
		"全年共2件\t3")
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	r := rows[0]
	var vals []string
	for _, tk := range r.toks {
		if tk.kind == tokValue {
			vals = append(vals, tk.raw)
		}
	}
	if r.code != "s4" || r.line != 3 || len(vals) != 15 || vals[0] != "1" || vals[4] != "1" {
		t.Errorf("row %s at line %d, values %v", r.code, r.line, vals)
	}
	rows = read("行政复议\t行政诉讼", strings.Repeat("\t", 14), "五、存在的主要问题及改进情况")
	if len(rows) != 1 || rows[0].line != 2 || rows[0].trail != 15 || len(rows[0].toks) != 0 {
		t.Fatalf("blank table read as %+v", rows)
	}
}
