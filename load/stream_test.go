package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// multiYear is a dataset for comparing the modes, in sorted order: four
// years, reports without a year, and report_ids that occur at two or
// three source paths (one of them twice at the same path), across a
// RowGroupRows and MaxFileRows small enough to give several row groups
// and part files per partition.
func multiYear() []*schemas.Parsed {
	var ps []*schemas.Parsed
	for i := range 300 {
		p := templateReport(i)
		switch i % 7 {
		case 3:
			p.Report.ReportYear = nil
		case 5:
			p.Findings = nil
		}
		ps = append(ps, p)
		if i%11 == 0 { // the same document under another path
			q := templateReport(i)
			q.Report.SourcePath = "副本/" + q.Report.SourcePath
			q.Report.ReportYear = ptr(int32(2020))
			q.Appeals = nil
			ps = append(ps, q)
		}
		if i%50 == 0 { // and twice at one path
			ps = append(ps, templateReport(i))
		}
	}
	slices.SortStableFunc(ps, func(a, b *schemas.Parsed) int { return compareReports(&a.Report, &b.Report) })
	return ps
}

func streamingOpts(id string) Options {
	o := opts(id)
	o.Streaming = true
	return o
}

func TestStreamingSameFiles(t *testing.T) {
	for _, tc := range []struct {
		name              string
		group, file, page int
	}{
		{"small row groups and files", 700, 5000, 0},
		{"streaming defaults", DefaultStreamingRowGroupRows, 0, DefaultStreamingPageBufferBytes},
	} {
		t.Run(tc.name, func(t *testing.T) {
			buffered, streaming := t.TempDir(), t.TempDir()
			o := opts("r1")
			o.RowGroupRows, o.MaxFileRows, o.PageBufferBytes = tc.group, tc.file, tc.page
			if tc.page == 0 { // parquet-go's default, which streaming does not use
				o.PageBufferBytes = 256 << 10
			}
			ps := multiYear()
			// Buffered: any Add order.
			rev := slices.Clone(ps)
			slices.Reverse(rev)
			// Equal keys keep their Add order in both modes.
			for i := 0; i+1 < len(rev); i++ {
				if compareReports(&rev[i].Report, &rev[i+1].Report) == 0 {
					rev[i], rev[i+1] = rev[i+1], rev[i]
				}
			}
			mb := commit(t, buffered, o, rev)

			o.Streaming = true
			w, err := NewWriter(streaming, o)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Abort()
			// Each report is handed over in memory reused for the next one
			// and overwritten after Add: nothing of it may be kept.
			var sc scratch
			for _, p := range multiYear() {
				if err := w.Add(sc.copy(p)); err != nil {
					t.Fatal(err)
				}
				sc.scribble()
			}
			ms, err := w.Commit(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			assertSameFiles(t, buffered, streaming)
			if ms.Reports != mb.Reports || ms.Reports != int64(len(ps)) {
				t.Errorf("manifest reports: streaming %d, buffered %d", ms.Reports, mb.Reports)
			}
			files := 0
			for _, tm := range ms.Tables {
				files += len(tm.Files)
			}
			t.Logf("%d reports, %d files, identical", len(ps), files)
		})
	}
}

// TestStreamingSameFilesCodes: reports whose cells are the catalogue's own
// cell codes, which the arena does not copy, their other strings in memory
// overwritten after each Add (a few of them invalid UTF-8), give the
// buffered mode's files.
func TestStreamingSameFilesCodes(t *testing.T) {
	var ps []*schemas.Parsed
	for i := range 150 {
		p := catalogueReport(uint64(i), []float64{0, 0.01}[i%2])
		p.Report.ReportYear = ptr(int32(2019 + i%3))
		ps = append(ps, p)
	}
	slices.SortStableFunc(ps, func(a, b *schemas.Parsed) int { return compareReports(&a.Report, &b.Report) })
	codes := 0
	for _, a := range ps[0].Applications {
		if schemas.IsCodeText(a.Cell) {
			codes++
		}
	}
	if codes < 100 {
		t.Fatalf("%d applications hold the catalogue's codes", codes)
	}
	o := opts("r1")
	o.RowGroupRows, o.MaxFileRows, o.PageBufferBytes = 700, 5000, 4096
	buffered, streaming := t.TempDir(), t.TempDir()
	var want []*schemas.Parsed
	for _, p := range ps {
		want = append(want, (&scratch{}).copy(p))
	}
	commit(t, buffered, o, want)
	o.Streaming = true
	w, err := NewWriter(streaming, o)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	sc := scratch{codes: true}
	for _, p := range ps {
		if err := w.Add(sc.copy(p)); err != nil {
			t.Fatal(err)
		}
		sc.scribble()
	}
	if _, err := w.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, buffered, streaming)
}

// scratch hands out copies of reports whose strings and pointed-to values
// live in memory that the next copy reuses, as a caller recycling its
// buffers would.
type scratch struct {
	b     []byte
	ptrs  []reflect.Value
	saved []*schemas.Parsed
	// codes keeps the catalogue's cell codes (schemas.IsCodeText) where
	// they are, as a parser's rows hold them: not the caller's memory.
	codes bool
}

func (s *scratch) copy(p *schemas.Parsed) *schemas.Parsed {
	s.b, s.ptrs = s.b[:0], s.ptrs[:0]
	q := &schemas.Parsed{Report: p.Report,
		Disclosures: slices.Clone(p.Disclosures), Applications: slices.Clone(p.Applications),
		Appeals: slices.Clone(p.Appeals), Findings: slices.Clone(p.Findings)}
	// Reserve enough so that views taken below stay valid.
	s.b = slices.Grow(s.b, 1<<20)
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			if v.Type().String() == "time.Time" {
				return
			}
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.String:
			if v.Len() > 0 && !(s.codes && schemas.IsCodeText(v.String())) {
				i := len(s.b)
				s.b = append(s.b, v.String()...)
				v.SetString(unsafe.String(&s.b[i], v.Len()))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				n := reflect.New(v.Type().Elem())
				n.Elem().Set(v.Elem())
				walk(n.Elem())
				v.Set(n)
				s.ptrs = append(s.ptrs, n)
			}
		}
	}
	walk(reflect.ValueOf(q).Elem())
	s.saved = append(s.saved[:0], q)
	return q
}

// scribble overwrites what the last copy pointed to.
func (s *scratch) scribble() {
	for i := range s.b {
		s.b[i] = 'X'
	}
	for _, p := range s.ptrs {
		p.Elem().Set(reflect.Zero(p.Type().Elem()))
	}
	q := s.saved[0]
	q.Report = schemas.Report{}
	clear(q.Disclosures)
	clear(q.Applications)
	clear(q.Appeals)
	clear(q.Findings)
}

func TestStreamingOrder(t *testing.T) {
	out := t.TempDir()
	w, err := NewWriter(out, streamingOpts("r1"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	b := sample("b", ptr(int32(2021)), true)
	b.Report.SourcePath = "m/b.txt"
	if err := w.Add(b); err != nil {
		t.Fatal(err)
	}
	a := sample("a", ptr(int32(2021)), true)
	if err := w.Add(a); !errors.Is(err, ErrOrder) {
		t.Fatalf("Add(a) after b = %v, want ErrOrder", err)
	}
	b2 := sample("b", ptr(int32(2021)), true)
	b2.Report.SourcePath = "a/b.txt"
	if err := w.Add(b2); !errors.Is(err, ErrOrder) || !strings.Contains(err.Error(), "a/b.txt") {
		t.Fatalf("Add(b at a smaller path) = %v, want ErrOrder", err)
	}
	// Equal keys, then greater ones, are accepted; the refused reports left
	// nothing behind.
	b3 := sample("b", nil, false)
	b3.Report.SourcePath = "m/b.txt"
	for _, p := range []*schemas.Parsed{b3, sample("c", nil, true)} {
		if err := w.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	m, err := w.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if m.Reports != 3 || m.Tables[schemas.TableReports].Rows != 3 {
		t.Errorf("reports: manifest %d, table %d, want 3", m.Reports, m.Tables[schemas.TableReports].Rows)
	}
}

func TestStreamingMaxPartitions(t *testing.T) {
	o := streamingOpts("r1")
	o.MaxPartitions = 2
	w, err := NewWriter(t.TempDir(), o)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, p := range []*schemas.Parsed{sample("a", ptr(int32(2020)), false), sample("b", nil, false),
		sample("c", ptr(int32(2020)), false)} {
		if err := w.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Add(sample("d", ptr(int32(2021)), false)); !errors.Is(err, ErrPartitions) {
		t.Fatalf("third year: %v, want ErrPartitions", err)
	}
	if err := w.Add(sample("e", nil, false)); err != nil {
		t.Fatalf("after ErrPartitions: %v", err)
	}
	if _, err := w.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestStreamingEmptyTables(t *testing.T) {
	for _, ps := range [][]*schemas.Parsed{nil, {sample("a", ptr(int32(2020)), false)}} {
		buffered, streaming := t.TempDir(), t.TempDir()
		o := opts("r1")
		o.RowGroupRows, o.PageBufferBytes = DefaultStreamingRowGroupRows, DefaultStreamingPageBufferBytes
		commit(t, buffered, o, ps)
		commit(t, streaming, streamingOpts("r1"), ps)
		assertSameFiles(t, buffered, streaming)
	}
}

// openFilesUnder counts the process's open files below dir (-1 where
// /proc/self/fd cannot be read). Files of other tests, which the
// collector may close at any time, are not counted.
func openFilesUnder(t *testing.T, dir string) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real // as /proc/self/fd names it
	}
	n := 0
	for _, e := range ents {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
			n++
		}
	}
	return n
}

func TestStreamingAbort(t *testing.T) {
	out := t.TempDir()
	commit(t, out, opts("r0"), dataset())
	before := tree(t, out)

	o := streamingOpts("r1")
	o.MaxFileRows = 1000 // some part files complete, others open
	w, err := NewWriter(out, o)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := w.Add(templateReport(i)); err != nil {
			t.Fatal(err)
		}
	}
	staged, _ := filepath.Glob(filepath.Join(out, ".nianbao/runs/r1/*/*/*.parquet"))
	if len(staged) == 0 {
		t.Fatal("nothing written before Commit")
	}
	open := openFilesUnder(t, out)
	if open == 0 {
		t.Fatal("no part file open before Abort")
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if after := tree(t, out); after != before {
		t.Errorf("published dataset changed:\n%s\nwas:\n%s", after, before)
	}
	if got := ls(t, filepath.Join(out, ".nianbao/runs")); !slices.Equal(got, []string{"r0"}) {
		t.Errorf("runs = %v", got)
	}
	if n := openFilesUnder(t, out); n != 0 && open > 0 {
		t.Errorf("%d files below the output open after Abort, %d before", n, open)
	}
	if err := w.Add(templateReport(99)); !errors.Is(err, ErrClosed) {
		t.Errorf("Add after Abort = %v", err)
	}
	w2, err := NewWriter(out, streamingOpts("r2")) // lock released
	if err != nil {
		t.Fatal(err)
	}
	w2.Abort()
}

func TestStreamingFailedCommit(t *testing.T) {
	out := t.TempDir()
	w, err := NewWriter(out, streamingOpts("r1"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for i := range 20 {
		if err := w.Add(templateReport(i)); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.Commit(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Commit = %v", err)
	}
	if got := ls(t, filepath.Join(out, ".nianbao/runs")); len(got) != 0 {
		t.Errorf("runs = %v", got)
	}
}

// heap samples the heap while a Writer runs.
type heap struct {
	base, peak uint64   // HeapInuse: before, and highest seen
	live       []uint64 // HeapAlloc after a forced GC, at each checkpoint
}

func (h *heap) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.peak = max(h.peak, ms.HeapInuse)
}

func (h *heap) checkpoint() {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.live = append(h.live, ms.HeapAlloc)
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

// TestStreamingMemory adds 20 000 reports of 201 rows (4 million rows in
// four years) in both modes. Two measures: the live heap after a forced GC
// every 2 000 reports, which is what the Writer holds (the memory model in
// doc.go), and the peak HeapInuse, which also counts garbage not yet
// collected and so depends on GOGC (100 here: about twice the live heap).
func TestStreamingMemory(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes 4 million rows twice; the race detector changes the heap")
	}
	const n = 20000
	const liveLimit, peakLimit = 150 << 20, 300 << 20
	run := func(streaming bool) heap {
		runtime.GC()
		var h heap
		h.sample()
		h.base, h.peak = h.peak, 0
		o := opts(fmt.Sprintf("streaming-%t", streaming))
		o.Verify, o.Streaming = false, streaming
		w, err := NewWriter(t.TempDir(), o)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Abort()
		for i := range n {
			if err := w.Add(templateReport(i)); err != nil {
				t.Fatal(err)
			}
			if i%20 == 0 {
				h.sample()
			}
			if (i+1)%2000 == 0 {
				h.checkpoint()
			}
		}
		done := make(chan error)
		go func() { // in buffered mode, Commit does the writing
			_, err := w.Commit(context.Background())
			done <- err
		}()
		for {
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
				h.sample()
				h.peak -= h.base
				for i := range h.live {
					h.live[i] -= min(h.live[i], h.base)
				}
				return h
			default:
				h.sample()
				time.Sleep(time.Millisecond) // ReadMemStats stops the world
			}
		}
	}
	s, b := run(true), run(false)
	var sl, bl []string
	for i := range s.live {
		sl = append(sl, fmt.Sprintf("%.0f", mb(s.live[i])))
		bl = append(bl, fmt.Sprintf("%.0f", mb(b.live[i])))
	}
	t.Logf("%d reports; live heap (MB) every 2000 reports: streaming %s, buffered %s", n, sl, bl)
	t.Logf("peak HeapInuse: streaming %.0f MB, buffered %.0f MB", mb(s.peak), mb(b.peak))
	if l := slices.Max(s.live); l > liveLimit {
		t.Errorf("streaming live heap %.0f MB, want < %d MB", mb(l), liveLimit>>20)
	}
	// Flat: the second half of the run needs no more than the first, give
	// or take the zstd encoder (16 MB) that sync.Pool drops and re-creates.
	if h := len(s.live) / 2; slices.Max(s.live[h:]) > slices.Max(s.live[:h])+24<<20 {
		t.Errorf("streaming live heap grows with the reports: %v MB", sl)
	}
	if s.peak > peakLimit {
		t.Errorf("streaming peak %.0f MB, want < %d MB", mb(s.peak), peakLimit>>20)
	}
	if b.live[len(b.live)-1] <= liveLimit {
		t.Errorf("buffered live heap %.0f MB is under the limit: the test no longer shows a difference", mb(b.live[len(b.live)-1]))
	}
}
