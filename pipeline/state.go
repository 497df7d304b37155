package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/internal/fault"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/division"
)

// The state store makes runs incremental. It lives under the output folder
// (OUT/.nianbao/state, hidden from readers) and holds two things:
//
//   - a cache of parsed reports keyed by content hash (report_id), path and
//     sidecar under a folder named for the parser and schema versions, so a new nianbao
//     version that can read the same bytes differently starts from an
//     empty cache and reprocesses everything;
//   - the file index of the last successful run: for each input path, its
//     size, modification time and report_id, so unchanged files need not
//     even be hashed again.
//
// The published dataset is always rebuilt from the current inputs: cached
// reports for files that did not change, fresh parses for new and changed
// ones, nothing for deleted ones. That keeps it a pure function of the
// inputs and the version, whatever sequence of runs led to it.
const (
	stateDir  = ".nianbao/state"
	indexName = "files.json"
	packIndex = "index.json"
)

// cacheGeneration names the cache generation: a parser, schema or codec
// change (codecVersion, the catalogue behind codecStrings, or the division
// table a parse resolved its organ with) starts a new
// one, and the old one is removed when the run commits.
func cacheGeneration() string {
	return "p" + schemas.ParserVersion + "-s" + schemas.SchemaVersion +
		"-c" + strconv.Itoa(codecVersion) + "." + codecDigest + "-d" + division.Digest
}

// fileEntry is what the index remembers of one input file.
type fileEntry struct {
	Size     int64  `json:"size"`
	ModNanos int64  `json:"mtime_ns"`
	ReportID string `json:"report_id"`
	// Meta is the digest of the file's sidecar (X.meta.json), "" when it
	// has none: the sidecar's values are part of the parse.
	Meta string `json:"meta,omitempty"`
}

// key is where the parse of the file at rel is cached: its content hash,
// with a digest of its path and its sidecar's digest. A parse depends on all
// three: the same bytes under another name (which may give the year) or with
// another sidecar give another reports row.
func (e fileEntry) key(rel string) string {
	h := sha256.Sum256([]byte(rel + "\x00" + e.Meta))
	return e.ReportID + "+" + hex.EncodeToString(h[:8])
}

// packRef locates one cached parse: a byte range of a pack file.
type packRef struct {
	Pack string `json:"pack"`
	Off  int64  `json:"off"`
	Len  int64  `json:"len"`
}

// state is the store. Parses are appended to one pack file per run (one
// open file, not a file per report: creating files was most of the cost of
// a first run); index.json maps report_id to its place and is written only
// after the run published, so a run that dies leaves the previous index,
// and its half-written pack is removed by the next commit.
type state struct {
	dir   string // OUT/.nianbao/state
	cache string // dir/cache/<key>
	prev  map[string]fileEntry

	mu    sync.Mutex
	next  map[string]fileEntry
	used  map[string]bool
	index map[string]packRef // committed entries, and this run's new ones
	packs map[string]*os.File
	out   *os.File // this run's pack
	outN  int64
	name  string
}

func openState(out, runID string) (*state, error) {
	dir := filepath.Join(out, filepath.FromSlash(stateDir))
	s := &state{dir: dir, cache: filepath.Join(dir, "cache", cacheGeneration()),
		prev: map[string]fileEntry{}, next: map[string]fileEntry{}, used: map[string]bool{},
		index: map[string]packRef{}, packs: map[string]*os.File{}, name: "pack-" + runID + ".bin"}
	if err := os.MkdirAll(s.cache, 0o755); err != nil {
		return nil, fmt.Errorf("state: %w", err)
	}
	readJSON := func(path string, v any) error {
		b, err := os.ReadFile(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil
		case err != nil:
			return fmt.Errorf("state: %w", err)
		}
		if json.Unmarshal(b, v) != nil {
			// A damaged index costs a re-hash or a re-parse, nothing more.
			return nil
		}
		return nil
	}
	if err := readJSON(filepath.Join(dir, indexName), &s.prev); err != nil {
		return nil, err
	}
	if err := readJSON(filepath.Join(s.cache, packIndex), &s.index); err != nil {
		return nil, err
	}
	// Packs of runs killed before they committed are referenced by no
	// index: remove them now (the caller holds the output's lock), or
	// repeated kills pile them up until a run publishes.
	s.removePacks(func(name string) bool {
		for _, ref := range s.index {
			if ref.Pack == name {
				return true
			}
		}
		return false
	})
	return s, nil
}

// packName is the form of the packs a run writes: pack-<run-id>.bin, and
// pack-<run-id>-c.bin when it compacts.
var packName = regexp.MustCompile(`^pack-[0-9]{8}T[0-9]{6}\.[0-9]{6}Z(-c)?\.bin$`)

// generationName is the form of cacheGeneration's names.
var generationName = regexp.MustCompile(`^p[0-9A-Za-z.+_-]+-s[0-9A-Za-z.+_-]+$`)

// removePacks removes the packs of the current cache generation that
// inUse does not claim. Only names of the form packName are removed.
func (s *state) removePacks(inUse func(name string) bool) {
	ents, _ := os.ReadDir(s.cache)
	for _, e := range ents {
		if packName.MatchString(e.Name()) && e.Type().IsRegular() && !inUse(e.Name()) {
			_ = os.Remove(filepath.Join(s.cache, e.Name()))
		}
	}
}

// known returns the report_id of a file that has not changed since the last
// run, judged by path, size and modification time, and whose sidecar is the
// same (meta: its digest, "" for none).
func (s *state) known(rel string, size, mtime int64, meta string) (string, bool) {
	e, ok := s.prev[rel]
	if !ok || e.Size != size || e.ModNanos != mtime || e.Meta != meta || e.ReportID == "" {
		return "", false
	}
	return e.ReportID, true
}

// load returns the parse cached under key (fileEntry.key) of the
// report id, or nil.
func (s *state) load(key, id string) *schemas.Parsed {
	s.mu.Lock()
	ref, ok := s.index[key]
	var f *os.File
	if ok && ref.Pack != s.name {
		f = s.packs[ref.Pack]
		if f == nil {
			var err error
			if f, err = os.Open(filepath.Join(s.cache, ref.Pack)); err == nil {
				s.packs[ref.Pack] = f
			}
		}
	}
	s.mu.Unlock()
	if f == nil || ref.Len <= 0 || ref.Len > 1<<30 {
		return nil
	}
	b := make([]byte, ref.Len)
	if _, err := f.ReadAt(b, ref.Off); err != nil {
		return nil
	}
	p, err := unpackEntry(b)
	if err != nil || p.Report.ReportID != id {
		return nil // a damaged entry is re-parsed
	}
	return p
}

// encodeBuffers hold encoded parses on their way to the pack.
type encodeBuffer struct{ packed, raw []byte }

var encodeBuffers = sync.Pool{New: func() any {
	return &encodeBuffer{packed: make([]byte, 0, 16<<10), raw: make([]byte, 0, 64<<10)}
}}

// store appends a parse to this run's pack under key (fileEntry.key).
func (s *state) store(key string, p *schemas.Parsed) error {
	if p.Report.ReportID == "" {
		return nil
	}
	buf := encodeBuffers.Get().(*encodeBuffer)
	b, raw := packEntry(buf.packed[:0], buf.raw, p)
	defer func() { buf.packed, buf.raw = b, raw; encodeBuffers.Put(buf) }()
	s.mu.Lock()
	defer s.mu.Unlock()
	if ref, dup := s.index[key]; dup && ref.Pack == s.name {
		return nil // the same bytes at two paths, parsed by two workers
	}
	if s.out == nil {
		name := filepath.Join(s.cache, s.name)
		if err := fault.Check(fault.Create, name); err != nil {
			return fmt.Errorf("state: %w", err)
		}
		f, err := os.Create(name)
		if err != nil {
			return fmt.Errorf("state: %w", err)
		}
		s.out = f
	}
	if err := fault.Check(fault.Write, s.out.Name()); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	if _, err := s.out.Write(b); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	s.index[key] = packRef{Pack: s.name, Off: s.outN, Len: int64(len(b))}
	s.outN += int64(len(b))
	return nil
}

// see records a file of this run.
func (s *state) see(rel string, e fileEntry) {
	s.mu.Lock()
	s.next[rel] = e
	s.used[e.key(rel)] = true
	s.mu.Unlock()
}

// counts compares this run's files with the last run's.
func (s *state) counts() (added, changed, deleted int) {
	for rel, e := range s.next {
		old, ok := s.prev[rel]
		switch {
		case !ok:
			added++
		case old.ReportID != e.ReportID:
			changed++
		}
	}
	for rel := range s.prev {
		if _, ok := s.next[rel]; !ok {
			deleted++
		}
	}
	return
}

// close releases the pack files without committing (a failed run).
func (s *state) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.packs {
		f.Close()
	}
	s.packs = map[string]*os.File{}
	if s.out != nil {
		s.out.Close()
		os.Remove(s.out.Name())
		s.out = nil
	}
}

// commit saves the file index and the pack index of this run, keeping only
// entries that a current file uses, and removes packs nothing refers to and
// cache generations of other versions. When less than half of the bytes
// kept on disk are still used, the used entries are copied into one new
// pack. It runs only after a successful publish.
func (s *state) commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.out != nil {
		if err := fault.Check(fault.Sync, s.out.Name()); err != nil {
			return fmt.Errorf("state: %w", err)
		}
		if err := s.out.Sync(); err != nil {
			return fmt.Errorf("state: %w", err)
		}
		s.out.Close()
		s.out = nil
	}
	live := map[string]packRef{}
	for id, ref := range s.index {
		if s.used[id] {
			live[id] = ref
		}
	}
	var liveBytes, diskBytes int64
	byPack := map[string]bool{}
	for _, ref := range live {
		liveBytes += ref.Len
		byPack[ref.Pack] = true
	}
	for p := range byPack {
		if fi, err := os.Stat(filepath.Join(s.cache, p)); err == nil {
			diskBytes += fi.Size()
		}
	}
	if diskBytes > 0 && liveBytes*2 < diskBytes {
		if err := s.compact(live); err != nil {
			return err
		}
	}
	if err := writeJSON(filepath.Join(s.cache, packIndex), live); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(s.dir, indexName), s.next); err != nil {
		return err
	}
	for _, f := range s.packs {
		f.Close()
	}
	s.packs = map[string]*os.File{}
	inUse := map[string]bool{}
	for _, ref := range live {
		inUse[ref.Pack] = true
	}
	s.removePacks(func(name string) bool { return inUse[name] })
	gens, _ := os.ReadDir(filepath.Join(s.dir, "cache"))
	for _, g := range gens {
		if g.Name() != cacheGeneration() && generationName.MatchString(g.Name()) {
			_ = os.RemoveAll(filepath.Join(s.dir, "cache", g.Name()))
		}
	}
	return nil
}

// compact copies the live entries into one new pack, in report_id order,
// and points live at it.
func (s *state) compact(live map[string]packRef) error {
	name := "pack-" + strings.TrimSuffix(strings.TrimPrefix(s.name, "pack-"), ".bin") + "-c.bin"
	if err := fault.Check(fault.Create, filepath.Join(s.cache, name)); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	f, err := os.Create(filepath.Join(s.cache, name))
	if err != nil {
		return fmt.Errorf("state: %w", err)
	}
	defer f.Close()
	var off int64
	for _, id := range sortedKeys(live) {
		ref := live[id]
		src, err := os.Open(filepath.Join(s.cache, ref.Pack))
		if err != nil {
			delete(live, id)
			continue
		}
		b := make([]byte, ref.Len)
		_, err = src.ReadAt(b, ref.Off)
		src.Close()
		if err != nil {
			delete(live, id)
			continue
		}
		if err := fault.Check(fault.Write, f.Name()); err != nil {
			return fmt.Errorf("state: %w", err)
		}
		if _, err := f.Write(b); err != nil {
			return fmt.Errorf("state: %w", err)
		}
		live[id] = packRef{Pack: name, Off: off, Len: ref.Len}
		off += ref.Len
	}
	return f.Sync()
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := replaceFile(path, b); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	return nil
}

// replaceFile writes b to a temporary file beside path and renames it over
// path; on failure the temporary file is removed and path is as it was.
func replaceFile(path string, b []byte) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	err := fault.Check(fault.Write, tmp)
	if err == nil {
		err = os.WriteFile(tmp, b, 0o644)
	}
	if err == nil {
		err = fault.Check(fault.Rename, path)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}

// reset forgets the index and the cache: --full.
func (s *state) reset() error {
	s.prev = map[string]fileEntry{}
	s.index = map[string]packRef{}
	return nil
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
