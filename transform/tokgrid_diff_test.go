package transform

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
)

// gridDoc is a text the tokenizers are compared on, with the grids extract
// read from it (nil for a text file or a file's bytes).
type gridDoc struct {
	name     string
	text     string
	tables   []schemas.Table
	keepTail bool
}

// gridCorpus is diffCorpus without generated reports, generated reports of
// every layout with their grids, and long texts made of them, whose
// regions are polled more than once.
func gridCorpus(t testing.TB, perSeed int, seeds ...int64) []gridDoc {
	t.Helper()
	var docs []gridDoc
	for _, d := range diffCorpus(t, 0) {
		docs = append(docs, gridDoc{name: d.name, text: d.text, keepTail: d.keepTail})
	}
	var long []string
	for _, seed := range seeds {
		opt := generate.Options{Seed: seed, Layouts: generate.AllLayouts()}
		for i := 0; i < perSeed; i++ {
			name, data, _ := generate.Report(generate.NewRand(seed, i), i, opt)
			d := extract.ReadBytes(name, data, extract.Limits{})
			docs = append(docs, gridDoc{name: fmt.Sprintf("seed %d: %s", seed, name), text: d.Text, tables: d.Tables, keepTail: d.Tables != nil})
			long = append(long, d.Text)
		}
	}
	for n := 0; n < len(long); n += 40 {
		docs = append(docs, gridDoc{name: fmt.Sprintf("reports %d to %d, joined", n, min(n+40, len(long))),
			text: strings.Join(long[n:min(n+40, len(long))], "\n")})
	}
	return docs
}

// sameGridTokens compares tokenizeGrid with oldTokenizeGrid, the code it
// replaced, on text and its grids: the same streams over the whole text,
// the parser's three sections and parts cut at odd lines, told nothing of
// the text's form feeds and told what textFeeds finds; and the same number
// of polls. It returns the first difference, "" when there is none.
func sameGridTokens(text string, tables []schemas.Table, keepTail bool) string {
	lines, cl := splitLines(text)
	n := len(lines)
	ranges := [][2]int{{0, n}, {n / 3, 2 * n / 3}, {n / 2, n + 5}, {1, n - 1}}
	for _, k := range []int{pollLines - 1, pollLines, pollLines + 1, 2*pollLines - 1, 2 * pollLines} {
		if k < n {
			ranges = append(ranges, [2]int{0, k}, [2]int{n - k, n}) // a poll at the region's last line, or just past it
		}
	}
	sec := findSections(cl)
	for _, w := range []section{secDisclosures, secApplications, secAppeals} {
		if from, to := sec.bounds(w); from >= 0 {
			ranges = append(ranges, [2]int{from, to})
		}
	}
	for _, r := range ranges {
		for _, keep := range []bool{keepTail, !keepTail} {
			for _, feeds := range []int{feedsUnknown, textFeeds(text)} {
				oldPolls, polls := 0, 0
				old := oldTokenizeGrid(nil, lines, cl, r[0], r[1], keep, tables, func() { oldPolls++ })
				cur := tokenizeGrid(nil, lines, cl, r[0], r[1], keep, tables, feeds, func() { polls++ })
				if d := diffStreams(old, cur); d != "" {
					return fmt.Sprintf("lines [%d, %d), keepTrailing %v, feeds %d: %s", r[0], r[1], keep, feeds, d)
				}
				if polls != oldPolls {
					return fmt.Sprintf("lines [%d, %d): %d polls, were %d", r[0], r[1], polls, oldPolls)
				}
				if d := diffStreams(oldTokenizeGrid(nil, lines, cl, r[0], r[1], keep, tables, nil),
					tokenizeGrid(nil, lines, cl, r[0], r[1], keep, tables, feeds, nil)); d != "" {
					return fmt.Sprintf("lines [%d, %d), keepTrailing %v, feeds %d, no poll: %s", r[0], r[1], keep, feeds, d)
				}
			}
		}
	}
	return ""
}

// TestTokenizeGridSame checks that tokenizeGrid gives, token for token,
// the streams oldTokenizeGrid gave (tokgrid_old_test.go), and polls as
// often, on every file of the test data, the seeds, generated reports of
// every layout with their grids, and texts of forty reports.
func TestTokenizeGridSame(t *testing.T) {
	per := 120
	if testing.Short() {
		per = 20
	}
	docs := gridCorpus(t, per, 1, 2)
	for i, text := range gridEdges() {
		docs = append(docs, gridDoc{name: fmt.Sprintf("edge %d", i), text: text})
	}
	grids, feeds := 0, 0
	for _, d := range docs {
		if msg := sameGridTokens(d.text, d.tables, d.keepTail); msg != "" {
			t.Errorf("%s: %s", d.name, msg)
		}
		if d.tables != nil {
			grids++
		}
		if textFeeds(d.text) != feedsNone {
			feeds++
		}
	}
	if grids < per/2 || feeds == 0 {
		t.Fatalf("%d documents with grids, %d with form feeds: too few for the comparison to mean much", grids, feeds)
	}
	t.Logf("%d documents, %d with grids, %d with form feeds", len(docs), grids, feeds)
}

// gridEdges are texts of lines holding one cell among tabs or '|' (a
// number alone, a label, a blank, a mark) beside form feeds, page marks
// and rows of several cells.
func gridEdges() []string {
	cells := []string{"\t3", "3\t", "\t\t12\t", "|4|", "｜5｜", "\t（一）\t", "\t 7 \t", "\t１２", "\t/", "\t- 4 -", "\t\u3000", "1\t2", "|  |",
		// one cell after indentation of every kind (see lineCell)
		" \t 8", "\u3000\t信息", "  9", "\t\t10", "\tx|y", "\f\t5", "\t\u00a0 6", "\t4 ", "\t第4页", "\t4/12", "\t\xe4",
		// cells laid out by spaces, with whitespace of other kinds at
		// their ends (trimmed once for their columns and compact forms)
		"甲\u3000  12 ", " 乙 \u00a0  3\u3000  ４ ", "  丙  \u3000  （一） \t", "丁 \xe3\x80  5"}
	around := []string{"\f", "\f\n", "\n\f", "\n\n", "\n第 2 页\n", "\n项目\t本年\n"}
	var out []string
	for _, a := range around {
		var b strings.Builder
		for _, c := range cells {
			b.WriteString(c + a + c + "\n")
		}
		out = append(out, b.String())
	}
	return out
}

// FuzzTokenizeGridSame compares tokenizeGrid with oldTokenizeGrid on
// fuzzed texts, with a grid standing at a fuzzed line.
func FuzzTokenizeGridSame(f *testing.F) {
	for _, d := range gridCorpus(f, 2, 1) {
		if strings.HasSuffix(d.name, ".pdf (bytes)") || strings.HasSuffix(d.name, ".docx (bytes)") {
			continue
		}
		s := d.text
		if i := strings.Index(s, "二、主动"); i >= 0 {
			s = s[i:]
		}
		line, rows := 0, 0
		if len(d.tables) > 0 {
			line, rows = d.tables[0].Line, len(d.tables[0].Rows)
		}
		f.Add(s[:min(len(s), 4000)], d.keepTail, line, rows)
	}
	f.Add("自然 人  1 0 0\n\f  3\n|  |  |\n１２\t（一）\t\n", false, 0, 0)
	f.Add("a\t|\tb\n3\n\f\n  4\n1\t2\t|\t3", true, 1, 3)
	for _, s := range gridEdges() {
		f.Add(s, false, 0, 0)
	}
	f.Fuzz(func(t *testing.T, text string, keep bool, line, rows int) {
		var tables []schemas.Table
		if rows > 0 && rows < 1000 {
			tables = []schemas.Table{{Line: line, Rows: make([][]string, rows)}}
		}
		if msg := sameGridTokens(text, tables, keep); msg != "" {
			t.Fatal(msg)
		}
	})
}
