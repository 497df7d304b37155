//go:build !unix

package load

import "os"

// lockWait has no advisory lock to take here; the in-process mutex of the
// caller is all the exclusion there is.
func lockWait(name string) (*os.File, error) { return lockDir(name) }
