package transform

import (
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/pipeline/generate"
)

// BenchmarkTokenize measures what the parser does to turn a report's text
// into cell streams: cutting it into lines and their compact forms, and
// tokenizing its three tables (into the streams a parse hands back when it
// is done; before there were streams, tokenize allocated each). One sub-benchmark per layout of the
// generated corpus, 40 reports each, their text decoded beforehand;
// SetBytes makes the figure MB/s of report text; cpu-ns/op is the
// process's CPU time per pass.
func BenchmarkTokenize(b *testing.B) {
	for _, layout := range generate.Layouts {
		b.Run("layout="+layout, func(b *testing.B) {
			type doc struct {
				text   string
				keep   bool
				bounds [][2]int
			}
			var docs []doc
			var n int64
			opt := generate.Options{Seed: 1, Layouts: []string{layout}}
			for i := 0; i < 40; i++ {
				name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
				d := extract.ReadBytes(name, data, extract.Limits{})
				_, cl := splitLines(d.Text)
				sec := findSections(cl)
				x := doc{text: d.Text, keep: d.Tables != nil}
				for _, w := range []section{secDisclosures, secApplications, secAppeals} {
					if from, to := sec.bounds(w); from >= 0 {
						x.bounds = append(x.bounds, [2]int{from, to})
					}
				}
				docs = append(docs, x)
				n += int64(len(d.Text))
			}
			var scr scratch // the buffers a parser keeps between reports
			b.SetBytes(n)
			b.ReportAllocs()
			b.ResetTimer()
			defer gctest.ReportCPU(b)() // steadier than the elapsed time on a shared machine
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					lines, cl := splitLines(d.text)
					for _, r := range d.bounds {
						buf, j := scr.toks.take(1024)
						scr.toks.keep(j, tokenizeTo(buf, lines, cl, r[0], r[1], d.keep, nil))
					}
					scr.toks.reset(maxPooledToks) // as parse does when it is done
				}
			}
		})
	}
}
