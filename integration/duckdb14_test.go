package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// TestDuckDB14UnknownYear runs the statements `nianbao schema --format sql`
// and `nianbao tables --format duckdb` print with the venv's DuckDB 1.4
// over a dataset holding a report of unknown year. DuckDB before 1.5
// reads a folder report_year=__HIVE_DEFAULT_PARTITION__ as that string
// when it reads partitions from folder names, and a year filter then
// fails; the statements read the year the files hold, so the unknown year
// is NULL and report_year an INTEGER.
func TestDuckDB14UnknownYear(t *testing.T) {
	py := sparkPython(t) // the same .venv holds DuckDB 1.4
	in := filepath.Join(t.TempDir(), "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "samples", "000_74ac7cc249356a73.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(in, "000.txt"), b, 0o644)
	os.WriteFile(filepath.Join(in, "no-year.txt"), []byte("某单位工作总结\n没有表格。\n"), 0o644)
	out := runPipeline(t, in, "duckdb14-"+t.Name())
	if _, err := os.Stat(filepath.Join(out, "reports", "report_year=__HIVE_DEFAULT_PARTITION__")); err != nil {
		t.Fatalf("no folder of unknown year: %v", err)
	}
	dir := t.TempDir()
	schemaSQL, tablesSQL := filepath.Join(dir, "schema.sql"), filepath.Join(dir, "tables.sql")
	os.WriteFile(schemaSQL, nianbao(t, "schema", "--format", "sql", "--output", out), 0o644)
	os.WriteFile(tablesSQL, nianbao(t, "tables", "--format", "duckdb", "--output", out), 0o644)
	script, _ := filepath.Abs(filepath.Join("duckdb14", "check.py"))
	res, err := exec.Command(py, script, schemaSQL, tablesSQL).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("check.py: %v\n%s", err, stderr)
	}
	var got struct {
		Version string
		Schema  map[string]any
		Tables  map[string]any
	}
	if err := json.Unmarshal(res, &got); err != nil {
		t.Fatalf("%v: %s", err, res)
	}
	t.Logf("DuckDB %s", got.Version)
	want := map[string]any{
		"years":             []any{[]any{nil, "INTEGER", 1.0}, []any{"2020", "INTEGER", 1.0}},
		"applications_2020": 161.0,
	}
	for name, g := range map[string]map[string]any{"schema --format sql": got.Schema, "tables --format duckdb": got.Tables} {
		if !reflect.DeepEqual(g, want) {
			t.Errorf("%s: %v, want %v", name, g, want)
		}
	}
}
