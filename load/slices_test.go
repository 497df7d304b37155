package load

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// addBatched is the partWriter.add replaced: every row copied into a
// buffer of batchRows rows, handed to parquet-go when full (or when the
// file is). TestSlicesSameFiles holds add to its bytes.
func addBatched[T any](s *partWriter[T], rows []T) error {
	if s.buf == nil && len(rows) > 0 {
		s.buf = make([]T, 0, batchRows)
	}
	for len(rows) > 0 {
		inFile := len(s.buf)
		if s.pf != nil {
			inFile += int(s.pf.rows)
		}
		n := min(batchRows-len(s.buf), s.w.opt.MaxFileRows-inFile, len(rows))
		i := len(s.buf)
		s.buf = append(s.buf, rows[:n]...)
		if s.own != nil {
			for j := i; j < len(s.buf); j++ {
				s.own(&s.buf[j], &s.a)
			}
		}
		rows = rows[n:]
		if len(s.buf) == batchRows || inFile+n == s.w.opt.MaxFileRows {
			if err := s.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeRuns writes rows, handed over in runs of the given lengths, through
// add or addBatched, to files of file, and returns the digests of the files.
func writeRuns[T any](t testing.TB, o Options, rows []T, runs []int, own func(*T, *arena), batched bool,
	file func(w *Writer, table string) fileWriter[T]) []string {
	t.Helper()
	w, err := NewWriter(t.TempDir(), o)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	pw := &partWriter[T]{w: w, table: "t", file: file(w, "t"), part: partitionOf(2021), own: own}
	for _, n := range runs {
		n = min(n, len(rows))
		if batched {
			err = addBatched(pw, rows[:n])
		} else {
			err = pw.add(rows[:n])
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = rows[n:]
	}
	if err := pw.close(); err != nil {
		t.Fatal(err)
	}
	var sums []string
	for _, f := range pw.files {
		sums = append(sums, fmt.Sprintf("%d:%s", f.Rows, f.SHA256))
	}
	return sums
}

// applicationRows is the applications of n template-sized reports, every
// third without a year, with null counts in runs and alone: parquet-go
// writes an optional pointer field row by row, so nulls must not move a
// page boundary either.
func applicationRows(n int) []schemas.Application {
	var rows []schemas.Application
	for i := range n {
		p := templateReport(i)
		if i%3 == 1 {
			p.Report.ReportYear = nil
		}
		for j := range p.Applications {
			if j%13 == 0 || j%29 < 5 || i%5 == 4 {
				p.Applications[j].Count = nil
			}
		}
		p.SetKey()
		rows = append(rows, p.Applications...)
	}
	return rows
}

// sizes are the row group, file and page sizes compared: the defaults,
// and sizes that are and are not multiples of the 64-row slices and of
// batchRows.
var sizes = []struct{ group, file, page int }{
	{DefaultStreamingRowGroupRows, DefaultMaxFileRows, DefaultStreamingPageBufferBytes},
	{100, 700, 1024},
	{64, 1024, 512},
	{1000, 2500, 4096},
	{3, 10, 100},
	{1, 1 << 20, 64},
	{1 << 20, 130, 300},
	{2048, 5000, 8192},
}

// TestSlicesSameFiles: writing whole 64-row slices straight from the
// caller's rows, as file rows, gives the bytes of copying every row into
// 1024-row batches handed to parquet-go as they are, for reports of every
// size (a run is one report's rows), at every row group, file and page
// size, with and without the arena.
func TestSlicesSameFiles(t *testing.T) {
	all := applicationRows(60)
	rng := rand.New(rand.NewPCG(7, 17))
	for _, sz := range sizes {
		rows := all
		if sz.group < 64 || sz.file < 64 { // a file or row group every few rows
			rows = all[:700]
		}
		for _, own := range []func(*schemas.Application, *arena){nil, ownApplication} {
			var runs []int
			for left := len(rows); left > 0; {
				n := []int{0, 1, 2, 63, 64, 65, 175, 1023, 1024, 1500}[rng.IntN(10)]
				if rng.IntN(2) == 0 {
					n = rng.IntN(200)
				}
				runs = append(runs, n)
				left -= n
			}
			o := opts("r")
			o.RowGroupRows, o.MaxFileRows, o.PageBufferBytes = sz.group, sz.file, sz.page
			want := writeRuns(t, o, rows, runs, own, true, directFile)
			got := writeRuns(t, o, rows, runs, own, false, directFile)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("sizes %+v, own %t: files\n%v\nwant\n%v", sz, own != nil, got, want)
			}
		}
	}
}

// FuzzSlicesSameFiles: the same on fuzzed sizes and runs.
func FuzzSlicesSameFiles(f *testing.F) {
	rows := applicationRows(12)
	f.Add(uint16(100), uint16(700), uint16(1024), []byte{175, 1, 64, 63, 200})
	f.Add(uint16(3), uint16(10), uint16(100), []byte{0, 1, 2})
	f.Add(uint16(64), uint16(2048), uint16(64), []byte{255, 255, 7})
	f.Fuzz(func(t *testing.T, group, file, page uint16, runs []byte) {
		o := opts("r")
		o.RowGroupRows, o.MaxFileRows, o.PageBufferBytes = int(group%3000)+1, int(file%5000)+1, int(page%9000)+1
		rs := []int{}
		for _, b := range runs {
			rs = append(rs, int(b)*3)
		}
		rs = append(rs, len(rows))
		want := writeRuns(t, o, rows, rs, ownApplication, true, directFile)
		got := writeRuns(t, o, rows, rs, ownApplication, false, directFile)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("files\n%v\nwant\n%v", got, want)
		}
	})
}
