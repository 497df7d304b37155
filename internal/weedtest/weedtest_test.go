package weedtest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestStopLeavesNothing: a stopped server leaves nothing of its own in the
// temporary directory: not its folder, its log, its volume files and logs
// (TMPDIR points into the folder) nor the gRPC sockets weed makes in /tmp.
func TestStopLeavesNothing(t *testing.T) {
	s, err := Start()
	if errors.Is(err, ErrNoWeed) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Bucket("leaves-nothing"); err != nil {
		s.Stop()
		t.Fatal(err)
	}
	made := 0
	for _, name := range s.sockets {
		if fi, err := os.Lstat(name); err == nil && fi.Mode()&os.ModeSocket != 0 {
			made++
		}
	}
	if made == 0 {
		s.Stop()
		t.Fatalf("none of %v is a socket while the server runs: weed names them differently now", s.sockets)
	}
	// Weed's logs and its volume files, which it puts in the temporary
	// directory, are under the server's folder.
	var logs, volumes int
	filepath.WalkDir(s.dir, func(path string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
		case d.Name() == "weed.INFO":
			logs++
		case filepath.Ext(path) == ".dat":
			volumes++
		}
		return nil
	})
	if logs == 0 || volumes == 0 {
		s.Stop()
		t.Fatalf("the server's folder %s holds %d weed.INFO and %d volume files while it runs: they are elsewhere", s.dir, logs, volumes)
	}
	s.Stop()
	for _, name := range append([]string{s.dir, s.log.Name()}, s.sockets...) {
		if _, err := os.Lstat(name); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is left after Stop (%v)", name, err)
		}
	}
}
