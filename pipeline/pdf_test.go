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

// TestSeedPDFsDefaultMode reads the seed PDFs as text from pdftotext's
// default mode (no -layout), the way most people turn a PDF into text:
// tables come out a cell per paragraph, broken over pages with the header
// repeated between a row's cells. Every cell must be the original's or
// carry a finding: a number taken for a page number must not leave its
// cell blank in silence.
func TestSeedPDFsDefaultMode(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	for _, name := range seedFiles {
		base := strings.TrimSuffix(name, ".txt")
		t.Run(base, func(t *testing.T) {
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join("..", "testdata", "pdf", base+".pdf"), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			rep, _ := splitSeed(t, name)
			want := cells(rep.p)
			p := parseBytes(base+".txt", out)
			got := cells(p)
			wrong := 0
			for k, w := range want {
				if got[k] != w {
					wrong++
					if !covered(p, k) {
						t.Errorf("%s = %s, want %s, and no finding says so", k, got[k], w)
					}
				}
			}
			// 001 prints only its 总计 column (the applicant columns are
			// blank): a row's one number, 0, fits any of its seven cells.
			// The others print every cell, around a header repeated after
			// a page break too.
			if name != "001_a1c7e16d78f57f88.txt" && wrong > 0 {
				t.Errorf("%d cells differ from the original", wrong)
			}
			t.Logf("%s: %d of %d cells differ", base, wrong, len(want))
		})
	}
}
