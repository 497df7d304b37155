package load

import (
	"errors"
	"fmt"
)

var (
	// ErrClosed is returned by Add and Commit once the Writer has been
	// committed or aborted.
	ErrClosed = errors.New("load: writer is closed")

	// ErrLocked is returned by NewWriter when another Writer holds the lock
	// of the same output directory.
	ErrLocked = errors.New("load: output directory is locked by another run")

	// ErrRunID is returned by NewWriter when Options.RunID cannot be used as a
	// directory name, or a run with that id already exists.
	ErrRunID = errors.New("load: invalid run id")

	// ErrNoReportID is returned by Add for a report without report_id: its
	// rows could not be sorted or joined.
	ErrNoReportID = errors.New("load: report has no report_id")

	// ErrOrder is returned by Add, in streaming mode, for a report that
	// sorts before the previous one by (report_id, source_path).
	ErrOrder = errors.New("load: report out of order")

	// ErrPartitions is returned by Add, in streaming mode, for a report
	// whose report_year would exceed Options.MaxPartitions distinct values.
	ErrPartitions = errors.New("load: too many report_year partitions")

	// ErrSchema is returned (inside a VerifyError) when a written file, read
	// back through Arrow, does not have the table's schema.
	ErrSchema = errors.New("schema mismatch")

	// ErrRowCount is returned (inside a VerifyError) when a written file does
	// not hold the number of rows written to it.
	ErrRowCount = errors.New("row count mismatch")

	// ErrAfterPublish is returned (wrapped), with the manifest, by Commit
	// when the run was published but a step after the switch failed:
	// removing superseded runs, or a step whose failure could not be undone.
	// The run's dataset is published and complete.
	ErrAfterPublish = errors.New("load: published, but a step after the switch failed")

	// ErrPanic is returned (wrapped, with the panic value) when the Parquet
	// library panicked while writing a file.
	ErrPanic = errors.New("parquet writer panicked")
)

// VerifyError reports a written file that failed verification.
type VerifyError struct {
	File string // path relative to the output directory
	Err  error  // ErrSchema, ErrRowCount or a read error
}

func (e *VerifyError) Error() string { return fmt.Sprintf("load: verify %s: %v", e.File, e.Err) }

func (e *VerifyError) Unwrap() error { return e.Err }
