package load

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// oldVerifyBatch is the number of values the column readers decoded at a
// time before verifyBatch became 1024: readBackBatch with it is readBack
// as it was (the batch size is its only difference).
const oldVerifyBatch = 4096

// sameVerdict checks that readBack and readBackBatch with oldVerifyBatch
// agree on data: both accept it, or both refuse it with an error of the
// same kind (a row count, a schema, a VerifyError's cause or another).
func sameVerdict(t testing.TB, dir string, c verifyCase, data []byte) (refused bool) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "f.parquet"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	s := mustLocal(dir)
	want := FileSchema(c.schema)
	ctx := context.Background()
	oldErr := readBackBatch(ctx, s, "f.parquet", c.rows, want, memory.DefaultAllocator, oldVerifyBatch)
	newErr := readBack(ctx, s, "f.parquet", c.rows, want, memory.DefaultAllocator)
	if (oldErr == nil) != (newErr == nil) {
		t.Fatalf("%s (%d bytes): batches of %d: %v; of %d: %v", c.name, len(data), oldVerifyBatch, oldErr, verifyBatch, newErr)
	}
	for _, kind := range []error{ErrRowCount, ErrSchema} {
		if errors.Is(oldErr, kind) != errors.Is(newErr, kind) {
			t.Fatalf("%s (%d bytes): batches of %d: %v; of %d: %v", c.name, len(data), oldVerifyBatch, oldErr, verifyBatch, newErr)
		}
	}
	return oldErr != nil
}

// TestVerifyBatchSameAsOld: decoding 1024 values at a time accepts every
// file the Writer makes (buffered and streaming, small row groups, pages
// and part files, empty tables, template-sized reports whose pages hold
// more than 1024 values) and refuses the same damaged copies (cut, a byte
// changed, a wrong row count) as decoding 4096 at a time, with errors of
// the same kind.
func TestVerifyBatchSameAsOld(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(29, 3))
	refused, damaged := 0, 0
	for _, c := range verifyCases(t) {
		if sameVerdict(t, dir, c, c.data) {
			t.Fatalf("%s: refused", c.name)
		}
		wrong := c
		wrong.rows--
		if !sameVerdict(t, dir, wrong, c.data) {
			t.Fatalf("%s: rows-1 accepted", c.name)
		}
		var variants [][]byte
		for _, cut := range []int{len(c.data) - 1, len(c.data) / 2, len(c.data) / 3} {
			variants = append(variants, c.data[:cut])
		}
		for range 24 {
			b := append([]byte(nil), c.data...)
			for range 1 + rng.IntN(3) {
				b[4+rng.IntN(len(b)-12)] ^= byte(1 + rng.IntN(255))
			}
			variants = append(variants, b)
		}
		for _, b := range variants {
			damaged++
			if sameVerdict(t, dir, c, b) {
				refused++
			}
		}
	}
	t.Logf("%d damaged files, %d refused by both", damaged, refused)
	if refused == 0 {
		t.Error("no damaged file was refused: the damage did not reach the data")
	}
}

// FuzzVerifyBatch: on any bytes, decoding 1024 values at a time accepts
// and refuses as decoding 4096 at a time did.
func FuzzVerifyBatch(f *testing.F) {
	var cs []verifyCase
	for _, c := range verifyCases(f) {
		if len(c.data) < 1<<16 {
			cs = append(cs, c)
		}
	}
	for i, c := range cs {
		f.Add(i, c.data)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, i int, data []byte) {
		sameVerdict(t, dir, cs[(i%len(cs)+len(cs))%len(cs)], data)
	})
}
