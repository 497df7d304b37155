package load

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/nianbao/nianbao/schemas"
)

var runStart = time.Date(2026, 3, 1, 8, 30, 0, 123456789, time.FixedZone("CST", 8*3600))

func ptr[T any](v T) *T { return &v }

// sample builds a report with rows in every table. Lines decrease so a sort
// by line would be visible.
func sample(id string, year *int32, withFindings bool) *schemas.Parsed {
	p := &schemas.Parsed{Report: schemas.Report{
		ReportID: id, ReportYear: year, SourcePath: "省/" + id + ".txt", SourceFormat: "txt",
		Encoding: "gb18030", SourceBytes: 4096, Agency: ptr("广州市人民政府办公厅"),
		Template: schemas.Template2021, Status: schemas.StatusOK, ParserVersion: schemas.ParserVersion,
		IngestedAt: runStart, Title: nil, URL: ptr("https://www.gz.gov.cn/" + id),
	}}
	p.Disclosures = []schemas.Disclosure{
		{Cell: "s2.procurement.amount_yuan", Item: "procurement", Metric: "amount", Label: "政府集中采购",
			AmountYuan: ptr(schemas.Yuan(362240000)), Unit: ptr("万元"), Raw: "362.24", Line: 30},
		{Cell: "s2.fees.amount_yuan", Item: "fees", Metric: "amount", Label: "行政事业性收费",
			AmountYuan: ptr(schemas.Yuan(-12345)), UnitInferred: true, Raw: "-123.45", Line: 20},
		{Cell: "s2.permit.issued", Item: "permit", Metric: "issued", Label: "行政许可",
			Count: ptr(int64(-3)), Raw: "-3", Line: 10},
	}
	p.Applications = []schemas.Application{
		{Cell: "s3.new_received.natural_person", Outcome: "new_received", Applicant: "natural_person",
			Label: "一、本年新收政府信息公开申请数量", Count: ptr(int64(163)), Raw: "+163", Line: 50},
		{Cell: "s3.denied.state_secret.natural_person", Outcome: "denied.state_secret", Applicant: "natural_person",
			Label: "1.属于国家秘密", Count: nil, Raw: "/", Line: 40},
	}
	p.Appeals = []schemas.Appeal{
		{Cell: "s4.review.upheld", Proceeding: "review", Outcome: "upheld", Count: ptr(int64(0)), Raw: "0", Line: 60},
	}
	if withFindings {
		p.Findings = []schemas.Finding{
			{Rule: "S3_BALANCE", Severity: schemas.SeverityWarning, Kind: schemas.KindSource,
				Cell: "s3.total.natural_person", Expected: ptr("163"), Actual: ptr("160"),
				Message: "申请数量不平衡", Line: ptr(int32(55))},
			{Rule: "AMOUNT_UNIT_UNKNOWN", Severity: schemas.SeverityInfo, Kind: schemas.KindExtraction,
				Cell: "s2.fees.amount_yuan", Message: "no unit"},
		}
	}
	return p
}

// dataset is a few reports: two years, an unknown year, ids added out of
// order.
func dataset() []*schemas.Parsed {
	return []*schemas.Parsed{
		sample("cc", ptr(int32(2021)), true),
		sample("aa", ptr(int32(2021)), false),
		sample("bb", ptr(int32(2020)), true),
		sample("dd", nil, false),
		sample("ab", ptr(int32(2021)), true),
	}
}

func commit(t testing.TB, out string, opt Options, ps []*schemas.Parsed) *Manifest {
	t.Helper()
	w, err := NewWriter(out, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, p := range ps {
		if err := w.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	m, err := w.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func opts(runID string) Options {
	return Options{RunID: runID, StartedAt: runStart, PipelineVersion: "test", Verify: true}
}

// readFile reads a Parquet file with Arrow; the caller releases the table.
func readFile(t testing.TB, mem memory.Allocator, path string) arrow.Table {
	t.Helper()
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

// tree lists OUT as readers see it: links with their targets, and the files
// reached through the table links, skipping dot-names.
func tree(t testing.TB, out string) string {
	t.Helper()
	var lines []string
	var walk func(rel string)
	walk = func(rel string) {
		ents, err := os.ReadDir(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			r := filepath.ToSlash(filepath.Join(rel, e.Name()))
			p := filepath.Join(out, r)
			if e.Type()&os.ModeSymlink != 0 {
				target, _ := os.Readlink(p)
				lines = append(lines, r+" -> "+target)
			}
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if fi.IsDir() {
				walk(r)
			} else if e.Type()&os.ModeSymlink == 0 {
				lines = append(lines, r)
			}
		}
	}
	walk("")
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

func column[T any](t testing.TB, tbl arrow.Table, name string, get func(arr arrow.Array, i int) T) []T {
	t.Helper()
	idx := tbl.Schema().FieldIndices(name)
	if len(idx) != 1 {
		t.Fatalf("no column %q", name)
	}
	var out []T
	for _, c := range tbl.Column(idx[0]).Data().Chunks() {
		for i := 0; i < c.Len(); i++ {
			out = append(out, get(c, i))
		}
	}
	return out
}

func str(arr arrow.Array, i int) string {
	if arr.IsNull(i) {
		return "<null>"
	}
	return arr.ValueStr(i)
}
