package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
	want := []string{"d/r.txt:txt", "e/s.txt:txt", "ext/o.txt:txt"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	for _, rel := range []string{"d/up", "e/parent", "r-link.txt", "broken.txt"} {
		if skipped[rel] == "" {
			t.Errorf("%s not reported as skipped (%v)", rel, skipped)
		}
	}
}

func TestWalkUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"locked/a.txt": "x", "b.txt": "x"})
	if err := os.Chmod(filepath.Join(root, "locked"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(root, "locked"), 0o755)
	got, skipped := walkAll(t, root)
	if !slices.Equal(got, []string{"b.txt:txt"}) || skipped["locked"] == "" {
		t.Errorf("got %q, skipped %v", got, skipped)
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
