package extract

import (
	"fmt"
	"time"
)

// Limits bound what reading one file may cost. A zero field takes its
// default; a negative one means no limit.
type Limits struct {
	// MaxFileBytes is the largest file that is decoded; a larger one is
	// still hashed (streaming) so its ReportID is stable, and gets a
	// FILE_TOO_LARGE finding. Default 64 MiB.
	MaxFileBytes int64
	// MaxTextBytes is the most decoded text (UTF-8) one file may hold; a
	// file with more is hashed but not parsed, with a FILE_TOO_LARGE
	// finding. Reading stops there, so a file costs memory in proportion to
	// the text it is allowed to have, whatever its size. Each line of a
	// text, PDF or DOCX file counts 32 bytes more (what indexing it costs).
	// Default 4 MiB (real reports hold under 300 KB); at most
	// MaxTextCeiling, which a larger or negative value means.
	MaxTextBytes int64
	// MaxLineBytes is the longest decoded line kept; a longer one is
	// truncated with a LINE_TOO_LONG finding. Default 1 MiB.
	MaxLineBytes int
	// MaxZipEntries, MaxZipEntryBytes and MaxZipTotalBytes bound a DOCX
	// archive: the number of entries, the uncompressed size of the one
	// entry that is read, and the declared uncompressed size of all
	// entries together. Defaults 10 000, 256 MiB and 1 GiB.
	MaxZipEntries    int
	MaxZipEntryBytes int64
	MaxZipTotalBytes int64
	// PDFTimeout bounds one run of pdftotext. Default 60 s.
	PDFTimeout time.Duration
}

// Default limits.
const (
	DefaultMaxFileBytes     = 64 << 20
	DefaultMaxTextBytes     = 4 << 20
	DefaultMaxLineBytes     = 1 << 20
	DefaultMaxZipEntries    = 10000
	DefaultMaxZipEntryBytes = 256 << 20
	DefaultMaxZipTotalBytes = 1 << 30
	DefaultPDFTimeout       = 60 * time.Second
)

// MaxTextCeiling is the most text a file may hold whatever the limits
// say: the parse keeps a place in a text (its line, a cell's columns, a
// finding's line) as an int32, each at most the text's length plus one,
// so a text must stay under 2 GiB; 1 GiB leaves room.
const MaxTextCeiling = 1 << 30

// Key names the limits as a file is read under them (defaults filled in),
// for a cache of what was read: the same key, the same document from the
// same bytes. PDFTimeout is not part of it: a PDF that takes longer fails
// (PDF_FAILED, which nothing caches), and one read in time reads the
// same under any timeout.
func (l Limits) Key() string {
	l = l.withDefaults()
	return fmt.Sprintf("file=%d,text=%d,line=%d,zip=%d/%d/%d",
		l.MaxFileBytes, l.MaxTextBytes, l.MaxLineBytes, l.MaxZipEntries, l.MaxZipEntryBytes, l.MaxZipTotalBytes)
}

// withDefaults returns l with zero fields set to their defaults and
// negative ones set to "unlimited".
func (l Limits) withDefaults() Limits {
	const unlimited = 1<<63 - 1
	i64 := func(v *int64, def int64) {
		switch {
		case *v == 0:
			*v = def
		case *v < 0:
			*v = unlimited
		}
	}
	i64(&l.MaxFileBytes, DefaultMaxFileBytes)
	i64(&l.MaxTextBytes, DefaultMaxTextBytes)
	l.MaxTextBytes = min(l.MaxTextBytes, MaxTextCeiling)
	i64(&l.MaxZipEntryBytes, DefaultMaxZipEntryBytes)
	i64(&l.MaxZipTotalBytes, DefaultMaxZipTotalBytes)
	switch {
	case l.MaxLineBytes == 0:
		l.MaxLineBytes = DefaultMaxLineBytes
	case l.MaxLineBytes < 0:
		l.MaxLineBytes = int(^uint(0) >> 1)
	}
	switch {
	case l.MaxZipEntries == 0:
		l.MaxZipEntries = DefaultMaxZipEntries
	case l.MaxZipEntries < 0:
		l.MaxZipEntries = int(^uint(0) >> 1)
	}
	if l.PDFTimeout <= 0 {
		l.PDFTimeout = DefaultPDFTimeout
	}
	return l
}
