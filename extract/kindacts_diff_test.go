package extract

import (
	"bytes"
	"strings"
	"testing"
)

// samePrevScan fails unless scanXML leaves a docxParser as prevScanXML
// (scanCommon, beginKind and endKind as they were before kindActs) left
// it (sameScanAs).
func samePrevScan(t testing.TB, doc []byte, maxText int64) {
	t.Helper()
	sameScanAs(t, doc, maxText, prevScanXML)
}

// kindActCases are documents at the edges of what kindActs and the ends
// done in scanCommon decide: every pair of names kindOf sorts apart (and
// one it does not), the second inside the first, open or closed at once,
// with attributes or not, closed by the word path, by the general path
// (a space before '>') or by a name too long for a word; in a paragraph
// and in a table's cell; and the states a run's properties can be left
// in by runs, properties and hidden marks nested in each other.
func kindActCases() []string {
	names := append([]string{"x", "sdt"}, kindNames...)
	// elements opened and closed at once whose start or end writes text
	// or ends a paragraph, the text limit reached at each
	cases := []string{
		`<w:p><w:r><w:t>abcdef</w:t></w:r></w:p><w:p><w:r><w:t>gh</w:t></w:r><w:tbl/><w:t>ij</w:t></w:r></w:p>`,
		`<w:p><w:r><w:t>abc</w:t><w:tab/><w:br/><w:cr/><w:ptab/><w:noBreakHyphen/><w:t>d</w:t></w:r><w:p/></w:p><w:tbl/><w:tbl/>`,
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ab</w:t></w:r></w:p><w:tbl/><w:p/><w:tab/><w:br/></w:tc></w:tr></w:tbl><w:p><w:r><w:t>c</w:t></w:r></w:p>`,
		`<w:p><w:r><w:t>abc</w:t></w:r></w:p><w:tbl x="1"/><w:p><w:r><w:t>d</w:t></w:r></w:p><w:tbl></w:tbl>`,
	}
	for _, a := range names {
		for _, b := range names {
			for _, inner := range []string{
				`<w:` + b + `/>`, `<w:` + b + ` w:val="0"/>`, `<w:` + b + ` w:val="restart"/>`,
				`<w:` + b + `>y<w:t>z</w:t></w:` + b + `>`, `<w:` + b + `>y</w:` + b + ` >`,
				`<w:` + b + ` w:val="2">y<w:tab/>z</w:` + b + `>`, `<abcdefgh:` + b + `>y</abcdefgh:` + b + `>`,
			} {
				body := `<w:` + a + `>` + inner + `<w:t>v</w:t><w:br/></w:` + a + `>`
				cases = append(cases,
					`<w:p><w:r>`+body+`<w:t>u</w:t></w:r></w:p>`,
					`<w:tbl><w:tr><w:tc><w:p><w:r>`+body+`<w:t>u</w:t></w:r></w:p></w:tc><w:tc>`+body+`</w:tc></w:tr><w:tr><w:trPr>`+body+`</w:trPr><w:tc><w:p>q</w:p></w:tc></w:tr></w:tbl>`,
					`<w:`+a+`/>`+inner+`<w:p><w:r><w:t>u</w:t></w:r></w:p>`)
			}
		}
	}
	runs := []string{
		`<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:t>shown</w:t></w:r>`,
		`<w:r><w:rPr><w:r></w:r><w:vanish/></w:rPr><w:t>a</w:t></w:r>`,
		`<w:r><w:rPr><w:r><w:vanish/></w:r><w:vanish w:val="false"/></w:rPr><w:t>a</w:t></w:r>`,
		`<w:rPr><w:r><w:rPr><w:vanish/></w:rPr></w:r><w:vanish/></w:rPr><w:r><w:t>b</w:t></w:r>`,
		`<w:r><w:rPr><w:rPr/><w:vanish/></w:rPr><w:t>c</w:t><w:rPr><w:vanish w:val="off"/></w:rPr><w:t>d</w:t></w:r>`,
		`<w:r><w:rPr><w:vanish/></w:rPr><w:tab/><w:br/><w:noBreakHyphen/><w:t>e</w:t></w:r><w:t>f</w:t>`,
		`<w:r><w:t><w:t>g</w:t>h</w:t>i</w:r><w:t>j</w:t>`,
		`<w:r><w:del><w:r><w:t>k</w:t></w:r><w:del/></w:del><w:t>l</w:t></w:r>`,
		`<w:r><w:tabs><w:tab/><w:t>m</w:t></w:tabs><w:tab/><w:t>n</w:t></w:r>`,
		`<w:r><w:Fallback><w:p><w:r><w:t>o</w:t></w:r></w:p></w:Fallback><w:t>p</w:t></w:r>`,
		`<w:trPr><w:del/><w:trPr/></w:trPr><w:del/>`,
		`<w:r><w:rPr><w:vanish/></w:rPr><w:r><w:t>q</w:t></w:r><w:t>r</w:t></w:r>`,
		`<w:r><w:rPr><w:vanish/></w:rPr></w:r><w:r w:x="1"><w:t xml:space="preserve">s</w:t></w:r>`,
	}
	for _, r := range runs {
		cases = append(cases, `<w:p>`+r+`</w:p>`,
			`<w:tbl><w:tr><w:trPr><w:del/></w:trPr><w:tc><w:p>`+r+`</w:p></w:tc></w:tr><w:tr><w:tc><w:p>`+r+`</w:p><w:tbl><w:tr><w:tc>`+r+`</w:tc></w:tr><w:tr><w:tc>`+r+`</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`,
			strings.ReplaceAll(r, "<w:", "<w14:"), strings.ReplaceAll(strings.ReplaceAll(r, "<w:", "<a:"), "</w:", "</a:"))
	}
	return cases
}

// TestKindActsSameAsPrev: scanXML, reading the common kinds of elements
// from kindActs and doing their ends itself, leaves a docxParser as the
// scanner, beginKind and endKind did before (prevScanXML): on the edge
// cases of kindActs and of the earlier scanner comparisons, under every
// text limit up to past their text and cut at every length; on the seed
// reports, generated reports, the bodies of the .docx tests and every
// .docx of the corpus NIANBAO_BENCH_CORPUS names.
func TestKindActsSameAsPrev(t *testing.T) {
	for _, c := range append(stopEdgeCases(), kindActCases()[:200]...) {
		for limit := int64(0); limit <= int64(len(c)); limit++ {
			samePrevScan(t, []byte(c), limit)
		}
		for i := range len(c) {
			samePrevScan(t, []byte(c[:i]), 1<<30)
		}
	}
	for _, c := range kindActCases() {
		samePrevScan(t, []byte(c), 1<<30)
		samePrevScan(t, []byte(c), int64(len(c)/3))
	}
	cases := append(prefixEdgeCases(), commonEdgeCases()...)
	cases = append(cases, docxScanCases...)
	cases = append(cases, xmlTagCases...)
	for _, c := range wordCases() {
		samePrevScan(t, []byte(c), 1<<30)
		samePrevScan(t, []byte(`<w:document><w:body>`+c+`<w:p><w:r><w:t>z</w:t></w:r></w:p></w:body></w:document>`), 3)
	}
	for _, c := range cases {
		for _, limit := range []int64{1 << 30, 3, 0, int64(len(c) / 3)} {
			samePrevScan(t, []byte(c), limit)
			samePrevScan(t, []byte(`<w:document><w:body>`+c+`<w:p><w:r><w:t>z</w:t></w:r></w:p></w:body></w:document>`), limit)
		}
	}
	deep := strings.Repeat("<w:sdt>", 70) + strings.Repeat("<w:r><w:t>x</w:t>", 40) + strings.Repeat("</w:r>", 40) + strings.Repeat("</w:sdt>", 70)
	samePrevScan(t, []byte(deep), 1<<30)
	samePrevScan(t, []byte(deep), 20)
	prev := func(x *xmlReader, p *docxParser) error { return prevScanXML(x, p) }
	for i, body := range docxBodies(t) {
		if len(body) > 64<<10 {
			sameDocxScanIn(t, body, 1<<30, []int{0, 4096}, prev)
			continue
		}
		samePrevScan(t, body, 1<<30)
		samePrevScan(t, body, int64(i*7))
	}
	seedDocuments(t, func(doc []byte, text int) {
		samePrevScan(t, doc, 1<<30)
		samePrevScan(t, doc, int64(text/2))
	})
	generatedDocuments(t, 3, func(doc []byte) {
		samePrevScan(t, doc, 1<<30)
		samePrevScan(t, doc, 2000)
		samePrevScan(t, bytes.ReplaceAll(doc, []byte("w:"), []byte("x:")), 1<<30)
	})
	n := 0
	corpusDocuments(t, func(name string, doc []byte) {
		n++
		sameDocxScanIn(t, doc, 1<<30, []int{0, 4096}, prev)
		sameDocxScanIn(t, doc, int64(len(doc)/20), []int{0}, prev)
	})
	t.Logf("%d and %d edge cases; %d documents of the corpus compared", len(kindActCases()), len(cases)+len(wordCases()), n)
}

// FuzzKindActsSameAsPrev: on any bytes and text limit, scanXML leaves a
// docxParser as prevScanXML did, counts the same steps, and does not
// panic.
func FuzzKindActsSameAsPrev(f *testing.F) {
	// (few seeds: each is compared in seven ways)
	for i, c := range kindActCases() {
		if i < 4 || i%97 == 0 {
			f.Add([]byte(c), int64(len(c)/4))
		}
	}
	for _, c := range append(stopEdgeCases(), docxScanCases...) {
		f.Add([]byte(c), int64(1<<30))
	}
	for i, b := range docxBodies(f) {
		if len(b) < 4<<10 && i%4 == 0 {
			f.Add(b, int64(i*5))
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte, maxText int64) {
		samePrevScan(t, doc, maxText)
	})
}
