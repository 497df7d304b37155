package extract

// scanDOCXInMemory as it was before it read a document in pieces and
// checked each piece's UTF-8 as it came, kept so that a differential test
// can compare the two.

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// oldScanDOCXInMemory is scanDOCXInMemory reading the document whole,
// then checking its UTF-8 in one pass (memXMLReader).
func oldScanDOCXInMemory(body *zip.File, n int, rel string, lim Limits, stop *stopper) (p *docxParser, ok bool) {
	stop.check()
	rc, err := body.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	bp := xmlBuffers.Get().(*[]byte)
	defer xmlBuffers.Put(bp)
	if cap(*bp) < n+1 {
		*bp = make([]byte, 0, n+1)
	}
	// One byte of room past n shows a document longer than declared
	// (archive/zip refuses it: ErrFormat).
	b := (*bp)[:n+1]
	m := 0
	for m < len(b) {
		k, err := rc.Read(b[m:])
		m += k
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
	}
	if m != n {
		return nil, false
	}
	x, err := memXMLReader(b[:n])
	if err != nil {
		return nil, false
	}
	p = &docxParser{rel: rel, maxText: lim.MaxTextBytes, stopper: stop}
	if err := scanXML(x, p); err != nil {
		p.release()
		return nil, false
	}
	return p, true
}

// memScan is what scanDOCXInMemory gives: whether it read the document,
// and the parser's state when it did, its paragraph ended as readDOCX
// ends it.
type memScan struct {
	OK bool
	docxScan
}

// memScanOf is the memScan of what scanDOCXInMemory returned, p and ok;
// it releases p.
func memScanOf(p *docxParser, ok bool) memScan {
	if !ok {
		return memScan{}
	}
	defer p.release()
	p.endParagraph()
	s := memScan{OK: true}
	if p.err != nil {
		s.Err = p.err.Error()
	}
	s.Para, s.Arena, s.Lines, s.Tables, s.Findings = p.para.String(), string(p.arena), p.lines, p.tables, p.findings
	s.Written, s.Parts, s.Open, s.Skip, s.TooDeep = p.written, p.parts, len(p.stack), p.skip, p.tooDeep
	s.St = p.st
	return s
}

// sameInMemory fails unless scanDOCXInMemory reads the main document of
// archive as oldScanDOCXInMemory did: in memory or not, and if it does,
// to the same parser state; with the size the archive declares and with
// sizes off by a little (a header that lies), under text limit maxText,
// in pieces of readPiece bytes and of the given sizes.
func sameInMemory(t testing.TB, name string, archive []byte, maxText int64, pieces ...int) {
	t.Helper()
	defer func(n int) { readPiece = n }(readPiece)
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		return
	}
	body := mainPart(zr)
	if body == nil || body.UncompressedSize64 > 1<<20 {
		return
	}
	lim := Limits{MaxTextBytes: maxText}.withDefaults()
	scan := func(read func(*zip.File, int, string, Limits, *stopper) (*docxParser, bool), n int) memScan {
		zr.RegisterDecompressor(zip.Deflate, fastInflater)
		defer zr.RegisterDecompressor(zip.Deflate, stdInflater)
		return memScanOf(read(body, n, name, lim, newStopper(context.Background())))
	}
	size := int(body.UncompressedSize64)
	for _, piece := range append([]int{readPiece}, pieces...) {
		readPiece = piece
		for _, n := range []int{size, size - 1, size + 1, size - piece, size + piece, 0} {
			if n < 0 {
				continue
			}
			got, want := scan(scanDOCXInMemory, n), scan(oldScanDOCXInMemory, n)
			if !reflect.DeepEqual(got, want) {
				short := func(s memScan) string { return fmt.Sprintf("%.300s", fmt.Sprintf("%+v", s)) }
				t.Fatalf("%s (declared %d of %d bytes, text limit %d, pieces of %d):\n%s\nold:\n%s", name, n, size, maxText, piece, short(got), short(want))
			}
		}
	}
}

// zipStored is an archive holding body as word/document.xml, stored, not
// deflated: archive/zip reads it in pieces of exactly the size asked.
func zipStored(t testing.TB, body []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pieceEdgeBad are characters of two, three and four bytes, a character
// cut short, and bytes that are not UTF-8.
var pieceEdgeBad = []string{"é", "一", "𠀀", "\xe4\xb8", "\xe4", "\xff", "\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "一\xe4\xb8"}

// pieceEdgeBodies are documents with a character of two, three and four
// bytes, a character cut short, and bytes that are not UTF-8, at each
// offset around the ends of the first pieces scanDOCXInMemory reads, and
// at the end of the document.
func pieceEdgeBodies() [][]byte {
	var bodies [][]byte
	open := `<w:document ` + wordNS + `><w:body><w:p><w:r><w:t>`
	end := `</w:t></w:r></w:p></w:body></w:document>`
	for _, bad := range pieceEdgeBad {
		for _, at := range []int{readPiece, 2 * readPiece, 3 * readPiece} {
			for d := -5; d <= 5; d++ {
				fill := at + d - len(open)
				text := strings.Repeat("x", fill) + bad + strings.Repeat("年", 3)
				bodies = append(bodies, []byte(open+text+end))
			}
		}
		// at the document's end, and as all of it
		bodies = append(bodies, []byte(open+strings.Repeat("表", readPiece/3)+end+bad), []byte(bad))
	}
	// text of three-byte characters over several pieces, offset by 0, 1
	// and 2 bytes
	for d := range 3 {
		bodies = append(bodies, []byte(open+strings.Repeat("x", d)+strings.Repeat("政府信息", 3*readPiece/12)+end))
	}
	return bodies
}

// TestScanInMemorySameAsOld: scanDOCXInMemory reads a document as
// oldScanDOCXInMemory did (in memory or not, and to the same parser
// state), deflated and stored, with its size declared and off by a
// little, and corrupted: on characters and bytes that are not UTF-8 at
// the ends of its pieces, the DOCX test bodies (the fuzz seeds and
// corpus among them), the seed reports set in paragraphs and cells,
// generated reports of every layout, and the .docx of the corpus
// NIANBAO_BENCH_CORPUS names.
func TestScanInMemorySameAsOld(t *testing.T) {
	n := 0
	// stored, and in pieces of the given sizes too
	both := func(name string, body []byte, pieces ...int) {
		t.Helper()
		n++
		for _, limit := range []int64{1 << 30, 2000} {
			sameInMemory(t, name, zipDocument(t, body), limit)
			sameInMemory(t, name+" stored", zipStored(t, body), limit, pieces...)
		}
	}
	for i, body := range pieceEdgeBodies() {
		both(fmt.Sprintf("edge%d", i), body, 4093)
	}
	for i, body := range docxBodies(t) {
		if len(body) < 8<<10 {
			both(fmt.Sprintf("body%d", i), body, 1, 2, 3, 5, 7)
		} else {
			both(fmt.Sprintf("body%d", i), body)
		}
	}
	seedDocuments(t, func(doc []byte, _ int) { both("seed", doc) })
	generated(t, 20, "docx", func(layout, name string, b []byte) {
		n++
		sameInMemory(t, layout+" "+name, b, 1<<30)
		// corrupted: its CRC-32 or its deflate stream no longer right
		for _, at := range []int{len(b) / 3, len(b) / 2, len(b) * 2 / 3} {
			c := bytes.Clone(b)
			c[at] ^= 0x55
			sameInMemory(t, layout+" flipped "+name, c, 1<<30)
		}
	})
	corpusDocuments(t, func(name string, doc []byte) { both(name, doc) })
	if n < 400 {
		t.Errorf("%d documents compared", n)
	}
}

// FuzzScanInMemorySameAsOld: on any document, deflated or stored, whose
// size is declared right or a little off, under any text limit, read in
// pieces of readPiece bytes and of a few, scanDOCXInMemory reads it as
// oldScanDOCXInMemory did, and does not panic.
func FuzzScanInMemorySameAsOld(f *testing.F) {
	for i, bad := range pieceEdgeBad {
		// the characters and bytes of pieceEdgeBodies, in a small document
		f.Add([]byte(`<w:document><w:body><w:p><w:r><w:t>x`+bad+`年</w:t></w:r></w:p></w:body></w:document>`), i%2 == 0, int64(1<<30), uint8(i))
	}
	for i, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(b, i%2 == 0, int64(i*5), uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, stored bool, maxText int64, piece uint8) {
		// pieces of 1 to 64 bytes: a small document cut in many places
		p := 1 + int(piece%64)
		if len(body) > 1<<10 {
			p = readPiece // (a large one would take long)
		}
		if stored {
			sameInMemory(t, "f.docx", zipStored(t, body), maxText, p)
		} else {
			sameInMemory(t, "f.docx", zipDocument(t, body), maxText, p)
		}
	})
}
