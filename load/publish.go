package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// tmpPrefix starts every temporary name this package creates. Temporary
// names live in OUT/.nianbao (which readers skip) and carry the run id,
// .nianbao-tmp-<run-id>-<name>, so that what a killed run left is provably
// its own and is removed with its run (ownership.removeRuns).
const tmpPrefix = ".nianbao-tmp-"

// publish makes the run directory the published dataset. See doc.go.
func (w *Writer) publish() error {
	id := w.opt.RunID
	meta := filepath.Join(w.out, metaDir)
	prev, _ := os.Readlink(filepath.Join(meta, currentLink))

	// Check the names again right before the switch (someone may have put
	// a folder there during the run), and record them before making them.
	if err := w.own.check(w.outArg, w.out, w.opt.ExtraDirs); err != nil {
		return err
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
		return err
	}

	// The switch: one rename(2) of the "current" link moves every table,
	// the manifest and every partition at once.
	if err := replaceSymlink(filepath.Join(meta, currentLink), path.Join(runsDir, id), tmpName(w.out, id, currentLink)); err != nil {
		return err
	}
	w.published = true
	if err := syncDir(meta); err != nil {
		return err
	}

	names := make([]string, 0, len(tables)+1)
	for _, t := range tables {
		names = append(names, t.name)
	}
	names = append(names, manifestName)
	for _, name := range names {
		if err := w.ensureLink(name); err != nil {
			return err
		}
	}
	if err := syncDir(w.out); err != nil {
		return err
	}
	tmp := tmpName(w.out, id, successName)
	if err := writeFileSync(tmp, nil); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(w.out, successName)); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("load: %w", err)
	}
	if err := syncDir(w.out); err != nil {
		return err
	}

	// Runs other than this one and the one it replaced are removed. The
	// replaced one is kept until the next run, so a reader that listed its
	// files before the switch can still open them.
	keep := map[string]bool{id: true}
	if prev != "" {
		keep[w.own.Previous] = true
	}
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
	if err := os.Symlink(linkTarget(name), dst); err != nil {
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
	if err := os.Symlink(target, tmp); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("load: publish %s: %w", filepath.Base(dst), err)
	}
	return nil
}

func writeFileSync(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
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
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
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
