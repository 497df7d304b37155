package extract

import (
	"bytes"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sameTokens fails t unless sliceTok reads page as html.Tokenizer does, up
// to where sliceTok gives up: the same token types and raw bytes, and the
// same attributes of start tags (keys, and values tagAttr keeps as they
// are). It reports whether sliceTok read the whole page.
func sameTokens(t testing.TB, page []byte) bool {
	t.Helper()
	var st sliceTok
	st.reset(page)
	z := html.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(maxHTMLToken)
	for n := 0; ; n++ {
		got := st.next()
		if st.bail {
			return false
		}
		want := z.Next()
		if got != want {
			t.Fatalf("token %d: %v %q, html.Tokenizer %v %q", n, got, st.raw(), want, z.Raw())
		}
		if got == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Fatalf("token %d: html.Tokenizer fails (%v) where sliceTok ends", n, z.Err())
			}
			return true
		}
		if !bytes.Equal(st.raw(), z.Raw()) {
			t.Fatalf("token %d (%v): raw %q, html.Tokenizer %q", n, got, st.raw(), z.Raw())
		}
		if got == html.StartTagToken || got == html.SelfClosingTagToken || got == html.EndTagToken {
			// the name the fast parser reads of html.Tokenizer's token
			name := rawTagName(nil, z.Raw())
			if string(st.name) != string(name) || st.namePlain != plainName(name) || st.nameAtom != atom.Lookup(name) {
				t.Fatalf("token %d %q: name %q (plain %v, atom %v), from the raw token %q (%v, %v)",
					n, st.raw(), st.name, st.namePlain, st.nameAtom, name, plainName(name), atom.Lookup(name))
			}
		}
		for more := true; more; {
			k, v, m := st.tagAttr()
			wk, wv, wm := z.TagAttr()
			if st.bail {
				break
			}
			if string(k) != string(wk) || m != wm {
				t.Fatalf("token %d %q: attribute %q (more %v), html.Tokenizer %q (more %v)", n, st.raw(), k, m, wk, wm)
			}
			if string(v) != string(wv) {
				t.Fatalf("token %d %q: %s=%q, html.Tokenizer %q", n, st.raw(), k, v, wv)
			}
			more = m
		}
	}
}

// sliceTokCases are pages of tokens of every shape sliceTok reads, and of
// those it leaves to html.Tokenizer.
var sliceTokCases = []string{
	``, `x`, `<`, `a<`, `a<b`, `a < b`, `a<1>b`, `<p>x</p>`, `<P CLASS=a Class=b>x</P >`,
	`<td rowspan="2" colspan='3' style = "display:none" hidden>`, `<td a=b/>`, `<td a="b"/>`, `<br/>`, `<br />`,
	`<td a=b/ c=d/>`, `<td a=b c/>`, `<a =b>`, `<a ==b>`, `<a b = >`, `<a b=>`, `<a/b>`, `<a / / b>`, `<a b c d>`,
	`<a x=1 X=2 x=3>`, "<a\tb\n=\fc\r>", `<a b='x>y'>`, `<a b="x`, `<a b=x`, `<a b`, `<a `, `<a`, `</a`, `</a x="y>">`,
	`</>`, `</ a>`, `</1>`, `<!-- c -->`, `<!---->`, `<!----->`, `<!-- a -- b -->`, `<!-->`, `<!--->`, `<!-- --!>`,
	`<!-- --!-->`, `<!--`, `<!-- x`, `<!DOCTYPE html>`, `<!doctype>`, `<!DocType html`, `<!doc>`, `<!x>`, `<?xml?>`,
	`<title>a<b>c</title>d`, `<title>a</titlex></title >`, `<TITLE>a</TiTlE>`, `<title></title>`, `<title>`, `<title>a</title`,
	`<style>p{}</style>`, `<textarea>&amp;</textarea>`, `<xmp><p></xmp>`, `<iframe>x</iframe>`, `<noscript><p></noscript>`,
	`<title/>x</title>`, `<script>x</script>`, `<plaintext>x`, "a\x00b", `<td style="a&amp;b">`, "<td style=\"a\rb\">",
	`<td class="a&amp;b" style="x">`, `<td rowspan="&#50;">`, `<p a="1" a="2" A="3">`, `<td 隐="x" 藏=y>`,
	`<p>&amp;&lt;&#x4e00;</p>`, `<a b='"'>`, `<a b="'">`, `<a\>`, `<p>a<!-- <td> --></p>`,
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<!DOCTYPE html>", `<?`, `a<?`, `<?>`, `<!`, `a<!`, `<!>`, `<!-`, `<!-x>`,
	`<![endif]>x`, `<![CDATA[x]]>`, `<!DOCTYPE`, `<!DOCTYPE `, `<!DOCTYPE>`, `<!DOCTY>a`, `<!doctypehtml>`, `<!-- a --!x> b -->`,
	`<!-- --!-- -->`, `<!-- --!-->x-->`, `<!-->x-->`, `<!--->x-->`, `<!-- -- ->x-->`, `<!------>`, `<!---x-->`, `<!-- --!`, `<!-- --`, `<!-- -`, `</ x`, `a</`, `a</b`,
	`</ >`, `a</>b`, `<a b="`, `<p><a`, `<p>x</p`, `x<br/`, `<!--[if lt IE 9]><script src="x.js"></script><![endif]-->`,
	`<!--[if !IE]><!--><p>x</p><!--<![endif]-->`, "<td style='width:1pt;\r\n  border:none;\r\r\n\n\rx\r' colspan=\"\r\n2\r\">",
	"<td rowspan=2\r\nstyle='display:\r\nnone' class=\"a\r\nb\">", "<td style=\"\r\">", "<td style=\"\r\r\">",
	`<p style="font-family:&quot;宋体&quot;;display:none">x</p>`, `<span style="a&amp=b">`, `<span style="&ampx;&amp">`,
	`<td style="&#x64;isplay:none">x</td>`, `<td style="&#100;isplay&colon;none">`, `<td colspan="&#50;" style='x&lt;'>`,
	`<td style="a" style="&amp;">`, `<td STYLE="&QUOT;x&quot">`, `<td style=&quot;x>`, "<td style=\"a&amp;\r\nb\">",
	`<td rowspan="&#50;&#48;" colspan=&#51;>`, `<td style="&notit;&notin;&nbsp">`, `<td style="&#0;&#x110000;&#128;">`,
	`<br style="&amp;"/>`, `<td style="&">`, `<td style="&;">`, `<td style="&#;&#x;">`,
	`<Td>x</tD>`, `<TABLE><TR><TD ROWSPAN=2>x</TD></TR></TABLE>`, `<o:p></o:p>`, `<my-tag_1.x>`, `<p隐>x</p隐>`,
	`<aé b>`, `<A/>`, `<BR/>`, `</BR>`, `<Script>x</SCRIPT>`, `<TITLE/>x</Title>`, `<p$>`, `<p\x>`, `<H1 class=a>`,
}

// sliceTokGivesUp are the cases of sliceTokCases sliceTok leaves to
// html.Tokenizer.
var sliceTokGivesUp = []string{
	`<plaintext>x`, "a\x00b",
}

// sliceTokScripts are script elements of every shape, which sliceTok
// reads whole.
var sliceTokScripts = []string{
	`<script>var a = 1;</script>`, `<script></script>`, `<script>`, `<script>x`, `<script>x<`, `<script>x</`,
	`<script>x</scrip`, `<script>x</script`, `<script>x</SCRIPT >y`, `<SCRIPT>x</Script\t>`, `<script>x</script/>`,
	`<script>x</scriptx>y</script>`, `<script>x</script-->y</script>`, `<script type="text/javascript">a<b&&c>d</script>`,
	`<script>document.write("</scr"+"ipt>");</script>`, `<script>s = "</script>"; t = 1;</script>`,
	`<script>s = '</SCRIPT>';</script>z`, `<script>if (a<b) {}</script>`, `<script>a <!b</script>`,
	`<script><!--`, `<script><!-- x`, `<script><!-- x -->`, `<script><!-- x --></script>`, `<script><!--></script>`,
	`<script><!---></script>`, `<script><!- x --></script>`, `<script><! x</script>`, `<script><!-`, `<script><!`,
	`<script><!-- document.write("<script src=x></script>"); --></script>`,
	`<script><!-- <script> x </script> y --></script>`, `<script><!-- <script> x --></script> y</script>`,
	`<script><!-- <script> x </script --></script>`, `<script><!-- <SCRIPT/> --> </script>`, `<script><!-- <scriptx> </script>`,
	`<script><!-- <scrip </script>`, `<script><!-- <script`, `<script><!-- <script>`, `<script><!-- <script> <`,
	`<script><!-- <script> </`, `<script><!-- <script> </scr`, `<script><!-- <script> </script`, `<script><!-- <script> -`,
	`<script><!-- <script> --`, `<script><!-- <script> --> </script>`, `<script><!-- <script> -- > </script>`,
	`<script><!-- <script> --- </script> --> </script>`, `<script><!-- <script> <- </script>-x</script>`,
	`<script><!-- </script>`, `<script><!-- </scriptx> </script>`, `<script><!-- <1 </script>`, `<script><!-- < </script>`,
	`<script><!-- - -- --> <!-- </script>`, `<script><!-- -<x --></script>`, `<script><!-- --<x --></script>`,
	`<script><!-- <!-- --> </script>`, `<script><!-- <script>--><script>--></script>`, "<script>\r\nvar a;\r\n</script\r\n>",
	`<script><!--//--><![CDATA[//><!-- x //--><!]]></script>`, `<script>x</script><script>y</script>`,
	`<p>a<script>b</script>c</p>`, `<script src="a.js"/>x</script>`, `<script src=a.js></script>`,
}

// TestSliceTokSameAsTokenizer: sliceTok reads what it reads as
// html.Tokenizer does, on pages of every shape and on the pages generate
// draws, and reads all of those generated pages itself.
func TestSliceTokSameAsTokenizer(t *testing.T) {
	for _, c := range sliceTokCases {
		if whole := sameTokens(t, []byte(c)); whole == slices.Contains(sliceTokGivesUp, c) {
			t.Errorf("%q: sliceTok reads it whole %v", c, whole)
		}
	}
	for _, c := range sliceTokScripts {
		if !sameTokens(t, []byte(c)) {
			t.Errorf("%q: sliceTok gives up", c)
		}
	}
	pages, whole := 0, 0
	for name, b := range generatedPages(t, 60, 5, htmlLayouts...) {
		page, ok := pageOf(name, b)
		if !ok || !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		if sameTokens(t, page) {
			whole++
		}
	}
	t.Logf("%d cases, %d generated pages", len(sliceTokCases), pages)
	if pages < 5 || whole != pages {
		t.Errorf("sliceTok read %d of %d generated pages, want all (and 5 or more)", whole, pages)
	}
}

// sameFastPage fails t unless the fast path reads page alike with sliceTok
// and with html.Tokenizer alone.
func sameFastPage(t testing.TB, page []byte, maxText int64) bool {
	t.Helper()
	var a, b schemas.Document
	a.SourcePath, b.SourcePath = "p.html", "p.html"
	okA := fastHTMLVia(&a, nil, page, false, maxText, nil, true)
	okB := fastHTMLVia(&b, bytes.NewReader(page), nil, false, maxText, nil, false)
	if okA != okB {
		t.Fatalf("%.200q: fast path %v with sliceTok, %v with html.Tokenizer", page, okA, okB)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("%.200q: with sliceTok\n%q %v %v\nwith html.Tokenizer\n%q %v %v", page, a.Text, a.Tables, a.Findings, b.Text, b.Tables, b.Findings)
	}
	return okA
}

// TestFastHTMLSliceSameAsTokenizer: the fast path reads every page alike
// with sliceTok and with html.Tokenizer, as it streams a page and as it
// reads a larger one decoded into memory.
func TestFastHTMLSliceSameAsTokenizer(t *testing.T) {
	for _, c := range append(sliceTokCases[:len(sliceTokCases):len(sliceTokCases)], sliceTokScripts...) {
		sameFastPage(t, []byte(c), 1<<20)
		sameFastPage(t, []byte("<table><tr><td>"+c+"</td></tr></table>"), 1<<20)
	}
	for name, b := range generatedPages(t, 12, 6, htmlLayouts...) {
		if page, ok := pageOf(name, b); ok {
			if !sameFastPage(t, page, 1<<20) {
				t.Errorf("%s: the fast path did not read it", name)
			}
			if sameFastPage(t, page, 300) { // over the text limit
				t.Errorf("%s: read whole under a limit of 300 bytes of text", name)
			}
		}
	}
	// A page larger than maxSlicePage streams through html.Tokenizer.
	big := []byte("<table><tr><td>" + strings.Repeat("一二 三 ", maxSlicePage/8) + "</td></tr></table>")
	var a, b schemas.Document
	okA := fastHTML(&a, bytes.NewReader(big), nil, false, 64<<20, nil)
	okB := fastHTMLVia(&b, nil, big, false, 64<<20, nil, true)
	if !okA || !okB || !reflect.DeepEqual(a, b) {
		t.Errorf("large page: streamed %v, in memory %v, same %v", okA, okB, reflect.DeepEqual(a, b))
	}
}

// FuzzSliceTokSameAsTokenizer: on any bytes, sliceTok reads what it reads
// as html.Tokenizer does, and the fast path reads the page alike with
// either.
func FuzzSliceTokSameAsTokenizer(f *testing.F) {
	for _, c := range sliceTokCases {
		f.Add([]byte(c))
	}
	for _, c := range sliceTokScripts {
		f.Add([]byte(c))
	}
	for v := range 4 {
		f.Add(realPage(v))
	}
	f.Add([]byte(section3))
	for name, b := range generatedPages(f, 3, 9, htmlLayouts...) {
		if page, ok := pageOf(name, b); ok {
			f.Add(page[:min(len(page), 3<<10)])
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sameTokens(t, b)
		sameFastPage(t, b, 1<<20)
		sameMetaCharset(t, b)
	})
}

// eachSequence calls f with prefix then every sequence of up to depth of
// pieces, and returns how many it made.
func eachSequence(prefix string, pieces []string, depth int, f func(b []byte)) int {
	n := 0
	b := []byte(prefix)
	var walk func(d int)
	walk = func(d int) {
		n++
		f(b)
		if d == depth {
			return
		}
		for _, p := range pieces {
			k := len(b)
			b = append(b, p...)
			walk(d + 1)
			b = b[:k]
		}
	}
	walk(0)
	return n
}

// TestSliceTokScriptStates: after "<script>", every sequence of up to four
// of the pieces readScript's states turn on is read as html.Tokenizer
// reads it, and sliceTok reads it whole, the script's content among it.
func TestSliceTokScriptStates(t *testing.T) {
	pieces := []string{"<", "/", "!", "-", ">", " ", "x", "<!--", "-->", "</", "script", "SCRIPT", "<script>", "</script>"}
	whole := 0
	n := eachSequence("<script>", pieces, 4, func(b []byte) {
		if sameTokens(t, b) {
			whole++
		}
	})
	if whole != n || n != 41371 {
		t.Errorf("sliceTok read %d of %d pages whole", whole, n)
	}
}

// TestSliceTokMarkupStates: every sequence of up to four of the pieces
// comments, the doctype, bogus comments and cut tags are made of is read
// whole by sliceTok, as html.Tokenizer reads it.
func TestSliceTokMarkupStates(t *testing.T) {
	pieces := []string{"<", "</", "<!", "<?", "<!--", "-", "--", "!", ">", " ", "x", "=", `"`, "DOCTYPE"}
	n := eachSequence("", pieces, 4, func(b []byte) {
		if !sameTokens(t, b) {
			t.Fatalf("%q: sliceTok gives up", b)
		}
	})
	if n != 41371 {
		t.Errorf("%d pages, want 41 371", n)
	}
}

// sameMetaCharset fails unless metaCharset finds in b the charset
// html.Tokenizer alone finds.
func sameMetaCharset(t testing.TB, b []byte) {
	t.Helper()
	want := metaCharsetIn(html.NewTokenizer(bytes.NewReader(b[:min(len(b), 4096)])))
	if got := metaCharset(b); got != want {
		t.Fatalf("%.200q: charset %q, html.Tokenizer %q", b, got, want)
	}
}

// TestMetaCharsetSameAsTokenizer: metaCharset reads the charset pages
// declare, cut anywhere, as html.Tokenizer does.
func TestMetaCharsetSameAsTokenizer(t *testing.T) {
	pages := []string{
		`<meta charset="gb2312">`, `<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GBK">`,
		`<meta http-equiv=content-type content='text/html;charset=utf-8'>`, `<meta charset=" UTF-8 ">`,
		`<meta content="text/html; charset=big5" http-equiv="Content-Type" />`, `<meta charset="&#x67;bk">`,
		`<script>"<meta charset=gbk>"</script><meta charset=utf-8>`, `<!-- <meta charset=gbk> --><meta charset=latin1>`,
		`<title><meta charset=gbk></title>`, "<meta\x00 charset=gbk>", `<meta charset=a charset=b>`,
	}
	for v := range 8 {
		pages = append(pages, string(realPage(v)))
	}
	for _, p := range pages {
		for k := 0; k <= len(p); k++ {
			sameMetaCharset(t, []byte(p[:k]))
		}
		sameMetaCharset(t, []byte(strings.Repeat(" ", 4090)+p))
	}
}

// TestTagAtom: tagAtom answers as atom.Lookup, for the names it tells
// itself and names near them.
func TestTagAtom(t *testing.T) {
	for _, name := range []string{"td", "p", "span", "tr", "", "t", "tdd", "TD", "P", "spa", "spans", "th", "pre", "table", "o:p"} {
		if got, want := tagAtom([]byte(name)), atom.Lookup([]byte(name)); got != want {
			t.Errorf("tagAtom(%q) = %v, atom.Lookup %v", name, got, want)
		}
	}
}
