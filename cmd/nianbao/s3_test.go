package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/nianbao/nianbao/internal/dirtest"
	"github.com/nianbao/nianbao/internal/weedtest"
	"github.com/nianbao/nianbao/pipeline/generate"
)

// weed is the S3 server of these tests (nil without NIANBAO_WEED), with
// an Iceberg REST catalog over the S3 Tables bucket tableBucket.
var weed *weedtest.Server

const tableBucket = "tables"

// TestMain starts SeaweedFS for the S3 tests, and doubles as the nianbao
// binary for the tests that kill a run (NIANBAO_TEST_CHILD set).
func TestMain(m *testing.M) {
	if args := os.Getenv("NIANBAO_TEST_CHILD"); args != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, append([]string{"nianbao"}, strings.Split(args, "\x1f")...), os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	s, err := weedtest.Start(tableBucket)
	switch {
	case errors.Is(err, weedtest.ErrNoWeed):
		fmt.Fprintln(os.Stderr, "cmd/nianbao:", err)
	case err != nil:
		fmt.Fprintln(os.Stderr, "cmd/nianbao: SeaweedFS:", err)
		os.Exit(1)
	default:
		weed = s
		s.Setenv()
	}
	code := m.Run()
	weed.Stop()
	os.Exit(code)
}

func needWeed(t *testing.T) *weedtest.Server {
	t.Helper()
	if weed == nil {
		t.Skip(weedtest.ErrNoWeed)
	}
	return weed
}

var bucketN struct {
	sync.Mutex
	n int
}

func newBucket(t *testing.T, w *weedtest.Server) string {
	t.Helper()
	bucketN.Lock()
	bucketN.n++
	name := fmt.Sprintf("lake-%d", bucketN.n)
	bucketN.Unlock()
	if err := w.Bucket(name); err != nil {
		t.Fatal(err)
	}
	return name
}

// manifest is the part of _manifest.json these tests read.
type manifest struct {
	RunID  string `json:"run_id"`
	RunDir string `json:"run_dir"`
	Tables map[string]struct {
		Rows  int64 `json:"rows"`
		Files []struct {
			Path   string `json:"path"`
			Rows   int64  `json:"rows"`
			Bytes  int64  `json:"bytes"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	} `json:"tables"`
}

func getObject(t *testing.T, w *weedtest.Server, bucket, key string) ([]byte, error) {
	t.Helper()
	out, err := w.Client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

func listKeys(t *testing.T, w *weedtest.Server, bucket, prefix string) map[string]int64 {
	t.Helper()
	keys := map[string]int64{}
	pg := s3.NewListObjectsV2Paginator(w.Client(), &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: &prefix})
	for pg.HasMorePages() {
		page, err := pg.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			keys[aws.ToString(o.Key)] = aws.ToInt64(o.Size)
		}
	}
	return keys
}

// published reads the manifest under bucket/prefix and checks that every
// file it names exists with its size and sha256. nil when there is none.
func published(t *testing.T, w *weedtest.Server, bucket, prefix string) *manifest {
	t.Helper()
	b, err := getObject(t, w, bucket, prefix+"/_manifest.json")
	if err != nil {
		if strings.Contains(err.Error(), "NoSuchKey") {
			return nil
		}
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("manifest: %v\n%s", err, b)
	}
	for name, tb := range m.Tables {
		var rows int64
		for _, f := range tb.Files {
			key := prefix + "/" + m.RunDir + "/" + f.Path
			data, err := getObject(t, w, bucket, key)
			if err != nil {
				t.Fatalf("manifest of run %s names %s: %v", m.RunID, key, err)
			}
			sum := sha256.Sum256(data)
			if int64(len(data)) != f.Bytes || hex.EncodeToString(sum[:]) != f.SHA256 {
				t.Fatalf("%s: %d bytes sha256 %x, manifest says %d %s", key, len(data), sum, f.Bytes, f.SHA256)
			}
			rows += f.Rows
		}
		if rows != tb.Rows {
			t.Errorf("table %s: files hold %d rows, table says %d", name, rows, tb.Rows)
		}
	}
	return &m
}

// fileSet is a manifest's files, for comparing two runs of the same
// inputs. The reports files record when each report was first parsed
// (ingested_at), so only their rows are compared; every other file has
// the same bytes.
func fileSet(m *manifest) []string {
	var fs []string
	for name, tb := range m.Tables {
		for _, f := range tb.Files {
			if name == "reports" {
				fs = append(fs, fmt.Sprintf("%s %d", name, f.Rows))
				continue
			}
			fs = append(fs, fmt.Sprintf("%s %s %d %s", name, f.Path, f.Rows, f.SHA256))
		}
	}
	sort.Strings(fs)
	return fs
}

func localManifest(t *testing.T, out string) *manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "_manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

// TestS3Run: a run into a bucket exits 0 and publishes the same files
// (same bytes, so the same rows) as a local run; a rerun with one more
// report publishes a new manifest while the previous run's files stay; a
// rerun with nothing new leaves the dataset as it is.
func TestS3Run(t *testing.T) {
	w := needWeed(t)
	bucket := newBucket(t, w)
	in := t.TempDir()
	dirtest.Copy(t, "../../testdata/samples", in)
	t.Setenv("HOME", t.TempDir()) // a fresh state mirror
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	local := t.TempDir()
	if _, stderr, code := runCLI(t, "", "run", "--input", in, "--output", local, "--log-format", "json"); code != 0 {
		t.Fatalf("local run: exit %d\n%s", code, stderr)
	}
	url := "s3://" + bucket + "/nianbao"
	if _, stderr, code := runCLI(t, "", "run", "--input", in, "--output", url, "--log-format", "json"); code != 0 {
		t.Fatalf("s3 run: exit %d\n%s", code, stderr)
	}
	m1 := published(t, w, bucket, "nianbao")
	if m1 == nil {
		t.Fatal("no manifest")
	}
	if got, want := fileSet(m1), fileSet(localManifest(t, local)); !reflect.DeepEqual(got, want) {
		t.Fatalf("s3 files differ from local:\n%v\n%v", got, want)
	}
	if _, err := getObject(t, w, bucket, "nianbao/_SUCCESS"); err != nil {
		t.Errorf("_SUCCESS: %v", err)
	}
	if _, err := getObject(t, w, bucket, "nianbao/_runs/"+m1.RunID+".json"); err != nil {
		t.Errorf("run record: %v", err)
	}
	if keys := listKeys(t, w, bucket, "nianbao/.nianbao/state/"); len(keys) == 0 {
		t.Error("no state store in the bucket")
	}

	// Nothing new: the dataset is left as it is, also on a machine whose
	// local mirror of the state is empty (it is pulled from the bucket).
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	time.Sleep(2 * time.Millisecond) // a new run id (microseconds)
	if _, stderr, code := runCLI(t, "", "run", "--input", in, "--output", url, "--log-format", "json"); code != 0 || !strings.Contains(stderr, `"unchanged"`) {
		t.Fatalf("rerun: exit %d, want an unchanged run\n%s", code, stderr)
	}
	if m := published(t, w, bucket, "nianbao"); m.RunID != m1.RunID {
		t.Fatalf("unchanged rerun published %s", m.RunID)
	}

	// One more report: a new run; the previous run's files stay.
	b, err := os.ReadFile("../../testdata/samples/" + firstSample(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "copy-"+firstSample(t)), append(b, "\n附：补充说明。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "", "run", "--input", in, "--output", url, "--log-format", "json"); code != 0 {
		t.Fatalf("third run: exit %d\n%s", code, stderr)
	}
	m2 := published(t, w, bucket, "nianbao")
	if m2.RunID == m1.RunID || m2.Tables["reports"].Rows != m1.Tables["reports"].Rows+1 {
		t.Fatalf("third run published %s with %d reports", m2.RunID, m2.Tables["reports"].Rows)
	}
	for _, tb := range m1.Tables {
		for _, f := range tb.Files {
			if _, err := getObject(t, w, bucket, "nianbao/"+m1.RunDir+"/"+f.Path); err != nil {
				t.Errorf("previous run's %s is gone: %v", f.Path, err)
			}
		}
	}

	// tables --format list names exactly the manifest's files.
	stdout, stderr, code := runCLI(t, "", "tables", "--output", url)
	if code != 0 {
		t.Fatalf("tables: exit %d: %s", code, stderr)
	}
	var listed []string
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		listed = append(listed, line)
	}
	n := 0
	for name, tb := range m2.Tables {
		for _, f := range tb.Files {
			n++
			want := name + "\t" + url + "/" + m2.RunDir + "/" + f.Path
			if !contains(listed, want) {
				t.Errorf("tables does not list %q", want)
			}
		}
	}
	if len(listed) != n {
		t.Errorf("tables listed %d files, manifest has %d", len(listed), n)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func firstSample(t *testing.T) string {
	t.Helper()
	ents, err := os.ReadDir("../../testdata/samples")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".txt") {
			return e.Name()
		}
	}
	t.Fatal("no .txt sample")
	return ""
}

// TestS3Refusals: a wrong secret, a missing bucket: exit 1 with one line
// naming the bucket and the operation, and nothing changes; a malformed
// URL: exit 2.
func TestS3Refusals(t *testing.T) {
	w := needWeed(t)
	bucket := newBucket(t, w)
	url := "s3://" + bucket + "/nianbao"
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if _, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", url, "--log-format", "json"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	before := listKeys(t, w, bucket, "")
	manifestBefore, _ := getObject(t, w, bucket, "nianbao/_manifest.json")

	t.Run("wrong secret", func(t *testing.T) {
		t.Setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
		_, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", url, "--log-format", "json", "--full")
		if code != 1 {
			t.Fatalf("exit %d, want 1\n%s", code, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if len(lines) != 1 || !strings.Contains(lines[0], "s3://"+bucket) || !strings.Contains(lines[0], "PutObject") {
			t.Errorf("want one line naming the bucket and the operation, got:\n%s", stderr)
		}
		if strings.Contains(stderr, "not-the-secret") || strings.Contains(stderr, weedtest.SecretKey) {
			t.Errorf("a secret is in the message: %s", stderr)
		}
	})
	t.Run("missing bucket", func(t *testing.T) {
		_, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", "s3://no-such-bucket/x", "--log-format", "json")
		if code != 1 || !strings.Contains(stderr, "s3://no-such-bucket") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("exit %d, want 1 and one line naming the bucket:\n%s", code, stderr)
		}
	})
	for _, bad := range []string{"s3://", "s3://Bad_Bucket/x", "s3://b/x/../y", "s3://bucket:9000/x", "gs://bucket/x"} {
		t.Run("url "+bad, func(t *testing.T) {
			if _, stderr, code := runCLI(t, "", "run", "--input", "../../testdata/samples", "--output", bad); code != 2 {
				t.Errorf("exit %d, want 2\n%s", code, stderr)
			}
		})
	}
	if after := listKeys(t, w, bucket, ""); !reflect.DeepEqual(before, after) {
		t.Errorf("objects changed:\nbefore %v\nafter  %v", before, after)
	}
	if m, _ := getObject(t, w, bucket, "nianbao/_manifest.json"); !bytes.Equal(m, manifestBefore) {
		t.Error("manifest changed")
	}
}

// child starts this test binary as nianbao with args.
func child(t *testing.T, env []string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), "NIANBAO_TEST_CHILD="+strings.Join(args, "\x1f")), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func corpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := generate.Corpus(context.Background(), dir, generate.Options{Reports: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// expireLease rewrites the lease a killed run left with an expiry in the
// past: what a minute of waiting would do, checked by the next run's
// takeover.
func expireLease(t *testing.T, w *weedtest.Server, bucket, prefix string) {
	t.Helper()
	key := prefix + "/.nianbao/lease.json"
	b, err := getObject(t, w, bucket, key)
	if err != nil {
		return // none left
	}
	var l map[string]any
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatal(err)
	}
	l["expires"] = time.Now().Add(-time.Second).UTC().Format(time.RFC3339Nano)
	b, _ = json.Marshal(l)
	if _, err := w.Client().PutObject(context.Background(), &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(b)}); err != nil {
		t.Fatal(err)
	}
}

// TestS3KillNineNeverBreaksTheManifest kills a run with SIGKILL at many
// points (when the k-th object of the run has appeared in the bucket) and
// checks after each that the published manifest names only objects that
// exist with their bytes; the next run then publishes normally.
func TestS3KillNineNeverBreaksTheManifest(t *testing.T) {
	w := needWeed(t)
	bucket := newBucket(t, w)
	in := corpus(t, 200)
	url := "s3://" + bucket + "/lake"
	env := []string{"XDG_CACHE_HOME=" + t.TempDir()}
	args := []string{"run", "--input", in, "--output", url, "--log-format", "json", "--full"}
	// A first publish, so kills land on top of a live dataset.
	cmd, stderr := child(t, env, args...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("first run: %v\n%s", err, stderr)
	}
	first := published(t, w, bucket, "lake")
	runsPrefix := "lake/.nianbao/runs/"
	kills := 0
	for k := 0; k <= 14; k++ {
		before := listKeys(t, w, bucket, runsPrefix)
		cmd, _ := child(t, env, args...)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Wait until the run holds the lease and k new objects exist.
		killed := false
		for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); {
			select {
			case <-done:
				goto finished
			default:
			}
			n := 0
			for key := range listKeys(t, w, bucket, runsPrefix) {
				if _, ok := before[key]; !ok {
					n++
				}
			}
			_, lerr := getObject(t, w, bucket, "lake/.nianbao/lease.json")
			if lerr == nil && n >= k {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				killed = true
				kills++
				<-done
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
	finished:
		m := published(t, w, bucket, "lake") // checks every named file
		if m == nil {
			t.Fatalf("kill %d (killed=%t): no manifest", k, killed)
		}
		expireLease(t, w, bucket, "lake")
	}
	// Each run writes 5 tables × 1 partition + its manifest: kills at
	// k ≥ 6 may find the run finished.
	if kills < 6 {
		t.Fatalf("only %d runs were killed", kills)
	}
	t.Logf("%d runs killed", kills)
	// The next run takes over and publishes.
	cmd, stderr = child(t, env, args...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("run after the kills: %v\n%s", err, stderr)
	}
	last := published(t, w, bucket, "lake")
	if !reflect.DeepEqual(fileSet(last), fileSet(first)) {
		t.Error("the run after the kills published other files than the same inputs gave before")
	}
	if n := len(listKeys(t, w, bucket, runsPrefix)); n == 0 {
		t.Error("no runs left")
	}
	out, err := w.Client().ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: &bucket})
	if err != nil || len(out.Uploads) != 0 {
		t.Errorf("multipart uploads left: %v %v", out, err)
	}
}

// TestS3SecondRunExits3: while a run holds the output, another exits 3 and
// touches nothing; after it, runs go again.
func TestS3SecondRunExits3(t *testing.T) {
	w := needWeed(t)
	bucket := newBucket(t, w)
	url := "s3://" + bucket + "/lake"
	env := []string{"XDG_CACHE_HOME=" + t.TempDir()}
	in := corpus(t, 300)
	a, aerr := child(t, env, "run", "--input", in, "--output", url, "--log-format", "json")
	// Once a holds the lease, start b.
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, err := getObject(t, w, bucket, "lake/.nianbao/lease.json"); err == nil {
			break
		}
	}
	b, berr := child(t, env, "run", "--input", in, "--output", url, "--log-format", "json")
	bcode := exitCode(b.Wait())
	acode := exitCode(a.Wait())
	if acode != 0 {
		t.Fatalf("first run: exit %d\n%s", acode, aerr)
	}
	if bcode != 3 {
		// b may only have run after a had finished entirely.
		t.Fatalf("second run: exit %d, want 3\n%s", bcode, berr)
	}
	if !strings.Contains(berr.String(), "another nianbao run") {
		t.Errorf("second run's message: %s", berr)
	}
	published(t, w, bucket, "lake")
}

// TestS3ServerGoneMidRun: the server stops while a run uploads; the run
// retries, then exits 1 naming the bucket.
func TestS3ServerGoneMidRun(t *testing.T) {
	needWeed(t)
	srv, err := weedtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	if err := srv.Bucket("gone"); err != nil {
		t.Fatal(err)
	}
	in := corpus(t, 300)
	env := append(srv.Env(), "XDG_CACHE_HOME="+t.TempDir())
	cmd, stderr := child(t, env, "run", "--input", in, "--output", "s3://gone/lake", "--log-format", "json")
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, err := getObject(t, srv, "gone", "lake/.nianbao/lease.json"); err == nil {
			break
		}
	}
	srv.Stop()
	code := exitCode(cmd.Wait())
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "s3://gone") {
		t.Errorf("the error does not name the bucket:\n%s", stderr)
	}
}

// TestS3Input: reports that live in a bucket give the same dataset as the
// same files in a folder, and a rerun from an empty local mirror finds
// every report unchanged.
func TestS3Input(t *testing.T) {
	w := needWeed(t)
	bucket := newBucket(t, w)
	ents, err := os.ReadDir("../../testdata/samples")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("../../testdata/samples", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		key := "reports/2020/" + e.Name()
		if _, err := w.Client().PutObject(context.Background(), &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(b)}); err != nil {
			t.Fatal(err)
		}
	}
	folder := filepath.Join(t.TempDir(), "2020")
	if err := os.CopyFS(folder, os.DirFS("../../testdata/samples")); err != nil {
		t.Fatal(err)
	}
	fromFolder, fromBucket := t.TempDir(), t.TempDir()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if _, stderr, code := runCLI(t, "", "run", "--input", filepath.Dir(folder), "--output", fromFolder, "--log-format", "json"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	in := "s3://" + bucket + "/reports"
	if _, stderr, code := runCLI(t, "", "run", "--input", in, "--output", fromBucket, "--log-format", "json"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if got, want := fileSet(localManifest(t, fromBucket)), fileSet(localManifest(t, fromFolder)); !reflect.DeepEqual(got, want) {
		t.Fatalf("from the bucket:\n%v\nfrom a folder:\n%v", got, want)
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	time.Sleep(2 * time.Millisecond)
	if _, stderr, code := runCLI(t, "", "run", "--input", in, "--output", fromBucket, "--log-format", "json"); code != 0 || !strings.Contains(stderr, `"unchanged"`) {
		t.Fatalf("rerun: exit %d, want an unchanged run\n%s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "run", "--input", "s3://"+bucket+"/../x", "--output", fromBucket); code != 2 {
		t.Fatalf("malformed input URL: exit %d\n%s", code, stderr)
	}
}
