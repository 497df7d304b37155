package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/internal/fault"
)

// tmpPrefix starts every temporary name this package creates next to a
// published name; the leading dot makes readers skip it, and the next run
// removes any a crash left behind.
const tmpPrefix = ".nianbao-tmp-"

// legacyPrefix names the run directory that receives table directories of
// a dataset written before the published links existed. Run ids cannot
// start with '_', so it never collides with a run.
const legacyPrefix = "_legacy-"

// publish makes the run directory the published dataset. See doc.go.
// When it fails after the switch and the switch could be undone, the
// previous dataset is published again and w.published is false; when
// w.published is true the run is published, whatever the error.
func (w *Writer) publish() error {
	keep, err := w.switchTo()
	if err != nil {
		return err
	}
	return w.cleanup(keep)
}

// switchTo switches the current link to the run, then makes the table
// links and _SUCCESS. A failure after the switch (a full disk, a failed
// fsync) undoes it: the previous link goes back with one rename of a copy
// made before the switch, which needs no space, and what this publish
// created is removed. It returns the runs cleanup must keep.
func (w *Writer) switchTo() (keep map[string]bool, err error) {
	id := w.opt.RunID
	meta := filepath.Join(w.out, metaDir)
	cur := filepath.Join(meta, currentLink)
	prev, _ := os.Readlink(cur)
	undo := filepath.Join(meta, tmpPrefix+"undo-"+currentLink)
	if prev != "" {
		_ = os.Remove(undo)
		if err := symlink(prev, undo); err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
	}
	success := filepath.Join(w.out, successName)
	var made []string // names this publish created, removed on undo
	if _, err := os.Lstat(success); err != nil {
		made = append(made, success)
	}
	legacyMoved := false

	// The switch: one rename(2) of the "current" link moves every table,
	// the manifest and every partition at once.
	if err := replaceSymlink(cur, path.Join(runsDir, id)); err != nil {
		return nil, err
	}
	w.published = true
	defer func() {
		if err == nil || legacyMoved {
			return
		}
		var uerr error
		if prev != "" {
			uerr = os.Rename(undo, cur)
		} else {
			uerr = os.Remove(cur)
		}
		if uerr == nil {
			w.published = false
			for _, name := range made {
				_ = os.Remove(name)
			}
			_ = os.Remove(filepath.Join(w.out, tmpPrefix+successName))
			_ = syncDir(meta)
			_ = syncDir(w.out)
		}
	}()
	if err := syncDir(meta); err != nil {
		return nil, err
	}

	keep = map[string]bool{id: true}
	if prev != "" {
		// Kept until the next run, so a reader that listed files before the
		// switch can still open them.
		keep[path.Base(prev)] = true
	}
	names := make([]string, 0, len(tables)+1)
	for _, t := range tables {
		names = append(names, t.name)
	}
	names = append(names, manifestName)
	for _, name := range names {
		if _, err := os.Lstat(filepath.Join(w.out, name)); errors.Is(err, fs.ErrNotExist) {
			made = append(made, filepath.Join(w.out, name))
		}
		legacy, err := w.ensureLink(name, path.Join(metaDir, currentLink, name))
		if err != nil {
			return nil, err
		}
		if legacy != "" {
			keep[legacy] = true
			legacyMoved = true
		}
	}
	if err := syncDir(w.out); err != nil {
		return nil, err
	}
	tmp := filepath.Join(w.out, tmpPrefix+successName)
	if err := writeFileSync(tmp, nil); err != nil {
		return nil, err
	}
	if err := rename(tmp, success); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if err := syncDir(w.out); err != nil {
		return nil, err
	}
	return keep, nil
}

// ensureLink makes OUT/name a symbolic link to target. A plain directory
// left by an older layout is swapped for the link (atomically where the
// system can exchange two names) and moved under runs/; ensureLink returns
// the name of the run directory it went to.
func (w *Writer) ensureLink(name, target string) (legacy string, err error) {
	dst := filepath.Join(w.out, name)
	fi, err := os.Lstat(dst)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", fmt.Errorf("load: %w", err)
	case fi.Mode()&fs.ModeSymlink != 0:
		if t, _ := os.Readlink(dst); t == target {
			return "", nil
		}
	case fi.IsDir():
		return w.replaceDir(name, target)
	}
	return "", replaceSymlink(dst, target)
}

// replaceDir puts a link in place of the directory OUT/name.
func (w *Writer) replaceDir(name, target string) (string, error) {
	dst := filepath.Join(w.out, name)
	tmp := filepath.Join(w.out, tmpPrefix+name)
	_ = os.RemoveAll(tmp)
	if err := os.Symlink(target, tmp); err != nil {
		return "", fmt.Errorf("load: %w", err)
	}
	legacy := legacyPrefix + w.opt.RunID
	aside := filepath.Join(w.out, metaDir, runsDir, legacy)
	if err := os.MkdirAll(aside, 0o755); err != nil {
		return "", fmt.Errorf("load: %w", err)
	}
	if err := exchange(tmp, dst); err == nil {
		// tmp now names the old directory.
		if err := os.Rename(tmp, filepath.Join(aside, name)); err != nil {
			return "", fmt.Errorf("load: %w", err)
		}
		return legacy, nil
	}
	// No atomic exchange here: between the two renames the table is missing.
	if err := os.Rename(dst, filepath.Join(aside, name)); err != nil {
		return "", fmt.Errorf("load: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return "", fmt.Errorf("load: %w", err)
	}
	return legacy, nil
}

// replaceSymlink atomically makes dst a symbolic link to target: readers
// see the old entry or the new link, never nothing.
func replaceSymlink(dst, target string) error {
	tmp := filepath.Join(filepath.Dir(dst), tmpPrefix+filepath.Base(dst))
	_ = os.Remove(tmp)
	if err := symlink(target, tmp); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if err := rename(tmp, dst); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("load: publish %s: %w", filepath.Base(dst), err)
	}
	return nil
}

// cleanup removes superseded runs, runs a crash left unpublished and stray
// temporary names. It runs under the lock, so no other run is writing.
func (w *Writer) cleanup(keep map[string]bool) error {
	var errs []error
	runs := filepath.Join(w.out, metaDir, runsDir)
	ents, err := os.ReadDir(runs)
	if err != nil {
		return fmt.Errorf("load: cleanup: %w", err)
	}
	for _, e := range ents {
		if !keep[e.Name()] {
			errs = append(errs, os.RemoveAll(filepath.Join(runs, e.Name())))
		}
	}
	for _, dir := range []string{w.out, filepath.Join(w.out, metaDir)} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), tmpPrefix) {
				errs = append(errs, os.RemoveAll(filepath.Join(dir, e.Name())))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("load: cleanup (dataset is published): %w", err)
	}
	return nil
}

func writeFileSync(name string, data []byte) error {
	if err := fault.Check(fault.Create, name); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	err = fault.Check(fault.Write, name)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = syncFile(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	return nil
}

// syncDir makes the entries of a directory durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	defer d.Close()
	if err := syncFile(d); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("load: sync %s: %w", dir, err)
	}
	return nil
}

// syncTree syncs every directory under root (files are synced as they are
// closed).
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(p)
		}
		return nil
	})
}

// syncFile, rename and symlink are the file system calls of a publish, each
// first asking the fault hook (tests make them fail as a full disk would).

func syncFile(f *os.File) error {
	if err := fault.Check(fault.Sync, f.Name()); err != nil {
		return err
	}
	return f.Sync()
}

func rename(from, to string) error {
	if err := fault.Check(fault.Rename, to); err != nil {
		return err
	}
	return os.Rename(from, to)
}

func symlink(target, name string) error {
	if err := fault.Check(fault.Symlink, name); err != nil {
		return err
	}
	return os.Symlink(target, name)
}
