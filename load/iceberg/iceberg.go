// Package iceberg publishes a run's Parquet files as Apache Iceberg (format
// v2) tables: reports, disclosures, applications, appeals and quality, in
// one namespace of an Iceberg catalog, each partitioned by
// identity(report_year). It is the only package that imports iceberg-go.
//
// The catalog is an Iceberg SQL catalog in a SQLite file (sqlite:PATH) or
// an Iceberg REST catalog (rest:URL), with OAuth2 client credentials, a
// bearer token or SigV4.
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
// The changed tables are committed together, all or none: through the REST
// catalog's multi-table commit, or in one SQLite transaction of the SQL
// catalog (commitSQL). A REST server without multi-table commits gets them
// one by one in schemas.TableNames order; a failure part way then leaves
// the tables before it at the new run and the others at the previous one.
// Every run compares each table with the published dataset, so the next
// run brings the tables left behind up to date.
//
// A commit that loses a race with another writer is redone from the
// tables as they now are, up to three times, then refused with an error:
// never lost.
//
// After a run (also one that commits nothing) each table of the SQL
// catalog's warehouse has a metadata/version-hint.text naming its current
// metadata file, so that DuckDB's iceberg_scan reads the table from its
// folder.
package iceberg

import (
	"context"
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
	"github.com/apache/iceberg-go/catalog/rest"
	iceio "github.com/apache/iceberg-go/io"
	_ "github.com/apache/iceberg-go/io/gocloud/s3" // s3:// warehouses
	"github.com/apache/iceberg-go/table"
	"github.com/nianbao/nianbao/internal/fault"
	"github.com/nianbao/nianbao/schemas"
)

// RunIDKey is the snapshot summary property naming the run.
const RunIDKey = "nianbao.run-id"

// Dir is the folder under the warehouse that holds the tables of a SQL
// catalog: Dir/<namespace>/<table>.
const Dir = "iceberg"

// attempts is how many times a commit that lost a race with another
// writer is tried in all.
const attempts = 3

// Options says where the tables live.
type Options struct {
	// Catalog is sqlite:PATH, an Iceberg SQL catalog in a SQLite file, or
	// rest:URL, an Iceberg REST catalog.
	Catalog string
	// Name and Namespace of the catalog and of the tables' namespace;
	// "nianbao" when empty.
	Name, Namespace string
	// Warehouse is the location (URL) under which a SQL catalog's tables
	// are made: file:///abs/dir or s3://bucket/prefix. A REST catalog
	// places its tables itself (REST.Warehouse names its warehouse).
	// Files are written through the catalog's FileIO for the location.
	Warehouse string
	// Props are more catalog properties, such as the s3.* ones of an
	// s3:// location. They are not stored in the catalog.
	Props map[string]string
	// REST are the settings of a rest:URL catalog.
	REST REST
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
	// Atomic is set when the tables were committed together, in one
	// multi-table commit of the catalog.
	Atomic bool
}

// Publish makes the tables' current snapshots hold exactly files
// (table name → files), committing one snapshot per table that changed,
// all together (one table at a time for a REST server without
// multi-table commits).
func Publish(ctx context.Context, opt Options, runID string, files map[string][]File) (Result, error) {
	c, err := open(ctx, opt)
	if err != nil {
		return Result{}, err
	}
	defer c.close()
	ns := table.Identifier{opt.namespace()}
	if err := c.c.CreateNamespace(ctx, ns, nil); err != nil && !errors.Is(err, catalog.ErrNamespaceAlreadyExists) {
		return Result{}, fmt.Errorf("iceberg: namespace %s: %w", opt.namespace(), err)
	}
	var res Result
	err = rest.ErrEndpointNotSupported
	if _, ok := c.c.(catalog.TransactionalCatalog); ok || c.db != nil {
		res, err = c.publishAtomic(ctx, opt, runID, files)
	}
	if errors.Is(err, rest.ErrEndpointNotSupported) {
		// The server has no multi-table commit: one table at a time.
		res, err = c.publishEach(ctx, opt, runID, files)
	}
	if err != nil || c.db == nil {
		return res, err
	}
	// In a warehouse of the SQL catalog's (nianbao's own), each table's
	// version-hint.text names its current metadata file, also after a run
	// that committed nothing.
	for _, name := range schemas.TableNames {
		tbl, err := c.table(ctx, opt, name)
		if err == nil {
			err = versionHint(ctx, tbl)
		}
		if err != nil {
			return res, fmt.Errorf("iceberg: table %s.%s: %w", opt.namespace(), name, err)
		}
	}
	return res, nil
}

// change is one table's staged change.
type change struct {
	name     string
	ident    table.Identifier
	tbl      *table.Table // as read
	tx       *table.Transaction
	add, del int
}

func (r *Result) count(ch *change) {
	r.Committed = append(r.Committed, ch.name)
	r.Added += ch.add
	r.Removed += ch.del
}

// publishEach commits the tables one by one, each retried on a conflict.
func (c *cat) publishEach(ctx context.Context, opt Options, runID string, files map[string][]File) (Result, error) {
	var res Result
	for _, name := range schemas.TableNames {
		var ch *change
		var err error
		for attempt := 1; ; attempt++ {
			// (Re)loaded each time: a conflict is redone on the table as
			// the other writer left it.
			var tbl *table.Table
			if tbl, err = c.table(ctx, opt, name); err != nil {
				return res, err
			}
			ch, err = stage(ctx, tbl, runID, files[name])
			if err == nil && ch != nil {
				err = ch.commit(ctx, opt.KeepRuns)
			}
			if err == nil || attempt == attempts || !conflict(err) || ctx.Err() != nil {
				break
			}
		}
		if err != nil {
			return res, fmt.Errorf("iceberg: table %s.%s: %w", opt.namespace(), name, err)
		}
		if ch != nil {
			res.count(ch)
		}
	}
	return res, nil
}

// commit commits one table's change, expiring snapshots beyond keep in the
// same transaction.
func (ch *change) commit(ctx context.Context, keep int) error {
	if keep > 0 {
		if err := ch.tx.ExpireSnapshots(table.WithRetainLast(keep), table.WithOlderThan(0)); err != nil {
			return err
		}
	}
	if err := fault.Check(fault.Commit, strings.Join(ch.ident, ".")); err != nil {
		return err
	}
	_, err := ch.tx.Commit(ctx)
	return err
}

// publishAtomic commits the changed tables in one multi-table commit, all
// or none, redone from the tables as they are after a conflict. Snapshots
// beyond KeepRuns are expired afterwards, table by table: an expiry
// changes no table's rows.
func (c *cat) publishAtomic(ctx context.Context, opt Options, runID string, files map[string][]File) (Result, error) {
	var res Result
	var chs []*change
	for attempt := 1; ; attempt++ {
		chs = chs[:0]
		for _, name := range schemas.TableNames {
			tbl, err := c.table(ctx, opt, name)
			if err != nil {
				return res, err
			}
			ch, err := stage(ctx, tbl, runID, files[name])
			if err != nil {
				return res, fmt.Errorf("iceberg: table %s.%s: %w", opt.namespace(), name, err)
			}
			if ch != nil {
				chs = append(chs, ch)
			}
		}
		if len(chs) == 0 {
			return res, nil
		}
		err := c.commitAll(ctx, opt, chs)
		if err == nil {
			break
		}
		if attempt == attempts || !conflict(err) || ctx.Err() != nil {
			if errors.Is(err, rest.ErrEndpointNotSupported) {
				return res, err
			}
			return res, fmt.Errorf("iceberg: multi-table commit of %s: %w", names(chs), err)
		}
	}
	res.Atomic = true
	for _, ch := range chs {
		res.count(ch)
	}
	if opt.KeepRuns > 0 {
		for _, ch := range chs {
			if err := c.expire(ctx, ch.ident, opt.KeepRuns); err != nil {
				return res, fmt.Errorf("iceberg: expire snapshots of %s: %w", strings.Join(ch.ident, "."), err)
			}
		}
	}
	return res, nil
}

// commitAll commits the changes together: in one SQLite transaction for
// the SQL catalog (commitSQL), through the catalog's multi-table commit
// otherwise.
func (c *cat) commitAll(ctx context.Context, opt Options, chs []*change) error {
	if c.db != nil {
		return c.commitSQL(ctx, opt, chs)
	}
	mtx, err := catalog.NewMultiTableTransaction(c.c)
	if err != nil {
		return err
	}
	for _, ch := range chs {
		if err := mtx.AddTransaction(ch.tx); err != nil {
			return err
		}
	}
	for _, ch := range chs {
		if err := fault.Check(fault.Commit, strings.Join(ch.ident, ".")); err != nil {
			return err
		}
	}
	return mtx.Commit(ctx)
}

func names(chs []*change) string {
	var ns []string
	for _, ch := range chs {
		ns = append(ns, strings.Join(ch.ident, "."))
	}
	return strings.Join(ns, ", ")
}

// expire keeps a table's last keep snapshots, deleting the files only the
// others referenced.
func (c *cat) expire(ctx context.Context, ident table.Identifier, keep int) error {
	var err error
	for attempt := 1; ; attempt++ {
		var tbl *table.Table
		if tbl, err = c.c.LoadTable(ctx, ident); err != nil {
			return err
		}
		if len(tbl.Metadata().Snapshots()) <= keep {
			return nil
		}
		tx := tbl.NewTransaction()
		if err = tx.ExpireSnapshots(table.WithRetainLast(keep), table.WithOlderThan(0)); err == nil {
			_, err = tx.Commit(ctx)
		}
		if err == nil || attempt == attempts || !conflict(err) || ctx.Err() != nil {
			return err
		}
	}
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

// table loads a table, creating it with the schema and partition spec
// derived from the Arrow schema when it does not exist. A SQL catalog's
// table is made under the warehouse (Dir/<namespace>/<table>); a REST
// catalog chooses the location itself.
func (c *cat) table(ctx context.Context, opt Options, name string) (*table.Table, error) {
	ident := table.Identifier{opt.namespace(), name}
	tbl, err := c.c.LoadTable(ctx, ident)
	if err == nil {
		return tbl, nil
	}
	if !errors.Is(err, catalog.ErrNoSuchTable) {
		return nil, fmt.Errorf("iceberg: table %s: %w", strings.Join(ident, "."), err)
	}
	td, _ := schemas.Lookup(name)
	sc, err := Schema(name, td.Schema)
	if err != nil {
		return nil, err
	}
	spec := Spec(sc)
	opts := []catalog.CreateTableOpt{catalog.WithPartitionSpec(&spec),
		catalog.WithProperties(iceberg.Properties{"format-version": "2", "write.parquet.compression-codec": "zstd"})}
	if !c.rest {
		opts = append(opts, catalog.WithLocation(strings.TrimSuffix(opt.Warehouse, "/")+"/"+Dir+"/"+opt.namespace()+"/"+name))
	}
	tbl, err = c.c.CreateTable(ctx, ident, sc, opts...)
	if errors.Is(err, catalog.ErrTableAlreadyExists) {
		// Another writer made it first.
		tbl, err = c.c.LoadTable(ctx, ident)
	}
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

// stage compares a table with files, places the files it lacks under
// the table's data/ folder and stages the change in a transaction; nil
// when the table already holds exactly files.
func stage(ctx context.Context, tbl *table.Table, runID string, files []File) (*change, error) {
	fs, err := tbl.FS(ctx)
	if err != nil {
		return nil, err
	}
	dataDir := strings.TrimSuffix(tbl.Location(), "/") + "/data/"
	// What the table holds now, by partition folder.
	have := map[string][]string{}
	if snap := tbl.CurrentSnapshot(); snap != nil {
		tasks, err := tbl.Scan().PlanFiles(ctx)
		if err != nil {
			return nil, err
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
		return nil, nil
	}
	for _, p := range add {
		if err := place(fs, local[p], p); err != nil {
			return nil, err
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
		return nil, err
	}
	ident := tbl.Identifier()
	return &change{name: ident[len(ident)-1], ident: ident, tbl: tbl, tx: tx, add: len(add), del: len(del)}, nil
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
