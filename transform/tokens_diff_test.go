package transform

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
)

// diffDoc is a text the tokenizers are compared on, with the keepTrailing
// the parser would pass for it.
type diffDoc struct {
	name     string
	text     string
	keepTail bool
}

// corpusFiles are the files of the test data and the seeds, each as bytes
// and, where extract reads its format and changes them, as extracted. Several differential
// tests compare on them, so a test binary reads and extracts them once.
var corpusFiles struct {
	once    sync.Once
	docs    []diffDoc
	missing []string // roots not found, not compared
	err     error
}

func readCorpusFiles() {
	c := &corpusFiles
	add := func(name string, b []byte) {
		c.docs = append(c.docs, diffDoc{name: name + " (bytes)", text: string(b)})
		if f := extract.FormatOf(name); f != "" {
			// a text file extract reads as it is is compared once
			if d := extract.ReadBytes(name, b, extract.Limits{}); d.Text != string(b) || d.Tables != nil {
				c.docs = append(c.docs, diffDoc{name: name, text: d.Text, keepTail: d.Tables != nil})
			}
		}
	}
	for _, root := range []string{"testdata", filepath.Join("..", "testdata"), filepath.Join("..", "..", "shared", "seeds")} {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			add(path, b)
			return nil
		})
		if os.IsNotExist(err) && root != "testdata" {
			c.missing = append(c.missing, root)
			continue
		}
		if err != nil {
			c.err = err
			return
		}
	}
}

// diffCorpus is every file of the test data (as read by extract, and as
// bytes), the five seeds, and generated reports in every layout.
func diffCorpus(t testing.TB, perSeed int, seeds ...int64) []diffDoc {
	t.Helper()
	corpusFiles.once.Do(readCorpusFiles)
	if corpusFiles.err != nil {
		t.Fatal(corpusFiles.err)
	}
	for _, root := range corpusFiles.missing {
		t.Logf("%s: not found, not compared", root)
	}
	docs := append([]diffDoc(nil), corpusFiles.docs...)
	for _, seed := range seeds {
		opt := generate.Options{Seed: seed, Layouts: generate.AllLayouts()}
		for i := 0; i < perSeed; i++ {
			name, data, _ := generate.Report(generate.NewRand(seed, i), i, opt)
			d := extract.ReadBytes(name, data, extract.Limits{})
			docs = append(docs, diffDoc{name: fmt.Sprintf("seed %d: %s", seed, name), text: d.Text, keepTail: d.Tables != nil})
		}
	}
	return docs
}

// sameTokens compares the lines, the compact lines and the token streams
// of the old and the new tokenizer on text: over the whole text, over
// the parser's three sections, and over a middle part (the page marks of
// nearFormFeed look at the region's edges). It returns the first
// difference, "" when there is none.
func sameTokens(text string, keepTail bool) string {
	oldLines, oldCl := oldSplitLines(text)
	lines, cl := splitLines(text)
	if len(lines) != len(oldLines) || len(cl) != len(oldCl) {
		return fmt.Sprintf("%d lines, %d compact lines; were %d, %d", len(lines), len(cl), len(oldLines), len(oldCl))
	}
	for i := range lines {
		if lines[i] != oldLines[i] {
			return fmt.Sprintf("line %d is %q, was %q", i+1, lines[i], oldLines[i])
		}
		if cl[i] != oldCl[i] {
			return fmt.Sprintf("compact line %d is %q, was %q", i+1, cl[i], oldCl[i])
		}
	}
	n := len(lines)
	ranges := [][2]int{{0, n}, {n / 3, 2 * n / 3}, {n / 2, n + 5}}
	sec := findSections(cl)
	for _, w := range []section{secDisclosures, secApplications, secAppeals} {
		if from, to := sec.bounds(w); from >= 0 {
			ranges = append(ranges, [2]int{from, to})
		}
	}
	for _, r := range ranges {
		for _, keep := range []bool{keepTail, !keepTail} {
			if d := diffStreams(oldTokenize(oldLines, oldCl, r[0], r[1], keep, nil), tokenize(lines, cl, r[0], r[1], keep, nil)); d != "" {
				return fmt.Sprintf("lines [%d, %d), keepTrailing %v: %s", r[0], r[1], keep, d)
			}
		}
	}
	return ""
}

// diffStreams returns the first difference of two token streams.
func diffStreams(old, cur []tok) string {
	for i := 0; i < len(old) && i < len(cur); i++ {
		if old[i] != cur[i] {
			return fmt.Sprintf("token %d is\n%+v, was\n%+v", i, cur[i], old[i])
		}
	}
	if len(old) != len(cur) {
		return fmt.Sprintf("%d tokens, were %d", len(cur), len(old))
	}
	return ""
}

// TestTokenizeSame checks that the tokenizer gives, token for token, the
// stream the tokenizer it replaced gave (oldtok_test.go) on every file of
// the test data, the seeds and generated reports of every layout.
func TestTokenizeSame(t *testing.T) {
	per := 120
	if testing.Short() {
		per = 20
	}
	docs := diffCorpus(t, per, 1, 2, 3)
	if len(docs) < 3*per+150 {
		t.Fatalf("only %d documents to compare", len(docs))
	}
	toks := 0
	for _, d := range docs {
		if msg := sameTokens(d.text, d.keepTail); msg != "" {
			t.Errorf("%s: %s", d.name, msg)
		}
		lines, cl := splitLines(d.text)
		toks += len(tokenize(lines, cl, 0, len(lines), d.keepTail, nil))
	}
	t.Logf("%d documents, %d tokens compared", len(docs), toks)
}

// TestTokenizeSameEdges compares the tokenizers on lines built to reach
// their fast paths' edges: every kind of space and separator, invalid
// UTF-8, full-width forms, wide and narrow characters before a column.
func TestTokenizeSameEdges(t *testing.T) {
	pieces := []string{" ", "  ", "\t", "|", "｜", "\u3000", "\u00a0", "\u200b", "\ufeff", "\u2003", "\u1680", "\u0085",
		"\f", "\r", "\v", "\x7f", "\xe4", "\xe4\xb8", "\xef", "\xef\xbd", "\xe3\x80", "\xc2", "\xff", "\x80",
		"１２", "（一）", "【", "〕", "自然人", "1", "23", "0", "1,000", "—", "/", "无", "第 3 页", "- 4 -", "3/12",
		"ｱ", "가", "😀", "Ａ", "¥", "元", "1 0 0", "a", "ǅ"}
	var lines []string
	for i, a := range pieces {
		for j, b := range pieces {
			c := pieces[(i*7+j*3)%len(pieces)]
			lines = append(lines, a+b+c, "x"+a+"  "+b+"  "+c, a+"  "+b, "行政许可"+a+"5"+b+"  "+c+"7")
		}
	}
	text := strings.Join(lines, "\n")
	for _, keep := range []bool{false, true} {
		if msg := sameTokens(text, keep); msg != "" {
			t.Error(msg)
		}
	}
}

// FuzzTokenizeSame compares the tokenizers on fuzzed texts.
func FuzzTokenizeSame(f *testing.F) {
	for _, d := range diffCorpus(f, 3, 1) {
		if strings.HasSuffix(d.name, ".pdf (bytes)") || strings.HasSuffix(d.name, ".docx (bytes)") {
			continue
		}
		s := d.text
		if i := strings.Index(s, "二、主动"); i >= 0 {
			s = s[i:]
		}
		f.Add(s[:min(len(s), 4000)], d.keepTail)
	}
	f.Add("自然 人  1 0 0\n\f  3\n|  |  |\n１２\t（一）\t\n", false)
	f.Fuzz(func(t *testing.T, text string, keep bool) {
		if msg := sameTokens(text, keep); msg != "" {
			t.Fatal(msg)
		}
	})
}

// tokenize is tokenizeTo into a stream of the caller's own.
func tokenize(lines, cl []string, from, to int, keepTrailing bool, poll func()) []tok {
	return tokenizeTo(nil, lines, cl, from, to, keepTrailing, poll)
}
