package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/nianbao/nianbao/internal/fault"
)

// tmpPrefix starts every temporary name this package creates. Temporary
// names live in OUT/.nianbao (which readers skip) and carry the run id,
// .nianbao-tmp-<run-id>-<name>, so that what a killed run left is provably
// its own and is removed with its run (ownership.removeRuns).
const tmpPrefix = ".nianbao-tmp-"

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

// switchTo records the names it will make, switches the current link to
// the run, then makes the table links and _SUCCESS. A failure after the
// switch (a full disk, a failed fsync) undoes it: the previous link goes
// back with one rename of a copy made before the switch, which needs no
// space, and what this publish created is removed. It returns the runs
// cleanup must keep.
func (w *Writer) switchTo() (keep map[string]bool, err error) {
	id := w.opt.RunID
	meta := filepath.Join(w.out, metaDir)
	cur := filepath.Join(meta, currentLink)
	prev, _ := os.Readlink(cur)

	// Check the names again right before the switch (someone may have put
	// a folder there during the run), and record them before making them.
	if err := w.own.check(w.outArg, w.out, w.opt.ExtraDirs); err != nil {
		return nil, err
	}
	for name, kind := range wanted(nil) {
		w.own.Names[name] = kind
	}
	// The run being replaced is recorded before the switch, so that a
	// crash right after it still keeps that run for its readers.
	if prev != "" {
		w.own.Previous = path.Base(prev)
	}
	if err := w.own.write(w.out); err != nil {
		return nil, err
	}

	undo := tmpName(w.out, id, "undo-"+currentLink)
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

	// The switch: one rename(2) of the "current" link moves every table,
	// the manifest and every partition at once.
	if err := replaceSymlink(cur, path.Join(runsDir, id), tmpName(w.out, id, currentLink)); err != nil {
		return nil, err
	}
	w.published = true
	defer func() {
		if err == nil {
			_ = os.Remove(undo)
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
			_ = os.Remove(tmpName(w.out, id, successName))
			_ = syncDir(meta)
			_ = syncDir(w.out)
		}
	}()
	if err := syncDir(meta); err != nil {
		return nil, err
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
		if err := w.ensureLink(name); err != nil {
			return nil, err
		}
	}
	if err := syncDir(w.out); err != nil {
		return nil, err
	}
	tmp := tmpName(w.out, id, successName)
	if err := writeFileSync(tmp, nil); err != nil {
		return nil, err
	}
	if err := rename(tmp, success); err != nil {
		_ = os.Remove(tmp)
		return nil, fmt.Errorf("load: %w", err)
	}
	if err := syncDir(w.out); err != nil {
		return nil, err
	}

	// Runs other than this one and the one it replaced are removed. The
	// replaced one is kept until the next run, so a reader that listed its
	// files before the switch can still open them.
	keep = map[string]bool{id: true}
	if prev != "" {
		keep[w.own.Previous] = true
	}
	return keep, nil
}

// cleanup removes the runs the ownership record lists that keep does not
// name, with their temporary names. It runs under the lock, so no other
// run is writing.
func (w *Writer) cleanup(keep map[string]bool) error {
	err := w.own.removeRuns(w.out, keep)
	if werr := w.own.write(w.out); err == nil {
		err = werr
	}
	if err != nil {
		return fmt.Errorf("load: cleanup (dataset is published): %w", err)
	}
	return nil
}

// ensureLink makes OUT/name the link to .nianbao/current/name. A link once
// made never changes; anything else at that name is not nianbao's and is
// left as it is (ForeignError). The link is made with symlink(2), which
// fails rather than replace an entry that appeared since the check.
func (w *Writer) ensureLink(name string) error {
	dst := filepath.Join(w.out, name)
	if what := foreign(w.out, name, kindLink, w.own); what != "" {
		return &ForeignError{Path: filepath.Join(w.outArg, name), What: what}
	}
	if _, err := os.Lstat(dst); err == nil {
		return nil
	}
	if err := symlink(linkTarget(name), dst); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &ForeignError{Path: filepath.Join(w.outArg, name), What: "an entry made during the run"}
		}
		return fmt.Errorf("load: publish %s: %w", name, err)
	}
	return nil
}

// replaceSymlink atomically makes dst a symbolic link to target through the
// temporary name tmp: readers see the old entry or the new link, never
// nothing.
func replaceSymlink(dst, target, tmp string) error {
	if err := symlink(target, tmp); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if err := rename(tmp, dst); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("load: publish %s: %w", filepath.Base(dst), err)
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
