package pipeline_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/dirtest"
	"github.com/nianbao/nianbao/internal/fault"
	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/pipeline"
)

// hangGuard bounds a run that must end on its own; it is a guard against
// a hang, not a measure of speed.
const hangGuard = 90 * time.Second

// runGuarded runs cfg, failing the test with every goroutine's stack if
// the run does not return within hangGuard.
func runGuarded(t *testing.T, ctx context.Context, cfg pipeline.Config) (*pipeline.Summary, error) {
	t.Helper()
	type ret struct {
		sum *pipeline.Summary
		err error
	}
	done := make(chan ret, 1)
	go func() {
		sum, err := pipeline.Run(ctx, cfg)
		done <- ret{sum, err}
	}()
	select {
	case r := <-done:
		return r.sum, r.err
	case <-time.After(hangGuard):
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Fatalf("the run did not end within %v:\n%s", hangGuard, buf)
		return nil, nil
	}
}

// point is a place where the disk fails: the n-th operation op on a path
// that match accepts.
type point struct {
	name  string
	op    fault.Op
	match func(path string) bool
	stage stage
	// after is how many of the last occurrences come after the publish
	// (the same call made again by the cleanup): they only warn, and are
	// not this point's.
	after int
}

type stage int

const (
	// parsing: met while reports are parsed, a few hundred in flight.
	parsing stage = iota
	// writing: met while the run saves and publishes.
	writing
	// published: past the switch; the failure cannot undo it and only warns.
	published
	// firstRun: met only when the output has no dataset yet.
	firstRun
)

// inOut is the path p relative to the output folder (always named out
// here), "." for the folder itself: a test's temporary folder has the
// test's name in it, which must not match.
func inOut(p string) string {
	p = filepath.ToSlash(p)
	if strings.HasSuffix(p, "/out") {
		return "."
	}
	if i := strings.LastIndex(p, "/out/"); i >= 0 {
		return p[i+len("/out/"):]
	}
	return p
}

// is matches the path rel in the output folder.
func is(rel string) func(string) bool {
	return func(p string) bool { return inOut(p) == rel }
}

// tmp matches a temporary name of a run: .nianbao/.nianbao-tmp-<run-id>-name.
func tmp(name string) func(string) bool {
	re := regexp.MustCompile(`^\.nianbao/\.nianbao-tmp-[0-9]{8}T[0-9]{6}\.[0-9]{6}Z-` + regexp.QuoteMeta(name) + `$`)
	return func(p string) bool { return re.MatchString(inOut(p)) }
}

// under matches the paths in the output folder that hold every one of sub.
func under(sub ...string) func(string) bool {
	return func(p string) bool {
		p = inOut(p)
		for _, s := range sub {
			if !strings.Contains(p, s) {
				return false
			}
		}
		return true
	}
}

// diskPoints are every place of a run that writes to the output folder.
var diskPoints = []point{
	{"cache pack create", fault.Create, under(".nianbao/state/cache/", "/pack-"), parsing, 0},
	{"cache pack write", fault.Write, under(".nianbao/state/cache/", "/pack-"), parsing, 0},
	{"cache pack sync", fault.Sync, under(".nianbao/state/cache/", "/pack-"), writing, 0},
	{"state index", fault.Write, under(".nianbao/state/cache/", "index.json"), writing, 0},
	{"state files", fault.Write, under(".nianbao/state/", "files.json"), writing, 0},
	{"state rename", fault.Rename, func(p string) bool {
		return under(".nianbao/state/")(p) && !strings.HasSuffix(p, "last.json")
	}, writing, 0},
	{"parquet part create", fault.Create, under(".nianbao/runs/", ".parquet"), writing, 0},
	{"parquet part write", fault.Write, under(".nianbao/runs/", ".parquet"), writing, 0},
	{"parquet part sync", fault.Sync, under(".nianbao/runs/", ".parquet"), writing, 0},
	{"parquet part rename", fault.Rename, under(".nianbao/runs/", ".parquet"), writing, 0},
	{"manifest", fault.Write, under(".nianbao/runs/", "_manifest.json"), writing, 0},
	{"manifest sync", fault.Sync, under(".nianbao/runs/", "_manifest.json"), writing, 0},
	{"run folder sync", fault.Sync, under(".nianbao/runs/"), writing, 0},
	{"undo link", fault.Symlink, tmp("undo-current"), writing, 0},
	{"switch link", fault.Symlink, tmp("current"), writing, 0},
	{"switch", fault.Rename, is(".nianbao/current"), writing, 0},
	{"sync after switch", fault.Sync, is(".nianbao"), writing, 1},
	{"table link", fault.Symlink, is("reports"), firstRun, 0},
	{"_SUCCESS create", fault.Create, tmp("_SUCCESS"), writing, 0},
	{"_SUCCESS sync", fault.Sync, tmp("_SUCCESS"), writing, 0},
	{"_SUCCESS rename", fault.Rename, is("_SUCCESS"), writing, 0},
	{"output sync", fault.Sync, is("."), writing, 0},
	// After the publish: the dataset is out, these only warn.
	{"last run", fault.Write, under(".nianbao/state/", "last.json"), published, 0},
	{"run record", fault.Write, under("_runs/"), published, 0},
}

// diskFull fails the n-th operation at p. A failed create, write or link
// leaves the disk full: every later one fails too, anywhere. A failed sync
// or rename is an I/O error of that one call.
type diskFull struct {
	p    point
	n    int
	mu   sync.Mutex
	seen int
	full bool
	hits int
}

func (d *diskFull) hook(op fault.Op, path string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	space := op == fault.Create || op == fault.Write || op == fault.Symlink
	if d.full && space {
		d.hits++
		return &fs.PathError{Op: string(op), Path: path, Err: syscall.ENOSPC}
	}
	if op != d.p.op || !d.p.match(path) {
		return nil
	}
	d.seen++
	if d.seen != d.n {
		return nil
	}
	d.hits++
	if space {
		d.full = true
		return &fs.PathError{Op: string(op), Path: path, Err: syscall.ENOSPC}
	}
	return &fs.PathError{Op: string(op), Path: path, Err: syscall.EIO}
}

// counter counts the operations at each point of a run without failing any.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) hook(op fault.Op, path string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range diskPoints {
		if op == p.op && p.match(path) {
			c.n[p.name]++
		}
	}
	return nil
}

// outputState is everything of an output folder a reader or the next run
// could see: each file reached through the published names (with its
// SHA-256), where the links point, and the entries of the output folder
// and of the run folders.
func outputState(t *testing.T, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	ents, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		name := e.Name()
		if name == "_runs" {
			continue // a failed run records itself
		}
		p := filepath.Join(out, name)
		if target, err := os.Readlink(p); err == nil {
			m[name] = "-> " + target
		}
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			m[name] += " (dangling)"
			continue
		}
		if name == ".nianbao" {
			m[name] = "dir"
			continue
		}
		err = filepath.WalkDir(real, func(q string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(q)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(real, q)
			s := sha256.Sum256(b)
			m[filepath.ToSlash(filepath.Join(name, rel))] = hex.EncodeToString(s[:8])
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if target, err := os.Readlink(filepath.Join(out, ".nianbao", "current")); err == nil {
		m[".nianbao/current"] = "-> " + target
	}
	runs, _ := os.ReadDir(filepath.Join(out, ".nianbao", "runs"))
	for _, r := range runs {
		m[".nianbao/runs/"+r.Name()] = "dir"
	}
	return m
}

func diffStates(a, b map[string]string) []string {
	var d []string
	for k, v := range a {
		if b[k] != v {
			d = append(d, fmt.Sprintf("%s: %q, then %q", k, v, b[k]))
		}
	}
	for k, v := range b {
		if _, ok := a[k]; !ok {
			d = append(d, fmt.Sprintf("%s: new %q", k, v))
		}
	}
	sort.Strings(d)
	return d
}

// lockFree reports whether a writer can take the output's lock.
func lockFree(t *testing.T, out string) {
	t.Helper()
	w, err := load.NewWriter(out, load.Options{RunID: "lock-check"})
	if err != nil {
		t.Fatalf("the lock was not released: %v", err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
}

// TestDiskFailures makes the disk fail at every place a run writes to the
// output folder, with a few hundred files in flight: at the first and the
// last operation of each kind, and a middle one of the many. Each run must
// end (exit status 1), release the lock and leave the previous dataset
// exactly as it was, with nothing of its own published; the failures past
// the publish (the summary for the next run, the run record) only warn. A
// run after each failure, with the disk healthy again, publishes the rows
// a run that never failed publishes.
func TestDiskFailures(t *testing.T) {
	if testing.Short() {
		t.Skip("some fifty runs")
	}
	// Two inputs with the same first 40 reports, published as the previous
	// dataset: one with 300 more, for the faults met while parsing (a few
	// hundred in flight), one with 40 more, for the rest.
	many, few := t.TempDir(), t.TempDir()
	writeCorpus(t, many, 0, 340)
	writeCorpus(t, few, 0, 40)
	base := filepath.Join(t.TempDir(), "out")
	if _, err := runGuarded(t, context.Background(), pipeline.Config{Input: few, Output: base, Workers: 4, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	writeCorpus(t, few, 40, 80)
	at := func(in, out string, h int) pipeline.Config {
		return pipeline.Config{Input: in, Output: out, Workers: 4,
			Now: func() time.Time { return fixedNow().Add(time.Duration(h) * time.Hour) }}
	}

	// A run that never fails over each input: what every run must publish,
	// and how often it meets each point.
	type reference struct {
		digest map[string]string
		count  map[string]int
	}
	refs := map[string]reference{}
	for _, in := range []string{many, few} {
		out := filepath.Join(t.TempDir(), "out")
		dirtest.Copy(t, base, out)
		c := &counter{n: map[string]int{}}
		restore := fault.Set(c.hook)
		_, err := runGuarded(t, context.Background(), at(in, out, 24))
		restore()
		if err != nil {
			t.Fatal(err)
		}
		refs[in] = reference{digest(t, out), c.n}
	}

	for _, p := range diskPoints {
		in := few
		if p.stage == parsing {
			in = many
		}
		ref := refs[in]
		n := ref.count[p.name] - p.after
		if p.stage == firstRun {
			continue
		}
		if n == 0 {
			t.Errorf("%s: a run never gets there; the test is out of date", p.name)
			continue
		}
		ats := []int{1, n}
		switch {
		case n > 20 && !raceEnabled:
			ats = []int{1, n / 2, n}
		case raceEnabled && p.stage != parsing:
			ats = []int{1} // the race detector makes each run slow
		}
		for _, k := range uniq(ats...) {
			t.Run(fmt.Sprintf("%s %d of %d", p.name, k, n), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				dirtest.Copy(t, base, out)
				before := outputState(t, out)
				d := &diskFull{p: p, n: k}
				restore := fault.Set(d.hook)
				sum, err := runGuarded(t, context.Background(), at(in, out, 24))
				restore()
				if d.hits == 0 {
					t.Fatalf("the fault was not met")
				}
				// The run after the failure, on a healthy disk, is at
				// the same hour as the reference (same ingested_at), or
				// an hour later when the failed run published (another
				// run id; its reports are all cached).
				next := 24
				if p.stage == published {
					if err != nil {
						t.Fatalf("a failure after the publish failed the run: %v", err)
					}
					if !sameDigest(digest(t, out), ref.digest) {
						t.Errorf("published dataset differs from a run without failure")
					}
					next = 25
				} else {
					if code := pipeline.ExitCode(err); code != pipeline.ExitFailure {
						t.Fatalf("exit status %d (%v), want %d", code, err, pipeline.ExitFailure)
					}
					if sum != nil && sum.Manifest != nil {
						t.Errorf("a failed run returned a manifest")
					}
					if diff := diffStates(before, outputState(t, out)); len(diff) > 0 {
						t.Errorf("the failed run changed the output:\n%s", strings.Join(diff, "\n"))
					}
				}
				lockFree(t, out)
				if _, err := runGuarded(t, context.Background(), at(in, out, next)); err != nil {
					t.Fatalf("the run after the failure: %v", err)
				}
				if !sameDigest(digest(t, out), ref.digest) {
					t.Errorf("the run after the failure published another dataset than a run without failure")
				}
			})
		}
	}
}

func uniq(xs ...int) []int {
	var out []int
	for _, x := range xs {
		if len(out) == 0 || out[len(out)-1] != x {
			out = append(out, x)
		}
	}
	return out
}

func sameDigest(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestDiskFailuresFirstRun: a first run that fails while publishing leaves
// no dataset behind (no table link, no _SUCCESS) and the next one
// publishes.
func TestDiskFailuresFirstRun(t *testing.T) {
	in := t.TempDir()
	writeCorpus(t, in, 0, 20)
	for _, name := range []string{"table link", "_SUCCESS create", "_SUCCESS rename", "output sync", "sync after switch"} {
		var p point
		for _, q := range diskPoints {
			if q.name == name {
				p = q
			}
		}
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			d := &diskFull{p: p, n: 1}
			restore := fault.Set(d.hook)
			_, err := runGuarded(t, context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2, Now: fixedNow})
			restore()
			if code := pipeline.ExitCode(err); d.hits == 0 || code != pipeline.ExitFailure {
				t.Fatalf("fault met %d times; exit status %d (%v), want %d", d.hits, code, err, pipeline.ExitFailure)
			}
			st := outputState(t, out)
			delete(st, ".nianbao")
			if len(st) > 0 {
				t.Errorf("a failed first run left: %v", st)
			}
			lockFree(t, out)
			if _, err := runGuarded(t, context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2, Now: fixedNow}); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(out, "_SUCCESS")); err != nil {
				t.Error(err)
			}
		})
	}
}
