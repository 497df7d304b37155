// Package load writes a run's rows as the nianbao dataset (Hive-partitioned
// Parquet, see docs/data-contract "Dataset layout") and publishes it so
// readers see either the previous dataset or the new one.
//
// # Files
//
// Each table is written with parquet-go to
// <table>/report_year=<Y>/part-00000-<digest>.parquet (part-00001… once a
// file reaches Options.MaxFileRows; <digest> is the first 16 hex digits of
// the file's SHA-256, so a name never stands for two different contents), report_year=__HIVE_DEFAULT_PARTITION__ for an
// unknown year. report_year is also stored in each file (one year per file),
// so that a file alone, or an Iceberg table, knows its year. Rows are sorted
// by report_id (then source_path), and within a report keep the order they
// were added, which is the template's order. Files are zstd-compressed (the
// reports table at zstd's default level, the others at its fastest: see
// codecs), use v1 data pages whose bounds are in the column index and
// the column chunks' statistics, not in each page's header, dictionary-encode
// the code columns and applications' report_id (struct tag dict), store
// money as DECIMAL(18,2) on INT64 and times as TIMESTAMP(MICROS, UTC), and
// carry a fixed created_by: the same rows give byte-identical files.
// A table none of whose files is in a known year (no rows, or only rows of
// an unknown year) also gets one empty file with its schema in the run's
// first year, or report_year=0 when no year is known: a glob over it
// matches, and readers that type report_year from the folder names (Spark,
// pyarrow) read it as an integer, which __HIVE_DEFAULT_PARTITION__ alone
// does not allow. Row groups hold Options.RowGroupRows rows; parquet-go
// buffers one row group at a time.
//
// With Options.Verify, every file is read back with Arrow's Parquet reader,
// a second, independent implementation: its Arrow schema must match the
// table's (schemas package) and every row must decode. Its column readers
// decode every level and value of every column chunk, page by page, into
// reused buffers (no Arrow arrays are built): each chunk must yield its
// row group's rows, a value for every non-null level, and no level out of
// range.
//
// # Publishing
//
// Layout of an output directory OUT:
//
//	OUT/.nianbao/lock                  flock(2) held by the running Writer
//	OUT/.nianbao/owned.json            what nianbao made here (see below)
//	OUT/.nianbao/runs/<run-id>/…       one run: five tables and _manifest.json
//	OUT/.nianbao/current -> runs/<run-id>
//	OUT/<table>          -> .nianbao/current/<table>    (five links)
//	OUT/_manifest.json   -> .nianbao/current/_manifest.json
//	OUT/_SUCCESS                        empty file
//
// A run writes, syncs and verifies everything under runs/<run-id>, which
// readers skip (the path starts with '.'). Publishing is then a single
// rename(2) of a new link over OUT/.nianbao/current: that one step switches
// all five tables and the manifest together. The links OUT/<table> and
// OUT/_manifest.json never change once made. _SUCCESS is written after the
// switch (temp file + rename); it says that a complete dataset is published,
// and the manifest says which run it is. A failure between the switch and
// _SUCCESS is undone: a copy of the previous link, made before the switch,
// is renamed back, which needs no free space. Then runs other than the new one
// and the one it replaced are removed (only runs the ownership record
// lists, see below); the replaced run is kept until the next Commit so that
// a reader which listed files before the switch can still open them.
//
// What is atomic, exactly: each path lookup sees the old run or the new one.
// A reader that lists files and opens them later (DuckDB globs, Spark plans)
// re-resolves the links at each open. Because file names carry a digest of
// their content, such a reader either opens the same bytes it listed (the
// file did not change) or fails to find the file (it did): it never reads
// a mix of two runs' rows silently. A reader that needs a fixed snapshot
// across a publish resolves OUT/<table> first (realpath) or reads the files
// under the manifest's run_dir.
//
// # What a Writer may change
//
// A Writer moves, replaces or deletes only what it can prove it made, never
// a path because of its name. The proof is the ownership record
// OUT/.nianbao/owned.json, written (temporary file, fsync, rename) before
// each thing it lists is made:
//
//   - the names directly under OUT that nianbao made, with their kind: the
//     five table links and the _manifest.json link (made once with
//     symlink(2), never changed), the empty _SUCCESS (replaced at each
//     publish) and the caller's Options.ExtraDirs;
//   - the run directories under .nianbao/runs, each recorded before it is
//     created, and which of them the published run replaced.
//
// NewWriter refuses, before creating anything, an OUT where something else
// stands at one of those names (a folder named like a table, the user's own
// _manifest.json, another tool's _SUCCESS): ErrForeign, in a ForeignError
// that names the path. Publish checks again right before the switch.
// Files and folders at any other name in OUT are never looked at.
//
// Cleanup removes only recorded runs, with their temporary names
// (.nianbao/.nianbao-tmp-<run-id>-<name>, which carry the run id for that
// reason). NewWriter, under the lock, removes recorded runs other than the
// published one and the one it replaced, so that runs killed before they
// published do not pile up even when no later run publishes; Commit does
// the same after the switch. A folder under .nianbao/runs that is not
// recorded is left as it is, whatever its name.
//
// An OUT written by a nianbao that kept no record is taken over only on
// proof: .nianbao/current links to runs/<id> and that run's _manifest.json
// names it. Then the links with exactly nianbao's targets, an empty
// _SUCCESS, the caller's folders and every run directory whose manifest
// names it are recorded; anything else is treated as foreign. An OUT of
// the layout before the links (plain table directories) is refused like
// any other: nothing proves who wrote those directories.
//
// The links are local-filesystem objects. Everything else a Writer reads
// and writes goes through a Store (store.go): a local folder, or an S3
// bucket prefix (Options.Store), where a run is held by a lease object and
// published by a conditional write of _manifest.json (publish_s3.go).
//
// # Memory
//
// By default Add keeps every report in memory until Commit, which sorts them
// by report_id: fine for a province's reports, not for a national run
// (about 35 KB per template-sized report: 700 MB for 20 000).
//
// With Options.Streaming the caller sorts (reports come in report_id
// order, checked: ErrOrder) and Add writes each report through, keeping
// nothing of it. The Writer then has one partition writer open per table
// and report_year seen, at most 5 × Options.MaxPartitions (an error past
// that: ErrPartitions), each created at its partition's first row and
// closed by Commit, or for the cell tables by FinishCells when the caller
// is done with AddCells (split.go). Each holds:
//
//   - up to 1 024 rows not yet handed to parquet-go, with their strings
//     and pointed-to values copied into the Writer's own memory;
//   - parquet-go's buffer of the current page of every column,
//     uncompressed, flushed at Options.PageBufferBytes (64 KiB by default
//     when streaming; parquet-go's pooled slices round up), and the
//     compressed pages of the current row group, at most
//     Options.RowGroupRows rows (131 072 by default when streaming, close
//     to DuckDB's 122 880: real data compresses far less than a test's);
//   - the metadata of the row groups and pages already in the open file
//     (statistics, page index), which grows until the file reaches
//     MaxFileRows and a new part starts.
//
// A streaming Writer also takes a report in two calls, in the same order:
// AddCells writes its cell tables (disclosures, applications, appeals),
// AddReport later its reports and quality rows (split.go). The tables are
// written independently of each other, so the files are those of Add.
//
// Add two zstd codecs for the run, one a level (codecs), each a pool of
// encoders (16 MiB of window at the default level, re-created when
// sync.Pool drops them). With FinishCells, the cell tables' files are
// closed and read back (Arrow's reader, 64 K-row batches) while AddReport
// writes the other two tables, so those buffers and the open reports and
// quality writers are in memory at once. Memory thus grows with the open
// writers, not with the reports. Measured with the streaming defaults on synthetic
// template-sized reports: four years (20 writers), 20 000 reports: live
// heap 16–30 MB, peak HeapInuse 63 MB at GOGC=100; 19 years (95
// writers), 60 000 reports: live 76–116 MB, peak 254 MB. Buffered, 20 000
// reports hold 700 MB live (35 KB a report). With parquet-go's 256 KiB
// pages the same 19-year run needed 265 MB live and peaked at 590 MB.
//
// Both modes hand rows to parquet-go in the same batches, so for the same
// reports and the same RowGroupRows, PageBufferBytes and MaxFileRows they
// write byte-identical files with the same names and manifest entries.
// Their defaults differ (see above), so by default the two modes write the
// same rows in the same files and order but other row groups and pages,
// hence other bytes and file names.
package load
