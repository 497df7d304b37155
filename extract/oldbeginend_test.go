package extract

// The docxParser's begin and end as they were before they took the kind
// of an element (beginKind, endKind) and scanCommon read the common tags
// from words, kept so that a differential test can compare the two.

import (
	"archive/zip"
	"bytes"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// oldDocx calls a docxParser as scanXML's general case calls a handler,
// with begin and end as they were (oldBegin, oldEnd).
type oldDocx struct{ p *docxParser }

func (o oldDocx) start(local, attrs []byte) { oldBegin(o.p, local, attrs) }
func (o oldDocx) end(local []byte)          { oldEnd(o.p, local) }
func (o oldDocx) wantText() bool            { return o.p.wantText() }
func (o oldDocx) text(b []byte)             { o.p.text(b) }
func (o oldDocx) stop() error               { return o.p.stop() }

// flag and setFlag read and write a bit of p.st as the bool fields
// (inText, inRun, inRunPr, runHidden, inTrPr) that held them were read
// and written when begin and end were these.
func (p *docxParser) flag(b uint8) bool { return p.st&b != 0 }

func (p *docxParser) setFlag(b uint8, v bool) {
	if v {
		p.st |= b
	} else {
		p.st &^= b
	}
}

func oldBegin(p *docxParser, local, attrs []byte) bool {
	p.stopper.step()
	if p.skip > 0 {
		p.skip++
		return true
	}
	switch string(local) {
	case "Fallback", "delText", "instrText", "moveFrom", "delInstrText", "tabs":
		// Fallback repeats the content of its Choice; deleted and
		// moved-away text and field codes are not shown. A paragraph's
		// tab stops (w:pPr/w:tabs/w:tab) are positions, not the tab
		// characters a run's w:tab writes.
		p.skip = 1
		return true
	case "del":
		if p.flag(stTrPr) && p.tooDeep == 0 {
			if t := p.top(); t != nil && len(t.deleted) > 0 {
				t.deleted[len(t.deleted)-1] = true
			}
		}
		// a run-level w:del holds deleted runs; in properties it is
		// empty and closes at once
		p.skip = 1
		return true
	case "r":
		p.setFlag(stRun, true)
		p.setFlag(stHidden, false)
		return true
	case "rPr":
		p.setFlag(stRunPr, p.flag(stRun))
		return true
	case "p":
		return true
	case "vanish":
		if p.flag(stRunPr) {
			p.setFlag(stHidden, vanishes(attrs))
		}
	case "t":
		p.setFlag(stText, true)
		return true
	case "noBreakHyphen":
		// a hyphen Word keeps on the line: "2023‑2024年"
		if !p.flag(stHidden) {
			p.text(hyphenText)
		}
	case "tab", "ptab":
		if p.flag(stHidden) {
			break
		}
		if len(p.stack) == 0 {
			p.text(tabText)
		} else {
			p.sep()
		}
	case "br", "cr":
		if p.flag(stHidden) {
			break
		}
		if len(p.stack) == 0 {
			p.text(newlineText)
		} else {
			p.sep()
		}
	case "tbl":
		if len(p.stack) >= maxDepth || !p.keep() {
			p.tooDeep++ // read into the table around it
			return true
		}
		if len(p.stack) == 0 {
			p.endParagraph()
		} else if c := p.cell(); c != nil {
			c.endPara()
			p.top().nested = true
		}
		p.stack = append(p.stack, &docxTable{})
		return true
	case "tr":
		// Rows and cells of a table nested too deep are not its
		// table's: their text runs on in the cell around it.
		if t := p.top(); t != nil && p.tooDeep == 0 && p.keep() {
			var row []*docxCell
			if len(t.rows) > 0 {
				// most rows have as many cells as the one before
				row = p.newRow(len(t.rows[len(t.rows)-1]))
			}
			t.rows = append(t.rows, row)
			t.deleted = append(t.deleted, false)
		}
	case "trPr":
		p.setFlag(stTrPr, true)
		return true
	case "gridBefore":
		if t := p.top(); t != nil && len(t.rows) > 0 && p.tooDeep == 0 {
			n, _ := strconv.Atoi(string(attrVal(attrs, "val")))
			if n > 0 && p.keep() {
				last := len(t.rows) - 1
				t.rows[last] = append(t.rows[last], p.newCell(n))
			}
		}
	case "tc":
		if t := p.top(); t != nil && len(t.rows) > 0 && p.tooDeep == 0 && p.keep() {
			last := len(t.rows) - 1
			t.rows[last] = append(t.rows[last], p.newCell(1))
		}
	case "gridSpan":
		if c := p.cell(); c != nil && p.tooDeep == 0 {
			if n, err := strconv.Atoi(string(attrVal(attrs, "val"))); err == nil {
				c.span = n
			}
		}
	case "hMerge":
		if c := p.cell(); c != nil && p.tooDeep == 0 {
			c.hCont = string(attrVal(attrs, "val")) != "restart"
		}
	case "vMerge":
		if c := p.cell(); c != nil && p.tooDeep == 0 {
			c.vMerge = 2
			if string(attrVal(attrs, "val")) == "restart" {
				c.vMerge = 1
			}
		}
	}
	return false
}

func oldEnd(p *docxParser, local []byte) {
	if p.skip > 0 {
		p.skip--
		return
	}
	switch string(local) {
	case "t":
		p.setFlag(stText, false)
	case "r":
		p.setFlag(stRun, false)
		p.setFlag(stHidden, false)
	case "rPr":
		p.setFlag(stRunPr, false)
	case "trPr":
		p.setFlag(stTrPr, false)
	case "p":
		if len(p.stack) == 0 {
			p.endParagraph()
		} else if c := p.cell(); c != nil {
			c.endPara()
		}
	case "tbl":
		if p.tooDeep > 0 {
			p.tooDeep--
			return
		}
		if len(p.stack) == 0 {
			return
		}
		t := p.top()
		p.stack = p.stack[:len(p.stack)-1]
		if len(p.stack) == 0 {
			p.emit(t, string(p.arena))
			p.arena = p.arena[:0]
		} else if c := p.cell(); c != nil {
			c.endPara()
			c.parts = append(c.parts, docxPart{tbl: t})
		}
	}
}

// sameWordScan fails unless scanXML, reading the common tags for a
// docxParser from words (scanCommon) with beginKind and endKind, leaves it
// as baseScanXML, the general case alone, left it calling begin and end
// as they were: on doc in memory and streamed in pieces of the given
// sizes (0: in memory), with text limited to maxText bytes.
func sameWordScan(t testing.TB, doc []byte, maxText int64, pieces []int) {
	t.Helper()
	sameDocxScanIn(t, doc, maxText, pieces, func(x *xmlReader, p *docxParser) error { return baseScanXML(x, oldDocx{p}) })
}

// wordCases are tags at the edges of reading one from words: names of
// every length around eight bytes, with and without a prefix, at the end
// of the document and of a streamed piece, names that kindOf sorts apart
// and names one byte from them, and end tags one byte from the open
// element's.
func wordCases() []string {
	var cases []string
	names := append([]string{"", "x", "tx", "t\x00", "\x00", "t-", "t.", "rP", "rPrr", "Tab", "tabs", "tabss", "t1", "abcdefg", "abcdefgh"}, kindNames...)
	for _, local := range names {
		for _, prefix := range []string{"", "w:", "w14:", "abcdef:", "abcdefg:", "a:b:", ":"} {
			n := prefix + local
			for _, tail := range []string{">", "/>", " w:val=\"false\">", " w:val=\"0\"/>", "\t>", "\"", "'>", "/ >", "\n/>"} {
				cases = append(cases, `<w:p><w:r><`+n+tail+`<w:t>x</w:t></`+n+`></w:r></w:p>`,
					`<`+n+tail+`y</`+n+`>`, `<`+n+tail+`y</`+n+` >`, `<`+n+tail+`y</`+n+`x>`, `<`+n+tail+`y</`+n+`>`+strings.Repeat("z", len(n)))
			}
		}
	}
	return cases
}

// corpusDocuments calls fn with the word/document.xml of each .docx of
// the corpus NIANBAO_BENCH_CORPUS names, if any.
func corpusDocuments(t testing.TB, fn func(name string, doc []byte)) {
	root := os.Getenv("NIANBAO_BENCH_CORPUS")
	if root == "" {
		return
	}
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || FormatOf(path) != "docx" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return nil
		}
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				doc, _ := io.ReadAll(rc)
				rc.Close()
				fn(path, doc)
			}
		}
		return nil
	})
}

// TestScanWordsSameAsOld: scanCommon reading tags from words, with
// beginKind and endKind, leaves a docxParser as the general case left it
// with begin and end as they were: on the edge cases of the scanner
// tests and of words, the fuzz seeds and corpus, the seed reports set in
// paragraphs and table cells, generated reports, the .docx of the corpus
// NIANBAO_BENCH_CORPUS names, and under text limits that stop the scan.
func TestScanWordsSameAsOld(t *testing.T) {
	all := []int{0, 1, 7, 9, 16, 17, 4096}
	cases := append(commonEdgeCases(), docxScanCases...)
	cases = append(cases, xmlTagCases...)
	for _, c := range cases {
		for _, limit := range []int64{1 << 30, 3, 0} {
			sameWordScan(t, []byte(c), limit, all)
			sameWordScan(t, []byte(`<w:document><w:body>`+c+`<w:p><w:r><w:t>z</w:t></w:r></w:p></w:body></w:document>`), limit, all)
		}
	}
	for _, c := range wordCases() {
		sameWordScan(t, []byte(c), 1<<30, []int{0, 1, 9})
		sameWordScan(t, []byte(`<w:document><w:body>`+c+`<w:p><w:r><w:t>z</w:t></w:r></w:p></w:body></w:document>`), 3, []int{0, 16})
	}
	for i, body := range docxBodies(t) {
		if len(body) > 64<<10 {
			sameWordScan(t, body, 1<<30, []int{0, 4096})
			continue
		}
		sameWordScan(t, body, 1<<30, all)
		sameWordScan(t, body, int64(i*7), []int{0, 7})
	}
	seedDocuments(t, func(doc []byte, text int) {
		sameWordScan(t, doc, 1<<30, []int{0, 7, 4096})
		sameWordScan(t, doc, int64(text/2), []int{0, 4096})
	})
	generatedDocuments(t, 3, func(doc []byte) {
		sameWordScan(t, doc, 1<<30, []int{0, 1, 9, 4096})
		sameWordScan(t, doc, 2000, []int{0, 4096})
	})
	n := 0
	corpusDocuments(t, func(name string, doc []byte) {
		n++
		sameWordScan(t, doc, 1<<30, []int{0, 4096})
		if n%10 == 0 {
			sameWordScan(t, doc, int64(n*37), []int{0, 17})
		}
	})
	t.Logf("%d documents of the corpus compared", n)
}

// TestKindTable: for names of up to seven bytes, and random ones, the
// kind kindTable gives for the name's key is kindOf's.
func TestKindTable(t *testing.T) {
	lookup := func(local []byte) tagKind {
		lk := nameKey(local)
		if ke := kindTable[(lk*kindMul)>>(64-kindBits)]; ke.key == lk {
			return ke.kind
		}
		return kindOther
	}
	names := append([]string{"", "x", "t\x00", "\x07", "tabs\x00\x00\x04"}, kindNames...)
	r := rand.New(rand.NewSource(1))
	for range 100000 {
		b := make([]byte, r.Intn(8))
		for i := range b {
			b[i] = "tabrPpcdelvnishgT\x00\x03"[r.Intn(19)]
		}
		names = append(names, string(b))
	}
	for _, name := range names {
		if len(name) > 7 {
			continue
		}
		if got, want := lookup([]byte(name)), kindOf([]byte(name)); got != want {
			t.Fatalf("%q: kind %d, kindOf %d", name, got, want)
		}
	}
	for i, name := range kindNames {
		if kindOf([]byte(name)) == kindOther {
			t.Errorf("kindNames[%d] %q is kindOther", i, name)
		}
	}
}

// FuzzScanWordsSameAsOld: on any bytes and text limit, scanXML leaves a
// docxParser as the general case left it with begin and end as they
// were, and does not panic.
func FuzzScanWordsSameAsOld(f *testing.F) {
	cases := append(commonEdgeCases(), docxScanCases...)
	cases = append(cases, xmlTagCases...)
	for i, c := range append(cases, wordCases()...) {
		if i%7 == 0 || i < 200 {
			f.Add([]byte(c), int64(1<<30))
		}
	}
	for i, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(b, int64(i*5))
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte, maxText int64) {
		sameWordScan(t, doc, maxText, []int{0, 1, 9, 4096})
	})
}
