package pipeline

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// oldCarry is how the collection kept the carry cells of a report before
// (a map of every cell under the carry prefixes): the reference of
// TestCarriedMatchesCellValues.
func oldCarry(p map[string]int64) map[string]int64 {
	m := map[string]int64{}
	for cell, v := range p {
		if strings.HasPrefix(cell, "s3.carried_over.") || strings.HasPrefix(cell, "s3.carried_forward.") ||
			strings.HasPrefix(cell, "s2.regulations.") || strings.HasPrefix(cell, "s2.normative.") {
			m[cell] = v
		}
	}
	return m
}

// TestCarriedMatchesCellValues: for generated reports of every layout and
// both templates, the fixed array of carry cells a fact keeps reads, for
// each cell the cross-year checks look up, what the map of cellValues
// read (present or not, and the value).
func TestCarriedMatchesCellValues(t *testing.T) {
	ps, _ := generatedParses(t, 200)
	c, err := newCollection()
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	compared := 0
	for i, p := range ps {
		if err := c.hold(p, ""); err != nil {
			t.Fatal(err)
		}
		want := oldCarry(cellValues(p))
		got := c.carried(i)
		for cell, k := range carryIndex {
			v, ok := got.get(k)
			w, wok := want[cell]
			if ok != wok || v != w {
				t.Fatalf("%s: %s reads (%d, %v), the map read (%d, %v)", p.Report.SourcePath, cell, v, ok, w, wok)
			}
			if ok {
				compared++
			}
		}
	}
	if compared == 0 {
		t.Fatal("no report read a carry cell: the test covers nothing")
	}
	if len(carryIndex) != nCarry {
		t.Fatalf("%d carry cells named, %d kept", len(carryIndex), nCarry)
	}
}

// TestFactKeepsNoEntry: a parse loaded from the state store cuts its
// strings from one string of its whole entry; the facts the collection
// keeps to the end of the run hold copies of its report_id and organ, not
// pieces of that string (which would keep the whole entry, a few KB a
// report).
func TestFactKeepsNoEntry(t *testing.T) {
	ps, _ := generatedParses(t, 20)
	c, err := newCollection()
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	withOrgan := 0
	for i, p := range ps {
		p.Organ = "name:" + strings.Repeat("某", 3)
		b, _ := packEntry(nil, nil, p)
		q, err := unpackEntry(b)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.hold(q, ""); err != nil {
			t.Fatal(err)
		}
		entry := func(s string) bool { // s points into q's entry string
			lo, hi := uintptr(unsafe.Pointer(unsafe.StringData(q.Report.Template))), uintptr(0)
			for _, x := range []string{q.Report.ReportID, q.Report.SourcePath, q.Organ, q.Report.Encoding} {
				if len(x) > 0 {
					a := uintptr(unsafe.Pointer(unsafe.StringData(x)))
					lo, hi = min(lo, a), max(hi, a+uintptr(len(x)))
				}
			}
			a := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			return len(s) > 0 && a >= lo && a < hi
		}
		f := c.facts[i]
		if entry(c.str(f.id)) {
			t.Fatalf("%s: the fact's report_id is a piece of the entry", p.Report.SourcePath)
		}
		if f.organ.n != 0 {
			withOrgan++
			if entry(c.str(f.organ)) {
				t.Fatalf("%s: the fact's organ is a piece of the entry", p.Report.SourcePath)
			}
		}
	}
	if withOrgan == 0 {
		t.Fatal("no fact had an organ: the test covers nothing")
	}
}

// TestHeldPerReport: what the collection holds from the parse to the end
// of the replay (its facts, the copies' disagreements, the cross-year
// findings) is under 320 bytes a report (about 290; it was 570, then 340
// with a copy of each report_id, organ and year pointer a fact, then 220
// sharing the report_id string of Run's job, now copied with the path
// into the collection's pointer-free strs, the report_id as 32 bytes): at
// 100 000 reports it is a
// share of the CLI's soft memory limit (220 MiB) the garbage collector
// works against. Measured as the live heap after holding and finishing
// generated reports (copies and consecutive years among them), less the
// heap before; their report_ids are in strings of their own before, as
// Run's jobs hold them.
func TestHeldPerReport(t *testing.T) {
	const n = 1500
	ps, _ := generatedParses(t, n)
	c, err := newCollection()
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	for _, p := range ps {
		p.Organ = resolveDivision(p) // as ParseSource does (and the tables it loads once)
	}
	ids := make([]string, n)
	for i, p := range ps {
		ids[i] = strings.Clone(p.Report.ReportID)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC() // and what sync.Pools kept through the first
	runtime.ReadMemStats(&before)
	c.reserve(n)
	for i, p := range ps {
		if err := c.hold(p, ids[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.buf, c.vals, c.dbuf = nil, nil, nil // scratch, not held per report
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ps)
	runtime.KeepAlive(ids)
	if c.nDiffs == 0 {
		t.Fatal("no copy disagrees: the test covers less than it says")
	}
	per := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / n
	t.Logf("%d bytes a report held, %d disagreements", per, c.nDiffs)
	if per > 320 {
		t.Errorf("the collection holds %d bytes a report, want at most 320", per)
	}
}
