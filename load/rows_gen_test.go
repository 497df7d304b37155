package load

import (
	"bytes"
	"os"
	"testing"

	"github.com/nianbao/nianbao/internal/rowgen"
)

// TestRowsGenerated: rows_gen.go is what internal/rowgen makes of the row
// types today, so a column added to one is sanitized and copied.
func TestRowsGenerated(t *testing.T) {
	want, err := rowgen.Load()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("rows_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("rows_gen.go is not what the row types generate; run go generate ./load")
	}
}
