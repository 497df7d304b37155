package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/gc"
)

// TestProfilesWritten: --cpuprofile and --memprofile (and their variables)
// leave runtime/pprof profiles that go tool pprof reads.
func TestProfilesWritten(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	t.Setenv("NIANBAO_MEMPROFILE", mem)
	_, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", filepath.Join(dir, "out"),
		"--cpuprofile", cpu, "--log-format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{cpu, mem} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// A profile is a gzipped protocol buffer.
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not gzip: %v", f, err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil || len(raw) == 0 {
			t.Fatalf("%s: %d bytes after gzip (%v)", f, len(raw), err)
		}
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to read the profiles with")
	}
	out, err := exec.Command(goTool, "tool", "pprof", "-sample_index=alloc_space", "-top", mem).CombinedOutput()
	if err != nil {
		t.Fatalf("go tool pprof %s: %v\n%s", mem, err, out)
	}
	// The run parsed five reports: their allocations are in the profile.
	if !strings.Contains(string(out), "flat%") || !strings.Contains(string(out), "nianbao") {
		t.Errorf("the allocation profile names no nianbao function:\n%s", out)
	}
	if out, err := exec.Command(goTool, "tool", "pprof", "-top", cpu).CombinedOutput(); err != nil || !strings.Contains(string(out), "Type: cpu") {
		t.Errorf("go tool pprof %s: %v\n%s", cpu, err, out)
	}
}

// TestProfileFileUnwritable: a profile that cannot be created is a usage
// error naming the flag, before anything is read.
func TestProfileFileUnwritable(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", filepath.Join(dir, "out"),
		"--cpuprofile", filepath.Join(dir, "no", "such", "cpu.pprof"))
	if code != exitUsage || !strings.Contains(stderr, "--cpuprofile") {
		t.Errorf("exit %d, stderr %q; want %d naming --cpuprofile", code, stderr, exitUsage)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Errorf("the output was written (%v)", err)
	}
}

// TestMemoryLimitDefaultIsGC: the default of --memory-limit, as --help
// prints it, is the limit the benchmarks apply (gc.DefaultLimit).
func TestMemoryLimitDefaultIsGC(t *testing.T) {
	stdout, _, _ := runCLI(t, "", "run", "--help")
	m := regexp.MustCompile(`--memory-limit value[^\n]*\(default: "([^"]+)"\)`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no default for --memory-limit in:\n%s", stdout)
	}
	n, err := parseSize(m[1])
	if err != nil || n != gc.DefaultLimit {
		t.Fatalf("--memory-limit default %s = %d (%v), gc.DefaultLimit = %d", m[1], n, err, int64(gc.DefaultLimit))
	}
}
