package transform_test

import (
	"testing"

	"github.com/nianbao/nianbao/internal/gc/gctest"
)

// BenchmarkParse parses the five seeds, one layout each; SetBytes makes
// the figure MB/s of decoded report text, and cpu-ns/op is the process's
// CPU time per pass over the five.
func BenchmarkParse(b *testing.B) {
	docs := seedDocs(b)
	var n int64
	for _, d := range docs {
		n += int64(len(d))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	defer gctest.ReportCPU(b)() // steadier than the elapsed time on a shared machine
	for i := 0; i < b.N; i++ {
		for j, d := range docs {
			parseText("seed", d)
			_ = j
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "reports/s")
}
