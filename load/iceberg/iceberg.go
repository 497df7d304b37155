// Package iceberg publishes a run's Parquet files as Apache Iceberg (format
// v2) tables: reports, disclosures, applications, appeals and quality, in
// one namespace of an Iceberg catalog, each partitioned by
// identity(report_year). It is the only package that imports iceberg-go.
//
// The files are those load wrote; they are placed under each table's
// location (data/report_year=Y/<name>) and registered with the table's
// transaction, which reads each file's footer for its column statistics
// and partition value (one year per file; an unknown year is the null
// partition). A name carries the file's content digest, so a file already
// in the table is kept as it is: only the partitions whose files changed
// are replaced, in one snapshot per table whose summary carries
// nianbao.run-id. A table whose files did not change gets no snapshot.
//
// Tables are committed one by one in schemas.TableNames order. A failure
// part way leaves the tables before it at the new run and the others at
// the previous one; every run compares each table with the published
// dataset, so the next run brings the tables left behind up to date.
//
// A commit that loses a race with another writer is redone from the table
// as it now is, up to three times, then refused with an error: never lost.
//
// After each table's commit (and on a run that commits nothing) the
// table's metadata/version-hint.text names its current metadata file, so
// that DuckDB's iceberg_scan reads the table from its folder.
package iceberg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	iceberg "github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/catalog"
	sqlcat "github.com/apache/iceberg-go/catalog/sql"
	iceio "github.com/apache/iceberg-go/io"
	_ "github.com/apache/iceberg-go/io/gocloud/s3" // s3:// warehouses
	"github.com/apache/iceberg-go/table"
	"github.com/nianbao/nianbao/schemas"
	_ "modernc.org/sqlite" // pure-Go SQLite for the SQL catalog
)

// RunIDKey is the snapshot summary property naming the run.
const RunIDKey = "nianbao.run-id"

// Dir is the folder under the warehouse that holds the tables:
// Dir/<namespace>/<table>.
const Dir = "iceberg"

// ErrCatalog is returned for a --catalog value that is not sqlite:PATH.
var ErrCatalog = errors.New("iceberg: catalog must be sqlite:PATH")

// Options says where the tables live.
type Options struct {
	// Catalog is sqlite:PATH, an Iceberg SQL catalog in a SQLite file.
	Catalog string
	// Name and Namespace of the catalog and of the tables' namespace;
	// "nianbao" when empty.
	Name, Namespace string
	// Warehouse is the location (URL) under which tables are made:
	// file:///abs/dir or s3://bucket/prefix. Files are written through the
	// catalog's FileIO for that location.
	Warehouse string
	// Props are more catalog properties, such as the s3.* ones of an
	// s3:// warehouse. They are not stored in the catalog.
	Props map[string]string
	// KeepRuns is how many snapshots each table keeps; older ones are
	// expired and files only they referenced deleted. 0 keeps all.
	KeepRuns int
}

// File is one Parquet file of the run.
type File struct {
	// Local is the file's path on disk.
	Local string
	// Open, when set, reads the file instead of Local (a file in a
	// bucket); it is then copied, never linked.
	Open func() (io.ReadCloser, error)
	// Rel is its path within the table: report_year=2020/part-….parquet.
	Rel  string
	Rows int64
}

// Result counts what Publish did per table.
type Result struct {
	Committed []string // tables that got a snapshot
	Added     int      // files registered
	Removed   int      // files no longer in the current snapshot
}

// Publish makes the tables' current snapshots hold exactly files
// (table name → files), committing one snapshot per table that changed.
func Publish(ctx context.Context, opt Options, runID string, files map[string][]File) (Result, error) {
	var res Result
	cat, err := open(ctx, opt)
	if err != nil {
		return res, err
	}
	defer cat.close()
	ns := table.Identifier{opt.namespace()}
	if err := cat.c.CreateNamespace(ctx, ns, nil); err != nil && !errors.Is(err, catalog.ErrNamespaceAlreadyExists) {
		return res, fmt.Errorf("iceberg: namespace %s: %w", opt.namespace(), err)
	}
	for _, name := range schemas.TableNames {
		td, _ := schemas.Lookup(name)
		ident := table.Identifier{opt.namespace(), name}
		tbl, err := cat.table(ctx, ident, td.Schema, strings.TrimSuffix(opt.Warehouse, "/")+"/"+Dir+"/"+opt.namespace()+"/"+name)
		if err != nil {
			return res, err
		}
		var done bool
		for attempt := 0; ; attempt++ {
			var now *table.Table
			now, done, err = sync(ctx, tbl, opt, runID, files[name], &res)
			if err == nil {
				tbl = now
			}
			if err == nil || attempt == 2 || !conflict(err) || ctx.Err() != nil {
				break
			}
			// Another writer committed first: redo from the table as it is.
			if tbl, err = cat.c.LoadTable(ctx, ident); err != nil {
				break
			}
		}
		if err == nil {
			err = versionHint(ctx, tbl)
		}
		if err != nil {
			return res, fmt.Errorf("iceberg: table %s.%s: %w", opt.namespace(), name, err)
		}
		if done {
			res.Committed = append(res.Committed, name)
		}
	}
	return res, nil
}

func conflict(err error) bool {
	return errors.Is(err, table.ErrCommitFailed) || strings.Contains(err.Error(), "has changed")
}

func (o Options) namespace() string {
	if o.Namespace == "" {
		return "nianbao"
	}
	return o.Namespace
}

func (o Options) name() string {
	if o.Name == "" {
		return "nianbao"
	}
	return o.Name
}

type cat struct {
	c  *sqlcat.Catalog
	db *sql.DB
}

func (c *cat) close() {
	c.c.Close()
	c.db.Close()
}

// open opens the SQL catalog, creating its tables when the file is new.
func open(ctx context.Context, opt Options) (*cat, error) {
	p, ok := strings.CutPrefix(opt.Catalog, "sqlite:")
	if !ok || p == "" {
		return nil, fmt.Errorf("%w: %q", ErrCatalog, opt.Catalog)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("iceberg: catalog %s: %w", p, err)
	}
	// A writer waits for another's lock instead of failing at once.
	db, err := sql.Open("sqlite", "file:"+p+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("iceberg: catalog %s: %w", p, err)
	}
	props := iceberg.Properties{"warehouse": opt.Warehouse}
	for k, v := range opt.Props {
		props[k] = v
	}
	c, err := sqlcat.NewCatalog(opt.name(), db, sqlcat.SQLite, props)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("iceberg: catalog %s: %w", p, err)
	}
	return &cat{c: c, db: db}, nil
}

// table loads a table, creating it with the schema and partition spec
// derived from the Arrow schema when it does not exist.
func (c *cat) table(ctx context.Context, ident table.Identifier, s *arrow.Schema, location string) (*table.Table, error) {
	tbl, err := c.c.LoadTable(ctx, ident)
	if err == nil {
		return tbl, nil
	}
	if !errors.Is(err, catalog.ErrNoSuchTable) {
		return nil, fmt.Errorf("iceberg: table %s: %w", strings.Join(ident, "."), err)
	}
	sc, err := Schema(ident[len(ident)-1], s)
	if err != nil {
		return nil, err
	}
	spec := Spec(sc)
	tbl, err = c.c.CreateTable(ctx, ident, sc, catalog.WithPartitionSpec(&spec), catalog.WithLocation(location),
		catalog.WithProperties(iceberg.Properties{"format-version": "2", "write.parquet.compression-codec": "zstd"}))
	if err != nil {
		return nil, fmt.Errorf("iceberg: create table %s: %w", strings.Join(ident, "."), err)
	}
	return tbl, nil
}

// Schema derives a table's Iceberg schema from its Arrow schema, with the
// field IDs of schemas.FieldIDs.
func Schema(tableName string, s *arrow.Schema) (*iceberg.Schema, error) {
	ids := schemas.FieldIDs[tableName]
	fs := make([]iceberg.NestedField, 0, s.NumFields())
	for _, f := range s.Fields() {
		id, ok := ids[f.Name]
		if !ok {
			return nil, fmt.Errorf("iceberg: %s.%s has no field id", tableName, f.Name)
		}
		var t iceberg.Type
		switch ft := f.Type.(type) {
		case *arrow.StringType:
			t = iceberg.PrimitiveTypes.String
		case *arrow.Int64Type:
			t = iceberg.PrimitiveTypes.Int64
		case *arrow.Int32Type:
			t = iceberg.PrimitiveTypes.Int32
		case *arrow.BooleanType:
			t = iceberg.PrimitiveTypes.Bool
		case *arrow.Date32Type:
			t = iceberg.PrimitiveTypes.Date
		case *arrow.Decimal128Type:
			t = iceberg.DecimalTypeOf(int(ft.Precision), int(ft.Scale))
		case *arrow.TimestampType:
			if ft.Unit != arrow.Microsecond || ft.TimeZone == "" {
				return nil, fmt.Errorf("iceberg: %s.%s: timestamp %s has no Iceberg type", tableName, f.Name, ft)
			}
			t = iceberg.PrimitiveTypes.TimestampTz
		default:
			return nil, fmt.Errorf("iceberg: %s.%s: type %s has no Iceberg type", tableName, f.Name, f.Type)
		}
		doc, _ := f.Metadata.GetValue(schemas.MetaDescription)
		fs = append(fs, iceberg.NestedField{ID: id, Name: f.Name, Type: t, Required: !f.Nullable, Doc: doc})
	}
	return iceberg.NewSchema(0, fs...), nil
}

// Spec is identity(report_year).
func Spec(sc *iceberg.Schema) iceberg.PartitionSpec {
	f, _ := sc.FindFieldByName("report_year")
	return iceberg.NewPartitionSpec(iceberg.PartitionField{SourceIDs: []int{f.ID}, FieldID: 1000,
		Name: "report_year", Transform: iceberg.IdentityTransform{}})
}

// sync makes one table's current snapshot hold exactly files. It returns
// the table as it then is and whether it committed a snapshot.
func sync(ctx context.Context, tbl *table.Table, opt Options, runID string, files []File, res *Result) (*table.Table, bool, error) {
	fs, err := tbl.FS(ctx)
	if err != nil {
		return nil, false, err
	}
	dataDir := strings.TrimSuffix(tbl.Location(), "/") + "/data/"
	// What the table holds now, by partition folder.
	have := map[string][]string{}
	if snap := tbl.CurrentSnapshot(); snap != nil {
		tasks, err := tbl.Scan().PlanFiles(ctx)
		if err != nil {
			return nil, false, err
		}
		for _, t := range tasks {
			p := t.File.FilePath()
			have[partOf(dataDir, p)] = append(have[partOf(dataDir, p)], p)
		}
	}
	want := map[string][]string{}
	local := map[string]File{}
	for _, f := range files {
		if f.Rows == 0 {
			continue // the empty file that keeps a Hive glob matching
		}
		p := dataDir + f.Rel
		want[partOf(dataDir, p)] = append(want[partOf(dataDir, p)], p)
		local[p] = f
	}
	var del, add []string
	for _, part := range slices.Sorted(keys(have, want)) {
		h, w := have[part], want[part]
		slices.Sort(h)
		slices.Sort(w)
		if slices.Equal(h, w) {
			continue
		}
		for _, p := range h {
			if !slices.Contains(w, p) {
				del = append(del, p)
			}
		}
		for _, p := range w {
			if !slices.Contains(h, p) {
				add = append(add, p)
			}
		}
	}
	if len(del) == 0 && len(add) == 0 {
		return tbl, false, nil
	}
	for _, p := range add {
		if err := place(fs, local[p], p); err != nil {
			return nil, false, err
		}
	}
	props := iceberg.Properties{RunIDKey: runID}
	tx := tbl.NewTransaction()
	if len(del) == 0 || tbl.CurrentSnapshot() == nil {
		err = tx.AddFiles(ctx, add, props, false)
	} else {
		err = tx.ReplaceDataFiles(ctx, del, add, props)
	}
	if err != nil {
		return nil, false, err
	}
	if opt.KeepRuns > 0 {
		if err := tx.ExpireSnapshots(table.WithRetainLast(opt.KeepRuns), table.WithOlderThan(0)); err != nil {
			return nil, false, err
		}
	}
	tbl, err = tx.Commit(ctx)
	if err != nil {
		return nil, false, err
	}
	res.Added += len(add)
	res.Removed += len(del)
	return tbl, true, nil
}

// VersionHint is the file beside a table's metadata files that names the
// current one: its name without ".metadata.json", as DuckDB's iceberg_scan
// of the table's folder reads it (a Hadoop-catalog reader, which expects
// vN.metadata.json, does not apply: the catalog finds these tables).
const VersionHint = "version-hint.text"

// versionHint points the table's version-hint.text at its current
// metadata file, unless it does already. A local file is replaced by a
// rename, so a reader sees the old name or the new one; an object store
// replaces an object whole.
func versionHint(ctx context.Context, tbl *table.Table) error {
	loc := tbl.MetadataLocation()
	name, ok := strings.CutSuffix(path.Base(loc), ".metadata.json")
	if !ok {
		return nil // not a name DuckDB's default formats find
	}
	hint := path.Dir(loc) + "/" + VersionHint
	fs, err := tbl.FS(ctx)
	if err != nil {
		return err
	}
	if r, ok := fs.(iceio.ReadFileIO); ok {
		if b, err := r.ReadFile(hint); err == nil && string(b) == name {
			return nil
		}
	}
	if u, err := url.Parse(hint); err == nil && u.Scheme == "file" {
		tmp, err := os.CreateTemp(filepath.Dir(u.Path), "."+VersionHint+"-*")
		if err != nil {
			return err
		}
		_, err = tmp.WriteString(name)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), u.Path)
		}
		if err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("iceberg: %s: %w", hint, err)
		}
		return nil
	}
	wfs, ok := fs.(iceio.WriteFileIO)
	if !ok {
		return fmt.Errorf("iceberg: %s: the warehouse cannot be written", hint)
	}
	if err := wfs.WriteFile(hint, []byte(name)); err != nil {
		return fmt.Errorf("iceberg: write %s: %w", hint, err)
	}
	return nil
}

func keys(ms ...map[string][]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		seen := map[string]bool{}
		for _, m := range ms {
			for k := range m {
				if !seen[k] {
					seen[k] = true
					if !yield(k) {
						return
					}
				}
			}
		}
	}
}

// partOf is the partition folder of a file path under dataDir.
func partOf(dataDir, p string) string {
	return path.Dir(strings.TrimPrefix(p, dataDir))
}

// place copies a file to loc through the table's FileIO, unless a file is
// there already: a name carries its content's digest. A local file going
// to a local warehouse is hard-linked where it can be.
func place(fs iceio.IO, f File, loc string) error {
	if f, err := fs.Open(loc); err == nil {
		f.Close()
		return nil
	}
	src := f.Local
	if u, err := url.Parse(loc); err == nil && u.Scheme == "file" && f.Open == nil {
		if err := os.MkdirAll(filepath.Dir(u.Path), 0o755); err != nil {
			return err
		}
		if os.Link(src, u.Path) == nil {
			return nil
		}
	}
	wfs, ok := fs.(iceio.WriteFileIO)
	if !ok {
		return fmt.Errorf("iceberg: %s: the warehouse cannot be written", loc)
	}
	var in io.ReadCloser
	var err error
	if f.Open != nil {
		in, err = f.Open()
	} else {
		in, err = os.Open(src)
	}
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := wfs.Create(loc)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("iceberg: write %s: %w", loc, err)
	}
	return out.Close()
}

// LoadTable opens one of the tables, for checks and tools.
func LoadTable(ctx context.Context, opt Options, name string) (*table.Table, error) {
	c, err := open(ctx, opt)
	if err != nil {
		return nil, err
	}
	defer c.close()
	return c.c.LoadTable(ctx, table.Identifier{opt.namespace(), name})
}

// S3Props are the catalog properties of an s3:// warehouse, from the AWS
// environment nianbao's S3 store reads: the endpoint
// (AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL; path-style addressing with
// one), the region (AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1,
// as the store) and static keys when set; without keys the AWS SDK's
// default chain is used. They are never logged or stored in the catalog.
func S3Props(getenv func(string) string) map[string]string {
	p := map[string]string{}
	first := func(names ...string) string {
		for _, n := range names {
			if v := getenv(n); v != "" {
				return v
			}
		}
		return ""
	}
	set := func(k, v string) {
		if v != "" {
			p[k] = v
		}
	}
	set("s3.endpoint", first("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"))
	set("s3.region", first("AWS_REGION", "AWS_DEFAULT_REGION"))
	if p["s3.region"] == "" {
		p["s3.region"] = "us-east-1"
	}
	set("s3.access-key-id", getenv("AWS_ACCESS_KEY_ID"))
	set("s3.secret-access-key", getenv("AWS_SECRET_ACCESS_KEY"))
	set("s3.session-token", getenv("AWS_SESSION_TOKEN"))
	return p
}
