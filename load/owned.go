package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ownedName is the ownership record, OUT/.nianbao/owned.json: what nianbao
// created in the output directory. A Writer replaces or removes only what
// this record lists, never a path because of its name (see doc.go, "What a
// Writer may change").
const ownedName = "owned.json"

// Kinds of entries a Writer makes directly under the output directory.
const (
	kindLink = "link" // OUT/<table> and OUT/_manifest.json: links into .nianbao/current
	kindFile = "file" // OUT/_SUCCESS: an empty file
	kindDir  = "dir"  // Options.ExtraDirs: a folder the caller fills
)

// ownership is the content of the ownership record.
type ownership struct {
	// Names maps each entry directly under OUT that nianbao created to its
	// kind. It is recorded before the entry is made.
	Names map[string]string `json:"names"`
	// Runs lists the run directories under .nianbao/runs that nianbao
	// created, each recorded before it was made, in that order.
	Runs []string `json:"runs"`
	// Previous is the run the published one replaced, kept until the next
	// publish for readers that listed its files before the switch.
	Previous string `json:"previous,omitempty"`
}

// readOwnership returns the ownership record of out. When there is none,
// it returns what can be proven of a dataset written by an earlier nianbao
// that kept no record (adopt).
func readOwnership(out string, dirs []string) (*ownership, error) {
	b, err := os.ReadFile(filepath.Join(out, metaDir, ownedName))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return adopt(out, dirs), nil
	case err != nil:
		return nil, fmt.Errorf("load: ownership record: %w", err)
	}
	o := &ownership{}
	if err := json.Unmarshal(b, o); err != nil {
		// A damaged record proves nothing: nothing it named is touched,
		// and the output is refused where something is in the way.
		return nil, fmt.Errorf("load: %s is damaged (%v); move the output folder aside and run again", filepath.Join(out, metaDir, ownedName), err)
	}
	if o.Names == nil {
		o.Names = map[string]string{}
	}
	return o, nil
}

// adopt returns the ownership of a dataset written by a nianbao that kept
// no record. The proof is the published run's own manifest: .nianbao/current
// links to runs/<id>, and runs/<id>/_manifest.json names that run. Then the
// links with exactly the targets nianbao gives them, an empty _SUCCESS, the
// caller's folders, and each run directory whose manifest names it are
// nianbao's. Anything else (a staging directory of a killed run, which has
// no manifest yet) is left alone. Without that proof, nothing is adopted.
func adopt(out string, dirs []string) *ownership {
	o := &ownership{Names: map[string]string{}}
	cur, err := os.Readlink(filepath.Join(out, metaDir, currentLink))
	if err != nil {
		return o
	}
	id, ok := strings.CutPrefix(cur, runsDir+"/")
	if !ok || !provenRun(out, id) {
		return o
	}
	if ents, err := os.ReadDir(filepath.Join(out, metaDir, runsDir)); err == nil {
		for _, e := range ents {
			if provenRun(out, e.Name()) {
				o.Runs = append(o.Runs, e.Name())
			}
		}
	}
	for name, kind := range wanted(dirs) {
		fi, err := os.Lstat(filepath.Join(out, name))
		if err != nil {
			continue
		}
		switch {
		case kind == kindLink && foreign(out, name, kind, o) == "",
			kind == kindFile && fi.Mode().IsRegular() && fi.Size() == 0,
			kind == kindDir && fi.IsDir():
			o.Names[name] = kind
		}
	}
	return o
}

// provenRun reports whether runs/<id> is a complete run written by
// nianbao: its manifest names it.
func provenRun(out, id string) bool {
	if !validRunID(id) {
		return false
	}
	b, err := os.ReadFile(filepath.Join(out, metaDir, runsDir, id, manifestName))
	if err != nil {
		return false
	}
	var m Manifest
	return json.Unmarshal(b, &m) == nil && m.RunID == id && m.RunDir == path.Join(metaDir, runsDir, id)
}

func validRunID(id string) bool {
	return runIDPattern.MatchString(id) && !strings.Contains(id, "..")
}

// wanted is every name a Writer makes directly under OUT, with its kind.
func wanted(dirs []string) map[string]string {
	m := map[string]string{manifestName: kindLink, successName: kindFile}
	for _, t := range tables {
		m[t.name] = kindLink
	}
	for _, d := range dirs {
		m[d] = kindDir
	}
	return m
}

// linkTarget is the target of the published link OUT/name.
func linkTarget(name string) string { return path.Join(metaDir, currentLink, name) }

// foreign describes what is at OUT/name when it is in the way: present and
// not what nianbao made there. "" when the name is free or nianbao's.
func foreign(out, name, kind string, o *ownership) string {
	fi, err := os.Lstat(filepath.Join(out, name))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ""
	case err != nil:
		return fmt.Sprintf("unreadable (%v)", err)
	}
	isLink := fi.Mode()&fs.ModeSymlink != 0
	switch kind {
	case kindLink:
		// nianbao never changes a link once made, so a link with its
		// target is nianbao's whether or not it is recorded.
		if t, _ := os.Readlink(filepath.Join(out, name)); isLink && t == linkTarget(name) {
			return ""
		}
	case kindFile:
		if o.Names[name] == kindFile && fi.Mode().IsRegular() && fi.Size() == 0 {
			return ""
		}
	case kindDir:
		if o.Names[name] == kindDir && fi.IsDir() {
			return ""
		}
	}
	switch {
	case isLink:
		t, _ := os.Readlink(filepath.Join(out, name))
		return fmt.Sprintf("a link to %s", t)
	case fi.IsDir():
		return "a folder"
	case fi.Mode().IsRegular():
		return "a file"
	}
	return "a special file"
}

// check refuses an output directory where something nianbao did not make
// stands at a name it writes. outArg is the directory as the caller named
// it, for the message.
func (o *ownership) check(outArg, out string, dirs []string) error {
	want := wanted(dirs)
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if what := foreign(out, name, want[name], o); what != "" {
			return &ForeignError{Path: filepath.Join(outArg, name), What: what}
		}
	}
	return nil
}

// write saves the record (temporary file, fsync, rename), so that a crash
// leaves the previous record or this one.
func (o *ownership) write(out string) error {
	b, err := json.MarshalIndent(o, "", "  ")
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	meta := filepath.Join(out, metaDir)
	tmp := filepath.Join(meta, ownedName+".tmp")
	if err := writeFileSync(tmp, append(b, '\n')); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(meta, ownedName)); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	return syncDir(meta)
}

// tmpName is a temporary name of run id under .nianbao for name; it carries
// the run id so that it is provably the run's (see removeRuns).
func tmpName(out, id, name string) string {
	return filepath.Join(out, metaDir, tmpPrefix+id+"-"+name)
}

// tmpNames are the names temporary files are made for.
var tmpNames = []string{currentLink, "undo-" + currentLink, successName}

// removeRuns removes the recorded runs not in keep (their directories and
// temporary names) and drops them from the record, which the caller then
// writes. Only recorded run ids are touched: a directory under runs/ that
// nianbao did not record is left as it is. It runs under the lock.
func (o *ownership) removeRuns(out string, keep map[string]bool) error {
	var errs []error
	left := o.Runs[:0:0]
	for _, id := range o.Runs {
		if keep[id] {
			left = append(left, id)
			continue
		}
		if !validRunID(id) {
			continue // not a name nianbao makes: forget it, touch nothing
		}
		var err error
		for _, n := range tmpNames {
			if e := os.Remove(tmpName(out, id, n)); e != nil && !errors.Is(e, fs.ErrNotExist) {
				err = e
			}
		}
		if e := os.RemoveAll(filepath.Join(out, metaDir, runsDir, id)); e != nil {
			err = e
		}
		if err != nil {
			errs = append(errs, err)
			left = append(left, id)
		}
	}
	o.Runs = left
	return errors.Join(errs...)
}

// forget drops run id from the record.
func (o *ownership) forget(id string) {
	o.Runs = slices.DeleteFunc(o.Runs, func(r string) bool { return r == id })
}
