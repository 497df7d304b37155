package dirtest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSnapshotSeesEveryChange: a copy has the same snapshot as its source,
// and each kind of change to it — bytes, a new hidden file, a removal, a
// re-pointed link, a mode — makes the snapshot differ.
func TestSnapshotSeesEveryChange(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	if err := os.MkdirAll(filepath.Join(src, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "a", "f.txt"), []byte("one"), 0o644)
	os.WriteFile(filepath.Join(src, "g.txt"), []byte("two"), 0o644)
	os.Symlink("a", filepath.Join(src, "link"))
	want := Snapshot(t, src)

	changes := map[string]func(dir string){
		"bytes":  func(d string) { os.WriteFile(filepath.Join(d, "a", "f.txt"), []byte("One"), 0o644) },
		"hidden": func(d string) { os.WriteFile(filepath.Join(d, ".h"), nil, 0o644) },
		"remove": func(d string) { os.Remove(filepath.Join(d, "g.txt")) },
		"link":   func(d string) { os.Remove(filepath.Join(d, "link")); os.Symlink("g.txt", filepath.Join(d, "link")) },
		"mode":   func(d string) { os.Chmod(filepath.Join(d, "g.txt"), 0o600) },
	}
	for name, change := range changes {
		dst := filepath.Join(t.TempDir(), "dst")
		Copy(t, src, dst)
		if got := Snapshot(t, dst); got != want {
			t.Fatalf("%s: the copy differs before any change:\n%s\nwant\n%s", name, got, want)
		}
		change(dst)
		if Snapshot(t, dst) == want {
			t.Errorf("%s: the snapshot did not change", name)
		}
	}
}
