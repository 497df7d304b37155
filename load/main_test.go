package load

import (
	"fmt"
	"os"
	"testing"

	"github.com/nianbao/nianbao/internal/weedtest"
)

// weed is the S3 server of this package's tests; nil when NIANBAO_WEED is
// not set, and then the S3 half of each store test is skipped (loudly).
var weed *weedtest.Server

func TestMain(m *testing.M) {
	s, err := weedtest.Start()
	switch {
	case err == weedtest.ErrNoWeed:
		fmt.Fprintln(os.Stderr, "load:", err)
	case err != nil:
		fmt.Fprintln(os.Stderr, "load: SeaweedFS:", err)
		os.Exit(1)
	default:
		weed = s
		s.Setenv()
	}
	code := m.Run()
	weed.Stop()
	os.Exit(code)
}

// needWeed skips a test of the S3 store when there is no server.
func needWeed(t testing.TB) *weedtest.Server {
	t.Helper()
	if weed == nil {
		t.Skip(weedtest.ErrNoWeed)
	}
	return weed
}
