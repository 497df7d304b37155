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

	"github.com/nianbao/nianbao/internal/dirtest"
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
	// a count that is no number is rejected with its input kept
	out, _, code = runCLI(t, "", "normalize", "--kind", "count", "1e308", "12abc")
	for i, in := range []string{"1e308", "12abc"} {
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[i], `{"input":"`+in+`","kind":"count","value":null,`) ||
			!strings.Contains(lines[i], `"error":"not a number`) {
			t.Errorf("normalize --kind count %s: exit %d\n%s", in, code, out)
		}
	}
	// negative values and '-' are values, not flags, wherever the flags
	// stand; after "--" everything is a value; a rejected value has none
	for _, c := range []struct {
		args []string
		want []string // each line's beginning, after {"input":
	}{
		{[]string{"-3", "-", "-5万元"}, []string{`"-3","kind":"count","value":-3,`, `"-","kind":"count","value":null,"unit":null,"unit_inferred":false,"error":null`, `"-5万元","kind":"amount","value":"-50000",`}},
		{[]string{"-12.5", "--kind", "amount", "--unit=万元"}, []string{`"-12.5","kind":"amount","value":"-125000","unit":"万元",`}},
		{[]string{"--kind", "count", "--", "--unit", "-1"}, []string{`"--unit","kind":"count","value":null,`, `"-1","kind":"count","value":-1,`}},
		{[]string{"99999999999999999999", "12.345元"}, []string{`"99999999999999999999","kind":"count","value":null,`, `"12.345元","kind":"amount","value":null,`}},
	} {
		out, stderr, code := runCLI(t, "", append([]string{"normalize"}, c.args...)...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != len(c.want) {
			t.Errorf("normalize %v: exit %d, %d lines\n%s%s", c.args, code, len(lines), out, stderr)
			continue
		}
		for i, w := range c.want {
			if !strings.HasPrefix(lines[i], `{"input":`+w) {
				t.Errorf("normalize %v, line %d:\n got %s\nwant {\"input\":%s…", c.args, i+1, lines[i], w)
			}
		}
	}
	if _, _, code := runCLI(t, "", "normalize", "--bogus", "1"); code != exitUsage {
		t.Errorf("normalize --bogus 1: exit %d, want %d", code, exitUsage)
	}
	// standard input, one value per line, with --kind and --unit
	out, _, _ = runCLI(t, "12.5\n0\n", "normalize", "--kind", "amount", "--unit", "万元")
	if !strings.Contains(out, `"value":"125000"`) || strings.Count(out, "\n") != 2 {
		t.Errorf("stdin normalize: %s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"run"}, {"run", "--input", "x"}, {"parse"}, {"normalize", "--kind", "money", "1"}, {"schema", "--format", "yaml"},
		{"schema", "--format", "sql", "--table-format", "delta"}, {"nosuch"},
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

// TestStrayArgumentRefused: a word where a command takes none ends flag
// parsing, so the flags after it would not apply: "--s3-path-style false
// --max-errors 0" published a run with failed reports. It is a usage
// error, and nothing is written.
func TestStrayArgumentRefused(t *testing.T) {
	in := t.TempDir()
	os.WriteFile(filepath.Join(in, "broken.txt"), []byte{0, 1, 2, 3}, 0o644)
	out := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{
		{"run", "--input", in, "--output", out, "--s3-path-style", "false", "--max-errors", "0"},
		{"run", "--input", in, "--output", out, "--full", "true", "--max-errors", "0"},
		{"run", "--input", in, "stray", "--output", out},
		{"tables", "--output", out, "duckdb"},
		{"schema", "sql"},
		{"version", "now"},
	} {
		stdout, stderr, code := runCLI(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "unexpected argument") || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and the argument named", args, code, stdout, stderr, exitUsage)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("%v: the output folder was made (%v)", args, err)
		}
	}
	// The same run with the flag's value attached fails as --max-errors 0 says.
	if _, stderr, code := runCLI(t, "", "run", "--input", in, "--output", out, "--s3-path-style=false", "--max-errors", "0"); code != 4 {
		t.Errorf("--s3-path-style=false --max-errors 0: exit %d, want 4 (%s)", code, stderr)
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

// TestSchemaIcebergViews: with --table-format iceberg the views read the
// Iceberg tables: DuckDB's iceberg_scan of each table's folder under
// OUTPUT/iceberg/NAMESPACE, Spark's CATALOG.NAMESPACE.TABLE, never the
// Parquet folders; the ready views follow in both.
func TestSchemaIcebergViews(t *testing.T) {
	duck, _, code := runCLI(t, "", "schema", "--format", "sql", "--output", "/data/out", "--table-format", "iceberg", "--namespace", "ns")
	if code != 0 {
		t.Fatal(code)
	}
	spark, _, code := runCLI(t, "", "schema", "--format", "spark-sql", "--table-format", "iceberg", "--catalog-name", "cat", "--namespace", "ns")
	if code != 0 {
		t.Fatal(code)
	}
	for _, tb := range []string{"reports", "disclosures", "applications", "appeals", "quality"} {
		if !strings.Contains(duck, "CREATE OR REPLACE VIEW "+tb+" AS\n  SELECT * FROM iceberg_scan('/data/out/iceberg/ns/"+tb+"');") {
			t.Errorf("no DuckDB view over the Iceberg table %s:\n%s", tb, duck)
		}
		if !strings.Contains(spark, "CREATE OR REPLACE TEMPORARY VIEW "+tb+" AS SELECT * FROM `cat`.`ns`.`"+tb+"`;") {
			t.Errorf("no Spark view over the Iceberg table %s:\n%s", tb, spark)
		}
	}
	for _, s := range []string{duck, spark} {
		if strings.Contains(s, "parquet") || !strings.Contains(s, "VIEW report_cells_wide AS") || !strings.Contains(s, "VIEW organ_year_summary AS") {
			t.Errorf("views over Parquet, or no ready views:\n%s", s)
		}
	}
}

// oneLine checks that a refusal is one line on stderr and names what it
// should.
func oneLine(t *testing.T, stderr string, want ...string) {
	t.Helper()
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr is not one line:\n%s", stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr does not name %q: %s", w, stderr)
		}
	}
}

// TestRunInputInsideOutputTwice is the data-loss report as a user typed
// it: `nianbao run --input data/reports --output data`, twice. Each run is
// refused with exit status 2 before it touches anything, and the reports
// are all still there.
func TestRunInputInsideOutputTwice(t *testing.T) {
	dir := t.TempDir()
	dirtest.Copy(t, "../../testdata/samples", filepath.Join(dir, "data", "reports"))
	t.Chdir(dir)
	before := dirtest.Snapshot(t, "data")
	for i := range 2 {
		_, stderr, code := runCLI(t, "", "run", "--input", "data/reports", "--output", "data", "--log-format", "json")
		if code != exitUsage {
			t.Errorf("run %d: exit %d, want %d; stderr:\n%s", i+1, code, exitUsage, stderr)
		}
		oneLine(t, stderr, "data/reports", "--output data")
	}
	if after := dirtest.Snapshot(t, "data"); after != before {
		t.Fatalf("the input folder changed:\n%s\nwas:\n%s", after, before)
	}
}

// TestRunRefusesForeignTableDir: an output folder holding the user's own
// folder named like a table and their own _manifest.json is refused with
// exit status 2 and one line naming the path; nothing in it changes, run
// after run.
func TestRunRefusesForeignTableDir(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	dirtest.Copy(t, "../../testdata/samples", in)
	dirtest.Copy(t, "../../testdata/samples", filepath.Join(out, "reports"))
	if err := os.WriteFile(filepath.Join(out, "_manifest.json"), []byte(`{"owner":"me"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	before := dirtest.Snapshot(t, out)
	for i := range 2 {
		_, stderr, code := runCLI(t, "", "run", "--input", in, "--output", out, "--log-format", "json")
		if code != exitUsage {
			t.Errorf("run %d: exit %d, want %d; stderr:\n%s", i+1, code, exitUsage, stderr)
		}
		oneLine(t, stderr, filepath.Join(out, "_manifest.json"), "did not create")
	}
	if after := dirtest.Snapshot(t, out); after != before {
		t.Fatalf("the output folder changed:\n%s\nwas:\n%s", after, before)
	}
	// Without the manifest, the folder named like a table is what is named.
	os.Remove(filepath.Join(out, "_manifest.json"))
	_, stderr, code := runCLI(t, "", "run", "--input", in, "--output", out, "--log-format", "json")
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	oneLine(t, stderr, filepath.Join(out, "reports"), "a folder")
	if got, want := dirtest.Snapshot(t, filepath.Join(out, "reports")), dirtest.Snapshot(t, in); got != want {
		t.Errorf("the user's reports folder changed:\n%s\nwant:\n%s", got, want)
	}
}

// TestKeepRunsZero: --keep-runs 0 (or NIANBAO_KEEP_RUNS=0) is refused with
// exit status 2 before anything is written, instead of silently keeping 30;
// --keep-runs 1 keeps exactly one record.
func TestKeepRunsZero(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	for _, args := range [][]string{{"--keep-runs", "0"}, {"--keep-runs", "-1"}, {}} {
		if len(args) == 0 {
			t.Setenv("NIANBAO_KEEP_RUNS", "0")
		}
		_, stderr, code := runCLI(t, "", append([]string{"run", "--input", "../../testdata/samples", "--output", out}, args...)...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", args, code, exitUsage, stderr)
		}
		oneLine(t, stderr, "--keep-runs")
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("%v: the output folder was created: %v", args, err)
		}
	}
	t.Setenv("NIANBAO_KEEP_RUNS", "1")
	for range 3 {
		if _, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", out, "--log-format", "json"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	if ents, err := os.ReadDir(filepath.Join(out, "_runs")); err != nil || len(ents) != 1 {
		t.Errorf("--keep-runs 1 left %d records (%v)", len(ents), err)
	}
}

// TestTablesLocal: nianbao tables names exactly the published run's files
// of a local output, and refuses a bad format (2) or a folder with no
// dataset (1).
func TestTablesLocal(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", out, "--log-format", "json"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	stdout, stderr, code := runCLI(t, "", "tables", "--output", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	seen := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		table, file, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("line %q", line)
		}
		if _, err := os.Stat(file); err != nil || !strings.Contains(file, "/.nianbao/runs/") {
			t.Errorf("%s: %v", file, err)
		}
		seen[table]++
	}
	if len(seen) != 5 {
		t.Errorf("tables listed: %v", seen)
	}
	stdout, _, code = runCLI(t, "", "tables", "--output", out, "--format", "duckdb")
	if code != 0 || strings.Count(stdout, "CREATE OR REPLACE VIEW") != 5 || strings.Contains(stdout, "httpfs") {
		t.Errorf("duckdb: exit %d\n%s", code, stdout)
	}
	if _, _, code := runCLI(t, "", "tables", "--output", out, "--format", "csv"); code != 2 {
		t.Errorf("bad format: exit %d", code)
	}
	if _, _, code := runCLI(t, "", "tables", "--output", t.TempDir()); code != 1 {
		t.Errorf("no dataset: exit %d", code)
	}
}

// TestMaxTextBytesFlag: --max-text-bytes (NIANBAO_MAX_TEXT_BYTES) reaches the reader (every sample
// is over 1 KiB of text: all get status error, each with its row) and a
// bad value is a usage error.
func TestMaxTextBytesFlag(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	t.Setenv("NIANBAO_MAX_TEXT_BYTES", "1KiB") // the environment, as the flag would
	_, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", out, "--log-format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, _ := filepath.Glob(filepath.Join(out, "_runs", "*.json"))
	if len(recs) != 1 {
		t.Fatalf("%d run records", len(recs))
	}
	b, err := os.ReadFile(recs[0])
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Reports map[string]int `json:"reports_by_status"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Reports) != 1 || rec.Reports["error"] != 5 {
		t.Errorf("reports by status %v, want 5 errors", rec.Reports)
	}
	for _, v := range []string{"abc", "0", "-1MiB", "1025MiB", "3GiB"} {
		if _, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", out, "--max-text-bytes", v); code != 2 || !strings.Contains(stderr, "--max-text-bytes") {
			t.Errorf("--max-text-bytes %s: exit %d, %s", v, code, stderr)
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

// TestRunSummarySkipped: the summary names why files were skipped, the
// most frequent first, then by name, at most maxSkipReasons of them; an
// extension is counted whatever its case.
func TestRunSummarySkipped(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	seed, err := os.ReadFile("../../testdata/samples/000_74ac7cc249356a73.txt")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"r.txt": string(seed)}
	for _, name := range []string{"a.doc", "b.DOC", "c.wps", "d.xls", "e.png", "f.zip", "g.rar"} {
		files[name] = "x"
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(in, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, stderr, code := runCLI(t, "", "run", "--input", in, "--output", out, "--log-format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	const want = "  skipped:             not an input type (extension .doc)=2, not an input type (extension .png)=1, " +
		"not an input type (extension .rar)=1, not an input type (extension .wps)=1, not an input type (extension .xls)=1, " +
		"and 1 more reason (the run record's inputs.skipped_by)\n"
	if !strings.Contains(stderr, "skipped=7\n"+want) {
		t.Errorf("summary:\n%s\nwant the inputs line with skipped=7, then\n%s", stderr, want)
	}
}
