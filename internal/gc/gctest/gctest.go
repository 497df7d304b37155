// Package gctest runs a package's benchmarks under the collector settings
// of `nianbao run` (internal/gc), so that their figures are those users
// see; tests keep Go's defaults.
package gctest

import (
	"flag"
	"os"
	"testing"

	"github.com/nianbao/nianbao/internal/gc"
)

// Main is a TestMain: when benchmarks are asked for (-test.bench), it
// applies gc.Apply(gc.DefaultLimit) before running them.
//
//	func TestMain(m *testing.M) { gctest.Main(m) }
func Main(m *testing.M) {
	flag.Parse()
	if Benchmarking() {
		gc.Apply(gc.DefaultLimit)
	}
	os.Exit(m.Run())
}

// Benchmarking reports whether the test binary was asked to run
// benchmarks.
func Benchmarking() bool {
	f := flag.Lookup("test.bench")
	return f != nil && f.Value.String() != ""
}

// ReportCPU reports the process's CPU time (user and system, collector
// included) per operation from now to the call of the function it
// returns: on a machine others share, a steadier figure than the elapsed
// time.
//
//	defer gctest.ReportCPU(b)()
func ReportCPU(b *testing.B) func() {
	start := CPUTime()
	return func() { b.ReportMetric(float64(CPUTime()-start)/float64(b.N), "cpu-ns/op") }
}
