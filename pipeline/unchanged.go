package pipeline

import (
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/schemas"
)

// A night with nothing new is the common one (agencies publish in January).
// When every input file is exactly as the last published run saw it, the
// binary is the same and the published dataset is intact, a run would
// rewrite the same bytes: it leaves the dataset as it is and records the run
// as "unchanged". --full always rewrites.

// lastName is the state file describing the last published run.
const lastName = "last.json"

// lastRun is what a publishing run leaves for the next one to compare with.
type lastRun struct {
	// Build identifies the program that wrote the dataset and how it read
	// the files (readerID): its version, the parser and schema versions, a
	// hash of the executable and the limits, so that any other build, or
	// the same under other limits, rewrites.
	Build    string           `json:"build"`
	RunID    string           `json:"run_id"`
	Files    int              `json:"files"`
	BytesIn  int64            `json:"bytes_in"`
	BytesOut int64            `json:"bytes_written"`
	Reports  map[string]int   `json:"reports_by_status"`
	Template map[string]int   `json:"reports_by_template"`
	Rows     map[string]int64 `json:"rows"`
}

// build is this program's identity for lastRun.Build and for the state
// store's cache generation (cacheGeneration); "" when the executable
// cannot be read, and then no run is ever skipped and no parse is reused.
// It is worked out once.
var build = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	id := exeIdentity(exe)
	if id == "" {
		return ""
	}
	return Version + "/p" + schemas.ParserVersion + "/s" + schemas.SchemaVersion + "/" + id
})

// exeIdentity identifies the executable at path by its content: the Go
// build ID the linker wrote in an ELF note (its last part is a hash of the
// file's content, as `go tool buildid` prints it), or else a SHA-256 of
// the whole file, which costs a read of the binary (about 80 ms of CPU at
// every start, for 110 MB). "" when the file cannot be read.
func exeIdentity(path string) string {
	if id := elfBuildID(path); id != "" {
		return "go:" + id
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// elfBuildID is the Go build ID in the .note.go.buildid section of the ELF
// file at path, "" when it is not such a file or has no ID.
func elfBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil || sec.Size > 4096 {
		return ""
	}
	b, err := sec.Data()
	if err != nil || len(b) < 16 {
		return ""
	}
	// An ELF note: name size, descriptor size and type (4 for a Go build
	// ID), then the name "Go\0\0" and the ID.
	bo := f.ByteOrder
	namesz, descsz, typ := bo.Uint32(b), bo.Uint32(b[4:]), bo.Uint32(b[8:])
	if namesz != 4 || typ != 4 || string(b[12:16]) != "Go\x00\x00" || uint64(descsz) > uint64(len(b)-16) {
		return ""
	}
	return string(b[16 : 16+descsz])
}

func readLast(st *state) *lastRun {
	b, err := os.ReadFile(filepath.Join(st.dir, lastName))
	if err != nil {
		return nil
	}
	var l lastRun
	if json.Unmarshal(b, &l) != nil {
		return nil
	}
	return &l
}

func writeLast(st *state, l *lastRun) error { return writeJSON(filepath.Join(st.dir, lastName), l) }

// forgetLast removes the description of the last published run. It goes
// before the file index is saved for a run that has yet to publish: an
// index of new inputs beside the old description would let the next run
// take the old dataset for theirs.
func forgetLast(st *state) error {
	if err := os.Remove(filepath.Join(st.dir, lastName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("state: %w", err)
	}
	return nil
}

// unchanged reports whether this run would publish exactly what is
// published: same build, the same set of files each unchanged in path, size
// and mtime, and the last run's dataset still in place, file for file.
func unchanged(ctx context.Context, cfg Config, out load.Store, st *state, jobs []job, last *lastRun, thisBuild string) bool {
	if cfg.Full || last == nil || thisBuild == "" || last.Build != thisBuild || len(jobs) != len(st.prev) {
		return false
	}
	for _, j := range jobs {
		if id, ok := st.known(j.src.Rel, j.src.Size, j.mtime, j.meta()); !ok || id != j.id {
			return false
		}
	}
	m, err := load.ReadStoreManifest(ctx, out)
	if err != nil || m.RunID != last.RunID {
		return false
	}
	for _, t := range m.Tables {
		for _, f := range t.Files {
			fi, err := out.Stat(ctx, m.RunDir+"/"+f.Path)
			if err != nil || fi.Size != f.Bytes {
				return false
			}
		}
	}
	return true
}
