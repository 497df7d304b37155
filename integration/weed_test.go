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

// weed starts SeaweedFS for one test (skipped without NIANBAO_WEED, except
// in CI), with an S3 bucket and the S3 Tables buckets of its Iceberg REST
// catalog, and returns it with the environment a client process needs:
// the server's endpoint and keys, and no shared AWS files of the machine.
// The server stops when the test ends.
func weed(t *testing.T, bucket string, tableBuckets ...string) (*weedtest.Server, []string) {
	t.Helper()
	srv, err := weedtest.Start(tableBuckets...)
	if errors.Is(err, weedtest.ErrNoWeed) {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	if err := srv.Bucket(bucket); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), srv.Env()...)
	env = append(env, "XDG_CACHE_HOME="+t.TempDir(), "AWS_CONFIG_FILE="+os.DevNull, "AWS_SHARED_CREDENTIALS_FILE="+os.DevNull)
	return srv, env
}

// runEnv runs a program (nianbao, a Python check) with env and returns its
// standard output; the test fails with the end of its standard error when
// it fails. A Python check's output is logged.
func runEnv(t *testing.T, env []string, name string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s\nstderr:\n%s", filepath.Base(name), args, err, tail(stdout.Bytes()), tail(stderr.Bytes()))
	}
	if filepath.Base(name) != filepath.Base(nianbaoBin(t)) {
		t.Logf("%s", stdout.Bytes())
	}
	return stdout.Bytes()
}
