package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestDOCXStreamed: document.xml is read in pieces. Text longer than the
// scanner's window, with entities and multi-byte characters across the
// pieces, reads as a whole; a tag over maxXMLToken or bytes that are not
// UTF-8 far into the document make it DOCX_INVALID; a table of more rows
// and cells than maxTableParts is TABLE_TOO_LARGE.
func TestDOCXStreamed(t *testing.T) {
	long := strings.Repeat("政府&amp;信息公开a", 200_000) // 3.4 MB in one w:t
	doc := ReadBytes("a.docx", buildDOCX(t, para(long)+para("尾"), nil), Limits{MaxLineBytes: -1})
	want := strings.ReplaceAll(long, "&amp;", "&") + "\n尾\n"
	if doc.Text != want || len(doc.Findings) != 0 {
		t.Errorf("%d bytes of text (want %d), findings %v", len(doc.Text), len(want), rules(doc.Findings))
	}
	filler := strings.Repeat(para("一二三"), 100_000)
	for name, body := range map[string]string{
		"long tag":     filler + `<w:p w:x="` + strings.Repeat("x", 2*maxXMLToken) + `"/>`,
		"bad UTF-8":    filler + para("\xff\xfe"),
		"cut UTF-8":    filler + para("\xe6\x94"),
		"unterminated": filler + "<w:p",
	} {
		doc := ReadBytes("b.docx", buildDOCX(t, body, nil), Limits{})
		if !slices.Contains(rules(doc.Findings), RuleDOCXInvalid.Code) {
			t.Errorf("%s: findings %v, want DOCX_INVALID", name, rules(doc.Findings))
		}
	}
	// many short paragraphs: each line counts lineCost toward the limit
	for n, over := range map[int]bool{100_000: false, 200_000: true} {
		doc := ReadBytes("p.docx", buildDOCX(t, strings.Repeat(para("x"), n), nil), Limits{})
		if got := slices.Contains(rules(doc.Findings), RuleFileTooLarge.Code); got != over || !over && len(doc.Text) != 2*n {
			t.Errorf("%d paragraphs: FILE_TOO_LARGE %v, want %v; %d bytes of text", n, got, over, len(doc.Text))
		}
	}
	row := "<w:tr>" + strings.Repeat("<w:tc><w:p/></w:tc>", 9) + "</w:tr>"
	big := "<w:tbl>" + strings.Repeat(row, maxTableParts/10+10) + "</w:tbl>" + para("后")
	doc = ReadBytes("c.docx", buildDOCX(t, big, nil), Limits{})
	if !slices.Contains(rules(doc.Findings), RuleTableTooLarge.Code) || !strings.HasSuffix(doc.Text, "后\n") {
		t.Errorf("findings %v, text ends %q", rules(doc.Findings), doc.Text[max(0, len(doc.Text)-10):])
	}
}

// TestDOCXMemoryFlat: a document.xml four times as large, of markup that
// holds no text, costs no more memory to read: the bytes allocated grow
// by far less than the document does.
func TestDOCXMemoryFlat(t *testing.T) {
	body := func(n int) []byte {
		return buildDOCX(t, para("政府信息公开")+strings.Repeat("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>", n), nil)
	}
	alloc := func(b []byte) uint64 {
		var m1, m2 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m1)
		ReadBytes("a.docx", b, Limits{})
		runtime.ReadMemStats(&m2)
		return m2.TotalAlloc - m1.TotalAlloc
	}
	const n = 200_000 // 10 MB of XML
	a1, a4 := alloc(body(n)), alloc(body(4*n))
	t.Logf("%d → %d bytes allocated for 10 → 40 MB of XML", a1, a4)
	if a4 > a1+(8<<20) {
		t.Errorf("reading 30 MB more XML allocated %d bytes more, want under 8 MiB", a4-a1)
	}
}

// xmlLog is an xmlHandler that writes down every call, so that two
// scanners can be compared call for call. It wants text in every other
// element, to take both ways through the scanner.
type xmlLog struct {
	calls  []string
	starts int
	stopAt int // stop() fails from this call on (0: never)
	stops  int
}

func (l *xmlLog) start(local, attrs []byte) {
	l.starts++
	l.calls = append(l.calls, fmt.Sprintf("<%s|%s", local, attrs))
}
func (l *xmlLog) end(local []byte) { l.calls = append(l.calls, fmt.Sprintf(">%s", local)) }
func (l *xmlLog) wantText() bool   { return l.starts%2 == 1 }
func (l *xmlLog) text(b []byte)    { l.calls = append(l.calls, fmt.Sprintf("t%s", b)) }
func (l *xmlLog) stop() error {
	if l.stops++; l.stopAt > 0 && l.stops >= l.stopAt {
		return errors.New("stopped")
	}
	return nil
}

// sameScan fails unless scanXML and baseScanXML make the same calls and
// end with the same error on doc, in memory and streamed in pieces of
// every few sizes (stop failing after stopAt calls, when it is not 0).
func sameScan(t testing.TB, doc []byte, stopAt int) {
	t.Helper()
	scan := func(f func(*xmlReader, xmlHandler) error, piece int) ([]string, string) {
		l := &xmlLog{stopAt: stopAt}
		var x *xmlReader
		if piece == 0 {
			var err error
			if x, err = memXMLReader(doc); err != nil {
				return nil, err.Error()
			}
		} else {
			x = newXMLReader(&pieceReader{b: doc, n: piece})
		}
		err := f(x, l)
		if err != nil {
			return l.calls, err.Error()
		}
		return l.calls, ""
	}
	for _, piece := range []int{0, 1, 7, 4096} {
		got, gerr := scan(scanXML, piece)
		want, werr := scan(baseScanXML, piece)
		if gerr != werr || !slices.Equal(got, want) {
			t.Fatalf("%q (pieces of %d, stop at %d): %d calls, error %q; before: %d calls, error %q\n%q\n%q",
				doc[:min(len(doc), 200)], piece, stopAt, len(got), gerr, len(want), werr, got[:min(len(got), 20)], want[:min(len(want), 20)])
		}
	}
}

// pieceReader reads b n bytes at a time.
type pieceReader struct {
	b []byte
	n int
}

func (r *pieceReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), r.n)], r.b)
	r.b = r.b[k:]
	return k, nil
}

// xmlTagCases are tags of every shape plainTag reads or leaves to the
// general case: names ended by '>', "/>", whitespace and other bytes,
// quotes in names and values, '>' in values, end tags with attributes
// or a '/', unterminated and empty tags.
var xmlTagCases = []string{
	`<a>t</a>`, `<a/>`, `<w:p w:x="1"/>`, `<w:p w:x="1">t</w:p>`, `<a x='>' y=">">t</a>`,
	`<a x="1"/ >t</a>`, `<a/b>t</a/b>`, `<a//>`, `<a"b">t</a"b">`, `<a'x>'>t</a'x>'>`,
	`</a>`, `<a></a/>`, `<a></a x="1">`, `<a></ a>`, `<a>< a>`, `<a></>`, `<>`, `< >`, `<a`,
	`<a x="1`, `<a x="1"`, `<a/`, `</a`, `<a:b:c d:e="f">t</a:b:c>`, `<a	b="1"
	c='2'>t</a>`, `<a x=">`, `<a x=1>t</a>`, `<a>&amp;&lt;&#x4e00;</a>`, `<a><![CDATA[<b>]]></a>`,
	`<?xml version="1.0"?><a/>`, `<!-- c --><a/>`, `<!DOCTYPE a><a/>`, `<a/>trailing`, `<a>t`,
	`<重>字</重>`, `<a b="重"/>`, `<a/ b>t</a/ b>`, `<a /b>t</a>`, `<a x="/">t</a>`, `<a x="1"/>`,
	`<a>x<!-- c -->y<?p i?>z<!DOCTYPE d>w<![CDATA[v]]>u</a>`, // skipped inside text, to the byte
}

// TestScanXMLSameAsBefore: scanXML makes the calls, and ends with the
// error, that the scanner before it did, on tags of every shape alone and
// in a document, on generated documents, and when stopped part way.
func TestScanXMLSameAsBefore(t *testing.T) {
	for _, c := range xmlTagCases {
		sameScan(t, []byte(c), 0)
		sameScan(t, []byte(`<w:document><w:body>`+c+`<w:p/></w:body></w:document>`), 0)
		sameScan(t, []byte(`<w:document><w:body>`+c+`<w:p/></w:body></w:document>`), 3)
	}
	for i, body := range docxBodies(t) {
		if len(body) > 64<<10 {
			continue // the limits are TestDOCXSameAsBefore's
		}
		sameScan(t, body, 0)
		sameScan(t, body, i%20+1)
	}
	generatedDocuments(t, 3, func(doc []byte) { sameScan(t, doc, 0) })
}

// generatedDocuments calls fn with the word/document.xml of each .docx
// of the generated layouts (n reports each), and fails the test when
// there is none.
func generatedDocuments(t *testing.T, n int, fn func(doc []byte)) {
	t.Helper()
	docs := 0
	generated(t, n, "docx", func(layout, name string, b []byte) {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				doc, _ := io.ReadAll(rc)
				rc.Close()
				fn(doc)
				docs++
			}
		}
	})
	if docs == 0 {
		t.Error("no generated document.xml compared")
	}
}

// FuzzScanXMLSameAsBefore: on any bytes, scanXML makes the calls, and
// ends with the error, that the scanner before it did.
func FuzzScanXMLSameAsBefore(f *testing.F) {
	for _, c := range xmlTagCases {
		f.Add([]byte(c))
	}
	for _, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		sameScan(t, doc, 0)
	})
}

// docxScan is what a docxParser holds after a scan, and the scan's error.
type docxScan struct {
	Err, Para, Arena string
	Lines            []string
	Tables           []schemas.Table
	Findings         []schemas.Finding
	Written          int64
	Parts, Open      int
	Skip, TooDeep    int
	St               uint8 // stText, stRun, stRunPr, stHidden, stTrPr
}

// sameDOCXScan fails unless scanXML, which reads the common constructs
// for a docxParser in a loop of its own (scanCommon), leaves a
// docxParser as the scanner's general loop does, calling it through the
// interface (the parser hidden behind it): on doc in memory and streamed
// in pieces of a few sizes, with text limited to maxText bytes (so that
// the parser stops the scan part way).
func sameDOCXScan(t testing.TB, doc []byte, maxText int64) {
	t.Helper()
	sameDocxScanIn(t, doc, maxText, []int{0, 1, 7, 4096}, func(x *xmlReader, p *docxParser) error {
		return baseScanXML(x, struct{ xmlHandler }{p})
	})
}

// docxScanCases are documents of the shapes scanCommon reads and of
// those it leaves to scanXML's loop: names plainTag does not read (quotes,
// a '/' in them, which plainTag reads otherwise in an end tag), end tags
// that close another element or have a space or attributes, entities and
// CDATA in text, and tags cut by the end of the document.
var docxScanCases = []string{
	`<w:p><w:r><w:t>a</w:t></w:r></w:p>`, `<w:p></w:pp>`, `<w:pp></w:p>`, `<w:p></w:p >`, `<w:p></w:p x="1">`,
	`<a"b"><w:t>x</w:t></a"b">`, `<a/ b><w:t>x</w:t></a/ b>`, `<a/ b><w:t>x</w:t></a/>`, `<a/><w:t>x</w:t></a/>`, `<a x=">"><w:t>x</w:t></a>`, `<a:b:c></a:b:c>`,
	`<w:p></w:p`, `<w:p></`, `<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body>`, `<w:t>a&amp;b</w:t>`, `<w:t>a<![CDATA[<]]>b</w:t>`,
	`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`, `<重>字</重>`, `<w:p/><w:p />`,
}

// TestDOCXScanSameAsBefore: a docxParser is left as the scanner before
// scanCommon left it, on tags of every shape, documents, the generated
// reports' document.xml, and under text limits that stop the scan.
func TestDOCXScanSameAsBefore(t *testing.T) {
	for _, c := range append(slices.Clone(docxScanCases), xmlTagCases...) {
		for _, limit := range []int64{1 << 30, 3} {
			sameDOCXScan(t, []byte(c), limit)
			sameDOCXScan(t, []byte(`<w:document><w:body>`+c+`<w:p><w:r><w:t>z</w:t></w:r></w:p></w:body></w:document>`), limit)
		}
	}
	for i, body := range docxBodies(t) {
		if len(body) > 64<<10 {
			continue
		}
		sameDOCXScan(t, body, 1<<30)
		sameDOCXScan(t, body, int64(i*7))
	}
	generatedDocuments(t, 2, func(doc []byte) {
		sameDOCXScan(t, doc, 1<<30)
		sameDOCXScan(t, doc, 2000)
	})
}

// FuzzDOCXScanSameAsBefore: on any bytes, a docxParser is left as the
// scanner before scanCommon left it.
func FuzzDOCXScanSameAsBefore(f *testing.F) {
	for _, c := range append(slices.Clone(docxScanCases), xmlTagCases...) {
		f.Add([]byte(c), int64(1<<30))
	}
	for i, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(b, int64(i*5))
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte, maxText int64) {
		sameDOCXScan(t, doc, maxText)
	})
}

// FuzzAttrValSameAsBefore: on any attributes, attrVal finds the value
// the reader before it found (refAttrVal), for a name that is there and
// for one that is not.
func FuzzAttrValSameAsBefore(f *testing.F) {
	for _, a := range []string{` w:val="center"`, ` w:val='restart'`, ` x:y:val = "1" w:val="2"`, ` w:val="a&amp;b&#x4e00;"`,
		` w:val="&bogus;"`, ` w:val=center`, ` w:val="x`, ` w:w="480" w:type="dxa"`, ` val`, ``, ` a="1" val="2"`} {
		f.Add([]byte(a), "val")
	}
	f.Fuzz(func(t *testing.T, attrs []byte, local string) {
		for _, l := range []string{local, "val"} {
			if got, want := attrVal(attrs, l), refAttrVal(attrs, l); string(got) != want {
				t.Fatalf("attrVal(%q, %q) = %q, want %q", attrs, l, got, want)
			}
		}
	})
}
