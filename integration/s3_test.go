package integration

import (
	"os"
	"path/filepath"
	"testing"
)

// TestS3Readers publishes the seed reports into a SeaweedFS bucket and
// reads them back as the lake's readers do (s3/check.py): pyarrow's
// S3FileSystem and DuckDB's httpfs, both through the manifest, both getting
// the rows of the same run published to a local folder.
func TestS3Readers(t *testing.T) {
	_, env := weed(t, "lake")
	py := sparkPython(t) // the same .venv holds pyarrow and DuckDB
	local := seedDataset(t)
	url := "s3://lake/nianbao"
	runEnv(t, env, nianbaoBin(t), "run", "--input", seedsDir(t), "--output", url, "--log-format", "json")
	sql := filepath.Join(t.TempDir(), "views.sql")
	if err := os.WriteFile(sql, runEnv(t, env, nianbaoBin(t), "tables", "--output", url, "--format", "duckdb"), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("s3", "check.py"))
	if err != nil {
		t.Fatal(err)
	}
	runEnv(t, env, py, script, local, url, sql)
}
