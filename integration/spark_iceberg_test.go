package integration

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSparkIceberg publishes the seeds less one report as Iceberg tables
// in a SQLite catalog, then all of them, and reads the tables with Spark
// 4.1 and Iceberg's runtime through a JDBC catalog over the same file
// (spark/iceberg.py): the namespace lists the five tables, each holds the
// rows of the run's Parquet tables and of a plain run, and after the rerun
// reports VERSION AS OF (and TIMESTAMP AS OF) the older snapshot gives the
// first run's rows.
func TestSparkIceberg(t *testing.T) {
	if testing.Short() {
		t.Skip("Spark takes half a minute to start")
	}
	py := sparkPython(t)
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
	lake, db, state := filepath.Join(dir, "lake"), filepath.Join(dir, "catalog.db"), filepath.Join(dir, "first.json")
	script, err := filepath.Abs(filepath.Join("spark", "iceberg.py"))
	if err != nil {
		t.Fatal(err)
	}
	check := func(stage string) {
		t.Helper()
		plain := filepath.Join(dir, "plain", stage)
		nianbao(t, "run", "--input", in, "--output", plain, "--log-format", "json")
		nianbao(t, "run", "--input", in, "--output", lake, "--table-format", "iceberg", "--catalog", "sqlite:"+db, "--log-format", "json")
		runSpark(t, py, script, db, lake, plain, stage, state)
	}
	check("first")
	copyTo(ents[len(ents)-1])
	check("second")
}
