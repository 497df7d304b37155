package pipeline_test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/load/iceberg"
	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/schemas"
)

func TestTableFormatUsage(t *testing.T) {
	in := filepath.Join("..", "testdata", "samples")
	for _, c := range []pipeline.Config{
		{Input: in, Output: t.TempDir(), TableFormat: "delta"},
		{Input: in, Output: t.TempDir(), TableFormat: "iceberg", Catalog: "rest:http://x"},
		{Input: in, Output: t.TempDir(), TableFormat: "iceberg", Catalog: "sqlite:"},
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
