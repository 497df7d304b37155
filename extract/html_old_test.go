package extract

import (
	"io"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// oldReadHTMLVia is readHTMLVia as it was when the page's sniffer was
// built by its caller (sniffPage, whose UTF-8 statistics follow the whole
// page) before its head's charset was read.
func oldReadHTMLVia(doc *schemas.Document, r io.ReaderAt, mem []byte, size int64, s *sniffer, lim Limits, stop *stopper, fast bool) bool {
	rel := doc.SourcePath
	b := mem[:min(len(mem), 4096)] // the head, where the charset is declared
	if mem == nil {
		b = make([]byte, min(size, 4096))
		r.ReadAt(b, 0)
	}
	det := s.choose()
	if label := metaCharset(b); label != "" && det.name != "" && !hasBOM(b) {
		if enc, name := charset.Lookup(label); enc != nil {
			declared := detection{name: name, enc: enc, conf: 0.9}
			switch name {
			case "gbk", "gb18030":
				// WHATWG: the gbk decoder is the gb18030 decoder; pages
				// labelled gb2312 use GBK and GB18030 characters.
				s.followGB(mem)
				declared = detection{name: EncGB18030, enc: simplifiedchinese.GB18030, conf: 1, bad: s.gbBad, first: s.gbFirst}
			case "utf-8":
				declared = detection{name: EncUTF8, enc: enc, conf: 1, bad: s.u8bad, first: s.u8first}
			}
			switch {
			case declared.name == det.name, s.high == 0:
				det = declared
			case declared.bad == 0 && declared.name != EncUTF8 && declared.name != EncGB18030:
				// A single-byte label on a page that is really GBK or
				// UTF-8 is common; trust the bytes when they are sure.
				if det.conf < 0.9 || det.bad > 0 {
					det = declared
				} else {
					doc.Findings = append(doc.Findings, mismatch(rel, label, det))
				}
			case declared.bad > det.bad || (det.name == EncUTF8 && det.bad == 0 && s.u8cjk > 0):
				doc.Findings = append(doc.Findings, mismatch(rel, label, det))
			default:
				det = declared
			}
		}
	}
	doc.Encoding = det.name
	doc.Findings = append(doc.Findings, detectionFindings(rel, size, det)...)
	if det.name == "" {
		return false
	}
	if fast {
		var rd io.Reader
		var page []byte
		valid := false
		if mem != nil && (det.name != EncUTF8 || det.bad != 0) {
			// A page in memory that needs a decoder is decoded in
			// memory, without the reader's buffers.
			bp := readBuffers.Get().(*[]byte)
			b, ok := decodePage((*bp)[:0], det.enc, mem)
			if ok {
				// the GB18030 and UTF-8 decoders write valid UTF-8
				// (U+FFFD for what is invalid)
				page, valid = b, det.name == EncGB18030 || det.name == EncUTF8
			}
			*bp = b[:0]
			defer func() {
				if cap(*bp) <= maxPooledRead {
					readBuffers.Put(bp)
				}
			}()
		}
		if page == nil {
			rd, page = decoded(r, mem, size, det)
			// the page as it is in memory: UTF-8 without an invalid
			// sequence, as the sniffer saw all of it
			valid = page != nil
		}
		if rd != nil {
			rd = stop.reader(rd)
		}
		if fastHTML(doc, rd, page, valid, lim.MaxTextBytes, stop) {
			doc.Findings = append(doc.Findings, lineLimit(rel, &doc.Text, lim.MaxLineBytes)...)
			return true
		}
	}
	readHTMLTree(doc, r, size, lim, stop, det)
	return false
}

// decoded is the page decoded as det says: the page's bytes as they are
// when they are in memory (mem, else nil) and need no decoder, else a
// reader of it. Valid UTF-8 needs no decoder (as in decodeAs): the UTF-8
