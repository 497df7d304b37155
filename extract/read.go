package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"runtime/debug"
	"strings"
	"sync"

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
		rel = path.Base(strings.ReplaceAll(src.Path, "\\", "/"))
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
			fmt.Sprintf("%s could not be read: %v.", rel, err)))
		return doc, nil
	}
	f, err := os.Open(src.Path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	readMeta(&doc, src.Path, rel)

	cr := ctxReader{ctx, f}
	// Read the file once into memory when it is small enough (nearly every
	// report is); only a larger one is streamed, twice.
	inMem := min(lim.MaxFileBytes, maxInMemory)
	if doc.SourceFormat != "txt" {
		inMem = lim.MaxFileBytes
	}
	size := src.Size
	if size <= 0 {
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
	}
	// One byte past the in-memory limit tells a file that is larger; "no
	// limit" is the largest int64, which has no byte past it.
	b, err := readUpTo(cr, size, inMem+min(1, math.MaxInt64-inMem))
	if err != nil {
		return fail(err)
	}
	if int64(len(b)) <= inMem || doc.SourceFormat != "txt" && inMem == math.MaxInt64 {
		sum := sha256.Sum256(b)
		doc.ReportID, doc.SourceBytes = hex.EncodeToString(sum[:]), int64(len(b))
		if doc.SourceFormat == "txt" {
			text, det, fs := decodeBytes(rel, b, lim.MaxLineBytes)
			doc.Text, doc.Encoding, doc.Findings = text, det.name, append(doc.Findings, fs...)
			return doc, nil
		}
		return doc, parse(ctx, &doc, b, src.Path, lim)
	}

	// Streamed: hash (and for text, classify) everything, then decode
	// text from a second read. Nothing but the decoded text is held. Only
	// text gets here within MaxFileBytes (other formats are read whole up
	// to it): every other file here is too large.
	h := sha256.New()
	h.Write(b)
	var s *sniffer
	w := io.Writer(h)
	if doc.SourceFormat == "txt" {
		s = newSniffer()
		s.Write(b)
		w = io.MultiWriter(h, s)
	}
	b = nil
	buf := copyBuffers.Get().(*[]byte)
	m, err := io.CopyBuffer(w, cr, *buf)
	copyBuffers.Put(buf)
	if err != nil {
		return fail(err)
	}
	n := inMem + 1 + m
	doc.ReportID, doc.SourceBytes = hex.EncodeToString(h.Sum(nil)), n
	if n > lim.MaxFileBytes || s == nil {
		if s != nil {
			s.finish()
			doc.Encoding = s.choose().name
		}
		doc.Findings = append(doc.Findings, tooLarge(rel, n, lim))
		return doc, nil
	}
	s.finish()
	det := s.choose()
	doc.Encoding = det.name
	doc.Findings = append(doc.Findings, detectionFindings(rel, n, det)...)
	if det.name == "" {
		return doc, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fail(err)
	}
	text, fs, err := decodeText(ctx, rel, cr, det.enc, lim.MaxLineBytes)
	if err != nil {
		return doc, err
	}
	doc.Text, doc.Findings = text, append(doc.Findings, fs...)
	return doc, nil
}

// maxInMemory is the largest text file decoded from memory; a larger one
// is streamed so that memory stays bounded by the decoded text.
const maxInMemory = 8 << 20

// copyBuffers are the buffers of streamed reads.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// readUpTo reads r to its end or to max bytes, whichever comes first,
// allocating once when size (the file's size when it was listed) is right.
func readUpTo(r io.Reader, size, limit int64) ([]byte, error) {
	b := make([]byte, 0, min(max(size, 0)+1, limit, 1<<30))
	for int64(len(b)) < limit {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):min(int64(cap(b)), limit)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
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
	if doc.SourceFormat == "txt" {
		text, det, fs := decodeBytes(rel, b, lim.MaxLineBytes)
		doc.Text, doc.Encoding, doc.Findings = text, det.name, fs
		return doc
	}
	_ = parse(context.Background(), &doc, b, "", lim)
	return doc
}

func tooLarge(rel string, n int64, lim Limits) schemas.Finding {
	return finding(RuleFileTooLarge, schemas.SeverityError, fmt.Sprintf(
		"%s is %d bytes, over the limit of %d; it was hashed but not decoded.", rel, n, lim.MaxFileBytes))
}

// parse fills doc from the bytes of a non-text source. file is the path on
// disk when there is one. A panic in a parser is a bug, turned into a
// finding so one bad file cannot stop a run.
func parse(ctx context.Context, doc *schemas.Document, b []byte, file string, lim Limits) (err error) {
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
		readHTML(doc, b, lim, newStopper(ctx))
	case "docx":
		readDOCX(doc, b, lim, newStopper(ctx))
	case "pdf":
		return readPDF(ctx, doc, b, file, lim)
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

// ReadSidecar returns the bytes of the sidecar of the file at p (at most
// 1 MiB and one byte more), and its name; ok is false when there is none.
func ReadSidecar(p string) (b []byte, name string, ok bool, err error) {
	for _, mp := range sidecarPaths(p) {
		f, err := os.Open(mp)
		if err != nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(f, maxMetaBytes+1))
		f.Close()
		return b, path.Base(mp), true, err
	}
	return nil, "", false, nil
}

// readMeta reads the sidecar of the file at p into doc.Meta.
func readMeta(doc *schemas.Document, p, rel string) {
	if b, name, ok, err := ReadSidecar(p); ok {
		switch {
		case err != nil:
			err = fmt.Errorf("read: %w", err)
		case len(b) > maxMetaBytes:
			err = fmt.Errorf("over %d bytes", maxMetaBytes)
		default:
			err = json.Unmarshal(b, &doc.Meta)
		}
		if err != nil {
			doc.Meta = schemas.Meta{}
			doc.Findings = append(doc.Findings, finding(RuleMetaInvalid, schemas.SeverityWarning,
				fmt.Sprintf("%s: the sidecar %s was ignored: %v.", rel, name, err)))
		}
	}
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
