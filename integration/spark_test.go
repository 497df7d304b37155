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
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, script, out, filepath.Join(seeds, "expected", "seeds.jsonl"), seeds)
	cmd.Dir = t.TempDir() // Spark may leave spark-warehouse/ or derby.log behind
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	t.Logf("spark check took %s", time.Since(start).Round(time.Second))
	if err != nil {
		t.Fatalf("spark/check.py: %v\n%s\nstderr:\n%s", err, stdout.String(), tail(stderr.Bytes()))
	}
	t.Logf("%s", stdout.String())
}
