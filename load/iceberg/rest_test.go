package iceberg_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/apache/iceberg-go/table"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/nianbao/nianbao/internal/weedtest"
	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/load/iceberg"
	"github.com/nianbao/nianbao/schemas"
)

// weed serves the REST catalog of these tests: SeaweedFS's Iceberg REST
// catalog over the S3 Tables bucket tableBucket (nil without NIANBAO_WEED).
var weed *weedtest.Server

const tableBucket = "tables"

// wrongSecret is a client secret the server does not know.
const wrongSecret = "Zq9-not-the-secret"

func TestMain(m *testing.M) {
	s, err := weedtest.Start(tableBucket)
	switch {
	case errors.Is(err, weedtest.ErrNoWeed):
		fmt.Fprintln(os.Stderr, "load/iceberg:", err)
	case err != nil:
		fmt.Fprintln(os.Stderr, "load/iceberg: SeaweedFS:", err)
		os.Exit(1)
	default:
		weed = s
		s.Setenv()
	}
	code := m.Run()
	weed.Stop()
	os.Exit(code)
}

var nsN atomic.Int32

// restOpt is the REST catalog with SigV4 (signing name s3tables, the
// server's keys from the environment), in a namespace of its own.
func restOpt(t *testing.T) iceberg.Options {
	t.Helper()
	if weed == nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(weedtest.ErrNoWeed)
		}
		t.Skip(weedtest.ErrNoWeed)
	}
	return iceberg.Options{Catalog: "rest:" + weed.Iceberg, Namespace: fmt.Sprintf("ns%d", nsN.Add(1)),
		Props: iceberg.S3Props(os.Getenv),
		REST:  iceberg.REST{Warehouse: tableBucket, SigV4: true, SigningName: "s3tables"}}
}

// sqlOpt is a SQL catalog in a new folder.
func sqlOpt(t *testing.T) iceberg.Options {
	dir := t.TempDir()
	return iceberg.Options{Catalog: "sqlite:" + filepath.Join(dir, "catalog.db"), Warehouse: "file://" + filepath.ToSlash(filepath.Join(dir, "lake"))}
}

// files writes ps as run id into a new dataset folder and returns its
// files by table.
func files(t *testing.T, id string, ps ...*schemas.Parsed) map[string][]iceberg.File {
	t.Helper()
	out := t.TempDir()
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
	fs := map[string][]iceberg.File{}
	for name, tm := range m.Tables {
		for _, f := range tm.Files {
			fs[name] = append(fs[name], iceberg.File{Local: filepath.Join(out, m.RunDir, f.Path), Rel: f.Path[len(name)+1:], Rows: f.Rows})
		}
	}
	return fs
}

// runIDs are the run ids of a table's snapshots, oldest first, and of its
// current snapshot.
func runIDs(t *testing.T, opt iceberg.Options, name string) (all []string, current string) {
	t.Helper()
	tbl, err := iceberg.LoadTable(context.Background(), opt, name)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range tbl.Metadata().Snapshots() {
		all = append(all, s.Summary.Properties[iceberg.RunIDKey])
	}
	if s := tbl.CurrentSnapshot(); s != nil {
		current = s.Summary.Properties[iceberg.RunIDKey]
	}
	return all, current
}

// currents is the current snapshot's run id of each table, in order.
func currents(t *testing.T, opt iceberg.Options) []string {
	t.Helper()
	var ids []string
	for _, name := range schemas.TableNames {
		_, cur := runIDs(t, opt, name)
		ids = append(ids, cur)
	}
	return ids
}

func publish(t *testing.T, opt iceberg.Options, id string, fs map[string][]iceberg.File) iceberg.Result {
	t.Helper()
	res, err := iceberg.Publish(context.Background(), opt, id, fs)
	if err != nil {
		t.Fatalf("publish %s: %v", id, err)
	}
	return res
}

// TestRESTCatalog: the five tables through SeaweedFS's REST catalog
// (SigV4): placed by the catalog in its table bucket, committed together
// in one multi-table commit; an unchanged run commits nothing; a run with
// one more report adds one snapshot per table; the older snapshot still
// reads the first run's rows.
func TestRESTCatalog(t *testing.T) {
	opt := restOpt(t)
	a, b := parsed("aa", ptr(int32(2020))), parsed("bb", nil)
	res := publish(t, opt, "r1", files(t, "r1", a, b))
	if len(res.Committed) != 5 || res.Added != 10 || !res.Atomic {
		t.Fatalf("first run: %+v, want 5 tables, 10 files, one multi-table commit", res)
	}
	tbl, err := iceberg.LoadTable(context.Background(), opt, schemas.TableReports)
	if err != nil {
		t.Fatal(err)
	}
	if want := "s3://" + tableBucket + "/" + opt.Namespace + "/reports"; tbl.Location() != want {
		t.Errorf("location %s, want %s", tbl.Location(), want)
	}
	if got := tbl.Spec().String(); got != "[\n\t1000: report_year: identity(2)\n]" {
		t.Errorf("spec %q", got)
	}
	if res := publish(t, opt, "r2", files(t, "r2", a, b)); len(res.Committed) != 0 {
		t.Fatalf("unchanged rows committed %v", res.Committed)
	}
	res = publish(t, opt, "r3", files(t, "r3", a, b, parsed("cc", ptr(int32(2021)))))
	if len(res.Committed) != 5 || res.Added != 5 || res.Removed != 0 {
		t.Fatalf("third run: %+v, want 5 files added", res)
	}
	for _, name := range schemas.TableNames {
		if all, cur := runIDs(t, opt, name); !slices.Equal(all, []string{"r1", "r3"}) || cur != "r3" {
			t.Errorf("%s: snapshots of runs %v (current %s), want r1, r3", name, all, cur)
		}
	}
	tbl, err = iceberg.LoadTable(context.Background(), opt, schemas.TableReports)
	if err != nil {
		t.Fatal(err)
	}
	if old, cur := rowsAt(t, tbl, 0), rowsAt(t, tbl, 1); old != 2 || cur != 3 {
		t.Errorf("rows: older snapshot %d, current %d; want 2, 3", old, cur)
	}
}

// TestRESTExpiry: with KeepRuns 1 the multi-table commit is followed by
// an expiry of each table, which deletes the files only the expired
// snapshot referenced from the table bucket.
func TestRESTExpiry(t *testing.T) {
	opt := restOpt(t)
	opt.KeepRuns = 1
	a, b := parsed("aa", ptr(int32(2020))), parsed("bb", ptr(int32(2019)))
	publish(t, opt, "r1", files(t, "r1", a, b))
	a2 := parsed("aa", ptr(int32(2020)))
	a2.Report.Status = "warning"
	res := publish(t, opt, "r2", files(t, "r2", a2, b))
	if res.Added != 1 || res.Removed != 1 || len(res.Committed) != 1 {
		t.Fatalf("%+v, want reports only: one file replaced", res)
	}
	if all, _ := runIDs(t, opt, schemas.TableReports); !slices.Equal(all, []string{"r2"}) {
		t.Errorf("reports keeps snapshots of runs %v, want r2", all)
	}
	prefix := opt.Namespace + "/reports/data/"
	var keys []string
	pg := s3.NewListObjectsV2Paginator(weed.Client(), &s3.ListObjectsV2Input{Bucket: ptr(tableBucket), Prefix: &prefix})
	for pg.HasMorePages() {
		page, err := pg.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			keys = append(keys, *o.Key)
		}
	}
	if len(keys) != 2 {
		t.Errorf("data files in the bucket %v, want 2 (the 2019 one and the new 2020 one)", keys)
	}
}

// TestRESTAuth: the spec's three ways in, against the server: OAuth2
// client credentials (the S3 keys) exchanged for a token, a bearer token
// given as it is, and SigV4. A wrong secret is refused. Neither the token
// nor the client secret is written into the tables' metadata.
func TestRESTAuth(t *testing.T) {
	base := restOpt(t)
	token := oauthToken(t)
	for _, tc := range []struct {
		name string
		rest iceberg.REST
		ok   bool
	}{
		{"credential", iceberg.REST{Credential: weedtest.AccessKey + ":" + weedtest.SecretKey}, true},
		{"credential-oauth2-uri", iceberg.REST{Credential: weedtest.AccessKey + ":" + weedtest.SecretKey, OAuth2URI: weed.Iceberg + "/v1/oauth/tokens"}, true},
		{"token", iceberg.REST{Token: token}, true},
		{"sigv4", iceberg.REST{SigV4: true, SigningName: "s3tables", SigningRegion: "us-east-1"}, true},
		{"wrong-secret", iceberg.REST{Credential: weedtest.AccessKey + ":" + wrongSecret}, false},
		{"wrong-token", iceberg.REST{Token: token + "x"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := base
			opt.Namespace += "_" + strings.ReplaceAll(tc.name, "-", "_")
			opt.REST = tc.rest
			opt.REST.Warehouse = tableBucket
			_, err := iceberg.Publish(context.Background(), opt, "r1", files(t, "r1", parsed("aa", ptr(int32(2020)))))
			if !tc.ok {
				if err == nil {
					t.Fatal("accepted")
				}
				if s := err.Error(); strings.Contains(s, wrongSecret) || strings.Contains(s, token) {
					t.Errorf("the error shows the secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tbl, err := iceberg.LoadTable(context.Background(), opt, schemas.TableReports)
			if err != nil {
				t.Fatal(err)
			}
			meta := object(t, strings.TrimPrefix(tbl.MetadataLocation(), "s3://"+tableBucket+"/"))
			for _, secret := range []string{weedtest.SecretKey, token} {
				if strings.Contains(meta, secret) {
					t.Errorf("the table metadata holds a secret")
				}
			}
		})
	}
}

// oauthToken asks the server's token endpoint for a token, as a
// deployment would hand one out.
func oauthToken(t *testing.T) string {
	t.Helper()
	resp, err := http.PostForm(weed.Iceberg+"/v1/oauth/tokens", url.Values{"grant_type": {"client_credentials"},
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

// rowsAt reads the i-th snapshot (oldest first) of a table.
func rowsAt(t *testing.T, tbl *table.Table, i int) int64 {
	t.Helper()
	at, err := tbl.Scan(table.WithSnapshotID(tbl.Metadata().Snapshots()[i].SnapshotID)).ToArrowTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer at.Release()
	return at.NumRows()
}

func object(t *testing.T, key string) string {
	t.Helper()
	out, err := weed.Client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: ptr(tableBucket), Key: &key})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
