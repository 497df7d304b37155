package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sameBaseScan fails unless scanXML leaves a docxParser as baseScanXML
// (with baseScanCommon) left it (sameScanAs).
func sameBaseScan(t testing.TB, doc []byte, maxText int64) {
	t.Helper()
	sameScanAs(t, doc, maxText, baseScanXML)
}

// sameScanAs fails unless scanXML leaves a docxParser as the reference
// scanner ref left it, with the same error: in memory and streamed in
// pieces of a few sizes, text limited to maxText bytes; and unless both
// count the same steps of work for cancelling.
func sameScanAs(t testing.TB, doc []byte, maxText int64, ref func(*xmlReader, xmlHandler) error) {
	t.Helper()
	sameDocxScanIn(t, doc, maxText, []int{0, 1, 7, 4096}, func(x *xmlReader, p *docxParser) error { return ref(x, p) })
	steps := func(scan func(*xmlReader, xmlHandler) error, piece int) int {
		st := newStopper(context.Background())
		p := &docxParser{rel: "f.docx", maxText: maxText, stopper: st}
		defer p.release()
		x, err := memXMLReader(doc)
		if piece > 0 {
			x = newXMLReader(&pieceReader{b: doc, n: piece})
		} else if err != nil {
			return -1
		}
		scan(x, p)
		return st.n
	}
	for _, piece := range []int{0, 7} {
		if got, want := steps(scanXML, piece), steps(ref, piece); got != want {
			t.Fatalf("%q (pieces of %d, text limit %d): %d steps, before %d", doc[:min(len(doc), 200)], piece, maxText, got, want)
		}
	}
}

// prefixEdgeCases are documents at the edges of reading a "w:" prefix:
// names that are the prefix alone, that end right after it, at or past
// eight bytes after it, cut at the end of the buffer, with a second
// colon, and end tags of each.
func prefixEdgeCases() []string {
	var cases []string
	for _, name := range []string{"w:", "w:a", "w:ab", "w:abcdef", "w:abcdefg", "w:abcdefgh", "w:abcdefghi", "w:a:b", "w::", "w:\xe4\xb8\x80",
		"w:p", "w:t", "w:tbl", "w:tcPr", "w:vMerge", "w:noBreakHyphen", "wx:p", "ww:p", "W:p", ":w:p"} {
		for _, tail := range []string{">t</" + name + ">", "/>", " w:val=\"1\">t</" + name + ">", " w:val=\"restart\"/>", "\t>", "\x00>", "'>"} {
			c := "<" + name + tail
			cases = append(cases, c, "<w:p>"+c+"</w:p>")
			for i := range len(c) {
				cases = append(cases, c[:i])
			}
		}
	}
	// elements of every kind inside a skipped part, cut at every length
	skipped := `<w:p><w:r><w:delText><w:x>a<w:y/><w:t>b</w:t><w:tbl><w:tr><w:tc>c</w:tc></w:tr></w:tbl></w:x></w:delText><w:t>d</w:t></w:r></w:p>`
	for i := range len(skipped) + 1 {
		cases = append(cases, skipped[:i])
	}
	return cases
}

// stopEdgeCases are documents whose text limit may be reached at each
// place scanCommon calls the parser (character data, a tab or hyphen in
// a start tag, a paragraph or table ended, by the fast and the general
// path), with attributes holding quotes of both kinds and '>', names of
// six to nine bytes with and without a prefix, other namespaces, CDATA,
// entities and comments between.
func stopEdgeCases() []string {
	cell := func(props, text string) string {
		return `<w:tc><w:tcPr>` + props + `</w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc>`
	}
	return []string{
		`<w:body><w:p><w:r><w:t>一二</w:t><w:tab/><w:t>三</w:t><w:noBreakHyphen/><w:t>四</w:t><w:br/></w:r></w:p><w:p><w:r><w:t>五六七</w:t></w:r></w:p></w:body>`,
		`<w:body><w:tbl><w:tr>` + cell(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, "甲") + cell(`<w:vAlign w:val="center"/>`, "乙") + `</w:tr><w:tr>` +
			cell(`<w:vMerge/>`, "") + cell(`<w:hMerge w:val="continue"/>`, "丙") + `</w:tr></w:tbl><w:p><w:r><w:t>后</w:t></w:r></w:p></w:body>`,
		`<w:body><w:tbl><w:tr>` + cell("", `<w:tbl><w:tr>`+cell("", "内")+cell("", "二")+`</w:tr><w:tr>`+cell("", "三")+`</w:tr></w:tbl>`) + cell("", "外") + `</w:tr></w:tbl></w:body>`,
		`<w:body><w:p w:a='x>"y' w:b="p'q>r"><w:r><w:t xml:space="preserve"> a &amp; b </w:t><w:t><![CDATA[<c>]]></w:t></w:r></w:p><!-- x --><w:p/></w:body>`,
		`<w:body><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐</w:t></w:r><w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>显</w:t></w:r></w:p></w:body>`,
		`<w:body><w:p><w:r><w:delText>删</w:delText><w:t>留</w:t></w:r><w:del><w:r><w:t>去</w:t></w:r></w:del></w:p></w:body>`,
		`<body xmlns="urn:x"><p><r><t>无前缀</t></r></p><abcdef><t>六</t></abcdef><abcdefg><t>七</t></abcdefg><abcdefgh a="1"><t>八</t></abcdefgh></body>`,
		`<w:body><w:abcdef><w:t>六</w:t></w:abcdef><w:abcdefg w:x="1"><w:t>七</w:t></w:abcdefg><w:abcdefgh><w:t>八</w:t></w:abcdefgh><w:abcdefghi/></w:body>`,
		`<a:body xmlns:a="urn:a"><a:p><a:r><a:t>甲</a:t></a:r></a:p><mc:AlternateContent><mc:Choice><w:t>选</w:t></mc:Choice><mc:Fallback><w:t>退</w:t></mc:Fallback></mc:AlternateContent></a:body>`,
		"<w:body>\n<w:p\t>\r\n<w:r\n><w:t\r>x</w:t\n></w:r></w:p ></w:body>",
		`<w:body><w:p><w:r><w:t>a</w:t></w:r></w:x></w:body>`,
		`<w:body><w:p><w:r><w:t>a</w:t></w:r><w:p>`,
	}
}

// TestScanCommonSameAsBase: scanXML leaves a docxParser as baseScanXML
// did on the edge cases of the earlier comparisons and these,
// under every text limit up to past their text, cut at every length; on
// the bodies of the .docx tests, the seed reports and generated reports;
// at the bound of a tag in memory; and on every .docx of the corpus
// NIANBAO_BENCH_CORPUS names, whose whole documents must also be those
// the reference reader gives.
func TestScanCommonSameAsBase(t *testing.T) {
	for _, c := range stopEdgeCases() {
		for limit := int64(0); limit <= int64(len(c)); limit++ {
			sameBaseScan(t, []byte(c), limit)
		}
		for i := range len(c) {
			sameBaseScan(t, []byte(c[:i]), 1<<30)
		}
	}
	cases := append(prefixEdgeCases(), commonEdgeCases()...)
	cases = append(cases, docxScanCases...)
	cases = append(cases, xmlTagCases...)
	for _, c := range cases {
		for _, limit := range []int64{1 << 30, 3, 0} {
			sameBaseScan(t, []byte(c), limit)
			sameBaseScan(t, []byte(`<w:document><w:body>`+c+`<w:p><w:r><w:t>z</w:t></w:r></w:p></w:body></w:document>`), limit)
		}
	}
	deep := strings.Repeat("<w:sdt>", 70) + strings.Repeat("<w:r><w:t>x</w:t>", 40) + strings.Repeat("</w:r>", 40) + strings.Repeat("</w:sdt>", 70)
	sameBaseScan(t, []byte(deep), 1<<30)
	sameBaseScan(t, []byte(deep), 20)
	for i, body := range docxBodies(t) {
		if len(body) > 64<<10 {
			sameDocxScanIn(t, body, 1<<30, []int{0, 4096}, func(x *xmlReader, p *docxParser) error { return baseScanXML(x, p) })
			continue
		}
		sameBaseScan(t, body, 1<<30)
		sameBaseScan(t, body, int64(i*7))
	}
	seedDocuments(t, func(doc []byte, text int) {
		sameBaseScan(t, doc, 1<<30)
		sameBaseScan(t, doc, int64(text/2))
	})
	generatedDocuments(t, 3, func(doc []byte) {
		sameBaseScan(t, doc, 1<<30)
		sameBaseScan(t, doc, 2000)
		sameBaseScan(t, bytes.ReplaceAll(doc, []byte("w:"), []byte("x:")), 1<<30)
	})
	for _, d := range []int{-3, -2, -1, 0, 1} {
		pad := maxXMLToken + d - len(`<w:p w:x=""`)
		long := strings.Repeat("n", maxXMLToken+d-5)
		bare := strings.Repeat("n", maxXMLToken+d-3)
		for _, doc := range []string{
			`<w:body><w:p w:x="` + strings.Repeat("x", pad) + `">t</w:p></w:body>`,
			`<w:body><w:p w:x="` + strings.Repeat("x", pad) + `"/></w:body>`,
			`<w:body><w:` + long + `>t</w:` + long + `></w:body>`,
			`<w:body><` + bare + `>t</` + bare + `></w:body>`,
			`<w:body><` + bare + `>t</` + bare + ` ></w:body>`,
		} {
			sameDocxScanIn(t, []byte(doc), 1<<30, []int{0, 64 << 10}, func(x *xmlReader, p *docxParser) error { return baseScanXML(x, p) })
		}
	}
	root := os.Getenv("NIANBAO_BENCH_CORPUS")
	if root == "" {
		return
	}
	files := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || FormatOf(path) != "docx" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		sameBytes(t, path, b)
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				doc, _ := io.ReadAll(rc)
				rc.Close()
				sameDocxScanIn(t, doc, 1<<30, []int{0, 4096}, func(x *xmlReader, p *docxParser) error { return baseScanXML(x, p) })
				sameDocxScanIn(t, doc, int64(len(doc)/20), []int{0}, func(x *xmlReader, p *docxParser) error { return baseScanXML(x, p) })
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no .docx under %s", root)
	}
	t.Logf("%d .docx of %s compared", files, root)
}

// FuzzScanCommonSameAsBase: on any bytes and text limit, scanXML leaves
// a docxParser as baseScanXML did, and does not panic.
func FuzzScanCommonSameAsBase(f *testing.F) {
	cases := append(prefixEdgeCases(), commonEdgeCases()...)
	cases = append(cases, docxScanCases...)
	cases = append(cases, xmlTagCases...)
	for _, c := range append(cases, stopEdgeCases()...) {
		f.Add([]byte(c), int64(1<<30))
		f.Add([]byte(c), int64(len(c)/4))
	}
	for i, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(b, int64(i*5))
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte, maxText int64) {
		sameBaseScan(t, doc, maxText)
	})
}
