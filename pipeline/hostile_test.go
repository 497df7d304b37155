package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/schemas"
)

// sample is the bytes of a sample report.
func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func put(t *testing.T, root, rel string, b []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runHostile is a run with a hang guard.
func runHostile(t *testing.T, cfg pipeline.Config) (*pipeline.Summary, error) {
	t.Helper()
	type result struct {
		sum *pipeline.Summary
		err error
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan result, 1)
	go func() {
		s, err := pipeline.Run(ctx, cfg)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		return r.sum, r.err
	case <-time.After(60 * time.Second):
		cancel()
		select {
		case <-done:
			t.Fatal("the run hung; it stopped when cancelled")
		case <-time.After(30 * time.Second):
			t.Fatal("the run hung and did not stop when cancelled")
		}
	}
	return nil, nil
}

func reportsByPath(t *testing.T, out string) map[string]schemas.Report {
	t.Helper()
	m := map[string]schemas.Report{}
	for _, r := range readRows[schemas.Report](t, out, "reports") {
		m[r.SourcePath] = r
	}
	return m
}

func rulesOf(t *testing.T, out, id string) []string {
	t.Helper()
	var rules []string
	for _, f := range readRows[schemas.Finding](t, out, "quality") {
		if f.ReportID == id {
			rules = append(rules, f.Rule)
		}
	}
	return rules
}

// TestSpecialFilesDoNotHang: a FIFO named as a sidecar or as a report does
// not block the run, and a symlink to /proc is not walked.
func TestSpecialFilesDoNotHang(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	put(t, in, "a.txt", sample(t, "000_74ac7cc249356a73.txt"))
	for _, name := range []string{"a.meta.json", "fifo.txt"} {
		if err := syscall.Mkfifo(filepath.Join(in, name), 0o644); err != nil {
			t.Skip("mkfifo:", err)
		}
	}
	if err := os.Symlink("/proc", filepath.Join(in, "proc")); err != nil {
		t.Fatal(err)
	}
	sum, err := runHostile(t, pipeline.Config{Input: in, Output: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	rows := reportsByPath(t, out)
	if len(rows) != 1 || sum.Files != 1 {
		t.Fatalf("reports %v", rows)
	}
	if rules := rulesOf(t, out, rows["a.txt"].ReportID); !strings.Contains(strings.Join(rules, ","), "META_INVALID") {
		t.Errorf("a.txt with a FIFO sidecar: rules %v, want META_INVALID", rules)
	}
	if n := sum.Record.Inputs.Skipped; n != 3 {
		t.Errorf("skipped %d (%v), want the two FIFOs and the /proc link", n, sum.Record.Inputs.SkippedBy)
	}
}

// TestSidecarYears: 200 reports whose sidecars give 200 distinct years,
// most of them out of range, publish (no partition limit is reached) and
// no year is ever another one: 4294969319 is not 2023.
func TestSidecarYears(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	b := sample(t, "000_74ac7cc249356a73.txt")
	years := []string{"4294969319", "2023"}
	for y := 2000; len(years) < 200; y++ {
		years = append(years, strconv.Itoa(y))
	}
	for i, y := range years {
		rel := "r" + strconv.Itoa(1000+i) + ".txt"
		// distinct bytes, so every report keeps its rows
		put(t, in, rel, append(append([]byte{}, b...), []byte("\n"+strconv.Itoa(i)+"\n")...))
		put(t, in, rel+".meta.json", []byte(`{"year":`+y+`}`))
	}
	sum, err := runHostile(t, pipeline.Config{Input: in, Output: out, Workers: 2})
	if err != nil {
		t.Fatalf("run failed: %v", err)
	}
	if sum.Files != 200 {
		t.Fatalf("%d files", sum.Files)
	}
	for _, r := range readRows[schemas.Report](t, out, "reports") {
		if r.SourcePath == "r1000.txt" {
			// the sidecar's 4294969319 is ignored: the year is the text's
			if rules := rulesOf(t, out, r.ReportID); !strings.Contains(strings.Join(rules, ","), "META_YEAR_INVALID") {
				t.Errorf("4294969319: rules %v", rules)
			}
		}
	}
	// readRows does not give report_year (it is the partition): look at the folders
	parts, _ := filepath.Glob(filepath.Join(out, "reports", "report_year=*"))
	for _, p := range parts {
		y := strings.TrimPrefix(filepath.Base(p), "report_year=")
		if y != "__HIVE_DEFAULT_PARTITION__" && (y < "2000" || y > "2100" || len(y) != 4) {
			t.Errorf("partition %s", filepath.Base(p))
		}
	}
	if len(parts) > 102 {
		t.Errorf("%d partitions", len(parts))
	}
}

// TestInvalidUTF8FileName: a file name that is not UTF-8 gets its reports
// row with the escaped name, every string published is valid UTF-8, and
// the next run finds the file unchanged.
func TestInvalidUTF8FileName(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	raw := "\xb1\xa8\xb8\xe6\xff.txt" // GBK 报告, then a lone 0xff
	put(t, in, raw, sample(t, "000_74ac7cc249356a73.txt"))
	put(t, in, `\xff.txt`, sample(t, "001_a1c7e16d78f57f88.txt"))
	for i := 0; i < 2; i++ {
		sum, err := runHostile(t, pipeline.Config{Input: in, Output: out, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && sum.Record.Status != "unchanged" {
			t.Errorf("second run: status %s, want unchanged", sum.Record.Status)
		}
	}
	rows := reportsByPath(t, out)
	esc := `\xb1\xa8\xb8\xe6\xff.txt`
	if _, ok := rows[esc]; !ok || len(rows) != 2 {
		t.Fatalf("reports %v", rows)
	}
	if _, ok := rows[`\x5cxff.txt`]; !ok {
		t.Errorf("the valid name \\xff.txt is not escaped apart from the byte 0xff: %v", rows)
	}
	if string(schemas.UnescapeUTF8(esc)) != raw {
		t.Error("the escape does not give back the name")
	}
	for _, f := range readRows[schemas.Finding](t, out, "quality") {
		if !utf8.ValidString(f.Message) {
			t.Errorf("quality message %q", f.Message)
		}
		if f.Rule == "INVALID_UTF8" {
			t.Errorf("the writer had to escape a string: %s", f.Message)
		}
	}
}

// TestUnreadableFolder: a folder the walk cannot list keeps the rows the
// last run published for the files under it, each with ROWS_KEPT, and gets
// a reports row with DIR_UNREADABLE; the run record names it. When the
// folder can be read again, everything is as before. As root, permission
// bits stop nothing, so the listing fails by injection.
func TestUnreadableFolder(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	put(t, in, "a.txt", sample(t, "000_74ac7cc249356a73.txt"))
	put(t, in, "locked/b.txt", sample(t, "001_a1c7e16d78f57f88.txt"))
	put(t, in, "locked/deeper/c.txt", sample(t, "002_3da227dd059fe48d.txt"))
	cfg := pipeline.Config{Input: in, Output: out, Workers: 2}
	if _, err := runHostile(t, cfg); err != nil {
		t.Fatal(err)
	}
	before := dataset(t, out)
	locked := filepath.Join(in, "locked")
	restore := pipeline.SetWalkReadDir(func(p string) ([]os.DirEntry, error) {
		if p == locked {
			return nil, &os.PathError{Op: "open", Path: p, Err: syscall.EACCES}
		}
		return os.ReadDir(p)
	})
	defer restore()
	time.Sleep(2 * time.Millisecond) // run ids are start times
	sum, err := runHostile(t, cfg)
	if err != nil {
		t.Fatalf("run with an unreadable folder: %v", err)
	}
	rows := reportsByPath(t, out)
	for _, rel := range []string{"locked/b.txt", "locked/deeper/c.txt"} {
		r, ok := rows[rel]
		if !ok {
			t.Errorf("%s: rows dropped", rel)
			continue
		}
		if rules := rulesOf(t, out, r.ReportID); !strings.Contains(strings.Join(rules, ","), "ROWS_KEPT") {
			t.Errorf("%s: rules %v, want ROWS_KEPT", rel, rules)
		}
	}
	dir, ok := rows["locked"]
	if !ok || dir.Status != schemas.StatusError {
		t.Fatalf("no error row for the folder: %v", rows)
	}
	found := false
	for _, f := range readRows[schemas.Finding](t, out, "quality") {
		if f.ReportID == dir.ReportID && f.Rule == "DIR_UNREADABLE" && strings.Contains(f.Message, "locked") && strings.Contains(f.Message, "EACCES") {
			found = true
		}
	}
	if !found {
		t.Error("no DIR_UNREADABLE quality row naming the folder and the errno")
	}
	if w := sum.Record.Inputs.WalkErrors; len(w) != 1 || !strings.HasPrefix(w[0], "locked: ") || sum.Record.Inputs.Kept != 2 {
		t.Errorf("run record: walk_errors %q, kept %d", w, sum.Record.Inputs.Kept)
	}
	before2 := len(readRows[schemas.Application](t, out, "applications"))
	if want := len(before["applications"]); before2 != want {
		t.Errorf("applications: %d rows, %d before", before2, want)
	}
	// --full has no rows to keep: it fails and publishes nothing.
	full := cfg
	full.Full = true
	time.Sleep(2 * time.Millisecond)
	if _, err := runHostile(t, full); err == nil || pipeline.ExitCode(err) != 1 || !strings.Contains(err.Error(), "locked") {
		t.Errorf("--full with an unreadable folder: %v", err)
	}
	// Readable again: the dataset is the first run's.
	restore()
	time.Sleep(2 * time.Millisecond)
	if _, err := runHostile(t, cfg); err != nil {
		t.Fatal(err)
	}
	after := dataset(t, out)
	for _, tb := range schemas.TableNames {
		if strings.Join(after[tb], "\n") != strings.Join(before[tb], "\n") {
			t.Errorf("%s differs from the first run once the folder is readable:\n%s\n---\n%s", tb, strings.Join(after[tb], "\n"), strings.Join(before[tb], "\n"))
		}
	}
}

// fakeEntry is a directory entry that a listing returns but that cannot
// be stat'ed (its name is too long).
type fakeEntry struct{ name string }

func (f fakeEntry) Name() string               { return f.name }
func (f fakeEntry) IsDir() bool                { return false }
func (f fakeEntry) Type() os.FileMode          { return 0 }
func (f fakeEntry) Info() (os.FileInfo, error) { return nil, syscall.ENAMETOOLONG }

// TestUnstatableEntry: an entry listed but impossible to stat gets a
// reports row with FILE_UNREADABLE and the errno, and the run goes on.
func TestUnstatableEntry(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	put(t, in, "a.txt", sample(t, "000_74ac7cc249356a73.txt"))
	long := strings.Repeat("x", 300) + ".txt"
	restore := pipeline.SetWalkReadDir(func(p string) ([]os.DirEntry, error) {
		des, err := os.ReadDir(p)
		if p == in {
			des = append(des, fakeEntry{long})
		}
		return des, err
	})
	defer restore()
	sum, err := runHostile(t, pipeline.Config{Input: in, Output: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := reportsByPath(t, out)[long]
	if !ok || r.Status != schemas.StatusError {
		t.Fatalf("no error row for the entry (%d reports)", sum.Files)
	}
	rules := rulesOf(t, out, r.ReportID)
	if strings.Join(rules, ",") != "FILE_UNREADABLE" {
		t.Errorf("rules %v", rules)
	}
	for _, f := range readRows[schemas.Finding](t, out, "quality") {
		if f.ReportID == r.ReportID && !strings.Contains(f.Message, "ENAMETOOLONG") {
			t.Errorf("message %q does not name the errno", f.Message)
		}
	}
}
