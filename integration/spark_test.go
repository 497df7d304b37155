package integration

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// sparkPython is the interpreter that has pyspark: $NIANBAO_PYTHON, or the
// repository's .venv (made by `make venv`).
func sparkPython(t *testing.T) string {
	t.Helper()
	if py := os.Getenv("NIANBAO_PYTHON"); py != "" {
		return py
	}
	py := filepath.Join(repoRoot(t), ".venv", "bin", "python")
	if _, err := os.Stat(py); err == nil {
		return py
	}
	msg := "no Python with pyspark: run `make venv` (creates .venv) or set NIANBAO_PYTHON"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// TestSparkSeeds reads the seed dataset with Spark (spark/check.py) and
// checks the same figures as the DuckDB tests, every expected cell included.
func TestSparkSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("Spark takes half a minute to start")
	}
	py := sparkPython(t)
	out := seedDataset(t)
	seeds := seedsDir(t)
	script, err := filepath.Abs(filepath.Join("spark", "check.py"))
	if err != nil {
		t.Fatal(err)
	}
	runSpark(t, py, script, out, filepath.Join(seeds, "expected", "seeds.jsonl"), seeds)
}

// TestSparkReadyViews executes every statement of `nianbao schema --format
// spark-sql` with Spark (spark/views.py) over the samples and their copies,
// and checks the ready views as TestDuckDBReadyViews does for DuckDB: the
// wide view's cells are the long tables', the summary's figures the wide
// view's.
func TestSparkReadyViews(t *testing.T) {
	if testing.Short() {
		t.Skip("Spark takes half a minute to start")
	}
	py := sparkPython(t)
	out := copiesDataset(t)
	views := filepath.Join(t.TempDir(), "views.sql")
	if err := os.WriteFile(views, nianbao(t, "schema", "--format", "spark-sql", "--output", out), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("spark", "views.py"))
	if err != nil {
		t.Fatal(err)
	}
	runSpark(t, py, script, views)
}

// runSpark runs a Spark check script and fails the test with its output
// when it exits non-zero.
func runSpark(t *testing.T, py, script string, args ...string) {
	t.Helper()
	runSparkEnv(t, nil, py, script, args...)
}

// runSparkEnv is runSpark with the environment env (nil: this process's).
func runSparkEnv(t *testing.T, env []string, py, script string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, append([]string{script}, args...)...)
	cmd.Env = env
	cmd.Dir = t.TempDir() // Spark may leave spark-warehouse/ or derby.log behind
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		t.Fatalf("spark/%s: %v\n%s\nstderr:\n%s", filepath.Base(script), err, stdout.String(), tail(stderr.Bytes()))
	}
	t.Logf("%s", stdout.String())
}
