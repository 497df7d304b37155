package extract

import (
	"testing"

	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/pipeline/generate"
)

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
		files := generatedPages(b, 40, 7, group.layouts...)
		var size int64
		for _, f := range files {
			size += int64(len(f))
		}
		b.Run(group.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			defer gctest.ReportCPU(b)()
			for b.Loop() {
				for name, f := range files {
					ReadBytes(name, f, Limits{})
				}
			}
		})
	}
}
