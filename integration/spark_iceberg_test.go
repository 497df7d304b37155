package integration

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	in, addLast := seedsLessOne(t)
	dir := t.TempDir()
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
	addLast()
	check("second")
}

// TestSparkIcebergReadyViews executes `nianbao schema --format spark-sql
// --table-format iceberg` in a Spark session with nianbao's catalog
// (spark/views.py) over the samples and their copies published as Iceberg
// tables: the checks of TestSparkReadyViews, on views over the tables
// nianbao.nianbao.*.
func TestSparkIcebergReadyViews(t *testing.T) {
	if testing.Short() {
		t.Skip("Spark takes half a minute to start")
	}
	py := sparkPython(t)
	out := copiesDataset(t, "--table-format", "iceberg")
	sql := nianbao(t, "schema", "--format", "spark-sql", "--table-format", "iceberg")
	if !strings.Contains(string(sql), "`nianbao`.`nianbao`.`reports`") {
		t.Fatalf("the views do not read the Iceberg tables:\n%s", sql)
	}
	views := filepath.Join(t.TempDir(), "views.sql")
	if err := os.WriteFile(views, sql, 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("spark", "views.py"))
	if err != nil {
		t.Fatal(err)
	}
	runSpark(t, py, script, views, filepath.Join(out, "iceberg", "catalog.db"), out)
}

// TestDuckDBIcebergReadyViews executes `nianbao schema --format sql
// --table-format iceberg` in DuckDB with its iceberg extension
// (iceberg/views.py) over the samples and their copies: every view, the
// ready ones too, holds the rows of the same view over the Parquet tables,
// and the wide view's cells are the long tables' values.
func TestDuckDBIcebergReadyViews(t *testing.T) {
	py := icebergPython(t)
	out := copiesDataset(t, "--table-format", "iceberg")
	dir := t.TempDir()
	ice, pq := filepath.Join(dir, "iceberg.sql"), filepath.Join(dir, "parquet.sql")
	if err := os.WriteFile(ice, nianbao(t, "schema", "--format", "sql", "--table-format", "iceberg", "--output", out), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pq, nianbao(t, "schema", "--format", "sql", "--output", out), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("iceberg", "views.py"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	res, err := exec.CommandContext(ctx, py, script, ice, pq).CombinedOutput()
	if err != nil {
		t.Fatalf("iceberg/views.py: %v\n%s", err, res)
	}
	t.Logf("%s", res)
}

// TestSparkIcebergS3 is TestSparkIceberg on a SeaweedFS warehouse
// (--output s3://lake/wh): Spark reads the bucket's tables through
// Iceberg's S3FileIO (iceberg-aws-bundle), each with the rows of a plain
// run, and after the rerun VERSION AS OF the older snapshot gives the
// first run's rows.
func TestSparkIcebergS3(t *testing.T) {
	if testing.Short() {
		t.Skip("Spark takes half a minute to start")
	}
	py := sparkPython(t)
	_, env := weed(t, "lake")
	in, addLast := seedsLessOne(t)
	dir := t.TempDir()
	db, state := filepath.Join(dir, "catalog.db"), filepath.Join(dir, "first.json")
	script, err := filepath.Abs(filepath.Join("spark", "iceberg.py"))
	if err != nil {
		t.Fatal(err)
	}
	check := func(stage string) {
		t.Helper()
		plain := filepath.Join(dir, "plain", stage)
		runEnv(t, env, nianbaoBin(t), "run", "--input", in, "--output", plain, "--log-format", "json")
		runEnv(t, env, nianbaoBin(t), "run", "--input", in, "--output", "s3://lake/wh", "--table-format", "iceberg", "--catalog", "sqlite:"+db, "--log-format", "json")
		runSparkEnv(t, env, py, script, db, "s3://lake/wh", plain, stage, state)
	}
	check("first")
	addLast()
	check("second")
}
