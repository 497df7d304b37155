package pipeline

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract"
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

// cacheGeneration names the cache generation of parses read under lim:
// another build of nianbao, other limits (extract.Limits.Key), or a
// parser, schema or codec change (codecVersion, the catalogue behind
// codecStrings, or the division table a parse resolved its organ with)
// starts a new one, and the old one is removed when the run commits.
//
// The build is part of it because a parse is the output of the code that
// made it: a new build may read the same bytes differently whether or not
// anyone remembered to change schemas.ParserVersion, and a cached parse
// of the old one would then be published as the new one's. A new build
// parses every file once. So are the limits: a file over
// --max-text-bytes is FILE_TOO_LARGE, and is read once the limit is
// raised; and the PDF text extractor, installed after PDF_UNSUPPORTED or
// upgraded.
func cacheGeneration(lim extract.Limits) string { return generationOf(readerID(lim)) }

// generationOf is cacheGeneration for the reader identity reader.
func generationOf(reader string) string {
	return "p" + schemas.ParserVersion + "-s" + schemas.SchemaVersion +
		"-c" + strconv.Itoa(codecVersion) + "." + codecDigest + "-d" + division.Digest() +
		"-r" + readerDigest(reader)
}

// readerID is what a parse depends on besides the file and its sidecar:
// the build (build), the limits it was read under and the PDF text
// extractor on PATH; "" when the build cannot be identified.
func readerID(lim extract.Limits) string {
	b := build()
	if b == "" {
		return ""
	}
	return b + "/" + lim.Key() + "/pdftotext=" + extract.PDFExtractor()
}

// readerDigest names a reader (readerID) in the cache generation: 16 hex
// digits of the SHA-256 of its identity. A build that cannot be identified
// ("") gets a name of this process alone, so that it reads no parse that
// another process cached.
func readerDigest(id string) string {
	if id == "" {
		return "x" + processNonce()
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:8])
}

// processNonce is random, and the same for the whole process.
var processNonce = sync.OnceValue(func() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
})

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

// packRef locates one cached parse: its block, a byte range of a pack
// file, and its byte range in the block's content (sealBlock), which is
// Raw bytes long.
type packRef struct {
	Pack string `json:"pack"`
	Off  int64  `json:"off"`
	Len  int64  `json:"len"`
	At   int64  `json:"at"`
	N    int64  `json:"n"`
	Raw  int64  `json:"raw"`
	// used is set when a file of this run has the entry's key (see, store):
	// the entries kept when the run commits.
	used bool
}

// slot is a packRef as the state holds it through a run: the pack by its
// number in state.packNames, the sizes in 32 bits (a block is about
// packBlock, an entry at most maxEntry), no string: 48 bytes in the map
// with its key, against about 200 with a key string and a packRef. An
// entry of index.json whose numbers do not fit is dropped (its file is
// parsed again).
type slot struct {
	off             int64
	len, at, n, raw int32
	pack            uint32
	used            bool
}

// slotKey is the pack index's key for a key string (fileEntry.key): the
// first 16 bytes of its SHA-256, 16 bytes in the map instead of a string
// of 81 and its header. The key strings are made again from the file
// index when the run commits (state.commit).
type slotKey [16]byte

func keyOf(key string) (k slotKey) {
	h := sha256.Sum256([]byte(key))
	copy(k[:], h[:])
	return k
}

// fits32 reports whether the numbers of a packRef fit a slot.
func (r packRef) fits32() bool {
	const m = 1<<31 - 1
	return r.Len >= 0 && r.Len <= m && r.At >= 0 && r.At <= m && r.N >= 0 && r.N <= m && r.Raw >= 0 && r.Raw <= m
}

// refOf is the packRef of a slot. The caller holds s.mu.
func (s *state) refOf(v slot) packRef {
	return packRef{Pack: s.packNames[v.pack], Off: v.off, Len: int64(v.len), At: int64(v.at), N: int64(v.n), Raw: int64(v.raw), used: v.used}
}

// slotOf is the slot of a packRef whose numbers fit (fits32).
func (s *state) slotOf(r packRef) slot {
	return slot{off: r.Off, len: int32(r.Len), at: int32(r.At), n: int32(r.N), raw: int32(r.Raw), pack: s.packNum(r.Pack), used: r.used}
}

// packNum numbers a pack name. The caller holds s.mu (or is openState).
func (s *state) packNum(name string) uint32 {
	for i, n := range s.packNames {
		if n == name {
			return uint32(i)
		}
	}
	s.packNames = append(s.packNames, name)
	return uint32(len(s.packNames) - 1)
}

// disk is the entry's share of the bytes of its pack: of its block's, as
// its share of the block's content.
func (r packRef) disk() int64 {
	if r.Raw <= 0 {
		return r.Len
	}
	return r.Len * r.N / r.Raw
}

// state is the store. Parses are appended to one pack file per run (one
// open file, not a file per report: creating files was most of the cost of
// a first run), by blocks of packEntries; index.json maps report_id to its
// place and is written only after the run published, so a run that dies
// leaves the previous index, and its half-written pack is removed by the
// next commit.
type state struct {
	dir string // OUT/.nianbao/state
	// reader is what this run's parses depend on besides the files
	// (readerID), worked out once; gen the cache generation it names.
	reader string
	gen    string
	cache  string // dir/cache/<gen>
	prev   map[string]fileEntry

	mu sync.Mutex
	// next is the file index of this run, in the order the files were
	// seen (a slice: a map of 100 000 paths held 100 bytes more a file
	// through the run); commit makes it a map, the last entry of a path
	// winning.
	next []seenFile
	strs strs // next's strings
	// index holds the committed entries and this run's new ones, by
	// keyOf their key; packNames are the packs its slots name.
	index     map[slotKey]slot
	packNames []string
	packs     map[string]*os.File
	out       *os.File // this run's pack
	outN      int64
	name      string
	// blk is the content of the block being filled, and blkKeys the keys
	// of its entries, whose index entries have no block yet.
	blk     []byte
	blkKeys []slotKey
	blocks  blockCache
}

// seenFile is a file of this run (state.see), its strings in state.strs:
// held to the commit, pointer-free.
type seenFile struct {
	rel, id, meta  sref
	size, modNanos int64
}

// openState opens the state store under out for the run runID, which
// reads files under lim.
func openState(out, runID string, lim extract.Limits) (*state, error) {
	dir := filepath.Join(out, filepath.FromSlash(stateDir))
	reader := readerID(lim)
	gen := generationOf(reader)
	s := &state{dir: dir, reader: reader, gen: gen, cache: filepath.Join(dir, "cache", gen),
		prev: map[string]fileEntry{}, index: map[slotKey]slot{}, packs: map[string]*os.File{},
		name: "pack-" + runID + ".bin"}
	if err := os.MkdirAll(s.cache, 0o755); err != nil {
		return nil, fmt.Errorf("state: %w", err)
	}
	readJSON := func(path string, decode func(b []byte) error) error {
		b, err := os.ReadFile(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil
		case err != nil:
			return fmt.Errorf("state: %w", err)
		}
		if decode(b) != nil {
			// A damaged index costs a re-hash or a re-parse, nothing more.
			return nil
		}
		return nil
	}
	if err := readJSON(filepath.Join(dir, indexName), func(b []byte) error { return decodeFiles(b, &s.prev) }); err != nil {
		return nil, err
	}
	var index map[string]packRef
	if err := readJSON(filepath.Join(s.cache, packIndex), func(b []byte) error { return decodePacks(b, &index) }); err != nil {
		return nil, err
	}
	s.index = make(map[slotKey]slot, len(index))
	for k, ref := range index {
		if ref.fits32() {
			s.index[keyOf(k)] = s.slotOf(ref)
		}
	}
	// Packs of runs killed before they committed are referenced by no
	// index: remove them now (the caller holds the output's lock), or
	// repeated kills pile them up until a run publishes.
	s.removePacks(func(name string) bool { return slices.Contains(s.packNames, name) })
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
	if e, ok := s.mayKnow(rel, size, meta); ok && e.ModNanos == mtime {
		return e.ReportID, true
	}
	return "", false
}

// mayKnow returns the last run's entry of a file whose path, size and
// sidecar agree with it: known if its modification time agrees too.
func (s *state) mayKnow(rel string, size int64, meta string) (fileEntry, bool) {
	e, ok := s.prev[rel]
	return e, ok && e.Size == size && e.Meta == meta && e.ReportID != ""
}

// load returns the parse cached under key (fileEntry.key) of the
// report id, or nil.
func (s *state) load(key, id string) *schemas.Parsed { return s.loadAt(keyOf(key), id) }

// loadAt is load with the key's keyOf.
func (s *state) loadAt(k slotKey, id string) *schemas.Parsed {
	s.mu.Lock()
	v, ok := s.index[k]
	var f *os.File
	var ref packRef
	if ok {
		ref = s.refOf(v)
	}
	if ok && ref.Pack != s.name {
		f = s.pack(ref.Pack)
	}
	s.mu.Unlock()
	if f == nil {
		return nil
	}
	b, err := s.blocks.entry(f, ref)
	if err != nil {
		return nil
	}
	p, err := decodeParsed(b)
	if err != nil || p.Report.ReportID != id {
		return nil // a damaged entry is re-parsed
	}
	return p
}

// pack returns the open pack file of that name, nil when it cannot be
// opened. The caller holds s.mu.
func (s *state) pack(name string) *os.File {
	f := s.packs[name]
	if f == nil {
		var err error
		if f, err = os.Open(filepath.Join(s.cache, name)); err != nil {
			return nil
		}
		s.packs[name] = f
	}
	return f
}

// blockCache keeps the last blocks read, decompressed: a run loads the
// entries in the order they were stored (report_id order, give or take
// the workers' window), so a block is read and decompressed once and then
// serves the loads of its other entries.
type blockCache struct {
	mu   sync.Mutex
	ring [16]*cachedBlock
	next int
}

// cachedBlock is one block of a pack; once reads it, the first load of
// one of its entries, while the others wait.
type cachedBlock struct {
	pack    string
	off     int64
	once    sync.Once
	content []byte
	err     error
}

// entry returns the bytes of the entry at ref in f.
func (c *blockCache) entry(f io.ReaderAt, ref packRef) ([]byte, error) {
	if ref.Len <= 0 || ref.Len > maxEntry || ref.At < 0 || ref.N <= 0 {
		return nil, errCodec
	}
	c.mu.Lock()
	var b *cachedBlock
	for _, x := range c.ring {
		if x != nil && x.pack == ref.Pack && x.off == ref.Off {
			b = x
			break
		}
	}
	if b == nil {
		b = &cachedBlock{pack: ref.Pack, off: ref.Off}
		c.ring[c.next] = b
		c.next = (c.next + 1) % len(c.ring)
	}
	c.mu.Unlock()
	b.once.Do(func() {
		z := make([]byte, ref.Len)
		if _, err := f.ReadAt(z, ref.Off); err != nil {
			b.err = err
			return
		}
		b.content, b.err = openBlock(z)
	})
	switch {
	case b.err != nil:
		return nil, b.err
	case ref.At+ref.N > int64(len(b.content)):
		return nil, errCodec
	}
	return b.content[ref.At : ref.At+ref.N], nil
}

// encodeBuffers hold encoded parses on their way to a block, and blocks on
// their way to the pack.
var encodeBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// store adds a parse to this run's pack under key (fileEntry.key): to the
// block being filled, which is compressed and written when it has
// packEntries entries. It returns the collection spool's entry of p, cut
// from the same encoding (appendParsedSpool), for the caller to hand to
// collection.holdEncoded with p; nil when p is not stored.
func (s *state) store(key string, p *schemas.Parsed) (*[]byte, error) {
	return s.storeAt(keyOf(key), p)
}

// storeAt is store with the key's keyOf.
func (s *state) storeAt(k slotKey, p *schemas.Parsed) (*[]byte, error) {
	if p.Report.ReportID == "" {
		return nil, nil
	}
	buf := encodeBuffers.Get().(*[]byte)
	sp := spoolBuffers.Get().(*[]byte)
	raw, spool := appendParsedSpool((*buf)[:0], (*sp)[:0], p)
	*sp = spool
	defer func() { *buf = raw; encodeBuffers.Put(buf) }()
	return sp, s.storeEncoded(k, raw)
}

// storeEncoded adds the encoded parse raw under k (store).
func (s *state) storeEncoded(k slotKey, raw []byte) error {
	s.mu.Lock()
	if v, dup := s.index[k]; dup && s.packNames[v.pack] == s.name {
		s.mu.Unlock()
		return nil // the same bytes at two paths, parsed by two workers
	}
	if s.out == nil {
		name := filepath.Join(s.cache, s.name)
		err := fault.Check(fault.Create, name)
		var f *os.File
		if err == nil {
			f, err = os.Create(name)
		}
		if err != nil {
			s.mu.Unlock()
			return fmt.Errorf("state: %w", err)
		}
		s.out = f
	}
	if s.blk == nil {
		s.blk = (*encodeBuffers.Get().(*[]byte))[:0]
	}
	s.index[k] = slot{pack: s.packNum(s.name), off: -1, at: int32(len(s.blk)), n: int32(len(raw)), used: true}
	s.blk = append(s.blk, raw...)
	s.blkKeys = append(s.blkKeys, k)
	var blk []byte
	var keys []slotKey
	if len(s.blkKeys) >= packEntries || len(s.blk) >= packBlock {
		blk, keys, s.blk, s.blkKeys = s.blk, s.blkKeys, nil, nil
	}
	s.mu.Unlock()
	if keys == nil {
		return nil
	}
	return s.writeBlock(blk, keys)
}

// writeBlock compresses a block of this run's entries (keys) and appends
// it to the pack.
func (s *state) writeBlock(content []byte, keys []slotKey) error {
	zp := encodeBuffers.Get().(*[]byte)
	z := sealBlock((*zp)[:0], content)
	defer func() {
		*zp = z
		encodeBuffers.Put(zp)
		encodeBuffers.Put(&content)
	}()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.out == nil {
		return fmt.Errorf("state: %w", os.ErrClosed) // the run failed meanwhile
	}
	if err := fault.Check(fault.Write, s.out.Name()); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	if _, err := s.out.Write(z); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	for _, k := range keys {
		v := s.index[k]
		v.off, v.len, v.raw = s.outN, int32(len(z)), int32(len(content))
		s.index[k] = v
	}
	s.outN += int64(len(z))
	return nil
}

// flush writes the block being filled.
func (s *state) flush() error {
	s.mu.Lock()
	blk, keys := s.blk, s.blkKeys
	s.blk, s.blkKeys = nil, nil
	s.mu.Unlock()
	if keys == nil {
		return nil
	}
	return s.writeBlock(blk, keys)
}

// see records a file of this run.
func (s *state) see(rel string, e fileEntry) { s.seeAt(rel, e, keyOf(e.key(rel))) }

// seeAt is see with the keyOf of the entry's key.
func (s *state) seeAt(rel string, e fileEntry, k slotKey) {
	s.mu.Lock()
	s.next = append(s.next, seenFile{rel: s.strs.add(rel), id: s.strs.addID(e.ReportID), meta: s.strs.add(e.Meta), size: e.Size, modNanos: e.ModNanos})
	if v, ok := s.index[k]; ok && !v.used {
		v.used = true
		s.index[k] = v
	}
	s.mu.Unlock()
}

// reserve makes room in the file index for n files.
func (s *state) reserve(n int) {
	s.mu.Lock()
	s.next = slices.Grow(s.next, n)
	s.mu.Unlock()
}

// nextIndex is this run's file index as it is saved: by path, the last
// entry seen of a path winning. Each report_id is spelled in hex again to
// make it: Run makes it once, for counts and commit.
func (s *state) nextIndex() map[string]fileEntry {
	m := make(map[string]fileEntry, len(s.next))
	for _, f := range s.next {
		m[s.strs.get(f.rel)] = fileEntry{Size: f.size, ModNanos: f.modNanos, ReportID: s.strs.get(f.id), Meta: s.strs.get(f.meta)}
	}
	return m
}

// counts compares this run's files (next, nextIndex's) with the last run's.
func (s *state) counts(next map[string]fileEntry) (added, changed, deleted int) {
	for rel, e := range next {
		old, ok := s.prev[rel]
		switch {
		case !ok:
			added++
		case old.ReportID != e.ReportID:
			changed++
		}
	}
	for rel := range s.prev {
		if _, ok := next[rel]; !ok {
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
// pack. It runs before the publish, once every report is parsed.
func (s *state) commit(next map[string]fileEntry) error {
	if err := s.flush(); err != nil {
		return err
	}
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
	// The used entries are those of this run's files (see and store mark
	// them): their keys are made again from the file index, next.
	live := map[string]packRef{}
	for rel, e := range next {
		key := e.key(rel)
		if v, ok := s.index[keyOf(key)]; ok && v.used {
			live[key] = s.refOf(v)
		}
	}
	var liveBytes, diskBytes int64
	byPack := map[string]bool{}
	for _, ref := range live {
		liveBytes += ref.disk()
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
	if err := writeJSONMap(filepath.Join(s.cache, packIndex), live); err != nil {
		return err
	}
	if err := writeJSONMap(filepath.Join(s.dir, indexName), next); err != nil {
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
		if g.Name() != s.gen && generationName.MatchString(g.Name()) {
			_ = os.RemoveAll(filepath.Join(s.dir, "cache", g.Name()))
		}
	}
	// Saved: the run needs none of the indexes any more, and its
	// writer's verification comes next.
	s.prev, s.next, s.index, s.strs = nil, nil, nil, strs{}
	return nil
}

// compact copies the live entries into one new pack, in report_id order,
// and points live at it. The caller holds s.mu.
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
	var (
		off     int64
		content []byte
		keys    []string
		z       []byte
		blocks  blockCache
	)
	write := func() error {
		if len(keys) == 0 {
			return nil
		}
		z = sealBlock(z[:0], content)
		if err := fault.Check(fault.Write, f.Name()); err != nil {
			return fmt.Errorf("state: %w", err)
		}
		if _, err := f.Write(z); err != nil {
			return fmt.Errorf("state: %w", err)
		}
		for _, k := range keys {
			ref := live[k]
			ref.Off, ref.Len, ref.Raw = off, int64(len(z)), int64(len(content))
			live[k] = ref
		}
		off += int64(len(z))
		content, keys = content[:0], keys[:0]
		return nil
	}
	for _, id := range sortedKeys(live) {
		ref := live[id]
		src := s.pack(ref.Pack)
		if src == nil {
			delete(live, id)
			continue
		}
		b, err := blocks.entry(src, ref)
		if err != nil {
			delete(live, id)
			continue
		}
		live[id] = packRef{Pack: name, At: int64(len(content)), N: ref.N}
		content = append(content, b...)
		keys = append(keys, id)
		if len(keys) >= packEntries || len(content) >= packBlock {
			if err := write(); err != nil {
				return err
			}
		}
	}
	if err := write(); err != nil {
		return err
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

// writeJSONMap writes m to path as writeJSON does, the same bytes, but
// streamed: each key and value is marshalled alone, in the key order
// json.Marshal sorts a map by. The indexes are written at the end of a
// run, while its writers still hold their buffers; marshalled whole, the
// two of a 100 000-file state held about 70 MB at once (the encoder's
// sorted keys and values, and the growing output).
func writeJSONMap[V any](path string, m map[string]V) error {
	err := replaceFileWith(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		if m == nil {
			bw.WriteString("null")
			return bw.Flush()
		}
		bw.WriteByte('{')
		for i, k := range sortedKeys(m) {
			kb, err := json.Marshal(k)
			if err != nil {
				return err
			}
			vb, err := json.Marshal(m[k])
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.Write(kb)
			bw.WriteByte(':')
			bw.Write(vb)
		}
		bw.WriteByte('}')
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("state: %w", err)
	}
	return nil
}

// replaceFile writes b to a temporary file beside path and renames it over
// path; on failure the temporary file is removed and path is as it was.
func replaceFile(path string, b []byte) error {
	return replaceFileWith(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// replaceFileWith is replaceFile with the content written by write.
func replaceFileWith(path string, write func(io.Writer) error) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	err := fault.Check(fault.Write, tmp)
	if err == nil {
		var f *os.File
		f, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err == nil {
			err = write(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
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
	s.index = map[slotKey]slot{}
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

// ref returns the pack index's entry for key (fileEntry.key).
func (s *state) ref(key string) (packRef, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.index[keyOf(key)]
	if !ok {
		return packRef{}, false
	}
	return s.refOf(v), true
}

// refs returns the entries of the pack index, in no order.
func (s *state) refs() []packRef {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := make([]packRef, 0, len(s.index))
	for _, v := range s.index {
		rs = append(rs, s.refOf(v))
	}
	return rs
}

// entries is the number of entries in the pack index.
func (s *state) entries() int { return len(s.index) }
