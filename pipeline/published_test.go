package pipeline_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// Reports as government sites and offices really publish them, drawn by
// generate.Render: a page saved from Word (mso- styles, <o:p>, span soup,
// &nbsp; cells, <p> in every cell, <th> headers) inside the site's layout
// table, declaring GBK only in <meta http-equiv>; and a .docx as Word writes
// it after editing (tracked changes, content controls, runs split inside a
// number, the report inside a one-cell layout table). Each must give the
// seed's cells, template, year and agency, with no extraction finding.
func TestPublishedForms(t *testing.T) {
	for _, name := range seedFiles {
		rep, _ := splitSeed(t, name)
		want := cells(rep.p)
		base := strings.TrimSuffix(name, ".txt")
		printed := rep.printed()
		page, err := generate.Render(printed, generate.LayoutWordHTML, generate.EncGBK, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		docx, err := generate.Render(printed, generate.LayoutWordDOCX, generate.EncUTF8, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []struct {
			name, file string
			data       []byte
		}{
			{"word-html-gbk", base + ".htm", page},
			{"word-docx", base + ".docx", docx},
		} {
			t.Run(base+"/"+v.name, func(t *testing.T) {
				p := parseBytes(v.file, v.data)
				got := cells(p)
				bad := 0
				for k, w := range want {
					if got[k] != w {
						bad++
						if bad <= 8 {
							t.Errorf("%s = %s, want %s", k, got[k], w)
						}
					}
				}
				if bad > 0 || len(got) != len(want) {
					t.Errorf("%d of %d cells differ (%d cells read)", bad, len(want), len(got))
				}
				if p.Report.Template != rep.p.Report.Template || ptr32(p.Report.ReportYear) != ptr32(rep.p.Report.ReportYear) {
					t.Errorf("template %s year %s, want %s %s", p.Report.Template, ptr32(p.Report.ReportYear), rep.p.Report.Template, ptr32(rep.p.Report.ReportYear))
				}
				if a, w := ptrS(p.Report.Agency), ptrS(rep.p.Report.Agency); a != w {
					t.Errorf("agency %s, want %s", a, w)
				}
				for _, f := range p.Findings {
					if f.Kind == "extraction" && f.Severity != "info" {
						t.Errorf("finding %s %s %s: %s", f.Rule, f.Severity, f.Cell, f.Message)
					}
				}
			})
		}
	}
}

func ptrS(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}
