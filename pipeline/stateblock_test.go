package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
)

// storeAll saves ps in a state store under dir as one run (runID) that
// parsed them, and commits it; keep, when not nil, says which of the
// last run's entries this run's files still use.
func storeAll(t *testing.T, dir, runID string, ps []*schemas.Parsed, keep []*schemas.Parsed) {
	t.Helper()
	st, err := openState(dir, runID, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	for _, p := range keep {
		e := fileEntry{ReportID: p.Report.ReportID}
		st.see(p.Report.SourcePath, e)
	}
	for _, p := range ps {
		e := fileEntry{ReportID: p.Report.ReportID}
		st.see(p.Report.SourcePath, e)
		if _, err := st.store(e.key(p.Report.SourcePath), p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.commit(st.nextIndex()); err != nil {
		t.Fatal(err)
	}
}

// loadAll loads the parses of ps from the store under dir, in the order
// given, and fails on any that does not come back equal; it returns the
// state's index.
func loadAll(t *testing.T, dir string, ps []*schemas.Parsed) []packRef {
	t.Helper()
	st, err := openState(dir, "20261204T030000.000000Z", extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	for _, p := range ps {
		e := fileEntry{ReportID: p.Report.ReportID}
		got := st.load(e.key(p.Report.SourcePath), e.ReportID)
		if got == nil {
			t.Fatalf("%s: not in the store", p.Report.SourcePath)
		}
		if diff := parsedDiff(got, p); diff != "" {
			t.Fatalf("%s: loaded parse differs: %s", p.Report.SourcePath, diff)
		}
	}
	return st.refs()
}

// blocksOf counts the blocks the index refers to.
func blocksOf(index []packRef) int {
	type at struct {
		pack string
		off  int64
	}
	seen := map[at]bool{}
	for _, r := range index {
		seen[at{r.Pack, r.Off}] = true
	}
	return len(seen)
}

// TestStateBlocks: parses stored by one run come back equal, read in any
// order (here the reverse of the stores', the worst for the block cache),
// from blocks of packEntries entries, the last one short; the store takes
// less than 0.3× the reports' bytes, its indexes included.
func TestStateBlocks(t *testing.T) {
	ps, src := generatedParses(t, 3*packEntries+5)
	dir := filepath.Join(t.TempDir(), "out")
	storeAll(t, dir, "20261204T020000.000000Z", ps, nil)
	rev := make([]*schemas.Parsed, len(ps))
	for i, p := range ps {
		rev[len(ps)-1-i] = p
	}
	index := loadAll(t, dir, rev)
	if got, want := blocksOf(index), 4; got != want {
		t.Errorf("%d entries in %d blocks, want %d", len(ps), got, want)
	}
	var size int64
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			size += fi.Size()
		}
		return nil
	})
	if r := float64(size) / float64(src); r > 0.3 {
		t.Errorf("the store takes %.2f× the source bytes (%d of %d), want ≤ 0.3×", r, size, src)
	}
}

// TestStateCompaction: when a run's files use less than half of the
// bytes kept, the entries they use are copied into one new pack, by
// blocks again, and read back equal; the old pack is removed.
func TestStateCompaction(t *testing.T) {
	ps, _ := generatedParses(t, 4*packEntries)
	dir := filepath.Join(t.TempDir(), "out")
	storeAll(t, dir, "20261204T020000.000000Z", ps[:3*packEntries], nil)
	// The next run's files: a quarter of the last run's, and new ones.
	keep := ps[:3*packEntries/4]
	storeAll(t, dir, "20261204T030000.000000Z", ps[3*packEntries:], keep)
	cache := filepath.Join(dir, filepath.FromSlash(stateDir), "cache", cacheGeneration(extract.Limits{}))
	ents, _ := os.ReadDir(cache)
	var packs []string
	for _, e := range ents {
		if packName.MatchString(e.Name()) {
			packs = append(packs, e.Name())
		}
	}
	if len(packs) != 1 || packs[0] != "pack-20261204T030000.000000Z-c.bin" {
		t.Fatalf("packs after the second run: %v, want only its compacted one", packs)
	}
	live := append(append([]*schemas.Parsed{}, keep...), ps[3*packEntries:]...)
	index := loadAll(t, dir, live)
	if len(index) != len(live) {
		t.Errorf("index holds %d entries, want %d", len(index), len(live))
	}
	if got, want := blocksOf(index), (len(live)+packEntries-1)/packEntries; got != want {
		t.Errorf("%d entries in %d blocks after compaction, want %d", len(live), got, want)
	}
}

// TestStateDamagedBlock: a block whose bytes were damaged is not read: its
// entries are parsed again (load returns nil), the others still load.
func TestStateDamagedBlock(t *testing.T) {
	ps, _ := generatedParses(t, 2*packEntries)
	dir := filepath.Join(t.TempDir(), "out")
	storeAll(t, dir, "20261204T020000.000000Z", ps, nil)
	pack := filepath.Join(dir, filepath.FromSlash(stateDir), "cache", cacheGeneration(extract.Limits{}), "pack-20261204T020000.000000Z.bin")
	b, err := os.ReadFile(pack)
	if err != nil {
		t.Fatal(err)
	}
	st, err := openState(dir, "20261204T030000.000000Z", extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	first, _ := st.ref(fileEntry{ReportID: ps[0].Report.ReportID}.key(ps[0].Report.SourcePath))
	b[first.Off+first.Len/2] ^= 0x55
	if err := os.WriteFile(pack, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var lost, found int
	for _, p := range ps {
		e := fileEntry{ReportID: p.Report.ReportID}
		got := st.load(e.key(p.Report.SourcePath), e.ReportID)
		switch {
		case got == nil:
			lost++
		case parsedDiff(got, p) != "":
			t.Fatalf("%s: a damaged pack gave another parse", p.Report.SourcePath)
		default:
			found++
		}
	}
	if lost != packEntries || found != packEntries {
		t.Errorf("%d entries lost, %d found; want the damaged block's %d lost and the other's found", lost, found, packEntries)
	}
}
