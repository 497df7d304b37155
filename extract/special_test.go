package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/schemas"
)

// readGuarded is Read with a hang guard: a read that blocks fails the test
// instead of hanging it.
func readGuarded(t *testing.T, src Source) schemas.Document {
	t.Helper()
	type result struct {
		doc schemas.Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		doc, err := Read(context.Background(), src, Limits{})
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.doc
	case <-time.After(30 * time.Second):
		t.Fatalf("Read(%s) blocked", src.Rel)
	}
	return schemas.Document{}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
}

// TestReadSpecialFiles: a FIFO is never opened for a blocking read, as a
// sidecar or as the file itself (replaced after the walk listed it).
func TestReadSpecialFiles(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"a.txt": "政府信息公开工作年度报告\n"})
	mkfifo(t, filepath.Join(root, "a.meta.json"))
	doc := readGuarded(t, Source{Path: filepath.Join(root, "a.txt"), Rel: "a.txt", Format: "txt"})
	if got := strings.Join(rules(doc.Findings), ","); got != RuleMetaInvalid.Code || doc.Text == "" {
		t.Errorf("FIFO sidecar: findings %s, text %q", got, doc.Text)
	}
	if !strings.Contains(doc.Findings[0].Message, "FIFO") {
		t.Errorf("message %q does not say FIFO", doc.Findings[0].Message)
	}
	mkfifo(t, filepath.Join(root, "b.txt"))
	doc = readGuarded(t, Source{Path: filepath.Join(root, "b.txt"), Rel: "b.txt", Format: "txt"})
	if got := strings.Join(rules(doc.Findings), ","); got != RuleFileUnreadable.Code || !strings.Contains(doc.Findings[0].Message, "FIFO") {
		t.Errorf("FIFO file: findings %s %v", got, doc.Findings)
	}
	// A FIFO swapped in between the stat and the open: the open does not
	// block, and the fstat after it refuses the file.
	f, fi, err := openAfterSwap(t, filepath.Join(root, "c.txt"))
	if f != nil || !errors.Is(err, ErrNotRegular) || fi == nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("swapped FIFO: file %v, err %v", f, err)
	}
}

// openAfterSwap opens p, a regular file when it is stat'ed and a FIFO when
// it is opened.
func openAfterSwap(t *testing.T, p string) (*File, os.FileInfo, error) {
	t.Helper()
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := openFile
	defer func() { openFile = old }()
	openFile = func(name string, flag int) (int, error) {
		os.Remove(name)
		mkfifo(t, name)
		return old(name, flag)
	}
	type result struct {
		f   *File
		fi  os.FileInfo
		err error
	}
	done := make(chan result, 1)
	go func() {
		f, fi, err := Open(p)
		done <- result{f, fi, err}
	}()
	select {
	case r := <-done:
		return r.f, r.fi, r.err
	case <-time.After(30 * time.Second):
		t.Fatal("Open blocked on a FIFO")
	}
	return nil, nil, nil
}

// TestReadPermissionDenied: a file that cannot be opened is
// FILE_UNREADABLE with the errno. Root opens every file, so the fault is
// injected when the test runs as root; otherwise chmod does it.
func TestReadPermissionDenied(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"a.txt": "x"})
	p := filepath.Join(root, "a.txt")
	if os.Geteuid() == 0 {
		old := openFile
		defer func() { openFile = old }()
		openFile = func(name string, flag int) (int, error) {
			return -1, &os.PathError{Op: "open", Path: name, Err: syscall.EACCES}
		}
	} else if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	doc := readGuarded(t, Source{Path: p, Rel: "a.txt", Format: "txt"})
	if got := strings.Join(rules(doc.Findings), ","); got != RuleFileUnreadable.Code {
		t.Fatalf("findings %s", got)
	}
	if msg := doc.Findings[0].Message; !strings.Contains(msg, "EACCES") || strings.Contains(msg, root) {
		t.Errorf("message %q: want the errno, not the absolute path", msg)
	}
}

// TestSidecarYearBounds: a sidecar year outside MinYear–MaxYear is a
// finding and no year, never another year (4294969319 is 2023 cut to 32
// bits), and the rest of the sidecar is kept.
func TestSidecarYearBounds(t *testing.T) {
	for _, c := range []struct {
		year string
		want int
		bad  bool
	}{
		{`2023`, 2023, false},
		{`"2021"`, 2021, false},
		{`null`, 0, false},
		{`2000`, 2000, false},
		{`2100`, 2100, false},
		{`4294969319`, 0, true},
		{`-2023`, 0, true},
		{`1999`, 0, true},
		{`2101`, 0, true},
		{`99999999999999999999999`, 0, true},
		{`2023.5`, 0, true},
		{`"abc"`, 0, true},
		{`[2023]`, 0, true},
	} {
		root := t.TempDir()
		writeFiles(t, root, map[string]string{
			"a.txt":       "x",
			"a.meta.json": `{"agency":"某局","year":` + c.year + `}`,
		})
		doc := readOne(t, root, "a.txt", Limits{})
		got := strings.Join(rules(doc.Findings), ",")
		if doc.Meta.Year != c.want || doc.Meta.Agency != "某局" {
			t.Errorf("year %s: meta %+v (findings %s)", c.year, doc.Meta, got)
		}
		if want := map[bool]string{true: RuleMetaYearInvalid.Code}[c.bad]; got != want {
			t.Errorf("year %s: findings %q, want %q", c.year, got, want)
		}
	}
}

// TestSidecarOutside: a sidecar that is a symlink to a file outside the
// input folder is not read (META_INVALID), unless external links are
// followed; one inside the folder is.
func TestSidecarOutside(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	writeFiles(t, root, map[string]string{"a.txt": "x", "b.txt": "x", "meta/b.json": `{"title":"inside"}`})
	writeFiles(t, outside, map[string]string{"secret.json": `{"title":"secret"}`})
	if err := os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(root, "a.meta.json")); err != nil {
		t.Skip("symlinks:", err)
	}
	if err := os.Symlink(filepath.Join("meta", "b.json"), filepath.Join(root, "b.meta.json")); err != nil {
		t.Fatal(err)
	}
	for _, follow := range []bool{false, true} {
		titles := map[string]string{}
		err := WalkOptions{FollowExternal: follow}.Walk(context.Background(), root, func(s Source) error {
			doc := readGuarded(t, s)
			titles[s.Rel] = doc.Meta.Title + "|" + strings.Join(rules(doc.Findings), ",")
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := map[bool]string{false: "|" + RuleMetaInvalid.Code, true: "secret|"}[follow]
		if titles["a.txt"] != want || titles["b.txt"] != "inside|" {
			t.Errorf("follow %v: %v", follow, titles)
		}
	}
}

// TestSidecarUnreadable: a sidecar that is there but cannot be read (a
// symlink loop here; permission denied the same way, which root never
// meets) is a META_INVALID finding naming why, never taken for no
// sidecar; a dangling symlink is no sidecar.
func TestSidecarUnreadable(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"a.txt": "x", "b.txt": "x"})
	if err := os.Symlink("a.txt.meta.json", filepath.Join(root, "a.txt.meta.json")); err != nil {
		t.Skip("symlinks:", err)
	}
	if err := os.Symlink("gone.json", filepath.Join(root, "b.meta.json")); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	err := WalkOptions{}.Walk(context.Background(), root, func(s Source) error {
		doc := readGuarded(t, s)
		for _, f := range doc.Findings {
			got[s.Rel] = append(got[s.Rel], f.Rule+": "+f.Message)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if a := got["a.txt"]; len(a) != 1 || !strings.HasPrefix(a[0], RuleMetaInvalid.Code+": ") || !strings.Contains(a[0], "a.txt.meta.json") || !strings.Contains(a[0], "ELOOP") {
		t.Errorf("a.txt (its sidecar a loop): %q, want one META_INVALID naming it and ELOOP", a)
	}
	for _, f := range got["b.txt"] {
		if strings.HasPrefix(f, RuleMetaInvalid.Code) {
			t.Errorf("b.txt (its sidecar a dangling link): %s", f)
		}
	}
	// Read directly, with no listing from a walk, the same.
	doc := readGuarded(t, Source{Path: filepath.Join(root, "a.txt"), Rel: "a.txt"})
	if rs := rules(doc.Findings); len(rs) != 1 || rs[0] != RuleMetaInvalid.Code {
		t.Errorf("a.txt read alone: %v", rs)
	}
}

// TestReadListedFileNotLookedUpAgain: a file the walk has just listed is
// opened without a second look-up of its path (the walk's stat and the
// open file's fstat are enough), and is still refused without blocking
// when a FIFO took its place after the walk. A Source made by hand is
// looked up first, so that a device or a FIFO is never opened at all.
func TestReadListedFileNotLookedUpAgain(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"a.txt": "政府信息公开工作年度报告\n", "b.txt": "政府信息公开工作年度报告\n"})
	var srcs []Source
	if err := Walk(context.Background(), root, func(s Source) error { srcs = append(srcs, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 {
		t.Fatalf("walked %d files, want 2", len(srcs))
	}
	stats := 0 // look-ups of the report's own path (a Source by hand also looks for sidecars)
	statFile = func(p string) (os.FileInfo, error) {
		if p == srcs[0].Path {
			stats++
		}
		return os.Stat(p)
	}
	defer func() { statFile = os.Stat }()

	if doc := readGuarded(t, srcs[0]); doc.Text == "" || len(doc.Findings) != 0 {
		t.Errorf("listed file: text %q, findings %v", doc.Text, doc.Findings)
	}
	if stats != 0 {
		t.Errorf("listed file: %d look-ups of its path before the open, want 0", stats)
	}
	byHand := Source{Path: srcs[0].Path, Rel: srcs[0].Rel, Format: "txt"}
	if doc := readGuarded(t, byHand); doc.Text == "" {
		t.Errorf("file by hand: no text, findings %v", doc.Findings)
	}
	if stats != 1 {
		t.Errorf("file by hand: %d look-ups of its path, want 1", stats)
	}

	if err := os.Remove(srcs[1].Path); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, srcs[1].Path)
	doc := readGuarded(t, srcs[1])
	if got := strings.Join(rules(doc.Findings), ","); got != RuleFileUnreadable.Code || !strings.Contains(doc.Findings[0].Message, "FIFO") {
		t.Errorf("FIFO swapped in after the walk: findings %s %v", got, doc.Findings)
	}
}
