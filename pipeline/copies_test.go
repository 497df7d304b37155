package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/schemas"
)

// TestCopiesEndToEnd runs one report as text and as PDF, in two folders,
// with another organ's report beside them: the copies share a
// logical_report_id with one canonical row, the other report has its own.
func TestCopiesEndToEnd(t *testing.T) {
	in := t.TempDir()
	for src, dst := range map[string]string{
		"samples/003_16d68db4dbaa666b.txt": "web/003.txt",
		"pdf/003_16d68db4dbaa666b.pdf":     "pdf/003.pdf",
		"samples/001_a1c7e16d78f57f88.txt": "web/001.txt",
	} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", src))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(in, filepath.Dir(dst)), 0o755)
		if err := os.WriteFile(filepath.Join(in, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	rs := readRows[schemas.Report](t, out, "reports")
	by := map[string]schemas.Report{}
	for _, r := range rs {
		by[r.SourcePath] = r
		t.Logf("%s agency %v division %v level %v kind %v logical %s canonical %v", r.SourcePath, deref(r.Agency), deref(r.DivisionCode),
			deref(r.AgencyLevel), deref(r.AgencyKind), r.LogicalReportID[:12], r.IsCanonical)
	}
	txt, pdf, other := by["web/003.txt"], by["pdf/003.pdf"], by["web/001.txt"]
	if txt.LogicalReportID == "" || txt.LogicalReportID != pdf.LogicalReportID {
		t.Errorf("the text and the PDF of one report: logical ids %q %q", txt.LogicalReportID, pdf.LogicalReportID)
	}
	if txt.IsCanonical == pdf.IsCanonical {
		t.Errorf("exactly one copy is canonical: txt %v pdf %v", txt.IsCanonical, pdf.IsCanonical)
	}
	if other.LogicalReportID == txt.LogicalReportID || !other.IsCanonical {
		t.Errorf("another report: logical %q canonical %v", other.LogicalReportID, other.IsCanonical)
	}
}

func deref(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}
