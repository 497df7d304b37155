package extract

// Read and text detection as they were before sidecars were looked up in
// the walk's listing and valid UTF-8 was classified in one pass, kept so
// that differential tests can compare the two.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding/unicode"
)

// Read reads and decodes one input file. Problems with the file become
// findings on the returned document; ReportID is set whenever the bytes
// could be read. The error is non-nil only when ctx is done.
func refRead(ctx context.Context, src Source, lim Limits) (schemas.Document, error) {
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
	f, fi, err := Open(src.Path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	refReadMeta(&doc, src, rel)

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
	b, err := readUpTo(nil, cr, size, -1, inMem+min(1, math.MaxInt64-inMem))
	if err != nil {
		return fail(err)
	}
	if int64(len(b)) <= inMem {
		sum := sha256.Sum256(b)
		doc.ReportID, doc.SourceBytes = hex.EncodeToString(sum[:]), int64(len(b))
		if doc.SourceFormat == "txt" {
			text, det, fs := refDecodeBytes(rel, b, lim.MaxLineBytes, lim.MaxTextBytes)
			doc.Text, doc.Encoding, doc.Findings = text, det.name, append(doc.Findings, fs...)
			peelText(&doc, lim)
			return doc, nil
		}
		return doc, refParse(ctx, &doc, input{r: bytes.NewReader(b), size: int64(len(b)), b: b, file: src.Path}, lim)
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
	b = nil
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
	if doc.SourceFormat != "txt" {
		return doc, refParse(ctx, &doc, input{r: f, size: n, s: s, file: src.Path}, lim)
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

// ReadBytes is Read on bytes in memory, named rel (whose extension gives
// the format). No sidecar is read.
func refReadBytes(rel string, b []byte, lim Limits) schemas.Document {
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
		text, det, fs := refDecodeBytes(rel, b, lim.MaxLineBytes, lim.MaxTextBytes)
		doc.Text, doc.Encoding, doc.Findings = text, det.name, fs
		peelText(&doc, lim)
		return doc
	}
	_ = refParse(context.Background(), &doc, input{r: bytes.NewReader(b), size: int64(len(b)), b: b}, lim)
	return doc
}

// parse fills doc from a non-text source. A panic in a parser is a bug,
// turned into a finding so one bad file cannot stop a run.
func refParse(ctx context.Context, doc *schemas.Document, in input, lim Limits) (err error) {
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
		if in.s == nil {
			in.s, _ = sniff(in.b)
		}
		readHTML(doc, in.r, in.b, in.size, in.s, lim, newStopper(ctx))
	case "docx":
		refReadDOCX(doc, in.r, in.size, lim, newStopper(ctx))
	case "pdf":
		return readPDF(ctx, doc, in.b, in.file, lim)
	default:
		doc.Findings = append(doc.Findings, finding(RuleUnsupported, schemas.SeverityError,
			fmt.Sprintf("%s is not of an input type (txt, html, docx, pdf).", rel)))
	}
	return nil
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
func refReadSidecar(src Source) (b []byte, name string, ok bool, err error) {
	for _, mp := range sidecarPaths(src.Path) {
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
		if errors.Is(err, ErrNotRegular) {
			return nil, name, true, err
		}
		if err != nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(f, maxMetaBytes+1))
		f.Close()
		return b, name, true, err
	}
	return nil, "", false, nil
}

// readMeta reads the sidecar of the file at p into doc.Meta. A year out of
// range is a finding and is left out; the rest of the sidecar is kept.
func refReadMeta(doc *schemas.Document, src Source, rel string) {
	b, name, ok, err := refReadSidecar(src)
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

// detect is sniff(b)'s detection, decided without the byte-by-byte
// sniffer for the common case: valid UTF-8, mostly CJK or all ASCII, no
// NUL and no magic number. Anything else takes sniff.
func refDetect(b []byte) detection {
	if len(b) == 0 || bytes.IndexByte(b, 0) >= 0 || !utf8.Valid(b) {
		_, det := sniff(b)
		return det
	}
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			_, det := sniff(b)
			return det
		}
	}
	var ctrl, multi, cjk int
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7f {
				ctrl++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		multi++
		if isCJK(r) {
			cjk++
		}
		i += size
	}
	if ctrl*20 > len(b) || cjk*2 < multi {
		_, det := sniff(b)
		return det
	}
	if bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}) {
		return detection{name: EncUTF8, enc: unicode.UTF8BOM, conf: 1, first: -1}
	}
	return detection{name: EncUTF8, enc: unicode.UTF8, conf: 1, first: -1}
}

// decodeBytes is Decode with a file name for the messages, a line limit
// and a limit on the decoded text (see lineCutter).
func refDecodeBytes(name string, b []byte, maxLine int, maxText int64) (string, detection, []schemas.Finding) {
	det := refDetect(b)
	fs := detectionFindings(name, int64(len(b)), det)
	if det.name == "" || len(b) == 0 {
		return "", det, fs
	}
	text, lfs := refDecodeAs(name, b, det, maxLine, maxText)
	return text, det, append(fs, lfs...)
}

// refDecodeAs is decodeAs as it was, decoding what is not valid UTF-8
// through a transform.Reader (decodeText, as a streamed file is).
func refDecodeAs(name string, b []byte, det detection, maxLine int, maxText int64) (string, []schemas.Finding) {
	if det.bad == 0 && (det.enc == unicode.UTF8 || det.enc == unicode.UTF8BOM) {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		text, fs, _ := cutLines(name, b, maxLine, maxText)
		return text, fs
	}
	text, fs, _ := decodeText(context.Background(), name, bytes.NewReader(b), det.enc, maxLine, maxText)
	return text, fs
}
