package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
	in, addLast := seedsLessOne(t)
	dir := t.TempDir()
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
		runEnv(t, os.Environ(), py, script, db, lake, plain, stage)
	}
	check("first")
	addLast()
	check("second")
}

// seedsLessOne copies the seed reports but the last into a new input
// folder, and returns it with a function that adds the last one.
func seedsLessOne(t *testing.T) (in string, addLast func()) {
	t.Helper()
	ents, err := filepath.Glob(filepath.Join(seedsDir(t), "*.txt"))
	if err != nil || len(ents) < 2 {
		t.Fatalf("seeds: %v %v", ents, err)
	}
	in = filepath.Join(t.TempDir(), "in")
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
	return in, func() { copyTo(ents[len(ents)-1]) }
}

// TestIcebergS3Readers is TestIcebergReaders on a SeaweedFS warehouse
// (--output s3://lake/wh): pyiceberg and DuckDB (iceberg_scan through its
// httpfs extension) read the bucket's tables, each with the rows of a plain
// run, and after a rerun with one more report the older snapshot of
// reports gives the first run's rows in both.
func TestIcebergS3Readers(t *testing.T) {
	py := icebergPython(t)
	_, env := weed(t, "lake")
	in, addLast := seedsLessOne(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "catalog.db")
	script, err := filepath.Abs(filepath.Join("iceberg", "check.py"))
	if err != nil {
		t.Fatal(err)
	}
	check := func(stage string) {
		t.Helper()
		plain := filepath.Join(dir, "plain", stage)
		runEnv(t, env, nianbaoBin(t), "run", "--input", in, "--output", plain, "--log-format", "json")
		runEnv(t, env, nianbaoBin(t), "run", "--input", in, "--output", "s3://lake/wh", "--table-format", "iceberg", "--catalog", "sqlite:"+db, "--log-format", "json")
		runEnv(t, env, py, script, db, "s3://lake/wh", plain, stage)
	}
	check("first")
	addLast()
	check("second")
}

// TestIcebergRESTReaders publishes through SeaweedFS's Iceberg REST
// catalog (--catalog rest:URL, OAuth2 client credentials from
// NIANBAO_CATALOG_CREDENTIAL), the dataset in the bucket lake and the
// tables in the catalog's table bucket, and reads them with pyiceberg's
// RestCatalog: the five tables, each with the rows of a plain run; after
// a rerun with one more report, reports has two snapshots and the older
// gives the first run's rows; a rerun with nothing new commits nothing
// (every table's metadata file stays the same).
func TestIcebergRESTReaders(t *testing.T) {
	py := icebergPython(t)
	srv, env := weed(t, "lake", "tables")
	env = append(env, "NIANBAO_CATALOG_CREDENTIAL="+weedtest.AccessKey+":"+weedtest.SecretKey)
	in, addLast := seedsLessOne(t)
	dir := t.TempDir()
	cat := "rest:" + srv.Iceberg
	script, err := filepath.Abs(filepath.Join("iceberg", "check.py"))
	if err != nil {
		t.Fatal(err)
	}
	check := func(stage string) []string {
		t.Helper()
		plain := filepath.Join(dir, "plain", stage)
		runEnv(t, env, nianbaoBin(t), "run", "--input", in, "--output", plain, "--log-format", "json")
		runEnv(t, env, nianbaoBin(t), "run", "--input", in, "--output", "s3://lake/wh", "--table-format", "iceberg",
			"--catalog", cat, "--catalog-warehouse", "tables", "--log-format", "json")
		out := runEnv(t, env, py, script, cat, "tables", plain, stage)
		var metas []string
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "meta ") {
				metas = append(metas, l)
			}
		}
		if len(metas) != 5 {
			t.Fatalf("check.py named %d metadata files, want 5", len(metas))
		}
		return metas
	}
	check("first")
	addLast()
	second := check("second")
	if again := check("second"); !slices.Equal(again, second) {
		t.Errorf("a run with nothing new committed:\n%v\nthen\n%v", second, again)
	}
}
