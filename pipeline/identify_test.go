package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/nianbao/nianbao/extract"
)

// walked writes n reports under a new folder and returns the walk's
// sources and their contents' SHA-256, by path.
func walked(t *testing.T, n int) ([]extract.Source, map[string]string) {
	t.Helper()
	in := t.TempDir()
	sums := map[string]string{}
	for i := range n {
		b := []byte("政府信息公开工作年度报告 " + strconv.Itoa(i) + "\n")
		p := filepath.Join(in, "r"+strconv.Itoa(i)+".txt")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(b)
		sums[p] = hex.EncodeToString(s[:])
	}
	var srcs []extract.Source
	err := extract.WalkOptions{}.Walk(context.Background(), in, func(s extract.Source) error {
		srcs = append(srcs, s)
		return nil
	})
	if err != nil || len(srcs) != n {
		t.Fatalf("walk: %d sources, %v", len(srcs), err)
	}
	return srcs, sums
}

// countStats counts identify's look-ups of paths until the test ends.
func countStats(t *testing.T) *atomic.Int64 {
	var n atomic.Int64
	old := statPath
	statPath = func(p string) (os.FileInfo, error) { n.Add(1); return old(p) }
	t.Cleanup(func() { statPath = old })
	return &n
}

// TestIdentifyLooksUpOnlyWhatTheIndexMayKnow: a file the last run's index
// does not know is opened and hashed without a look-up of its path before
// (the walk has just made one), with the modification time of the open
// file; a file it may know is looked up once, and not opened when its
// modification time says it is unchanged.
func TestIdentifyLooksUpOnlyWhatTheIndexMayKnow(t *testing.T) {
	const n = 6
	srcs, sums := walked(t, n)
	st, err := openState(t.TempDir(), benchRunID, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	stats := countStats(t)
	jobs, err := identify(context.Background(), Config{Workers: 2}, srcs, st)
	if err != nil {
		t.Fatal(err)
	}
	if got := stats.Load(); got != 0 {
		t.Errorf("new files: %d look-ups of paths, want 0", got)
	}
	for _, j := range jobs {
		fi, err := os.Stat(j.src.Path)
		if err != nil {
			t.Fatal(err)
		}
		if j.id != sums[j.src.Path] || j.mtime != fi.ModTime().UnixNano() {
			t.Errorf("%s: id %s mtime %d, want %s %d", j.src.Rel, j.id, j.mtime, sums[j.src.Path], fi.ModTime().UnixNano())
		}
		// The index knows every file, one with a wrong id under the
		// mtime of another day: it must be hashed again.
		e := j.entry()
		if j.src.Rel == "r0.txt" {
			e.ModNanos--
			e.ReportID = "stale"
		}
		st.prev[j.src.Rel] = e
	}
	stats.Store(0)
	again, err := identify(context.Background(), Config{Workers: 2}, srcs, st)
	if err != nil {
		t.Fatal(err)
	}
	if got := stats.Load(); got != n {
		t.Errorf("known files: %d look-ups of paths, want %d", got, n)
	}
	for _, j := range again {
		if j.id != sums[j.src.Path] {
			t.Errorf("%s: id %s, want %s", j.src.Rel, j.id, sums[j.src.Path])
		}
	}
}

// TestIdentifyFIFOSwappedIn: a file replaced by a FIFO after the walk
// listed it is not waited on: identify gives it the id of an unreadable
// file.
func TestIdentifyFIFOSwappedIn(t *testing.T) {
	srcs, _ := walked(t, 1)
	if err := os.Remove(srcs[0].Path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(srcs[0].Path, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	st, err := openState(t.TempDir(), benchRunID, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	done := make(chan []job, 1)
	go func() {
		jobs, err := identify(context.Background(), Config{Workers: 1}, srcs, st)
		if err != nil {
			t.Error(err)
		}
		done <- jobs
	}()
	select {
	case jobs := <-done:
		if len(jobs) != 1 || jobs[0].id != unreadableID(srcs[0].Rel) {
			t.Errorf("jobs %+v, want the id of an unreadable file", jobs)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("identify blocked on a FIFO")
	}
}

// TestIdentifySharesPath: a job's Rel is the end of its Path, one string
// held for both, when it is the same text; a Rel that is not (an escaped
// name) is left as it was.
func TestIdentifySharesPath(t *testing.T) {
	srcs, _ := walked(t, 3)
	srcs = append(srcs, extract.Source{Path: filepath.Join(t.TempDir(), "\xff.txt"), Rel: "\\xff.txt", Format: "txt"})
	st, err := openState(t.TempDir(), benchRunID, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	jobs, err := identify(context.Background(), Config{Workers: 2}, srcs, st)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		end := unsafe.Add(unsafe.Pointer(unsafe.StringData(j.src.Path)), len(j.src.Path)-len(j.src.Rel))
		shared := unsafe.Pointer(unsafe.StringData(j.src.Rel)) == end
		if want := strings.HasSuffix(j.src.Path, j.src.Rel); shared != want {
			t.Errorf("%q in %q: shared %v, want %v", j.src.Rel, j.src.Path, shared, want)
		}
		if j.src.Rel != "\\xff.txt" && !strings.HasPrefix(j.src.Rel, "r") {
			t.Errorf("Rel %q changed", j.src.Rel)
		}
	}
}

// TestJobSize: a job holds its source, id and modification time and one
// pointer (what few files have more), as the run keeps one a file until
// every file is parsed.
func TestJobSize(t *testing.T) {
	if got, want := unsafe.Sizeof(job{}), unsafe.Sizeof(extract.Source{})+unsafe.Sizeof("")+8+unsafe.Sizeof(&jobMore{}); got != want {
		t.Errorf("job is %d bytes, want %d", got, want)
	}
}

// TestJobQueueLetsGo: the parse's jobs are let go a chunk at a time as
// they are emitted, in order, and each job reads as it was until then.
func TestJobQueueLetsGo(t *testing.T) {
	n := 2*jobChunk + jobChunk/2
	jobs := make([]job, n)
	for i := range jobs {
		jobs[i].id = strconv.Itoa(i)
	}
	q := newJobQueue(jobs)
	held := func() (k int) {
		for _, c := range q.chunks {
			if c != nil {
				k++
			}
		}
		return k
	}
	if len(q.chunks) != 3 || held() != 3 {
		t.Fatalf("%d chunks, %d held, want 3", len(q.chunks), held())
	}
	for i := range n {
		if got := q.at(i).id; got != strconv.Itoa(i) {
			t.Fatalf("job %d reads %s", i, got)
		}
		q.emitted(i)
		if want := 3 - (i+1)/jobChunk - (i+1)/n; held() != want {
			t.Fatalf("after job %d: %d chunks held, want %d", i, held(), want)
		}
	}
}

// TestHashFile: hashFile is the SHA-256 of every byte of the file and the
// open file's modification time, for sizes about its buffer's length (it
// stops at a short read ending at the file's size, and reads on after a
// full one), and "" for what is not a regular file.
func TestHashFile(t *testing.T) {
	dir := t.TempDir()
	bp := hashBuffers.Get().(*[]byte)
	buf := len(*bp)
	hashBuffers.Put(bp)
	for _, size := range []int{0, 1, 1000, buf - 1, buf, buf + 1, 2 * buf, 3*buf + 7} {
		b := make([]byte, size)
		for i := range b {
			b[i] = byte(i*7 + size)
		}
		p := filepath.Join(dir, strconv.Itoa(size))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		want := sha256.Sum256(b)
		for _, given := range []os.FileInfo{nil, fi} {
			id, mtime := hashFile(p, given)
			if id != hex.EncodeToString(want[:]) || mtime != fi.ModTime().UnixNano() {
				t.Errorf("size %d: %s %d, want %x %d", size, id, mtime, want, fi.ModTime().UnixNano())
			}
		}
	}
	if id, mtime := hashFile(dir, nil); id != "" || mtime != 0 {
		t.Errorf("a directory: %q %d", id, mtime)
	}
	if id, _ := hashFile(filepath.Join(dir, "none"), nil); id != "" {
		t.Errorf("no file: %q", id)
	}
}

// FuzzHashFile: hashFile is the SHA-256 of a file of any contents.
func FuzzHashFile(f *testing.F) {
	f.Add([]byte("政府信息公开工作年度报告"))
	f.Add([]byte{})
	f.Add(make([]byte, 64<<10))
	f.Add(make([]byte, 64<<10+1))
	p := filepath.Join(f.TempDir(), "f")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		want := sha256.Sum256(data)
		if id, _ := hashFile(p, nil); id != hex.EncodeToString(want[:]) {
			t.Fatalf("%d bytes: %s, want %x", len(data), id, want)
		}
	})
}

// BenchmarkHashFile measures identify's reading of a new file (opened as
// the walk listed it, hashed): 1 000 files of 6.7 KB, a report's size.
func BenchmarkHashFile(b *testing.B) {
	dir := b.TempDir()
	paths := make([]string, 1000)
	for i := range paths {
		paths[i] = filepath.Join(dir, strconv.Itoa(i)+".txt")
		if err := os.WriteFile(paths[i], []byte(strings.Repeat("政府信息公开 "+strconv.Itoa(i)+"\n", 6700/20)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if id, _ := hashFile(paths[i%len(paths)], nil); id == "" {
			b.Fatal("unreadable")
		}
		i++
	}
}
