package extract

import (
	"testing"

	"github.com/nianbao/nianbao/internal/gc/gctest"
)

// TestMain runs the benchmarks under the collector settings of nianbao run.
func TestMain(m *testing.M) { gctest.Main(m) }
