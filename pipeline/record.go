package pipeline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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
// keep records.
func writeRecord(out string, r *RunRecord, keep int) error {
	dir := filepath.Join(out, runsDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := replaceFile(filepath.Join(dir, r.RunID+".json"), append(b, '\n')); err != nil {
		return err
	}
	if keep <= 0 {
		return nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".json") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names) // run ids start with the start time
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return fmt.Errorf("rotate run records: %w", err)
		}
		names = names[1:]
	}
	return nil
}
