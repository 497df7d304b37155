package extract

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestOpenStatListed: OpenStat without a FileInfo (the caller's listing
// found a regular file) opens a regular file and returns the open file's
// FileInfo, and refuses a FIFO found there instead without blocking.
func TestOpenStatListed(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(p, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, fi, err := OpenStat(p, nil)
	if err != nil || fi == nil || fi.Size() != 3 || !fi.Mode().IsRegular() {
		t.Fatalf("regular file: %v %v", fi, err)
	}
	f.Close()
	q := filepath.Join(dir, "b.txt")
	mkfifo(t, q)
	done := make(chan error, 1)
	go func() {
		f, fi, err := OpenStat(q, nil)
		if f != nil || fi == nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("FIFO: file %v, info %v", f, fi)
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("FIFO: err %v, want ErrNotRegular", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("OpenStat blocked on a FIFO")
	}
}
