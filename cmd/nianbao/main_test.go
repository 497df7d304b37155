package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/fault"
	"github.com/nianbao/nianbao/pipeline/generate"
)

func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"nianbao"}, args...), strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

type seedExpect struct {
	File     string                     `json:"file"`
	Year     int                        `json:"year"`
	Template string                     `json:"template"`
	Agency   []string                   `json:"agency"`
	Cells    map[string]json.RawMessage `json:"cells"`
}

// TestParseSeeds is the golden test of the command contract: `nianbao
// parse` on each seed prints every hand-checked cell (990 in all), the
// template, the year and an agency from the listed names.
func TestParseSeeds(t *testing.T) {
	f, err := os.Open("../../testdata/seeds/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var exps []seedExpect
	var files []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e seedExpect
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		exps = append(exps, e)
		files = append(files, filepath.Join("../../testdata/samples", e.File))
	}
	out, stderr, code := runCLI(t, "", append([]string{"parse"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(exps) {
		t.Fatalf("%d JSON lines for %d files", len(lines), len(exps))
	}
	total := 0
	for i, e := range exps {
		var got struct {
			SourcePath string                     `json:"source_path"`
			ReportID   string                     `json:"report_id"`
			Agency     string                     `json:"agency"`
			Year       int                        `json:"report_year"`
			Template   string                     `json:"template"`
			Status     string                     `json:"status"`
			Cells      map[string]json.RawMessage `json:"cells"`
			Issues     []map[string]any           `json:"issues"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if !strings.HasSuffix(got.SourcePath, e.File) {
			t.Errorf("line %d is %s, want %s (argument order)", i+1, got.SourcePath, e.File)
		}
		if got.Template != e.Template || got.Year != e.Year {
			t.Errorf("%s: template %s year %d, want %s %d", e.File, got.Template, got.Year, e.Template, e.Year)
		}
		okAgency := false
		for _, a := range e.Agency {
			okAgency = okAgency || a == got.Agency
		}
		if !okAgency {
			t.Errorf("%s: agency %q not in %q", e.File, got.Agency, e.Agency)
		}
		if len(got.Cells) != len(e.Cells) {
			t.Errorf("%s: %d cells, want %d", e.File, len(got.Cells), len(e.Cells))
		}
		for code, want := range e.Cells {
			total++
			if g := got.Cells[code]; !bytes.Equal(g, want) {
				t.Errorf("%s: %s = %s, want %s", e.File, code, g, want)
			}
		}
		for _, is := range got.Issues {
			for _, k := range []string{"rule", "severity", "kind", "cell", "expected", "actual", "message", "line"} {
				if _, ok := is[k]; !ok {
					t.Errorf("%s: issue without %q: %v", e.File, k, is)
				}
			}
		}
	}
	if total != 990 {
		t.Errorf("checked %d cells, the seeds hold 990", total)
	}
}

func TestNormalizeCommand(t *testing.T) {
	out, _, code := runCLI(t, "", "normalize", "362.24万元", "10268898元", "+163", "/", "3-5万元")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := []string{
		`{"input":"362.24万元","kind":"amount","value":"3622400","unit":"万元","unit_inferred":false,"error":null`,
		`{"input":"10268898元","kind":"amount","value":"10268898","unit":"元","unit_inferred":false,"error":null`,
		`{"input":"+163","kind":"count","value":163,"unit":null,"unit_inferred":false,"error":null`,
		`{"input":"/","kind":"count","value":null,"unit":null,"unit_inferred":false,"error":null`,
		`{"input":"3-5万元","kind":"amount","value":null,`,
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), out)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d:\n got %s\nwant %s…", i+1, lines[i], w)
		}
	}
	if !strings.Contains(lines[4], `"error":"`) {
		t.Errorf("a range must be rejected with a reason: %s", lines[4])
	}
	// standard input, one value per line, with --kind and --unit
	out, _, _ = runCLI(t, "12.5\n0\n", "normalize", "--kind", "amount", "--unit", "万元")
	if !strings.Contains(out, `"value":"125000"`) || strings.Count(out, "\n") != 2 {
		t.Errorf("stdin normalize: %s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"run"}, {"run", "--input", "x"}, {"parse"}, {"normalize", "--kind", "money", "1"}, {"schema", "--format", "yaml"}, {"nosuch"},
	} {
		_, stderr, code := runCLI(t, "", args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d (stderr %q)", args, code, exitUsage, stderr)
		}
		if stderr == "" {
			t.Errorf("%v: no message on stderr", args)
		}
	}
}

func TestEnvFlags(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("NIANBAO_INPUT", "../../testdata/samples")
	t.Setenv("NIANBAO_OUTPUT", filepath.Join(dir, "out"))
	t.Setenv("NIANBAO_WORKERS", "2")
	_, stderr, code := runCLI(t, "", "run", "--log-format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "_SUCCESS")); err != nil {
		t.Fatalf("no _SUCCESS after a run configured from the environment: %v", err)
	}
	if !strings.Contains(stderr, "applications=805") || !strings.Contains(stderr, "appeals=75") {
		t.Errorf("summary lacks the row counts:\n%s", stderr)
	}
}

func TestSchemaSQL(t *testing.T) {
	out, _, code := runCLI(t, "", "schema", "--format", "sql", "--output", "/data/out")
	if code != 0 {
		t.Fatal(code)
	}
	for _, tb := range []string{"reports", "disclosures", "applications", "appeals", "quality"} {
		if !strings.Contains(out, "CREATE OR REPLACE VIEW "+tb+" AS") || !strings.Contains(out, "/data/out/"+tb+"/**/*.parquet") {
			t.Errorf("no view for %s:\n%s", tb, out)
		}
	}
}

// TestRunDiskFull: a disk that fills while a few hundred reports are in
// flight (the parse cache is written first) ends `nianbao run` with exit
// status 1 and the reason, and the next run, on a healthy disk, can take
// the lock and publish.
func TestRunDiskFull(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	opt := generate.Options{Reports: 300, Seed: 3}
	for i := range opt.Reports {
		name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		p := filepath.Join(in, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	writes := 0
	restore := fault.Set(func(op fault.Op, path string) error {
		if op != fault.Write && op != fault.Create {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		if writes++; writes < 20 {
			return nil
		}
		return &fs.PathError{Op: string(op), Path: path, Err: syscall.ENOSPC}
	})
	type result struct {
		stderr string
		code   int
	}
	done := make(chan result, 1)
	go func() {
		_, stderr, code := runCLI(t, "", "run", "--input", in, "--output", out, "--workers", "4", "--log-format", "json")
		done <- result{stderr, code}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(90 * time.Second):
		t.Fatal("nianbao run did not end within 90 s on a full disk")
	}
	restore()
	if r.code != exitFailure || !strings.Contains(r.stderr, "no space left on device") {
		t.Fatalf("exit %d, want %d with the reason:\n%s", r.code, exitFailure, r.stderr)
	}
	if _, err := os.Lstat(filepath.Join(out, "reports")); err == nil {
		t.Error("a failed first run published a reports table")
	}
	if _, stderr, code := runCLI(t, "", "run", "--input", in, "--output", out, "--workers", "4"); code != exitOK {
		t.Fatalf("the next run: exit %d:\n%s", code, stderr)
	}
}
