package pipeline_test

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/gc"
	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/pipeline"
)

// BenchmarkReadDecodeParse is the work a rule-based parser does per core:
// walk the corpus, then read, decode and parse every file in one goroutine
// with GOMAXPROCS=1; nothing is written. It is the figure set beside the
// Python peer's (docs/performance.md), which parses on one core with no
// output. The count of reports parsed is checked, so the figure is of work
// done. NIANBAO_PERCORE_REPORTS sets the corpus size (default 2 000).
func BenchmarkReadDecodeParse(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	n := 2000 // the size of the corpus the peer's figure was taken on
	if v, err := strconv.Atoi(os.Getenv("NIANBAO_PERCORE_REPORTS")); err == nil && v > 0 {
		n = v
	}
	{
		b.Run("reports="+strconv.Itoa(n), func(b *testing.B) {
			dir, bytes := corpusDir(b, n)
			b.SetBytes(bytes)
			b.ReportAllocs()
			cpu0 := gctest.CPUTime()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				parsed := 0
				err := extract.Walk(context.Background(), dir, func(s extract.Source) error {
					p, err := pipeline.ParseSource(context.Background(), s, extract.Limits{})
					if err != nil {
						return err
					}
					if p.Report.ReportID != "" {
						parsed++
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				if parsed != n {
					b.Fatalf("parsed %d reports, want %d", parsed, n)
				}
			}
			b.StopTimer()
			cpu := (gctest.CPUTime() - cpu0).Seconds()
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "reports/s")
			// CPU time moves less than wall time when the machine is shared.
			b.ReportMetric(float64(b.N)*float64(bytes)/1e6/cpu, "MB/cpu-s")
			b.ReportMetric(cpu*1e3/float64(b.N*n), "cpu-ms/report")
		})
	}
}
