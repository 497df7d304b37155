package extract_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
)

// generated writes a corpus of n reports drawn from layouts and returns
// its files by name.
func generated(tb testing.TB, n int, seed int64, layouts ...string) map[string][]byte {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := generate.Corpus(context.Background(), dir, generate.Options{Reports: n, Seed: seed, Layouts: layouts}); err != nil {
		tb.Fatal(err)
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".jsonl") {
			return err
		}
		b, err := os.ReadFile(p)
		files[filepath.Base(p)] = b
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// BenchmarkReadHTML measures reading generated pages as a site serves
// them, as Word saves them and as a crawler keeps them (the page escaped
// in a .txt): bytes of page per second and what is allocated for them.
func BenchmarkReadHTML(b *testing.B) {
	for _, group := range []struct {
		name    string
		layouts []string
	}{
		{"site", []string{generate.LayoutHTML, generate.LayoutHTMLSpacer, generate.LayoutHTMLShifted}},
		{"word", []string{generate.LayoutWordHTML}},
		{"crawled", []string{generate.LayoutCrawled}},
	} {
		files := generated(b, 40, 7, group.layouts...)
		var size int64
		for _, f := range files {
			size += int64(len(f))
		}
		b.Run(group.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for name, f := range files {
					extract.ReadBytes(name, f, extract.Limits{})
				}
			}
		})
	}
}
