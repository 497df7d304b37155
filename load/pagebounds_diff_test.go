package load

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding"
)

// samePageBounds checks that the bounds of a byte array page of values,
// as a PLAIN column's page, are oldPageBounds': the page's bytes start
// after gap bytes and end before pad bytes of 0xff, so that values are
// read both where eight bytes follow their start and where fewer do.
func samePageBounds(t testing.TB, values [][]byte, gap, pad int) {
	t.Helper()
	data := bytes.Repeat([]byte{0xff}, gap)
	offsets := []uint32{uint32(len(data))}
	for _, v := range values {
		data = append(data, v...)
		offsets = append(offsets, uint32(len(data)))
	}
	data = append(data, bytes.Repeat([]byte{0xff}, pad)...)
	page := parquet.ByteArrayType.NewPage(0, len(values), encoding.ByteArrayValues(data, offsets))
	lo, hi, ok := page.Bounds()
	wl, wh := oldPageBounds(values)
	if ok != (len(values) > 0) || !bytes.Equal(lo.ByteArray(), wl) || !bytes.Equal(hi.ByteArray(), wh) ||
		(ok && (lo.Kind() != parquet.ByteArray || hi.Kind() != parquet.ByteArray)) {
		t.Fatalf("page of %d values (gap %d, pad %d): bounds %q, %q (%t), want %q, %q",
			len(values), gap, pad, lo.ByteArray(), hi.ByteArray(), ok, wl, wh)
	}
}

// samePageBoundsCut checks samePageBounds over values cut into pages of
// each size (0: values whole), with and without bytes around them.
func samePageBoundsCut(t testing.TB, values [][]byte, sizes ...int) {
	t.Helper()
	for _, size := range sizes {
		if size <= 0 {
			size = max(len(values), 1)
		}
		for i := 0; i < len(values); i += size {
			page := values[i:min(i+size, len(values))]
			samePageBounds(t, page, 0, 0)
			samePageBounds(t, page, 3, 5)
		}
	}
}

// stringColumns are the string columns of parses' rows, by table and column.
func stringColumns(ps []*schemas.Parsed) map[string][][]byte {
	cols := map[string][][]byte{}
	add := func(name string, s string) { cols[name] = append(cols[name], []byte(s)) }
	for _, p := range ps {
		add("reports.report_id", p.Report.ReportID)
		add("reports.source_path", p.Report.SourcePath)
		if p.Report.Title != nil {
			add("reports.title", *p.Report.Title)
		}
		for _, a := range p.Applications {
			add("applications.report_id", a.ReportID)
			add("applications.cell", a.Cell)
			add("applications.outcome", a.Outcome)
			add("applications.applicant", a.Applicant)
			add("applications.label", a.Label)
			add("applications.raw", a.Raw)
		}
		for _, d := range p.Disclosures {
			add("disclosures.report_id", d.ReportID)
			add("disclosures.cell", d.Cell)
			add("disclosures.label", d.Label)
			add("disclosures.raw", d.Raw)
		}
		for _, a := range p.Appeals {
			add("appeals.report_id", a.ReportID)
			add("appeals.raw", a.Raw)
		}
		for _, f := range p.Findings {
			add("quality.report_id", f.ReportID)
			add("quality.rule", f.Rule)
			add("quality.message", f.Message)
		}
	}
	return cols
}

// seedParses are the parses of the seed reports (../shared/seeds).
func seedParses(t testing.TB) []*schemas.Parsed {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "seeds")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("seeds: %v", err)
	}
	var ps []*schemas.Parsed
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) == ".jsonl" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		p := transform.Parse(extract.ReadBytes(e.Name(), data, extract.Limits{}))
		p.SetKey()
		ps = append(ps, p)
	}
	return ps
}

// pageBoundsEdges are hand-made values around the first eight bytes a
// page's bounds look at: empty, zero bytes, a value and the same with a
// zero byte after it, values alike in their first 7, 8 or 9 bytes, 0xff,
// invalid UTF-8.
func pageBoundsEdges() [][]byte {
	s := []string{"", "\x00", "\x00\x00", "a", "a\x00", "a\x00\x00\x00\x00\x00\x00\x00", "a\x00\x00\x00\x00\x00\x00\x00\x00",
		"abcdefg", "abcdefgh", "abcdefgh\x00", "abcdefghi", "abcdefgg\xff", "abcdefgi", "abcdefh",
		"\xff", "\xff\xff\xff\xff\xff\xff\xff\xff", "\xff\xff\xff\xff\xff\xff\xff\xff\xff", "\xfe\xff",
		"其他", "其", "\xe5\x85", "0", "12", "-", "—", strings.Repeat("f", 64), strings.Repeat("f", 63) + "e"}
	var out [][]byte
	for _, v := range s {
		out = append(out, []byte(v))
	}
	for b := range 256 {
		out = append(out, []byte{byte(b)}, []byte{'x', byte(b)}, append([]byte("abcdefgh"), byte(b)))
	}
	return out
}

// TestPageBoundsSameAsOld: the bounds of PLAIN byte array pages are
// oldPageBounds' over the string columns of the seeds' and the generated
// reports' rows cut into pages of many sizes, and over hand-made values
// in order, reversed, alone, in pairs and at random.
func TestPageBoundsSameAsOld(t *testing.T) {
	sizes := []int{1, 2, 7, 64, 65, 1000, 0}
	for _, corpus := range []struct {
		name string
		ps   []*schemas.Parsed
	}{{"seeds", seedParses(t)}, {"generated", generatedParses()[:400]}} {
		cols := stringColumns(corpus.ps)
		if len(cols["applications.raw"]) < 10*len(corpus.ps) {
			t.Fatalf("%s: %d applications rows for %d reports", corpus.name, len(cols["applications.raw"]), len(corpus.ps))
		}
		for name, values := range cols {
			t.Run(corpus.name+"/"+name, func(t *testing.T) { samePageBoundsCut(t, values, sizes...) })
		}
	}

	edges := pageBoundsEdges()
	rev := make([][]byte, len(edges))
	for i := range edges {
		rev[i] = edges[len(edges)-1-i]
	}
	samePageBoundsCut(t, edges, 1, 2, 3, 64, 0)
	samePageBoundsCut(t, rev, 1, 2, 3, 64, 0)
	for i := range edges {
		for j := range edges {
			samePageBounds(t, [][]byte{edges[i], edges[j]}, 0, 0)
			samePageBounds(t, [][]byte{edges[i], edges[j], edges[i]}, 0, 2)
		}
	}
	rng := rand.New(rand.NewPCG(3, 0))
	for range 2000 {
		page := make([][]byte, 1+rng.IntN(100))
		for k := range page {
			page[k] = edges[rng.IntN(len(edges))]
		}
		samePageBounds(t, page, rng.IntN(9), rng.IntN(9))
	}
}

// FuzzPageBounds: as TestPageBoundsSameAsOld, the values from the fuzzed
// bytes (a length byte, then that many bytes, in turn), the bytes before
// and after the page from gap and pad.
func FuzzPageBounds(f *testing.F) {
	f.Add([]byte("\x01a\x00\x02\xff\xfe\x01b\x03abc"), uint8(0), uint8(0))
	f.Add([]byte("\x08abcdefgh\x09abcdefgh\x00\x07abcdefg\x00"), uint8(1), uint8(7))
	f.Add([]byte("\x02其\x01\x80\x0aabcdefghij"), uint8(3), uint8(1))
	f.Add([]byte(schemas.TableApplications), uint8(9), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, gap, pad uint8) {
		var values [][]byte
		for len(data) > 0 {
			n := min(int(data[0]%20), len(data)-1)
			values = append(values, data[1:1+n])
			data = data[1+n:]
		}
		samePageBounds(t, values, int(gap%16), int(pad%16))
	})
}

// TestPageBoundsInFiles: the files a Writer writes from the seeds' and
// generated reports hold, in every page index of a byte array column
// without a dictionary, the bounds oldPageBounds gives for the page's
// values read back.
func TestPageBoundsInFiles(t *testing.T) {
	runDir, m := writeSmallPages(t)
	checked := 0
	for _, tm := range m.Tables {
		for _, fm := range tm.Files {
			checked += checkPageBounds(t, filepath.Join(runDir, filepath.FromSlash(fm.Path)))
		}
	}
	if checked < 100 {
		t.Fatalf("%d pages of byte array columns checked", checked)
	}
}

// indexBounds are a page's bounds lo and hi as a page index holds them:
// cut to parquet-go's default of 16 bytes, a cut hi incremented (as a
// number of that many bytes, all 0xff when it overflows).
func indexBounds(lo, hi []byte) ([]byte, []byte) {
	const limit = 16
	lo = lo[:min(len(lo), limit)]
	if len(hi) > limit {
		hi = slices.Clone(hi[:limit])
		i := len(hi) - 1
		for ; i >= 0; i-- {
			if hi[i]++; hi[i] != 0 {
				break
			}
		}
		if i < 0 {
			hi = bytes.Repeat([]byte{0xff}, limit)
		}
	}
	return lo, hi
}

// checkPageBounds checks the page indexes of path's byte array columns
// without a dictionary against the pages' values; it returns the number
// of pages checked.
func checkPageBounds(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
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
				if page.Dictionary() != nil {
					parquet.Release(page)
					continue
				}
				vals := make([]parquet.Value, page.NumValues())
				if _, err := page.Values().ReadValues(vals); err != nil && !errors.Is(err, io.EOF) {
					t.Fatal(err)
				}
				var bs [][]byte
				for _, v := range vals {
					if !v.IsNull() {
						bs = append(bs, v.ByteArray())
					}
				}
				parquet.Release(page)
				if len(bs) == 0 {
					continue
				}
				wl, wh := oldPageBounds(bs)
				wl, wh = indexBounds(wl, wh)
				if gl, gh := ci.MinValue(i).ByteArray(), ci.MaxValue(i).ByteArray(); !bytes.Equal(gl, wl) || !bytes.Equal(gh, wh) {
					t.Fatalf("%s: row group %d, column %d, page %d: index bounds %q, %q, want %q, %q",
						path, g, c, i, gl, gh, wl, wh)
				}
				checked++
			}
			pages.Close()
		}
	}
	return checked
}

// writeSmallPages writes the seeds' and 300 generated parses with pages
// of 4 KiB (many pages a column) and returns the run's folder and
// manifest.
func writeSmallPages(t *testing.T) (string, *Manifest) {
	t.Helper()
	ps := append(seedParses(t), generatedParses()[:300]...)
	slices.SortStableFunc(ps, func(a, b *schemas.Parsed) int { return compareReports(&a.Report, &b.Report) })
	out := t.TempDir()
	o := opts("r")
	o.Verify, o.Streaming = false, true
	o.PageBufferBytes = 4096
	w, err := NewWriter(out, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if err := w.AddCells(p); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range ps {
		if err := w.AddReport(p); err != nil {
			t.Fatal(err)
		}
	}
	m, err := w.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(out, filepath.FromSlash(m.RunDir)), m
}
