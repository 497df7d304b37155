package transform_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/internal/gc/gctest"
)

// BenchmarkParse parses the five seeds, one layout each; SetBytes makes
// the figure MB/s of decoded report text, and cpu-ns/op is the process's
// CPU time per pass over the five.
func BenchmarkParse(b *testing.B) {
	var docs [][]byte
	var n int64
	for _, f := range []string{"000_74ac7cc249356a73.txt", "001_a1c7e16d78f57f88.txt", "002_3da227dd059fe48d.txt", "003_16d68db4dbaa666b.txt", "004_77c3b53386b2261e.txt"} {
		d, err := os.ReadFile(filepath.Join("..", "testdata", "samples", f))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
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
