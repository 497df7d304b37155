package load

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/sync/errgroup"
)

// Defaults for Options.
const (
	// DefaultRowGroupRows bounds a row group, the unit parquet-go buffers in
	// memory and DuckDB and Spark scan in parallel: about a million rows,
	// a few megabytes compressed for these narrow tables.
	DefaultRowGroupRows = 1 << 20
	// DefaultMaxFileRows starts a new part-file within a partition after
	// this many rows: large files, never one per report.
	DefaultMaxFileRows = 16 << 20
	// DefaultStreamingRowGroupRows is the row group size of a streaming
	// Writer, which has a row group open in every (table, year) partition
	// at once.
	DefaultStreamingRowGroupRows = 128 << 10
	// DefaultStreamingPageBufferBytes is the page size of a streaming
	// Writer: a quarter of parquet-go's, as it buffers a page per column in
	// every open (table, year) writer.
	DefaultStreamingPageBufferBytes = 64 << 10
	// DefaultMaxPartitions bounds the report_year values a streaming Writer
	// accepts: annual reports exist since 2008, plus the unknown year.
	DefaultMaxPartitions = 32
)

// Options configures a Writer.
type Options struct {
	// RunID names the run directory (.nianbao/runs/<RunID>). Letters,
	// digits, '.', '_' and '-', not starting with '.' or '_'. Empty: derived
	// from StartedAt and a random suffix.
	RunID string
	// StartedAt is recorded in the manifest. Zero: the time NewWriter ran.
	StartedAt time.Time
	// PipelineVersion is recorded in the manifest and in each file's
	// key/value metadata.
	PipelineVersion string
	// RowGroupRows is the number of rows per row group (0:
	// DefaultRowGroupRows, or DefaultStreamingRowGroupRows when Streaming).
	RowGroupRows int
	// MaxFileRows is the number of rows per file before another part-file is
	// started in the same partition (0: DefaultMaxFileRows).
	MaxFileRows int
	// Verify reads every written file back through Arrow's Parquet reader
	// (an implementation independent of the writer), compares its schema
	// with the table's Arrow schema and decodes every row, before anything
	// is published.
	Verify bool
	// Allocator is used by verification (nil: a pool that reuses the
	// buffers of released batches).
	Allocator memory.Allocator
	// Streaming makes Add write each report's rows through to the files
	// instead of keeping the report until Commit, so memory does not grow
	// with the number of reports. Reports must then be added in dataset
	// order, non-decreasing (report_id, source_path); Add returns ErrOrder
	// otherwise. The files are the same as without Streaming, given the
	// same RowGroupRows and PageBufferBytes.
	Streaming bool
	// PageBufferBytes is the uncompressed size at which a column's page is
	// compressed and set aside (0: parquet-go's 256 KiB, or
	// DefaultStreamingPageBufferBytes when Streaming). A streaming Writer
	// buffers one page per column per open (table, year) writer. Files
	// match between the modes only with the same value.
	PageBufferBytes int
	// MaxPartitions is the number of distinct report_year values (the
	// unknown year counts as one) a streaming Writer accepts; each keeps a
	// file open per table until Commit (0: DefaultMaxPartitions).
	MaxPartitions int
	// ExtraDirs are folders directly under the output directory that the
	// caller creates and fills next to the dataset (the pipeline's run
	// records). NewWriter refuses an output directory where one of them
	// exists and nianbao did not create it, and records each as nianbao's
	// before the caller makes it.
	ExtraDirs []string
	// Store is where the dataset goes when it is not the local folder
	// given to NewWriter: an S3 bucket prefix (OpenStore). Such a store is
	// published by a conditional write of _manifest.json and held by a
	// lease object instead of a lock file (see publish_s3.go).
	Store Store
}

// Writer buffers the rows of a run and publishes them as one dataset.
//
// A Writer is not safe for concurrent use: one goroutine calls Add for every
// report, then Commit or Abort. Call Abort in a defer: it is a no-op after a
// successful Commit.
type Writer struct {
	out    string // output directory, absolute
	outArg string // output directory as the caller named it, for messages
	runDir string // out/.nianbao/runs/<id>
	opt    Options
	lock   *os.File
	own    *ownership // the ownership record, read and written under the lock
	// store holds every object of the run under runKey; remote is set
	// for an object store, which has its own lease and publish.
	store  Store
	runKey string
	remote *remote
	ctx    context.Context
	cancel context.CancelFunc
	// codecs compress the run's files (codecs.forTable).
	codecs codecs

	// cells is the close and check of the cell tables that FinishCells
	// started; nil before.
	cells *cellsDone

	reports []*schemas.Parsed // buffered mode
	stream  *stream           // streaming mode
	state   state
	// published is set once the run directory is visible to readers; from
	// then on it must never be removed by this run.
	published bool
	// typedYear is the partition key of the empty file a table gets when
	// none of its files is in a known-year partition (see typedFile).
	typedYear int64
}

type state int

const (
	stateOpen state = iota
	stateClosed
)

// Names inside the output directory.
const (
	metaDir      = ".nianbao" // skipped by readers: name starts with '.'
	runsDir      = "runs"
	currentLink  = "current"
	lockName     = "lock"
	manifestName = "_manifest.json"
	successName  = "_SUCCESS"
	// DefaultPartition is the Hive name of the NULL partition value.
	DefaultPartition = "__HIVE_DEFAULT_PARTITION__"
	partitionKey     = "report_year"
)

var runIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// NewWriter prepares a run in outDir, creating it if needed: it takes the
// directory's lock and creates the run's staging directory
// outDir/.nianbao/runs/<run-id>, which readers skip because of the leading
// dot. Nothing visible to readers changes until Commit publishes.
func NewWriter(outDir string, opt Options) (*Writer, error) {
	if opt.StartedAt.IsZero() {
		opt.StartedAt = time.Now()
	}
	opt.StartedAt = opt.StartedAt.UTC()
	if opt.RunID == "" {
		var b [4]byte
		_, _ = rand.Read(b[:])
		opt.RunID = opt.StartedAt.Format("20060102T150405.000000Z") + "-" + hex.EncodeToString(b[:])
	}
	if !runIDPattern.MatchString(opt.RunID) || strings.Contains(opt.RunID, "..") {
		return nil, fmt.Errorf("%w: %q", ErrRunID, opt.RunID)
	}
	if opt.RowGroupRows <= 0 {
		opt.RowGroupRows = DefaultRowGroupRows
		if opt.Streaming {
			opt.RowGroupRows = DefaultStreamingRowGroupRows
		}
	}
	if opt.PageBufferBytes <= 0 && opt.Streaming {
		opt.PageBufferBytes = DefaultStreamingPageBufferBytes
	}
	if opt.MaxPartitions <= 0 {
		opt.MaxPartitions = DefaultMaxPartitions
	}
	if opt.MaxFileRows <= 0 {
		opt.MaxFileRows = DefaultMaxFileRows
	}
	if opt.Allocator == nil {
		opt.Allocator = newPoolAllocator()
	}
	for _, d := range opt.ExtraDirs {
		if d == "" || d != filepath.Base(d) || strings.HasPrefix(d, ".") || d == metaDir {
			return nil, fmt.Errorf("load: extra directory %q is not a plain name", d)
		}
	}
	if s3s, ok := opt.Store.(*S3Store); ok {
		return newRemoteWriter(s3s, opt)
	}
	out, err := filepath.Abs(outDir)
	if err != nil {
		return nil, fmt.Errorf("load: output directory: %w", err)
	}
	// Refuse before creating anything: an output directory that holds
	// someone else's files at nianbao's names is left exactly as it was.
	own, err := readOwnership(out, opt.ExtraDirs)
	if err != nil {
		return nil, err
	}
	if err := own.check(outDir, out, opt.ExtraDirs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(out, metaDir, runsDir), 0o755); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	lock, err := lockDir(filepath.Join(out, metaDir, lockName))
	if err != nil {
		return nil, err
	}
	store, err := NewLocalStore(out)
	if err != nil {
		unlockDir(lock)
		return nil, err
	}
	w := &Writer{out: out, outArg: outDir, opt: opt, lock: lock, codecs: newCodecs(),
		runDir: filepath.Join(out, metaDir, runsDir, opt.RunID), store: store, runKey: runKey(opt.RunID)}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	if err := w.start(); err != nil {
		w.cancel()
		unlockDir(lock)
		return nil, err
	}
	if opt.Streaming {
		w.stream = newStream(w)
	}
	return w, nil
}

// start runs under the lock: it reads the ownership record again (another
// run may have changed it), removes what killed runs left, records the run
// directory and the caller's folders as nianbao's, then makes the run
// directory.
func (w *Writer) start() error {
	own, err := readOwnership(w.out, w.opt.ExtraDirs)
	if err != nil {
		return err
	}
	if err := own.check(w.outArg, w.out, w.opt.ExtraDirs); err != nil {
		return err
	}
	w.own = own
	// Runs that died before publishing left their staging directories:
	// keep only the published run and the one it replaced, as a publish
	// does, so that repeated kills do not pile them up.
	keep := map[string]bool{own.Previous: true}
	if cur, err := os.Readlink(filepath.Join(w.out, metaDir, currentLink)); err == nil {
		keep[path.Base(cur)] = true
	}
	// A directory that cannot be removed now is tried again by the next
	// publish, which reports it; it does not stop this run.
	_ = own.removeRuns(w.out, keep)
	if _, err := os.Lstat(w.runDir); err == nil {
		_ = own.write(w.out)
		return fmt.Errorf("%w: run %q already exists", ErrRunID, w.opt.RunID)
	}
	own.Runs = append(own.Runs, w.opt.RunID)
	for _, d := range w.opt.ExtraDirs {
		own.Names[d] = kindDir
	}
	if err := own.write(w.out); err != nil {
		return err
	}
	if err := os.Mkdir(w.runDir, 0o755); err != nil {
		// Not made by this run: it must not stay recorded as nianbao's.
		own.forget(w.opt.RunID)
		_ = own.write(w.out)
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%w: run %q already exists", ErrRunID, w.opt.RunID)
		}
		return fmt.Errorf("load: %w", err)
	}
	return nil
}

// discard removes the unpublished run directory and drops it from the
// ownership record.
func (w *Writer) discard() error {
	err := os.RemoveAll(w.runDir)
	if err == nil {
		w.own.forget(w.opt.RunID)
		err = w.own.write(w.out)
	}
	return err
}

// RunID returns the id of the run (generated by NewWriter when Options had
// none).
func (w *Writer) RunID() string { return w.opt.RunID }

// Add buffers one report's rows. It stamps report_id and report_year on
// every row (p.SetKey) and keeps p: the caller must not modify p or its
// slices afterwards. Rows of a report keep the order they have in p.
// A string of p that is not valid UTF-8 is escaped in place and flagged
// with an INVALID_UTF8 finding (see sanitize): no file gets invalid text.
//
// With Options.Streaming, Add writes p's rows through instead and keeps
// nothing of p (not its slices, strings or pointed-to values), so the
// caller may reuse or drop it. A report that sorts before the previous one
// is refused with ErrOrder, a report_year beyond Options.MaxPartitions with
// ErrPartitions; nothing of it is written and the Writer stays usable.
// After FinishCells, Add returns ErrClosed and writes nothing (p's
// invalid text is still escaped in place). Any other error is final:
// later calls of Add and Commit return it.
func (w *Writer) Add(p *schemas.Parsed) error {
	if w.state != stateOpen {
		return ErrClosed
	}
	if p == nil || p.Report.ReportID == "" {
		return ErrNoReportID
	}
	sanitize(p)
	if w.stream != nil {
		return w.addStreaming(p, allTables)
	}
	p.SetKey()
	w.reports = append(w.reports, p)
	return nil
}

// Commit sorts and writes every table under the run directory, verifies the
// files if Options.Verify is set, writes the run's manifest and publishes
// the run (see the package documentation for what is atomic), then removes
// superseded runs. On an error before publishing, the run directory is
// removed; the previously published dataset is untouched. A failure while
// publishing is undone, and is such an error, whenever it can be; when it
// cannot, and when removing superseded runs fails, the run is published:
// Commit returns its manifest with an error wrapping ErrAfterPublish.
func (w *Writer) Commit(ctx context.Context) (m *Manifest, err error) {
	if w.state != stateOpen {
		return nil, ErrClosed
	}
	w.state = stateClosed
	defer func() {
		if err != nil && w.stream != nil {
			w.stream.discard()
		}
		if err != nil && !w.published {
			w.removeRun()
		}
		w.release()
		w.lock = nil
		w.reports = nil
		w.stream = nil
	}()

	var parts []partition
	nReports := int64(len(w.reports))
	if w.cells != nil {
		if w.stream != nil && w.stream.err != nil {
			w.cells.cancel() // the run fails anyway
		}
		select {
		case <-w.cells.done:
		case <-ctx.Done():
			w.cells.cancel()
			_ = w.cells.wait()
			return nil, ctx.Err()
		}
		if err := w.cells.wait(); err != nil {
			return nil, err
		}
	}
	if w.stream != nil {
		if w.stream.err != nil {
			return nil, w.stream.err
		}
		if c, r := w.stream.cells, w.stream.rows; c != r {
			return nil, fmt.Errorf("%w: the cell tables of %d reports (last %q), the reports rows of %d (last %q)",
				ErrUnpaired, c.n, c.lastPath, r.n, r.lastPath)
		}
		nReports = w.stream.rows.n
	} else {
		parts = partitionReports(w.reports)
	}
	w.typedYear = firstYear(w.stream, parts)
	m = &Manifest{
		SchemaVersion:   schemas.SchemaVersion,
		PipelineVersion: w.opt.PipelineVersion,
		RunID:           w.opt.RunID,
		RunDir:          filepath.ToSlash(filepath.Join(metaDir, runsDir, w.opt.RunID)),
		StartedAt:       w.opt.StartedAt,
		Reports:         nReports,
		Tables:          make(map[string]TableManifest, len(tables)),
	}
	// Tables are independent: they are finished, then verified, on as
	// many goroutines as there are cores (this is the end of a run, when
	// nothing else is left to do).
	tms := make([]TableManifest, len(tables))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, t := range tables {
		g.Go(func() (err error) {
			switch {
			case w.cells != nil && isCellTable[i]: // closed by FinishCells
				tms[i], err = w.stream.tables[i].typed(w.cells.tms[i])
			case w.stream != nil:
				if tms[i], err = w.stream.tables[i].closeParts(gctx); err == nil {
					tms[i], err = w.stream.tables[i].typed(tms[i])
				}
			default:
				tms[i], err = t.write(gctx, w, parts)
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, t := range tables {
		m.Tables[t.name] = tms[i]
	}
	if w.opt.Verify {
		var checked map[string]bool // read back by FinishCells
		if w.cells != nil {
			checked = w.cells.files()
		}
		// Each reader decodes 64 K-row batches: a few at a time bound the
		// memory at the end of a run on a machine of many cores.
		if err := w.verifyTables(ctx, tms, checked, min(runtime.GOMAXPROCS(0), 4)); err != nil {
			return nil, err
		}
	}
	m.FinishedAt = time.Now().UTC()
	if _, err := w.store.Put(ctx, keyJoin(w.runKey, manifestName), m.encode(), Cond{}); err != nil {
		return nil, err
	}
	if w.remote != nil {
		if err := w.publishRemote(ctx, m); err != nil {
			return nil, err
		}
		return m, nil
	}
	if err := syncTree(w.runDir); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := w.publish(); err != nil {
		if w.published {
			return m, fmt.Errorf("%w: %w", ErrAfterPublish, err)
		}
		return nil, err
	}
	return m, nil
}

// verifyTables reads back the files of tms (by index in tables), but those
// in skip, on up to limit goroutines.
func (w *Writer) verifyTables(ctx context.Context, tms []TableManifest, skip map[string]bool, limit int) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for i, t := range tables {
		for _, f := range tms[i].Files {
			if skip[f.Path] {
				continue
			}
			g.Go(func() error {
				if err := gctx.Err(); err != nil {
					return err
				}
				return verifyFile(gctx, w.store, w.runKey, f, t.schema, w.opt.Allocator)
			})
		}
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// Abort removes the run directory unless the run was published, and
// releases the lock. It is safe to call more than once and after Commit.
func (w *Writer) Abort() error {
	if w.state == stateOpen {
		w.state = stateClosed
		w.reports = nil
		if w.cells != nil {
			// Stop it between files and in the middle of one: an upload
			// to a bucket runs under w.ctx, which release cancels too
			// late, only after the wait.
			w.cells.cancel()
			if w.cancel != nil {
				w.cancel()
			}
			_ = w.cells.wait() // it writes files removeRun removes
		}
		if w.stream != nil {
			w.stream.discard()
			w.stream = nil
		}
		err := w.removeRun()
		w.release()
		if err != nil {
			return fmt.Errorf("load: abort: %w", err)
		}
	}
	return nil
}

// runKey is the key prefix of a run's objects.
func runKey(id string) string { return keyJoin(metaDir, runsDir, id) }

// removeRun deletes what this run wrote; never called once it is
// published.
func (w *Writer) removeRun() error {
	if w.remote != nil {
		return w.removeRemoteRun()
	}
	return w.discard()
}

// release gives the output back to other runs: the lock or the lease.
func (w *Writer) release() {
	if w.remote != nil {
		w.remote.release()
	} else {
		unlockDir(w.lock)
		w.lock = nil
	}
	if w.cancel != nil {
		w.cancel()
	}
}

// partition is the reports of one report_year, sorted.
type partition struct {
	dir     string // report_year=2020 or report_year=__HIVE_DEFAULT_PARTITION__
	year    *int32
	reports []*schemas.Parsed
}

// unknownYear is the partition key of reports without a year: it sorts
// after every int32, so the unknown-year partition comes last.
const unknownYear = int64(1) << 40

// yearKey orders partitions: known years ascending, the unknown year last.
func yearKey(y *int32) int64 {
	if y == nil {
		return unknownYear
	}
	return int64(*y)
}

// firstYear is the partition of the file that gives a table a typed
// report_year (see typedFile): the run's smallest known year, or 0 when no
// report has one.
func firstYear(s *stream, parts []partition) int64 {
	first := unknownYear
	if s != nil {
		for k := range s.years {
			first = min(first, k)
		}
	}
	for _, p := range parts {
		first = min(first, yearKey(p.year))
	}
	if first == unknownYear {
		return 0
	}
	return first
}

// partitionOf returns the (empty) partition of a key.
func partitionOf(k int64) partition {
	if k == unknownYear {
		return partition{dir: partitionKey + "=" + DefaultPartition}
	}
	y := int32(k)
	return partition{year: &y, dir: fmt.Sprintf("%s=%d", partitionKey, y)}
}

// compareReports is the dataset's row order: report_id, then source_path,
// so two copies of one file at different paths have a fixed order.
func compareReports(a, b *schemas.Report) int {
	return cmp.Or(strings.Compare(a.ReportID, b.ReportID), strings.Compare(a.SourcePath, b.SourcePath))
}

// partitionReports sorts reports by compareReports (a stable sort keeps Add
// order for anything else) and splits them by year, known years ascending
// and the unknown year last.
func partitionReports(rs []*schemas.Parsed) []partition {
	rs = slices.Clone(rs)
	slices.SortStableFunc(rs, func(a, b *schemas.Parsed) int { return compareReports(&a.Report, &b.Report) })
	byYear := map[int64][]*schemas.Parsed{}
	for _, p := range rs {
		k := yearKey(p.Report.ReportYear)
		byYear[k] = append(byYear[k], p)
	}
	keys := make([]int64, 0, len(byYear))
	for k := range byYear {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]partition, 0, len(keys))
	for _, k := range keys {
		p := partitionOf(k)
		p.reports = byYear[k]
		parts = append(parts, p)
	}
	return parts
}
