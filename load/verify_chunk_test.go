package load

import (
	"errors"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/parquet/file"
)

// scriptedChunk is a column chunk of a given number of pages whose reader
// ends with err; readChunk calls no other method.
type scriptedChunk struct {
	file.ColumnChunkReader
	pages int
	err   error
}

func (c *scriptedChunk) HasNext() bool {
	if c.pages == 0 {
		return false
	}
	c.pages--
	return true
}

func (c *scriptedChunk) Err() error { return c.err }

// batch is what one call of readBatch returns.
type batch struct {
	n, got int
	defs   []int16
	err    error
}

// TestReadChunkChecks: readChunk's own checks, one at a time, each on a
// chunk that would otherwise read: the end-to-end verification tests refuse
// damaged files by their row counts as well, so they would not notice one
// of these checks gone.
func TestReadChunkChecks(t *testing.T) {
	errPage := errors.New("page damaged")
	for _, tc := range []struct {
		name    string
		batches []batch
		maxDef  int16
		end     error // the reader's Err after the last page
		rows    int64
		want    error  // errors.Is
		text    string // or a message holding this
	}{
		{name: "two pages", batches: []batch{{n: 3, got: 3}, {n: 2, got: 2}}, rows: 5},
		{name: "nulls", batches: []batch{{n: 3, got: 2, defs: []int16{1, 0, 1}}}, maxDef: 1, rows: 3},
		{name: "a page fails", batches: []batch{{n: 3, got: 3}, {err: errPage}}, rows: 3, want: errPage},
		{name: "an empty page", batches: []batch{{n: 0}}, want: ErrRowCount},
		{name: "values missing", batches: []batch{{n: 3, got: 2}}, want: ErrRowCount},
		{name: "values for nulls", batches: []batch{{n: 3, got: 3, defs: []int16{1, 0, 1}}}, maxDef: 1, want: ErrRowCount},
		{name: "level out of range", batches: []batch{{n: 2, got: 2, defs: []int16{1, 2}}}, maxDef: 1, text: "definition level 2"},
		{name: "negative level", batches: []batch{{n: 1, got: 0, defs: []int16{-1}}}, maxDef: 1, text: "definition level -1"},
		{name: "reader fails at the end", batches: []batch{{n: 2, got: 2}}, end: errPage, rows: 2, want: errPage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			col := &scriptedChunk{pages: len(tc.batches), err: tc.end}
			k := 0
			read := func(max int64, vals []int32, defs, reps []int16) (int64, int, error) {
				b := tc.batches[k]
				k++
				if b.defs != nil {
					copy(defs, b.defs)
				}
				return int64(b.n), b.got, b.err
			}
			var defs []int16
			if tc.maxDef > 0 {
				defs = make([]int16, 8)
			}
			rows, err := readChunk[int32](col, read, make([]int32, 8), defs, tc.maxDef)
			switch {
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Errorf("error %v, want %v", err, tc.want)
			case tc.text != "" && (err == nil || !strings.Contains(err.Error(), tc.text)):
				t.Errorf("error %v, want one saying %q", err, tc.text)
			case tc.want == nil && tc.text == "" && err != nil:
				t.Errorf("error %v on a chunk that reads", err)
			}
			if tc.text == "" && rows != tc.rows {
				t.Errorf("%d rows, want %d", rows, tc.rows)
			}
		})
	}
}
