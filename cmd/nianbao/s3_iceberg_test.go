package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/iceberg-go/table"

	"github.com/nianbao/nianbao/internal/dirtest"
	"github.com/nianbao/nianbao/load/iceberg"
)

// TestS3IcebergWarehouse: with an s3:// output the Iceberg tables live in
// the bucket (OUT/iceberg/<namespace>/<table>). A rerun with one more
// report adds a snapshot; the older snapshot still reads the first run's
// rows, also after a third run deleted the first run's folder; an
// unchanged fourth run commits nothing; --keep-runs expires snapshots and
// their files in the bucket. The keys are in no log, catalog or metadata.
func TestS3IcebergWarehouse(t *testing.T) {
	w := needWeed(t)
	bucket := newBucket(t, w)
	in := t.TempDir()
	dirtest.Copy(t, "../../testdata/samples", in)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	url := "s3://" + bucket + "/wh"
	cat := "sqlite:" + filepath.Join(t.TempDir(), "catalog.db")
	run := func(n int, more ...string) *manifest {
		t.Helper()
		time.Sleep(2 * time.Millisecond) // a new run id (microseconds)
		args := append([]string{"run", "--input", in, "--output", url, "--table-format", "iceberg", "--catalog", cat, "--log-format", "json"}, more...)
		_, stderr, code := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("run %d: exit %d\n%s", n, code, stderr)
		}
		if key := os.Getenv("AWS_SECRET_ACCESS_KEY"); key != "" && strings.Contains(stderr, key) {
			t.Errorf("run %d logs the secret key", n)
		}
		return published(t, w, bucket, "wh")
	}
	addReport := func(name string) {
		t.Helper()
		b, err := os.ReadFile("../../testdata/samples/" + firstSample(t))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, name+firstSample(t)), append(b, "\n附：补充说明。\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opt := iceberg.Options{Catalog: cat, Warehouse: url, Props: iceberg.S3Props(os.Getenv)}
	ctx := context.Background()
	rows := func(tbl *table.Table, snap int64) int64 {
		t.Helper()
		at, err := tbl.Scan(table.WithSnapshotID(snap)).ToArrowTable(ctx)
		if err != nil {
			t.Fatalf("read snapshot %d: %v", snap, err)
		}
		defer at.Release()
		return at.NumRows()
	}

	m1 := run(1)
	addReport("copy-")
	m2 := run(2)
	if m2.Tables["reports"].Rows != m1.Tables["reports"].Rows+1 {
		t.Fatalf("second run has %d reports, first %d", m2.Tables["reports"].Rows, m1.Tables["reports"].Rows)
	}
	tbl, err := iceberg.LoadTable(ctx, opt, "reports")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tbl.Location(), url+"/iceberg/nianbao/reports") {
		t.Errorf("table location %s, want under %s/iceberg", tbl.Location(), url)
	}
	snaps := tbl.Metadata().Snapshots()
	if len(snaps) != 2 {
		t.Fatalf("reports has %d snapshots, want 2", len(snaps))
	}
	if got := rows(tbl, snaps[0].SnapshotID); got != m1.Tables["reports"].Rows {
		t.Errorf("older snapshot: %d rows, want %d", got, m1.Tables["reports"].Rows)
	}
	if got := rows(tbl, tbl.CurrentSnapshot().SnapshotID); got != m2.Tables["reports"].Rows {
		t.Errorf("current snapshot: %d rows, want %d", got, m2.Tables["reports"].Rows)
	}
	if key := os.Getenv("AWS_SECRET_ACCESS_KEY"); key != "" {
		b, err := os.ReadFile(strings.TrimPrefix(cat, "sqlite:"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), key) {
			t.Error("the catalog file holds the secret key")
		}
		meta, err := getObject(t, w, bucket, strings.TrimPrefix(tbl.MetadataLocation(), "s3://"+bucket+"/"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(meta), key) {
			t.Error("the table metadata holds the secret key")
		}
	}
	if keys := listKeys(t, w, bucket, "wh/iceberg/nianbao/reports/data/"); len(keys) == 0 {
		t.Error("no data files under wh/iceberg/nianbao/reports/data/")
	}

	// A third run deletes the first run's folder; its snapshot still reads.
	addReport("copy2-")
	run(3)
	if keys := listKeys(t, w, bucket, "wh/"+m1.RunDir+"/"); len(keys) != 0 {
		t.Fatalf("the first run's folder is still there (%d objects): the check below proves nothing", len(keys))
	}
	if tbl, err = iceberg.LoadTable(ctx, opt, "reports"); err != nil {
		t.Fatal(err)
	}
	if n := len(tbl.Metadata().Snapshots()); n != 3 {
		t.Fatalf("reports has %d snapshots after three runs, want 3", n)
	}
	if got := rows(tbl, snaps[0].SnapshotID); got != m1.Tables["reports"].Rows {
		t.Errorf("first snapshot after the third run: %d rows, want %d", got, m1.Tables["reports"].Rows)
	}

	// Nothing new: the tables are compared with the bucket's manifest and
	// get no snapshot.
	run(4)
	if tbl, err = iceberg.LoadTable(ctx, opt, "reports"); err != nil {
		t.Fatal(err)
	}
	if n := len(tbl.Metadata().Snapshots()); n != 3 {
		t.Errorf("reports has %d snapshots after an unchanged run, want 3", n)
	}

	// Expiry in the bucket: with --keep-runs 2 the first two snapshots
	// go, and with them the files only they referenced; the current
	// snapshot's files stay.
	addReport("copy3-")
	m5 := run(5, "--keep-runs", "2")
	if tbl, err = iceberg.LoadTable(ctx, opt, "reports"); err != nil {
		t.Fatal(err)
	}
	if n := len(tbl.Metadata().Snapshots()); n != 2 {
		t.Errorf("reports has %d snapshots with --keep-runs 2, want 2", n)
	}
	data := listKeys(t, w, bucket, "wh/iceberg/nianbao/reports/data/")
	cur := map[string]bool{}
	for _, f := range m5.Tables["reports"].Files {
		cur[f.Path] = true
		if _, ok := data["wh/iceberg/nianbao/"+dataKey(f.Path)]; !ok && f.Rows > 0 {
			t.Errorf("current file %s is not in the bucket", f.Path)
		}
	}
	gone := 0
	for _, f := range m1.Tables["reports"].Files {
		if _, ok := data["wh/iceberg/nianbao/"+dataKey(f.Path)]; !ok && !cur[f.Path] && f.Rows > 0 {
			gone++
		} else if ok && !cur[f.Path] {
			t.Errorf("%s, referenced only by expired snapshots, is still in the bucket", f.Path)
		}
	}
	if gone == 0 {
		t.Error("no file of the first run was expired: the check proves nothing")
	}
	if got := rows(tbl, tbl.CurrentSnapshot().SnapshotID); got != m5.Tables["reports"].Rows {
		t.Errorf("current snapshot after expiry: %d rows, want %d", got, m5.Tables["reports"].Rows)
	}
}

// dataKey is where a manifest's reports/… file lives in the table:
// reports/data/….
func dataKey(p string) string {
	name, rest, _ := strings.Cut(p, "/")
	return name + "/data/" + rest
}
