package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/schemas"
)

// TestSidecarPublished: the sidecar's published date reaches the reports
// table's published column (DATE); a value that is no date is null with a
// quality row, never a guessed day.
func TestSidecarPublished(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", "000_74ac7cc249356a73.txt"))
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	files := map[string]string{ // file → sidecar
		"a.txt": `{"published": "2021-01-29"}`,
		"b.txt": `{"published": "2021年2月3日", "url": "http://example.gov.cn/b"}`,
		"c.txt": `{"published": "2021-02-30"}`,
		"d.txt": `{"title": "无日期"}`,
		"e.txt": `{"published": "2021-03-04T10:00:00+08:00"}`,
	}
	for i, name := range []string{"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"} {
		// distinct bytes, so that no file is a duplicate of another
		os.WriteFile(filepath.Join(in, name), append(append([]byte(nil), b...), make([]byte, i)...), 0o644)
		os.WriteFile(filepath.Join(in, name+".meta.json"), []byte(files[name]), 0o644)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.txt": "2021-01-29", "b.txt": "2021-02-03", "c.txt": "", "d.txt": "", "e.txt": "2021-03-04"}
	ids := map[string]string{}
	for _, r := range readRows[schemas.Report](t, out, "reports") {
		ids[r.ReportID] = r.SourcePath
		got := ""
		if r.Published != nil {
			got = r.Published.String()
		}
		if got != want[r.SourcePath] {
			t.Errorf("%s: published %q, want %q", r.SourcePath, got, want[r.SourcePath])
		}
		delete(want, r.SourcePath)
	}
	if len(want) != 0 {
		t.Errorf("no reports row for %v", want)
	}
	invalid := map[string]bool{}
	for _, f := range readRows[schemas.Finding](t, out, "quality") {
		if f.Rule == "META_PUBLISHED_INVALID" {
			invalid[ids[f.ReportID]] = true
		}
	}
	if len(invalid) != 1 || !invalid["c.txt"] {
		t.Errorf("META_PUBLISHED_INVALID on %v, want c.txt only", invalid)
	}
}
