package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestSidecarLookupAllocs: a folder holding sidecars for some of its
// reports costs no allocation a report to tell which ones have one (the
// names are looked up from a buffer, not made as strings), and a report
// the listing found none for costs none in ReadSidecar; the sidecars
// found are the same.
func TestSidecarLookupAllocs(t *testing.T) {
	walk := func(n int) (float64, map[string]bool) {
		dir := t.TempDir()
		for i := range n {
			name := filepath.Join(dir, fmt.Sprintf("r%03d.txt", i))
			if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// one sidecar by the full name, one by the stem
		os.WriteFile(filepath.Join(dir, "r000.txt.meta.json"), []byte(`{}`), 0o644)
		os.WriteFile(filepath.Join(dir, "r001.meta.json"), []byte(`{}`), 0o644)
		found := map[string]bool{}
		var srcs []Source
		Walk(context.Background(), dir, func(s Source) error {
			srcs = append(srcs, s)
			_, name, ok, err := ReadSidecar(s)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				found[s.Rel+" "+name] = true
			}
			return nil
		})
		if len(srcs) != n {
			t.Fatalf("walked %d files of %d", len(srcs), n)
		}
		if a := testing.AllocsPerRun(20, func() { ReadSidecar(srcs[n-1]) }); a != 0 {
			t.Errorf("%v allocations reading the sidecar of a report whose folder lists none", a)
		}
		return testing.AllocsPerRun(5, func() {
			Walk(context.Background(), dir, func(Source) error { return nil })
		}), found
	}
	a40, found := walk(40)
	if len(found) != 2 || !found["r000.txt r000.txt.meta.json"] || !found["r001.txt r001.meta.json"] {
		t.Fatalf("sidecars found: %v", found)
	}
	a80, _ := walk(80)
	perFile := (a80 - a40) / 40
	t.Logf("walk: %.0f allocations at 40 files, %.0f at 80: %.2f a file", a40, a80, perFile)
	if perFile > 7 {
		t.Errorf("%.2f allocations a file walked, want at most 7 (8.1 when each name was made)", perFile)
	}
}
