package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sort"
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
	// Progress receives a progress line while the run goes on; nil for none.
	Progress io.Writer
	Logger   *slog.Logger
	// Now returns the run's start time; tests pin it.
	Now    func() time.Time
	Limits extract.Limits
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
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.Now == nil {
		c.Now = time.Now
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
}

// Run executes one full run: read every input file, parse it and publish the
// dataset atomically. Per-file problems are data; the error is for what
// stops the run (cancellation, an unusable output folder, a failed publish).
func Run(ctx context.Context, cfg Config) (*Summary, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	start := cfg.Now().UTC().Truncate(time.Microsecond)
	runID := start.Format("20060102T150405.000000Z")
	log := cfg.Logger.With("run_id", runID)

	var srcs []extract.Source
	err := extract.Walk(ctx, cfg.Input, func(s extract.Source) error {
		srcs = append(srcs, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", cfg.Input, err)
	}
	log.Info("inputs found", "files", len(srcs), "input", cfg.Input)

	w, err := load.NewWriter(cfg.Output, load.Options{RunID: runID, StartedAt: start, PipelineVersion: Version, Verify: true})
	if err != nil {
		return nil, fmt.Errorf("prepare output %s: %w", cfg.Output, err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = w.Abort()
		}
	}()

	results, err := parseAll(ctx, cfg, srcs, start)
	if err != nil {
		return nil, err
	}
	sum := &Summary{RunID: runID, Files: len(srcs), ByStatus: map[string]int{}, ByTemplate: map[string]int{}, Rows: map[string]int64{}}
	for _, p := range results {
		sum.InputBytes += p.Report.SourceBytes
		sum.ByStatus[p.Report.Status]++
		sum.ByTemplate[p.Report.Template]++
		if err := w.Add(p); err != nil {
			return nil, fmt.Errorf("buffer %s: %w", p.Report.SourcePath, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m, err := w.Commit(ctx)
	if err != nil {
		return nil, fmt.Errorf("publish %s: %w", cfg.Output, err)
	}
	committed = true
	sum.Manifest = m
	for name, t := range m.Tables {
		sum.Rows[name] = t.Rows
		for _, f := range t.Files {
			sum.BytesWritten += f.Bytes
		}
	}
	sum.Elapsed = cfg.Now().Sub(start)
	log.Info("published", "files", sum.Files, "elapsed", sum.Elapsed)
	return sum, nil
}

// parseAll reads and parses every source in a bounded pool and returns the
// results in a deterministic order: by report_id, then source path.
func parseAll(ctx context.Context, cfg Config, srcs []extract.Source, start time.Time) ([]*schemas.Parsed, error) {
	results := make([]*schemas.Parsed, len(srcs))
	var done atomic.Int64
	var bytes atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cfg.Workers)
	stopProgress := progress(cfg.Progress, len(srcs), &done, &bytes)
	defer stopProgress()
	for i := range srcs {
		i := i
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			p, err := ParseSource(gctx, srcs[i], cfg.Limits)
			if err != nil {
				return err
			}
			p.Report.IngestedAt = start
			results[i] = p
			done.Add(1)
			bytes.Add(p.Report.SourceBytes)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(results, func(a, b int) bool {
		ra, rb := results[a].Report, results[b].Report
		if ra.ReportID != rb.ReportID {
			return ra.ReportID < rb.ReportID
		}
		return ra.SourcePath < rb.SourcePath
	})
	markDuplicates(results)
	return results, nil
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
