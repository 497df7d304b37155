package transform_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestS2DuplicateRow: a second section 二 row naming an item already read
// (其中：规范性文件备案 above 规范性文件) kept the first row's numbers and
// dropped the other's in silence; whichever holds the item's numbers, the
// labels do not tell, so it is said. A row printed twice with the same
// numbers (a page break) says nothing.
func TestS2DuplicateRow(t *testing.T) {
	seed := seedText(t, "004_77c3b53386b2261e.txt")
	if l := strings.Split(seed, "\n"); l[27] != "规范性文件\t0\t0\t0" {
		t.Fatalf("the seed's lines moved: %q", l[27])
	}
	for _, c := range []struct {
		name  string
		edits map[int][]string
		doubt bool
	}{
		{"as printed", map[int][]string{28: {"规范性文件\t5\t1\t2"}}, false},
		{"a sub-row above", map[int][]string{28: {"其中：规范性文件备案\t3\t1\t2", "规范性文件\t5\t1\t2"}}, true},
		{"another row of the item below", map[int][]string{28: {"规范性文件\t5\t1\t2", "部门规范性文件\t3\t1\t2"}}, true},
		{"printed twice alike", map[int][]string{28: {"规范性文件\t5\t1\t2", "规范性文件\t5\t1\t2"}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, c.edits)))
			var got []schemas.Finding
			for _, f := range p.Findings {
				if f.Rule == "S2_DUPLICATE_ROW" {
					got = append(got, f)
				}
			}
			if !c.doubt && len(got) > 0 {
				t.Errorf("findings %+v", got)
			}
			if c.doubt && (len(got) != 1 || got[0].Cell != "s2.normative.*" || got[0].Severity != schemas.SeverityWarning) {
				t.Errorf("findings %+v, want one warning on s2.normative.*", got)
			}
			if !c.doubt && value(p, "s2.normative.new_made") != "5" {
				t.Errorf("s2.normative.new_made = %s, want 5", value(p, "s2.normative.new_made"))
			}
		})
	}
}
