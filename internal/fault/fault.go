// Package fault lets tests make nianbao's file writes fail where a full or
// failing disk would make them fail: each place that creates, writes,
// syncs or renames a file of the output asks Check first, and so does each
// commit to an Iceberg catalog. Without a hook
// (always, outside tests) Check is one atomic load and returns nil.
package fault

import (
	"sync/atomic"
)

// Op names the kind of file operation asking.
type Op string

// The operations that ask Check.
const (
	Create  Op = "create"  // a file is created or truncated
	Write   Op = "write"   // bytes are written to a file
	Sync    Op = "sync"    // a file or folder is flushed to disk
	Rename  Op = "rename"  // a file or link is moved into place
	Symlink Op = "symlink" // a link is created
	Commit  Op = "commit"  // a change to an Iceberg table is committed (path: namespace.table)
)

// Hook decides the outcome of one operation on the file at path: nil lets
// it proceed. It is called from many goroutines at once.
type Hook func(op Op, path string) error

var hook atomic.Pointer[Hook]

// Set installs h (nil: none) and returns a function that restores the hook
// that was there before. Tests that set a hook must not run in parallel
// with other tests that write files.
func Set(h Hook) (restore func()) {
	var p *Hook
	if h != nil {
		p = &h
	}
	old := hook.Swap(p)
	return func() { hook.Store(old) }
}

// Check returns the error the hook injects for op on path, or nil.
func Check(op Op, path string) error {
	if h := hook.Load(); h != nil {
		return (*h)(op, path)
	}
	return nil
}
