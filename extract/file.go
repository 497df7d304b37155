package extract

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// File is an input file opened by Open: a regular file, read with plain
// system calls. An *os.File would cost every open a system call that
// always fails: os.OpenFile hands the descriptor to the runtime's poller,
// which cannot poll a regular file (epoll_ctl: EPERM), and every report is
// opened twice (hashed to be ordered, then read). A regular file's reads
// never wait on the poller, so nothing is lost.
//
// A File belongs to one goroutine; Close is safe to call twice.
type File struct {
	fd   int
	name string
}

// maxRW is the most one read asks for, as os.File does (some systems
// refuse a larger count).
const maxRW = 1 << 30

func (f *File) Read(b []byte) (int, error) {
	if f.fd < 0 {
		return 0, f.wrap("read", os.ErrClosed)
	}
	if len(b) == 0 {
		return 0, nil
	}
	n, err := ignoringEINTR(func() (int, error) { return syscall.Read(f.fd, b[:min(len(b), maxRW)]) })
	if err != nil {
		return 0, f.wrap("read", err)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// ReadAt reads len(b) bytes at off, or fewer with io.EOF at the end of
// the file, as os.File's ReadAt does.
func (f *File) ReadAt(b []byte, off int64) (n int, err error) {
	if f.fd < 0 {
		return 0, f.wrap("read", os.ErrClosed)
	}
	if off < 0 {
		return 0, f.wrap("readat", errors.New("negative offset"))
	}
	for len(b) > 0 {
		m, e := ignoringEINTR(func() (int, error) { return syscall.Pread(f.fd, b[:min(len(b), maxRW)], off) })
		if e != nil {
			return n, f.wrap("read", e)
		}
		if m == 0 {
			return n, io.EOF
		}
		n += m
		b = b[m:]
		off += int64(m)
	}
	return n, nil
}

func (f *File) Seek(offset int64, whence int) (int64, error) {
	if f.fd < 0 {
		return 0, f.wrap("seek", os.ErrClosed)
	}
	r, err := syscall.Seek(f.fd, offset, whence)
	if err != nil {
		return 0, f.wrap("seek", err)
	}
	return r, nil
}

func (f *File) Close() error {
	if f.fd < 0 {
		return f.wrap("close", os.ErrClosed)
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil {
		return f.wrap("close", err)
	}
	return nil
}

func (f *File) wrap(op string, err error) error {
	return &fs.PathError{Op: op, Path: f.name, Err: err}
}

// openFD opens a file with the flags given (and close-on-exec) and
// returns its descriptor.
func openFD(p string, flag int) (int, error) {
	fd, err := ignoringEINTR(func() (int, error) { return syscall.Open(p, flag|syscall.O_CLOEXEC, 0) })
	if err != nil {
		return -1, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	return fd, nil
}

// openRegular opens the file at p without blocking, whatever it is, and
// returns it when the open file is a regular file. Anything else is
// closed and refused with ErrNotRegular and its FileInfo.
func openRegular(p string) (*File, os.FileInfo, error) {
	fd, err := openFile(p, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY)
	if err != nil {
		return nil, nil, err
	}
	fi := &regularInfo{path: p}
	if _, err := ignoringEINTR(func() (int, error) { return 0, syscall.Fstat(fd, &fi.st) }); err != nil {
		syscall.Close(fd)
		return nil, nil, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	if fi.st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		// Rare: the os package describes what it is.
		of := os.NewFile(uintptr(fd), p)
		ofi, err := of.Stat()
		of.Close()
		if err != nil {
			return nil, nil, err
		}
		return nil, ofi, fmt.Errorf("%w (%s)", ErrNotRegular, fileType(ofi.Mode()))
	}
	return &File{fd: fd, name: p}, fi, nil
}

// regularInfo is the FileInfo of a regular file, from its fstat, as
// os.File's Stat gives it.
type regularInfo struct {
	path string
	st   syscall.Stat_t
}

func (fi *regularInfo) Name() string       { return filepath.Base(fi.path) }
func (fi *regularInfo) Size() int64        { return fi.st.Size }
func (fi *regularInfo) ModTime() time.Time { return modTime(&fi.st) }
func (fi *regularInfo) IsDir() bool        { return false }
func (fi *regularInfo) Sys() any           { return &fi.st }

func (fi *regularInfo) Mode() fs.FileMode {
	m := fs.FileMode(fi.st.Mode & 0o777)
	if fi.st.Mode&syscall.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if fi.st.Mode&syscall.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if fi.st.Mode&syscall.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}

// ignoringEINTR calls fn again while it is interrupted by a signal (the
// runtime's own preempt goroutines with them), as the os package does.
func ignoringEINTR(fn func() (int, error)) (int, error) {
	for {
		n, err := fn()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
