// Package parsetest gives the tests of more than one package the parses
// they compare old and new code over. Only tests import it.
package parsetest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// Samples parses the repository's sample and test reports (testdata's
// samples and reports), each with its key set. It fails t when there are
// none.
func Samples(t testing.TB) []*schemas.Parsed {
	t.Helper()
	testdata := filepath.Join(root(t), "testdata")
	files, _ := filepath.Glob(filepath.Join(testdata, "samples", "*.*"))
	more, _ := filepath.Glob(filepath.Join(testdata, "reports", "*", "*.*"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no samples")
	}
	var ps []*schemas.Parsed
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := transform.Parse(extract.ReadBytes(filepath.Base(f), b, extract.Limits{}))
		p.SetKey()
		ps = append(ps, p)
	}
	return ps
}

// root is the repository's folder: the first above the test's own (a
// package's folder) that holds go.mod.
func root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = up
	}
}
