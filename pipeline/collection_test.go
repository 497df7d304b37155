package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// report makes a parsed report of an organ and year whose section 三 holds
// the given cells (cell code without "s3." → count).
func report(id, path, agency string, year int32, cells map[string]int64, findings ...string) *schemas.Parsed {
	p := &schemas.Parsed{Report: schemas.Report{ReportID: id, SourcePath: path, ReportYear: &year,
		Template: schemas.Template2021, ParserVersion: schemas.ParserVersion}}
	if agency != "" {
		p.Report.Agency = &agency
	}
	for k, v := range cells {
		out, app, _ := strings.Cut(k, ".")
		p.Applications = append(p.Applications, schemas.Application{Cell: "s3." + k, Outcome: out, Applicant: app, Count: &v})
	}
	for _, sev := range findings {
		p.Findings = append(p.Findings, schemas.Finding{Rule: "S3_BALANCE", Severity: sev, Kind: schemas.KindSource, Cell: "s3.total.total"})
	}
	p.Report.Status = schemas.StatusOf(p.Findings)
	p.SetKey()
	return p
}

// runCollection holds the reports (in the order given: report_id order),
// finishes and replays, returning what the writer would get.
func runCollection(t *testing.T, ps ...*schemas.Parsed) []*schemas.Parsed {
	t.Helper()
	c, err := newCollection()
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	for _, p := range ps {
		if err := c.hold(p, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	var out []*schemas.Parsed
	if err := c.replay(context.Background(), func(p *schemas.Parsed) error { out = append(out, cloneRows(p)); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// cloneRows copies p's row slices, which replay reuses for the next report.
func cloneRows(p *schemas.Parsed) *schemas.Parsed {
	q := *p
	q.Disclosures, q.Applications = slices.Clone(p.Disclosures), slices.Clone(p.Applications)
	q.Appeals, q.Findings = slices.Clone(p.Appeals), slices.Clone(p.Findings)
	return &q
}

// TestReplayReusesRowsCleanly replays a report with many findings before
// one with fewer: the second is decoded into the first's slices, and must
// come out with its own findings only, none of the first's left over. The
// cell rows were written while the reports were parsed: the spool keeps
// none and replay hands over none.
func TestReplayReusesRowsCleanly(t *testing.T) {
	big := map[string]int64{}
	for i := range 40 {
		big[fmt.Sprintf("granted.x%02d", i)] = int64(i + 1)
	}
	a := report("a", "a.txt", "", 2022, big, schemas.SeverityWarning, schemas.SeverityWarning, schemas.SeverityError)
	b := report("b", "b.txt", "", 2022, map[string]int64{"granted.total": 7}, schemas.SeverityInfo)
	out := runCollection(t, a, b)
	if len(out) != 2 {
		t.Fatalf("replayed %d reports, want 2", len(out))
	}
	if got := out[0].Findings; len(got) != 3 || got[2].Severity != schemas.SeverityError {
		t.Errorf("first report's findings: %+v", got)
	}
	got := out[1]
	if len(got.Findings) != 1 || got.Findings[0].Severity != schemas.SeverityInfo || got.Findings[0].ReportID != "b" {
		t.Errorf("second report's findings: %+v", got.Findings)
	}
	for _, p := range out {
		if n := len(p.Disclosures) + len(p.Applications) + len(p.Appeals); n != 0 {
			t.Errorf("%s: replayed with %d cell rows, want none", p.Report.ReportID, n)
		}
	}
}

func table(base int64) map[string]int64 {
	m := map[string]int64{}
	for i, k := range []string{"new_received.total", "granted.total", "partial.total", "denied.state_secret.total",
		"carried_over.total", "carried_forward.total", "total.total", "new_received.natural_person", "granted.natural_person"} {
		m[k] = base + int64(i)
	}
	return m
}

func rulesOf(p *schemas.Parsed, rule string) []schemas.Finding {
	var fs []schemas.Finding
	for _, f := range p.Findings {
		if f.Rule == rule {
			fs = append(fs, f)
		}
	}
	return fs
}

// TestCopiesAcrossFormats: the same organ-year report as web page, PDF
// and text (the PDF misread one cell, the web page has a warning) is one
// logical report with one canonical copy; another organ's report, and the
// same organ's report of another year, are not.
func TestCopiesAcrossFormats(t *testing.T) {
	misread := table(10)
	misread["granted.total"] = 99
	ps := []*schemas.Parsed{
		report("a1", "nanjing/jiangning.html", "南京市江宁区人民政府", 2022, table(10), schemas.SeverityWarning),
		report("b2", "nanjing/jiangning.pdf", "南京市 江宁区人民政府", 2022, misread),
		report("c3", "jiangsu/reposted/jiangning.txt", "江宁区人民政府", 2022, table(10)),
		report("d4", "nanjing/jiangning-2021.txt", "南京市江宁区人民政府", 2021, table(10)),
		report("e5", "nanjing/pukou.txt", "南京市浦口区人民政府", 2022, table(10)),
	}
	out := runCollection(t, ps...)
	by := map[string]*schemas.Parsed{}
	for _, p := range out {
		by[p.Report.ReportID] = p
	}
	a, b, c, d, e := by["a1"], by["b2"], by["c3"], by["d4"], by["e5"]
	if a.Report.LogicalReportID == "" || a.Report.LogicalReportID != b.Report.LogicalReportID || b.Report.LogicalReportID != c.Report.LogicalReportID {
		t.Errorf("copies have logical ids %s %s %s", a.Report.LogicalReportID, b.Report.LogicalReportID, c.Report.LogicalReportID)
	}
	if d.Report.LogicalReportID == a.Report.LogicalReportID || e.Report.LogicalReportID == a.Report.LogicalReportID {
		t.Error("another year's or another organ's report shares the logical id")
	}
	// b2 has no doubt but disagrees with c3 (no doubt either): b2 wins by
	// report_id; a1 has a warning.
	canon := 0
	for _, p := range []*schemas.Parsed{a, b, c} {
		if p.Report.IsCanonical {
			canon++
		}
	}
	if canon != 1 || !b.Report.IsCanonical || !d.Report.IsCanonical || !e.Report.IsCanonical {
		t.Errorf("canonical: a %v b %v c %v d %v e %v", a.Report.IsCanonical, b.Report.IsCanonical, c.Report.IsCanonical, d.Report.IsCanonical, e.Report.IsCanonical)
	}
	for _, p := range []*schemas.Parsed{a, c} {
		fs := rulesOf(p, "COPY_DISAGREES")
		if len(fs) != 1 || fs[0].Cell != "s3.granted.total" || *fs[0].Expected != "99" || *fs[0].Actual != "11" || !strings.Contains(fs[0].Message, "jiangning.pdf") {
			t.Errorf("%s: COPY_DISAGREES %+v", p.Report.SourcePath, fs)
		}
		if p.Report.Status != schemas.StatusWarning || int(p.Report.IssueCount) != len(p.Findings) {
			t.Errorf("%s: status %s issues %d of %d", p.Report.SourcePath, p.Report.Status, p.Report.IssueCount, len(p.Findings))
		}
	}
	if a.Report.DivisionCode == nil || *a.Report.DivisionCode != "320115000000" || *a.Report.AgencyLevel != "county" || *a.Report.County != "江宁区" {
		t.Errorf("a1 division %v", a.Report.DivisionCode)
	}
	for _, p := range out {
		for _, f := range p.Findings {
			if f.ReportID != p.Report.ReportID {
				t.Errorf("%s: finding %s has report_id %q", p.Report.ReportID, f.Rule, f.ReportID)
			}
		}
	}
}

// TestSameNameDifferentReports: two 城关镇 (no division settles which) with
// different tables are two reports; a DUPLICATE_FILE copy is never canonical.
func TestSameNameDifferentReports(t *testing.T) {
	dup := report("a1", "z/dup.txt", "城关镇人民政府", 2022, nil)
	dup.Findings = []schemas.Finding{{Rule: "DUPLICATE_FILE", Severity: schemas.SeverityInfo, Kind: schemas.KindExtraction, Cell: "report"}}
	out := runCollection(t,
		dup,
		report("a1", "x/chengguan.txt", "城关镇人民政府", 2022, table(10), schemas.SeverityWarning),
		report("b2", "y/chengguan.txt", "城关镇人民政府", 2022, table(50)),
	)
	if out[0].Report.LogicalReportID != out[1].Report.LogicalReportID || out[1].Report.LogicalReportID == out[2].Report.LogicalReportID {
		t.Errorf("logical ids %s %s %s", out[0].Report.LogicalReportID, out[1].Report.LogicalReportID, out[2].Report.LogicalReportID)
	}
	if out[0].Report.IsCanonical || !out[1].Report.IsCanonical || !out[2].Report.IsCanonical {
		t.Errorf("canonical %v %v %v", out[0].Report.IsCanonical, out[1].Report.IsCanonical, out[2].Report.IsCanonical)
	}
	if len(rulesOf(out[2], "DIVISION_AMBIGUOUS")) != 1 || out[2].Report.DivisionCode != nil {
		t.Errorf("城关镇 is ambiguous: %v", out[2].Findings)
	}
	if len(rulesOf(out[2], "COPY_DISAGREES")) != 0 {
		t.Error("different reports are not copies that disagree")
	}
}

// TestCrossYearCarry: 2020 carries 15 forward; 2021 carries 15 over
// (agrees), 2022 carries 3 over while 2021 carried 16 forward (differs).
func TestCrossYearCarry(t *testing.T) {
	y := func(id string, year int32, over, forward int64) *schemas.Parsed {
		c := table(1)
		c["carried_over.total"], c["carried_forward.total"] = over, forward
		return report(id, fmt.Sprintf("gulou/%d.txt", year), "南京市鼓楼区人民政府", year, c)
	}
	pdf := y("d4", 2022, 3, 0)
	pdf.Report.SourcePath = "gulou/2022.pdf"
	out := runCollection(t, y("a1", 2020, 0, 15), y("b2", 2021, 15, 16), y("c3", 2022, 3, 0), pdf)
	if n := len(rulesOf(out[0], "CROSS_YEAR_CARRY")) + len(rulesOf(out[1], "CROSS_YEAR_CARRY")); n != 0 {
		t.Errorf("2020 and 2021 agree with their previous years: %d findings", n)
	}
	for _, p := range out[2:] {
		fs := rulesOf(p, "CROSS_YEAR_CARRY")
		if len(fs) != 1 || fs[0].Cell != "s3.carried_over.total" || *fs[0].Expected != "16" || *fs[0].Actual != "3" ||
			!strings.Contains(fs[0].Message, "gulou/2021.txt") || fs[0].Severity != schemas.SeverityWarning {
			t.Errorf("%s: CROSS_YEAR_CARRY %+v", p.Report.SourcePath, fs)
		}
	}
}

// TestCrossYearRunningCount: section 二's 现行有效 against last year's plus
// issued minus abolished.
func TestCrossYearRunningCount(t *testing.T) {
	mk := func(id string, year int32, issued, abolished, inForce int64) *schemas.Parsed {
		p := report(id, fmt.Sprintf("%d.txt", year), "南京市财政局", year, table(1))
		for m, v := range map[string]int64{"issued": issued, "abolished": abolished, "in_force": inForce} {
			p.Disclosures = append(p.Disclosures, schemas.Disclosure{Cell: "s2.normative." + m, Item: "normative", Metric: m, Count: &v})
		}
		return p
	}
	out := runCollection(t, mk("a1", 2021, 2, 0, 40), mk("b2", 2022, 5, 1, 44), mk("c3", 2023, 5, 0, 30))
	if len(rulesOf(out[1], "CROSS_YEAR_COUNT")) != 0 {
		t.Error("40 + 5 - 1 = 44 is continuous")
	}
	fs := rulesOf(out[2], "CROSS_YEAR_COUNT")
	if len(fs) != 1 || *fs[0].Expected != "49" || *fs[0].Actual != "30" {
		t.Errorf("CROSS_YEAR_COUNT %+v", fs)
	}
}

// heldCollection holds n reports and finishes: ready to replay.
func heldCollection(t *testing.T, n int) *collection {
	t.Helper()
	c, err := newCollection()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.close)
	for i := range n {
		p := report(fmt.Sprintf("r%03d", i), fmt.Sprintf("r%03d.txt", i), "", 2022, map[string]int64{"granted.total": int64(i)})
		if err := c.hold(p, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestReplayStops: replay decodes ahead of emit, yet stops at the first
// failure as one loop would: emit is not called after it fails or after
// ctx is cancelled, and replay returns that error.
func TestReplayStops(t *testing.T) {
	const n = 2*replayBatch + 10
	boom := errors.New("boom")
	for _, at := range []int{0, 1, 17, replayBatch - 1, replayBatch, n - 1} {
		c := heldCollection(t, n)
		var ids []string
		err := c.replay(context.Background(), func(p *schemas.Parsed) error {
			ids = append(ids, p.Report.ReportID)
			if len(ids) == at+1 {
				return boom
			}
			return nil
		})
		if err != boom || len(ids) != at+1 || ids[at] != fmt.Sprintf("r%03d", at) {
			t.Errorf("emit fails at %d: replay = %v after %d reports", at, err, len(ids))
		}
		ctx, cancel := context.WithCancel(context.Background())
		calls := 0
		err = c.replay(ctx, func(p *schemas.Parsed) error {
			if calls++; calls == at+1 {
				cancel()
			}
			return nil
		})
		cancel()
		want := context.Canceled
		if at == n-1 {
			want = nil // cancelled after the last report: nothing was left
		}
		if err != want || calls != at+1 {
			t.Errorf("cancelled at %d: replay = %v after %d reports", at, err, calls)
		}
	}
}

// TestReplayDamagedSpool: a spool cut short (in its third batch) is
// replayed up to the damage, then replay fails naming the spool.
func TestReplayDamagedSpool(t *testing.T) {
	c := heldCollection(t, 2*replayBatch+6)
	fi, err := c.f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.f.Truncate(fi.Size() - 3); err != nil {
		t.Fatal(err)
	}
	calls := 0
	err = c.replay(context.Background(), func(*schemas.Parsed) error { calls++; return nil })
	if err == nil || !strings.Contains(err.Error(), "collection spool") || calls != 2*replayBatch+5 {
		t.Errorf("replay = %v after %d reports, want a spool error after %d", err, calls, 2*replayBatch+5)
	}
}
