package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/dirtest"
	"github.com/nianbao/nianbao/schemas"
)

func write(t testing.TB, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRunRefusesForeignTableDir: whatever stands at a name nianbao writes
// and was not made by nianbao (a folder named like a table, the user's own
// _manifest.json, another tool's _SUCCESS, a run records folder) makes
// NewWriter refuse with a ForeignError naming it, before anything in the
// output folder changes.
func TestRunRefusesForeignTableDir(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(out string)
		opt   Options
		path  string
		what  string
	}{
		{"folder named like a table", func(out string) {
			write(t, filepath.Join(out, "reports", "2020", "某街道.txt"), "一、总体情况")
		}, opts("r1"), "reports", "a folder"},
		{"old plain table folder", func(out string) {
			write(t, filepath.Join(out, "applications", "report_year=2019", "part-0.parquet"), "old")
		}, opts("r1"), "applications", "a folder"},
		{"user manifest", func(out string) {
			write(t, filepath.Join(out, "_manifest.json"), `{"mine": true}`)
		}, opts("r1"), "_manifest.json", "a file"},
		{"another tool's empty _SUCCESS", func(out string) {
			write(t, filepath.Join(out, "_SUCCESS"), "")
			write(t, filepath.Join(out, "part-00000.parquet"), "spark")
		}, opts("r1"), "_SUCCESS", "a file"},
		{"file named like a table", func(out string) {
			write(t, filepath.Join(out, "quality"), "notes")
		}, opts("r1"), "quality", "a file"},
		{"link elsewhere", func(out string) {
			os.MkdirAll(filepath.Join(out, "elsewhere"), 0o755)
			os.Symlink("elsewhere", filepath.Join(out, "appeals"))
		}, opts("r1"), "appeals", "a link to elsewhere"},
		{"user's run records folder", func(out string) {
			write(t, filepath.Join(out, "_runs", "20250101T000000.000000Z.json"), "mine")
		}, Options{RunID: "r1", ExtraDirs: []string{"_runs"}}, "_runs", "a folder"},
		{"current link without a proven run", func(out string) {
			// Looks like an earlier nianbao's output, but no manifest names
			// the run: nothing is adopted.
			os.MkdirAll(filepath.Join(out, ".nianbao", "runs", "x"), 0o755)
			os.Symlink("runs/x", filepath.Join(out, ".nianbao", "current"))
			write(t, filepath.Join(out, "_SUCCESS"), "")
		}, opts("r1"), "_SUCCESS", "a file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			os.MkdirAll(out, 0o755)
			c.setup(out)
			before := dirtest.Snapshot(t, out)
			w, err := NewWriter(out, c.opt)
			if err == nil {
				w.Abort()
				t.Fatal("NewWriter accepted the output folder")
			}
			var fe *ForeignError
			if !errors.Is(err, ErrForeign) || !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a ForeignError", err)
			}
			if fe.Path != filepath.Join(out, c.path) || fe.What != c.what {
				t.Errorf("ForeignError{%q, %q}, want {%q, %q}", fe.Path, fe.What, filepath.Join(out, c.path), c.what)
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, filepath.Join(out, c.path)) {
				t.Errorf("message is not one line naming the path: %q", msg)
			}
			if after := dirtest.Snapshot(t, out); after != before {
				t.Errorf("a refused output folder changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

// TestUserManifestKept: a user's _manifest.json next to a dataset that
// nianbao published is refused at the next run and kept byte for byte, and
// so is one that appears while a run writes: that run publishes nothing.
func TestUserManifestKept(t *testing.T) {
	out := t.TempDir()
	commit(t, out, opts("r1"), dataset())
	published := tree(t, out)

	// Put a folder at a table's name while a run is writing.
	w, err := NewWriter(out, opts("r2"))
	if err != nil {
		t.Fatal(err)
	}
	w.Add(sample("zz", ptr(int32(2030)), true))
	os.Remove(filepath.Join(out, "appeals"))
	write(t, filepath.Join(out, "appeals", "mine.csv"), "a,b")
	if _, err := w.Commit(context.Background()); !errors.Is(err, ErrForeign) {
		t.Fatalf("Commit = %v, want ErrForeign", err)
	}
	if b, err := os.ReadFile(filepath.Join(out, "appeals", "mine.csv")); err != nil || string(b) != "a,b" {
		t.Errorf("the user's folder changed: %v", err)
	}
	if m, err := ReadManifest(out); err != nil || m.RunID != "r1" {
		t.Errorf("the refused run published: %v %+v", err, m)
	}
	if got := ls(t, filepath.Join(out, ".nianbao", "runs")); !slices.Equal(got, []string{"r1"}) {
		t.Errorf("runs = %v", got)
	}
	os.RemoveAll(filepath.Join(out, "appeals"))
	os.Symlink(".nianbao/current/appeals", filepath.Join(out, "appeals"))
	if got := tree(t, out); got != published {
		t.Fatalf("dataset changed:\n%s\nwas:\n%s", got, published)
	}

	// The user's own manifest in place of the link.
	os.Remove(filepath.Join(out, "_manifest.json"))
	write(t, filepath.Join(out, "_manifest.json"), `{"owner": "me"}`)
	before := dirtest.Snapshot(t, out)
	if _, err := NewWriter(out, opts("r3")); !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), "_manifest.json") {
		t.Fatalf("NewWriter = %v, want ErrForeign naming _manifest.json", err)
	}
	if after := dirtest.Snapshot(t, out); after != before {
		t.Errorf("output changed:\n%s\nwas:\n%s", after, before)
	}
}

// TestUnrelatedEntriesKept: files and folders nianbao did not write, in the
// output folder and even under .nianbao/runs, are never removed, however
// many runs publish; nianbao's own superseded runs are.
func TestUnrelatedEntriesKept(t *testing.T) {
	out := t.TempDir()
	write(t, filepath.Join(out, "notes.txt"), "keep me")
	write(t, filepath.Join(out, "raw", "a.txt"), "raw")
	commit(t, out, opts("r1"), dataset())
	// Not recorded by nianbao, though named like its runs and temporary files.
	foreignRuns := []string{"20260101T000000.000000Z", "mine", "_legacy-r0"}
	for _, d := range foreignRuns {
		write(t, filepath.Join(out, ".nianbao", "runs", d, "x"), d)
	}
	write(t, filepath.Join(out, ".nianbao", tmpPrefix+"r1"), "not a name nianbao makes")
	write(t, filepath.Join(out, tmpPrefix+"reports"), "an old temporary name")
	for _, id := range []string{"r2", "r3", "r4"} {
		commit(t, out, opts(id), dataset())
	}
	for _, d := range foreignRuns {
		if b, err := os.ReadFile(filepath.Join(out, ".nianbao", "runs", d, "x")); err != nil || string(b) != d {
			t.Errorf("runs/%s removed: %v", d, err)
		}
	}
	for _, f := range []string{"notes.txt", "raw/a.txt", ".nianbao/" + tmpPrefix + "r1", tmpPrefix + "reports"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s removed: %v", f, err)
		}
	}
	got := ls(t, filepath.Join(out, ".nianbao", "runs"))
	want := append([]string{"r3", "r4"}, foreignRuns...)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("runs = %v, want %v (nianbao's r1 and r2 removed)", got, want)
	}
}

// TestRepeatedKillsNoStagingPileUp: runs killed before they publish leave
// their staging folders and temporary names; the next run removes them
// when it starts, even when it then publishes nothing (a night without
// changes), so repeated kills do not fill the disk.
func TestRepeatedKillsNoStagingPileUp(t *testing.T) {
	out := t.TempDir()
	commit(t, out, opts("r1"), dataset())
	commit(t, out, opts("r2"), dataset())
	for i := range 5 {
		id := fmt.Sprintf("killed-%d", i)
		w, err := NewWriter(out, Options{RunID: id, Streaming: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Add(sample("aa", ptr(int32(2021)), true)); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(out, ".nianbao", "runs", id, "reports", "report_year=2021", "part.tmp"), "half")
		write(t, filepath.Join(out, ".nianbao", tmpPrefix+id+"-"+successName), "")
		write(t, filepath.Join(out, ".nianbao", tmpPrefix+id+"-"+currentLink), "")
		// SIGKILL: the kernel releases the lock; nothing else happens.
		w.lock.Close()
	}
	if got := ls(t, filepath.Join(out, ".nianbao", "runs")); len(got) > 3 {
		t.Errorf("runs after five kills = %v: staging folders pile up", got)
	}
	// A night without changes: the pipeline aborts without publishing.
	w, err := NewWriter(out, opts("quiet"))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := ls(t, filepath.Join(out, ".nianbao", "runs")); !slices.Equal(got, []string{"r1", "r2"}) {
		t.Errorf("runs = %v, want the published run and the one it replaced", got)
	}
	if got := ls(t, filepath.Join(out, ".nianbao")); !slices.Equal(got, []string{"current", "lock", ownedName, "runs"}) {
		t.Errorf(".nianbao = %v", got)
	}
	if m, err := ReadManifest(out); err != nil || m.RunID != "r2" {
		t.Errorf("published manifest: %v %+v", err, m)
	}
}

// TestAdoptsDatasetWithoutRecord: a dataset published by a nianbao that
// kept no ownership record is taken over on the proof of its manifests:
// the runs whose manifest names them are nianbao's (and removed once
// superseded); a staging folder without a manifest is not.
func TestAdoptsDatasetWithoutRecord(t *testing.T) {
	out := t.TempDir()
	commit(t, out, opts("r1"), dataset())
	commit(t, out, opts("r2"), dataset())
	os.Remove(filepath.Join(out, ".nianbao", ownedName))
	write(t, filepath.Join(out, ".nianbao", "runs", "staging", "reports", "x.parquet"), "half")
	os.MkdirAll(filepath.Join(out, "_runs"), 0o755)

	m := commit(t, out, Options{RunID: "r3", Verify: true, ExtraDirs: []string{"_runs"}}, []*schemas.Parsed{sample("c1", nil, false)})
	if m.RunID != "r3" {
		t.Fatal(m.RunID)
	}
	if got := ls(t, filepath.Join(out, ".nianbao", "runs")); !slices.Equal(got, []string{"r2", "r3", "staging"}) {
		t.Errorf("runs = %v, want r1 removed and the unproven staging folder kept", got)
	}
	own, err := readOwnership(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if own.Names["_runs"] != kindDir || own.Names[successName] != kindFile || own.Names["reports"] != kindLink {
		t.Errorf("record names = %v", own.Names)
	}
	if !slices.Equal(own.Runs, []string{"r2", "r3"}) || own.Previous != "r2" {
		t.Errorf("record runs = %v, previous %q", own.Runs, own.Previous)
	}
}
