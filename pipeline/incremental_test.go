package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
)

// readRows reads every published file of a table (through OUT/<table>) in
// path order.
func readRows[T any](t *testing.T, out, table string) []T {
	t.Helper()
	var files []string
	root := filepath.Join(out, table)
	err := filepath.Walk(root+"/", func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && strings.HasSuffix(p, ".parquet") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var rows []T
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		r := parquet.NewGenericReader[T](fh)
		buf := make([]T, r.NumRows())
		n, err := r.Read(buf)
		if err != nil && !errors.Is(err, io.EOF) {
			t.Fatalf("%s: %v", f, err)
		}
		rows = append(rows, buf[:n]...)
		r.Close()
		fh.Close()
	}
	return rows
}

// dataset is every published row as comparable text, ingested_at aside (it
// records when a report was first parsed, which differs between a full and
// an incremental history).
func dataset(t *testing.T, out string) map[string][]string {
	t.Helper()
	show := func(v any) string { return fmt.Sprintf("%+v", derefAll(v)) }
	m := map[string][]string{}
	for _, r := range readRows[schemas.Report](t, out, "reports") {
		r.IngestedAt = time.Time{}
		m["reports"] = append(m["reports"], show(r))
	}
	for _, r := range readRows[schemas.Disclosure](t, out, "disclosures") {
		m["disclosures"] = append(m["disclosures"], show(r))
	}
	for _, r := range readRows[schemas.Application](t, out, "applications") {
		m["applications"] = append(m["applications"], show(r))
	}
	for _, r := range readRows[schemas.Appeal](t, out, "appeals") {
		m["appeals"] = append(m["appeals"], show(r))
	}
	for _, r := range readRows[schemas.Finding](t, out, "quality") {
		m["quality"] = append(m["quality"], show(r))
	}
	return m
}

// derefAll turns pointer fields into values so rows print by content.
func derefAll(v any) map[string]any {
	out := map[string]any{}
	rv := reflect.ValueOf(v)
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Field(i)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				out[rv.Type().Field(i).Name] = nil
				continue
			}
			f = f.Elem()
		}
		out[rv.Type().Field(i).Name] = f.Interface()
	}
	return out
}

func writeCorpus(t *testing.T, dir string, from, to int) {
	t.Helper()
	opt := generate.Options{Reports: to, Seed: 7}
	for i := from; i < to; i++ {
		name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func run(t *testing.T, in, out string, full bool) *pipeline.Summary {
	t.Helper()
	sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2, Full: full})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

func sameDataset(t *testing.T, a, b string) {
	t.Helper()
	da, db := dataset(t, a), dataset(t, b)
	for _, tb := range schemas.TableNames {
		if len(da[tb]) != len(db[tb]) {
			t.Errorf("%s: %d rows vs %d", tb, len(da[tb]), len(db[tb]))
			continue
		}
		for i := range da[tb] {
			if da[tb][i] != db[tb][i] {
				t.Errorf("%s row %d differs:\n%s\n%s", tb, i, da[tb][i], db[tb][i])
				break
			}
		}
	}
}

// TestIncrementalEqualsFull: a sequence of incremental runs over a growing,
// changing folder publishes exactly what a full run over the final folder
// publishes, and parses only what changed.
func TestIncrementalEqualsFull(t *testing.T) {
	in := t.TempDir()
	out := filepath.Join(t.TempDir(), "out")
	writeCorpus(t, in, 0, 60)
	first := run(t, in, out, false)
	if first.Record.Inputs.Parsed != 60 || first.Record.Inputs.New != 60 {
		t.Fatalf("first run inputs %+v", first.Record.Inputs)
	}

	// Rerun over unchanged inputs: nothing parsed, same rows.
	before := dataset(t, out)
	again := run(t, in, out, false)
	if again.Record.Inputs.Parsed != 0 || again.Record.Inputs.Unchanged != 60 {
		t.Errorf("rerun inputs %+v: nothing should be parsed", again.Record.Inputs)
	}
	if !reflect.DeepEqual(before, dataset(t, out)) {
		t.Error("a rerun over unchanged inputs changed the dataset")
	}

	// Add 6, change 2, delete 3.
	writeCorpus(t, in, 60, 66)
	var files []string
	filepath.Walk(in, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	for _, f := range files[:3] {
		os.Remove(f)
	}
	seed := filepath.Join("..", "testdata", "samples")
	for i, f := range files[3:5] {
		b, err := os.ReadFile(filepath.Join(seed, seedFiles[i]))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, b, 0o644); err != nil { // same path, new content
			t.Fatal(err)
		}
	}
	inc := run(t, in, out, false)
	r := inc.Record.Inputs
	if r.New != 6 || r.Changed != 2 || r.Deleted != 3 || r.Parsed != 8 || r.Seen != 63 {
		t.Errorf("incremental inputs %+v, want new 6, changed 2, deleted 3, parsed 8 of 63", r)
	}

	full := filepath.Join(t.TempDir(), "full")
	run(t, in, full, true)
	sameDataset(t, out, full)

	// --full over the incremental output gives the same rows again.
	run(t, in, out, true)
	sameDataset(t, out, full)
}

// TestSecondRunIsRefused holds the output's lock as a running writer does:
// another run exits at once with ErrLocked (exit status 3), without
// waiting for the lock or reading its input, and changes nothing; a lock
// file left by a dead process does not block.
func TestSecondRunIsRefused(t *testing.T) {
	in := filepath.Join("..", "testdata", "samples")
	out := filepath.Join(t.TempDir(), "out")
	run(t, in, out, false)
	before := dataset(t, out)
	w, err := load.NewWriter(out, load.Options{RunID: "holder"})
	if err != nil {
		t.Fatal(err)
	}
	// The holder keeps the lock until the refused run returns: waiting for
	// it would hang, which the guard (not a speed limit) turns into a
	// failure. What the refused run did is counted from its log: nothing.
	var logged bytes.Buffer
	done := make(chan error, 1)
	go func() {
		_, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out,
			Logger: slog.New(slog.NewJSONHandler(&logged, nil))})
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the second run waits for the lock")
	}
	if !errors.Is(err, pipeline.ErrLocked) || pipeline.ExitCode(err) != pipeline.ExitLocked {
		t.Fatalf("second run: %v (exit %d), want ErrLocked", err, pipeline.ExitCode(err))
	}
	if logged.Len() != 0 {
		t.Errorf("the refused run did some work:\n%s", logged.String())
	}
	w.Abort()
	if after := dataset(t, out); !reflect.DeepEqual(after, before) {
		t.Error("the refused run changed the published dataset")
	}
	// The lock file stays on disk after its holder is gone; flock(2) locks
	// die with their process, so the next run proceeds.
	if _, err := os.Stat(filepath.Join(out, ".nianbao", "lock")); err != nil {
		t.Fatalf("lock file: %v", err)
	}
	run(t, in, out, false)
}

// TestMaxErrors: too many failed reports fail the run without publishing.
func TestMaxErrors(t *testing.T) {
	in := t.TempDir()
	for i, f := range seedFiles[:3] {
		b, _ := os.ReadFile(filepath.Join("..", "testdata", "samples", f))
		os.WriteFile(filepath.Join(in, fmt.Sprintf("good%d.txt", i)), b, 0o644)
	}
	os.WriteFile(filepath.Join(in, "bad1.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(in, "bad2.txt"), []byte{0, 1, 2, 0, 0, 0, 3}, 0o644)
	out := filepath.Join(t.TempDir(), "out")

	for _, c := range []struct {
		max  string
		fail bool
	}{{"1", true}, {"0.2", true}, {"2", false}, {"0.5", false}, {"", false}} {
		_, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, MaxErrors: c.max})
		if c.fail != errors.Is(err, pipeline.ErrTooManyErrors) {
			t.Errorf("--max-errors %q: %v", c.max, err)
		}
		if c.fail && pipeline.ExitCode(err) != pipeline.ExitTooMany {
			t.Errorf("--max-errors %q: exit %d", c.max, pipeline.ExitCode(err))
		}
	}
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, MaxErrors: "lots"}); !errors.Is(err, pipeline.ErrUsage) {
		t.Errorf("bad --max-errors: %v", err)
	}
}

// TestRunRecords: each run leaves OUT/_runs/<run-id>.json, the newest N kept.
func TestRunRecords(t *testing.T) {
	in := filepath.Join("..", "testdata", "samples")
	out := filepath.Join(t.TempDir(), "out")
	for i := 0; i < 4; i++ {
		if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, KeepRuns: 2}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // run ids are start times
	}
	ents, err := os.ReadDir(filepath.Join(out, "_runs"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 2 {
		t.Fatalf("%d run records, want the newest 2", len(ents))
	}
	// Runs 2 to 4 found every input as run 1 published it.
	b, _ := os.ReadFile(filepath.Join(out, "_runs", ents[1].Name()))
	for _, k := range []string{`"status": "unchanged"`, `"exit_status": 0`, `"seen": 5`, `"unchanged": 5`, `"applications": 805`, `"identify":`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("run record lacks %s:\n%s", k, b)
		}
	}
	time.Sleep(2 * time.Millisecond)
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, KeepRuns: 2, Full: true}); err != nil {
		t.Fatal(err)
	}
	ents, _ = os.ReadDir(filepath.Join(out, "_runs"))
	b, _ = os.ReadFile(filepath.Join(out, "_runs", ents[len(ents)-1].Name()))
	for _, k := range []string{`"status": "published"`, `"exit_status": 0`, `"seen": 5`, `"parsed": 5`, `"applications": 805`, `"parse":`, `"write":`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("run record lacks %s:\n%s", k, b)
		}
	}
}

// TestUnchangedRun: a run over inputs exactly as the last published run saw
// them leaves the dataset alone; a changed input, a damaged dataset, --full
// or another build of nianbao make it publish again.
func TestUnchangedRun(t *testing.T) {
	in := t.TempDir()
	for _, f := range []string{"000_74ac7cc249356a73.txt", "001_a1c7e16d78f57f88.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, f), b, 0o644)
	}
	out := filepath.Join(t.TempDir(), "out")
	run := func(full bool) *pipeline.Summary {
		t.Helper()
		time.Sleep(2 * time.Millisecond) // run ids are start times
		s, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Full: full})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	published := func() string {
		t.Helper()
		m, err := load.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		return m.RunID
	}
	first := run(false)
	if first.Record.Status != "published" {
		t.Fatalf("first run: %s", first.Record.Status)
	}
	again := run(false)
	if again.Record.Status != "unchanged" || published() != first.RunID || again.Rows["applications"] != first.Rows["applications"] {
		t.Fatalf("rerun: status %s, published %s (first %s), rows %v", again.Record.Status, published(), first.RunID, again.Rows)
	}

	for _, c := range []struct {
		name   string
		change func()
		full   bool
	}{
		{"a file touched", func() {
			p := filepath.Join(in, "000_74ac7cc249356a73.txt")
			os.Chtimes(p, time.Now(), time.Now().Add(time.Hour))
		}, false},
		{"a file deleted", func() { os.Remove(filepath.Join(in, "001_a1c7e16d78f57f88.txt")) }, false},
		{"a published file removed", func() {
			m, _ := load.ReadManifest(out)
			f := m.Tables["applications"].Files[0]
			os.Remove(filepath.Join(out, filepath.FromSlash(m.RunDir), filepath.FromSlash(f.Path)))
		}, false},
		{"--full", func() {}, true},
		{"--max-errors stricter than the published errors", nil, false},
		{"another build", func() { t.Cleanup(pipeline.SetBuild(func() string { return "other" })) }, false},
	} {
		before := published()
		if c.change == nil {
			// A report with status error, then a limit it exceeds: the run
			// must not pass as unchanged, it fails as any run would.
			os.WriteFile(filepath.Join(in, "broken.txt"), []byte{0, 1, 2, 3}, 0o644)
			run(false)
			time.Sleep(2 * time.Millisecond)
			_, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, MaxErrors: "0"})
			if pipeline.ExitCode(err) != pipeline.ExitTooMany {
				t.Errorf("%s: %v, want exit %d", c.name, err, pipeline.ExitTooMany)
			}
			os.Remove(filepath.Join(in, "broken.txt"))
			continue
		}
		c.change()
		s := run(c.full)
		if s.Record.Status != "published" || published() == before {
			t.Errorf("%s: status %s, published run %s (before %s)", c.name, s.Record.Status, published(), before)
		}
		if s := run(false); s.Record.Status != "unchanged" {
			t.Errorf("%s: the run after it: status %s", c.name, s.Record.Status)
		}
	}
}

// TestSidecarChange: a sidecar's values are part of a report's row, so a
// sidecar added, edited or removed beside an unchanged file makes the next
// run publish the new values, not the cached parse's.
func TestSidecarChange(t *testing.T) {
	in := t.TempDir()
	name := "000_74ac7cc249356a73.txt"
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(in, name), b, 0o644)
	out := filepath.Join(t.TempDir(), "out")
	side := filepath.Join(in, name+".meta.json")
	for _, c := range []struct {
		name, sidecar, title string // sidecar "" removes it; title "" is no title
	}{
		{"no sidecar", "", ""},
		{"sidecar added", `{"title": "甲"}`, "甲"},
		{"same sidecar", `{"title": "甲"}`, "甲"},
		{"sidecar edited", `{"title": "乙"}`, "乙"},
		{"sidecar removed", "", ""},
	} {
		if c.sidecar == "" {
			os.Remove(side)
		} else {
			os.WriteFile(side, []byte(c.sidecar), 0o644)
		}
		time.Sleep(2 * time.Millisecond) // run ids are start times
		s, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out})
		if err != nil {
			t.Fatal(err)
		}
		rows := readRows[schemas.Report](t, out, "reports")
		if len(rows) != 1 {
			t.Fatalf("%s: %d reports rows", c.name, len(rows))
		}
		got := ""
		if rows[0].Title != nil {
			got = *rows[0].Title
		}
		if got != c.title {
			t.Errorf("%s: title %q, want %q (run status %s)", c.name, got, c.title, s.Record.Status)
		}
	}
}

// TestSidecarRenamed: a sidecar may be named X.txt.meta.json or
// X.meta.json, and the parse names it in its findings: renamed with the
// same bytes, the next run's finding names the new name.
func TestSidecarRenamed(t *testing.T) {
	in := t.TempDir()
	name := "000_74ac7cc249356a73.txt"
	put(t, in, name, sample(t, name))
	out := filepath.Join(t.TempDir(), "out")
	long, short := name+".meta.json", strings.TrimSuffix(name, ".txt")+".meta.json"
	os.WriteFile(filepath.Join(in, long), []byte(`{"year": 1999}`), 0o644)
	for _, side := range []string{long, short, long} {
		if _, err := os.Stat(filepath.Join(in, side)); err != nil {
			other := map[string]string{long: short, short: long}[side]
			if err := os.Rename(filepath.Join(in, other), filepath.Join(in, side)); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(2 * time.Millisecond) // run ids are start times
		if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out}); err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, q := range readRows[schemas.Finding](t, out, "quality") {
			if q.Rule == "META_YEAR_INVALID" {
				msgs = append(msgs, q.Message)
			}
		}
		if len(msgs) != 1 || !strings.Contains(msgs[0], side) {
			t.Errorf("sidecar %s: META_YEAR_INVALID %q, want one naming it", side, msgs)
		}
	}
}

// TestSameBytesTwoNames: a parse can depend on the file's name (a report
// whose text states no year takes the name's), so the cache keeps one
// parse per path: the same bytes under two names keep their own years in
// every run, whatever order the workers finish in.
func TestSameBytesTwoNames(t *testing.T) {
	in := t.TempDir()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", "001_a1c7e16d78f57f88.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// the sample's only years are in its statistical period and summary
	text := strings.NewReplacer("2020", "", "2021", "", "二〇二〇", "", "二〇二一", "").Replace(string(b))
	os.WriteFile(filepath.Join(in, "a_2021年报.txt"), []byte(text), 0o644)
	os.WriteFile(filepath.Join(in, "b_2022年报.txt"), []byte(text), 0o644)
	out := filepath.Join(t.TempDir(), "out")
	for run := range 3 {
		if run == 1 {
			os.WriteFile(filepath.Join(in, "c.txt"), []byte("另一份文件\n"), 0o644)
		}
		if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out}); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{} // path → the partition its row is in
		for _, year := range []string{"2021", "2022"} {
			for _, r := range readRows[schemas.Report](t, filepath.Join(out, "reports"), "report_year="+year) {
				got[r.SourcePath] = year
			}
		}
		if got["a_2021年报.txt"] != "2021" || got["b_2022年报.txt"] != "2022" {
			t.Fatalf("run %d: years %v", run+1, got)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestRunRecordSeconds: the run record splits a run as docs/operations.md
// says: the collection's pass is the end of parse, and a run with nothing
// new only walks and identifies.
func TestRunRecordSeconds(t *testing.T) {
	in := t.TempDir()
	out := filepath.Join(t.TempDir(), "out")
	writeCorpus(t, in, 0, 12)
	keys := func(m map[string]float64) []string {
		ks := slices.Collect(maps.Keys(m))
		slices.Sort(ks)
		return ks
	}
	first := run(t, in, out, false).Record.Seconds
	if got, want := keys(first), []string{"collection", "identify", "parse", "total", "walk", "write"}; !slices.Equal(got, want) {
		t.Fatalf("seconds of a run that parses: %v, want %v", got, want)
	}
	// parse and collection end at one instant; the files are parsed
	// before the collection's pass starts. (total is on the wall clock,
	// the others on the monotonic one: no sum is compared with it.)
	if s := first; !(0 < s["collection"] && s["collection"] < s["parse"]) {
		t.Errorf("seconds do not nest: %v", s)
	}
	again := run(t, in, out, false).Record
	if got, want := keys(again.Seconds), []string{"identify", "total", "walk"}; again.Status != "unchanged" || !slices.Equal(got, want) {
		t.Errorf("seconds of an unchanged run (%s): %v, want %v", again.Status, got, want)
	}
}
