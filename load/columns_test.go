package load

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestColumnsSameFiles: the cell tables written column by column
// (writeColumns) are the files of GenericWriter.Write, the reference
// (Writer.byRow), for each cell table at every row group, file and page
// size of sizes, with null years, counts, amounts and units, reports of
// every size, through the streaming Writer's split calls.
func TestColumnsSameFiles(t *testing.T) {
	ps := withNulls(80)
	rng := rand.New(rand.NewPCG(3, 5))
	for _, sz := range sizes {
		rows := ps
		if sz.group < 64 || sz.file < 64 {
			rows = ps[:6]
		}
		var runs [][]int
		for range 3 {
			var rs []int
			for left := 0; left < 80*175; {
				n := []int{0, 1, 63, 64, 65, 175, 1024, 1500}[rng.IntN(8)]
				rs = append(rs, n)
				left += max(n, 1)
			}
			runs = append(runs, rs)
		}
		o := opts("r")
		o.RowGroupRows, o.MaxFileRows, o.PageBufferBytes = sz.group, sz.file, sz.page
		var d []schemas.Disclosure
		var a []schemas.Application
		var ap []schemas.Appeal
		for _, p := range rows {
			d, a, ap = append(d, p.Disclosures...), append(a, p.Applications...), append(ap, p.Appeals...)
		}
		check := func(table string, got, want []string) {
			t.Helper()
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s, sizes %+v: files\n%v\nwant\n%v", table, sz, got, want)
			}
			if len(want) == 0 {
				t.Errorf("%s, sizes %+v: no files", table, sz)
			}
		}
		check("disclosures", writeRuns(t, o, d, runs[0], ownDisclosure, false), writeRuns(t, o, d, runs[0], ownDisclosure, true))
		check("applications", writeRuns(t, o, a, runs[1], nil, false), writeRuns(t, o, a, runs[1], nil, true))
		check("appeals", writeRuns(t, o, ap, runs[2], ownAppeal, false), writeRuns(t, o, ap, runs[2], ownAppeal, true))
	}
}

// TestColumnsWriterSameFiles: a whole run, cell tables through AddCells
// column by column, gives the files of the reference Writer (byRow,
// buffered), in small and default sizes.
func TestColumnsWriterSameFiles(t *testing.T) {
	for _, sz := range []struct{ group, file, page int }{
		{700, 5000, 2048},
		{DefaultStreamingRowGroupRows, DefaultMaxFileRows, DefaultStreamingPageBufferBytes},
	} {
		ref, got := t.TempDir(), t.TempDir()
		o := opts("r1")
		o.RowGroupRows, o.MaxFileRows, o.PageBufferBytes = sz.group, sz.file, sz.page
		w, err := NewWriter(ref, o)
		if err != nil {
			t.Fatal(err)
		}
		w.byRow = true
		for _, p := range withNulls(120) {
			if err := w.Add(p); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}

		o.Streaming = true
		w, err = NewWriter(got, o)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Abort()
		var sc scratch
		for _, p := range withNulls(120) {
			if err := w.AddCells(sc.copy(p)); err != nil {
				t.Fatal(err)
			}
			sc.scribble()
		}
		for _, p := range withNulls(120) {
			p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
			if err := w.AddReport(p); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}
		assertSameFiles(t, ref, got)
	}
}
