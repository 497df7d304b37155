package extract

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/nianbao/nianbao/schemas"
)

// Source is one input file found by Walk.
type Source struct {
	Path   string // as opened: root joined with Rel
	Rel    string // relative to the root, '/' separators
	Size   int64
	Format string // txt, html, docx, pdf

	// root is the walk's root, resolved, when the source's sidecar must
	// not be a symlink leading out of it (see ReadSidecar); "" when any
	// sidecar may be read.
	root string
	// sidecars says which of sidecarPaths(Path) the walk's listing of the
	// directory held (bits sidecarAt<<i), when it was complete (sidecarsListed);
	// ReadSidecar looks no further for a name the listing did not hold.
	// Zero, as in a Source made by hand, means unknown: both are tried.
	sidecars uint8
	// listed says the walk has just stat'ed Path as a regular file: Read
	// opens it at once, and the open file's fstat checks it (OpenStat).
	listed bool
}

const (
	sidecarAt      = 1 << 0
	sidecarsListed = 1 << 2
)

// Formats by file extension (lower-cased).
var formats = map[string]string{
	".txt":   "txt",
	".text":  "txt",
	".html":  "html",
	".htm":   "html",
	".shtml": "html", // server-side includes: www.gov.cn and many local sites
	".xhtml": "html",
	".docx":  "docx",
	".pdf":   "pdf",
}

// notInputType is the reason a file of no input type is skipped for, by
// its extension in lower case, as FormatOf reads it: a run counts .DOC
// and .doc files as one kind.
func notInputType(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		return "not an input type (no extension)"
	}
	return "not an input type (extension " + ext + ")"
}

// FormatOf returns the source format of a file name by its extension, or ""
// when the file is not an input.
func FormatOf(name string) string {
	if strings.HasSuffix(name, metaSuffix) {
		return ""
	}
	return formats[strings.ToLower(filepath.Ext(name))]
}

// WalkOptions configures a walk. The zero value is ready to use.
type WalkOptions struct {
	// OnSkip, when set, hears of every entry that is not handed to fn and
	// is not hidden or a sidecar: files of other types, special files
	// (FIFOs, devices, sockets), broken symlinks, symlinks that leave the
	// input folder, symlink loops and second paths to a file already
	// seen. Nothing is dropped without a call.
	OnSkip func(rel, reason string)
	// OnError, when set, hears of every entry below the root that exists
	// but could not be read: a directory that cannot be listed (or only in
	// part), an entry that cannot be stat'ed (permission denied, I/O
	// error). The input files under it are unknown to this walk. When
	// OnError is nil these go to OnSkip.
	OnError func(rel string, err error)
	// FollowExternal follows symlinks whose target lies outside the root.
	// By default such a link is passed over (OnSkip): a link to / or /proc
	// would otherwise walk the whole machine.
	FollowExternal bool
	// ReadDir lists a directory; nil means os.ReadDir. Tests set it to
	// inject faults: root lists every directory whatever its permissions.
	ReadDir func(name string) ([]os.DirEntry, error)
}

// Walk calls fn for every input file under root, with default options.
func Walk(ctx context.Context, root string, fn func(Source) error) error {
	return WalkOptions{}.Walk(ctx, root, fn)
}

// Walk calls fn for every input file under root, recursively, in byte order
// of the file names, so the same tree always gives the same sequence.
// Source.Rel is the path below root with every name escaped by
// schemas.EscapeUTF8, so it is valid UTF-8 even when a name is not.
//
// Hidden entries (name starting with '.') and X.meta.json sidecars are
// passed over, and so is everything but directories and regular files.
// Symlinks are followed, to files and to directories, when their target is
// inside root (or WalkOptions.FollowExternal is set), but every directory
// and file is visited once, whichever path reaches it first: a link to an
// ancestor cannot loop. An unreadable root is an error; an unreadable
// entry below it goes to OnError and the walk goes on. The walk stops at
// the first error from fn, or when ctx is done.
func (o WalkOptions) Walk(ctx context.Context, root string, fn func(Source) error) error {
	fi, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("extract: walk %s: %w", root, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%w: %s", ErrNotDir, root)
	}
	real, err := filepath.EvalSymlinks(root)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return fmt.Errorf("extract: walk %s: %w", root, err)
	}
	w := &walker{opt: o, fn: fn, seen: map[fileID]string{}, real: real}
	w.seen[idOf(fi)] = "."
	return w.dir(ctx, root, "")
}

type fileID struct{ dev, ino uint64 }

func idOf(fi os.FileInfo) fileID {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fileID{uint64(st.Dev), uint64(st.Ino)}
	}
	return fileID{}
}

type walker struct {
	opt  WalkOptions
	real string // the root, absolute, symlinks resolved
	fn   func(Source) error
	seen map[fileID]string // identity → Rel of the first path that reached it
}

func (w *walker) skip(rel, reason string) {
	if w.opt.OnSkip != nil {
		w.opt.OnSkip(rel, reason)
	}
}

func (w *walker) fail(rel string, err error) {
	if w.opt.OnError != nil {
		w.opt.OnError(rel, err)
		return
	}
	w.skip(rel, err.Error())
}

// inside reports whether the resolved path p is the root or below it.
func (w *walker) inside(p string) bool { return inside(w.real, p) }

// inside reports whether the resolved path p is root or below it.
func inside(root, p string) bool {
	if p == root {
		return true
	}
	prefix := root
	if !strings.HasSuffix(prefix, string(filepath.Separator)) {
		prefix += string(filepath.Separator)
	}
	return strings.HasPrefix(p, prefix)
}

type entry struct {
	name string
	key  string // name, plus '/' for a directory: sorts like the full Rel
	fi   os.FileInfo
}

func (w *walker) dir(ctx context.Context, path, rel string) error {
	readDir := os.ReadDir
	if w.opt.ReadDir != nil {
		readDir = w.opt.ReadDir
	}
	des, err := readDir(path)
	if err != nil && len(des) == 0 {
		if rel == "" {
			return fmt.Errorf("extract: walk %s: %w", path, err)
		}
		w.fail(rel, fmt.Errorf("%w: %w", ErrUnreadableDir, ioError{err}))
		return nil
	}
	if err != nil {
		w.fail(rel, fmt.Errorf("%w (partly read): %w", ErrUnreadableDir, ioError{err}))
	}
	// The sidecars in the listing, when it is whole: a report without one
	// then costs no look-up for it (see Source.sidecars).
	var metas map[string]bool
	if err == nil {
		metas = map[string]bool{}
		for _, de := range des {
			if name := de.Name(); strings.HasSuffix(name, metaSuffix) {
				metas[name] = true
			}
		}
	}
	ents := make([]entry, 0, len(des))
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		erel := join(rel, name)
		epath := filepath.Join(path, name)
		if de.Type()&os.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(epath)
			if err == nil {
				target, err = filepath.Abs(target)
			}
			if err != nil {
				w.skip(erel, fmt.Sprintf("broken symlink: %v", unwrapPath(err)))
				continue
			}
			if !w.opt.FollowExternal && !w.inside(target) {
				w.skip(erel, "symlink to outside the input folder (--follow-external-symlinks follows it)")
				continue
			}
		}
		// os.Stat follows symlinks, so a link is judged by its target.
		fi, err := os.Stat(epath)
		if err != nil {
			if de.Type()&os.ModeSymlink != 0 || errors.Is(err, fs.ErrNotExist) {
				// Gone since it was listed, or a link that broke since.
				w.skip(erel, fmt.Sprintf("cannot stat: %v", unwrapPath(err)))
			} else {
				w.fail(erel, fmt.Errorf("cannot stat: %w", ioError{err}))
			}
			continue
		}
		key := name
		if fi.IsDir() {
			key += "/"
		}
		ents = append(ents, entry{name, key, fi})
	}
	// Sorting directories as "name/" orders the whole walk by Rel: within
	// a directory every Rel shares the prefix, and "a.txt" < "a/…" as
	// '.' < '/'.
	sort.Slice(ents, func(i, j int) bool { return ents[i].key < ents[j].key })

	for _, e := range ents {
		if err := ctx.Err(); err != nil {
			return err
		}
		erel := join(rel, e.name)
		epath := filepath.Join(path, e.name)
		id := idOf(e.fi)
		if first, ok := w.seen[id]; ok && id != (fileID{}) {
			if e.fi.IsDir() {
				w.skip(erel, fmt.Sprintf("directory already visited as %s (symlink loop or second link)", first))
			} else {
				w.skip(erel, fmt.Sprintf("same file as %s", first))
			}
			continue
		}
		switch {
		case e.fi.IsDir():
			w.seen[id] = erel
			if err := w.dir(ctx, epath, erel); err != nil {
				return err
			}
		case !e.fi.Mode().IsRegular():
			w.skip(erel, "not a regular file ("+fileType(e.fi.Mode())+")")
		case strings.HasSuffix(e.name, metaSuffix):
			// A sidecar is read with its report.
		default:
			f := FormatOf(e.name)
			if f == "" {
				w.skip(erel, notInputType(e.name))
				continue
			}
			w.seen[id] = erel
			src := Source{Path: epath, Rel: erel, Size: e.fi.Size(), Format: f, listed: true}
			if !w.opt.FollowExternal {
				src.root = w.real
			}
			if metas != nil {
				src.sidecars = sidecarsListed
				// The names of sidecarPaths(e.name) (filepath.Ext is
				// path.Ext in a name with no separator), looked up from
				// a buffer on the stack instead of made as strings.
				var buf [256]byte
				full := append(append(buf[:0], e.name...), metaSuffix...)
				if metas[string(full)] {
					src.sidecars |= sidecarAt
				}
				stem := append(append(buf[:0], strings.TrimSuffix(e.name, filepath.Ext(e.name))...), metaSuffix...)
				if metas[string(stem)] {
					src.sidecars |= sidecarAt << 1
				}
			}
			if err := w.fn(src); err != nil {
				return err
			}
		}
	}
	return nil
}

// join is the Rel of the entry name in the directory at rel.
func join(rel, name string) string {
	name = schemas.EscapeUTF8(name)
	if rel == "" {
		return name
	}
	return rel + "/" + name
}

// unwrapPath drops the path from an *fs.PathError: it names the absolute
// path, which may not be valid UTF-8, where the caller names the entry.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ioError is an I/O error as findings name it (see describe).
type ioError struct{ err error }

func (e ioError) Error() string { return describe(e.err) }
func (e ioError) Unwrap() error { return e.err }

// fileType names the kind of a file that is not regular.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "FIFO"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "block device"
	}
	return "irregular"
}
