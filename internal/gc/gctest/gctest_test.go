package gctest

import (
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/gc"
)

func TestMain(m *testing.M) { Main(m) }

// BenchmarkSettings prints the collector settings the benchmarks run
// under; TestSettings reads them from a child test binary.
func BenchmarkSettings(b *testing.B) {
	limit := debug.SetMemoryLimit(-1)
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	if os.Getenv("GCTEST_CHILD") == "1" {
		fmt.Printf("settings limit=%d percent=%d\n", limit, percent)
	}
}

func TestSettings(t *testing.T) {
	// The tests themselves keep Go's defaults...
	if p := debug.SetGCPercent(100); p != 100 && os.Getenv("GOGC") == "" {
		t.Errorf("tests run with GOGC=%d, want Go's default 100", p)
	}
	// ...and benchmarks get the CLI's.
	cmd := exec.Command(os.Args[0], "-test.run", "^$", "-test.bench", "^BenchmarkSettings$", "-test.benchtime", "1x")
	cmd.Env = append(os.Environ(), "GCTEST_CHILD=1", "GOGC=", "GOMEMLIMIT=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := fmt.Sprintf("settings limit=%d percent=%d", gc.DefaultLimit, gc.Percent)
	if !strings.Contains(string(out), want) {
		t.Errorf("benchmark child printed\n%s\nwant a line %q", out, want)
	}
}
