package generate

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/reports from the fixture descriptions")

// fixtureDir holds the committed test reports.
var fixtureDir = filepath.Join("..", "..", "testdata", "reports")

// TestFixturesGolden checks that the committed test reports and
// expected.jsonl are exactly what the descriptions render today, and that
// the folder holds nothing else, so the files cannot drift from their
// descriptions. go test ./pipeline/generate -run TestFixturesGolden -update
// (make fixtures) rewrites them after an intended change.
func TestFixturesGolden(t *testing.T) {
	want, err := Fixtures()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := WriteFixtures(fixtureDir); err != nil {
			t.Fatal(err)
		}
	}
	var have []string
	err = filepath.WalkDir(fixtureDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(fixtureDir, path)
		have = append(have, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(have)
	for _, name := range have {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is in testdata/reports but no fixture renders it", name)
		}
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(fixtureDir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v (run make fixtures)", name, err)
			continue
		}
		if !bytes.Equal(got, data) {
			gl, wl := strings.Split(string(got), "\n"), strings.Split(string(data), "\n")
			for i := range max(len(gl), len(wl)) {
				g, w := "", ""
				if i < len(gl) {
					g = gl[i]
				}
				if i < len(wl) {
					w = wl[i]
				}
				if g != w {
					t.Errorf("%s differs from its description at line %d:\n  file:     %q\n  rendered: %q", name, i+1, g, w)
					break
				}
			}
		}
	}
}
