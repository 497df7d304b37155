package iceberg_test

import (
	"context"
	"errors"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/iceberg-go/table"
	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/load/iceberg"
	"github.com/nianbao/nianbao/schemas"
)

func ptr[T any](v T) *T { return &v }

// parsed is one report of year y (nil: unknown) with a row in every table.
func parsed(id string, y *int32) *schemas.Parsed {
	p := &schemas.Parsed{Report: schemas.Report{ReportID: id, ReportYear: y, SourcePath: id + ".txt",
		SourceFormat: "txt", Encoding: "utf-8", Template: "2019", Status: "ok", ParserVersion: schemas.ParserVersion,
		IngestedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
	p.Disclosures = []schemas.Disclosure{{Cell: "s2.x", Item: "x", Metric: "m", Label: "l", Raw: "1"}}
	p.Applications = []schemas.Application{{Cell: "s3.x", Outcome: "o", Applicant: "a", Label: "l", Raw: "1"}}
	p.Appeals = []schemas.Appeal{{Cell: "s4.x", Proceeding: "review", Outcome: "upheld", Raw: "1"}}
	p.Findings = []schemas.Finding{{Rule: "R", Severity: "info", Kind: "source", Cell: "c", Message: "m"}}
	p.SetKey()
	return p
}

// run writes ps with load as run id and publishes it to the Iceberg tables.
func run(t *testing.T, out, cat, id string, keep int, ps ...*schemas.Parsed) iceberg.Result {
	t.Helper()
	w, err := load.NewWriter(out, load.Options{RunID: id, PipelineVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if err := w.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	m, err := w.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]iceberg.File{}
	for name, tm := range m.Tables {
		for _, f := range tm.Files {
			files[name] = append(files[name], iceberg.File{Local: filepath.Join(out, m.RunDir, f.Path),
				Rel: f.Path[len(name)+1:], Rows: f.Rows})
		}
	}
	wh := (&url.URL{Scheme: "file", Path: filepath.ToSlash(out)}).String()
	res, err := iceberg.Publish(context.Background(), iceberg.Options{Catalog: "sqlite:" + cat, Warehouse: wh, KeepRuns: keep}, id, files)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func loadTable(t *testing.T, out, cat, name string) *table.Table {
	t.Helper()
	tbl, err := iceberg.LoadTable(context.Background(), iceberg.Options{Catalog: "sqlite:" + cat,
		Warehouse: (&url.URL{Scheme: "file", Path: out}).String()}, name)
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

func dataFiles(t *testing.T, tbl *table.Table) []string {
	t.Helper()
	tasks, err := tbl.Scan().PlanFiles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ps []string
	for _, task := range tasks {
		ps = append(ps, task.File.FilePath())
	}
	slices.Sort(ps)
	return ps
}

// TestRunsAndPartitions: one snapshot per table per run, tagged with the
// run id; a run with the same rows commits nothing; a new report of 2021
// adds a file to that partition only and keeps the 2020 and null ones.
func TestRunsAndPartitions(t *testing.T) {
	dir := t.TempDir()
	out, cat := filepath.Join(dir, "lake"), filepath.Join(dir, "catalog.db")
	a, b := parsed("aa", ptr(int32(2020))), parsed("bb", nil)

	res := run(t, out, cat, "r1", 10, a, b)
	if len(res.Committed) != 5 || res.Added != 10 {
		t.Fatalf("first run: %+v, want 5 tables, 10 files", res)
	}
	rep := loadTable(t, out, cat, schemas.TableReports)
	if got := rep.Spec().String(); got != "[\n\t1000: report_year: identity(2)\n]" {
		t.Errorf("spec %q", got)
	}
	if f, _ := rep.Schema().FindFieldByName("report_year"); f.ID != schemas.FieldIDs[schemas.TableReports]["report_year"] || f.Required {
		t.Errorf("report_year field %+v", f)
	}
	first := dataFiles(t, rep)
	if len(first) != 2 {
		t.Fatalf("files %v", first)
	}
	// The partition value comes from each file's report_year column: 2020,
	// and null for the unknown year.
	tasks, err := rep.Scan().PlanFiles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		v, ok := task.File.Partition()[1000]
		null := strings.Contains(task.File.FilePath(), load.DefaultPartition)
		if !ok || (null && v != nil) || (!null && v != int32(2020)) {
			t.Errorf("%s: partition value %v (%T)", task.File.FilePath(), v, v)
		}
	}

	if res := run(t, out, cat, "r2", 10, a, b); len(res.Committed) != 0 {
		t.Fatalf("unchanged rows committed %v", res.Committed)
	}

	res = run(t, out, cat, "r3", 10, a, b, parsed("cc", ptr(int32(2021))))
	if len(res.Committed) != 5 || res.Added != 5 || res.Removed != 0 {
		t.Fatalf("third run: %+v, want 5 files added, none removed", res)
	}
	rep = loadTable(t, out, cat, schemas.TableReports)
	now := dataFiles(t, rep)
	for _, f := range first {
		if !slices.Contains(now, f) {
			t.Errorf("unchanged partition's file %s was replaced", f)
		}
	}
	snaps := rep.Metadata().Snapshots()
	if len(snaps) != 2 {
		t.Fatalf("%d snapshots, want 2", len(snaps))
	}
	if got := snaps[1].Summary.Properties[iceberg.RunIDKey]; got != "r3" {
		t.Errorf("run id %q, want r3", got)
	}
	old, err := rep.Scan(table.WithSnapshotID(snaps[0].SnapshotID)).ToArrowTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer old.Release()
	cur, err := rep.Scan().ToArrowTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Release()
	if old.NumRows() != 2 || cur.NumRows() != 3 {
		t.Errorf("rows: old snapshot %d, current %d; want 2, 3", old.NumRows(), cur.NumRows())
	}
}

// TestChangedPartitionAndExpiry: a changed report replaces its partition's
// file only; with KeepRuns 1 the older snapshot is expired and its file,
// which no kept snapshot references, deleted.
func TestChangedPartitionAndExpiry(t *testing.T) {
	dir := t.TempDir()
	out, cat := filepath.Join(dir, "lake"), filepath.Join(dir, "catalog.db")
	a, b := parsed("aa", ptr(int32(2020))), parsed("bb", ptr(int32(2019)))
	run(t, out, cat, "r1", 1, a, b)
	before := dataFiles(t, loadTable(t, out, cat, schemas.TableReports))

	a2 := parsed("aa", ptr(int32(2020)))
	a2.Report.Status = "warning"
	res := run(t, out, cat, "r2", 1, a2, b)
	if res.Added != 1 || res.Removed != 1 || len(res.Committed) != 1 {
		t.Fatalf("%+v, want reports only: one file replaced", res)
	}
	rep := loadTable(t, out, cat, schemas.TableReports)
	after := dataFiles(t, rep)
	if len(rep.Metadata().Snapshots()) != 1 {
		t.Errorf("%d snapshots kept, want 1", len(rep.Metadata().Snapshots()))
	}
	var gone int
	for _, f := range before {
		u, _ := url.Parse(f)
		_, err := os.Stat(u.Path)
		if slices.Contains(after, f) {
			if err != nil {
				t.Errorf("kept file %s: %v", f, err)
			}
		} else if os.IsNotExist(err) {
			gone++
		}
	}
	if gone != 1 {
		t.Errorf("%d expired files deleted, want 1", gone)
	}
}

func TestCatalogRefused(t *testing.T) {
	_, err := iceberg.Publish(context.Background(), iceberg.Options{Catalog: "mysql:x"}, "r", nil)
	if err == nil {
		t.Fatal("mysql: catalog accepted")
	}
}

// TestConcurrentWriters: two runs publish to the same catalog at once;
// each table ends with both runs' snapshots (the loser of a commit race
// redid its change on the winner's), none lost.
func TestConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	cat := filepath.Join(dir, "catalog.db")
	// Create the tables first, so both writers race on commits only.
	prep := filepath.Join(dir, "prep")
	run(t, prep, cat, "r0", 0, parsed("00", ptr(int32(2018))))
	files := func(out, id string, y int32) map[string][]iceberg.File {
		w, err := load.NewWriter(out, load.Options{RunID: id, PipelineVersion: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Add(parsed(id, ptr(y))); err != nil {
			t.Fatal(err)
		}
		m, err := w.Commit(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		fs := map[string][]iceberg.File{}
		for name, tm := range m.Tables {
			for _, f := range tm.Files {
				fs[name] = append(fs[name], iceberg.File{Local: filepath.Join(out, m.RunDir, f.Path), Rel: f.Path[len(name)+1:], Rows: f.Rows})
			}
		}
		return fs
	}
	a, b := files(filepath.Join(dir, "a"), "ra", 2020), files(filepath.Join(dir, "b"), "rb", 2021)
	// Point both at the prepared tables' warehouse.
	opt := iceberg.Options{Catalog: "sqlite:" + cat, Warehouse: (&url.URL{Scheme: "file", Path: prep}).String()}
	errs := make(chan error, 2)
	for id, fs := range map[string]map[string][]iceberg.File{"ra": a, "rb": b} {
		go func() {
			_, err := iceberg.Publish(context.Background(), opt, id, fs)
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	rep := loadTable(t, prep, cat, schemas.TableReports)
	var ids []string
	for _, s := range rep.Metadata().Snapshots() {
		ids = append(ids, s.Summary.Properties[iceberg.RunIDKey])
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"r0", "ra", "rb"}) {
		t.Errorf("snapshots of runs %v, want r0, ra, rb", ids)
	}
}

// TestPartitionGone: when a year's last report goes, its files leave the
// tables and nothing is added.
func TestPartitionGone(t *testing.T) {
	dir := t.TempDir()
	out, cat := filepath.Join(dir, "lake"), filepath.Join(dir, "catalog.db")
	a := parsed("aa", ptr(int32(2020)))
	run(t, out, cat, "r1", 5, a, parsed("bb", ptr(int32(2019))))
	res := run(t, out, cat, "r2", 5, a)
	if res.Added != 0 || res.Removed != 5 || len(res.Committed) != 5 {
		t.Fatalf("%+v, want one file removed from each table", res)
	}
	if fs := dataFiles(t, loadTable(t, out, cat, schemas.TableReports)); len(fs) != 1 || !strings.Contains(fs[0], "report_year=2020/") {
		t.Errorf("files %v, want the 2020 one", fs)
	}
}

// TestS3Props: the endpoint, region and keys of the AWS environment, the
// S3-specific endpoint first; the store's default region without one.
func TestS3Props(t *testing.T) {
	env := map[string]string{"AWS_ENDPOINT_URL": "http://all:1", "AWS_ENDPOINT_URL_S3": "http://s3:2",
		"AWS_DEFAULT_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "id", "AWS_SECRET_ACCESS_KEY": "secret"}
	got := iceberg.S3Props(func(k string) string { return env[k] })
	want := map[string]string{"s3.endpoint": "http://s3:2", "s3.region": "eu-west-1",
		"s3.access-key-id": "id", "s3.secret-access-key": "secret"}
	if !maps.Equal(got, want) {
		t.Errorf("S3Props = %v, want %v", got, want)
	}
	got = iceberg.S3Props(func(string) string { return "" })
	if !maps.Equal(got, map[string]string{"s3.region": "us-east-1"}) {
		t.Errorf("S3Props of an empty environment = %v", got)
	}
}

// TestVersionHint: after every run each table's metadata/version-hint.text
// names the current metadata file (without .metadata.json), as DuckDB's
// iceberg_scan of the table folder reads it; a run that commits nothing
// puts back a hint that is missing, and no temporary file is left.
func TestVersionHint(t *testing.T) {
	dir := t.TempDir()
	out, cat := filepath.Join(dir, "lake"), filepath.Join(dir, "catalog.db")
	hint := func(name string) (got, want string) {
		t.Helper()
		tbl := loadTable(t, out, cat, name)
		u, err := url.Parse(tbl.MetadataLocation())
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(filepath.Dir(u.Path), iceberg.VersionHint))
		if err != nil {
			t.Fatal(err)
		}
		return string(b), strings.TrimSuffix(filepath.Base(u.Path), ".metadata.json")
	}
	a := parsed("aa", ptr(int32(2020)))
	run(t, out, cat, "r1", 10, a)
	firsts := map[string]string{}
	for _, name := range schemas.TableNames {
		got, want := hint(name)
		if got != want {
			t.Errorf("%s: hint %q, want %q", name, got, want)
		}
		firsts[name] = got
	}
	run(t, out, cat, "r2", 10, a, parsed("bb", ptr(int32(2021))))
	for _, name := range schemas.TableNames {
		got, want := hint(name)
		if got != want || got == firsts[name] {
			t.Errorf("%s after a commit: hint %q, want %q (first run %q)", name, got, want, firsts[name])
		}
	}
	meta := filepath.Join(out, iceberg.Dir, "nianbao", schemas.TableReports, "metadata")
	if err := os.Remove(filepath.Join(meta, iceberg.VersionHint)); err != nil {
		t.Fatal(err)
	}
	if res := run(t, out, cat, "r3", 10, a, parsed("bb", ptr(int32(2021)))); len(res.Committed) != 0 {
		t.Fatalf("unchanged run committed %v", res.Committed)
	}
	if got, want := hint(schemas.TableReports); got != want {
		t.Errorf("after an unchanged run: hint %q, want %q", got, want)
	}
	ents, err := os.ReadDir(meta)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestParseCatalog: sqlite:PATH and rest:http(s)://HOST… are catalogs,
// nothing else is; a URL's password is hidden in every message.
func TestParseCatalog(t *testing.T) {
	for _, c := range []struct {
		in, kind string
	}{
		{"sqlite:/a/catalog.db", "sqlite"},
		{"rest:http://127.0.0.1:8181", "rest"},
		{"rest:https://catalog.example.com/api/catalog", "rest"},
		{"rest:ftp://host", ""},
		{"rest:127.0.0.1:8181", ""},
		{"rest:", ""},
		{"sqlite:", ""},
		{"hive:thrift://x", ""},
		{"catalog.db", ""},
	} {
		kind, _, err := iceberg.ParseCatalog(c.in)
		if kind != c.kind || (err == nil) != (c.kind != "") {
			t.Errorf("ParseCatalog(%q) = %q, %v; want %q", c.in, kind, err, c.kind)
		}
	}
	const secret = "Zq9-hunter2"
	in := "rest:https://user:" + secret + "@catalog.example.com/api"
	if got := iceberg.Redact(in); strings.Contains(got, secret) || !strings.Contains(got, "catalog.example.com") {
		t.Errorf("Redact(%q) = %q", in, got)
	}
	if _, _, err := iceberg.ParseCatalog("rest:ftp://user:" + secret + "@x"); err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("the error of a refused catalog shows its password: %v", err)
	}
	_, err := iceberg.Publish(context.Background(), iceberg.Options{Catalog: "sqlite:" + filepath.Join(t.TempDir(), "c.db"),
		REST: iceberg.REST{Token: secret}}, "r", nil)
	if !errors.Is(err, iceberg.ErrREST) || strings.Contains(err.Error(), secret) {
		t.Errorf("REST settings with a SQL catalog: %v, want ErrREST without the token", err)
	}
}
