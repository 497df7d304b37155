package schemas_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

var update = flag.Bool("update", false, "rewrite docs/data-dictionary.md")

// TestDataDictionaryCurrent keeps docs/data-dictionary.md equal to what
// `nianbao schema --format markdown` prints; run with -update after a
// reviewed schema change.
func TestDataDictionaryCurrent(t *testing.T) {
	var buf bytes.Buffer
	if err := schemas.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "data-dictionary.md")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Fatalf("%s is out of date: run `make docs` (or go test ./schemas -update)", path)
	}
}
