package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/schemas"
)

// files is a manifest's file entries by table, for comparing two runs.
func files(m *Manifest) map[string][]FileManifest {
	out := map[string][]FileManifest{}
	for name, t := range m.Tables {
		out[name] = t.Files
	}
	return out
}

// checkPublished reads the published manifest of s and checks that every
// file it names exists with its size, sha256 and (read back) row count.
func checkPublished(t *testing.T, s Store) *Manifest {
	t.Helper()
	ctx := context.Background()
	b, _, err := s.Get(ctx, manifestName)
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		tm, ok := m.Tables[tb.name]
		if !ok || len(tm.Files) == 0 {
			t.Fatalf("table %s missing from the manifest", tb.name)
		}
		for _, f := range tm.Files {
			key := keyJoin(m.RunDir, f.Path)
			r, err := s.Read(ctx, key)
			if err != nil {
				t.Fatalf("manifest names %s: %v", key, err)
			}
			h := sha256.New()
			n, err := io.Copy(h, r)
			r.Close()
			if err != nil || n != f.Bytes || hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
				t.Fatalf("%s: %d bytes, sha256 %x; manifest says %d, %s", key, n, h.Sum(nil), f.Bytes, f.SHA256)
			}
			if err := readBack(ctx, s, key, f.Rows, FileSchema(tb.schema), nil); err != nil {
				t.Fatalf("%s: %v", key, err)
			}
		}
	}
	if _, err := s.Stat(ctx, successName); err != nil {
		t.Errorf("_SUCCESS: %v", err)
	}
	return &m
}

func s3opts(s Store, runID string) Options {
	o := opts(runID)
	o.Store = s
	o.Streaming = true
	return o
}

func add(t *testing.T, w *Writer, ps []*schemas.Parsed) {
	t.Helper()
	for _, p := range sortedReports(ps) {
		if err := w.Add(p); err != nil {
			t.Fatal(err)
		}
	}
}

func sortedReports(ps []*schemas.Parsed) []*schemas.Parsed {
	var out []*schemas.Parsed
	for _, part := range partitionReports(ps) {
		out = append(out, part.reports...)
	}
	// partitionReports groups by year; a stream wants report_id order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && compareReports(&out[j].Report, &out[j-1].Report) < 0; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func commitTo(t *testing.T, s Store, runID string, ps []*schemas.Parsed) *Manifest {
	t.Helper()
	w, err := NewWriter("", s3opts(s, runID))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	add(t, w, ps)
	m, err := w.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestS3PublishSameAsLocal: a run into a bucket publishes the same files
// (names, bytes, rows) as the same run into a folder, and a reader going
// through the manifest finds every one of them.
func TestS3PublishSameAsLocal(t *testing.T) {
	s := newTestS3Store(t)
	local := t.TempDir()
	lo := opts("r1")
	lo.Streaming = true
	lm := commit(t, local, lo, sortedReports(dataset()))
	rm := commitTo(t, s, "r1", dataset())
	if !reflect.DeepEqual(files(lm), files(rm)) {
		t.Fatalf("files differ:\nlocal %+v\ns3    %+v", files(lm), files(rm))
	}
	if rm.RunDir != ".nianbao/runs/r1" {
		t.Errorf("run_dir %q", rm.RunDir)
	}
	pm := checkPublished(t, s)
	if pm.RunID != "r1" {
		t.Errorf("published %s", pm.RunID)
	}
	if _, err := s.Stat(context.Background(), leaseKey); !errors.Is(err, ErrNotExist) {
		t.Errorf("lease left after the run: %v", err)
	}
}

// TestS3KeepsReplacedRun: the run a publish replaced stays until the next
// publish; then only objects nianbao wrote go.
func TestS3KeepsReplacedRun(t *testing.T) {
	ctx := context.Background()
	s := newTestS3Store(t)
	commitTo(t, s, "r1", dataset())
	// Something of someone else's inside an old run's folder.
	foreign := ".nianbao/runs/r1/notes.txt"
	s.SetOwner("")
	if _, err := s.Put(ctx, foreign, []byte("mine"), Cond{}); err != nil {
		t.Fatal(err)
	}
	more := append(dataset(), sample("ee", ptr(int32(2019)), false))
	commitTo(t, s, "r2", more)
	m := checkPublished(t, s)
	if m.RunID != "r2" || m.Reports != 6 {
		t.Fatalf("published %s with %d reports", m.RunID, m.Reports)
	}
	runObjects := func(run string) int {
		objs, err := s.List(ctx, ".nianbao/runs/"+run+"/")
		if err != nil {
			t.Fatal(err)
		}
		return len(objs)
	}
	if n := runObjects("r1"); n < 6 {
		t.Fatalf("the replaced run r1 has %d objects left, want all kept", n)
	}
	commitTo(t, s, "r3", dataset())
	checkPublished(t, s)
	objs, _ := s.List(ctx, ".nianbao/runs/r1/")
	if len(objs) != 1 || objs[0].Key != foreign {
		t.Errorf("after the next publish, r1 holds %v; want only the object nianbao did not write", objs)
	}
	if runObjects("r2") < 6 {
		t.Errorf("r2, replaced by r3, was removed")
	}
}

// TestS3Lease: a second writer is refused while the first lives; a dead
// writer's lease expires and the next run takes over.
func TestS3Lease(t *testing.T) {
	ctx := context.Background()
	s := newTestS3Store(t)
	w1, err := NewWriter("", s3opts(s, "r1"))
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := OpenStore(ctx, s.String(), StoreOptions{})
	defer s2.(*S3Store).Close()
	if _, err := NewWriter("", s3opts(s2, "r2")); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "r1") {
		t.Fatalf("second writer: %v; want ErrLocked naming r1", err)
	}
	add(t, w1, dataset())
	if _, err := w1.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	// Now free.
	commitTo(t, s2, "r2", dataset())

	// A run that died holding the lease: its body says it expired.
	dead, _ := json.Marshal(leaseBody{RunID: "dead", Host: "h", Expires: time.Now().Add(-time.Second)})
	if _, err := s.Put(ctx, leaseKey, dead, Cond{}); err != nil {
		t.Fatal(err)
	}
	commitTo(t, s2, "r3", dataset())
	live, _ := json.Marshal(leaseBody{RunID: "alive", Host: "h", Expires: time.Now().Add(time.Minute)})
	if _, err := s.Put(ctx, leaseKey, live, Cond{}); err != nil {
		t.Fatal(err)
	}
	if _, err := NewWriter("", s3opts(s2, "r4")); !errors.Is(err, ErrLocked) {
		t.Fatalf("with a live lease: %v", err)
	}
}

// TestS3LeaseRenewed: a live run keeps its lease past the TTL by renewing.
func TestS3LeaseRenewed(t *testing.T) {
	ctx := context.Background()
	s := newTestS3Store(t)
	ttl, renew := leaseTTLVar, leaseRenewVar
	leaseTTLVar, leaseRenewVar = 2*time.Second, 200*time.Millisecond
	defer func() { leaseTTLVar, leaseRenewVar = ttl, renew }()
	l, err := acquireLease(ctx, s, leaseKey, "r1")
	if err != nil {
		t.Fatal(err)
	}
	defer l.release()
	var first leaseBody
	b, _, _ := s.Get(ctx, leaseKey)
	json.Unmarshal(b, &first)
	// Wait (not assert on time) until the body has been rewritten with a
	// later expiry at least three times.
	renewals := 0
	last := first.Expires
	for deadline := time.Now().Add(60 * time.Second); renewals < 3 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		b, _, err := s.Get(ctx, leaseKey)
		if err != nil {
			t.Fatal(err)
		}
		var cur leaseBody
		json.Unmarshal(b, &cur)
		if cur.RunID != "r1" {
			t.Fatalf("lease now held by %q", cur.RunID)
		}
		if cur.Expires.After(last) {
			renewals++
			last = cur.Expires
		}
	}
	if renewals < 3 {
		t.Fatalf("lease renewed %d times", renewals)
	}
	if _, err := acquireLease(ctx, s, leaseKey, "r2"); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lease: %v", err)
	}
	if err := l.check(ctx); err != nil {
		t.Fatalf("check: %v", err)
	}
}

// TestS3FailedRunLeavesNothing: a run that fails before publishing removes
// its objects, and the published dataset is as it was.
func TestS3FailedRunLeavesNothing(t *testing.T) {
	ctx := context.Background()
	s := newTestS3Store(t)
	commitTo(t, s, "r1", dataset())
	before, _, _ := s.Get(ctx, manifestName)
	w, err := NewWriter("", s3opts(s, "r2"))
	if err != nil {
		t.Fatal(err)
	}
	add(t, w, dataset())
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := w.Commit(cctx); err == nil {
		t.Fatal("Commit with a cancelled context succeeded")
	}
	after, _, _ := s.Get(ctx, manifestName)
	if string(before) != string(after) {
		t.Error("manifest changed by a failed run")
	}
	if objs, _ := s.List(ctx, ".nianbao/runs/r2/"); len(objs) != 0 {
		t.Errorf("failed run left %d objects", len(objs))
	}
	checkPublished(t, s)
}
