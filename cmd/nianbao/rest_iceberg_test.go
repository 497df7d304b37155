package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/iceberg-go/table"

	"github.com/nianbao/nianbao/internal/dirtest"
	"github.com/nianbao/nianbao/internal/weedtest"
	"github.com/nianbao/nianbao/load/iceberg"
)

// TestRESTCatalogRun: nianbao run --catalog rest:URL against SeaweedFS's
// Iceberg REST catalog, the dataset in a bucket, the tables in the
// catalog's table bucket. The first run authenticates with OAuth2 client
// credentials from NIANBAO_CATALOG_CREDENTIAL, the second with a bearer
// token from NIANBAO_CATALOG_TOKEN, the third with SigV4 flags. Five
// tables with the dataset's rows; one more report adds one snapshot; an
// unchanged run commits nothing. The token and the client secret are in
// no log, run record, manifest or table file.
func TestRESTCatalogRun(t *testing.T) {
	w := needWeed(t)
	bucket := newBucket(t, w)
	in := t.TempDir()
	dirtest.Copy(t, "../../testdata/samples", in)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	out := "s3://" + bucket + "/wh"
	ns := "cli_" + strings.ReplaceAll(bucket, "-", "_")
	token := restToken(t, w)
	var logs strings.Builder
	run := func(n int, more ...string) *manifest {
		t.Helper()
		time.Sleep(2 * time.Millisecond) // a new run id (microseconds)
		args := append([]string{"run", "--input", in, "--output", out, "--table-format", "iceberg",
			"--catalog", "rest:" + w.Iceberg, "--catalog-warehouse", tableBucket, "--namespace", ns, "--log-format", "json"}, more...)
		_, stderr, code := runCLI(t, "", args...)
		logs.WriteString(stderr)
		if code != 0 {
			t.Fatalf("run %d: exit %d\n%s", n, code, stderr)
		}
		return published(t, w, bucket, "wh")
	}
	opt := iceberg.Options{Catalog: "rest:" + w.Iceberg, Namespace: ns, Props: iceberg.S3Props(os.Getenv),
		REST: iceberg.REST{Warehouse: tableBucket, SigV4: true, SigningName: "s3tables"}}
	ctx := context.Background()
	load := func(name string) *table.Table {
		t.Helper()
		tbl, err := iceberg.LoadTable(ctx, opt, name)
		if err != nil {
			t.Fatal(err)
		}
		return tbl
	}
	rows := func(tbl *table.Table, snap int64) int64 {
		t.Helper()
		at, err := tbl.Scan(table.WithSnapshotID(snap)).ToArrowTable(ctx)
		if err != nil {
			t.Fatalf("read snapshot %d: %v", snap, err)
		}
		defer at.Release()
		return at.NumRows()
	}

	t.Setenv("NIANBAO_CATALOG_CREDENTIAL", weedtest.AccessKey+":"+weedtest.SecretKey)
	m1 := run(1)
	for _, name := range []string{"reports", "disclosures", "applications", "appeals", "quality"} {
		tbl := load(name)
		if !strings.HasPrefix(tbl.Location(), "s3://"+tableBucket+"/") {
			t.Errorf("%s at %s, want in the table bucket", name, tbl.Location())
		}
		if got := rows(tbl, tbl.CurrentSnapshot().SnapshotID); got != m1.Tables[name].Rows {
			t.Errorf("%s: %d rows, the dataset has %d", name, got, m1.Tables[name].Rows)
		}
	}

	os.Unsetenv("NIANBAO_CATALOG_CREDENTIAL")
	t.Setenv("NIANBAO_CATALOG_TOKEN", token)
	b, err := os.ReadFile("../../testdata/samples/" + firstSample(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "copy-"+firstSample(t)), append(b, "\n附：补充说明。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	m2 := run(2)
	rep := load("reports")
	snaps := rep.Metadata().Snapshots()
	if len(snaps) != 2 {
		t.Fatalf("reports has %d snapshots after two runs, want 2", len(snaps))
	}
	if got := snaps[1].Summary.Properties[iceberg.RunIDKey]; got != m2.RunID {
		t.Errorf("the new snapshot is of run %q, want %q", got, m2.RunID)
	}
	if old, cur := rows(rep, snaps[0].SnapshotID), rows(rep, snaps[1].SnapshotID); old != m1.Tables["reports"].Rows || cur != m2.Tables["reports"].Rows {
		t.Errorf("reports: %d rows then %d, want %d then %d", old, cur, m1.Tables["reports"].Rows, m2.Tables["reports"].Rows)
	}

	metas := map[string]string{}
	for _, name := range []string{"reports", "disclosures", "applications", "appeals", "quality"} {
		metas[name] = load(name).MetadataLocation()
	}
	os.Unsetenv("NIANBAO_CATALOG_TOKEN")
	run(3, "--catalog-sigv4", "--catalog-signing-name", "s3tables")
	for name, loc := range metas {
		if now := load(name).MetadataLocation(); now != loc {
			t.Errorf("%s: an unchanged run committed (metadata %s, then %s)", name, loc, now)
		}
	}

	secrets := map[string]string{"token": token, "client secret": weedtest.SecretKey}
	for what, s := range secrets {
		if strings.Contains(logs.String(), s) {
			t.Errorf("the logs hold the %s", what)
		}
	}
	for _, where := range []struct{ bucket, prefix string }{{bucket, "wh/"}, {tableBucket, ns + "/"}} {
		keys := listKeys(t, w, where.bucket, where.prefix)
		if len(keys) == 0 {
			t.Fatalf("nothing under %s/%s: the check below proves nothing", where.bucket, where.prefix)
		}
		for key := range keys {
			if strings.HasSuffix(key, ".parquet") {
				continue
			}
			data, err := getObject(t, w, where.bucket, key)
			if err != nil {
				t.Fatal(err)
			}
			for what, s := range secrets {
				if strings.Contains(string(data), s) {
					t.Errorf("%s/%s holds the %s", where.bucket, key, what)
				}
			}
		}
	}
}

// restToken asks the catalog's token endpoint for a bearer token.
func restToken(t *testing.T, w *weedtest.Server) string {
	t.Helper()
	resp, err := http.PostForm(w.Iceberg+"/v1/oauth/tokens", url.Values{"grant_type": {"client_credentials"},
		"client_id": {weedtest.AccessKey}, "client_secret": {weedtest.SecretKey}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token: %s %v", resp.Status, err)
	}
	return tok.AccessToken
}
