package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/load/iceberg"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// Version is nianbao's release version, stamped into manifests.
var Version = "0.1.0-dev"

// MaxTextCeiling is the most text a file may hold whatever
// Config.MaxTextBytes says (extract.MaxTextCeiling).
const MaxTextCeiling = extract.MaxTextCeiling

// Config is everything a run needs. Zero values mean defaults.
type Config struct {
	Input   string
	Output  string
	Workers int
	// Full ignores the state store: every file is read and parsed again.
	Full bool
	// MaxErrors fails the run, publishing nothing, when more reports than
	// this end with status error: a count ("10") or a fraction of the
	// inputs ("0.05"). Empty: no limit.
	MaxErrors string
	// KeepRuns is how many run records OUT/_runs keeps: 1 or more, 0 for
	// the default 30. Negative values are refused.
	KeepRuns int
	// TableFormat is parquet (default) or iceberg: the published files are
	// then also registered with Iceberg tables in Catalog (sqlite:PATH,
	// default OUTPUT/iceberg/catalog.db, or rest:URL), named CatalogName and Namespace
	// ("nianbao" when empty). See load/iceberg.
	TableFormat, Catalog, CatalogName, Namespace string
	// REST are the warehouse and authentication of a rest:URL Catalog.
	REST iceberg.REST
	// Progress receives a progress line while the run goes on; nil for none.
	Progress io.Writer
	Logger   *slog.Logger
	// Now returns the run's start time; tests pin it.
	Now    func() time.Time
	Limits extract.Limits
	// FollowExternalSymlinks follows symlinks whose target is outside
	// Input; by default they are skipped (and counted).
	FollowExternalSymlinks bool
	// S3PathStyle forces path-style (true) or virtual-hosted (false)
	// addressing for an s3:// output; nil: path-style with a custom
	// endpoint.
	S3PathStyle *bool
	// MaxTextBytes, when not zero, is Limits.MaxTextBytes: the most
	// decoded text one file may hold (--max-text-bytes), at most
	// MaxTextCeiling.
	MaxTextBytes int64

	maxErrCount int
	maxErrFrac  float64
}

// Validate checks the configuration and fills defaults.
func (c *Config) Validate() error {
	if c.Input == "" {
		return fmt.Errorf("%w: --input is required", ErrUsage)
	}
	if c.Output == "" {
		return fmt.Errorf("%w: --output is required", ErrUsage)
	}
	if err := checkOutput(c.Output); err != nil {
		return err
	}
	if c.Workers < 0 {
		return fmt.Errorf("%w: --workers must be positive, got %d", ErrUsage, c.Workers)
	}
	if c.Workers == 0 {
		c.Workers = runtime.NumCPU()
	}
	c.maxErrCount, c.maxErrFrac = -1, -1
	if c.MaxErrors != "" {
		if n, err := strconv.Atoi(c.MaxErrors); err == nil && n >= 0 {
			c.maxErrCount = n
		} else if f, err := strconv.ParseFloat(c.MaxErrors, 64); err == nil && f >= 0 && f < 1 {
			c.maxErrFrac = f
		} else {
			return fmt.Errorf("%w: --max-errors must be a count (10) or a fraction below 1 (0.05), got %q", ErrUsage, c.MaxErrors)
		}
	}
	if c.MaxTextBytes != 0 {
		c.Limits.MaxTextBytes = c.MaxTextBytes
	}
	switch {
	case c.KeepRuns < 0:
		return fmt.Errorf("%w: --keep-runs must be 1 or more, got %d", ErrUsage, c.KeepRuns)
	case c.KeepRuns == 0:
		c.KeepRuns = 30
	}
	if err := c.validateIceberg(); err != nil {
		return err
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if err := checkInput(c.Input); err != nil {
		return err
	}
	if load.IsURL(c.Output) {
		return nil
	}
	if fi, err := os.Stat(c.Output); err == nil && !fi.IsDir() {
		return fmt.Errorf("%w: --output %s is not a folder", ErrUsage, c.Output)
	}
	if load.IsURL(c.Input) {
		return nil
	}
	return checkOverlap(c.Input, c.Output)
}

// Summary is what a run did.
type Summary struct {
	RunID        string
	Files        int
	InputBytes   int64
	ByStatus     map[string]int
	ByTemplate   map[string]int
	Rows         map[string]int64
	BytesWritten int64
	Elapsed      time.Duration
	Manifest     *load.Manifest
	Record       *RunRecord
	// Published is the run whose dataset is published at the end: RunID,
	// or the earlier run an unchanged run left in place.
	Published string
}

// Run executes one run: read every input file (or reuse what the state
// store knows of unchanged ones), parse it and publish the dataset
// atomically. Per-file problems are data; the error is for what stops the
// run (cancellation, another run holding the output, too many errors, an
// unusable output folder, a failed publish), and then nothing is published.
func Run(ctx context.Context, cfg Config) (sum *Summary, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	start := cfg.Now().UTC().Truncate(time.Microsecond)
	runID := start.Format("20060102T150405.000000Z")
	log := cfg.Logger.With("run_id", runID)
	rec := &RunRecord{RunID: runID, Version: Version, ParserVersion: schemas.ParserVersion,
		SchemaVersion: schemas.SchemaVersion, Input: cfg.Input, Output: cfg.Output, Full: cfg.Full,
		StartedAt: start, Seconds: map[string]float64{}}
	rec.Inputs.SkippedBy = map[string]int{}

	out, err := openOutput(ctx, cfg)
	if err != nil {
		return nil, err
	}
	// The writer takes the output's lock first: a second run is refused
	// before it reads anything.
	w, err := load.NewWriter(cfg.Output, load.Options{RunID: runID, StartedAt: start, PipelineVersion: Version, Verify: true, Streaming: true,
		// years are read as 20xx, so at most 100 values and the unknown one:
		// a stray year in one report must not fail the run
		MaxPartitions: 128, Store: out.writerStore(),
		// the run records (and Iceberg tables) are written next to the dataset
		ExtraDirs: cfg.extraDirs()})
	if err != nil {
		if errors.Is(err, load.ErrForeign) {
			return nil, fmt.Errorf("%w: %w", ErrUsage, err)
		}
		if errors.Is(err, load.ErrLocked) {
			return nil, fmt.Errorf("%w: another nianbao run is writing %s; this one exits without touching it", ErrLocked, cfg.Output)
		}
		return nil, fmt.Errorf("prepare output %s: %w", cfg.Output, err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = w.Abort()
		}
		rec.FinishedAt = time.Now().UTC()
		rec.Seconds["total"] = rec.FinishedAt.Sub(start).Seconds()
		rec.PeakRSSMB = float64(peakRSS()) / 1e6
		rec.ExitStatus = ExitCode(err)
		switch {
		case err == nil && rec.Unchanged:
			rec.Status = "unchanged"
		case err == nil:
			rec.Status = "published"
		case errors.Is(err, context.Canceled):
			rec.Status = "interrupted"
		case errors.Is(err, ErrTooManyErrors):
			rec.Status = "too_many_errors"
		default:
			rec.Status = "failed"
		}
		if err != nil {
			rec.Error = err.Error()
		}
		rctx, cancel := detached(ctx)
		defer cancel()
		if rerr := writeRecord(rctx, out.store, rec, cfg.KeepRuns); rerr != nil {
			log.Warn("run record not written", "error", rerr)
		}
		if sum != nil {
			sum.Record = rec
		}
	}()

	stateRoot, err := out.stateRoot(ctx, cfg)
	if err != nil {
		return nil, err
	}
	st, err := openState(stateRoot, runID, cfg.Limits)
	if err != nil {
		return nil, err
	}
	defer st.close()
	if cfg.Full {
		if err := st.reset(); err != nil {
			return nil, err
		}
	}

	t0 := time.Now()
	inDir, err := inputFolder(ctx, cfg)
	if err != nil {
		return nil, err
	}
	var srcs []extract.Source
	var issues walkIssues
	err = extract.WalkOptions{OnSkip: func(rel, reason string) {
		rec.Inputs.Skipped++
		rec.Inputs.SkippedBy[reason]++
		log.Debug("skipped", "path", rel, "reason", reason)
	}, OnError: func(rel string, err error) {
		issues = append(issues, walkIssue{rel, err})
		rec.Inputs.WalkErrors = append(rec.Inputs.WalkErrors, rel+": "+err.Error())
		log.Warn("unreadable", "path", rel, "error", err)
	}, FollowExternal: cfg.FollowExternalSymlinks, ReadDir: walkReadDir}.Walk(ctx, inDir, func(s extract.Source) error {
		srcs = append(srcs, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", cfg.Input, err)
	}
	if len(issues) > 0 && cfg.Full {
		return nil, fmt.Errorf("walk %s: %s could not be read (%v); --full has no earlier rows to keep for the files under it, so nothing was published",
			cfg.Input, issues[0].rel, issues[0].err)
	}
	rec.Seconds["walk"] = time.Since(t0).Seconds()
	rec.Inputs.Seen = len(srcs)
	log.Info("inputs found", "files", len(srcs), "input", cfg.Input, "full", cfg.Full)

	t0 = time.Now()
	jobs, err := identify(ctx, cfg, srcs, st)
	if err != nil {
		return nil, err
	}
	if len(issues) > 0 {
		found := make(map[string]bool, len(srcs))
		for _, s := range srcs {
			found[s.Rel] = true
		}
		wj := walkJobs(cfg, st, issues, found)
		rec.Inputs.Kept = len(wj) - len(issues)
		jobs = append(jobs, wj...)
		sortJobs(jobs)
	}
	rec.Seconds["identify"] = time.Since(t0).Seconds()
	st.reserve(len(jobs))
	// From here on the jobs hold the sources and files counts them: the
	// walk's list is let go (8 MB at 100 000 files, until the run ends).
	files := len(jobs)

	// The reader's identity (the build, the limits, pdftotext), which
	// named the state store's cache generation, is compared now and
	// recorded for the next run after a publish.
	last, thisBuild := readLast(st), st.reader
	if len(issues) == 0 && unchanged(ctx, cfg, out.store, st, jobs, last, thisBuild) && !cfg.tooMany(last.Reports[schemas.StatusError], files) {
		// (Too many errors for this run's --max-errors: run, and fail as a
		// run over these inputs would.)
		if err := w.Abort(); err != nil {
			return nil, err
		}
		committed = true // nothing to abort any more
		rec.Inputs.Unchanged = files
		rec.Reports, rec.Templates, rec.Rows = last.Reports, last.Template, last.Rows
		rec.BytesIn, rec.BytesOut = last.BytesIn, last.BytesOut
		rec.Unchanged = true
		sum = &Summary{RunID: runID, Files: files, InputBytes: last.BytesIn, ByStatus: last.Reports,
			ByTemplate: last.Template, Rows: last.Rows, Elapsed: time.Since(start), Published: last.RunID}
		log.Info("unchanged", "files", files, "published_run", last.RunID,
			"elapsed", sum.Elapsed.String(), "note", "every input is as the last published run saw it; the dataset is left as it is (--full rewrites it)")
		if cfg.TableFormat == FormatIceberg {
			m, err := load.ReadManifest(cfg.Output)
			if out.remote {
				m, err = load.ReadStoreManifest(ctx, out.store)
			}
			if err != nil {
				return sum, err
			}
			return sum, publishIceberg(ctx, cfg, out.store, m)
		}
		return sum, nil
	}

	// Reports are parsed in parallel but handed to the writer one by one
	// in report_id order, so it can write them through instead of holding
	// the whole collection.
	t0 = time.Now()
	sum = &Summary{RunID: runID, Files: files, ByStatus: map[string]int{}, ByTemplate: map[string]int{}, Rows: map[string]int64{}}
	dup := duplicates{}
	// The whole-collection pass (collection.go): reports are held, then
	// handed to the writer with their copies and cross-year checks known.
	// Their cell tables depend on the parse alone: they are written as
	// the reports come, while the next ones are parsed, and the collection
	// spools the rest.
	col, err := newCollection()
	if err != nil {
		return sum, err
	}
	defer col.close()
	col.reserve(len(jobs))
	cells := 0
	// parseInOrder takes the jobs: it lets them go as it emits them.
	reused, err := parseInOrder(ctx, cfg, jobs, start, st, func(id string, p *schemas.Parsed, pre *[]byte) error {
		if dup.mark(p) {
			pre = nil
		}
		if err := col.holdEncoded(p, id, pre); err != nil {
			return err
		}
		if err := w.AddCells(p); err != nil {
			return fmt.Errorf("write %s: %w", p.Report.SourcePath, err)
		}
		cells++
		return nil
	})
	tCol := time.Now()
	if err == nil {
		// Every report's cell tables are written: their files are closed
		// and read back on the core the collection's single-goroutine
		// finish and replay leave idle.
		w.FinishCells(ctx)
		err = col.finish(ctx)
	}
	if err == nil && beforeReplay != nil {
		err = beforeReplay(cells)
	}
	if err == nil {
		err = col.replay(ctx, func(p *schemas.Parsed) error {
			sum.InputBytes += p.Report.SourceBytes
			sum.ByStatus[p.Report.Status]++
			sum.ByTemplate[p.Report.Template]++
			if err := w.AddReport(p); err != nil {
				return fmt.Errorf("write %s: %w", p.Report.SourcePath, err)
			}
			return nil
		})
		col.close() // replayed: the writer has the reports
	}
	if err != nil {
		return sum, err
	}
	now := time.Now()
	rec.Seconds["parse"] = now.Sub(t0).Seconds()
	rec.Seconds["collection"] = now.Sub(tCol).Seconds() // the end of parse
	rec.Inputs.Unchanged, rec.Inputs.Parsed = reused, files-reused
	next := st.nextIndex() // this run's file index, for counts and commit
	rec.Inputs.New, rec.Inputs.Changed, rec.Inputs.Deleted = st.counts(next)
	rec.Reports, rec.Templates, rec.BytesIn = sum.ByStatus, sum.ByTemplate, sum.InputBytes
	if n := sum.ByStatus[schemas.StatusError]; cfg.tooMany(n, files) {
		return sum, fmt.Errorf("%w: %d of %d reports have status error (--max-errors %s); nothing was published",
			ErrTooManyErrors, n, files, cfg.MaxErrors)
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	// The state store is saved before the publish, under the lock: a run
	// that cannot save it fails and publishes nothing, and a run that
	// saved it but fails to publish leaves a store that describes its
	// inputs, which is all the next run needs (the dataset is rebuilt from
	// the inputs either way).
	if err := forgetLast(st); err != nil {
		return sum, fmt.Errorf("save the state store under %s: %w", cfg.Output, err)
	}
	if err := st.commit(next); err != nil {
		return sum, fmt.Errorf("save the state store under %s: %w", cfg.Output, err)
	}
	t0 = time.Now()
	m, err := w.Commit(ctx)
	if errors.Is(err, load.ErrAfterPublish) && m != nil {
		// Published: exit status 1 would say it was not.
		log.Warn("published with a problem", "error", err)
		err = nil
	}
	if err != nil {
		return sum, fmt.Errorf("publish %s: %w", cfg.Output, err)
	}
	committed = true
	rec.Seconds["write"] = time.Since(t0).Seconds()
	sum.Manifest, sum.Published = m, runID
	// The dataset is published: the state store is saved even when the
	// Iceberg commit fails, so that the next run over the same inputs is
	// an unchanged one and commits the tables left behind at this run.
	icebergErr := publishIceberg(ctx, cfg, out.store, m)
	for name, t := range m.Tables {
		sum.Rows[name] = t.Rows
		for _, f := range t.Files {
			sum.BytesWritten += f.Bytes
		}
	}
	if err := writeLast(st, &lastRun{Build: thisBuildUnless(thisBuild, len(issues) > 0), RunID: runID, Files: files, BytesIn: sum.InputBytes,
		BytesOut: sum.BytesWritten, Reports: sum.ByStatus, Template: sum.ByTemplate, Rows: sum.Rows}); err != nil {
		// The dataset is published; the next run cannot skip, nothing more.
		log.Warn("state store not saved", "error", err)
	} else if err := out.saveState(ctx); err != nil {
		log.Warn("state store not saved", "error", err)
	}
	if icebergErr != nil {
		return sum, icebergErr
	}
	rec.Rows, rec.BytesOut = sum.Rows, sum.BytesWritten
	sum.Elapsed = time.Since(start)
	if s := sum.Elapsed.Seconds(); s > 0 {
		rec.MBPerSec = float64(sum.InputBytes) / 1e6 / s
		rec.ReportsPerSec = float64(files) / s
	}
	log.Info("published", "files", sum.Files, "new", rec.Inputs.New, "changed", rec.Inputs.Changed,
		"deleted", rec.Inputs.Deleted, "parsed", rec.Inputs.Parsed, "elapsed", sum.Elapsed.String())
	return sum, nil
}

func (c *Config) tooMany(errs, total int) bool {
	switch {
	case c.maxErrCount >= 0:
		return errs > c.maxErrCount
	case c.maxErrFrac >= 0 && total > 0:
		return float64(errs) > c.maxErrFrac*float64(total)
	}
	return false
}

// job is one input file with its report_id, known before it is parsed.
// The run holds one a file until every file is parsed: what few files
// have is behind more, nil for a file without a sidecar found by the walk
// (112 bytes a job instead of 144).
type job struct {
	src   extract.Source
	id    string
	mtime int64
	more  *jobMore
}

// jobMore is what a job has besides its source, id and modification time.
type jobMore struct {
	meta string // digest of the sidecar, "" when there is none
	// issue is set on the row of an entry the walk could not read;
	// keptUnder on a file under such an entry, whose last rows are kept.
	issue     *walkIssue
	keptUnder string
}

// meta is the digest of the job's sidecar, "" when there is none.
func (j job) meta() string {
	if j.more == nil {
		return ""
	}
	return j.more.meta
}

// issue is the walk issue whose row the job is, or nil.
func (j job) issue() *walkIssue {
	if j.more == nil {
		return nil
	}
	return j.more.issue
}

// keptUnder is the walk issue's path a file whose last rows are kept is
// under, or "".
func (j job) keptUnder() string {
	if j.more == nil {
		return ""
	}
	return j.more.keptUnder
}

// entry is what the state index records of the job's file.
func (j job) entry() fileEntry {
	return fileEntry{Size: j.src.Size, ModNanos: j.mtime, ReportID: j.id, Meta: j.meta()}
}

// sidecarDigest names the sidecar of the source: "" when it has none,
// the first 16 hex digits of the SHA-256 of its name and content
// otherwise (the parse says the name in its findings, and a sidecar may
// be renamed between its two names). A sidecar that cannot be read is
// named for this run (run), so the next run sees a change and reads the
// file again.
func sidecarDigest(src extract.Source, run string) string {
	b, name, ok, err := extract.ReadSidecar(src)
	switch {
	case !ok:
		return ""
	case err != nil:
		return "unreadable-" + run
	}
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// walkReadDir lists the input's folders (nil: os.ReadDir); tests inject
// faults with it.
var walkReadDir func(string) ([]os.DirEntry, error)

// identify gives every source its report_id without parsing it: from the
// state index when the file is unchanged, otherwise by hashing its bytes
// (fast next to decoding and parsing). The jobs come back sorted by
// report_id, then path: the order of the dataset.
func identify(ctx context.Context, cfg Config, srcs []extract.Source, st *state) ([]job, error) {
	jobs := make([]job, len(srcs))
	g, gctx := errgroup.WithContext(ctx)
	// cfg.Workers workers take the sources by number: a goroutine a file
	// cost more than looking up or hashing most files.
	var next atomic.Int64
	for range min(cfg.Workers, len(srcs)) {
		g.Go(func() error {
			for i := int(next.Add(1) - 1); i < len(srcs); i = int(next.Add(1) - 1) {
				if err := gctx.Err(); err != nil {
					return err
				}
				jobs[i] = identifyOne(srcs[i], st)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	sortJobs(jobs)
	return jobs, nil
}

// identifyOne is the job of one source, with its report_id.
func identifyOne(src extract.Source, st *state) job {
	j := job{src: src}
	sharePath(&j.src)
	if meta := sidecarDigest(j.src, st.name); meta != "" {
		j.more = &jobMore{meta: meta}
	}
	var id string
	if e, ok := st.mayKnow(j.src.Rel, j.src.Size, j.meta()); ok {
		// Only its modification time can tell: a look-up of the
		// path, and the file is opened only when it changed.
		fi, err := statPath(j.src.Path)
		if err == nil {
			j.mtime = fi.ModTime().UnixNano()
			if id = e.ReportID; e.ModNanos != j.mtime {
				id, _ = hashFile(j.src.Path, fi)
			}
		}
	} else {
		// New or changed for certain: the walk has just found a
		// regular file there, so it is opened at once, and its
		// modification time is the open file's.
		id, j.mtime = hashFile(j.src.Path, nil)
	}
	if id == "" {
		id = unreadableID(j.src.Rel)
	}
	j.id = id
	return j
}

// sharePath makes the source's Rel the end of its Path when it is the
// same text, as it is for every file whose name is valid UTF-8 (the walk
// escapes the others): the run then holds one string for both, to its end
// (the index and the collection keep the path; 4 MB at 100 000 files).
func sharePath(src *extract.Source) {
	if n := len(src.Path) - len(src.Rel); n >= 0 && src.Path[n:] == src.Rel {
		src.Rel = src.Path[n:]
	}
}

// unreadableID is the report_id of a file whose bytes could not be read:
// the SHA-256 of "unreadable:" and its path, so it still has a stable row.
func unreadableID(rel string) string {
	s := sha256.Sum256([]byte("unreadable:" + rel))
	return hex.EncodeToString(s[:])
}

// parseInOrder parses the jobs in a pool of cfg.Workers and calls emit for
// each result in job order. At most a window of results waits for its turn,
// so memory does not grow with the number of files.
//
// Every goroutine (the feeder, each worker, the collector) belongs to one
// errgroup: the first to fail cancels the others' context, and each of them
// blocks only in a select on that context. So a job that fails (a full disk
// under the state store, a panic) ends the run at once; the collector never
// waits for a result that will not come.
//
// Each result comes with its job's report_id and the collection spool's
// entry of its parse when the state store made one (state.store), nil
// otherwise. Such a parse is this run's own: once emit returns, its rows
// go back to transform.Recycle for the next parse, so emit must keep
// nothing of them (it writes and spools them).
//
// The jobs are the parse's: it copies them into chunks and lets each go
// once its jobs are emitted, so the caller must not hold jobs meanwhile.
func parseInOrder(ctx context.Context, cfg Config, jobs []job, start time.Time, st *state, emit func(id string, p *schemas.Parsed, spool *[]byte) error) (int, error) {
	q := newJobQueue(jobs)
	jobs = nil
	var done, bytes, reused atomic.Int64
	stopProgress := progress(cfg.Progress, q.n, &done, &bytes)
	defer stopProgress()

	window := 8*cfg.Workers + 16
	type result struct {
		i     int
		id    string
		p     *schemas.Parsed
		spool *[]byte
	}
	g, gctx := errgroup.WithContext(ctx)
	// slots bounds the results parsed but not yet emitted (one per job
	// from its start to its emit).
	slots := make(chan struct{}, window)
	results := make(chan result, window)
	// todo hands the jobs, by number, to cfg.Workers workers that live as
	// long as the parse. (A goroutine per job started each parse on a
	// small stack, which the parser's depth made it grow and copy several
	// times: 2% of a run's instructions.)
	todo := make(chan int)
	g.Go(func() error { // the feeder
		defer close(todo)
		for i := range q.n {
			select {
			case slots <- struct{}{}:
			case <-gctx.Done():
				return gctx.Err()
			}
			select {
			case todo <- i:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	parse := func(i int) (err error) {
		j := *q.at(i) // read before job i is emitted, and its chunk let go
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("internal error on %s: %v", j.src.Rel, r)
			}
		}()
		p, spool, hit, err := parseOrReuse(gctx, j, cfg.Limits, st, start)
		if err != nil {
			return err
		}
		if hit {
			reused.Add(1)
		}
		select {
		case results <- result{i, j.id, p, spool}:
			return nil
		case <-gctx.Done():
			return gctx.Err()
		}
	}
	for range cfg.Workers {
		g.Go(func() error { // a worker
			for i := range todo {
				if err := parse(i); err != nil {
					return err
				}
			}
			return nil
		})
	}
	g.Go(func() error { // the collector: emits in job order
		pending := make(map[int]result, window)
		for next := 0; next < q.n; {
			select {
			case r := <-results:
				pending[r.i] = r
			case <-gctx.Done():
				return gctx.Err()
			}
			for r, ok := pending[next]; ok; r, ok = pending[next] {
				delete(pending, next)
				next++
				done.Add(1)
				bytes.Add(r.p.Report.SourceBytes)
				fresh := r.spool != nil // parsed by this run, not loaded or made up
				if err := emit(r.id, r.p, r.spool); err != nil {
					return err
				}
				if fresh {
					// Written and spooled: its rows serve the next parse.
					transform.Recycle(r.p)
				}
				q.emitted(next - 1)
				<-slots
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return int(reused.Load()), ctx.Err()
}

// jobChunk is how many jobs a jobQueue lets go of at once.
const jobChunk = 1024

// jobQueue holds the jobs of a parse in chunks of jobChunk, each let go
// once its last job is emitted: the jobs held shrink as the parse goes
// (112 bytes a file, 11 MB at 100 000 files, held whole until the end of
// the parse before).
type jobQueue struct {
	chunks [][]job
	n      int
}

func newJobQueue(jobs []job) *jobQueue {
	q := &jobQueue{n: len(jobs)}
	for len(jobs) > 0 {
		k := min(jobChunk, len(jobs))
		q.chunks = append(q.chunks, slices.Clone(jobs[:k]))
		jobs = jobs[k:]
	}
	return q
}

// at is job i, which must not have been emitted.
func (q *jobQueue) at(i int) *job { return &q.chunks[i/jobChunk][i%jobChunk] }

// emitted records that job i is emitted, jobs being emitted in order: the
// chunk of the last one is let go.
func (q *jobQueue) emitted(i int) {
	if i%jobChunk == jobChunk-1 || i == q.n-1 {
		q.chunks[i/jobChunk] = nil
	}
}

// parseOrReuse returns the parse of one job: from the state store when
// its content was parsed before by this version, else freshly, storing it;
// with a fresh parse stored, its collection spool entry (state.store).
func parseOrReuse(ctx context.Context, j job, lim extract.Limits, st *state, start time.Time) (p *schemas.Parsed, spool *[]byte, hit bool, err error) {
	src := j.src
	switch {
	case j.issue() != nil:
		p = issueRow(j)
		p.Report.IngestedAt = start
		return p, nil, false, nil
	case j.keptUnder() != "":
		p, hit = keptRow(j, st)
		if !hit {
			p.Report.IngestedAt = start
		}
		return p, nil, hit, nil
	}
	// The entry's key is hashed once, for the load, see and store.
	e := j.entry()
	k := keyOf(e.key(src.Rel))
	if p = st.loadAt(k, j.id); p != nil {
		p.Report.SourcePath = src.Rel
		p.SetKey()
		st.seeAt(src.Rel, e, k)
		return p, nil, true, nil
	}
	p, err = ParseSource(ctx, src, lim)
	if err == nil {
		err = ctx.Err() // a stopping run caches nothing more
	}
	if err != nil {
		return nil, nil, false, err
	}
	p.Report.IngestedAt = start
	switch {
	case p.Report.ReportID == "":
		// The file could not be read at all (permission, I/O error, not a
		// regular file any more): its findings say why; its row keeps the
		// id it was listed under.
		p.Report.ReportID = j.id
		p.SetKey()
		return p, nil, false, nil
	case p.Report.ReportID != j.id:
		// The bytes changed between hashing and reading. Its place in the
		// dataset is decided by the first hash; report it and let the next
		// run read it again.
		p = failed(schemas.Document{ReportID: j.id, SourcePath: src.Rel, SourceFormat: src.Format, SourceBytes: src.Size},
			fmt.Sprintf("%s changed while this run read it; the next run reads it again", src.Rel), "FILE_CHANGED")
		p.Report.IngestedAt = start
		return p, nil, false, nil
	case readOK(p):
		st.seeAt(src.Rel, e, k)
		if spool, err = st.storeAt(k, p); err != nil {
			return nil, nil, false, fmt.Errorf("cache the parse of %s: %w", src.Rel, err)
		}
		return p, spool, false, nil
	}
	// A file that could not be read is neither indexed nor cached: the next
	// run tries it again from scratch.
	return p, nil, false, nil
}

// readOK reports whether a parse reflects the file's content rather than a
// passing condition (an I/O error): only those are cached.
func readOK(p *schemas.Parsed) bool {
	for _, f := range p.Findings {
		switch f.Rule {
		case "READ_FAILED", "FILE_UNREADABLE", "PARSER_PANIC", "EXTRACT_PANIC", "PDF_FAILED":
			return false
		}
	}
	return true
}

// hashBuffers are the read buffers of hashFile.
var hashBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// statPath is os.Stat; tests count the look-ups of paths with it.
var statPath = os.Stat

// hashFile is the SHA-256 of the file at path, whose os.Stat was fi (nil:
// the walk's, see extract.OpenStat), and the modification time of the
// file opened; "" when it cannot be read.
func hashFile(path string, fi os.FileInfo) (string, int64) {
	f, ofi, err := extract.OpenStat(path, fi)
	if err != nil {
		return "", 0
	}
	defer f.Close()
	mtime := ofi.ModTime().UnixNano()
	h := sha256.New()
	buf := hashBuffers.Get().(*[]byte)
	defer hashBuffers.Put(buf)
	// The file is read to its end, which a read that stops short where the
	// open file's fstat said it ends has reached: the read that would
	// return nothing is not made (one system call a report). Bytes added
	// since the fstat are then not hashed, and Read, which reads to the
	// end, finds the file changed (FILE_CHANGED), as it is.
	size := ofi.Size()
	for n := int64(0); ; {
		m, err := f.Read(*buf)
		h.Write((*buf)[:m])
		n += int64(m)
		if err == io.EOF || (err == nil && m < len(*buf) && n == size) {
			break
		}
		if err != nil {
			return "", 0
		}
	}
	return hex.EncodeToString(h.Sum(nil)), mtime
}

// duplicates keeps the rows of a file whose bytes were already seen at
// another path only once: reports arrive sorted by report_id, then path, so
// the first path keeps them; a later one keeps its reports row, with a
// finding naming the first, and contributes no table rows.
type duplicates struct{ id, first string }

// mark reports whether it changed p.
func (d *duplicates) mark(p *schemas.Parsed) bool {
	if p.Report.ReportID != d.id {
		d.id, d.first = p.Report.ReportID, p.Report.SourcePath
		return false
	}
	p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
	p.Findings = []schemas.Finding{{
		ReportID: p.Report.ReportID, ReportYear: p.Report.ReportYear,
		Rule: ruleDuplicateFile.Code, Severity: schemas.SeverityInfo, Kind: ruleDuplicateFile.Kind, Cell: "report",
		Message: fmt.Sprintf("%s has the same bytes as %s; its rows are kept once, under that path", p.Report.SourcePath, d.first),
	}}
	p.Report.IssueCount = 1
	p.Report.Status = schemas.StatusOf(p.Findings)
	return true
}

// ParseSource reads, decodes and parses one input file. The error is only
// for cancellation, which both reading and parsing look for at short
// intervals: every problem with the file itself is a finding.
func ParseSource(ctx context.Context, src extract.Source, lim extract.Limits) (p *schemas.Parsed, err error) {
	doc, err := extract.Read(ctx, src, lim)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		doc = schemas.Document{ReportID: unreadableID(src.Rel), SourcePath: src.Rel, SourceFormat: src.Format, SourceBytes: src.Size,
			Findings: []schemas.Finding{{Rule: ruleReadFailed.Code, Severity: schemas.SeverityError, Kind: ruleReadFailed.Kind,
				Cell: "report", Message: fmt.Sprintf("%s could not be read: %v", src.Rel, err)}}}
	}
	defer func() {
		// A parser panic is a bug; the run records it against the file
		// and goes on.
		if r := recover(); r != nil {
			p = failed(doc, fmt.Sprintf("%s: internal error while parsing: %v", src.Rel, r), "PARSER_PANIC")
			err = nil
		}
	}()
	// Parsing a large report takes seconds: it stops when ctx is done.
	p, err = transform.ParseContext(ctx, doc)
	if err != nil || p == nil {
		return p, err
	}
	// Who published it depends on the file alone (its text, title, path
	// and sidecar): settled here, so that a cached parse carries it and
	// the text it needed is not kept.
	p.Organ = resolveDivision(p)
	p.Context = ""
	p.Report.IssueCount = int32(len(p.Findings))
	p.Report.Status = schemas.StatusOf(p.Findings)
	return p, nil
}

func failed(doc schemas.Document, msg, rule string) *schemas.Parsed {
	p := &schemas.Parsed{Report: schemas.Report{
		ReportID: doc.ReportID, SourcePath: doc.SourcePath, SourceFormat: doc.SourceFormat, Encoding: doc.Encoding,
		SourceBytes: doc.SourceBytes, Template: schemas.TemplateUnknown, ParserVersion: schemas.ParserVersion,
	}}
	p.Findings = append(doc.Findings, schemas.Finding{Rule: rule, Severity: schemas.SeverityError,
		Kind: schemas.KindExtraction, Cell: "report", Message: msg})
	p.Report.Status = schemas.StatusOf(p.Findings)
	p.Report.IssueCount = int32(len(p.Findings))
	p.SetKey()
	return p
}
