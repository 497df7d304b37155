package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"strings"
	"time"
	"unicode"

	"github.com/nianbao/nianbao/schemas"
)

// PDFExtractor identifies the PDF text extractor readPDF runs now: the
// pdftotext found on PATH, by its path, size and modification time
// (an upgrade replaces the file), or "none". What a PDF reads as depends
// on it, so a cache of what files read as (the pipeline's state store) is
// kept per extractor: installing pdftotext after PDF_UNSUPPORTED reads
// the PDFs.
func PDFExtractor() string {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "none"
	}
	fi, err := os.Stat(bin)
	if err != nil {
		return bin
	}
	return fmt.Sprintf("%s:%d:%d", bin, fi.Size(), fi.ModTime().UnixNano())
}

// readPDF reads the text layer of a PDF with pdftotext, when it is on PATH.
// file is the path on disk; without one the bytes go through a temporary
// file.
func readPDF(ctx context.Context, doc *schemas.Document, b []byte, file string, lim Limits) error {
	rel := doc.SourcePath
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		doc.Findings = append(doc.Findings, finding(RulePDFUnsupported, schemas.SeverityError,
			fmt.Sprintf("%s is a PDF and pdftotext is not installed to read it.", rel)))
		return nil
	}
	if file == "" {
		f, err := os.CreateTemp("", "nianbao-*.pdf")
		if err != nil {
			return fmt.Errorf("extract: temporary file for %s: %w", rel, err)
		}
		defer os.Remove(f.Name())
		_, err = f.Write(b)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("extract: temporary file for %s: %w", rel, err)
		}
		file = f.Name()
	}
	tctx, cancel := context.WithTimeout(ctx, lim.PDFTimeout)
	defer cancel()
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(tctx, bin, "-layout", "-enc", "UTF-8", file, "-")
	// Killed when ctx is done; WaitDelay bounds the wait for its output
	// pipes should anything it started still hold them.
	cmd.WaitDelay = 2 * time.Second
	// More output than the text limit is a document over it: what is past
	// the limit is not kept.
	stdout := &capped{buf: &out, max: min(lim.MaxFileBytes, lim.MaxTextBytes+min(1, math.MaxInt64-lim.MaxTextBytes))}
	cmd.Stdout = stdout
	cmd.Stderr = &capped{buf: &stderr, max: 4096}
	err = cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	switch {
	case tctx.Err() != nil:
		err = fmt.Errorf("timed out after %v", lim.PDFTimeout)
	case stdout.over && lim.MaxTextBytes < lim.MaxFileBytes:
		doc.Encoding = EncUTF8
		doc.Findings = append(doc.Findings, textTooLarge(rel, lim.MaxTextBytes, false))
		return nil
	case stdout.over:
		err = fmt.Errorf("output over %d bytes", lim.MaxFileBytes)
	case err != nil:
		if head := pdfHead(b, file); !bytes.Contains(head, []byte("%PDF-")) {
			// A page saved under a PDF's name (a crawler's error page) is
			// said to be one, not pdftotext's lines about its bytes.
			err = fmt.Errorf("it is not a PDF: %s", notPDF(head))
		} else {
			err = fmt.Errorf("%v: %s", err, firstLines(stderr.String(), 2))
		}
	}
	if err != nil {
		doc.Findings = append(doc.Findings, finding(RulePDFFailed, schemas.SeverityError,
			fmt.Sprintf("%s could not be read by pdftotext: %v.", rel, err)))
		return nil
	}
	// The form feed pdftotext puts at each page break is kept: transform
	// reads it as whitespace, and as the sign that a bare number beside it
	// is a page number rather than a cell.
	text, det, fs := decodeBytes(rel, out.Bytes(), lim.MaxLineBytes, lim.MaxTextBytes, false)
	doc.Encoding = EncUTF8
	if det.name != "" {
		doc.Text = text
		doc.Findings = append(doc.Findings, fs...)
	}
	cjk, visible := 0, 0
	for _, r := range doc.Text {
		if isCJK(r) {
			cjk++
		}
		if !unicode.IsSpace(r) {
			visible++
		}
	}
	if cjk == 0 || visible < 50 {
		doc.Findings = append(doc.Findings, finding(RuleNoTextLayer, schemas.SeverityError, fmt.Sprintf(
			"%s has no text layer (%d visible characters, %d CJK); OCR is needed.", rel, visible, cjk)))
	}
	return nil
}

// capped keeps the first max bytes written to it and discards the rest, so
// the writing process runs to its end instead of blocking on a full pipe.
type capped struct {
	buf  *bytes.Buffer
	max  int64
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	n := len(p)
	if room := c.max - int64(c.buf.Len()); int64(len(p)) > room {
		c.over = true
		p = p[:max(0, room)]
	}
	c.buf.Write(p)
	return n, nil
}

// pdfHeadBytes is how far a PDF reader looks for the %PDF- header.
const pdfHeadBytes = 1024

// pdfHead is the first pdfHeadBytes of the file: of b when it is in
// memory, read from file otherwise (nil when it cannot be).
func pdfHead(b []byte, file string) []byte {
	if b != nil {
		return b[:min(len(b), pdfHeadBytes)]
	}
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, pdfHeadBytes)
	n, _ := io.ReadFull(f, head)
	return head[:n]
}

// notPDF says why the file whose first bytes are head is not a PDF, and
// what it seems to be instead when its first bytes tell.
func notPDF(head []byte) string {
	if len(head) == 0 {
		return "the file is empty"
	}
	where := fmt.Sprintf("its first %d bytes", len(head))
	if len(head) < pdfHeadBytes {
		where = fmt.Sprintf("its %d bytes", len(head))
	}
	return "no %PDF- header in " + where + startsLike(head)
}

// startsLike names what a file that is not a PDF seems to be, from its
// first bytes: a kind of magics (an archive, an image), "; it starts like
// markup" (an HTML page is read as one before pdftotext is tried, see
// byContent: this is other markup, an XML error document), or "" when
// nothing tells.
func startsLike(head []byte) string {
	// (a head that begins "%PDF" without the "-" is no PDF to pdftotext
	// either: it is not named one here)
	if what := magicOf(head); what != "" && !bytes.HasPrefix(head, []byte("%PDF")) {
		return "; it is " + what
	}
	t := leadingText(head)
	switch {
	case len(t) == 0:
		return ""
	case t[0] == '<':
		return "; it starts like markup (XML or HTML)"
	case t[0] == '{' || t[0] == '[':
		return "; it starts like JSON"
	}
	return ""
}

// firstLines is at most n lines of a tool's message, and how many more
// there were: pdftotext prints a line for every fault it meets.
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "; ")
	}
	more := "lines"
	if len(lines)-n == 1 {
		more = "line"
	}
	return fmt.Sprintf("%s (and %d more %s)", strings.Join(lines[:n], "; "), len(lines)-n, more)
}
