// Package gc holds the garbage collector settings of `nianbao run`, so that
// the benchmarks of every package measure the program users run, not Go's
// defaults (which cost about a quarter more CPU in collection).
package gc

import (
	"os"
	"runtime/debug"
)

// DefaultLimit is the soft memory limit of `nianbao run` (--memory-limit
// 220MiB). It bounds the Go runtime's memory, not the process's: the
// program's own code and tables add about 50 MB of resident pages, and a
// collection that starts near the limit lets the heap pass it while it
// runs. With Percent, the peak of a 20 000- or 100 000-report run and of
// the worst files stays under 300 MB.
const DefaultLimit = 220 << 20

// Percent is the GOGC that applies under a limit: the heap may grow to three
// times its live part (Go's default lets it grow to twice), so the collector
// runs less often; the limit still caps the heap when the live part grows.
const Percent = 200

// Apply sets the soft memory limit to limit bytes (none when limit is 0)
// and, under a limit, GOGC to Percent, as `nianbao run` does. GOMEMLIMIT in
// the environment wins over limit (nothing is changed), and GOGC over
// Percent. restore puts back the settings Apply replaced.
func Apply(limit int64) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" || limit <= 0 {
		return func() {}
	}
	oldLimit := debug.SetMemoryLimit(limit)
	oldPercent := -2 // unchanged
	if os.Getenv("GOGC") == "" {
		oldPercent = debug.SetGCPercent(Percent)
	}
	return func() {
		debug.SetMemoryLimit(oldLimit)
		if oldPercent != -2 {
			debug.SetGCPercent(oldPercent)
		}
	}
}
