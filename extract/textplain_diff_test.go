package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// textPlainPages are crafted pages for TestTextPlainSameAsOld and the
// seeds of FuzzTextPlainSameAsOld: white space of every kind inside, before
// and after words, across comments and tags, U+00A0 raw and as entities,
// '<', NUL and '&' in text, <pre> and head text, text in table parts,
// invalid UTF-8, GBK bytes and BOMs.
var textPlainPages = []string{
	"<p>a b</p>", "<p> a b </p>", "<p>\ta\tb\t</p>", "<p>a\nb\r\nc\fd</p>", "<p>\n  a  \n  b  \n</p>",
	"<p>a<!-- c -->b</p>", "<p>a <!-- c --> b</p>", "<p>a\n<!-- c -->\tb</p>", "<p> <!-- --> </p>x",
	"<p>a\u00a0b</p>", "<p>\u00a0a</p>", "<p>a\u00a0</p>", "<p>a \u00a0 b</p>", "<p>·×°</p>", "<p>a&nbsp;b</p>",
	"<p>a&#32;&#32;b</p>", "<p>a&amp;b</p>", "<p>a&lt;td&gt;b</p>", "<p>a < b</p>", "<p>a\x00b</p>", "<p>a &b c</p>",
	"<pre>\r\na b</pre>", "<pre>\na\tb</pre>", "<pre>\r a</pre>", "<pre> \n a</pre>", "<listing>\nx y</listing>",
	"<title> t t </title> x  y", "<head> <title>a</title> </head>\n<body> z\tw </body>", "  lead  text  ",
	"<table> <tr> <td> a b </td>\n<td>\nc\td\n</td></tr> </table>", "<table>\n\t<tr><td>x</td></tr>\n</table>",
	"<table><tr><td>a</td><td> </td><td>\u00a0</td></tr></table> tail\n",
	"<table><tr><td><table><tr><td> n  m </td></tr></table></td></tr></table>",
	"<table><caption> c\tc </caption><tr><th>h\nh</th></tr></table>",
	"<div>a<br>b <br> c</div><p>\r\n</p>", "<p>a</p>\n\n<p>b</p>", "<ul><li> one\n<li>two </ul>",
	"<b> x </b> <i>y</i>\t<u>\nz</u>", "<p>a<span> b </span>c</p>", "<p>a</span >b", "<p>a<b", "<p>a</",
	"<script> a b </script>c d", "<style>x\ty</style> e\tf", "<noscript> n </noscript> m", "<!doctype html> d  e",
	"\xef\xbb\xbf<p>bom a b</p>", "<p>\xff\xfe a\tb</p>", "<p>a\xc2 b</p>", "<p>a\xc2\xa0\xc2\xa0b</p>", "<p>\xc2</p>",
	"<p>a\tb\xe4\xb8\n</p>", "<p>\xb9\xfa\xbc\xd2 \xb9\xfa\n\xbc\xd2</p>", "<p>\x81\x30\x81\x30 a</p>",
	"<html><body>\n政府信息公开\t工作年度报告\n<table><tr><td>\n 1 \n</td><td>\t二\u00a0三\t</td></tr></table></body></html>",
}

// textPlainInputs are the files TestTextPlainSameAsOld reads: diffPages
// and, when NIANBAO_DIFF_CORPUS or NIANBAO_BENCH_CORPUS names one, a
// generated corpus's files.
func textPlainInputs(t *testing.T) map[string][]byte {
	pages, _ := diffPages(t, true)
	for _, root := range []string{os.Getenv("NIANBAO_DIFF_CORPUS"), os.Getenv("NIANBAO_BENCH_CORPUS")} {
		if root == "" {
			continue
		}
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (FormatOf(p) == "html" || FormatOf(p) == "txt") {
				if b, err := os.ReadFile(p); err == nil {
					pages[p] = b
				}
			}
			return nil
		})
	}
	for i, s := range textPlainPages {
		pages["crafted/"+string(rune('a'+i%26))+strings.Repeat("_", i/26)+".html"] = []byte(s)
	}
	return pages
}

// pagesOf are the pages fastHTML may be handed for b: b as it is, b
// decoded from GB18030 when it is not UTF-8, and the markup peeled from b
// read as a text file.
func pagesOf(name string, b []byte) [][]byte {
	out := [][]byte{b}
	if !utf8.Valid(b) {
		if d, ok := decodePage(nil, simplifiedchinese.GB18030, b); ok {
			out = append(out, d)
		}
	}
	text, _, _ := decodeBytes(name, b, 0, 1<<30, false)
	if hasTableTag(text, tagAny) {
		if peeled, layers := peel(text); layers > 0 && hasTableTag(peeled, tagRaw) {
			out = append(out, []byte(peeled))
		}
	}
	return out
}

// sameTextPlain fails unless fastHTMLVia reads page as oldFastHTMLVia
// did, into the whole document and its answer, by both tokenizers, with
// the page said to be valid UTF-8 or not, and under a text limit it
// meets. It returns how many readings it compared.
func sameTextPlain(t testing.TB, name string, page []byte) int {
	n := 0
	for _, slice := range []bool{true, false} {
		for _, valid := range []bool{true, false} {
			for _, maxText := range []int64{Limits{}.withDefaults().MaxTextBytes, 64} {
				got := schemas.Document{SourcePath: name, SourceFormat: "html"}
				want := got
				gok := fastHTMLVia(&got, strings.NewReader(string(page)), page, valid, maxText, nil, slice)
				wok := oldFastHTMLVia(&want, strings.NewReader(string(page)), page, valid, maxText, nil, slice)
				if gok != wok || !reflect.DeepEqual(got, want) {
					t.Fatalf("%s (slice %v, valid %v, maxText %d): fast path %v, document\n%+v\nbefore %v,\n%+v", name, slice, valid, maxText, gok, got, wok, want)
				}
				n++
			}
		}
	}
	return n
}

// TestTextPlainSameAsOld compares the fast HTML reader with its copy from
// before textPlain over the diffPages, a generated corpus and crafted
// pages, each as it is, decoded from GB18030 and peeled.
func TestTextPlainSameAsOld(t *testing.T) {
	files, pages, n := textPlainInputs(t), 0, 0
	for name, b := range files {
		for _, page := range pagesOf(name, b) {
			pages++
			n += sameTextPlain(t, name, page)
		}
	}
	t.Logf("%d files, %d pages, %d readings compared", len(files), pages, n)
}

// FuzzTextPlainSameAsOld is TestTextPlainSameAsOld on any bytes.
func FuzzTextPlainSameAsOld(f *testing.F) {
	for _, s := range textPlainPages {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, page := range pagesOf("fuzz.html", b) {
			sameTextPlain(t, "fuzz.html", page)
		}
	})
}
