package load

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// checkLevelHistograms checks that the file data holds, in its page
// indexes and column chunks, the definition level histograms
// oldLevelHistogram gives for the levels of its pages read back; it
// returns the number of pages checked.
func checkLevelHistograms(t testing.TB, name string, data []byte) int {
	t.Helper()
	pf, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	leaves := pf.Schema().Columns()
	indexes := pf.ColumnIndexes()
	checked := 0
	for g, rg := range pf.RowGroups() {
		for c, cc := range rg.ColumnChunks() {
			leaf, _ := pf.Schema().Lookup(leaves[c]...)
			maxLevel := leaf.MaxDefinitionLevel
			if maxLevel == 0 {
				continue
			}
			column := make([]int64, maxLevel+1)
			var pageHists []int64
			pages := cc.Pages()
			for {
				page, err := pages.ReadPage()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				pageHists = append(pageHists, oldLevelHistogram(column, page.DefinitionLevels(), maxLevel)...)
				parquet.Release(page)
				checked++
			}
			pages.Close()
			ci := indexes[g*len(leaves)+c]
			meta := pf.Metadata().RowGroups[g].Columns[c].MetaData.SizeStatistics
			if !slices.Equal(ci.DefinitionLevelHistogram, pageHists) || !slices.Equal(meta.DefinitionLevelHistogram, column) {
				t.Fatalf("%s: row group %d, column %v: page histograms %v, chunk %v, want %v, %v", name, g, leaves[c],
					ci.DefinitionLevelHistogram, meta.DefinitionLevelHistogram, pageHists, column)
			}
		}
	}
	return checked
}

// TestLevelHistogramsSameAsOld: the definition level histograms of the
// files a Writer writes from the seeds' and generated reports (pages of
// 4 KiB) are oldLevelHistogram's, and so are those of optional columns
// of hand-made rows: no null, all null, alternating, runs of every length
// around 8 and 64, nested optional groups (levels up to 2).
func TestLevelHistogramsSameAsOld(t *testing.T) {
	runDir, m := writeSmallPages(t)
	checked := 0
	for _, tm := range m.Tables {
		for _, fm := range tm.Files {
			data, err := os.ReadFile(filepath.Join(runDir, filepath.FromSlash(fm.Path)))
			if err != nil {
				t.Fatal(err)
			}
			checked += checkLevelHistograms(t, fm.Path, data)
		}
	}
	if checked < 100 {
		t.Fatalf("%d pages of optional columns checked", checked)
	}

	rng := rand.New(rand.NewPCG(11, 0))
	patterns := map[string]func(i int) bool{
		"none null": func(int) bool { return false },
		"all null":  func(int) bool { return true },
		"alternate": func(i int) bool { return i%2 == 1 },
		"random":    func(int) bool { return rng.IntN(3) == 0 },
	}
	for run := 1; run <= 70; run++ {
		patterns["runs"+string(rune('0'+run%10))+string(rune('a'+run/10))] = func(i int) bool { return i/run%2 == 0 }
	}
	for name, null := range patterns {
		for _, n := range []int{0, 1, 7, 8, 9, 63, 64, 65, 1000} {
			sameLevelHistograms(t, name, n, null)
		}
	}
}

// nestedRow has optional columns of levels up to 2.
type nestedRow struct {
	A *int64 `parquet:"a,optional"`
	B *struct {
		C *string `parquet:"c,optional"`
		D int32   `parquet:"d"`
	} `parquet:"b,optional"`
	E string `parquet:"e,optional"`
}

// sameLevelHistograms writes n rows whose fields are null where null says
// and checks the file's histograms.
func sameLevelHistograms(t testing.TB, name string, n int, null func(i int) bool) {
	t.Helper()
	rows := make([]nestedRow, n)
	for i := range rows {
		v := int64(i)
		s := "s"
		if !null(i) {
			rows[i].A = &v
			rows[i].E = "e"
		}
		if !null(i + 1) {
			rows[i].B = &struct {
				C *string `parquet:"c,optional"`
				D int32   `parquet:"d"`
			}{D: int32(i)}
			if !null(i + 2) {
				rows[i].B.C = &s
			}
		}
	}
	for _, page := range []int{64, 1024} {
		data := writeOpt(t, rows, 100, parquet.PageBufferSize(page), parquet.MaxRowsPerRowGroup(300))
		checkLevelHistograms(t, name, data)
	}
}

// FuzzLevelHistograms: as TestLevelHistogramsSameAsOld's hand-made rows,
// the nulls from the bits of the fuzzed bytes.
func FuzzLevelHistograms(f *testing.F) {
	f.Add([]byte{0, 0xff, 0x55}, uint16(10))
	f.Add([]byte{0x0f}, uint16(100))
	f.Add([]byte{}, uint16(0))
	f.Fuzz(func(t *testing.T, bits []byte, n uint16) {
		null := func(i int) bool { return len(bits) > 0 && bits[i/8%len(bits)]>>(i%8)&1 == 1 }
		sameLevelHistograms(t, "fuzz", int(n%2000), null)
	})
}
