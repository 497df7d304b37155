package extract

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// validTextCases are pages whose text nodes are cut, trimmed or decoded
// next to multi-byte characters: entities (numeric ones of surrogates,
// past U+10FFFF, of C1 controls, cut short), white space collapsed and
// trimmed, a <pre>'s first newline, text outside the body, a raw text
// element, and multi-byte characters at every place a text node ends.
var validTextCases = []string{
	`<p>一&amp;二</p>`, `<p>&#xD800;&#xDFFF;&#x110000;&#x80;&#x9F;&#0;</p>`, `<p>一&#x4e00二&#19968三&am四&</p>`,
	`<p>&#55296;&#56320;&#1114112;&#xFFFD;&#x10FFFF;</p>`, "<p> \t一\r\n 二 \f</p>", "<pre>\r\n一</pre><pre>\n\n二</pre>",
	`一<html>二<head>三</head>四<body>五</body>六</html>七`, `<title>一</title><textarea>二</textarea><p>三`,
	`<table>一<tr>二<td>三</td></tr></table>`, "<p>\xef\xbb\xbf一</p>", `<p>一<!--二-->三</p><p>四<br>五</p>`,
	`<p>&notit; &notin; &NotNestedGreaterGreater; &acE;</p>`, `<p>` + strings.Repeat("一 ", 200) + `</p>`,
}

// fastText is the text of the text nodes the fast parser builds from page,
// read by sliceTok (slice) or by html.Tokenizer, as fastHTMLVia builds it;
// ok is false when the fast parser gives the page up.
func fastText(page []byte, maxText int64, slice bool) (text []byte, ok bool) {
	p := fastPool.Get().(*fastParser)
	p.reset()
	p.stop = nil
	if slice {
		p.st.reset(page)
	} else {
		p.z = html.NewTokenizer(bytes.NewReader(page))
		p.z.SetMaxBuf(maxHTMLToken)
	}
	ok = p.run(maxText)
	text = bytes.Clone(p.text)
	p.z, p.st.s, p.st.name = nil, nil, nil
	p.reset()
	fastPool.Put(p)
	return text, ok
}

// sameWithValidPage fails t unless the text nodes of a valid UTF-8 page
// are valid UTF-8, and the fast path reads page alike told that it is
// valid and checking its text itself, as it did before.
func sameWithValidPage(t testing.TB, page []byte, maxText int64) {
	t.Helper()
	valid := utf8.Valid(page)
	for _, slice := range []bool{true, false} {
		if text, ok := fastText(page, maxText, slice); ok && valid && !utf8.Valid(text) {
			t.Fatalf("%.200q (sliceTok %v): valid page, text nodes not valid UTF-8: %.200q", page, slice, text)
		}
		var a, b schemas.Document
		a.SourcePath, b.SourcePath = "p.html", "p.html"
		var ra, rb *bytes.Reader
		pa, pb := page, page
		if !slice {
			ra, rb, pa, pb = bytes.NewReader(page), bytes.NewReader(page), nil, nil
		}
		okA := fastHTMLVia(&a, reader(ra), pa, valid, maxText, nil, slice)
		okB := fastHTMLVia(&b, reader(rb), pb, false, maxText, nil, slice)
		if okA != okB || !reflect.DeepEqual(a, b) {
			t.Fatalf("%.200q (sliceTok %v): told valid %v %q %v %v\nchecked %v %q %v %v",
				page, slice, okA, a.Text, a.Tables, a.Findings, okB, b.Text, b.Tables, b.Findings)
		}
	}
}

// reader is r as an io.Reader, nil when r is.
func reader(r *bytes.Reader) io.Reader {
	if r == nil {
		return nil
	}
	return r
}

// TestFastHTMLValidPageSame: a valid UTF-8 page's text nodes are valid
// UTF-8, so that the fast path, told the page is valid, reads it as it
// did checking the text: on tag and text cases, real and generated pages,
// and under a text limit.
func TestFastHTMLValidPageSame(t *testing.T) {
	cases := append(append(append([]string{}, validTextCases...), sliceTokCases...), sliceTokScripts...)
	for _, c := range cases {
		sameWithValidPage(t, []byte(c), 1<<20)
		sameWithValidPage(t, []byte("<table><tr><td>"+c+"</td></tr></table>"), 1<<20)
		sameWithValidPage(t, []byte(c), 5)
	}
	for v := range 20 {
		sameWithValidPage(t, realPage(v), 1<<20)
	}
	n := 0
	for name, b := range generatedPages(t, 12, 6, htmlLayouts...) {
		if page, ok := pageOf(name, b); ok {
			sameWithValidPage(t, page, 1<<20)
			sameWithValidPage(t, page, 300)
			if utf8.Valid(page) {
				n++
			}
		}
	}
	if n == 0 {
		t.Error("no valid UTF-8 generated page compared")
	}
}

// FuzzFastHTMLValidPageSame: on any bytes, a valid page's text nodes are
// valid UTF-8, and the fast path reads the page alike told it is valid
// and checking its text.
func FuzzFastHTMLValidPageSame(f *testing.F) {
	for _, c := range validTextCases {
		f.Add([]byte(c))
	}
	for _, c := range sliceTokCases {
		f.Add([]byte(c))
	}
	for v := range 4 {
		f.Add(realPage(v))
	}
	for name, b := range generatedPages(f, 3, 9, htmlLayouts...) {
		if page, ok := pageOf(name, b); ok {
			f.Add(page[:min(len(page), 3<<10)])
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sameWithValidPage(t, b, 1<<20)
	})
}

// sameDecodedValid fails unless the page decodePage decodes from b with
// the GB18030 and UTF-8 decoders (with a BOM, and as a page's label
// names it) is valid UTF-8, as readHTMLVia tells the fast path.
func sameDecodedValid(t testing.TB, b []byte) {
	t.Helper()
	declared, _ := charset.Lookup("utf-8") // a page's <meta charset="utf-8">
	for _, enc := range []encoding.Encoding{simplifiedchinese.GB18030, unicode.UTF8, unicode.UTF8BOM, declared} {
		if page, ok := decodePage(nil, enc, b); ok && !utf8.Valid(page) {
			t.Fatalf("%.200q decoded by %v: not valid UTF-8: %.200q", b, enc, page)
		}
	}
}

// TestDecodedPageValid: pages decoded from GB18030 and from UTF-8 with
// invalid sequences are valid UTF-8: the seeds in GB18030, generated
// pages, and GB18030 and UTF-8 sequences whole, cut and invalid.
func TestDecodedPageValid(t *testing.T) {
	for _, s := range seeds(t) {
		sameDecodedValid(t, encode(t, simplifiedchinese.GB18030, string(s[:min(len(s), 3000)])))
	}
	for name, b := range generatedPages(t, 6, 6, htmlLayouts...) {
		if page, ok := pageOf(name, b); ok {
			sameDecodedValid(t, page)
		}
	}
	pieces := append([]string{"\xe4\xb8", "\xe4\xb8\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\xef\xbb\xbf"}, gbPieces...)
	eachSequence("", pieces, 3, func(b []byte) { sameDecodedValid(t, b) })
}

// FuzzDecodedPageValid: on any bytes, a page decoded from GB18030 or
// UTF-8 is valid UTF-8.
func FuzzDecodedPageValid(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 600)])))
	}
	f.Add([]byte("a\x81\x30\x81\x30b\x81\x40\xff\x80\x81\xe4\xb8\xed\xa0\x80"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameDecodedValid(t, b)
	})
}
