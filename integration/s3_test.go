package integration

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/weedtest"
)

// TestS3Readers publishes the seed reports into a SeaweedFS bucket and
// reads them back as the lake's readers do (s3/check.py): pyarrow's
// S3FileSystem and DuckDB's httpfs, both through the manifest, both getting
// the rows of the same run published to a local folder.
func TestS3Readers(t *testing.T) {
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
	py := sparkPython(t) // the same .venv holds pyarrow and DuckDB
	local := seedDataset(t)
	url := "s3://lake/nianbao"
	env := append(os.Environ(), srv.Env()...)
	env = append(env, "XDG_CACHE_HOME="+t.TempDir(), "AWS_CONFIG_FILE="+os.DevNull, "AWS_SHARED_CREDENTIALS_FILE="+os.DevNull)
	runBin := func(args ...string) []byte {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, nianbaoBin(t), args...)
		cmd.Env = env
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		if err := cmd.Run(); err != nil {
			t.Fatalf("nianbao %v: %v\n%s", args, err, tail(e.Bytes()))
		}
		return o.Bytes()
	}
	runBin("run", "--input", seedsDir(t), "--output", url, "--log-format", "json")
	sql := filepath.Join(t.TempDir(), "views.sql")
	if err := os.WriteFile(sql, runBin("tables", "--output", url, "--format", "duckdb"), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("s3", "check.py"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, script, local, url, sql)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("s3/check.py: %v\n%s\nstderr:\n%s", err, stdout.String(), tail(stderr.Bytes()))
	}
	t.Logf("%s", stdout.String())
}
