package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/nianbao/nianbao/schemas"
)

const (
	metaSuffix   = ".meta.json"
	maxMetaBytes = 1 << 20
)

// Read reads and decodes one input file. Problems with the file become
// findings on the returned document; ReportID is set whenever the bytes
// could be read. The error is non-nil only when ctx is done.
func Read(ctx context.Context, src Source, lim Limits) (schemas.Document, error) {
	lim = lim.withDefaults()
	rel := src.Rel
	if rel == "" {
		rel = schemas.EscapeUTF8(path.Base(strings.ReplaceAll(src.Path, "\\", "/")))
	}
	doc := schemas.Document{SourcePath: rel, SourceFormat: src.Format}
	if doc.SourceFormat == "" {
		doc.SourceFormat = FormatOf(rel)
	}
	if err := ctx.Err(); err != nil {
		return doc, err
	}
	fail := func(err error) (schemas.Document, error) {
		if ctx.Err() != nil {
			return doc, ctx.Err()
		}
		doc.Findings = append(doc.Findings, finding(RuleFileUnreadable, schemas.SeverityError,
			fmt.Sprintf("%s could not be read: %s.", rel, describe(err))))
		return doc, nil
	}
	// A file the walk has just listed is not looked up again before it is
	// opened: the open file's fstat refuses it if it is no longer regular.
	open := Open
	if src.listed {
		open = openListed
	}
	f, fi, err := open(src.Path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	readMeta(&doc, src, rel)

	cr := ctxReader{ctx, f}
	// Read the file once into memory when it is small enough (nearly every
	// report is); only a larger one is streamed, twice.
	inMem := min(lim.MaxFileBytes, maxInMemory)
	size := src.Size
	if size <= 0 {
		size = fi.Size()
	}
	// One byte past the in-memory limit tells a file that is larger; "no
	// limit" is the largest int64, which has no byte past it.
	// The bytes of a page or an archive are not kept past parsing (its
	// text is made of copies): they are read into a buffer used again.
	var dst []byte
	if doc.SourceFormat == "html" || doc.SourceFormat == "docx" {
		bp := readBuffers.Get().(*[]byte)
		defer func() {
			if cap(*bp) <= maxPooledRead {
				readBuffers.Put(bp)
			}
		}()
		dst = *bp
		defer func() { *bp = dst[:0] }()
	}
	b, err := readUpTo(dst, cr, size, fi.Size(), inMem+min(1, math.MaxInt64-inMem))
	dst = b
	if err != nil {
		return fail(err)
	}
	readByContent(&doc, b)
	if int64(len(b)) <= inMem {
		sum := sha256.Sum256(b)
		doc.ReportID, doc.SourceBytes = hex.EncodeToString(sum[:]), int64(len(b))
		if doc.SourceFormat == "txt" {
			// b is this function's: text that needs no change is b itself.
			text, det, fs := decodeBytes(rel, b, lim.MaxLineBytes, lim.MaxTextBytes, true)
			doc.Text, doc.Encoding, doc.Findings = text, det.name, append(doc.Findings, fs...)
			peelText(&doc, lim)
			return doc, nil
		}
		return doc, parse(ctx, &doc, input{r: bytes.NewReader(b), size: int64(len(b)), b: b, file: src.Path}, lim)
	}

	// Streamed: hash (and for text and HTML, classify) everything, then
	// decode or parse from a second read. Nothing but what is decoded is
	// held: the text, the page's tags, the archive's directory.
	h := sha256.New()
	h.Write(b)
	var s *sniffer
	w := io.Writer(h)
	if doc.SourceFormat == "txt" || doc.SourceFormat == "html" {
		s = newSniffer()
		s.Write(b)
		w = io.MultiWriter(h, s)
	}
	// The head read into memory is not needed again: let it go now, not
	// when the streamed parse ends (dst is what the deferred put keeps).
	b, dst = nil, nil
	buf := copyBuffers.Get().(*[]byte)
	m, err := io.CopyBuffer(w, cr, *buf)
	copyBuffers.Put(buf)
	if err != nil {
		return fail(err)
	}
	n := inMem + 1 + m
	doc.ReportID, doc.SourceBytes = hex.EncodeToString(h.Sum(nil)), n
	if s != nil {
		s.finish()
	}
	if n > lim.MaxFileBytes {
		if s != nil {
			doc.Encoding = s.choose().name
		}
		doc.Findings = append(doc.Findings, tooLarge(rel, n, lim))
		return doc, nil
	}
	if streamHook != nil {
		streamHook()
	}
	if doc.SourceFormat != "txt" {
		return doc, parse(ctx, &doc, input{r: f, size: n, s: s, file: src.Path}, lim)
	}
	det := s.choose()
	doc.Encoding = det.name
	doc.Findings = append(doc.Findings, detectionFindings(rel, n, det)...)
	if det.name == "" {
		return doc, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fail(err)
	}
	text, fs, err := decodeText(ctx, rel, cr, det.enc, lim.MaxLineBytes, lim.MaxTextBytes)
	if err != nil {
		return doc, err
	}
	doc.Text, doc.Findings = text, append(doc.Findings, fs...)
	peelText(&doc, lim)
	return doc, nil
}

// streamHook, when set, is called before a file too large to be read
// into memory is decoded from its second read (tests measure what is held
// then).
var streamHook func()

// maxInMemory is the largest text file decoded from memory; a larger one
// is streamed so that memory stays bounded by the decoded text.
const maxInMemory = 8 << 20

// copyBuffers are the buffers of streamed reads.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// readBuffers hold the bytes of pages and archives while they are read.
var readBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledRead is the largest buffer kept in readBuffers.
const maxPooledRead = 1 << 20

// readUpTo reads r to its end or to limit bytes, whichever comes first,
// into dst's storage when it is large enough, or else allocating once
// when size (the file's size when it was listed) is right.
//
// end is the size the open file's fstat gave (-1: not known). A read that
// stops short of the room it was given, where the bytes read are end, has
// reached the end: the read that would return nothing is not made (one
// system call a report, as hashFile does). A file that grew since its
// fstat gives more bytes than end in that read, so it is read on to its
// end; one that grows after the read is in the state this read found, as
// it would be had it grown just after the read that returned nothing.
func readUpTo(dst []byte, r io.Reader, size, end, limit int64) ([]byte, error) {
	b := dst[:0]
	if n := min(max(size, 0)+1, limit, 1<<30); int64(cap(b)) < n {
		b = make([]byte, 0, n)
	}
	for int64(len(b)) < limit {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		room := min(int64(cap(b)), limit) - int64(len(b))
		n, err := r.Read(b[len(b) : int64(len(b))+room])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if int64(n) < room && int64(len(b)) == end {
			return b, nil
		}
	}
	return b, nil
}

// ReadBytes is Read on bytes in memory, named rel (whose extension gives
// the format). No sidecar is read.
func ReadBytes(rel string, b []byte, lim Limits) schemas.Document {
	lim = lim.withDefaults()
	sum := sha256.Sum256(b)
	doc := schemas.Document{
		ReportID:     hex.EncodeToString(sum[:]),
		SourcePath:   rel,
		SourceFormat: FormatOf(rel),
		SourceBytes:  int64(len(b)),
	}
	if int64(len(b)) > lim.MaxFileBytes {
		doc.Findings = append(doc.Findings, tooLarge(rel, int64(len(b)), lim))
		return doc
	}
	readByContent(&doc, b)
	if doc.SourceFormat == "txt" {
		text, det, fs := decodeBytes(rel, b, lim.MaxLineBytes, lim.MaxTextBytes, false)
		doc.Text, doc.Encoding, doc.Findings = text, det.name, fs
		peelText(&doc, lim)
		return doc
	}
	_ = parse(context.Background(), &doc, input{r: bytes.NewReader(b), size: int64(len(b)), b: b}, lim)
	return doc
}

func tooLarge(rel string, n int64, lim Limits) schemas.Finding {
	return finding(RuleFileTooLarge, schemas.SeverityError, fmt.Sprintf(
		"%s is %d bytes, over the limit of %d; it was hashed but not decoded.", rel, n, lim.MaxFileBytes))
}

// input is the bytes of a non-text source, in memory or in its file.
type input struct {
	r    io.ReaderAt
	size int64
	b    []byte   // the bytes, when they are in memory
	s    *sniffer // what the sniffer saw of all of them, when it has
	file string   // the path on disk, when there is one
}

// parse fills doc from a non-text source. A panic in a parser is a bug,
// turned into a finding so one bad file cannot stop a run.
func parse(ctx context.Context, doc *schemas.Document, in input, lim Limits) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if s, ok := r.(stopped); ok {
				err = s.err
				return
			}
			doc.Text, doc.Tables = "", nil
			doc.Findings = append(doc.Findings, finding(RuleInternal, schemas.SeverityError, fmt.Sprintf(
				"%s could not be read because of a bug in extract: %v.", doc.SourcePath, r)))
			if debugPanics {
				fmt.Fprintf(os.Stderr, "%v\n%s", r, debug.Stack())
			}
		}
	}()
	rel := doc.SourcePath
	switch doc.SourceFormat {
	case "html":
		readHTML(doc, in.r, in.b, in.size, in.s, lim, newStopper(ctx))
	case "docx":
		readDOCX(doc, in.r, in.b, in.size, lim, newStopper(ctx))
	case "pdf":
		return readPDF(ctx, doc, in.b, in.file, lim)
	default:
		doc.Findings = append(doc.Findings, finding(RuleUnsupported, schemas.SeverityError,
			fmt.Sprintf("%s is not of an input type (txt, html, docx, pdf).", rel)))
	}
	return nil
}

// debugPanics prints the stack of a caught panic (set in tests).
var debugPanics = false

// sidecarPaths are where the sidecar of the file at p may be, in the order
// they are tried: X.meta.json beside X, where X is the full file name
// ("a.txt.meta.json") or its stem ("a.meta.json"). The first that can be
// opened is the file's sidecar.
func sidecarPaths(p string) [2]string {
	return [2]string{p + metaSuffix, strings.TrimSuffix(p, path.Ext(p)) + metaSuffix}
}

// ReadSidecar returns the bytes of the sidecar of the source (at most
// 1 MiB and one byte more), and its name (escaped, see schemas.EscapeUTF8);
// ok is false when there is none.
//
// A sidecar that is not a regular file (a FIFO, a device) is not opened,
// nor, for a source found by a walk that does not follow external links,
// one that is a symlink leading out of the walk's root: it is returned with
// ok and an error (ErrNotRegular, ErrOutside), so it is reported as invalid
// instead of blocking the run or reading a file outside the input.
//
// For a source found by Walk, only the names its folder's listing held
// are looked up: a report without a sidecar costs no system call for it.
func ReadSidecar(src Source) (b []byte, name string, ok bool, err error) {
	if src.sidecars&sidecarsListed != 0 && src.sidecars&(sidecarAt|sidecarAt<<1) == 0 {
		return nil, "", false, nil // the listing held neither name
	}
	for i, mp := range sidecarPaths(src.Path) {
		if src.sidecars&sidecarsListed != 0 && src.sidecars&(sidecarAt<<i) == 0 {
			continue // not in the directory when it was walked
		}
		name := schemas.EscapeUTF8(path.Base(mp))
		if src.root != "" {
			if fi, err := os.Lstat(mp); err == nil && fi.Mode()&os.ModeSymlink != 0 {
				target, err := filepath.EvalSymlinks(mp)
				if err == nil {
					target, err = filepath.Abs(target)
				}
				if err == nil && !inside(src.root, target) {
					return nil, name, true, ErrOutside
				}
			}
		}
		f, _, err := Open(mp)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			continue // none at this name
		}
		if err != nil {
			// There, but not readable (not a regular file, permission
			// denied, a symlink loop): said, never taken for no sidecar.
			return nil, name, true, err
		}
		b, err := io.ReadAll(io.LimitReader(f, maxMetaBytes+1))
		f.Close()
		return b, name, true, err
	}
	return nil, "", false, nil
}

// readMeta reads the sidecar of the file at p into doc.Meta. A year out of
// range is a finding and is left out; the rest of the sidecar is kept.
func readMeta(doc *schemas.Document, src Source, rel string) {
	b, name, ok, err := ReadSidecar(src)
	if !ok {
		return
	}
	var m struct {
		schemas.Meta
		// Year is read apart: a number out of int32, or a string, must not
		// become another year or cost the rest of the sidecar.
		Year json.RawMessage `json:"year"`
	}
	switch {
	case err != nil:
		err = fmt.Errorf("read: %s", describe(err))
	case len(b) > maxMetaBytes:
		err = fmt.Errorf("over %d bytes", maxMetaBytes)
	default:
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		doc.Meta = schemas.Meta{}
		doc.Findings = append(doc.Findings, finding(RuleMetaInvalid, schemas.SeverityWarning,
			fmt.Sprintf("%s: the sidecar %s was ignored: %v.", rel, name, err)))
		return
	}
	doc.Meta = m.Meta
	doc.Meta.Year = 0
	raw := strings.TrimSpace(string(m.Year))
	if raw == "" || raw == "null" {
		return
	}
	y, err := strconv.ParseInt(strings.Trim(raw, `"`), 10, 64)
	if err == nil && y >= MinYear && y <= MaxYear {
		doc.Meta.Year = int(y)
		return
	}
	if len(raw) > 40 {
		raw = raw[:40] + "…"
	}
	doc.Findings = append(doc.Findings, finding(RuleMetaYearInvalid, schemas.SeverityWarning,
		fmt.Sprintf("%s: the sidecar %s gives year %s, not a year from %d to %d; it was ignored.",
			rel, name, schemas.EscapeUTF8(raw), MinYear, MaxYear)))
}

// The years a sidecar may give (the report_year values it can set): the
// years the templates' reports cover, with room ahead. Text years are
// read as 20xx, within the same range.
const (
	MinYear = 2000
	MaxYear = 2100
)

// Open opens the file at p for reading if it is a regular file, and
// returns it with its FileInfo. It never blocks: a FIFO, a device or a
// socket is refused with ErrNotRegular, checked before the open and, on
// the open file, after it (the name may have been replaced in between;
// the open itself is non-blocking, so a FIFO cannot hold it).
func Open(p string) (*File, os.FileInfo, error) {
	fi, err := statFile(p)
	if err != nil {
		return nil, nil, err
	}
	return OpenStat(p, fi)
}

// OpenStat is Open for a caller that has just had fi from os.Stat(p): it
// is checked instead of a second look-up of the path. A nil fi is for a
// caller that has just listed p as a regular file by its own os.Stat (as
// Walk does): p is opened at once, and the open file is checked as Open
// checks it, so a FIFO or a device swapped in since is still refused
// without blocking. The FileInfo returned is the open file's.
func OpenStat(p string, fi os.FileInfo) (*File, os.FileInfo, error) {
	if fi != nil && !fi.Mode().IsRegular() {
		return nil, fi, fmt.Errorf("%w (%s)", ErrNotRegular, fileType(fi.Mode()))
	}
	return openRegular(p)
}

// openFile opens a file and returns its descriptor; tests replace it to
// inject faults (root opens every file whatever its permissions).
var openFile = openFD

// statFile looks up a path before Open opens it; tests count its calls.
var statFile = os.Stat

// openListed is OpenStat for a path the walk has just listed as a regular
// file.
func openListed(p string) (*File, os.FileInfo, error) { return OpenStat(p, nil) }

// describe names an I/O error for a finding: the errno's name and text
// when there is one ("permission denied (EACCES)"), without the absolute
// path an *fs.PathError carries.
func describe(err error) string {
	err = unwrapPath(err)
	var no syscall.Errno
	if errors.As(err, &no) {
		if name, ok := errnoNames[no]; ok {
			return fmt.Sprintf("%v (%s)", err, name)
		}
		return fmt.Sprintf("%v (errno %d)", err, int(no))
	}
	return err.Error()
}

var errnoNames = map[syscall.Errno]string{
	syscall.EACCES: "EACCES", syscall.EPERM: "EPERM", syscall.EIO: "EIO", syscall.ENOENT: "ENOENT",
	syscall.ELOOP: "ELOOP", syscall.ENXIO: "ENXIO", syscall.EISDIR: "EISDIR", syscall.ENAMETOOLONG: "ENAMETOOLONG",
	syscall.EMFILE: "EMFILE", syscall.ENFILE: "ENFILE", syscall.ESTALE: "ESTALE", syscall.ENOTDIR: "ENOTDIR",
}

// ctxReader stops reading when ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
