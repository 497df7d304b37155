package load

import (
	"errors"
	"testing"

	"github.com/apache/arrow-go/v18/parquet/file"
)

// batchCol is a column chunk of batches: HasNext and Err are all
// readChunk asks of it (the rest of the interface is nil).
type batchCol struct {
	file.ColumnChunkReader
	left int
}

func (c *batchCol) HasNext() bool { return c.left > 0 }
func (c *batchCol) Err() error    { return nil }

// TestReadChunkChecksEveryBatch: readChunk holds every batch of a column
// chunk, not only its first, to its levels: values missing for non-null
// levels, a level out of range or a batch of nothing in the third of
// three batches are refused, and three whole batches give their rows.
// (Damaged files rarely put the damage past a chunk's first batch, so
// TestVerifyBatchSameAsOld alone did not catch a reader that checked the
// first batch only.)
func TestReadChunkChecksEveryBatch(t *testing.T) {
	const n, maxDef = 1024, 1
	cases := []struct {
		name string
		last func(defs []int16) (levels int64, values int)
		want error // nil: accepted; errAny: any error
	}{
		{"whole", func(defs []int16) (int64, int) { return n, n }, nil},
		{"a null level, its value absent", func(defs []int16) (int64, int) { defs[7] = 0; return n, n - 1 }, nil},
		{"a value missing", func(defs []int16) (int64, int) { return n, n - 1 }, ErrRowCount},
		{"a value too many", func(defs []int16) (int64, int) { defs[7] = 0; return n, n }, ErrRowCount},
		{"a level out of range", func(defs []int16) (int64, int) { defs[n-1] = maxDef + 1; return n, n }, errAny},
		{"a batch of nothing", func(defs []int16) (int64, int) { return 0, 0 }, ErrRowCount},
	}
	for _, c := range cases {
		col := &batchCol{left: 3}
		defs := make([]int16, n)
		vals := make([]int64, n)
		read := func(max int64, v []int64, d, _ []int16) (int64, int, error) {
			col.left--
			for i := range d {
				d[i] = maxDef
			}
			if col.left == 0 {
				levels, values := c.last(d)
				return levels, values, nil
			}
			return n, n, nil
		}
		rows, err := readChunk(col, read, vals, defs, maxDef)
		switch {
		case c.want == nil && (err != nil || rows != 3*n):
			t.Errorf("%s: %d rows, %v; want %d rows", c.name, rows, err, 3*n)
		case c.want == errAny && err == nil:
			t.Errorf("%s: accepted (%d rows)", c.name, rows)
		case c.want != nil && c.want != errAny && !errors.Is(err, c.want):
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// errAny stands for any error in TestReadChunkChecksEveryBatch.
var errAny = errors.New("any error")
