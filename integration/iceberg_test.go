package integration

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// icebergPython is the interpreter with pyiceberg and DuckDB's iceberg
// extension: $NIANBAO_ICEBERG_PYTHON, $NIANBAO_PYTHON, or .venv (`make venv`).
func icebergPython(t *testing.T) string {
	t.Helper()
	if py := os.Getenv("NIANBAO_ICEBERG_PYTHON"); py != "" {
		return py
	}
	py := sparkPython(t)
	if exec.Command(py, "-c", "import pyiceberg, duckdb").Run() != nil {
		msg := py + " has no pyiceberg or duckdb: run `make venv`"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return py
}

// TestIcebergReaders publishes the seeds less one report as Iceberg
// tables, then all of them, and reads the tables with pyiceberg and
// DuckDB (iceberg/check.py): each table holds the rows of a plain run of
// the same inputs, partitioned by identity(report_year); after the second
// run reports has two snapshots and the older one gives the first rows.
func TestIcebergReaders(t *testing.T) {
	py := icebergPython(t)
	seeds := seedsDir(t)
	ents, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if err != nil || len(ents) < 2 {
		t.Fatalf("seeds: %v %v", ents, err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	copyTo := func(src string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, filepath.Base(src)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range ents[:len(ents)-1] {
		copyTo(f)
	}
	lake, db := filepath.Join(dir, "lake"), filepath.Join(dir, "catalog.db")
	script, err := filepath.Abs(filepath.Join("iceberg", "check.py"))
	if err != nil {
		t.Fatal(err)
	}
	check := func(stage string) {
		t.Helper()
		plain := filepath.Join(dir, "plain", stage)
		nianbao(t, "run", "--input", in, "--output", plain, "--log-format", "json")
		nianbao(t, "run", "--input", in, "--output", lake, "--table-format", "iceberg", "--catalog", "sqlite:"+db, "--log-format", "json")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, py, script, db, lake, plain, stage).CombinedOutput()
		if err != nil {
			t.Fatalf("iceberg/check.py %s: %v\n%s", stage, err, out)
		}
		t.Logf("%s", out)
	}
	check("first")
	copyTo(ents[len(ents)-1])
	check("second")
}
