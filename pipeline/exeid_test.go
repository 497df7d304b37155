package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestExeIdentity: an ELF executable is known by the build ID that `go
// tool buildid` prints, read from its note without reading the file; any
// other file by a hash of its bytes; a missing one by nothing.
func TestExeIdentity(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "linux" {
		out, err := exec.Command("go", "tool", "buildid", exe).Output()
		if err != nil {
			t.Fatalf("go tool buildid: %v", err)
		}
		want := "go:" + strings.TrimSpace(string(out))
		if got := exeIdentity(exe); got != want || len(want) < 20 {
			t.Errorf("identity %q, want %q", got, want)
		}
	}
	other := filepath.Join(t.TempDir(), "script")
	body := []byte("#!/bin/sh\necho not an ELF file\n")
	if err := os.WriteFile(other, body, 0o755); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	if got, want := exeIdentity(other), hex.EncodeToString(sum[:])[:16]; got != want {
		t.Errorf("identity of a script %q, want %q", got, want)
	}
	if got := exeIdentity(filepath.Join(t.TempDir(), "none")); got != "" {
		t.Errorf("identity of a missing file %q, want none", got)
	}
}
