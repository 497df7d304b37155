package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/schemas"
)

// The state store makes runs incremental. It lives under the output folder
// (OUT/.nianbao/state, hidden from readers) and holds two things:
//
//   - a cache of parsed reports keyed by content hash (report_id) under a
//     folder named for the parser and schema versions, so a new nianbao
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
)

// cacheKey names the cache generation: a parser or schema change starts a
// new one.
func cacheKey() string {
	return "p" + schemas.ParserVersion + "-s" + schemas.SchemaVersion
}

// fileEntry is what the index remembers of one input file.
type fileEntry struct {
	Size     int64  `json:"size"`
	ModNanos int64  `json:"mtime_ns"`
	ReportID string `json:"report_id"`
}

type state struct {
	dir   string // OUT/.nianbao/state
	cache string // dir/cache/<key>
	prev  map[string]fileEntry
	// fresh is true when there is nothing to reuse (first run, --full):
	// files are then not hashed before they are read.
	fresh bool
	mu    sync.Mutex
	next  map[string]fileEntry
	used  map[string]bool
}

func openState(out string) (*state, error) {
	dir := filepath.Join(out, filepath.FromSlash(stateDir))
	s := &state{dir: dir, cache: filepath.Join(dir, "cache", cacheKey()),
		prev: map[string]fileEntry{}, next: map[string]fileEntry{}, used: map[string]bool{}}
	if err := os.MkdirAll(s.cache, 0o755); err != nil {
		return nil, fmt.Errorf("state: %w", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, indexName))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("state: %w", err)
	default:
		if err := json.Unmarshal(b, &s.prev); err != nil {
			// A damaged index costs a re-hash of every file, nothing more.
			s.prev = map[string]fileEntry{}
		}
	}
	s.fresh = len(s.prev) == 0
	return s, nil
}

// known returns the report_id of a file that has not changed since the last
// run, judged by path, size and modification time.
func (s *state) known(rel string, size, mtime int64) (string, bool) {
	e, ok := s.prev[rel]
	if !ok || e.Size != size || e.ModNanos != mtime || e.ReportID == "" {
		return "", false
	}
	return e.ReportID, true
}

func (s *state) cachePath(id string) string {
	if len(id) < 4 {
		return filepath.Join(s.cache, "_", id+".bin")
	}
	return filepath.Join(s.cache, id[:2], id+".bin")
}

// load returns the cached parse of a report, or nil.
func (s *state) load(id string) *schemas.Parsed {
	b, err := os.ReadFile(s.cachePath(id))
	if err != nil {
		return nil
	}
	p, err := decodeParsed(b)
	if err != nil || p.Report.ReportID != id {
		return nil // a damaged entry is re-parsed
	}
	return p
}

// store caches a parse. Entries are written to a temporary name and
// renamed, so a run killed mid-write leaves no half entry under a real name.
func (s *state) store(p *schemas.Parsed) error {
	id := p.Report.ReportID
	if id == "" {
		return nil
	}
	b := encodeParsed(p)
	dst := s.cachePath(id)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	tmp := dst + ".tmp-" + fmt.Sprint(os.Getpid())
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	return os.Rename(tmp, dst)
}

// see records a file of this run.
func (s *state) see(rel string, e fileEntry) {
	s.mu.Lock()
	s.next[rel] = e
	s.used[e.ReportID] = true
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

// commit saves the index of this run and drops cache entries and cache
// generations no current file uses. It runs only after a successful
// publish: a failed run leaves the previous state as it was.
func (s *state) commit() error {
	b, err := json.Marshal(s.next)
	if err != nil {
		return err
	}
	tmp := filepath.Join(s.dir, indexName+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(s.dir, indexName)); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	gens, _ := os.ReadDir(filepath.Join(s.dir, "cache"))
	for _, g := range gens {
		if g.Name() != cacheKey() {
			_ = os.RemoveAll(filepath.Join(s.dir, "cache", g.Name()))
		}
	}
	shards, _ := os.ReadDir(s.cache)
	for _, sh := range shards {
		entries, _ := os.ReadDir(filepath.Join(s.cache, sh.Name()))
		for _, e := range entries {
			id := strings.TrimSuffix(e.Name(), ".bin")
			if strings.Contains(e.Name(), ".tmp-") || !s.used[id] {
				_ = os.Remove(filepath.Join(s.cache, sh.Name(), e.Name()))
			}
		}
	}
	return nil
}

// reset forgets the index and the cache: --full.
func (s *state) reset() error {
	s.prev = map[string]fileEntry{}
	s.fresh = true
	if err := os.RemoveAll(filepath.Join(s.dir, "cache")); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	return os.MkdirAll(s.cache, 0o755)
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
