package transform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// keyedAsBefore says how p differs from p keyed by SetKey once the parse
// was done, as Parse did before its rows were keyed as they were made:
// the same values, and every row and finding holding the report's own
// year pointer. "" when it does not.
func keyedAsBefore(p *schemas.Parsed) string {
	old := copyParsed(p)
	old.SetKey()
	if msg := sameParse(p, old); msg != "" {
		return "keyed once parsed, " + msg
	}
	y := p.Report.ReportYear
	for _, r := range p.Disclosures {
		if r.ReportYear != y {
			return "a disclosure's year is not the report's"
		}
	}
	for _, r := range p.Applications {
		if r.ReportYear != y {
			return "an application's year is not the report's"
		}
	}
	for _, r := range p.Appeals {
		if r.ReportYear != y {
			return "an appeal's year is not the report's"
		}
	}
	for _, r := range p.Findings {
		if r.ReportYear != y {
			return "a finding's year is not the report's"
		}
	}
	return ""
}

// TestRowsKeyedAsBefore: every report of reuseDocs, and each with a
// sidecar naming its year and with a year its file name only gives, is
// keyed as SetKey keyed it once the parse was done.
func TestRowsKeyedAsBefore(t *testing.T) {
	per := 200
	if testing.Short() {
		per = 20
	}
	n := 0
	for _, d := range reuseDocs(t, per) {
		meta := d
		meta.Meta = schemas.Meta{Year: 2020}
		named := d
		named.SourcePath = filepath.Join(filepath.Dir(d.SourcePath), "2019年报告.txt")
		for _, doc := range []schemas.Document{d, meta, named} {
			p := Parse(doc)
			if msg := keyedAsBefore(p); msg != "" {
				t.Fatalf("%s: %s", doc.SourcePath, msg)
			}
			n += len(p.Applications)
		}
	}
	if n == 0 {
		t.Fatal("no rows")
	}
}

// FuzzRowsKeyedAsBefore: any text is keyed as SetKey keyed it.
func FuzzRowsKeyedAsBefore(f *testing.F) {
	files, _ := filepath.Glob("../testdata/samples/*.txt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			s := string(b)
			f.Add(s)
			if i := strings.Index(s, "二、主动"); i >= 0 {
				f.Add(s[i:]) // the tables without the title: no year
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		if msg := keyedAsBefore(Parse(docOf(text))); msg != "" {
			t.Fatal(msg)
		}
	})
}
