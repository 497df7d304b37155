package pipeline_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/schemas"
)

// zipBomb is a .docx whose document.xml inflates to far more than the
// limits allow, from a few kilobytes.
func zipBomb(t *testing.T) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("<w:p/>"), 1<<16)
	for i := 0; i < 1200; i++ { // ~470 MB inflated
		w.Write(chunk)
	}
	z.Close()
	return buf.Bytes()
}

// TestBadInputs runs a folder of everything that goes wrong in real
// collections through run: nothing panics, every file has its reports row,
// and the good files' rows are all there.
func TestBadInputs(t *testing.T) {
	in := t.TempDir()
	seed, err := os.ReadFile(filepath.Join("..", "testdata", "samples", "003_16d68db4dbaa666b.txt"))
	if err != nil {
		t.Fatal(err)
	}
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(seed)
	write := func(rel string, b []byte) {
		p := filepath.Join(in, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", seed)
	write("empty.txt", nil)
	write("junk.txt", bytes.Repeat([]byte{0x00, 0x9c, 0xff, 0x13, 0x00, 0x00, 0x07}, 300))
	write("invalid-utf8.txt", append(append([]byte("某街道2020年政府信息公开工作年度报告\n"), 0xff, 0xfe, 0xc3, 0x28), seed[:200]...))
	write("truncated-gb18030.txt", gb[:len(gb)/2+1])
	write("no tables.txt", []byte("某某街道2020年政府信息公开工作年度报告\n一、总体情况\n本年度没有表格。\n"))
	write(`spaces "quotes" 和中文 'x'.txt`, seed)
	deep := strings.Repeat("d/", 60)
	write(deep+"deep.txt", []byte("深处的文件\n"))
	write("bomb.docx", zipBomb(t))
	write("notes.xlsx", []byte("not a report type"))
	write(".hidden.txt", seed)
	if err := os.Symlink("..", filepath.Join(in, "d", "loop")); err != nil {
		t.Fatal(err)
	}
	// a single line of 200 MB, written streaming
	big, err := os.Create(filepath.Join(in, "one-line.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line := bytes.Repeat([]byte("一二三四五六七八九十"), 1<<10)
	for n := 0; n < 200<<20; n += len(line) {
		big.Write(line)
	}
	big.Close()
	unreadable := filepath.Join(in, "unreadable.txt")
	write("unreadable.txt", seed)
	os.Chmod(unreadable, 0)

	out := filepath.Join(t.TempDir(), "out")
	sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	reports := readRows[schemas.Report](t, out, "reports")
	quality := readRows[schemas.Finding](t, out, "quality")
	byPath := map[string]schemas.Report{}
	for _, r := range reports {
		byPath[r.SourcePath] = r
	}
	rules := map[string][]string{}
	for _, r := range reports {
		for _, q := range quality {
			if q.ReportID == r.ReportID {
				rules[r.SourcePath] = append(rules[r.SourcePath], q.Rule)
			}
		}
	}
	want := map[string]string{ // path → a rule its findings must include ("" = status ok)
		"good.txt":                    "",
		"empty.txt":                   "EMPTY_FILE",
		"junk.txt":                    "NOT_TEXT",
		"invalid-utf8.txt":            "",
		"truncated-gb18030.txt":       "",
		"no tables.txt":               "NO_TABLES",
		`spaces "quotes" 和中文 'x'.txt`: "DUPLICATE_FILE",
		deep + "deep.txt":             "NO_TABLES",
		"bomb.docx":                   "ZIP_BOMB",
		"one-line.txt":                "FILE_TOO_LARGE",
		"unreadable.txt":              "",
	}
	for path, rule := range want {
		r, ok := byPath[path]
		if !ok {
			t.Errorf("%s: no reports row; every input file must be accounted for", path)
			continue
		}
		if rule == "" {
			continue
		}
		if !contains(rules[path], rule) {
			t.Errorf("%s: findings %v, want %s", path, rules[path], rule)
		}
		if rule != "DUPLICATE_FILE" && r.Status != schemas.StatusError {
			t.Errorf("%s: status %s, want error", path, r.Status)
		}
	}
	if len(reports) != len(want) {
		t.Errorf("%d reports rows for %d report files (hidden and unknown types must be skipped)", len(reports), len(want))
	}
	// The undecodable bytes are findings on otherwise parsed reports.
	if !contains(rules["invalid-utf8.txt"], "ENCODING_INVALID") {
		t.Errorf("invalid-utf8.txt: %v, want ENCODING_INVALID", rules["invalid-utf8.txt"])
	}
	// The good file's 161 applications rows are there exactly once (its
	// copy under the odd name is a duplicate).
	if sum.Rows["applications"] < 161 {
		t.Errorf("applications rows %d", sum.Rows["applications"])
	}
	apps := readRows[schemas.Application](t, out, "applications")
	n := 0
	for _, a := range apps {
		if a.ReportID == byPath["good.txt"].ReportID {
			n++
		}
	}
	if n != 161 {
		t.Errorf("good.txt has %d applications rows, want 161", n)
	}
	if sum.Record.Inputs.Skipped == 0 {
		t.Errorf("the .xlsx and the symlink loop should be counted as skipped: %+v", sum.Record.Inputs)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
