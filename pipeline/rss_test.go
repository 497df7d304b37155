//go:build unix

package pipeline

import (
	"os"
	"runtime"
	"testing"
)

func TestVMHWM(t *testing.T) {
	n, ok := vmHWM([]byte("Name:\tnianbao\nVmPeak:\t  999 kB\nVmHWM:\t   123456 kB\nVmRSS:\t 1 kB\n"))
	if !ok || n != 123456*1024 {
		t.Errorf("vmHWM = %d, %v", n, ok)
	}
	if _, ok := vmHWM([]byte("Name:\tx\n")); ok {
		t.Error("no VmHWM line read as one")
	}
	if runtime.GOOS == "linux" {
		if _, err := os.Stat("/proc/self/status"); err == nil && peakRSS() <= 0 {
			t.Error("no peak RSS on Linux")
		}
	}
}
