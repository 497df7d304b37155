//go:build unix

package pipeline

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"syscall"
)

// peakRSS is the most memory the process has held, in bytes.
//
// On Linux it is VmHWM, the high-water mark of this program's own memory.
// getrusage's maxrss is not: a process started by a large one (a test
// binary, a scheduler's worker) inherits that parent's resident size into
// its maxrss when it calls exec, so it would report the parent's size.
func peakRSS() int64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		if n, ok := vmHWM(b); ok {
			return n
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss) // bytes there, kilobytes elsewhere
	}
	return int64(ru.Maxrss) * 1024
}

// vmHWM reads the VmHWM line ("VmHWM:	  123456 kB") of /proc/PID/status.
func vmHWM(status []byte) (int64, bool) {
	for line := range bytes.SplitSeq(status, []byte("\n")) {
		rest, ok := bytes.CutPrefix(line, []byte("VmHWM:"))
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte("kB")))), 10, 64)
		return kb * 1024, err == nil
	}
	return 0, false
}
