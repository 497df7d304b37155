package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"path"
	"strings"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/nianbao/nianbao/schemas"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// parquetGoVersion goes into each file's created_by. parquet-go's default
// derives it from the binary's build information, which differs between a
// test binary, a release build and a build with a replace directive: the
// same rows would then give different bytes. A test checks it against go.mod.
const parquetGoVersion = "0.32.0"

// codecs are the zstd codecs of a run's files: one of each level for all
// files, because each keeps a pool of encoders that holds megabytes of
// window. Both are deterministic: the same rows give the same bytes.
type codecs struct {
	// text is zstd's default level, for the reports table: its long text
	// columns (titles, organ names, paths) take a third more bytes at the
	// fastest level.
	text *zstd.Codec
	// fast is the fastest level, for the cell tables and quality: codes,
	// counts and short messages, which it compresses within 2% of the
	// default level (disclosures +0.9%, applications +1.7%, quality +1.9%
	// over 20 000 generated reports) for 4% less of a run's CPU
	// (docs/performance.md, round 9).
	fast *zstd.Codec
}

func newCodecs() codecs {
	return codecs{text: &zstd.Codec{Level: zstd.SpeedDefault}, fast: &zstd.Codec{Level: zstd.SpeedFastest}}
}

// forTable is the codec of a table's files.
func (c codecs) forTable(name string) *zstd.Codec {
	if name == schemas.TableReports {
		return c.text
	}
	return c.fast
}

// batchRows is the number of rows per call to the parquet writer the files'
// bytes are defined by (see partWriter).
const batchRows = 1024

// table ties a table name and Arrow schema to the rows it takes from a report.
type table struct {
	name   string
	schema *arrow.Schema
	write  func(ctx context.Context, w *Writer, parts []partition) (TableManifest, error)
	// stream returns the table's state for a streaming Writer.
	stream func(w *Writer) tableStream
}

// newTable is the table of row type T.
func newTable[T any](name string, schema *arrow.Schema, rows func(*schemas.Parsed) []T, own func(*T, *arena)) table {
	return table{name: name, schema: schema,
		write: func(ctx context.Context, w *Writer, parts []partition) (TableManifest, error) {
			return writeTable(ctx, w, name, parts, rows, newFileWriter[T](writerOptions(w, name)))
		},
		stream: func(w *Writer) tableStream {
			return &tableWriter[T]{w: w, name: name, file: newFileWriter[T](writerOptions(w, name)), rowsOf: rows, own: own,
				parts: map[int64]*partWriter[T]{}}
		}}
}

// tables lists the five tables in schemas.TableNames order.
var tables = []table{
	newTable(schemas.TableReports, schemas.Reports,
		func(p *schemas.Parsed) []schemas.Report { return unsafe.Slice(&p.Report, 1) }, ownReport),
	newTable(schemas.TableDisclosures, schemas.Disclosures,
		func(p *schemas.Parsed) []schemas.Disclosure { return p.Disclosures }, ownDisclosure),
	newTable(schemas.TableApplications, schemas.Applications,
		func(p *schemas.Parsed) []schemas.Application { return p.Applications }, ownApplication),
	newTable(schemas.TableAppeals, schemas.Appeals,
		func(p *schemas.Parsed) []schemas.Appeal { return p.Appeals }, ownAppeal),
	newTable(schemas.TableQuality, schemas.Quality,
		func(p *schemas.Parsed) []schemas.Finding { return p.Findings }, ownFinding),
}

// fileWriter returns the parquet-go writer of a file.
type fileWriter[T any] func(out io.Writer) *parquet.GenericWriter[T]

// newFileWriter is the fileWriter of row type T, whose files are written
// with opts. parquet-go is handed the row types themselves: it writes
// their optional report_year, an *int32, a run of rows at a time
// (third_party/parquet-go.patch), which a copy of each row with an int32
// in its place cost more than it saved.
func newFileWriter[T any](opts []parquet.WriterOption) fileWriter[T] {
	return func(out io.Writer) *parquet.GenericWriter[T] { return parquet.NewGenericWriter[T](out, opts...) }
}

// writerOptions are the parquet-go settings every file is written with.
func writerOptions(w *Writer, tableName string) []parquet.WriterOption {
	opts := []parquet.WriterOption{
		parquet.Compression(w.codecs.forTable(tableName)),
		// PLAIN, not parquet-go's default DELTA_LENGTH_BYTE_ARRAY, for strings
		// without the dict tag: Spark before 3.3 cannot read delta encodings
		// in v1 pages, and zstd compresses the sorted, repetitive report_id
		// column just as well.
		parquet.DefaultEncodingFor(parquet.ByteArray, &parquet.Plain),
		// v1 data pages: the default of DuckDB, Spark and Iceberg writers.
		parquet.DataPageVersion(1),
		// No statistics in the data pages' headers: readers prune pages
		// with the column index, which keeps the same bounds, and row
		// groups with the column chunks' statistics (both still written).
		// parquet-go would otherwise compute every page's bounds a second
		// time, for its header.
		parquet.DataPageStatistics(false),
		// Bounds what parquet-go buffers: one row group, not the whole file.
		parquet.MaxRowsPerRowGroup(int64(w.opt.RowGroupRows)),
		parquet.CreatedBy("parquet-go", parquetGoVersion, "nianbao"),
		parquet.KeyValueMetadata("nianbao.table", tableName),
		parquet.KeyValueMetadata("nianbao.schema_version", schemas.SchemaVersion),
		parquet.KeyValueMetadata("nianbao.pipeline_version", w.opt.PipelineVersion),
	}
	if w.opt.PageBufferBytes > 0 {
		opts = append(opts, parquet.PageBufferSize(w.opt.PageBufferBytes))
	}
	return opts
}

// writeTable writes one table: a directory per partition holding
// part-00000.parquet, part-00001.parquet … of at most MaxFileRows rows each.
// A partition without rows in this table gets no directory, except for the
// empty file of typedFile.
func writeTable[T any](ctx context.Context, w *Writer, name string, parts []partition, rowsOf func(*schemas.Parsed) []T,
	file fileWriter[T]) (tm TableManifest, err error) {
	var pw *partWriter[T]
	// A panic inside parquet-go is a bug in the library or in a struct tag:
	// report it as an error naming the file rather than crash the run.
	defer func() {
		if r := recover(); r != nil {
			err = panicError(name, pw, r)
		}
		if err != nil && pw != nil {
			pw.discard()
		}
	}()
	for _, part := range parts {
		pw = &partWriter[T]{w: w, table: name, file: file, part: part}
		for _, r := range part.reports {
			if err := pw.add(rowsOf(r)); err != nil {
				return tm, err
			}
			if err := ctx.Err(); err != nil {
				return tm, err
			}
		}
		if err := pw.close(); err != nil {
			return tm, err
		}
		for _, f := range pw.files {
			tm.add(f)
		}
		pw = nil
	}
	return typedFile(w, name, file, tm)
}

// typedFile adds an empty file, with the table's schema, in the partition
// w.typedYear when no file of tm is in a partition of a known year: a table
// without rows, or whose rows all have an unknown year. Readers that take
// report_year's type from the folder names (Spark, pyarrow) find no type in
// __HIVE_DEFAULT_PARTITION__ alone (Spark reads it as void, pyarrow fails);
// one integer folder makes it an integer column, and a glob over the table
// always matches a file that carries its schema. The file holds no row, so
// no query sees its year.
func typedFile[T any](w *Writer, name string, file fileWriter[T], tm TableManifest) (TableManifest, error) {
	for _, f := range tm.Files {
		if f.ReportYear != nil {
			return tm, nil
		}
	}
	pf, err := createPart(w, name, partitionOf(w.typedYear), 0, file)
	if err != nil {
		return tm, err
	}
	fm, err := pf.close()
	if err != nil {
		return tm, err
	}
	// first: its year sorts before the unknown year, as partitions do
	tm.Files = append([]FileManifest{fm}, tm.Files...)
	return tm, nil
}

func panicError[T any](table string, pw *partWriter[T], r any) error {
	where := table
	if pw != nil && pw.pf != nil {
		where = pw.pf.rel
	}
	return fmt.Errorf("load: %s: %w: %v", where, ErrPanic, r)
}

// partWriter writes the rows of one table in one partition, in the order
// given: part files of at most MaxFileRows rows, row groups of RowGroupRows.
// Both modes write through it.
//
// parquet-go decides where a page ends only between the slices of at most
// 64 rows it cuts each Write call into (starting at the call's first row,
// and again at each row group's first row), so how rows are handed over
// is part of the file's bytes. The files are those of handing parquet-go
// batches of batchRows rows (fewer at the end of a file or partition),
// whatever the size of the reports they come from: add hands over exactly
// the slices parquet-go would cut those batches into (sliceEnd), each as
// one Write call. A slice the caller's rows cover whole is written from
// them directly; only the first rows of a slice that a later report
// completes are kept (buf), copied in streaming mode (own); the rows that
// complete it are handed over with them before add returns, uncopied.
type partWriter[T any] struct {
	w     *Writer
	table string
	file  fileWriter[T]
	part  partition
	seq   int          // of the next part file
	pf    *partFile[T] // open part file, nil until rows are written
	buf   []T          // the first rows of a slice, not yet handed to parquet-go
	files []FileManifest
	// own, in streaming mode, makes a buffered row independent of the
	// caller's memory: the strings and pointed-to values are copied to a.
	own func(*T, *arena)
	a   arena
}

// sliceRows is the number of rows parquet-go writes between two checks of
// its page sizes.
const sliceRows = 64

// sliceEnd returns where the slice parquet-go would cut from file row
// start ends, start being the first row of such a slice.
func (s *partWriter[T]) sliceEnd(start int) int {
	groupRows, fileRows := s.w.opt.RowGroupRows, s.w.opt.MaxFileRows
	batch := start / batchRows * batchRows
	group := start / groupRows * groupRows
	from := max(batch, group) // where parquet-go's slicing (re)started
	end := from + (start-from)/sliceRows*sliceRows + sliceRows
	return min(end, batch+batchRows, group+groupRows, fileRows)
}

func (s *partWriter[T]) add(rows []T) error {
	for len(rows) > 0 {
		pos := len(s.buf) // rows of the open file, buffered ones included
		if s.pf != nil {
			pos += int(s.pf.rows)
		}
		end := s.sliceEnd(pos - len(s.buf))
		if len(s.buf) == 0 && len(rows) >= end-pos {
			if err := s.write(rows[:end-pos]); err != nil {
				return err
			}
			rows = rows[end-pos:]
			continue
		}
		if s.buf == nil {
			s.buf = make([]T, 0, sliceRows)
		}
		n := min(end-pos, len(rows))
		i := len(s.buf)
		s.buf = append(s.buf, rows[:n]...)
		rows = rows[n:]
		if pos+n == end {
			// The slice is complete: handed over now, before add returns,
			// so its last rows need no copy of their own.
			if err := s.flush(); err != nil {
				return err
			}
			continue
		}
		// The rows stay buffered after add returns (rows is used up).
		if s.own != nil {
			for j := i; j < len(s.buf); j++ {
				s.own(&s.buf[j], &s.a)
			}
		}
	}
	return nil
}

// write hands rows to parquet-go, which copies them, opening the part
// file first and closing it once it is full.
func (s *partWriter[T]) write(rows []T) error {
	if s.pf == nil {
		f, err := createPart(s.w, s.table, s.part, s.seq, s.file)
		if err != nil {
			return err
		}
		s.pf = f
		s.seq++
	}
	if err := s.pf.write(rows); err != nil {
		return err
	}
	if s.pf.rows >= int64(s.w.opt.MaxFileRows) {
		return s.closeFile()
	}
	return nil
}

// flush hands the buffered rows to parquet-go.
func (s *partWriter[T]) flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	err := s.write(s.buf)
	clear(s.buf) // drop the references the rows held
	s.buf = s.buf[:0]
	s.a.reset()
	return err
}

func (s *partWriter[T]) closeFile() error {
	fm, err := s.pf.close()
	s.pf = nil
	if err != nil {
		return err
	}
	s.files = append(s.files, fm)
	return nil
}

// close writes what is buffered and closes the open part file.
func (s *partWriter[T]) close() error {
	if err := s.flush(); err != nil {
		return err
	}
	s.buf = nil
	if s.pf != nil {
		return s.closeFile()
	}
	return nil
}

// discard closes the open part file after a failure.
func (s *partWriter[T]) discard() {
	if s.pf != nil {
		s.pf.discard()
		s.pf = nil
	}
	s.buf = nil
}

// partFile is one Parquet file being written, hashed and counted as it goes.
type partFile[T any] struct {
	rel  string // relative to the run, '/' separators
	w    *Writer
	year *int32
	f    ObjectWriter
	sum  hash.Hash
	n    int64
	pw   *parquet.GenericWriter[T]
	rows int64
}

func createPart[T any](w *Writer, tableName string, part partition, seq int, file fileWriter[T]) (*partFile[T], error) {
	rel := path.Join(tableName, part.dir, fmt.Sprintf("part-%05d.parquet", seq))
	f, err := w.store.Create(w.ctx, keyJoin(w.runKey, rel))
	if err != nil {
		return nil, err
	}
	pf := &partFile[T]{rel: rel, w: w, year: part.year, f: f, sum: sha256.New()}
	pf.pw = file(pf)
	return pf, nil
}

// Write implements io.Writer for parquet-go: file, hash and size at once.
func (pf *partFile[T]) Write(b []byte) (int, error) {
	n, err := pf.f.Write(b)
	pf.sum.Write(b[:n])
	pf.n += int64(n)
	return n, err
}

// write hands rows to GenericWriter.Write as structs. Handing them over
// column by column instead (a parquet.Value per cell, ColumnWriter.
// WriteRowValues per column and slice) gives the same bytes but was
// measured to cost more CPU, not less: the time under Write is the column
// buffers' own (dictionary inserts, page statistics, compression). Built
// in place, each column's values of a slice in one reused []parquet.Value
// (the optional columns then go in one call each, where Write handed them
// over a row at a time), they saved 3% of BenchmarkApplicationsWrite's CPU
// (112.8 ms to 109.6 ms, the same bytes): not worth a second write path.
// Write now hands the optional integers of a run of rows over in one call
// (third_party/parquet-go.patch).
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
	// The name carries a digest of the bytes: the same rows always get the
	// same name, and different rows never reuse one, so a reader that
	// listed the files of one run cannot open a file of another by the
	// same name after a publish.
	sum := hex.EncodeToString(pf.sum.Sum(nil))
	rel := strings.TrimSuffix(pf.rel, ".parquet") + "-" + sum[:16] + ".parquet"
	if err := pf.f.Commit(pf.w.ctx, keyJoin(pf.w.runKey, rel)); err != nil {
		return FileManifest{}, fmt.Errorf("load: write %s: %w", pf.rel, err)
	}
	return FileManifest{Path: rel, ReportYear: pf.year, Rows: pf.rows, Bytes: pf.n, SHA256: sum}, nil
}

// discard drops a file after a failure; the rest of the run is removed
// by Commit.
func (pf *partFile[T]) discard() { _ = pf.f.Abort() }
