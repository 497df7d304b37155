package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
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

// writeRecord saves the record (temp file and rename) and keeps the newest
// keep records (keep ≥ 1; Config.Validate refuses less).
func writeRecord(out string, r *RunRecord, keep int) error {
	dir := filepath.Join(out, runsDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	name := filepath.Join(dir, r.RunID+".json")
	tmp := filepath.Join(dir, "."+r.RunID+".json.tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		return err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	// Only records this program wrote are rotated: a name in the run id
	// format whose content names the same run. Temporary files of killed
	// runs (.<run-id>.json.tmp) go too.
	var names []string
	var errs []error
	for _, e := range ents {
		name := e.Name()
		if id, ok := strings.CutSuffix(name, ".json"); ok && isRecord(filepath.Join(dir, name), id) {
			names = append(names, name)
		} else if id, ok := strings.CutSuffix(strings.TrimPrefix(name, "."), ".json.tmp"); ok && name[0] == '.' &&
			id != r.RunID && runIDFormat.MatchString(id) && e.Type().IsRegular() {
			errs = append(errs, os.Remove(filepath.Join(dir, name)))
		}
	}
	sort.Strings(names) // run ids start with the start time
	for len(names) > max(keep, 1) {
		errs = append(errs, os.Remove(filepath.Join(dir, names[0])))
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
func isRecord(path, id string) bool {
	if !runIDFormat.MatchString(id) {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	var r struct {
		RunID string `json:"run_id"`
	}
	return json.NewDecoder(io.LimitReader(f, 1<<20)).Decode(&r) == nil && r.RunID == id
}
