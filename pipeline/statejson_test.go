package pipeline

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteJSONMapSameBytes: the streamed index files are byte for byte
// what json.Marshal writes for the whole map, keys that need escaping
// (HTML characters, invalid UTF-8, line separators, quotes) included.
func TestWriteJSONMapSameBytes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "报告", "<", ">", "&", "\"", "\\", "\u2028", "\xff", "\x01", "/", " ", "2023年.html", "+"}
	word := func() string {
		var b []byte
		for range r.IntN(6) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		return string(b)
	}
	dir := t.TempDir()
	check := func(name string, got func(path string) error, want any) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := got(path); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		w, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, w) {
			t.Errorf("%s:\n got %s\nwant %s", name, b, w)
		}
	}
	for n := range []int{0, 1, 2, 50, 500} {
		files := map[string]fileEntry{}
		refs := map[string]packRef{}
		for range []int{0, 1, 2, 50, 500}[n] {
			files[word()] = fileEntry{Size: r.Int64(), ModNanos: -r.Int64(), ReportID: word(), Meta: word()}
			refs[word()] = packRef{Pack: word(), Off: r.Int64N(1 << 40), Len: r.Int64N(1 << 20), At: 1, N: 2, Raw: 3, used: true}
		}
		check("files.json", func(p string) error { return writeJSONMap(p, files) }, files)
		check("packs.json", func(p string) error { return writeJSONMap(p, refs) }, refs)
	}
	var none map[string]fileEntry
	check("nil.json", func(p string) error { return writeJSONMap(p, none) }, none)
	if ents, _ := os.ReadDir(dir); len(ents) != 3 {
		t.Errorf("%d files in the folder, want 3 (no temporary file left)", len(ents))
	}
}
