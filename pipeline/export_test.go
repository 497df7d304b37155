package pipeline

import (
	"os"

	"github.com/nianbao/nianbao/schemas"
)

// SetBuild replaces the build identity runs compare and returns a function
// that puts it back (tests of unchanged runs).
func SetBuild(f func() string) (restore func()) {
	old := build
	build = f
	return func() { build = old }
}

// SetWalkReadDir replaces how the walk lists folders (nil: os.ReadDir) and
// returns a function that puts it back (tests of unreadable folders).
func SetWalkReadDir(f func(string) ([]os.DirEntry, error)) (restore func()) {
	old := walkReadDir
	walkReadDir = f
	return func() { walkReadDir = old }
}

// CacheGeneration is the name of the state store's current cache folder.
func CacheGeneration() string { return cacheGeneration() }

// PackEntry is a parse as the state store keeps it.
func PackEntry(p *schemas.Parsed) []byte { b, _ := packEntry(nil, nil, p); return b }

// UnpackEntry reads what PackEntry wrote.
func UnpackEntry(b []byte) (*schemas.Parsed, error) { return unpackEntry(b) }

// benchRunID names the packs StoreParses writes.
const benchRunID = "20260101T000000.000000Z"

// StoreParses saves the parses in a state store under dir as a run that
// parsed them does (each under its source path), and commits it.
func StoreParses(dir string, ps []*schemas.Parsed) error {
	st, err := openState(dir, benchRunID)
	if err != nil {
		return err
	}
	defer st.close()
	for _, p := range ps {
		e := fileEntry{ReportID: p.Report.ReportID}
		st.see(p.Report.SourcePath, e)
		if err := st.store(e.key(p.Report.SourcePath), p); err != nil {
			return err
		}
	}
	return st.commit()
}

// LoadParses reads the parses StoreParses saved under dir, in the same
// order, as the next run does, and returns how many it found.
func LoadParses(dir string, ps []*schemas.Parsed) (int, error) {
	st, err := openState(dir, "20260101T000001.000000Z")
	if err != nil {
		return 0, err
	}
	defer st.close()
	n := 0
	for _, p := range ps {
		e := fileEntry{ReportID: p.Report.ReportID}
		if st.load(e.key(p.Report.SourcePath), e.ReportID) != nil {
			n++
		}
	}
	return n, nil
}
