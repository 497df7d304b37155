package parsetest

import "testing"

// TestSamples: every sample and test report is parsed once, from its own
// file, into a parse with a report_id.
func TestSamples(t *testing.T) {
	ps := Samples(t)
	seen := map[string]bool{}
	for _, p := range ps {
		if p.Report.ReportID == "" || p.Report.SourcePath == "" {
			t.Fatalf("a parse without a report_id or a source: %+v", p.Report)
		}
		if seen[p.Report.SourcePath] {
			t.Fatalf("%s parsed twice", p.Report.SourcePath)
		}
		seen[p.Report.SourcePath] = true
	}
	if len(ps) < 10 {
		t.Fatalf("%d samples; the repository has more", len(ps))
	}
}
