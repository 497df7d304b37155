package load

import (
	"bytes"
	"io"
	"math"
	"testing"

	"github.com/nianbao/nianbao/internal/parsetest"
	"github.com/nianbao/nianbao/schemas"
	"github.com/parquet-go/parquet-go"
)

// directFile is the Writer's fileWriter of table.
func directFile[T any](w *Writer, table string) fileWriter[T] {
	return newFileWriter[T](writerOptions(w, table))
}

// newFile is directFile as the file rows' tests take it.
func newFile[T any](w *Writer, table string) fileWriterOld[T] {
	file := directFile[T](w, table)
	return func(out io.Writer, _ *int32) rowWriterOld[T] { return file(out) }
}

// applicationFileOld is the applications table's fileWriter as it was.
func applicationFileOld(w *Writer, table string) fileWriterOld[schemas.Application] {
	return newFileWriterOld(writerOptions(w, table), toApplicationRows)
}

// TestFileRowsFastPath: each file row type has its row type's columns,
// which is what lets parquet-go write it through the row type's schema
// with its struct code rather than value by value (the same bytes, slower).
func TestFileRowsFastPath(t *testing.T) {
	for _, c := range []struct{ row, file any }{
		{schemas.Report{}, reportRow{}},
		{schemas.Disclosure{}, disclosureRow{}},
		{schemas.Application{}, applicationRow{}},
		{schemas.Appeal{}, appealRow{}},
		{schemas.Finding{}, findingRow{}},
	} {
		a, b := parquet.SchemaOf(c.row), parquet.SchemaOf(c.file)
		if !parquet.EqualNodes(a, b) {
			t.Errorf("%T: the columns of %T differ:\n%s\n%s", c.row, c.file, a, b)
		}
	}
}

// fileYears are the report_year values of the files compared: the
// unknown year, the year 0 that file rows cannot hold, and others.
var fileYears = []*int32{nil, ptr(int32(0)), ptr(int32(2021)), ptr(int32(-7)), ptr(int32(math.MaxInt32)),
	ptr(int32(math.MinInt32))}

// writeFileRows writes rows, all of the partition of year, through
// file's writer in the slices a partWriter hands over.
func writeFileRows[T any](t testing.TB, file fileWriterOld[T], year *int32, rows []T) []byte {
	t.Helper()
	var b bytes.Buffer
	fw := file(&b, year)
	for len(rows) > 0 {
		n := min(len(rows), sliceRows)
		if _, err := fw.Write(rows[:n]); err != nil {
			t.Fatal(err)
		}
		rows = rows[n:]
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sameFileRows checks that rows, given each year of fileYears, make the
// same file handed to parquet-go as they are (newFileWriter) as they made
// as file rows (newFileWriterOld).
func sameFileRows[T, R any](t *testing.T, w *Writer, table string, rows []T, year func(*T) **int32, conv func([]R, []T)) {
	t.Helper()
	rows = append([]T(nil), rows...)
	for _, y := range fileYears {
		for i := range rows {
			*year(&rows[i]) = y
		}
		want := writeFileRows(t, newFileWriterOld(writerOptions(w, table), conv), y, rows)
		got := writeFileRows(t, newFile[T](w, table), y, rows)
		if !bytes.Equal(got, want) {
			t.Errorf("%s, %d rows of the year %v: the files differ", table, len(rows), yearKey(y))
		}
	}
}

// TestFileRowsSameFiles: every table's rows, from the 2 000 generated
// reports (300 under the race detector), the seeds, the repository's samples and test reports and
// samples that fill every optional column, make the same files handed to
// parquet-go as they are as they made as file rows, in every kind of
// partition, over several row groups and many pages.
func TestFileRowsSameFiles(t *testing.T) {
	o := opts("r")
	o.RowGroupRows, o.PageBufferBytes = 1000, 2048
	w, err := NewWriter(t.TempDir(), o)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	gen := generatedParses()
	if raceEnabled {
		gen = gen[:300] // the detector makes each row a dozen times dearer
	}
	ps := append([]*schemas.Parsed{sample("aa", nil, true), sample("bb", ptr(int32(2020)), true)}, gen...)
	ps = append(ps, seedParses(t)...)
	ps = append(ps, parsetest.Samples(t)...)
	var (
		reps []schemas.Report
		ds   []schemas.Disclosure
		as   []schemas.Application
		aps  []schemas.Appeal
		fs   []schemas.Finding
	)
	for i, p := range ps {
		r := p.Report
		if i%2 == 0 { // the columns generated reports leave null
			r.Title, r.Published, r.DivisionCode = ptr("标题"), ptr(schemas.Date(19000+i)), ptr("440100")
		}
		reps = append(reps, r)
		ds, as, aps, fs = append(ds, p.Disclosures...), append(as, p.Applications...), append(aps, p.Appeals...), append(fs, p.Findings...)
	}
	if len(as) < 10000 || len(ds) < 1000 || len(aps) < 1000 || len(fs) < 100 {
		t.Fatalf("only %d, %d, %d, %d rows", len(ds), len(as), len(aps), len(fs))
	}
	sameFileRows(t, w, schemas.TableReports, reps, func(x *schemas.Report) **int32 { return &x.ReportYear }, toReportRows)
	sameFileRows(t, w, schemas.TableDisclosures, ds, func(x *schemas.Disclosure) **int32 { return &x.ReportYear }, toDisclosureRows)
	sameFileRows(t, w, schemas.TableApplications, as, func(x *schemas.Application) **int32 { return &x.ReportYear }, toApplicationRows)
	sameFileRows(t, w, schemas.TableAppeals, aps, func(x *schemas.Appeal) **int32 { return &x.ReportYear }, toAppealRows)
	sameFileRows(t, w, schemas.TableQuality, fs, func(x *schemas.Finding) **int32 { return &x.ReportYear }, toFindingRows)
}

// FuzzFileRows: applications rows with fuzzed counts, nulls, year, page
// and row group sizes make the same file handed to parquet-go as they are
// as they made as file rows.
func FuzzFileRows(f *testing.F) {
	base := applicationRows(6)
	f.Add(int32(2021), uint16(1000), uint16(2048), []byte{0, 1, 2, 255, 7})
	f.Add(int32(0), uint16(3), uint16(64), []byte{1, 1, 1})
	f.Add(int32(-1), uint16(64), uint16(100), []byte{})
	f.Fuzz(func(t *testing.T, year int32, group, page uint16, b []byte) {
		rows := append([]schemas.Application(nil), base...)
		var y *int32
		if year != math.MinInt32+1 { // the unknown year
			y = &year
		}
		for i := range rows {
			rows[i].ReportYear = y
			if len(b) > 0 {
				switch c := b[i%len(b)]; {
				case c%3 == 0:
					rows[i].Count = nil
				case c%3 == 1:
					rows[i].Count = ptr(int64(c) - 128)
				}
			}
		}
		o := opts("r")
		o.RowGroupRows, o.PageBufferBytes = int(group%3000)+1, int(page%9000)+1
		w, err := NewWriter(t.TempDir(), o)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Abort()
		want := writeFileRows(t, applicationFileOld(w, "t"), y, rows)
		got := writeFileRows(t, newFile[schemas.Application](w, "t"), y, rows)
		if !bytes.Equal(got, want) {
			t.Errorf("year %v: the files differ", yearKey(y))
		}
	})
}
