package load

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/schema"
	"github.com/nianbao/nianbao/schemas"
	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	out := t.TempDir()
	o := opts("r1")
	o.Allocator = mem
	commit(t, out, o, dataset())

	tbl := readFile(t, mem, partPath(t, out, "disclosures/report_year=2021/part-00000.parquet"))
	defer tbl.Release()
	if got := tbl.NumRows(); got != 9 {
		t.Fatalf("disclosures 2021: %d rows, want 9", got)
	}
	amounts := column(t, tbl, "amount_yuan", func(a arrow.Array, i int) string {
		if a.IsNull(i) {
			return "<null>"
		}
		return a.(*array.Decimal128).Value(i).ToString(2)
	})
	wantAmounts := []string{"3622400.00", "-123.45", "<null>"}
	if !slices.Equal(amounts[:3], wantAmounts) {
		t.Errorf("amount_yuan = %v, want %v", amounts[:3], wantAmounts)
	}
	if got := column(t, tbl, "count", str)[:3]; !slices.Equal(got, []string{"<null>", "<null>", "-3"}) {
		t.Errorf("count = %v", got)
	}
	if got := column(t, tbl, "label", str)[0]; got != "政府集中采购" {
		t.Errorf("label = %q", got)
	}
	if got := column(t, tbl, "unit", str)[:2]; !slices.Equal(got, []string{"万元", "<null>"}) {
		t.Errorf("unit = %v", got)
	}
	if got := column(t, tbl, "unit_inferred", str)[:2]; !slices.Equal(got, []string{"false", "true"}) {
		t.Errorf("unit_inferred = %v", got)
	}

	rep := readFile(t, mem, partPath(t, out, "reports/report_year=__HIVE_DEFAULT_PARTITION__/part-00000.parquet"))
	defer rep.Release()
	if got := column(t, rep, "report_id", str); !slices.Equal(got, []string{"dd"}) {
		t.Errorf("unknown-year reports = %v", got)
	}
	ts := column(t, rep, "ingested_at", func(a arrow.Array, i int) int64 {
		return int64(a.(interface{ Value(int) arrow.Timestamp }).Value(i))
	})
	if want := runStart.UnixMicro(); ts[0] != want {
		t.Errorf("ingested_at = %d µs, want %d (run start truncated to µs)", ts[0], want)
	}
	if got := column(t, rep, "title", str)[0]; got != "<null>" {
		t.Errorf("title = %q, want null", got)
	}
	if got := column(t, rep, "agency", str)[0]; got != "广州市人民政府办公厅" {
		t.Errorf("agency = %q", got)
	}

	q := readFile(t, mem, partPath(t, out, "quality/report_year=2021/part-00000.parquet"))
	defer q.Release()
	if got := column(t, q, "line", str); !slices.Equal(got, []string{"55", "<null>", "55", "<null>"}) {
		t.Errorf("quality line = %v", got)
	}
	if got := column(t, q, "report_id", str); !slices.Equal(got, []string{"ab", "ab", "cc", "cc"}) {
		t.Errorf("quality report_id = %v", got)
	}
}

func TestSortOrder(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	out := t.TempDir()
	commit(t, out, opts("r1"), dataset())
	tbl := readFile(t, mem, partPath(t, out, "applications/report_year=2021/part-00000.parquet"))
	defer tbl.Release()
	ids := column(t, tbl, "report_id", str)
	lines := column(t, tbl, "line", str)
	wantIDs := []string{"aa", "aa", "ab", "ab", "cc", "cc"}
	// Within a report the added order (lines 50 then 40), not sorted by line.
	wantLines := []string{"50", "40", "50", "40", "50", "40"}
	if !slices.Equal(ids, wantIDs) || !slices.Equal(lines, wantLines) {
		t.Errorf("order: ids %v lines %v, want %v %v", ids, lines, wantIDs, wantLines)
	}
}

func TestDuplicateReportIDOrderIsFixed(t *testing.T) {
	a, b := sample("x", ptr(int32(2020)), false), sample("x", ptr(int32(2020)), false)
	a.Report.SourcePath, b.Report.SourcePath = "b/x.txt", "a/x.txt"
	out1, out2 := t.TempDir(), t.TempDir()
	commit(t, out1, opts("r1"), []*schemas.Parsed{a, b})
	a2, b2 := sample("x", ptr(int32(2020)), false), sample("x", ptr(int32(2020)), false)
	a2.Report.SourcePath, b2.Report.SourcePath = "b/x.txt", "a/x.txt"
	commit(t, out2, opts("r1"), []*schemas.Parsed{b2, a2})
	assertSameFiles(t, out1, out2)
}

func TestLayoutGolden(t *testing.T) {
	out := t.TempDir()
	m := commit(t, out, opts("r1"), dataset())
	var b strings.Builder
	b.WriteString(tree(t, out))
	b.WriteString("--\n")
	for _, name := range schemas.TableNames {
		for _, f := range m.Tables[name].Files {
			b.WriteString(f.Path + " rows=" + itoa(f.Rows) + "\n")
		}
	}
	// the digests in file names are checked by TestFileNamesCarryDigest
	got := reDigest.ReplaceAllString(b.String(), "-<digest>.parquet")
	b.Reset()
	b.WriteString(got)
	golden := filepath.Join("testdata", "layout", "expected")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("layout:\n%s\nwant:\n%s", b.String(), want)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// assertSameFiles checks that two published datasets hold byte-identical
// Parquet files under the same names.
func assertSameFiles(t *testing.T, out1, out2 string) {
	t.Helper()
	m1, err := ReadManifest(out1)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := ReadManifest(out2)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range schemas.TableNames {
		f1, f2 := m1.Tables[name].Files, m2.Tables[name].Files
		if !reflect.DeepEqual(f1, f2) {
			t.Errorf("%s: manifests differ:\n%+v\n%+v", name, f1, f2)
			continue
		}
		for _, f := range f1 {
			b1, err1 := os.ReadFile(filepath.Join(out1, f.Path))
			b2, err2 := os.ReadFile(filepath.Join(out2, f.Path))
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if !bytes.Equal(b1, b2) {
				t.Errorf("%s differs", f.Path)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no files compared")
	}
}

func TestDeterministic(t *testing.T) {
	out1, out2 := t.TempDir(), t.TempDir()
	commit(t, out1, opts("first"), dataset())
	ps := dataset()
	slices.Reverse(ps) // another Add order
	o := opts("second")
	o.StartedAt = runStart.Add(3600e9) // other run metadata
	commit(t, out2, o, ps)
	assertSameFiles(t, out1, out2)
}

func TestFileProperties(t *testing.T) {
	out := t.TempDir()
	o := opts("r1")
	o.RowGroupRows = 4
	o.MaxFileRows = 5
	var ps []*schemas.Parsed
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		ps = append(ps, sample(id, ptr(int32(2022)), false))
	}
	m := commit(t, out, o, ps) // 6 reports × 3 disclosures = 18 rows: files of 5, 5, 5, 3

	files := m.Tables[schemas.TableDisclosures].Files
	var names []string
	var rows []int64
	for _, f := range files {
		names = append(names, reDigest.ReplaceAllString(filepath.Base(f.Path), ".parquet"))
		rows = append(rows, f.Rows)
	}
	if want := []string{"part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet"}; !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	if !slices.Equal(rows, []int64{5, 5, 5, 3}) {
		t.Fatalf("rows per file %v", rows)
	}

	rdr, err := file.OpenParquetFile(filepath.Join(out, files[0].Path), false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	md := rdr.MetaData()
	if got := rdr.NumRowGroups(); got != 2 {
		t.Errorf("row groups = %d, want 2 (5 rows, 4 per group)", got)
	}
	if got, want := md.GetCreatedBy(), "parquet-go version "+parquetGoVersion+"(build nianbao)"; got != want {
		t.Errorf("created_by = %q, want %q", got, want)
	}
	if v := md.KeyValueMetadata().FindValue("nianbao.table"); v == nil || *v != schemas.TableDisclosures {
		t.Errorf("nianbao.table metadata = %v", v)
	}
	sc := md.Schema
	col := func(name string) int {
		i := sc.ColumnIndexByName(name)
		if i < 0 {
			t.Fatalf("no column %s", name)
		}
		return i
	}
	amount := sc.Column(col("amount_yuan"))
	if amount.PhysicalType() != parquet.Types.Int64 {
		t.Errorf("amount_yuan physical type %s, want INT64", amount.PhysicalType())
	}
	if d, ok := amount.LogicalType().(interface {
		Precision() int32
		Scale() int32
	}); !ok || d.Precision() != 18 || d.Scale() != 2 {
		t.Errorf("amount_yuan logical type %s, want Decimal(18,2)", amount.LogicalType())
	}
	for i := 0; i < sc.NumColumns(); i++ {
		c := sc.Column(i)
		if want := schemas.FieldIDs[schemas.TableDisclosures][c.Name()]; c.SchemaNode().FieldID() != int32(want) {
			t.Errorf("%s: field id %d, want %d", c.Name(), c.SchemaNode().FieldID(), want)
		}
	}
	// report_year is stored, optional INT32, and the footer's min and max
	// are the file's one year: an Iceberg table takes the partition value
	// from them.
	year := sc.Column(col("report_year"))
	if year.PhysicalType() != parquet.Types.Int32 || year.MaxDefinitionLevel() != 1 {
		t.Errorf("report_year: %s, definition level %d; want optional INT32", year.PhysicalType(), year.MaxDefinitionLevel())
	}
	for g := 0; g < rdr.NumRowGroups(); g++ {
		cc, err := rdr.RowGroup(g).MetaData().ColumnChunk(col("report_year"))
		if err != nil {
			t.Fatal(err)
		}
		st, err := cc.Statistics()
		if err != nil || st == nil || !st.HasMinMax() {
			t.Fatalf("row group %d: no report_year statistics (%v)", g, err)
		}
		is := st.(*metadata.Int32Statistics)
		if is.Min() != *files[0].ReportYear || is.Max() != *files[0].ReportYear {
			t.Errorf("row group %d: report_year min %d max %d, want %d", g, is.Min(), is.Max(), *files[0].ReportYear)
		}
	}
	rg := rdr.RowGroup(0)
	for i := 0; i < sc.NumColumns(); i++ {
		cc, err := rg.MetaData().ColumnChunk(i)
		if err != nil {
			t.Fatal(err)
		}
		name := sc.Column(i).Name()
		if cc.Compression() != compress.Codecs.Zstd {
			t.Errorf("%s: compression %s, want ZSTD", name, cc.Compression())
		}
		for _, e := range cc.Encodings() {
			if strings.HasPrefix(e.String(), "DELTA") {
				t.Errorf("%s: encoding %s", name, e)
			}
		}
		dictWanted := slices.Contains([]string{"cell", "item", "metric", "label", "unit"}, name)
		if cc.HasDictionaryPage() != dictWanted {
			t.Errorf("%s: dictionary page %t, want %t", name, cc.HasDictionaryPage(), dictWanted)
		}
		pr, err := rg.GetColumnPageReader(i)
		if err != nil {
			t.Fatal(err)
		}
		for pr.Next() {
			switch pg := pr.Page().(type) {
			case *file.DataPageV2:
				t.Errorf("%s: DataPage v2", name)
			case *file.DataPageV1:
				// Page bounds are in the column index (below), not
				// repeated in each page's header.
				if st := pg.Statistics(); st.HasMin || st.HasMax {
					t.Errorf("%s: a data page header holds statistics", name)
				}
			}
		}
		if err := pr.Err(); err != nil {
			t.Fatal(err)
		}
	}

	// The column index has every data page's bounds, as readers prune
	// pages with it: report_year's are the file's one year.
	pf := openParquetGo(t, filepath.Join(out, files[0].Path))
	if got, want := len(pf.ColumnIndexes()), sc.NumColumns()*rdr.NumRowGroups(); got != want {
		t.Fatalf("%d column indexes, want %d (one per column chunk)", got, want)
	}
	for g := 0; g < rdr.NumRowGroups(); g++ {
		ci := pf.ColumnIndexes()[g*sc.NumColumns()+col("report_year")]
		if len(ci.MinValues) == 0 || len(ci.MinValues) != len(ci.MaxValues) {
			t.Fatalf("row group %d: report_year column index of %d/%d bounds", g, len(ci.MinValues), len(ci.MaxValues))
		}
		for k := range ci.MinValues {
			yr := *files[0].ReportYear
			if len(ci.MinValues[k]) != 4 || int32(binary.LittleEndian.Uint32(ci.MinValues[k])) != yr || int32(binary.LittleEndian.Uint32(ci.MaxValues[k])) != yr {
				t.Errorf("row group %d page %d: report_year bounds %x..%x, want %d", g, k, ci.MinValues[k], ci.MaxValues[k], yr)
			}
		}
	}

	rrep, err := file.OpenParquetFile(filepath.Join(out, m.Tables[schemas.TableReports].Files[0].Path), false)
	if err != nil {
		t.Fatal(err)
	}
	defer rrep.Close()
	ing := rrep.MetaData().Schema.Column(rrep.MetaData().Schema.ColumnIndexByName("ingested_at"))
	ts, ok := ing.LogicalType().(interface {
		IsAdjustedToUTC() bool
		TimeUnit() schema.TimeUnitType
	})
	if !ok || !ts.IsAdjustedToUTC() || ts.TimeUnit() != schema.TimeUnitMicros {
		t.Errorf("ingested_at logical type %s, want Timestamp(UTC, MICROS)", ing.LogicalType())
	}
}

// openParquetGo opens a file with parquet-go, for what Arrow's reader does
// not expose (the column index).
func openParquetGo(t *testing.T, path string) *pq.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := pq.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return pf
}

// TestReportIDEncoding: report_id is dictionary-encoded in applications
// only, the table with about 170 rows a report (see schemas.Application);
// in the others, of a few rows a report, it stays plain. Checked in each
// table's first file: its column chunks say which encodings they use and
// whether a dictionary page precedes them.
func TestReportIDEncoding(t *testing.T) {
	out := t.TempDir()
	var ps []*schemas.Parsed
	for _, id := range []string{"a", "b", "c"} {
		ps = append(ps, sample(id, ptr(int32(2022)), true))
	}
	m := commit(t, out, opts("r1"), ps)
	for _, c := range []struct {
		table string
		dict  bool
	}{
		{schemas.TableApplications, true},
		{schemas.TableDisclosures, false},
		{schemas.TableAppeals, false},
		{schemas.TableQuality, false},
		{schemas.TableReports, false},
	} {
		files := m.Tables[c.table].Files
		if len(files) == 0 {
			t.Fatalf("%s: no files", c.table)
		}
		rdr, err := file.OpenParquetFile(filepath.Join(out, files[0].Path), false)
		if err != nil {
			t.Fatal(err)
		}
		i := rdr.MetaData().Schema.ColumnIndexByName("report_id")
		cc, err := rdr.MetaData().RowGroup(0).ColumnChunk(i)
		if err != nil {
			t.Fatal(err)
		}
		dict := cc.HasDictionaryPage() && slices.Contains(cc.Encodings(), parquet.Encodings.RLEDict)
		if dict != c.dict {
			t.Errorf("%s: report_id dictionary-encoded = %t (encodings %v), want %t", c.table, dict, cc.Encodings(), c.dict)
		}
		rdr.Close()
	}
}

// TestCodecPerTable: the reports table, of long texts, at zstd's default
// level; the tables of codes and counts at the fastest (codecs).
func TestCodecPerTable(t *testing.T) {
	c := newCodecs()
	for _, name := range schemas.TableNames {
		want := zstd.SpeedFastest
		if name == schemas.TableReports {
			want = zstd.SpeedDefault
		}
		if got := c.forTable(name).Level; got != want {
			t.Errorf("%s: zstd level %v, want %v", name, got, want)
		}
	}
	if c.forTable(schemas.TableApplications) != c.forTable(schemas.TableAppeals) {
		t.Error("two codecs of one level: each holds its own pool of encoders")
	}
}

func TestArrowSchemas(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	out := t.TempDir()
	m := commit(t, out, opts("r1"), dataset())
	for _, td := range schemas.Tables {
		for _, f := range m.Tables[td.Name].Files {
			tbl := readFile(t, mem, filepath.Join(out, f.Path))
			err := CheckSchema(FileSchema(td.Schema), tbl.Schema())
			if int64(tbl.NumRows()) != f.Rows {
				t.Errorf("%s: %d rows, manifest %d", f.Path, tbl.NumRows(), f.Rows)
			}
			tbl.Release()
			if err != nil {
				t.Errorf("%s: %v", f.Path, err)
			}
		}
	}
	// The check itself must notice each kind of difference.
	want := FileSchema(schemas.Disclosures)
	bad := []*arrow.Schema{
		arrow.NewSchema(want.Fields()[1:], nil),
		replaceField(want, "amount_yuan", arrow.Field{Name: "amount_yuan", Type: &arrow.Decimal128Type{Precision: 18, Scale: 3}, Nullable: true}),
		replaceField(want, "count", arrow.Field{Name: "count", Type: arrow.PrimitiveTypes.Int64, Nullable: false}),
		replaceField(want, "raw", arrow.Field{Name: "raw2", Type: arrow.BinaryTypes.String}),
	}
	for i, s := range bad {
		if err := CheckSchema(want, s); !errors.Is(err, ErrSchema) {
			t.Errorf("case %d: CheckSchema = %v, want ErrSchema", i, err)
		}
	}
	dict := replaceField(want, "cell", arrow.Field{Name: "cell", Type: &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}})
	if err := CheckSchema(want, dict); err != nil {
		t.Errorf("dictionary of strings refused: %v", err)
	}
	if FileSchema(schemas.Reports).NumFields() != schemas.Reports.NumFields() {
		t.Error("FileSchema dropped report_year")
	}
}

func replaceField(s *arrow.Schema, name string, f arrow.Field) *arrow.Schema {
	fs := slices.Clone(s.Fields())
	fs[s.FieldIndices(name)[0]] = f
	return arrow.NewSchema(fs, nil)
}

func TestVerifyNamesFile(t *testing.T) {
	out := t.TempDir()
	m := commit(t, out, opts("r1"), dataset())
	f := m.Tables[schemas.TableAppeals].Files[0]
	runDir := filepath.Join(out, filepath.FromSlash(m.RunDir))
	f.Rows++
	err := verifyFile(context.Background(), mustLocal(runDir), "", f, schemas.Appeals, memory.DefaultAllocator)
	var ve *VerifyError
	if !errors.As(err, &ve) || ve.File != f.Path || !errors.Is(err, ErrRowCount) {
		t.Errorf("row count: %v", err)
	}
	f.Rows--
	err = verifyFile(context.Background(), mustLocal(runDir), "", f, schemas.Applications, memory.DefaultAllocator)
	if !errors.As(err, &ve) || !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), f.Path) {
		t.Errorf("schema: %v", err)
	}
}

func TestPanicBecomesError(t *testing.T) {
	type bad struct {
		X string `parquet:"x,decimal(2:18)"` // invalid: decimal on a string
	}
	out := t.TempDir()
	w, err := NewWriter(out, opts("r1"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	parts := partitionReports([]*schemas.Parsed{sample("a", nil, false)})
	_, err = writeTable(context.Background(), w, "bad", parts, func(*schemas.Parsed) []bad { return []bad{{X: "1"}} },
		directFile[bad](w, "bad"))
	if !errors.Is(err, ErrPanic) {
		t.Fatalf("err = %v, want ErrPanic", err)
	}
}

func TestEmptyTables(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	// The empty file stands in a partition of a known year (the run's
	// first, or 0 when none is known): in __HIVE_DEFAULT_PARTITION__ alone,
	// Spark reads report_year as void and pyarrow cannot read the table.
	for _, tc := range []struct {
		name string
		ps   []*schemas.Parsed
		dir  string
	}{
		{"no findings", []*schemas.Parsed{sample("a", ptr(int32(2021)), false), sample("b", ptr(int32(2020)), false)}, "report_year=2020"},
		{"no reports", nil, "report_year=0"},
		{"no known year", []*schemas.Parsed{sample("a", nil, false)}, "report_year=0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			m := commit(t, out, opts("r1"), tc.ps)
			q := m.Tables[schemas.TableQuality]
			if q.Rows != 0 || len(q.Files) != 1 || reDigest.ReplaceAllString(q.Files[0].Path, ".parquet") != "quality/"+tc.dir+"/part-00000.parquet" ||
				q.Files[0].ReportYear == nil || "report_year="+itoa(int64(*q.Files[0].ReportYear)) != tc.dir {
				t.Fatalf("quality manifest %+v", q)
			}
			matches, _ := filepath.Glob(filepath.Join(out, "quality", "*", "*.parquet"))
			if len(matches) != 1 {
				t.Fatalf("glob matched %v", matches)
			}
			tbl := readFile(t, mem, matches[0])
			defer tbl.Release()
			if err := CheckSchema(FileSchema(schemas.Quality), tbl.Schema()); err != nil || tbl.NumRows() != 0 {
				t.Errorf("empty file: %v, %d rows", err, tbl.NumRows())
			}
			// Every table has a file in a partition of a known year; a
			// table with rows in known years gets no empty file.
			for name, tm := range m.Tables {
				known, empty := 0, 0
				for _, f := range tm.Files {
					if f.ReportYear != nil {
						known++
					}
					if f.Rows == 0 {
						empty++
					}
				}
				if known == 0 || empty > 1 || (empty == 1 && tm.Files[0].Rows != 0) {
					t.Errorf("%s: files %+v: want one in a known year, an empty one only first", name, tm.Files)
				}
			}
		})
	}
}

func TestParquetGoVersionMatchesGoMod(t *testing.T) {
	b, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Skip(err)
	}
	if !strings.Contains(string(b), "github.com/parquet-go/parquet-go v"+parquetGoVersion+" ") &&
		!strings.Contains(string(b), "github.com/parquet-go/parquet-go v"+parquetGoVersion+"\n") {
		t.Errorf("go.mod does not require parquet-go v%s: update parquetGoVersion", parquetGoVersion)
	}
}

func TestDependencies(t *testing.T) {
	outb, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skip(err)
	}
	for _, p := range strings.Fields(string(outb)) {
		for _, banned := range []string{"/extract", "/transform", "/pipeline", "/cmd/"} {
			if strings.HasPrefix(p, "github.com/nianbao/nianbao") && strings.Contains(p, banned) {
				t.Errorf("load depends on %s", p)
			}
		}
	}
}

func TestManifest(t *testing.T) {
	out := t.TempDir()
	m := commit(t, out, opts("r1"), dataset())
	read, err := ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.RunID != "r1" || m.SchemaVersion != schemas.SchemaVersion || m.PipelineVersion != "test" ||
		m.RunDir != ".nianbao/runs/r1" || m.Reports != 5 || !m.StartedAt.Equal(runStart) ||
		m.StartedAt.Location() != time.UTC || m.FinishedAt.Before(m.StartedAt) {
		t.Errorf("manifest header %+v", m)
	}
	if !reflect.DeepEqual(read.Tables, m.Tables) || read.RunID != m.RunID {
		t.Errorf("_manifest.json differs from the returned manifest")
	}
	wantRows := map[string]int64{"reports": 5, "disclosures": 15, "applications": 10, "appeals": 5, "quality": 6}
	for name, want := range wantRows {
		tm, ok := m.Tables[name]
		if !ok || tm.Rows != want {
			t.Errorf("%s rows = %d, want %d", name, tm.Rows, want)
		}
		var sum int64
		for _, f := range tm.Files {
			sum += f.Rows
			b, err := os.ReadFile(filepath.Join(out, f.Path))
			if err != nil {
				t.Fatal(err)
			}
			h := sha256.Sum256(b)
			if int64(len(b)) != f.Bytes || hex.EncodeToString(h[:]) != f.SHA256 {
				t.Errorf("%s: bytes/sha256 do not match the file", f.Path)
			}
			wantYear := "__HIVE_DEFAULT_PARTITION__"
			if f.ReportYear != nil {
				wantYear = itoa(int64(*f.ReportYear))
			}
			if !strings.Contains(f.Path, "/report_year="+wantYear+"/") {
				t.Errorf("%s: report_year %v", f.Path, f.ReportYear)
			}
		}
		if sum != tm.Rows {
			t.Errorf("%s: files hold %d rows, table says %d", name, sum, tm.Rows)
		}
	}
	if len(m.Tables) != 5 {
		t.Errorf("%d tables", len(m.Tables))
	}
}

var reDigest = regexp.MustCompile(`-[0-9a-f]{16}\.parquet`)

// partPath finds a part file by its name without the digest:
// "t/report_year=Y/part-00000.parquet" → t/report_year=Y/part-00000-<digest>.parquet.
func partPath(t *testing.T, out, rel string) string {
	t.Helper()
	ms, err := filepath.Glob(filepath.Join(out, strings.TrimSuffix(rel, ".parquet")+"-*.parquet"))
	if err != nil || len(ms) != 1 {
		t.Fatalf("%s: %v matches (%v)", rel, ms, err)
	}
	return ms[0]
}

// TestFileNamesCarryDigest checks that a part file's name ends in the first
// 16 hex digits of its SHA-256, as the manifest records it.
func TestFileNamesCarryDigest(t *testing.T) {
	out := t.TempDir()
	m := commit(t, out, opts("r1"), dataset())
	for _, name := range schemas.TableNames {
		for _, f := range m.Tables[name].Files {
			b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b)
			h := hex.EncodeToString(sum[:])
			if h != f.SHA256 || !strings.HasSuffix(f.Path, "-"+h[:16]+".parquet") {
				t.Errorf("%s: sha256 %s, manifest %s", f.Path, h, f.SHA256)
			}
		}
	}
}
