package pipeline

import (
	"bytes"
	"os"
	"testing"

	"github.com/nianbao/nianbao/internal/rowgen"
)

// TestCodecGenerated: codec_gen.go is what internal/rowgen makes of the row
// types today, so a column added to one is kept in the cache.
func TestCodecGenerated(t *testing.T) {
	want, err := rowgen.Pipeline()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("codec_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("codec_gen.go is not what the row types generate; run go generate ./pipeline")
	}
}
