package load

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// checkDictPageBounds checks each page index of the byte array columns
// with a dictionary in the file data against the bounds the dictionary's
// Bounds gave before pages kept marks of their indexes (oldBounds, over
// the page's values inserted into a dictionary of their own), cut as a
// page index holds them when cut; it returns the number of pages checked.
func checkDictPageBounds(t testing.TB, name string, data []byte, cut bool) int {
	t.Helper()
	pf, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for g, rg := range pf.RowGroups() {
		for c, cc := range rg.ColumnChunks() {
			if cc.Type().Kind() != parquet.ByteArray {
				continue
			}
			ci, err := cc.ColumnIndex()
			if err != nil {
				t.Fatal(err)
			}
			pages := cc.Pages()
			for i := 0; ; i++ {
				page, err := pages.ReadPage()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if page.Dictionary() == nil {
					parquet.Release(page)
					continue
				}
				vals := make([]parquet.Value, page.NumValues())
				if _, err := page.Values().ReadValues(vals); err != nil && !errors.Is(err, io.EOF) {
					t.Fatal(err)
				}
				var strs []string
				for _, v := range vals {
					if !v.IsNull() {
						strs = append(strs, string(v.ByteArray()))
					}
				}
				parquet.Release(page)
				if len(strs) == 0 {
					continue
				}
				d := newDict()
				wl, wh := oldBounds(d, insertStrings(d, strs))
				if cut {
					wl, wh = indexBounds(wl, wh)
				}
				if gl, gh := ci.MinValue(i).ByteArray(), ci.MaxValue(i).ByteArray(); !bytes.Equal(gl, wl) || !bytes.Equal(gh, wh) {
					t.Fatalf("%s: row group %d, column %d, page %d: index bounds %q, %q, want %q, %q",
						name, g, c, i, gl, gh, wl, wh)
				}
				checked++
			}
			pages.Close()
		}
	}
	return checked
}

// TestDictPageBoundsSameAsOld: the page indexes of dictionary columns,
// whose bounds now come from the indexes the dictionary marked as it gave
// them, hold the bounds Bounds found by reading every index of the page:
// in the files a Writer writes from the seeds' and 300 generated reports
// in pages of 4 KiB (every table, the reports' optional dictionary
// columns among them), and in files of rows whose strings are written
// over between batches (dictRows: few and many values, repeated, at
// shared and own addresses, the empty string) in pages of 8 bytes to
// 64 KiB and row groups of 300 rows and more, whose dictionaries start
// over.
func TestDictPageBoundsSameAsOld(t *testing.T) {
	runDir, m := writeSmallPages(t)
	checked := 0
	for _, tm := range m.Tables {
		for _, fm := range tm.Files {
			path := filepath.Join(runDir, filepath.FromSlash(fm.Path))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checked += checkDictPageBounds(t, fm.Path, data, true)
		}
	}
	if checked < 100 {
		t.Fatalf("%d pages of dictionary columns checked in the Writer's files", checked)
	}
	for _, c := range []struct {
		seed           uint64
		n, group, page int
	}{
		{1, 20000, 10000, 4096},
		{2, 5000, 700, 512},
		{3, 3000, 1 << 20, 1 << 16},
		{4, 5000, 1000, 64},
		{5, 2000, 300, 8},
	} {
		rng := rand.New(rand.NewPCG(c.seed, 7))
		data, _ := dictRows(t, rng.IntN, c.n, c.group, c.page)
		if n := checkDictPageBounds(t, "dictRows", data, false); n < 5 {
			t.Fatalf("seed %d: %d pages checked", c.seed, n)
		}
	}
}

// FuzzDictPageBounds: as TestDictPageBoundsSameAsOld's files of rows, the
// choices of values, places, batch, page and row group sizes read from
// the fuzzed bytes.
func FuzzDictPageBounds(f *testing.F) {
	f.Add(uint16(500), uint16(100), uint16(512), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add(uint16(3000), uint16(1000), uint16(64), []byte{5, 5, 2, 0, 1, 9})
	f.Add(uint16(64), uint16(3), uint16(1), []byte{})
	f.Fuzz(func(t *testing.T, n, group, page uint16, b []byte) {
		k := 0
		pick := func(m int) int {
			k++
			if len(b) == 0 {
				return k % m
			}
			return int(b[k%len(b)]^byte(k/len(b))) % m
		}
		data, _ := dictRows(t, pick, int(n%4000)+1, int(group%3000)+1, int(page%9000)+1)
		checkDictPageBounds(t, "dictRows", data, false)
	})
}
