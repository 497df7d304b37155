package extract

// What the differential tests of scanXML with a docxParser share: the
// comparison of the parser a scan leaves (sameDocxScanIn), documents at
// scanCommon's edges and the seed reports made documents.

import (
	"html"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sameDocxScanIn fails unless scanXML leaves a docxParser as old left
// one, with the same error: on doc in memory and streamed in pieces of
// the given sizes (0: in memory), with text limited to maxText bytes.
func sameDocxScanIn(t testing.TB, doc []byte, maxText int64, pieces []int, old func(*xmlReader, *docxParser) error) {
	t.Helper()
	scan := func(f func(*xmlReader, *docxParser) error, piece int) docxScan {
		p := &docxParser{rel: "f.docx", maxText: maxText}
		defer p.release()
		var x *xmlReader
		if piece == 0 {
			var err error
			if x, err = memXMLReader(doc); err != nil {
				return docxScan{Err: err.Error()}
			}
		} else {
			x = newXMLReader(&pieceReader{b: doc, n: piece})
		}
		var s docxScan
		if err := f(x, p); err != nil {
			s.Err = err.Error()
		}
		s.Para, s.Arena, s.Lines, s.Tables, s.Findings = p.para.String(), string(p.arena), p.lines, p.tables, p.findings
		s.Written, s.Parts, s.Open, s.Skip, s.TooDeep = p.written, p.parts, len(p.stack), p.skip, p.tooDeep
		s.St = p.st
		return s
	}
	newScan := func(x *xmlReader, p *docxParser) error { return scanXML(x, p) }
	for _, piece := range pieces {
		got, want := scan(newScan, piece), scan(old, piece)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q (pieces of %d, text limit %d):\n%+v\nold:\n%+v", doc[:min(len(doc), 200)], piece, maxText, got, want)
		}
	}
}

// commonEdgeCases are documents at scanCommon's edges: empty, one byte,
// a tag cut at every length, invalid UTF-8 in names and text, names with
// and without a prefix (one colon, several, one at either end), tags
// ended by '>', "/>", whitespace of each kind and attributes, end tags
// that close another element or carry a space, and constructs scanCommon
// leaves to scanXML's loop.
func commonEdgeCases() []string {
	cases := []string{"", "<", ">", "a", "\xff", "<w:p>\xff</w:p>", "<w:\xffp>t</w:\xffp>", "<\xe4\xb8\x80>t</\xe4\xb8\x80>",
		"<:a>t</:a>", "<a:>t</a:>", "<::>t</::>", "<a:b:c>t</a:b:c>", "<w:p\t>t</w:p>", "<w:p\n/>", "<w:p\r w:x='1'>t</w:p >",
		"<w:p></w:r>", "<w:p></w:p\x00>", "<w:p\x00>t</w:p\x00>", "<w:p/ >", "<w:p/x>", "<w:p'>", `<w:p">`, "<w:p>&amp;</w:p>",
		"<w:p><?x?></w:p>", "<w:p><!--x--></w:p>", "<w:p><![CDATA[x]]></w:p>", "<w:p></w:p", "<w:p></w:", "</w:p>",
		"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>", "<w:t>x</w:t><w:t>y",
		"<abcdefghijklmnopq>t</abcdefghijklmnopq>", "<abcdefgh>t</abcdefgh>", "<abcdefghi>t</abcdefghi>", "<w:t>a</w:t >",
	}
	full := `<w:document><w:body><w:p w:rsidR="1"><w:r><w:t xml:space="preserve">一 a</w:t></w:r></w:p></w:body></w:document>`
	for i := range len(full) + 1 {
		cases = append(cases, full[:i]) // cut at every length
	}
	return cases
}

// seedDocuments calls f with each seed report made a document.xml: each
// line a paragraph and a one-row table of two cells holding it (one with
// cell properties), with the size of the report's text.
func seedDocuments(t testing.TB, f func(doc []byte, text int)) {
	t.Helper()
	paths, _ := filepath.Glob("../../shared/seeds/*.txt")
	if len(paths) == 0 {
		t.Fatal("no seed reports in ../shared/seeds")
	}
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc strings.Builder
		doc.WriteString(`<w:document ` + wordNS + `><w:body>`)
		for l := range strings.SplitSeq(string(b), "\n") {
			l = html.EscapeString(l)
			doc.WriteString(para(l) + `<w:tbl><w:tr>` + tc(`<w:vAlign w:val="center"/>`, l) + tc("", l) + `</w:tr></w:tbl>`)
		}
		doc.WriteString(`</w:body></w:document>`)
		f([]byte(doc.String()), len(b))
	}
}
