package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

func finding(rule, severity, msg string) schemas.Finding {
	return schemas.Finding{Rule: rule, Severity: severity, Kind: schemas.KindExtraction, Cell: CellReport, Message: msg}
}

func lineFinding(rule, severity string, line int, msg string) schemas.Finding {
	f := finding(rule, severity, msg)
	l := int32(min(line, 1<<31-1))
	f.Line = &l
	return f
}

// sniff classifies b.
func sniff(b []byte) (*sniffer, detection) {
	s := newSniffer()
	s.Write(b)
	s.finish()
	return s, s.choose()
}

// detectionFindings reports what the choice of encoding leaves in doubt.
func detectionFindings(name string, n int64, det detection) []schemas.Finding {
	if n == 0 {
		return []schemas.Finding{finding(RuleEmptyFile, schemas.SeverityError, fmt.Sprintf("%s is empty.", name))}
	}
	if det.name == "" {
		return []schemas.Finding{finding(RuleNotText, schemas.SeverityError, fmt.Sprintf("%s is not text: %s.", name, det.notText))}
	}
	var fs []schemas.Finding
	if det.bad > 0 {
		f := finding(RuleEncodingInvalid, schemas.SeverityWarning, fmt.Sprintf(
			"%s has %d byte sequences invalid in %s, the first at byte offset %d; they were replaced by U+FFFD.",
			name, det.bad, det.name, det.first))
		act := fmt.Sprintf("%d invalid, first at byte %d", det.bad, det.first)
		f.Actual = &act
		fs = append(fs, f)
	}
	if det.conf < 0.5 {
		fs = append(fs, finding(RuleEncodingUncertain, schemas.SeverityWarning, fmt.Sprintf(
			"%s was decoded as %s, a guess with confidence %.2f only.", name, det.name, det.conf)))
	}
	return fs
}

// decodeBytes is Decode with a file name for the messages and a line limit.
func decodeBytes(name string, b []byte, maxLine int) (string, detection, []schemas.Finding) {
	_, det := sniff(b)
	fs := detectionFindings(name, int64(len(b)), det)
	if det.name == "" || len(b) == 0 {
		return "", det, fs
	}
	text, lfs, _ := decodeText(context.Background(), name, bytes.NewReader(b), det.enc, maxLine)
	return text, det, append(fs, lfs...)
}

// maxLineFindings caps LINE_TOO_LONG findings per document; one more
// finding counts the rest.
const maxLineFindings = 10

// decodeText decodes r, normalizes line endings to '\n' and truncates lines
// longer than maxLine bytes (at a rune boundary). Only the kept text is
// held, so a file of one huge line costs no more than maxLine.
func decodeText(ctx context.Context, name string, r io.Reader, enc encoding.Encoding, maxLine int) (string, []schemas.Finding, error) {
	tr := transform.NewReader(r, enc.NewDecoder())
	var (
		out       []byte
		fs        []schemas.Finding
		buf       = make([]byte, 64<<10)
		line      = 1
		lineLen   int64 // bytes of the current line as decoded, kept or not
		cut       bool  // the current line was truncated
		pendingCR bool
		long      int // lines truncated
	)
	endLine := func() {
		if cut {
			long++
			if long <= maxLineFindings {
				fs = append(fs, lineFinding(RuleLineTooLong, schemas.SeverityError, line, fmt.Sprintf(
					"%s line %d is %d bytes long, over the limit of %d; it was truncated.", name, line, lineLen, maxLine)))
			}
		}
		lineLen, cut = 0, false
	}
	for {
		if err := ctx.Err(); err != nil {
			return "", nil, err
		}
		n, err := tr.Read(buf)
		data := buf[:n]
		for len(data) > 0 {
			if pendingCR && data[0] == '\n' {
				data = data[1:]
			}
			pendingCR = false
			i := bytes.IndexByte(data, '\n')
			seg := data
			if i >= 0 {
				seg = data[:i]
			}
			if j := bytes.IndexByte(seg, '\r'); j >= 0 {
				i, seg = j, seg[:j]
			}
			if !cut {
				room := int64(maxLine) - lineLen
				if int64(len(seg)) <= room {
					out = append(out, seg...)
				} else {
					cut = true
					out = append(out, seg[:room]...)
					out = trimPartialRune(out)
				}
			}
			lineLen += int64(len(seg))
			if i < 0 {
				break
			}
			pendingCR = data[i] == '\r'
			endLine()
			out = append(out, '\n')
			line++
			data = data[i+1:]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return string(out), append(fs, finding(RuleFileUnreadable, schemas.SeverityError,
				fmt.Sprintf("%s could not be read to the end: %v.", name, err))), nil
		}
	}
	endLine()
	if long > maxLineFindings {
		fs = append(fs, finding(RuleLineTooLong, schemas.SeverityError, fmt.Sprintf(
			"%s has %d more lines over the limit of %d bytes, all truncated.", name, long-maxLineFindings, maxLine)))
	}
	return string(out), fs, nil
}

// trimPartialRune drops an incomplete rune from the end of b.
func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}
