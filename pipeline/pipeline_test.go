package pipeline_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/nianbao/nianbao/pipeline"
)

func fixedNow() time.Time { return time.Date(2026, 1, 31, 2, 0, 0, 0, time.UTC) }

// digest maps every published data file (through the table links) to the
// SHA-256 of its bytes.
func digest(t *testing.T, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, tb := range []string{"reports", "disclosures", "applications", "appeals", "quality"} {
		root := filepath.Join(out, tb)
		real, err := filepath.EvalSymlinks(root)
		if err != nil {
			t.Fatalf("%s: %v", root, err)
		}
		err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(real, p)
			s := sha256.Sum256(b)
			m[tb+"/"+rel] = hex.EncodeToString(s[:])
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// TestWorkersDoNotChangeOutput runs the samples with 1 and with 8 workers:
// the published files must be byte-identical.
func TestWorkersDoNotChangeOutput(t *testing.T) {
	in := filepath.Join("..", "testdata", "samples")
	var got []map[string]string
	for _, w := range []int{1, 8} {
		out := filepath.Join(t.TempDir(), "out")
		sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Workers: w, Now: fixedNow})
		if err != nil {
			t.Fatalf("workers=%d: %v", w, err)
		}
		if sum.Rows["applications"] != 805 || sum.Rows["appeals"] != 75 || sum.Rows["reports"] != 5 {
			t.Fatalf("workers=%d: rows %v", w, sum.Rows)
		}
		got = append(got, digest(t, out))
	}
	if len(got[0]) == 0 {
		t.Fatal("no files published")
	}
	keys := make([]string, 0, len(got[0]))
	for k := range got[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if got[0][k] != got[1][k] {
			t.Errorf("%s differs between 1 and 8 workers", k)
		}
	}
	if len(got[0]) != len(got[1]) {
		t.Errorf("%d files with 1 worker, %d with 8", len(got[0]), len(got[1]))
	}
}

// TestBadFilesAreRows checks that files nianbao cannot use are reported,
// not dropped, and do not stop the good ones.
func TestBadFilesAreRows(t *testing.T) {
	in := t.TempDir()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", "003_16d68db4dbaa666b.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"good.txt":            b,
		"empty.txt":           nil,
		"junk.txt":            {0x00, 0x01, 0xff, 0xfe, 0x00, 0x00, 0x13, 0x37, 0x00, 0x00, 0x00},
		"no tables 报告 's.txt": []byte("某某街道2020年政府信息公开工作年度报告\n一、总体情况\n今年没有表格。\n"),
		"same-as-good.txt":    b,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	sum, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows["reports"] != int64(len(files)) {
		t.Errorf("reports rows %d, want one per file (%d)", sum.Rows["reports"], len(files))
	}
	if sum.ByStatus["error"] < 3 {
		t.Errorf("statuses %v: empty, junk and no-tables files must be errors", sum.ByStatus)
	}
	if sum.Rows["applications"] != 161 {
		t.Errorf("applications rows %d: the good file's 161 cells must be there exactly once", sum.Rows["applications"])
	}
}
