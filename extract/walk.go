package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// Source is one input file found by Walk.
type Source struct {
	Path   string // as opened: root joined with Rel
	Rel    string // relative to the root, '/' separators
	Size   int64
	Format string // txt, html, docx, pdf
}

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
	// is not hidden or a sidecar: files of other types, unreadable
	// directories, broken symlinks, symlink loops and second paths to a
	// file already seen. Nothing is dropped without a call.
	OnSkip func(rel, reason string)
}

// Walk calls fn for every input file under root, with default options.
func Walk(ctx context.Context, root string, fn func(Source) error) error {
	return WalkOptions{}.Walk(ctx, root, fn)
}

// Walk calls fn for every input file under root, recursively, in byte order
// of Source.Rel, so the same tree always gives the same sequence.
//
// Hidden entries (name starting with '.') and X.meta.json sidecars are
// passed over. Symlinks are followed, to files and to directories, but every
// directory and file is visited once, whichever path reaches it first: a
// link to an ancestor cannot loop. An unreadable root is an error; an
// unreadable directory below it goes to OnSkip and the walk goes on. The
// walk stops at the first error from fn, or when ctx is done.
func (o WalkOptions) Walk(ctx context.Context, root string, fn func(Source) error) error {
	fi, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("extract: walk %s: %w", root, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%w: %s", ErrNotDir, root)
	}
	w := &walker{opt: o, fn: fn, seen: map[fileID]string{}}
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
	fn   func(Source) error
	seen map[fileID]string // identity → Rel of the first path that reached it
}

func (w *walker) skip(rel, reason string) {
	if w.opt.OnSkip != nil {
		w.opt.OnSkip(rel, reason)
	}
}

type entry struct {
	name string
	key  string // name, plus '/' for a directory: sorts like the full Rel
	fi   os.FileInfo
}

func (w *walker) dir(ctx context.Context, path, rel string) error {
	des, err := os.ReadDir(path)
	if err != nil && len(des) == 0 {
		if rel == "" {
			return fmt.Errorf("extract: walk %s: %w", path, err)
		}
		w.skip(rel, fmt.Sprintf("unreadable directory: %v", err))
		return nil
	}
	if err != nil {
		w.skip(rel, fmt.Sprintf("directory partly read: %v", err))
	}
	ents := make([]entry, 0, len(des))
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		erel := name
		if rel != "" {
			erel = rel + "/" + name
		}
		// os.Stat follows symlinks, so a link is judged by its target.
		fi, err := os.Stat(filepath.Join(path, name))
		if err != nil {
			if de.Type()&os.ModeSymlink != 0 {
				w.skip(erel, fmt.Sprintf("broken symlink: %v", err))
			} else {
				w.skip(erel, fmt.Sprintf("cannot stat: %v", err))
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
		erel := e.name
		if rel != "" {
			erel = rel + "/" + e.name
		}
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
			w.skip(erel, "not a regular file")
		case strings.HasSuffix(e.name, metaSuffix):
			// A sidecar is read with its report.
		default:
			f := FormatOf(e.name)
			if f == "" {
				w.skip(erel, "not an input type (extension "+filepath.Ext(e.name)+")")
				continue
			}
			w.seen[id] = erel
			if err := w.fn(Source{Path: epath, Rel: erel, Size: e.fi.Size(), Format: f}); err != nil {
				return err
			}
		}
	}
	return nil
}
