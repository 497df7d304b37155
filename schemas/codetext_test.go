package schemas

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// cellCodes lists every cell code of the catalogue as its functions
// hand them out.
func cellCodes() []string {
	var cells []string
	for _, items := range [][]Item{Disclosures2019, Disclosures2021} {
		for _, it := range items {
			for _, m := range it.Metrics {
				cells = append(cells, DisclosureCell(it.Code.Code, m))
			}
		}
	}
	for _, single := range []bool{true, false} {
		for _, o := range Outcomes(single) {
			for _, a := range Applicants {
				cells = append(cells, ApplicationCell(o.Code.Code, a.Code))
			}
		}
	}
	for _, p := range Proceedings {
		for _, o := range AppealOutcomes {
			cells = append(cells, AppealCell(p.Code, o.Code))
		}
	}
	return cells
}

// TestCodeText: every cell code of the catalogue lies within codeText,
// which is ASCII, and so does every piece of one; an equal string held
// elsewhere, a code that is a literal, and a cell code the catalogue
// lacks, do not.
func TestCodeText(t *testing.T) {
	for i := 0; i < len(codeText); i++ {
		if codeText[i] >= utf8.RuneSelf {
			t.Fatalf("codeText[%d] = %#x is not ASCII", i, codeText[i])
		}
	}
	codes := cellCodes()
	if len(codes) < 300 {
		t.Fatalf("only %d codes", len(codes))
	}
	for _, c := range codes {
		if !IsCodeText(c) {
			t.Errorf("%q is not within codeText", c)
		}
		if IsCodeText(strings.Clone(c)) {
			t.Errorf("a copy of %q is within codeText", c)
		}
		for i := range len(c) + 1 {
			if !IsCodeText(c[i:]) || !IsCodeText(c[:i]) {
				t.Errorf("a piece of %q is not within codeText", c)
			}
		}
	}
	if !IsCodeText(codeText) || !IsCodeText(codeText[len(codeText):]) {
		t.Error("codeText itself, or its empty end, is not within codeText")
	}
	for _, s := range []string{"", "total", Applicants[0].Code, ApplicationCell("nothing", "total"), string([]byte(codeText))} {
		if IsCodeText(s) {
			t.Errorf("%.40q is within codeText", s)
		}
	}
}
