package transform

import "testing"

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
