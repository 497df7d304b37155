package transform_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// expected is one line of seeds.jsonl: hand-checked cells and findings.
type expected struct {
	File     string                     `json:"file"`
	Year     int                        `json:"year"`
	Template string                     `json:"template"`
	Agency   []string                   `json:"agency"`
	Cells    map[string]json.RawMessage `json:"cells"`
	Issues   []struct {
		Cell     string `json:"cell"`
		Kind     string `json:"kind"`
		Severity string `json:"severity"`
	} `json:"expected_issues"`
}

func loadExpected(t *testing.T, path string) []expected {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []expected
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e expected
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// parseText runs the parser on UTF-8 text as extract would hand it over.
func parseText(name string, b []byte) *schemas.Parsed {
	sum := sha256.Sum256(b)
	text := strings.ReplaceAll(strings.TrimPrefix(string(b), "\ufeff"), "\r\n", "\n")
	return transform.Parse(schemas.Document{
		ReportID: hex.EncodeToString(sum[:]), SourcePath: name, SourceFormat: "txt",
		Encoding: "utf-8", SourceBytes: int64(len(b)), Text: text,
	})
}

// cellValues flattens a parse into cell code → JSON value, the form
// seeds.jsonl uses: integers, decimal strings for money, null.
func cellValues(p *schemas.Parsed) map[string]string {
	m := map[string]string{}
	for _, d := range p.Disclosures {
		switch {
		case d.AmountYuan != nil:
			m[d.Cell] = `"` + d.AmountYuan.Compact() + `"`
		case d.Count != nil:
			m[d.Cell] = fmt.Sprint(*d.Count)
		default:
			m[d.Cell] = "null"
		}
	}
	for _, a := range p.Applications {
		m[a.Cell] = "null"
		if a.Count != nil {
			m[a.Cell] = fmt.Sprint(*a.Count)
		}
	}
	for _, a := range p.Appeals {
		m[a.Cell] = "null"
		if a.Count != nil {
			m[a.Cell] = fmt.Sprint(*a.Count)
		}
	}
	return m
}

// covers reports whether finding cell f covers the expected cell pattern e
// (both may end in .*).
func covers(f, e string) bool {
	fp, ep := strings.TrimSuffix(f, "*"), strings.TrimSuffix(e, "*")
	return strings.HasPrefix(f, ep) || strings.HasPrefix(e, fp)
}

// checkReport compares one parse with its hand-checked expectation: every
// cell, the template, year and agency, every expected finding, and no
// finding above info that the expectation does not list.
func checkReport(t *testing.T, e expected, p *schemas.Parsed) {
	t.Helper()
	got := cellValues(p)
	if len(got) != len(e.Cells) {
		t.Errorf("%s: %d cells, want %d", e.File, len(got), len(e.Cells))
	}
	bad := 0
	for code, want := range e.Cells {
		w := string(want)
		if w != "null" && w[0] == '"' {
			// money: compare as decimal strings without trailing zeros
			w = `"` + strings.TrimSuffix(strings.TrimSuffix(strings.Trim(w, `"`), ".00"), ".0") + `"`
		}
		if g, ok := got[code]; !ok || g != w {
			bad++
			if bad <= 10 {
				t.Errorf("%s: %s = %s, want %s", e.File, code, g, w)
			}
		}
	}
	if bad > 10 {
		t.Errorf("%s: %d cells wrong in all", e.File, bad)
	}
	if p.Report.Template != e.Template {
		t.Errorf("%s: template %q, want %q", e.File, p.Report.Template, e.Template)
	}
	if p.Report.ReportYear == nil || int(*p.Report.ReportYear) != e.Year {
		t.Errorf("%s: year %v, want %d", e.File, p.Report.ReportYear, e.Year)
	}
	agency := ""
	if p.Report.Agency != nil {
		agency = *p.Report.Agency
	}
	okAgency := false
	for _, a := range e.Agency {
		okAgency = okAgency || a == agency
	}
	if !okAgency {
		t.Errorf("%s: agency %q, want one of %q", e.File, agency, e.Agency)
	}
	for _, ei := range e.Issues {
		found := false
		for _, f := range p.Findings {
			if covers(f.Cell, ei.Cell) && f.Kind == ei.Kind && f.Severity == ei.Severity {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %s/%s finding on %s", e.File, ei.Severity, ei.Kind, ei.Cell)
		}
	}
	for _, f := range p.Findings {
		if f.Severity == schemas.SeverityInfo {
			continue
		}
		listed := false
		for _, ei := range e.Issues {
			if covers(f.Cell, ei.Cell) && f.Kind == ei.Kind && f.Severity == ei.Severity {
				listed = true
			}
		}
		if !listed {
			t.Errorf("%s: unexpected finding %s %s/%s on %s: %s", e.File, f.Rule, f.Severity, f.Kind, f.Cell, f.Message)
		}
	}
}

// TestSeeds is the golden test of the hand-checked seed reports: all 990
// cells, template, year, agency and findings.
func TestSeeds(t *testing.T) {
	dir := filepath.Join("..", "testdata", "samples")
	for _, e := range loadExpected(t, filepath.Join("..", "testdata", "seeds", "seeds.jsonl")) {
		t.Run(e.File, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, e.File))
			if err != nil {
				t.Fatal(err)
			}
			checkReport(t, e, parseText(e.File, b))
		})
	}
}

// TestReports is the golden test of the hand-built reports in
// testdata/reports: both templates in layouts the seeds lack ('|' rows,
// pdftotext -layout columns, 2021 headers with the 2019 （六） row).
func TestReports(t *testing.T) {
	dir := filepath.Join("..", "testdata", "reports")
	for _, e := range loadExpected(t, filepath.Join(dir, "expected.jsonl")) {
		t.Run(e.File, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, e.File))
			if err != nil {
				t.Fatal(err)
			}
			checkReport(t, e, parseText(e.File, b))
		})
	}
}
