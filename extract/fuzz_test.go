package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// checkDoc holds for any input: no caught panic, valid UTF-8 text with '\n'
// line ends only, well-formed findings, rectangular tables within the text.
func checkDoc(t *testing.T, doc schemas.Document) {
	t.Helper()
	if slices.Contains(rules(doc.Findings), RuleInternal.Code) {
		t.Fatalf("panic caught: %+v", doc.Findings)
	}
	if !utf8.ValidString(doc.Text) || strings.Contains(doc.Text, "\r") {
		t.Fatalf("text not normalized UTF-8: %q", doc.Text)
	}
	if doc.ReportID == "" {
		t.Fatal("no ReportID")
	}
	for _, f := range doc.Findings {
		if f.Rule == "" || f.Kind != schemas.KindExtraction || f.Cell != CellReport || f.Message == "" {
			t.Fatalf("malformed finding %+v", f)
		}
	}
	lines := strings.Count(doc.Text, "\n") + 1
	for _, tb := range doc.Tables {
		if tb.Line < 1 || tb.Line > lines {
			t.Fatalf("table at line %d of %d", tb.Line, lines)
		}
		for _, r := range tb.Rows {
			if len(r) != len(tb.Rows[0]) {
				t.Fatalf("ragged table")
			}
		}
	}
}

// checkDetect: the fast detection of in-memory bytes, the in-memory
// sniffer and the streaming sniffer (fed in small pieces, as a file is
// read) choose the same.
func checkDetect(t *testing.T, b []byte) {
	t.Helper()
	streamed := newSniffer()
	for p := b; len(p) > 0; p = p[min(len(p), 7):] {
		streamed.Write(p[:min(len(p), 7)])
	}
	streamed.finish()
	want := streamed.choose()
	_, inMem := sniff(b)
	fast := detect(b)
	if want.name == EncUTF8 && want.bad == 0 {
		// Valid UTF-8 skips the decoder; the text must be the decoder's.
		viaDecoder, fs1, _ := decodeText(context.Background(), "f", bytes.NewReader(b), want.enc, 16, math.MaxInt64)
		direct, fs2, _ := cutLines("f", bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), 16, math.MaxInt64)
		if viaDecoder != direct || len(fs1) != len(fs2) {
			t.Fatalf("decoder %q (%d findings), direct %q (%d)", viaDecoder, len(fs1), direct, len(fs2))
		}
	}
	for _, got := range []detection{inMem, fast} {
		if got.name != want.name || got.conf != want.conf || got.bad != want.bad || got.first != want.first || got.notText != want.notText {
			t.Fatalf("detection %+v, streaming sniffer %+v", got, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)])
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 600)])))
		f.Add(encode(f, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), string(s[:min(len(s), 300)])))
	}
	f.Add([]byte("\xff\xfe\x00\xd8a"))
	f.Add([]byte("a\r\r\n\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkDetect(t, b)
		text, enc, conf, fs := Decode(b)
		if !utf8.ValidString(text) || strings.Contains(text, "\r") || conf < 0 || conf > 1 {
			t.Fatalf("Decode = %q, %q, %v", text, enc, conf)
		}
		if (enc == "") != (len(fs) > 0 && (fs[0].Rule == RuleNotText.Code || fs[0].Rule == RuleEmptyFile.Code)) {
			t.Fatalf("encoding %q with findings %v", enc, rules(fs))
		}
		doc := ReadBytes("f.txt", b, Limits{MaxLineBytes: 64, PDFTimeout: 5 * time.Second})
		checkDoc(t, doc)
		if doc.SourceFormat != "txt" {
			return // its bytes are a PDF or a Word document (byContent), not read as text
		}
		if doc.Encoding != enc {
			t.Fatalf("ReadBytes encoding %q, Decode %q", doc.Encoding, enc)
		}
	})
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte(section3))
	f.Add([]byte(`<meta charset=gbk><table><tr><td rowspan=0 colspan=3>a<td>b<tr><td><table><tr><td>c</table></table>`))
	f.Add([]byte(`<table><caption>x</caption><thead><tr><th colspan=-1>a</th></tr></thead><tbody><tr><td rowspan=2>b<br>c</td></tr></tbody></table><p>d`))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkDoc(t, ReadBytes("f.html", b, Limits{MaxLineBytes: 256}))
	})
}

// FuzzDOCX fuzzes word/document.xml, packed into a valid archive so that
// the XML reader, not the zip checksum, meets the mutations.
func FuzzDOCX(f *testing.F) {
	wrap := func(body string) []byte {
		return []byte(`<w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`)
	}
	f.Add(wrap(para("一") + `<w:tbl><w:tr>` + tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, "a") + `</w:tr><w:tr>` + tc(`<w:vMerge/>`, "") + `</w:tr></w:tbl>`))
	f.Add(wrap(`<w:tbl><w:tr><w:trPr><w:gridBefore w:val="3"/></w:trPr><w:tc><w:tbl><w:tr><w:tc>` + para("x") + `</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`))
	f.Add(wrap(`<w:p><w:r><w:t>a</w:t><w:tab/><w:br/></w:r></w:p><mc:AlternateContent><mc:Fallback><w:t>b</w:t></mc:Fallback></mc:AlternateContent>`))
	f.Add(wrap(`<w:tbl><w:tr><w:tc>` + strings.Repeat(`<w:tbl><w:tr><w:tc>`, 1200) + para("深") + strings.Repeat(`</w:tc></w:tr></w:tbl>`, 1200) + `</w:tc></w:tr></w:tbl>`))
	f.Add(wrap(`<w:tbl><w:tr><w:trPr><w:del w:id="1"/></w:trPr><w:tc><w:p><w:del><w:r><w:delText>x</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>y</w:t></w:r></w:moveFrom><w:sdt><w:sdtContent><w:r><w:t>1</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, xmlBody []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/document.xml")
		w.Write(xmlBody)
		zw.Close()
		checkDoc(t, ReadBytes("f.docx", buf.Bytes(), Limits{MaxZipEntryBytes: 1 << 20, MaxLineBytes: 256}))
	})
}
