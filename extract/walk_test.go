package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
)

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, body := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func walkAll(t *testing.T, root string) (got []string, skipped map[string]string) {
	t.Helper()
	skipped = map[string]string{}
	opt := WalkOptions{OnSkip: func(rel, reason string) { skipped[rel] = reason }}
	err := opt.Walk(context.Background(), root, func(s Source) error {
		got = append(got, s.Rel+":"+s.Format)
		if s.Path != filepath.Join(root, filepath.FromSlash(s.Rel)) {
			t.Errorf("path %q for rel %q", s.Path, s.Rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got, skipped
}

func TestWalk(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"b.txt":            "x",
		"a.txt":            "x",
		"a/b.htm":          "x",
		"a/z.DOCX":         "x",
		"a/c.pdf":          "x",
		"a.txt.meta.json":  "{}",
		"notes.md":         "x",
		".hidden.txt":      "x",
		".git/x.txt":       "x",
		"sub/.cache/y.txt": "x",
		"sub/报告2020.text":  "x",
		"sub/报告2020.html":  "x",
		"sub/data.xlsx":    "x",
		"a-b/c.txt":        "x",
	})
	got, skipped := walkAll(t, root)
	want := []string{"a-b/c.txt:txt", "a.txt:txt", "a/b.htm:html", "a/c.pdf:pdf", "a/z.DOCX:docx", "b.txt:txt",
		"sub/报告2020.html:html", "sub/报告2020.text:txt"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	rels := make([]string, len(got))
	for i, g := range got {
		rels[i] = g[:strings.LastIndex(g, ":")]
	}
	if !slices.IsSorted(rels) {
		t.Errorf("not in byte order: %q", rels)
	}
	for _, rel := range []string{"notes.md", "sub/data.xlsx"} {
		if skipped[rel] == "" {
			t.Errorf("%s not reported as skipped", rel)
		}
	}
	for rel := range skipped {
		if strings.Contains(rel, ".git") || strings.Contains(rel, "hidden") || strings.HasSuffix(rel, ".meta.json") {
			t.Errorf("hidden or sidecar %s reported", rel)
		}
	}
	// Same tree, same order.
	again, _ := walkAll(t, root)
	if !slices.Equal(got, again) {
		t.Errorf("second walk differs: %q", again)
	}
}

func TestWalkSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	writeFiles(t, root, map[string]string{"d/r.txt": "x", "e/s.txt": "x"})
	writeFiles(t, outside, map[string]string{"o.txt": "x"})
	for _, l := range []struct{ target, link string }{
		{root, "d/up"},     // to the root: a loop
		{"..", "e/parent"}, // relative, to an ancestor
		{filepath.Join(root, "d/r.txt"), "r-link.txt"}, // a second path to a file
		{outside, "ext"}, // a directory outside the root
		{filepath.Join(root, "missing"), "broken.txt"},
	} {
		if err := os.Symlink(l.target, filepath.Join(root, l.link)); err != nil {
			t.Skip("symlinks not supported:", err)
		}
	}
	done := make(chan struct{})
	var got []string
	var skipped map[string]string
	go func() {
		defer close(done)
		got, skipped = walkAll(t, root)
	}()
	<-done
	want := []string{"d/r.txt:txt", "e/s.txt:txt"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	for _, rel := range []string{"d/up", "e/parent", "r-link.txt", "broken.txt", "ext"} {
		if skipped[rel] == "" {
			t.Errorf("%s not reported as skipped (%v)", rel, skipped)
		}
	}
}

// TestWalkExternalSymlinks: a link that leaves the input folder is passed
// over unless FollowExternal is set; one to /proc would walk the machine.
func TestWalkExternalSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	writeFiles(t, root, map[string]string{"d/r.txt": "x"})
	writeFiles(t, outside, map[string]string{"o.txt": "x"})
	for _, l := range []struct{ target, link string }{
		{outside, "ext"},
		{filepath.Join(outside, "o.txt"), "o-link.txt"},
		{"/proc", "proc"},
		{"/", "slash"},
		{"d", "inner"}, // relative, inside the root: followed
		{filepath.Join(root, "inner"), "d/via-inner"},
	} {
		if err := os.Symlink(l.target, filepath.Join(root, l.link)); err != nil {
			t.Skip("symlinks not supported:", err)
		}
	}
	var n int
	opt := WalkOptions{OnSkip: func(rel, reason string) {}}
	got := []string{}
	err := opt.Walk(context.Background(), root, func(s Source) error {
		n++
		got = append(got, s.Rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"d/r.txt"}) {
		t.Errorf("got %q, want only d/r.txt", got)
	}
	_, skipped := walkAll(t, root)
	for _, rel := range []string{"ext", "o-link.txt", "proc", "slash"} {
		if !strings.Contains(skipped[rel], "outside the input folder") {
			t.Errorf("%s: skipped as %q, want outside the input folder", rel, skipped[rel])
		}
	}
	// Asked for, an external link is followed (not /proc here: the test
	// removes it).
	os.Remove(filepath.Join(root, "proc"))
	os.Remove(filepath.Join(root, "slash"))
	got = got[:0]
	err = WalkOptions{FollowExternal: true}.Walk(context.Background(), root, func(s Source) error {
		got = append(got, s.Rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// (o-link.txt is a second path to ext/o.txt: visited once.)
	if !slices.Equal(got, []string{"d/r.txt", "ext/o.txt"}) {
		t.Errorf("FollowExternal: got %q", got)
	}
}

// TestWalkSpecialFiles: FIFOs are passed over by name, whatever their
// extension, and never opened.
func TestWalkSpecialFiles(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"a.txt": "x"})
	for _, name := range []string{"fifo.txt", "a.meta.json", "b.meta.json"} {
		if err := syscall.Mkfifo(filepath.Join(root, name), 0o644); err != nil {
			t.Skip("mkfifo:", err)
		}
	}
	got, skipped := walkAll(t, root)
	if !slices.Equal(got, []string{"a.txt:txt"}) {
		t.Errorf("got %q", got)
	}
	if !strings.Contains(skipped["fifo.txt"], "FIFO") {
		t.Errorf("fifo.txt skipped as %q", skipped["fifo.txt"])
	}
}

// TestWalkInvalidUTF8Names: a name that is not UTF-8 (legal on Linux) is
// opened by its bytes and named by its escape.
func TestWalkInvalidUTF8Names(t *testing.T) {
	root := t.TempDir()
	names := []string{"a\xffb.txt", "a\xff\xfe/c.txt", "\xb1\xa8\xb8\xe6.txt"}
	for i := range names {
		names[i] = string(schemas.UnescapeUTF8(names[i]))
	}
	files := map[string]string{}
	for _, n := range names {
		files[n] = n
	}
	writeFiles(t, root, files)
	var rels []string
	err := Walk(context.Background(), root, func(s Source) error {
		if !utf8.ValidString(s.Rel) {
			t.Errorf("Rel %q is not valid UTF-8", s.Rel)
		}
		b, err := os.ReadFile(s.Path)
		if err != nil {
			t.Errorf("%q: %v", s.Rel, err)
		}
		if string(schemas.UnescapeUTF8(s.Rel)) != string(b) {
			t.Errorf("Rel %q does not unescape to the name %q", s.Rel, b)
		}
		rels = append(rels, s.Rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 3 {
		t.Errorf("got %q", rels)
	}
}

// TestWalkUnreadableDir: a directory that cannot be listed goes to OnError
// with its name and the errno. As root, permission bits do not stop a
// listing, so the fault is injected; as another user chmod does it.
func TestWalkUnreadableDir(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"locked/a.txt": "x", "b.txt": "x"})
	locked := filepath.Join(root, "locked")
	var readDir func(string) ([]os.DirEntry, error)
	if os.Geteuid() == 0 {
		readDir = func(p string) ([]os.DirEntry, error) {
			if p == locked {
				return nil, &os.PathError{Op: "open", Path: p, Err: syscall.EACCES}
			}
			return os.ReadDir(p)
		}
	} else {
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(locked, 0o755)
	}
	errs := map[string]error{}
	var got []string
	opt := WalkOptions{OnError: func(rel string, err error) { errs[rel] = err }, ReadDir: readDir}
	err := opt.Walk(context.Background(), root, func(s Source) error {
		got = append(got, s.Rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"b.txt"}) || !errors.Is(errs["locked"], syscall.EACCES) {
		t.Errorf("got %q, errors %v", got, errs)
	}
	// Without OnError the same goes to OnSkip: never dropped silently.
	skipped := map[string]string{}
	opt = WalkOptions{OnSkip: func(rel, reason string) { skipped[rel] = reason }, ReadDir: readDir}
	if err := opt.Walk(context.Background(), root, func(Source) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(skipped["locked"], "permission denied") {
		t.Errorf("skipped %v", skipped)
	}
}

func TestWalkStops(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"a.txt": "x", "b.txt": "x"})
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), root, func(Source) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err = %v after %d calls", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, root, func(Source) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk: err = %v", err)
	}
	if err := Walk(context.Background(), filepath.Join(root, "a.txt"), func(Source) error { return nil }); !errors.Is(err, ErrNotDir) {
		t.Errorf("file root: err = %v", err)
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]string{
		"a.txt": "txt", "a.TEXT": "txt", "a.html": "html", "a.HTM": "html", "a.shtml": "html", "a.xhtml": "html",
		"a.docx": "docx", "a.pdf": "pdf", "a.doc": "", "a.txt.meta.json": "", "a.json": "", "a": "",
	} {
		if got := FormatOf(name); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestWalkPartlyReadDir: a listing that fails half-way hands over what it
// read and reports the directory as unreadable.
func TestWalkPartlyReadDir(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"d/a.txt": "x", "d/b.txt": "x"})
	d := filepath.Join(root, "d")
	readDir := func(p string) ([]os.DirEntry, error) {
		des, err := os.ReadDir(p)
		if p == d && err == nil {
			return des[:1], &os.PathError{Op: "readdirent", Path: p, Err: syscall.EIO}
		}
		return des, err
	}
	errs := map[string]error{}
	var got []string
	opt := WalkOptions{OnError: func(rel string, err error) { errs[rel] = err }, ReadDir: readDir}
	if err := opt.Walk(context.Background(), root, func(s Source) error { got = append(got, s.Rel); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"d/a.txt"}) || !errors.Is(errs["d"], ErrUnreadableDir) || !errors.Is(errs["d"], syscall.EIO) ||
		!strings.Contains(errs["d"].Error(), "EIO") {
		t.Errorf("got %q, errors %v", got, errs)
	}
}
