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
