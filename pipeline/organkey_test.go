package pipeline

import (
	"regexp"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/division"
)

// reOrganSpaceOld is the expression division.StripSpace replaced, as
// the key of an organ's name: its statement.
var reOrganSpaceOld = regexp.MustCompile(`[\s　"“”'‘’《》<>()（）\[\]【】]+`)

var organKeyCases = []string{
	"", "澧县人民政府", "澧县 人民政府", "《澧县人民政府》", "（澧县）人民政府办公室",
	"\t澧县\r\n人民政府\f", "澧县\v人民政府", "“西湖管理区”‘管委会’", "【松岭县】[教育局]<x>(y)",
	"\u3000\u3000澧县", "澧县\u00a0人民政府", "abc\xff\xfe“d”", "\xe3\x80", "\xe3\x80\x80\xe3", "”", "a b",
}

// FuzzStripOrganSpace: the key of an organ's name is what the regular
// expression it replaced made of it, for any text (invalid UTF-8, each
// character the expression removes, characters near them).
func FuzzStripOrganSpace(f *testing.F) {
	for _, s := range organKeyCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := division.StripSpace(s), reOrganSpaceOld.ReplaceAllString(s, ""); got != want {
			t.Fatalf("StripSpace(%q) = %q, the expression %q", s, got, want)
		}
	})
}

// TestResolveDivisionAllocs: settling who published a report allocates
// its division's names once, not a string each, and strips an organ's
// name without a regular expression. A report naming a county government
// (code, province, city, county, level and kind set) allocates its
// names together.
func TestResolveDivisionAllocs(t *testing.T) {
	agency, title := "澧县人民政府", "澧县2023年政府信息公开工作年度报告"
	p := &schemas.Parsed{Report: schemas.Report{Agency: &agency, Title: &title, SourcePath: "x/澧县.txt"}}
	key := resolveDivision(p)
	if key != "code:430723000000|government" || p.Report.County == nil || *p.Report.County != "澧县" ||
		p.Report.AgencyLevel == nil || *p.Report.AgencyLevel != "county" || p.Report.Township != nil {
		t.Fatalf("key %q, report %+v", key, p.Report)
	}
	n := testing.AllocsPerRun(200, func() {
		q := &schemas.Parsed{Report: schemas.Report{Agency: &agency, Title: &title, SourcePath: "x/澧县.txt"}}
		resolveDivision(q)
	})
	// Measured: 3 (the parsed report, the context string and one block
	// of names); 12 with a string each and the expression.
	if n > 4 {
		t.Fatalf("%v allocations settling one organ, want at most 4", n)
	}
}
