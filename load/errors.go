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

	// ErrForeign is returned (inside a ForeignError) by NewWriter and Commit
	// when something nianbao did not create stands at a name it writes in
	// the output directory: a table, _manifest.json, _SUCCESS or one of
	// Options.ExtraDirs. Nothing is moved, replaced or deleted.
	ErrForeign = errors.New("load: output directory holds an entry nianbao did not create")

	// ErrRunID is returned by NewWriter when Options.RunID cannot be used as a
	// directory name, or a run with that id already exists.
	ErrRunID = errors.New("load: invalid run id")

	// ErrNoReportID is returned by Add for a report without report_id: its
	// rows could not be sorted or joined.
	ErrNoReportID = errors.New("load: report has no report_id")

	// ErrOrder is returned by Add, in streaming mode, for a report that
	// sorts before the previous one by (report_id, source_path).
	ErrOrder = errors.New("load: report out of order")

	// ErrUnpaired is returned by Commit when AddCells and AddReport were
	// not called for the same reports, and by either of them on a Writer
	// that is not streaming.
	ErrUnpaired = errors.New("load: cell tables and reports rows written for different reports")

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

	// ErrNotExist is returned by a Store for a key that names no object.
	ErrNotExist = errors.New("load: no such object")

	// ErrPrecondition is returned by Store.Put when its condition does not
	// hold: the key exists (If-None-Match) or has another ETag (If-Match).
	ErrPrecondition = errors.New("load: precondition failed")

	// ErrKey is returned by a Store for a key it cannot hold (absolute,
	// empty, or climbing out with "..").
	ErrKey = errors.New("load: invalid key")

	// ErrURL is returned by OpenStore and ParseS3URL for a malformed
	// s3:// URL.
	ErrURL = errors.New("load: invalid storage URL")
)

// VerifyError reports a written file that failed verification.
type VerifyError struct {
	File string // path relative to the output directory
	Err  error  // ErrSchema, ErrRowCount or a read error
}

func (e *VerifyError) Error() string { return fmt.Sprintf("load: verify %s: %v", e.File, e.Err) }

func (e *VerifyError) Unwrap() error { return e.Err }

// ForeignError names an entry of the output directory that nianbao did not
// create and will not replace.
type ForeignError struct {
	Path string // the entry, under the output directory as the caller named it
	What string // what it is: "a folder", "a file", "a link to …"
}

func (e *ForeignError) Error() string {
	return fmt.Sprintf("%s is %s that nianbao did not create, and nianbao never moves, replaces or deletes it: "+
		"choose a new or empty output folder, or move %s out of this one", e.Path, e.What, e.Path)
}

func (e *ForeignError) Unwrap() error { return ErrForeign }
