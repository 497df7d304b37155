package load

import "golang.org/x/sys/unix"

// exchange atomically swaps the names a and b (renameat2 RENAME_EXCHANGE),
// which can put a link where a directory stood without a moment in which
// neither exists.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
