package integration

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/weedtest"
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

// TestIcebergS3Readers is TestIcebergReaders on a SeaweedFS warehouse
// (--output s3://lake/wh): pyiceberg and DuckDB (iceberg_scan through its
// httpfs extension) read the bucket's tables, each with the rows of a plain
// run, and after a rerun with one more report the older snapshot of
// reports gives the first run's rows in both.
func TestIcebergS3Readers(t *testing.T) {
	py := icebergPython(t)
	srv, err := weedtest.Start()
	if errors.Is(err, weedtest.ErrNoWeed) {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	if err := srv.Bucket("lake"); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), srv.Env()...)
	env = append(env, "XDG_CACHE_HOME="+t.TempDir(), "AWS_CONFIG_FILE="+os.DevNull, "AWS_SHARED_CREDENTIALS_FILE="+os.DevNull)
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
	db := filepath.Join(dir, "catalog.db")
	script, err := filepath.Abs(filepath.Join("iceberg", "check.py"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", filepath.Base(name), args, err, tail(out))
		} else if filepath.Base(name) != filepath.Base(nianbaoBin(t)) {
			t.Logf("%s", out)
		}
	}
	check := func(stage string) {
		t.Helper()
		plain := filepath.Join(dir, "plain", stage)
		run(nianbaoBin(t), "run", "--input", in, "--output", plain, "--log-format", "json")
		run(nianbaoBin(t), "run", "--input", in, "--output", "s3://lake/wh", "--table-format", "iceberg", "--catalog", "sqlite:"+db, "--log-format", "json")
		run(py, script, db, "s3://lake/wh", plain, stage)
	}
	check("first")
	copyTo(ents[len(ents)-1])
	check("second")
}
