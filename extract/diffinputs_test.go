package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// diffPages are the inputs the HTML readers' differential tests compare
// old and new code over, by name: generated pages of every HTML layout
// (when generated is set), ten real pages, every file below testdata and
// the seed reports. seeds are the seeds' names among them.
func diffPages(t testing.TB, generated bool) (pages map[string][]byte, seeds []string) {
	t.Helper()
	pages = map[string][]byte{}
	if generated {
		pages = generatedPages(t, 3, 7, htmlLayouts...)
	}
	for name, b := range realPages(10) {
		pages[name] = b
	}
	_ = filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := os.ReadFile(p); err == nil {
				pages[p] = b
			}
		}
		return nil
	})
	seeds, _ = filepath.Glob("../../shared/seeds/*.txt")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages[p] = b
	}
	return pages, seeds
}

// textFiles are the text reports the text path's differential tests
// compare old and new code over, by name: generated reports of every
// layout, the text files below testdata, the seeds and, when
// NIANBAO_BENCH_CORPUS names one, a corpus's text files.
func textFiles(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	generated(t, 3, "txt", func(_, name string, b []byte) { files[name] = b })
	walk := func(root string) {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && FormatOf(p) == "txt" {
				if b, err := os.ReadFile(p); err == nil {
					files[p] = b
				}
			}
			return nil
		})
	}
	walk("testdata")
	walk("../../shared/seeds")
	if root := os.Getenv("NIANBAO_BENCH_CORPUS"); root != "" {
		walk(root)
	}
	return files
}
