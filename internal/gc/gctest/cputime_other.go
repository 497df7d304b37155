//go:build !unix

package gctest

import "time"

// CPUTime is not measured here: the benchmarks report 0.
func CPUTime() time.Duration { return 0 }
