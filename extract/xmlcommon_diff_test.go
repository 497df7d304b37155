package extract

// The differential tests of scanXML over documents at scanCommon's edges,
// the seeds and generated reports, against baseScanXML (the scan before
// its "w:" prefix was read by two bytes), which leaves a docxParser as
// the scan did before scanCommon read a tag's name itself.

import (
	"html"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sameCommonScan fails unless scanXML leaves a docxParser as baseScanXML
// (with baseScanCommon) left it, with the same error: on doc in memory
// and streamed in pieces of a few sizes, with text limited to maxText
// bytes (so that the parser stops the scan part way).
func sameCommonScan(t testing.TB, doc []byte, maxText int64) {
	t.Helper()
	sameCommonScanIn(t, doc, maxText, []int{0, 1, 7, 4096})
}

// sameCommonScanIn is sameCommonScan in pieces of the given sizes (0: in
// memory).
func sameCommonScanIn(t testing.TB, doc []byte, maxText int64, pieces []int) {
	t.Helper()
	sameDocxScanIn(t, doc, maxText, pieces, func(x *xmlReader, p *docxParser) error { return baseScanXML(x, p) })
}

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
		s.InText, s.InRun, s.RunHidden = p.inText, p.inRun, p.runHidden
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

// TestScanCommonSameAsOld: scanXML, with scanCommon reading the common
// constructs, leaves a docxParser as it was left with baseScanCommon: on
// the edge cases, the tag shapes of the other scanner tests, the fuzz
// seeds and corpus, the seed reports set in paragraphs and table cells,
// generated reports of every layout drawn as .docx, tags at the bound in
// memory (maxXMLToken), and under text limits that stop the scan.
func TestScanCommonSameAsOld(t *testing.T) {
	cases := append(commonEdgeCases(), docxScanCases...)
	cases = append(cases, xmlTagCases...)
	for _, c := range cases {
		for _, limit := range []int64{1 << 30, 3, 0} {
			sameCommonScan(t, []byte(c), limit)
			sameCommonScan(t, []byte(`<w:document><w:body>`+c+`<w:p><w:r><w:t>z</w:t></w:r></w:p></w:body></w:document>`), limit)
		}
	}
	for i, body := range docxBodies(t) {
		if len(body) > 64<<10 {
			// streamed a byte at a time, a large one takes minutes
			sameCommonScanIn(t, body, 1<<30, []int{0, 4096})
			continue
		}
		sameCommonScan(t, body, 1<<30)
		sameCommonScan(t, body, int64(i*7))
	}
	seedDocuments(t, func(doc []byte, text int) {
		sameCommonScan(t, doc, 1<<30)
		sameCommonScan(t, doc, int64(text/2))
	})
	generatedDocuments(t, 3, func(doc []byte) {
		sameCommonScan(t, doc, 1<<30)
		sameCommonScan(t, doc, 2000)
	})
	// a tag whose '>' is just before, at and after the bound in memory
	for _, d := range []int{-3, -2, -1, 0, 1} {
		pad := maxXMLToken + d - len(`<w:p w:x=""`)
		start := `<w:p w:x="` + strings.Repeat("x", pad) + `">`
		long := strings.Repeat("n", maxXMLToken+d-3)
		for _, doc := range []string{
			`<w:body>` + start + `t</w:p></w:body>`,
			`<w:body><w:p w:x="` + strings.Repeat("x", pad) + `"/></w:body>`,
			`<w:body><` + long + `>t</` + long + `></w:body>`,
			`<w:body><` + long + `>t</` + long + ` ></w:body>`,
		} {
			sameCommonScanIn(t, []byte(doc), 1<<30, []int{0, 64 << 10})
		}
	}
}

// FuzzScanCommonSameAsOld: on any bytes and text limit, scanXML leaves a
// docxParser as it was left with baseScanCommon, and does not panic.
func FuzzScanCommonSameAsOld(f *testing.F) {
	cases := append(commonEdgeCases(), docxScanCases...)
	for _, c := range append(cases, xmlTagCases...) {
		f.Add([]byte(c), int64(1<<30))
	}
	for i, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(b, int64(i*5))
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte, maxText int64) {
		sameCommonScan(t, doc, maxText)
	})
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
