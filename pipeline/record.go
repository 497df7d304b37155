package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/nianbao/nianbao/load"
)

// RunRecord is what a run writes to OUT/_runs/<run-id>.json: enough to
// monitor a nightly job without reading its logs. The folder starts with
// '_' so Spark and DuckDB skip it.
type RunRecord struct {
	RunID         string    `json:"run_id"`
	Version       string    `json:"nianbao_version"`
	ParserVersion string    `json:"parser_version"`
	SchemaVersion string    `json:"schema_version"`
	Input         string    `json:"input"`
	Output        string    `json:"output"`
	Full          bool      `json:"full"`
	StartedAt     time.Time `json:"started_at"`
	FinishedAt    time.Time `json:"finished_at"`
	// Status is published, unchanged (every input as the last published
	// run saw it: the dataset was left as it is), failed, interrupted or
	// too_many_errors.
	Status string `json:"status"`
	// Unchanged is true when the run found nothing to do (status unchanged).
	Unchanged  bool   `json:"-"`
	ExitStatus int    `json:"exit_status"`
	Error      string `json:"error,omitempty"`

	Inputs struct {
		Seen      int            `json:"seen"`      // files found under the input folder
		New       int            `json:"new"`       // paths the last published run did not have
		Changed   int            `json:"changed"`   // paths whose content changed
		Deleted   int            `json:"deleted"`   // paths of the last run that are gone
		Unchanged int            `json:"unchanged"` // reused from the state store, not parsed
		Parsed    int            `json:"parsed"`    // read and parsed in this run
		Skipped   int            `json:"skipped"`   // files the walk passed over (unknown type, links seen twice)
		SkippedBy map[string]int `json:"skipped_by,omitempty"`
		// WalkErrors name each entry the walk could not read, with why;
		// Kept counts the files under them whose last rows were kept.
		WalkErrors []string `json:"walk_errors,omitempty"`
		Kept       int      `json:"kept,omitempty"`
	} `json:"inputs"`
	Reports   map[string]int   `json:"reports_by_status"`
	Templates map[string]int   `json:"reports_by_template"`
	Rows      map[string]int64 `json:"rows"`
	BytesIn   int64            `json:"bytes_in"`
	BytesOut  int64            `json:"bytes_written"`
	// Seconds per stage: walk, parse (read, decode, parse or reuse), write
	// (sort, write, verify, publish), and total.
	Seconds       map[string]float64 `json:"seconds"`
	MBPerSec      float64            `json:"input_mb_per_s"`
	ReportsPerSec float64            `json:"reports_per_s"`
	// PeakRSSMB is the most memory the process held (resident set), MB.
	PeakRSSMB float64 `json:"peak_rss_mb"`
}

const runsDir = "_runs"

// writeRecord saves the record (a new object, or temp file and rename)
// and keeps the newest keep records (keep ≥ 1; Config.Validate refuses
// less).
func writeRecord(ctx context.Context, out load.Store, r *RunRecord, keep int) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if _, err := out.Put(ctx, runsDir+"/"+r.RunID+".json", append(b, '\n'), load.Cond{}); err != nil {
		return err
	}
	objs, err := out.List(ctx, runsDir+"/")
	if err != nil {
		return err
	}
	// Only records this program wrote are rotated: a name in the run id
	// format whose content names the same run. Temporary files that killed
	// runs left in a local folder (.nianbao-tmp-<run-id>.json-<hex>) go too.
	var names []string
	var errs []error
	for _, o := range objs {
		name := strings.TrimPrefix(o.Key, runsDir+"/")
		if strings.Contains(name, "/") {
			continue
		}
		if id, ok := strings.CutSuffix(name, ".json"); ok && isRecord(ctx, out, o.Key, id) {
			names = append(names, name)
		} else if m := tmpRecord.FindStringSubmatch(name); m != nil && m[1] != r.RunID {
			errs = append(errs, out.Delete(ctx, o.Key))
		}
	}
	sort.Strings(names) // run ids start with the start time
	for len(names) > max(keep, 1) {
		errs = append(errs, out.Delete(ctx, runsDir+"/"+names[0]))
		names = names[1:]
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("rotate run records: %w", err)
	}
	return nil
}

// runIDFormat is the form of the run ids Run makes (the start time).
var runIDFormat = regexp.MustCompile(`^[0-9]{8}T[0-9]{6}\.[0-9]{6}Z$`)

// isRecord reports whether the file at path is a run record of run id: its
// name has the run id format and its run_id field is id.
func isRecord(ctx context.Context, out load.Store, key, id string) bool {
	if !runIDFormat.MatchString(id) {
		return false
	}
	rc, err := out.Read(ctx, key)
	if err != nil {
		return false
	}
	defer rc.Close()
	var r struct {
		RunID string `json:"run_id"`
	}
	return json.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&r) == nil && r.RunID == id
}

// tmpRecord is a temporary name of a record that a killed run left in a
// local folder: .nianbao-tmp-<run-id>.json-<hex> (the store's), or
// .<run-id>.json.tmp (earlier versions'); group 1 is the run id.
var tmpRecord = regexp.MustCompile(`^\.(?:nianbao-tmp-)?([0-9]{8}T[0-9]{6}\.[0-9]{6}Z)\.json(?:\.tmp|-[0-9a-f]{12})$`)
