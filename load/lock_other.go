//go:build !unix

package load

import (
	"fmt"
	"os"
)

// lockDir only creates the lock file: there is no advisory lock here, so
// concurrent runs on one output directory must be prevented by the caller.
func lockDir(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	return f, nil
}

func unlockDir(f *os.File) {
	if f != nil {
		f.Close()
	}
}
