package pipeline_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestSeedPDFs reads the seeds published as PDFs with real tables
// (testdata/pdf, made by make_pdfs.py with CID fonts, as agencies publish
// them) through pdftotext. Four give exactly the cells of the original;
// the fifth (blank applicant columns, which a PDF does not print) may leave
// cells unread, but never without a finding on them.
func TestSeedPDFs(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed: .ci/run installs poppler-utils")
		}
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	for _, name := range seedFiles {
		base := strings.TrimSuffix(name, ".txt")
		t.Run(base, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "testdata", "pdf", base+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			rep, _ := splitSeed(t, name)
			want := cells(rep.p)
			p := parseBytes(base+".pdf", b)
			if p.Report.Template != schemas.Template2019 || ptr32(p.Report.ReportYear) != "2020" {
				t.Errorf("template %s year %s", p.Report.Template, ptr32(p.Report.ReportYear))
			}
			got := cells(p)
			wrong, silent := 0, 0
			for k, w := range want {
				if got[k] != w {
					wrong++
					if !covered(p, k) {
						silent++
						t.Errorf("%s = %s, want %s, and no finding says so", k, got[k], w)
					}
				}
			}
			exact := name != "001_a1c7e16d78f57f88.txt"
			if exact && wrong > 0 {
				t.Errorf("%d cells differ from the original", wrong)
			}
			t.Logf("%s: %d of %d cells differ, %d without a finding", base, wrong, len(want), silent)
		})
	}
}
