package extract

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// sameBaseScan fails unless scanXML leaves a docxParser as baseScanXML
// (with baseScanCommon) left it, with the same error: in memory and
// streamed in pieces of a few sizes, text limited to maxText bytes.
func sameBaseScan(t testing.TB, doc []byte, maxText int64) {
	t.Helper()
	sameDocxScanIn(t, doc, maxText, []int{0, 1, 7, 4096}, func(x *xmlReader, p *docxParser) error { return baseScanXML(x, p) })
	// and counts the same steps of work for cancelling
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
		if got, want := steps(scanXML, piece), steps(baseScanXML, piece); got != want {
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

// TestScanCommonSameAsBase: scanXML leaves a docxParser as the scan before
// it did, on the edge cases of this and the older comparisons, the tag
// shapes of the scanner tests, the bodies of the .docx tests, the seed
// reports, generated reports, deep nesting and tags (prefixed or not)
// whose '>' is just before, at and after the bound in memory, under text
// limits that stop the scan.
func TestScanCommonSameAsBase(t *testing.T) {
	cases := append(prefixEdgeCases(), commonEdgeCases()...)
	cases = append(cases, docxScanCases...)
	cases = append(cases, xmlTagCases...)
	for _, c := range cases {
		for _, limit := range []int64{1 << 30, 3, 0} {
			sameBaseScan(t, []byte(c), limit)
			sameBaseScan(t, []byte(`<w:document><w:body>`+c+`<w:p><w:r><w:t>z</w:t></w:r></w:p></w:body></w:document>`), limit)
		}
	}
	// past the 32 open elements held without an allocation
	deep := strings.Repeat("<w:sdt>", 70) + strings.Repeat("<w:r><w:t>x</w:t>", 40) + strings.Repeat("</w:r>", 40) + strings.Repeat("</w:sdt>", 70)
	sameBaseScan(t, []byte(deep), 1<<30)
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
}

// FuzzScanCommonSameAsBase: on any bytes and text limit, scanXML leaves a
// docxParser as the scan before it did, and does not panic.
func FuzzScanCommonSameAsBase(f *testing.F) {
	cases := append(prefixEdgeCases(), commonEdgeCases()...)
	cases = append(cases, docxScanCases...)
	for _, c := range append(cases, xmlTagCases...) {
		f.Add([]byte(c), int64(1<<30))
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
