package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// storeCase opens a new, empty store of one kind.
type storeCase struct {
	name string
	open func(t *testing.T) Store
}

var bucketSeq struct {
	sync.Mutex
	n int
}

// newS3Store opens an empty prefix in a new bucket of the test server.
func newTestS3Store(t *testing.T) *S3Store {
	w := needWeed(t)
	bucketSeq.Lock()
	bucketSeq.n++
	name := fmt.Sprintf("conf-%d", bucketSeq.n)
	bucketSeq.Unlock()
	if err := w.Bucket(name); err != nil {
		t.Fatal(err)
	}
	s, err := OpenStore(context.Background(), "s3://"+name+"/some/prefix", StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Idle connections must not outlive the test (others count open files).
	t.Cleanup(func() { s.(*S3Store).Close() })
	return s.(*S3Store)
}

var storeCases = []storeCase{
	{"local", func(t *testing.T) Store {
		s, err := NewLocalStore(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}},
	{"s3", func(t *testing.T) Store { return newTestS3Store(t) }},
}

// forEachStore runs one conformance test against every store kind.
func forEachStore(t *testing.T, test func(t *testing.T, s Store)) {
	for _, c := range storeCases {
		t.Run(c.name, func(t *testing.T) { test(t, c.open(t)) })
	}
}

// pattern is n bytes that differ at every offset of a part.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

func readAll(t *testing.T, s Store, key string) []byte {
	t.Helper()
	r, err := s.Read(context.Background(), key)
	if err != nil {
		t.Fatalf("Read %s: %v", key, err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStoreStreamedObjects(t *testing.T) {
	ctx := context.Background()
	for _, size := range []int{0, 1000, s3PartSize, 2*s3PartSize + 12345} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			forEachStore(t, func(t *testing.T, s Store) {
				data := pattern(size)
				w, err := s.Create(ctx, "t/report_year=2020/part-00000.parquet")
				if err != nil {
					t.Fatal(err)
				}
				// Odd write sizes cross part boundaries.
				for rest := data; len(rest) > 0; {
					k := min(len(rest), 777_777)
					if n, err := w.Write(rest[:k]); err != nil || n != k {
						t.Fatalf("Write: %d, %v", n, err)
					}
					rest = rest[k:]
				}
				final := "t/report_year=2020/part-00000-abcdef.parquet"
				if _, err := s.Stat(ctx, final); !errors.Is(err, ErrNotExist) {
					t.Fatalf("before Commit, Stat(final) = %v, want ErrNotExist", err)
				}
				if err := w.Commit(ctx, final); err != nil {
					t.Fatal(err)
				}
				if err := w.Commit(ctx, final); err == nil {
					t.Error("second Commit succeeded")
				}
				if err := w.Abort(); err != nil {
					t.Errorf("Abort after Commit: %v", err)
				}
				if got := readAll(t, s, final); !bytes.Equal(got, data) {
					t.Fatalf("read back %d bytes, want %d equal ones", len(got), len(data))
				}
				if _, err := s.Stat(ctx, "t/report_year=2020/part-00000.parquet"); !errors.Is(err, ErrNotExist) {
					t.Errorf("the name written under is still there: %v", err)
				}
				fi, err := s.Stat(ctx, final)
				if err != nil || fi.Size != int64(size) {
					t.Fatalf("Stat = %+v, %v; want size %d", fi, err, size)
				}
				o, err := s.Open(ctx, final)
				if err != nil {
					t.Fatal(err)
				}
				defer o.Close()
				if o.Size() != int64(size) {
					t.Errorf("Open.Size = %d, want %d", o.Size(), size)
				}
				if size > 10 {
					buf := make([]byte, 10)
					off := int64(size - 7)
					n, err := o.ReadAt(buf, off)
					if n != 7 || err != io.EOF || !bytes.Equal(buf[:7], data[off:]) {
						t.Errorf("ReadAt past the end: %d, %v", n, err)
					}
					n, err = o.ReadAt(buf, 3)
					if n != 10 || err != nil || !bytes.Equal(buf, data[3:13]) {
						t.Errorf("ReadAt(3) = %d, %v", n, err)
					}
				}
			})
		})
	}
}

func TestStoreAbort(t *testing.T) {
	ctx := context.Background()
	forEachStore(t, func(t *testing.T, s Store) {
		w, err := s.Create(ctx, "runs/x/a.parquet")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(pattern(s3PartSize + 10)); err != nil {
			t.Fatal(err)
		}
		if err := w.Abort(); err != nil {
			t.Fatal(err)
		}
		if err := w.Abort(); err != nil {
			t.Fatal(err)
		}
		if err := w.Commit(ctx, "runs/x/a.parquet"); err == nil {
			t.Error("Commit after Abort succeeded")
		}
		objs, err := s.List(ctx, "")
		if err != nil || len(objs) != 0 {
			t.Errorf("after Abort: %v, %v; want nothing", objs, err)
		}
		if s3s, ok := s.(*S3Store); ok {
			if n, err := s3s.AbortUploads(ctx, ""); err != nil || n != 0 {
				t.Errorf("multipart uploads left after Abort: %d, %v", n, err)
			}
		}
	})
}

func TestStoreMissing(t *testing.T) {
	ctx := context.Background()
	forEachStore(t, func(t *testing.T, s Store) {
		if _, _, err := s.Get(ctx, "nope.json"); !errors.Is(err, ErrNotExist) {
			t.Errorf("Get: %v", err)
		}
		if _, err := s.Stat(ctx, "nope.json"); !errors.Is(err, ErrNotExist) {
			t.Errorf("Stat: %v", err)
		}
		if _, err := s.Open(ctx, "nope.json"); !errors.Is(err, ErrNotExist) {
			t.Errorf("Open: %v", err)
		}
		if _, err := s.Read(ctx, "nope.json"); !errors.Is(err, ErrNotExist) {
			t.Errorf("Read: %v", err)
		}
		if err := s.Delete(ctx, "nope.json"); err != nil {
			t.Errorf("Delete: %v", err)
		}
	})
}

func TestStoreConditionalPut(t *testing.T) {
	ctx := context.Background()
	forEachStore(t, func(t *testing.T, s Store) {
		const k = "_manifest.json"
		if _, err := s.Put(ctx, k, []byte("x"), Cond{IfMatch: `"0123"`}); !errors.Is(err, ErrPrecondition) {
			t.Fatalf("If-Match on a missing key: %v", err)
		}
		e1, err := s.Put(ctx, k, []byte("one"), Cond{IfNoneMatch: true})
		if err != nil || e1 == "" {
			t.Fatalf("first create: %q, %v", e1, err)
		}
		if _, err := s.Put(ctx, k, []byte("two"), Cond{IfNoneMatch: true}); !errors.Is(err, ErrPrecondition) {
			t.Fatalf("second create: %v", err)
		}
		b, e, err := s.Get(ctx, k)
		if err != nil || string(b) != "one" || e != e1 {
			t.Fatalf("Get = %q %q %v; want one %q", b, e, err, e1)
		}
		e2, err := s.Put(ctx, k, []byte("two"), Cond{IfMatch: e1})
		if err != nil || e2 == e1 {
			t.Fatalf("replace: %q, %v", e2, err)
		}
		if _, err := s.Put(ctx, k, []byte("three"), Cond{IfMatch: e1}); !errors.Is(err, ErrPrecondition) {
			t.Fatalf("replace with a stale ETag: %v", err)
		}
		if b, _, _ := s.Get(ctx, k); string(b) != "two" {
			t.Fatalf("after a refused replace: %q", b)
		}
		if _, err := s.Put(ctx, k, []byte("four"), Cond{}); err != nil {
			t.Fatal(err)
		}
		if b, _, _ := s.Get(ctx, k); string(b) != "four" {
			t.Fatalf("unconditional put: %q", b)
		}
	})
}

// TestStoreRacingCreates: of writers racing to create one key, exactly one
// wins; of writers racing to replace one version, exactly one wins. (ETags
// name content: each writer writes other bytes.)
func TestStoreRacingCreates(t *testing.T) {
	ctx := context.Background()
	forEachStore(t, func(t *testing.T, s Store) {
		const n = 12
		race := func(what string, cond func() Cond) (wins int) {
			var wg sync.WaitGroup
			var mu sync.Mutex
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := s.Put(ctx, "lease", []byte(fmt.Sprint(what, i)), cond())
					mu.Lock()
					defer mu.Unlock()
					switch {
					case err == nil:
						wins++
					case !errors.Is(err, ErrPrecondition):
						t.Errorf("writer %d: %v", i, err)
					}
				}()
			}
			wg.Wait()
			return wins
		}
		if w := race("create ", func() Cond { return Cond{IfNoneMatch: true} }); w != 1 {
			t.Errorf("%d of %d creating writers won, want 1", w, n)
		}
		_, etag, err := s.Get(ctx, "lease")
		if err != nil {
			t.Fatal(err)
		}
		if w := race("replace ", func() Cond { return Cond{IfMatch: etag} }); w != 1 {
			t.Errorf("%d of %d replacing writers won, want 1", w, n)
		}
	})
}

func TestStoreList(t *testing.T) {
	ctx := context.Background()
	forEachStore(t, func(t *testing.T, s Store) {
		keys := []string{".nianbao/runs/r1/reports/report_year=2020/part-0.parquet", ".nianbao/runs/r1/_manifest.json",
			".nianbao/runs/r2/x", ".nianbao/state/files.json", "_manifest.json", "_runs/r1.json"}
		for _, k := range keys {
			if _, err := s.Put(ctx, k, []byte(k), Cond{}); err != nil {
				t.Fatal(err)
			}
		}
		list := func(prefix string) string {
			objs, err := s.List(ctx, prefix)
			if err != nil {
				t.Fatal(err)
			}
			var ks []string
			for _, o := range objs {
				if o.Size != int64(len(o.Key)) {
					t.Errorf("%s: size %d", o.Key, o.Size)
				}
				ks = append(ks, o.Key)
			}
			return strings.Join(ks, " ")
		}
		if got, want := list(".nianbao/runs/"), ".nianbao/runs/r1/_manifest.json .nianbao/runs/r1/reports/report_year=2020/part-0.parquet .nianbao/runs/r2/x"; got != want {
			t.Errorf("List(runs/) = %s\nwant %s", got, want)
		}
		if got, want := list(".nianbao/runs/r1/"), ".nianbao/runs/r1/_manifest.json .nianbao/runs/r1/reports/report_year=2020/part-0.parquet"; got != want {
			t.Errorf("List(r1/) = %s", got)
		}
		if got := list(""); got != strings.Join([]string{keys[1], keys[0], keys[2], keys[3], keys[4], keys[5]}, " ") {
			t.Errorf("List() = %s", got)
		}
		if got := list("_r"); got != "_runs/r1.json" {
			t.Errorf("List(_r) = %s", got)
		}
		if err := s.Delete(ctx, ".nianbao/runs/r2/x"); err != nil {
			t.Fatal(err)
		}
		if got := list(".nianbao/runs/r2"); got != "" {
			t.Errorf("after Delete: %s", got)
		}
	})
}

// mustLocal opens a folder as a store, for tests that name files by path.
func mustLocal(dir string) Store {
	s, err := NewLocalStore(dir)
	if err != nil {
		panic(err)
	}
	return s
}

// TestMirrorRefusesKeysOutside: an object whose key climbs out of the
// prefix is not written outside the mirror folder.
func TestMirrorRefusesKeysOutside(t *testing.T) {
	ctx := context.Background()
	forEachStore(t, func(t *testing.T, s Store) {
		if _, err := s.Put(ctx, "in/ok.txt", []byte("ok"), Cond{}); err != nil {
			t.Fatal(err)
		}
		root := t.TempDir()
		m := NewMirror(s, "in", root)
		if err := m.Pull(ctx); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(filepath.Join(m.Root(), "in", "ok.txt")); err != nil || string(b) != "ok" {
			t.Fatalf("mirrored: %q, %v", b, err)
		}
		s3s, ok := s.(*S3Store)
		if !ok {
			return // a folder cannot hold such a key
		}
		// Written with the SDK: the Store refuses nothing here.
		k := s3s.key("in/../../escape.txt")
		if _, err := s3s.c.PutObject(ctx, &s3.PutObjectInput{Bucket: &s3s.url.Bucket, Key: &k, Body: strings.NewReader("x")}); err != nil {
			t.Skipf("the server does not keep such a key: %v", err)
		}
		objs, _ := s.List(ctx, "in/")
		t.Logf("listed %v", objs)
		err := m.Pull(ctx)
		if _, serr := os.Stat(filepath.Join(root, "escape.txt")); serr == nil {
			t.Fatal("a file was written outside the mirror")
		}
		if len(objs) == 2 && err == nil {
			t.Error("Pull accepted a key that climbs out")
		}
	})
}
