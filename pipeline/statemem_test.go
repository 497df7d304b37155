package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"testing"
	"unsafe"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
)

// TestStateHeldPerReport: what the state store holds of a first run's
// files from their parse to its commit (the file index of the run and the
// pack index of its new entries) is under 340 bytes a report (about 295;
// it was about 330 with the pack index a map of key strings, then less
// sharing the path and report_id strings of Run's jobs, which it now
// copies into its pointer-free strs, the report_id as 32 bytes, so that
// the jobs' strings go once parsed): at 100 000 reports it is a share of
// the CLI's soft memory limit the garbage collector works against.
// Measured as the live heap after seeing and storing n files, less the
// heap before (their paths and report_ids exist before, as the jobs hold
// them). The strs' part is checked exactly: a seen file is 56 bytes, and
// its strings take their bytes, the report_id 32, and one block at most
// besides.
func TestStateHeldPerReport(t *testing.T) {
	const n = 4000
	s, err := openState(t.TempDir(), "20260101T000000.000000Z", extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	rels, ids := make([]string, n), make([]string, n)
	for i := range rels {
		rels[i] = fmt.Sprintf("2024/某省/某市人民政府办公室/%06d.html", i)
		h := sha256.Sum256([]byte(rels[i]))
		ids[i] = hex.EncodeToString(h[:])
	}
	p := &schemas.Parsed{}
	// The compressor's tables are made at its first block: once a
	// process, not a report.
	sealBlock(nil, make([]byte, 1000))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	s.reserve(n) // as Run does once the files are known
	for i, rel := range rels {
		e := fileEntry{Size: int64(i), ModNanos: int64(i) * 7, ReportID: ids[i]}
		s.see(rel, e)
		p.Report.ReportID = ids[i]
		if _, err := s.store(e.key(rel), p); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.flush(); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(rels)
	runtime.KeepAlive(ids)
	if len(s.next) != n || s.entries() != n {
		t.Fatalf("%d files and %d entries kept, want %d", len(s.next), s.entries(), n)
	}
	per := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / n
	t.Logf("%d bytes a report held by the state store", per)
	if per > 340 {
		t.Errorf("the state store holds %d bytes a report, want at most 340", per)
	}
	if size := unsafe.Sizeof(seenFile{}); size != 56 {
		t.Errorf("a seen file is %d bytes, want 56", size)
	}
	var kept, want int
	for _, b := range s.strs.blocks {
		kept += cap(b)
	}
	for _, rel := range rels {
		want += len(rel) + 32
	}
	if kept > want+strsBlock {
		t.Errorf("the seen files' strings take %d bytes, want at most %d", kept, want+strsBlock)
	}
}
