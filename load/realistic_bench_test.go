package load

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/gc"
	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// generatedParses are the parses of the first 2 000 reports of the
// generated corpus (nianbao generate --seed 1), in report_id order, as a
// run hands them to the Writer.
var generatedParses = sync.OnceValue(func() []*schemas.Parsed {
	opt := generate.Options{Reports: 2000, Seed: 1}
	ps := make([]*schemas.Parsed, opt.Reports)
	for i := range ps {
		name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		ps[i] = transform.Parse(extract.ReadBytes(name, data, extract.Limits{}))
		ps[i].SetKey()
	}
	slices.SortStableFunc(ps, func(a, b *schemas.Parsed) int { return compareReports(&a.Report, &b.Report) })
	return ps
})

// BenchmarkAddCellsGenerated is BenchmarkAddCells over the parses of 2 000
// generated reports instead of template-sized copies of one: the rows a
// run writes (their codes, counts, raw texts and report_ids), whose
// compression and dictionaries cost what they cost in a run, where the
// template's repeated rows compress alike at any zstd level. Cell tables
// through AddCells, then reports and quality through AddReport, committed
// without verification. Bytes are the Parquet bytes written.
func BenchmarkAddCellsGenerated(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	ps := generatedParses()
	rows := 0
	for _, p := range ps {
		rows += len(p.Disclosures) + len(p.Applications) + len(p.Appeals)
	}
	if rows < 100*len(ps) {
		b.Fatalf("%d cell rows for %d reports: the generated reports did not parse", rows, len(ps))
	}
	out := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	defer gctest.ReportCPU(b)()
	for i := 0; i < b.N; i++ {
		m := writeSplit(b, out, fmt.Sprintf("r%d", i), ps)
		if i == 0 {
			b.SetBytes(writtenBytes(m))
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "cellrows/s")
}
