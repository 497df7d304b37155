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
	"sort"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// Version is nianbao's release version, stamped into manifests.
var Version = "0.1.0-dev"

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
	// KeepRuns is how many run records OUT/_runs keeps (default 30).
	KeepRuns int
	// Progress receives a progress line while the run goes on; nil for none.
	Progress io.Writer
	Logger   *slog.Logger
	// Now returns the run's start time; tests pin it.
	Now    func() time.Time
	Limits extract.Limits

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
	if c.KeepRuns == 0 {
		c.KeepRuns = 30
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if fi, err := os.Stat(c.Input); err != nil {
		return fmt.Errorf("%w: --input %s: %v", ErrUsage, c.Input, err)
	} else if !fi.IsDir() {
		return fmt.Errorf("%w: --input %s is not a folder", ErrUsage, c.Input)
	}
	return nil
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

	// The writer takes the output's lock first: a second run is refused
	// before it reads anything.
	w, err := load.NewWriter(cfg.Output, load.Options{RunID: runID, StartedAt: start, PipelineVersion: Version, Verify: true})
	if err != nil {
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
		rec.ExitStatus = ExitCode(err)
		switch {
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
		if rerr := writeRecord(cfg.Output, rec, cfg.KeepRuns); rerr != nil {
			log.Warn("run record not written", "error", rerr)
		}
		if sum != nil {
			sum.Record = rec
		}
	}()

	st, err := openState(cfg.Output)
	if err != nil {
		return nil, err
	}
	if cfg.Full {
		if err := st.reset(); err != nil {
			return nil, err
		}
	}

	t0 := time.Now()
	var srcs []extract.Source
	err = extract.WalkOptions{OnSkip: func(rel, reason string) {
		rec.Inputs.Skipped++
		rec.Inputs.SkippedBy[reason]++
		log.Debug("skipped", "path", rel, "reason", reason)
	}}.Walk(ctx, cfg.Input, func(s extract.Source) error {
		srcs = append(srcs, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", cfg.Input, err)
	}
	rec.Seconds["walk"] = time.Since(t0).Seconds()
	rec.Inputs.Seen = len(srcs)
	log.Info("inputs found", "files", len(srcs), "input", cfg.Input, "full", cfg.Full)

	t0 = time.Now()
	results, reused, err := parseAll(ctx, cfg, srcs, start, st)
	if err != nil {
		return nil, err
	}
	rec.Seconds["parse"] = time.Since(t0).Seconds()
	rec.Inputs.Unchanged, rec.Inputs.Parsed = reused, len(srcs)-reused
	rec.Inputs.New, rec.Inputs.Changed, rec.Inputs.Deleted = st.counts()

	sum = &Summary{RunID: runID, Files: len(srcs), ByStatus: map[string]int{}, ByTemplate: map[string]int{}, Rows: map[string]int64{}}
	for _, p := range results {
		sum.InputBytes += p.Report.SourceBytes
		sum.ByStatus[p.Report.Status]++
		sum.ByTemplate[p.Report.Template]++
	}
	rec.Reports, rec.Templates, rec.BytesIn = sum.ByStatus, sum.ByTemplate, sum.InputBytes
	if n := sum.ByStatus[schemas.StatusError]; cfg.tooMany(n, len(srcs)) {
		return sum, fmt.Errorf("%w: %d of %d reports have status error (--max-errors %s); nothing was published",
			ErrTooManyErrors, n, len(srcs), cfg.MaxErrors)
	}
	for _, p := range results {
		if err := w.Add(p); err != nil {
			return sum, fmt.Errorf("buffer %s: %w", p.Report.SourcePath, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	t0 = time.Now()
	m, err := w.Commit(ctx)
	if err != nil {
		return sum, fmt.Errorf("publish %s: %w", cfg.Output, err)
	}
	committed = true
	rec.Seconds["write"] = time.Since(t0).Seconds()
	if err := st.commit(); err != nil {
		// The dataset is published; the next run only re-hashes more.
		log.Warn("state store not saved", "error", err)
	}
	sum.Manifest = m
	for name, t := range m.Tables {
		sum.Rows[name] = t.Rows
		for _, f := range t.Files {
			sum.BytesWritten += f.Bytes
		}
	}
	rec.Rows, rec.BytesOut = sum.Rows, sum.BytesWritten
	sum.Elapsed = time.Since(start)
	if s := sum.Elapsed.Seconds(); s > 0 {
		rec.MBPerSec = float64(sum.InputBytes) / 1e6 / s
		rec.ReportsPerSec = float64(len(srcs)) / s
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

// parseAll reads and parses every source in a bounded pool, reusing the
// state store's parse of files whose content it has seen, and returns the
// results in a deterministic order: by report_id, then source path.
func parseAll(ctx context.Context, cfg Config, srcs []extract.Source, start time.Time, st *state) ([]*schemas.Parsed, int, error) {
	results := make([]*schemas.Parsed, len(srcs))
	var done, bytes, reused atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cfg.Workers)
	stopProgress := progress(cfg.Progress, len(srcs), &done, &bytes)
	defer stopProgress()
	for i := range srcs {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			p, hit, err := parseOrReuse(gctx, srcs[i], cfg.Limits, st, start)
			if err != nil {
				return err
			}
			if hit {
				reused.Add(1)
			}
			results[i] = p
			done.Add(1)
			bytes.Add(p.Report.SourceBytes)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, 0, err
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	sort.SliceStable(results, func(a, b int) bool {
		ra, rb := results[a].Report, results[b].Report
		if ra.ReportID != rb.ReportID {
			return ra.ReportID < rb.ReportID
		}
		return ra.SourcePath < rb.SourcePath
	})
	markDuplicates(results)
	return results, int(reused.Load()), nil
}

// parseOrReuse returns the parse of one source: from the state store when
// its content was parsed before by this version, else freshly, storing it.
func parseOrReuse(ctx context.Context, src extract.Source, lim extract.Limits, st *state, start time.Time) (*schemas.Parsed, bool, error) {
	var mtime int64
	if fi, err := os.Stat(src.Path); err == nil {
		mtime = fi.ModTime().UnixNano()
	}
	id, ok := st.known(src.Rel, src.Size, mtime)
	if !ok && !st.fresh {
		id = hashFile(src.Path) // cheap next to parsing; "" when unreadable
	}
	if id != "" {
		if p := st.load(id); p != nil {
			p.Report.SourcePath = src.Rel
			p.SetKey()
			st.see(src.Rel, fileEntry{Size: src.Size, ModNanos: mtime, ReportID: id})
			return p, true, nil
		}
	}
	p, err := ParseSource(ctx, src, lim)
	if err != nil {
		return nil, false, err
	}
	p.Report.IngestedAt = start
	if p.Report.ReportID != "" {
		st.see(src.Rel, fileEntry{Size: src.Size, ModNanos: mtime, ReportID: p.Report.ReportID})
		if readOK(p) {
			if err := st.store(p); err != nil {
				return nil, false, err
			}
		}
	}
	return p, false, nil
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

func hashFile(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// markDuplicates keeps the rows of a file whose bytes were already seen at
// another path only once: the later path keeps its reports row, with a
// finding naming the first, and contributes no table rows.
func markDuplicates(rs []*schemas.Parsed) {
	for i := 1; i < len(rs); i++ {
		if rs[i].Report.ReportID != rs[i-1].Report.ReportID {
			continue
		}
		first := rs[i-1].Report.SourcePath
		for j := i - 1; j >= 0 && rs[j].Report.ReportID == rs[i].Report.ReportID; j-- {
			first = rs[j].Report.SourcePath
		}
		d := rs[i]
		d.Disclosures, d.Applications, d.Appeals = nil, nil, nil
		d.Findings = []schemas.Finding{{
			ReportID: d.Report.ReportID, ReportYear: d.Report.ReportYear,
			Rule: "DUPLICATE_FILE", Severity: schemas.SeverityInfo, Kind: schemas.KindExtraction, Cell: "report",
			Message: fmt.Sprintf("%s has the same bytes as %s; its rows are kept once, under that path", d.Report.SourcePath, first),
		}}
		d.Report.IssueCount = 1
		d.Report.Status = schemas.StatusOf(d.Findings)
	}
}

// ParseSource reads, decodes and parses one input file. The error is only
// for cancellation: every problem with the file itself is a finding.
func ParseSource(ctx context.Context, src extract.Source, lim extract.Limits) (p *schemas.Parsed, err error) {
	doc, err := extract.Read(ctx, src, lim)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		doc = schemas.Document{SourcePath: src.Rel, SourceFormat: src.Format, SourceBytes: src.Size,
			Findings: []schemas.Finding{{Rule: "READ_FAILED", Severity: schemas.SeverityError, Kind: schemas.KindExtraction,
				Cell: "report", Message: fmt.Sprintf("%s could not be read: %v", src.Rel, err)}}}
	}
	defer func() {
		// A parser panic is a bug; the run records it against the file
		// and goes on.
		if r := recover(); r != nil {
			p = failed(doc, fmt.Sprintf("%s: internal error while parsing: %v", src.Rel, r))
			err = nil
		}
	}()
	return transform.Parse(doc), nil
}

func failed(doc schemas.Document, msg string) *schemas.Parsed {
	p := &schemas.Parsed{Report: schemas.Report{
		ReportID: doc.ReportID, SourcePath: doc.SourcePath, SourceFormat: doc.SourceFormat, Encoding: doc.Encoding,
		SourceBytes: doc.SourceBytes, Template: schemas.TemplateUnknown, ParserVersion: schemas.ParserVersion,
	}}
	p.Findings = append(doc.Findings, schemas.Finding{Rule: "PARSER_PANIC", Severity: schemas.SeverityError,
		Kind: schemas.KindExtraction, Cell: "report", Message: msg})
	p.Report.Status = schemas.StatusOf(p.Findings)
	p.Report.IssueCount = int32(len(p.Findings))
	p.SetKey()
	return p
}
