package transform_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

func seedText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// editLines applies edits to 1-based line numbers of text: a nil
// replacement deletes the line, otherwise the line is replaced by the
// given lines.
func editLines(text string, edits map[int][]string) string {
	lines := strings.Split(text, "\n")
	var out []string
	for i, l := range lines {
		if rep, ok := edits[i+1]; ok {
			out = append(out, rep...)
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func findingsOn(p *schemas.Parsed, prefix string) []schemas.Finding {
	var out []schemas.Finding
	for _, f := range p.Findings {
		if strings.HasPrefix(f.Cell, prefix) {
			out = append(out, f)
		}
	}
	return out
}

// compulsionSeed is seed 000, whose section 二 prints 行政强制 one cell a
// line on lines 55-58, the last 0, then a blank line: the lines tests of
// that row edit.
func compulsionSeed(t *testing.T) string {
	t.Helper()
	seed := seedText(t, "000_74ac7cc249356a73.txt")
	if l := strings.Split(seed, "\n"); strings.TrimSpace(l[54]) != "行政强制" || strings.TrimSpace(l[57]) != "0" || l[58] != "" {
		t.Fatalf("the seed's lines moved: %q %q %q", l[54], l[57], l[58])
	}
	return seed
}

// doubtsOn is findingsOn without the info findings: those that say a
// value may be wrong or missing.
func doubtsOn(p *schemas.Parsed, prefix string) []schemas.Finding {
	var out []schemas.Finding
	for _, f := range findingsOn(p, prefix) {
		if f.Severity != schemas.SeverityInfo {
			out = append(out, f)
		}
	}
	return out
}

func value(p *schemas.Parsed, cell string) string {
	return cellValues(p)[cell]
}

// brokenCase is a real layout with one thing broken, and what the parser
// must then say and do.
type brokenCase struct {
	name  string
	seed  string
	edits map[int][]string
	// cells that must hold exactly these values afterwards
	cells map[string]string
	// findings that must be present: cell prefix → rule/severity/kind
	want []string
	// cell prefixes that must carry no finding above info
	clean []string
}

func TestBrokenVariants(t *testing.T) {
	const s000, s002, s003, s004 = "000_74ac7cc249356a73.txt", "002_3da227dd059fe48d.txt", "003_16d68db4dbaa666b.txt", "004_77c3b53386b2261e.txt"
	cases := []brokenCase{
		{
			name: "cell dropped from a zero row, one cell per line",
			seed: s000, edits: map[int][]string{121: nil}, // （一）予以公开 loses a " 0"
			cells: map[string]string{"s3.granted.natural_person": "0", "s3.granted.total": "0"},
			want:  []string{"s3.granted.*|S3_CELL_COUNT|repaired|extraction"},
			clean: []string{"s3.partial", "s3.total", "s2.", "s4."},
		},
		{
			name: "cell dropped from a non-zero row: the balance determines it",
			seed: s003, edits: map[int][]string{103: nil}, // 本年新收 loses its natural_person "1"
			cells: map[string]string{"s3.new_received.natural_person": "1", "s3.new_received.commercial": "0", "s3.new_received.total": "1"},
			want:  []string{"s3.new_received.*|S3_CELL_COUNT|repaired|extraction"},
			clean: []string{"s3.total", "s3.carried_forward"},
		},
		{
			name: "cell duplicated",
			seed: s000, edits: map[int][]string{150: {"\t 0", "\t 0"}}, // 国家秘密 row gets 8 numbers
			cells: map[string]string{"s3.denied.state_secret.total": "0"},
			want:  []string{"s3.denied.state_secret.*|S3_CELL_COUNT|repaired|extraction"},
		},
		{
			name: "non-zero cell duplicated: which one is the surplus is not determined by order alone",
			seed: s003, edits: map[int][]string{198: {"\t1", "\t1"}}, // 过程性信息 row: 1 1 0 0 0 0 0 1
			cells: map[string]string{"s3.denied.process_info.natural_person": "1", "s3.denied.process_info.total": "1"},
			want:  []string{"s3.denied.process_info.*|S3_CELL_COUNT|repaired|extraction"},
		},
		{
			name: "total altered by the agency: kept as printed, source warnings",
			seed: s003, edits: map[int][]string{328: {"\t2"}}, // (七)总计 natural_person 1 → 2
			cells: map[string]string{"s3.total.natural_person": "2"},
			want: []string{
				"s3.total.natural_person|S3_COLUMN_TOTAL|warning|source",
				"s3.total.natural_person|S3_BALANCE|warning|source",
				"s3.total.total|S3_ROW_TOTAL|warning|source",
			},
		},
		{
			name: "two cells lost from a row: the column totals still determine them",
			seed: s003, edits: map[int][]string{198: nil, 204: nil}, // 过程性信息 loses both its 1s
			cells: map[string]string{"s3.denied.process_info.natural_person": "1", "s3.denied.process_info.total": "1", "s3.denied.process_info.legal": "0"},
			want:  []string{"s3.denied.process_info.*|S3_CELL_COUNT|repaired|extraction"},
		},
		{
			name: "a cell lost where the totals are '/': nothing determines it",
			seed: s002, edits: map[int][]string{227: nil}, // 执法案卷 loses its natural_person "1"
			cells: map[string]string{"s3.denied.enforcement_file.natural_person": "null", "s3.denied.enforcement_file.total": "null"},
			want:  []string{"s3.denied.enforcement_file.*|S3_CELL_COUNT|error|extraction"},
		},
		{
			name: "column shifted: a tab row with one number too many",
			seed: s004, edits: map[int][]string{50: {"一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t0"}},
			cells: map[string]string{"s3.new_received.total": "0"},
			want:  []string{"s3.new_received.*|S3_CELL_COUNT|repaired|extraction"},
		},
		{
			name: "label split across a page break with a repeated header",
			seed: s004, edits: map[int][]string{61: {"\t\t3.危及“三安全", "- 4 -", "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t\t申请人情况", "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计", "\t\t一稳定”\t0\t0\t0\t0\t0\t0\t0"}},
			cells: map[string]string{"s3.denied.three_safety.total": "0", "s3.denied.three_safety.natural_person": "0"},
			clean: []string{"s3.denied.three_safety"},
		},
		{
			name: "section 四 loses a number and the totals determine it",
			seed: s003, edits: map[int][]string{376: nil},
			cells: map[string]string{"s4.review.upheld": "0", "s4.review.total": "0"},
			want:  []string{"s4.*|S4_CELL_COUNT|repaired|extraction"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := editLines(seedText(t, c.seed), c.edits)
			p := parseText(c.seed, []byte(text))
			for cell, want := range c.cells {
				if got := value(p, cell); got != want {
					t.Errorf("%s = %s, want %s", cell, got, want)
				}
			}
			for _, w := range c.want {
				parts := strings.Split(w, "|")
				found := false
				for _, f := range findingsOn(p, strings.TrimSuffix(parts[0], "*")) {
					if f.Rule == parts[1] && f.Severity == parts[2] && f.Kind == parts[3] {
						found = true
					}
				}
				if !found {
					t.Errorf("no finding %s; have:\n%s", w, dump(p.Findings))
				}
			}
			for _, pre := range c.clean {
				for _, f := range findingsOn(p, pre) {
					if f.Severity != schemas.SeverityInfo {
						t.Errorf("unexpected finding on %s: %s %s %s", f.Cell, f.Rule, f.Severity, f.Message)
					}
				}
			}
		})
	}
}

func dump(fs []schemas.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s %s %s: %s\n", f.Cell, f.Rule, f.Severity, f.Kind, f.Message)
	}
	return b.String()
}

// TestSingleSpaceRows: some extractors (PDFium's plain text, copy-paste
// from a browser) print a row's cells separated by single spaces. Seed 004
// printed so gives the same cells.
func TestSingleSpaceRows(t *testing.T) {
	const name = "004_77c3b53386b2261e.txt"
	orig := parseText(name, []byte(seedText(t, name)))
	spaced := strings.ReplaceAll(seedText(t, name), "\t", " ")
	p := parseText(name, []byte(spaced))
	want, got := cellValues(orig), cellValues(p)
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
	// A number grouped with a space ("40 625") is ambiguous: read as two
	// cells it makes the row one number too long, so it is never silently
	// taken as 40625, 40 or 625.
	for _, grouped := range []string{"40 625", "40 025"} {
		q := parseText("x.txt", []byte(strings.Replace(seedText(t, "003_16d68db4dbaa666b.txt"), "\t40625\n", "\t"+grouped+"\n", 1)))
		if v := cellValues(q)["s2.other_services.decisions"]; v != "null" {
			t.Errorf("%q read as %s; it must stay unread", grouped, v)
		}
		found := false
		for _, f := range q.Findings {
			found = found || (f.Severity == schemas.SeverityError && (f.Cell == "s2.other_services.decisions" || f.Cell == "s2.other_services.*"))
		}
		if !found {
			t.Errorf("%q: no error finding on the cell: %s", grouped, dump(q.Findings))
		}
	}
}

// TestVerticalLabels: a merged cell printed one character per line
// (三、/本/年/度/办/理/结/果), as Word-to-text conversions do with narrow
// vertical cells, is read as a heading, not as cells.
func TestVerticalLabels(t *testing.T) {
	const name = "000_74ac7cc249356a73.txt"
	orig := parseText(name, []byte(seedText(t, name)))
	vertical := []string{"\t三", "\t、", "\t本", "\t年", "\t度", "\t办", "\t理", "\t结", "\t果"}
	text := editLines(seedText(t, name), map[int][]string{119: vertical, 140: {"\t（", "\t三", "\t）", "\t不", "\t予", "\t公", "\t开"}})
	p := parseText(name, []byte(text))
	want, got := cellValues(orig), cellValues(p)
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
	for _, f := range p.Findings {
		if f.Severity != schemas.SeverityInfo {
			t.Errorf("unexpected finding %s on %s: %s", f.Rule, f.Cell, f.Message)
		}
	}
}
