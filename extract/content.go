package extract

import (
	"bytes"
	"fmt"

	"github.com/nianbao/nianbao/schemas"
)

// Crawlers save files under the wrong name: a report served as a PDF from
// a URL ending .html, a Word file behind a link to .pdf, a web page
// where the PDF should have been. When a file's first bytes say plainly
// what it is, and that is another input type than its name's, it is read
// as what it is (byContent), with an info finding saying so; the reports
// row's source_format is the type it was read as.

// byContent returns the input type that head, the first bytes of a file
// whose name says named, plainly is when that is another type, and what
// it is in words; "" when the bytes agree with the name or say nothing
// certain. Only signatures no text file begins with are taken: a PDF's
// %PDF- header, a zip archive holding a word/ folder, and, for a file
// named .pdf or .docx (which are never text), markup that opens an HTML
// page. A .txt or .html file that holds HTML is read as it is named (a
// text file holding its page's markup is peeled, see peelText).
func byContent(named string, head []byte) (format, what string) {
	switch {
	case named != "pdf" && bytes.HasPrefix(head, []byte("%PDF-")):
		return "pdf", "a PDF file"
	case named != "docx" && bytes.HasPrefix(head, []byte("PK\x03\x04")) && bytes.Contains(head[:min(len(head), 64<<10)], []byte("word/")):
		// the local header of an archive's entry holds its name: a Word
		// document's parts are under word/
		return "docx", "a Word document (.docx)"
	case (named == "pdf" || named == "docx") && opensHTMLPage(head):
		return "html", "an HTML page"
	}
	return "", ""
}

// opensHTMLPage reports whether head begins like an HTML page: after a
// byte-order mark and white space, '<', and an <html, <head, <body,
// <table or <!doctype html tag (in any case) within its first 1024 bytes.
func opensHTMLPage(head []byte) bool {
	t := leadingText(head)
	if len(t) == 0 || t[0] != '<' {
		return false
	}
	t = bytes.ToLower(t[:min(len(t), 1024)])
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<table"} {
		if bytes.Contains(t, []byte(tag)) {
			return true
		}
	}
	return false
}

// leadingText is head from its first character that is not a byte-order
// mark or white space: where markup or JSON would begin.
func leadingText(head []byte) []byte {
	return bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
}

// readByContent sets doc's format to what head plainly is (byContent),
// with a finding, when that is another type than its name's.
func readByContent(doc *schemas.Document, head []byte) {
	f, what := byContent(doc.SourceFormat, head)
	if f == "" {
		return
	}
	doc.Findings = append(doc.Findings, finding(RuleFormatByContent, schemas.SeverityInfo, fmt.Sprintf(
		"%s is named as %s but its bytes are %s; it was read as %s.", doc.SourcePath, formatWords[doc.SourceFormat], what, formatWords[f])))
	doc.SourceFormat = f
}

// formatWords names the input types in findings.
var formatWords = map[string]string{"txt": "text", "html": "a web page", "docx": "a Word document", "pdf": "a PDF"}
