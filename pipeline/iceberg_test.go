package pipeline_test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/fault"
	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/load/iceberg"
	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/schemas"
)

func TestTableFormatUsage(t *testing.T) {
	in := filepath.Join("..", "testdata", "samples")
	for _, c := range []pipeline.Config{
		{Input: in, Output: t.TempDir(), TableFormat: "delta"},
		{Input: in, Output: t.TempDir(), TableFormat: "iceberg", Catalog: "rest:ftp://x"},
		{Input: in, Output: t.TempDir(), TableFormat: "iceberg", Catalog: "rest:"},
		{Input: in, Output: t.TempDir(), TableFormat: "iceberg", Catalog: "sqlite:"},
		{Input: in, Output: t.TempDir(), TableFormat: "iceberg", Catalog: "hive:x"},
		// REST settings need a REST catalog, and a credential excludes a token
		{Input: in, Output: t.TempDir(), TableFormat: "iceberg", REST: iceberg.REST{Token: "t"}},
		{Input: in, Output: t.TempDir(), TableFormat: "iceberg", Catalog: "rest:http://x", REST: iceberg.REST{Token: "t", Credential: "a:b"}},
		{Input: in, Output: t.TempDir(), TableFormat: "iceberg", Catalog: "rest:http://x", REST: iceberg.REST{OAuth2URI: "tokens"}},
		// the default catalog is a file in the output folder: none in a bucket
		{Input: in, Output: "s3://lake/wh", TableFormat: "iceberg"},
	} {
		if err := c.Validate(); !errors.Is(err, pipeline.ErrUsage) {
			t.Errorf("%+v: %v, want ErrUsage", c, err)
		}
	}
}

// TestIcebergCatchesUp: a dataset published without Iceberg gets its
// tables on the next run even when no input changed (as tables a failed
// commit left behind do), and a further unchanged run commits nothing.
func TestIcebergCatchesUp(t *testing.T) {
	in := filepath.Join("..", "testdata", "samples")
	dir := t.TempDir()
	out, cat := filepath.Join(dir, "out"), filepath.Join(dir, "catalog.db")
	var runs time.Duration
	now := func() time.Time { runs += time.Hour; return fixedNow().Add(runs) } // one run id each
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Input: in, Output: out, Now: now, TableFormat: "iceberg", Catalog: "sqlite:" + cat}
	var ids []int64
	for i := range 2 {
		sum, err := pipeline.Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Manifest != nil {
			t.Fatalf("run %d published a new dataset; the inputs did not change", i)
		}
		tbl, err := iceberg.LoadTable(context.Background(), iceberg.Options{Catalog: cfg.Catalog,
			Warehouse: (&url.URL{Scheme: "file", Path: out}).String()}, schemas.TableReports)
		if err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
		n, err := tbl.Scan().ToArrowTable(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n.NumRows() != int64(sum.Files) {
			t.Errorf("run %d: %d reports in the Iceberg table, want %d", i, n.NumRows(), sum.Files)
		}
		n.Release()
		ids = append(ids, tbl.CurrentSnapshot().SnapshotID)
		if len(tbl.Metadata().Snapshots()) != 1 {
			t.Errorf("run %d: %d snapshots, want 1", i, len(tbl.Metadata().Snapshots()))
		}
	}
	if ids[0] != ids[1] {
		t.Error("an unchanged run committed a snapshot")
	}
}

// TestIcebergFolderNotOurs: an OUT/iceberg that nianbao did not make is
// refused before anything is written, as the dataset's own names are.
func TestIcebergFolderNotOurs(t *testing.T) {
	in := filepath.Join("..", "testdata", "samples")
	out := t.TempDir()
	theirs := filepath.Join(out, iceberg.Dir, "notes.txt")
	if err := os.MkdirAll(filepath.Dir(theirs), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(theirs, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Now: fixedNow,
		TableFormat: "iceberg", Catalog: "sqlite:" + filepath.Join(t.TempDir(), "c.db")})
	if !errors.Is(err, pipeline.ErrUsage) {
		t.Fatalf("err = %v, want ErrUsage", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(theirs)); len(ents) != 1 {
		t.Errorf("%d entries in their folder, want their one file", len(ents))
	}
}

// TestIcebergFailureRecovered: a run publishes the dataset, then its
// commit of the third table (applications) fails: the run fails, and the
// five tables, committed together, are all at the previous run. The next
// run over the same inputs publishes nothing new and commits the tables
// left behind, so that they end at the failed run's id (the id of the
// published dataset).
func TestIcebergFailureRecovered(t *testing.T) {
	in := t.TempDir()
	samples := filepath.Join("..", "testdata", "samples")
	ents, err := os.ReadDir(samples)
	if err != nil {
		t.Fatal(err)
	}
	var first string
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(samples, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if first == "" && strings.HasSuffix(e.Name(), ".txt") {
			first = e.Name()
		}
	}
	dir := t.TempDir()
	out, cat := filepath.Join(dir, "out"), "sqlite:"+filepath.Join(dir, "catalog.db")
	var runs time.Duration
	now := func() time.Time { runs += time.Hour; return fixedNow().Add(runs) } // one run id each
	cfg := pipeline.Config{Input: in, Output: out, Now: now, TableFormat: "iceberg", Catalog: cat}
	opt := iceberg.Options{Catalog: cat, Warehouse: (&url.URL{Scheme: "file", Path: out}).String()}
	currents := func() []string {
		t.Helper()
		var ids []string
		for _, name := range schemas.TableNames {
			tbl, err := iceberg.LoadTable(context.Background(), opt, name)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, tbl.CurrentSnapshot().Summary.Properties[iceberg.RunIDKey])
		}
		return ids
	}
	s1, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}

	// One more report, a copy with a line added: rows in every table.
	b, err := os.ReadFile(filepath.Join(in, first))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "copy-"+first), append(b, "\n附：补充说明。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	injected := errors.New("injected commit failure")
	restore := fault.Set(func(op fault.Op, p string) error {
		if op == fault.Commit && p == "nianbao."+schemas.TableApplications {
			return injected
		}
		return nil
	})
	s2, err := pipeline.Run(context.Background(), cfg)
	restore()
	if !errors.Is(err, injected) {
		t.Fatalf("second run: %v, want the injected failure", err)
	}
	if s2 == nil || s2.Manifest == nil {
		t.Fatal("the second run did not publish its dataset before the Iceberg commit")
	}
	// The run id each table's current snapshot has once every table is
	// up to date: r2 where run 2 changed the table's files, else r1.
	r1, r2 := s1.RunID, s2.RunID
	var want []string
	for _, name := range schemas.TableNames {
		id := r1
		if !slices.Equal(paths(s1.Manifest.Tables[name].Files), paths(s2.Manifest.Tables[name].Files)) {
			id = r2
		}
		want = append(want, id)
	}
	if want[2] != r2 || want[3] != r2 {
		t.Fatalf("the new report changes neither applications nor appeals (%v): the test proves nothing", want)
	}
	if got := currents(); !slices.Equal(got, []string{r1, r1, r1, r1, r1}) {
		t.Fatalf("after the failure the tables are at runs %v, want %s each", got, r1)
	}

	s3, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if s3.Manifest != nil {
		t.Error("the third run published a new dataset; the inputs did not change")
	}
	if got := currents(); !slices.Equal(got, want) {
		t.Errorf("after the next run the tables are at runs %v, want %v (those of the published dataset)", got, want)
	}
}

func paths(fs []load.FileManifest) []string {
	var ps []string
	for _, f := range fs {
		ps = append(ps, f.Path)
	}
	return ps
}
