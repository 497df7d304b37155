//go:build unix

package load

import (
	"fmt"
	"os"
	"syscall"
)

// lockWait takes an exclusive advisory lock on name, waiting for it.
func lockWait(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("load: lock: %w", err)
	}
	return f, nil
}
