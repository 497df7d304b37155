package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/nianbao/nianbao/schemas"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// parquetGoVersion goes into each file's created_by. parquet-go's default
// derives it from the binary's build information, which differs between a
// test binary, a release build and a build with a replace directive: the
// same rows would then give different bytes. A test checks it against go.mod.
const parquetGoVersion = "0.32.0"

// batchRows is how many rows are copied into a buffer before each call to
// the parquet writer.
const batchRows = 1024

// table ties a table name and Arrow schema to the rows it takes from a report.
type table struct {
	name   string
	schema *arrow.Schema
	write  func(ctx context.Context, w *Writer, parts []partition) (TableManifest, error)
}

func newTable[T any](name string, schema *arrow.Schema, rows func(*schemas.Parsed) []T) table {
	return table{name: name, schema: schema,
		write: func(ctx context.Context, w *Writer, parts []partition) (TableManifest, error) {
			return writeTable(ctx, w, name, parts, rows)
		}}
}

// tables lists the five tables in schemas.TableNames order.
var tables = []table{
	newTable(schemas.TableReports, schemas.Reports,
		func(p *schemas.Parsed) []schemas.Report { return unsafe.Slice(&p.Report, 1) }),
	newTable(schemas.TableDisclosures, schemas.Disclosures,
		func(p *schemas.Parsed) []schemas.Disclosure { return p.Disclosures }),
	newTable(schemas.TableApplications, schemas.Applications,
		func(p *schemas.Parsed) []schemas.Application { return p.Applications }),
	newTable(schemas.TableAppeals, schemas.Appeals,
		func(p *schemas.Parsed) []schemas.Appeal { return p.Appeals }),
	newTable(schemas.TableQuality, schemas.Quality,
		func(p *schemas.Parsed) []schemas.Finding { return p.Findings }),
}

// writerOptions are the parquet-go settings every file is written with.
func writerOptions(w *Writer, tableName string) []parquet.WriterOption {
	return []parquet.WriterOption{
		// Level 3: the usual trade-off; the codec is deterministic.
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedDefault}),
		// PLAIN, not parquet-go's default DELTA_LENGTH_BYTE_ARRAY, for strings
		// without the dict tag: Spark before 3.3 cannot read delta encodings
		// in v1 pages, and zstd compresses the sorted, repetitive report_id
		// column just as well.
		parquet.DefaultEncodingFor(parquet.ByteArray, &parquet.Plain),
		// v1 data pages: the default of DuckDB, Spark and Iceberg writers.
		parquet.DataPageVersion(1),
		// Bounds what parquet-go buffers: one row group, not the whole file.
		parquet.MaxRowsPerRowGroup(int64(w.opt.RowGroupRows)),
		parquet.CreatedBy("parquet-go", parquetGoVersion, "nianbao"),
		parquet.KeyValueMetadata("nianbao.table", tableName),
		parquet.KeyValueMetadata("nianbao.schema_version", schemas.SchemaVersion),
		parquet.KeyValueMetadata("nianbao.pipeline_version", w.opt.PipelineVersion),
	}
}

// writeTable writes one table: a directory per partition holding
// part-00000.parquet, part-00001.parquet … of at most MaxFileRows rows each.
// A partition without rows in this table gets no directory; a table without
// any row gets one empty file in the unknown-year partition, so globs over
// the table always match a file that carries its schema.
func writeTable[T any](ctx context.Context, w *Writer, name string, parts []partition, rowsOf func(*schemas.Parsed) []T) (tm TableManifest, err error) {
	opts := writerOptions(w, name)
	var pf *partFile[T]
	// A panic inside parquet-go is a bug in the library or in a struct tag:
	// report it as an error naming the file rather than crash the run.
	defer func() {
		if r := recover(); r != nil {
			where := name
			if pf != nil {
				where = pf.rel
			}
			err = fmt.Errorf("load: %s: %w: %v", where, ErrPanic, r)
		}
		if err != nil && pf != nil {
			pf.discard()
		}
	}()
	buf := make([]T, 0, batchRows)
	for _, part := range parts {
		seq := 0
		flush := func() error {
			if len(buf) == 0 {
				return nil
			}
			if pf == nil {
				f, err := createPart[T](w, name, part, seq, opts)
				if err != nil {
					return err
				}
				pf = f
				seq++
			}
			if err := pf.write(buf); err != nil {
				return err
			}
			buf = buf[:0]
			if pf.rows >= int64(w.opt.MaxFileRows) {
				fm, err := pf.close()
				pf = nil
				if err != nil {
					return err
				}
				tm.add(fm)
			}
			return nil
		}
		for _, r := range part.reports {
			rows := rowsOf(r)
			for len(rows) > 0 {
				inFile := len(buf)
				if pf != nil {
					inFile += int(pf.rows)
				}
				n := min(batchRows-len(buf), w.opt.MaxFileRows-inFile, len(rows))
				buf = append(buf, rows[:n]...)
				rows = rows[n:]
				if len(buf) == batchRows || inFile+n == w.opt.MaxFileRows {
					if err := flush(); err != nil {
						return tm, err
					}
				}
			}
			if err := ctx.Err(); err != nil {
				return tm, err
			}
		}
		if err := flush(); err != nil {
			return tm, err
		}
		if pf != nil {
			fm, err := pf.close()
			pf = nil
			if err != nil {
				return tm, err
			}
			tm.add(fm)
		}
	}
	if len(tm.Files) == 0 {
		pf, err = createPart[T](w, name, partition{dir: partitionKey + "=" + DefaultPartition}, 0, opts)
		if err != nil {
			return tm, err
		}
		fm, err := pf.close()
		pf = nil
		if err != nil {
			return tm, err
		}
		tm.add(fm)
	}
	return tm, nil
}

// partFile is one Parquet file being written, hashed and counted as it goes.
type partFile[T any] struct {
	rel  string // relative to the output directory, '/' separators
	path string
	year *int32
	f    *os.File
	sum  hash.Hash
	n    int64
	pw   *parquet.GenericWriter[T]
	rows int64
}

func createPart[T any](w *Writer, tableName string, part partition, seq int, opts []parquet.WriterOption) (*partFile[T], error) {
	rel := path.Join(tableName, part.dir, fmt.Sprintf("part-%05d.parquet", seq))
	p := filepath.Join(w.runDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	pf := &partFile[T]{rel: rel, path: p, year: part.year, f: f, sum: sha256.New()}
	pf.pw = parquet.NewGenericWriter[T](pf, opts...)
	return pf, nil
}

// Write implements io.Writer for parquet-go: file, hash and size at once.
func (pf *partFile[T]) Write(b []byte) (int, error) {
	n, err := pf.f.Write(b)
	pf.sum.Write(b[:n])
	pf.n += int64(n)
	return n, err
}

func (pf *partFile[T]) write(rows []T) error {
	n, err := pf.pw.Write(rows)
	pf.rows += int64(n)
	if err != nil {
		return fmt.Errorf("load: write %s: %w", pf.rel, err)
	}
	return nil
}

func (pf *partFile[T]) close() (FileManifest, error) {
	if err := pf.pw.Close(); err != nil {
		pf.discard()
		return FileManifest{}, fmt.Errorf("load: write %s: %w", pf.rel, err)
	}
	if err := pf.f.Sync(); err != nil {
		pf.discard()
		return FileManifest{}, fmt.Errorf("load: sync %s: %w", pf.rel, err)
	}
	if err := pf.f.Close(); err != nil {
		return FileManifest{}, fmt.Errorf("load: close %s: %w", pf.rel, err)
	}
	// The name carries a digest of the bytes: the same rows always get the
	// same name, and different rows never reuse one, so a reader that
	// listed the files of one run cannot open a file of another by the
	// same name after a publish.
	sum := hex.EncodeToString(pf.sum.Sum(nil))
	rel := strings.TrimSuffix(pf.rel, ".parquet") + "-" + sum[:16] + ".parquet"
	if err := os.Rename(pf.path, filepath.Join(filepath.Dir(pf.path), path.Base(rel))); err != nil {
		return FileManifest{}, fmt.Errorf("load: name %s: %w", pf.rel, err)
	}
	return FileManifest{Path: rel, ReportYear: pf.year, Rows: pf.rows, Bytes: pf.n, SHA256: sum}, nil
}

// discard closes a file after a failure; the run directory is removed
// by Commit.
func (pf *partFile[T]) discard() { _ = pf.f.Close() }
