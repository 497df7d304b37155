package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// htmlPaths reads page b by the fast path (when it takes the page) and by
// the tree path, with the limits lim.
func htmlPaths(rel string, b []byte, lim Limits) (fast, tree schemas.Document, usedFast bool) {
	lim = lim.withDefaults()
	fast = schemas.Document{SourcePath: rel, SourceFormat: "html"}
	tree = fast
	s1, _ := sniff(b)
	usedFast = readHTMLVia(&fast, bytes.NewReader(b), b, int64(len(b)), s1, lim, nil, true)
	s2, _ := sniff(b)
	readHTMLVia(&tree, bytes.NewReader(b), b, int64(len(b)), s2, lim, nil, false)
	return fast, tree, usedFast
}

// samePage fails t when the two readings of a page differ.
func samePage(t testing.TB, name string, fast, tree schemas.Document) {
	t.Helper()
	if fast.Encoding != tree.Encoding {
		t.Fatalf("%s: encoding %q, tree %q", name, fast.Encoding, tree.Encoding)
	}
	if fast.Text != tree.Text {
		fl, tl := strings.Split(fast.Text, "\n"), strings.Split(tree.Text, "\n")
		for i := 0; i < min(len(fl), len(tl)); i++ {
			if fl[i] != tl[i] {
				t.Fatalf("%s: text differs at line %d:\nfast %q\ntree %q", name, i+1, fl[i], tl[i])
			}
		}
		t.Fatalf("%s: text has %d lines, tree %d", name, len(fl), len(tl))
	}
	if len(fast.Tables) != len(tree.Tables) {
		t.Fatalf("%s: %d tables, tree %d", name, len(fast.Tables), len(tree.Tables))
	}
	for i := range fast.Tables {
		if !reflect.DeepEqual(fast.Tables[i], tree.Tables[i]) {
			t.Fatalf("%s: table %d:\nfast %d %q\ntree %d %q", name, i, fast.Tables[i].Line, fast.Tables[i].Rows, tree.Tables[i].Line, tree.Tables[i].Rows)
		}
	}
	if !reflect.DeepEqual(fast.Findings, tree.Findings) {
		t.Fatalf("%s: findings %+v, tree %+v", name, fast.Findings, tree.Findings)
	}
}

// pageOf returns the page a file holds: an HTML file's bytes, or the
// markup peeled from a text file that holds a page's (as peelText reads
// it); ok is false for a text file holding none.
func pageOf(name string, b []byte) (page []byte, ok bool) {
	switch filepath.Ext(name) {
	case ".html", ".htm":
		return b, true
	case ".txt":
		text, _, _ := decodeBytes(name, b, Limits{}.withDefaults().MaxLineBytes, Limits{}.withDefaults().MaxTextBytes, false)
		if text == "" || !hasTableTag(text, tagAny) {
			return nil, false
		}
		peeled, _ := peel(text)
		if !hasTableTag(peeled, tagRaw) {
			return nil, false
		}
		return []byte(peeled), true
	}
	return nil, false
}

// generatedPages writes a corpus of n reports drawn from layouts and returns
// its files by name.
func generatedPages(tb testing.TB, n int, seed int64, layouts ...string) map[string][]byte {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := generate.Corpus(context.Background(), dir, generate.Options{Reports: n, Seed: seed, Layouts: layouts}); err != nil {
		tb.Fatal(err)
	}
	return filesUnder(tb, dir)
}

func filesUnder(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".jsonl") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = b
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// htmlLayouts are the layouts generate draws as pages (or pages kept in
// text, for crawled).
var htmlLayouts = []string{generate.LayoutHTML, generate.LayoutHTMLSpacer, generate.LayoutHTMLShifted,
	generate.LayoutWordHTML, generate.LayoutCrawled}

// TestHTMLFastMatchesTree: on every page generate draws (each HTML layout,
// UTF-8 and GBK, several seeds), the fast path reads the page, and reads it
// as the tree path does.
func TestHTMLFastMatchesTree(t *testing.T) {
	n := 120
	if testing.Short() {
		n = 30
	}
	pages, fast := 0, 0
	for _, layout := range htmlLayouts {
		for seed := int64(1); seed <= 3; seed++ {
			for name, b := range generatedPages(t, n, seed, layout) {
				page, ok := pageOf(name, b)
				if !ok {
					continue
				}
				f, tr, used := htmlPaths(name, page, Limits{})
				samePage(t, fmt.Sprintf("%s seed %d %s", layout, seed, name), f, tr)
				pages++
				if used {
					fast++
				} else {
					t.Logf("%s seed %d %s: read by the tree path", layout, seed, name)
				}
			}
		}
	}
	t.Logf("%d generated pages, %d by the fast path, %d by the tree path", pages, fast, pages-fast)
	if pages < 5*n || fast < pages*99/100 {
		t.Errorf("%d pages, %d by the fast path: want nearly all", pages, fast)
	}
}

// TestHTMLFastSamples: the pages of the package's other tests and hand-made
// sloppy ones read the same both ways; want says which the fast path takes.
func TestHTMLFastSamples(t *testing.T) {
	tests := []struct {
		name string
		page string
		fast bool
	}{
		{"section3", section3, true},
		{"report page", `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某区报告</title><style>p{color:red}</style><script>var x="<td>不可见</td>";</script></head>
<body><div class="title">某区2021年政府信息<b>公开</b>工作年度报告</div>
<p>三、收到和处理政府信息公开申请情况</p>` + section3 + `<p>四、情况</p>
<div style="display: none">隐藏</div></body></html>`, true},
		{"implied cells", `<table><tr><td rowspan=0 colspan=3>a<td>b<tr><td><table><tr><td>c</table></table>`, true},
		{"caption thead", `<table><caption>x</caption><thead><tr><th colspan=-1>a</th></tr></thead><tbody><tr><td rowspan=2>b<br>c</td></tr></tbody></table><p>d`, true},
		{"unclosed p and li", `<body><p>一<p>二<ul><li>甲<li>乙</ul><p>三<div>四</div>五</p>六`, true},
		{"formatting reopened", `<p><b>粗<i>斜</p><p>续</b>完</p><table><tr><td><b>格</td><td>外</b></td></tr></table>`, true},
		{"end p without p", `甲</p>乙<br>丙</br>丁`, true},
		{"word", `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><style><!-- p.MsoNormal {margin:0cm} --></style></head><body><div class=WordSection1><p class=MsoNormal><span lang=EN-US>一<o:p></o:p></span></p><table class=MsoNormalTable border=1><tr><td width=57 style='width:42.55pt'><p class=MsoNormal align=center><span lang=EN-US>1</span><span>2<o:p></o:p></span></p></td></tr></table></div></body></html>`, true},
		{"entities across a comment", `<p>a&am<!-- x -->p;b &nbsp; c&lt;d</p>`, true},
		{"hidden cells", `<table><tr><td hidden>x</td><td><span style="DISPLAY : none">y</span>z</td></tr><tr style="visibility:hidden"><td>w</td></tr></table>`, true},
		{"colgroup and script in table", `<table><col width=1><colgroup><col></colgroup><script>x</script><tr><td>1</td></tr></table>`, true},
		{"text after body", `<html><body><p>a</p></body></html>b<table><tr><td>c</td></tr></table>`, true},
		{"hidden inline", `<p>a<span style="Visibility: Hidden">b</span>c<font color=red>d</font><i style="display:none">e</i>f</p>`, false},
		{"hidden span", `<p>a<span style="Visibility: Hidden">b</span>c<span hidden>d</span>e<span style="dis&#112;lay:none">f</span>g</p>`, true},
		{"headings and rules", `<h1>一<h2>二</h1>三<p>四<hr>五<h3>六</h4>七<div>八<button>九<button>十</div>`, true},
		{"form", `<div><form action=/s><p>搜索<input name=q></form>正文</div><form><li>x</form>`, true},
		{"table inside p", `<p>前<table><tr><td>1</td></tr></table>后</p>`, false},
		{"quirks table inside p", `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 3.2 Final//EN"><p>前<table><tr><td>1</td></tr></table>后`, false},
		{"foster parented text", `<table><tr>外<td>1</td></tr></table>`, false},
		{"foster parented element", `<table><tr><div>外</div><td>1</td></tr></table>`, false},
		{"nbsp between rows", `<table><tr><td>1</td></tr>&nbsp;<tr><td>2</td></tr></table>`, false},
		{"misnested formatting", `<b>1<p>2</b>3</p>`, false},
		{"nested a", `<a href=1>x<a href=2>y</a>`, false},
		{"select", `<p>a<select><option>b</select>c`, false},
		{"title in body", `<body><title>t</title>x`, false},
		{"textarea", `<textarea>a&amp;b</textarea>`, false},
		{"svg", `<svg><title>t</title></svg>x`, false},
		{"lt in text", `<p>1 < 2</p>`, false},
		{"self-closing script", `<script/>x</script>y`, false},
		{"template", `<template><p>x</p></template>y`, false},
		{"deep", strings.Repeat("<div>", 600) + "深", false},
		{"hidden body", `<body hidden>x`, false},
		{"form in table", `<table><form><tr><td>1</td></tr></form></table>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, b := range [][]byte{[]byte(tt.page), encode(t, simplifiedchinese.GBK, tt.page)} {
				f, tr, used := htmlPaths("a.html", b, Limits{})
				samePage(t, tt.name, f, tr)
				if used != tt.fast {
					t.Errorf("fast path used: %v, want %v", used, tt.fast)
				}
			}
		})
	}
}

// TestHTMLFastLimits: pages over the limits are read (and reported) by the
// tree path.
func TestHTMLFastLimits(t *testing.T) {
	page := []byte("<p>" + strings.Repeat("政府信息 ", 100) + "</p><table><tr><td>1</td></tr></table>")
	for _, lim := range []Limits{{MaxTextBytes: 64}, {MaxLineBytes: 40}} {
		f, tr, used := htmlPaths("a.html", page, lim)
		samePage(t, "limits", f, tr)
		if used != (lim.MaxTextBytes == 0) {
			t.Errorf("limits %+v: fast path used: %v", lim, used)
		}
		if len(tr.Findings) == 0 {
			t.Errorf("limits %+v: no finding", lim)
		}
	}
}

// TestHTMLFastCorpus checks every page of the corpus named by
// NIANBAO_HTML_CORPUS (a folder, as nianbao generate writes it) and reports
// how many the fast path read.
func TestHTMLFastCorpus(t *testing.T) {
	dir := os.Getenv("NIANBAO_HTML_CORPUS")
	if dir == "" {
		t.Skip("NIANBAO_HTML_CORPUS not set")
	}
	pages, fast := 0, 0
	for name, b := range filesUnder(t, dir) {
		page, ok := pageOf(name, b)
		if !ok {
			continue
		}
		f, tr, used := htmlPaths(name, page, Limits{})
		samePage(t, name, f, tr)
		pages++
		if used {
			fast++
		} else {
			t.Logf("%s: read by the tree path", name)
		}
	}
	t.Logf("%d pages, %d by the fast path, %d by the tree path", pages, fast, pages-fast)
}

func FuzzHTMLFastPath(f *testing.F) {
	f.Add([]byte(section3))
	f.Add([]byte(`<meta charset=gbk><table><tr><td rowspan=0 colspan=3>a<td>b<tr><td><table><tr><td>c</table></table>`))
	f.Add([]byte(`<table><caption>x</caption><thead><tr><th colspan=-1>a</th></tr></thead><tbody><tr><td rowspan=2>b<br>c</td></tr></tbody></table><p>d`))
	f.Add([]byte(`<p><b>粗<i>斜</p><p>续</b>完</p><table><tr><td><b>格</td><td>外</b></td></tr></table><ul><li>a<li>b</ul><dl><dt>c<dd>d</dl><h1>e<h2>f</h1>`))
	f.Add([]byte(`<html><head><title>t</title><noscript>n</noscript></head>x<body><form><input type=hidden></form><hr><pre>
p</pre><button>b<button>c</button></body></html>d<!-- e -->&amp`))
	f.Add([]byte(`<table><col><colgroup><col></colgroup><tbody><tr><th>1<td>2</tbody><tfoot><tr><td>3</table>`))
	for name, b := range generatedPages(f, 4, 9, htmlLayouts...) {
		if page, ok := pageOf(name, b); ok {
			// The head of a page and its first table: a whole page makes
			// each run (and minimizing) slow.
			f.Add(page[:min(len(page), 3<<10)])
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fast, tree, _ := htmlPaths("f.html", b, Limits{MaxLineBytes: 256})
		samePage(t, "input", fast, tree)
	})
}

// sameMayMatter fails unless rawMayMatter and prevRawMayMatter agree on
// raw, with spans and without.
func sameMayMatter(t testing.TB, raw []byte) {
	t.Helper()
	for _, spans := range []bool{false, true} {
		if got, want := rawMayMatter(raw, spans), prevRawMayMatter(raw, spans); got != want {
			t.Fatalf("%q (spans %v): %v, before %v", raw, spans, got, want)
		}
	}
}

// mayMatterCases are tags with the words looked for whole, split by
// spaces, in upper case, cut short, at the end, and near misses.
var mayMatterCases = []string{
	`<td>`, `<td colspan="2">`, `<td rowspan=3>`, `<TD ROWSPAN="2">`, `<td R O W S P A N=2>`, `<div hidden>`,
	`<div HIDDEN>`, `<div hid den>`, `<div hidde>`, `<p style="display:none">`, `<p style="DISPLAY: NONE">`,
	`<p style="display :none">`, `<p style="display:non">`, `<p style="visibility:hidden">`, `<span>`, `<spa n>`,
	`<sp>`, `<td s`, `<td d`, `<td h`, `<td class="hhidden">`, `<td class="ddisplay:none">`, `<a href="&amp;">`,
	`<td data-x="Span">`, `<td x="displaynone">`, `<td x="display:nonex">`, "<td\thidden>", `<td hid` + "\t" + `den>`,
	`<td 隐 hidden>`, `<td sspan>`, `<dd>`, `<h1>`, `<hr>`, `<s>`, ``, `h`, `hidden`, ` h i d d e n `,
}

// TestMayMatterSameAsBefore: the test of whether a tag may carry an
// attribute the renderer reads says what it did before, on tags of every
// shape and on the tags of generated pages.
func TestMayMatterSameAsBefore(t *testing.T) {
	for _, c := range mayMatterCases {
		sameMayMatter(t, []byte(c))
	}
	n := 0
	for _, page := range generatedPages(t, 2, 7, generate.LayoutHTML, generate.LayoutHTMLSpacer, generate.LayoutWordHTML) {
		z := html.NewTokenizer(bytes.NewReader(page))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
				sameMayMatter(t, z.Raw())
				n++
			}
		}
	}
	if n < 100 {
		t.Errorf("%d tags of generated pages compared, want 100 or more", n)
	}
}

// FuzzMayMatterSameAsBefore: on any bytes, the test says what it did
// before.
func FuzzMayMatterSameAsBefore(f *testing.F) {
	for _, c := range mayMatterCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		sameMayMatter(t, raw)
	})
}

// TestIsWSSameAsBefore: the look-up in wsBytes answers as the five
// comparisons it replaced, for every byte.
func TestIsWSSameAsBefore(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		if want := b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'; isWS(b) != want {
			t.Errorf("isWS(%#x) = %v, want %v", b, isWS(b), want)
		}
	}
}

// prevTextRuns is textRuns as it was before it looked a byte up in
// spaceStarts before spaceAt's switch.
func prevTextRuns(cur []byte, space *bool, s []byte) []byte {
	for i := 0; i < len(s); {
		if n := spaceAt(s, i); n > 0 {
			*space = len(cur) > 0
			i += n
			continue
		}
		j := i + 1
		for j < len(s) && spaceAt(s, j) == 0 {
			j++
		}
		if *space {
			cur = append(cur, ' ')
			*space = false
		}
		cur = append(cur, s[i:j]...)
		i = j
	}
	return cur
}

// sameTextRuns fails unless textRuns writes s as prevTextRuns did, and,
// for valid UTF-8, as textRunes does, after a line empty or not, with a
// space pending or not.
func sameTextRuns(t *testing.T, s []byte) {
	t.Helper()
	for _, cur := range []string{"", "a"} {
		for _, space := range []bool{false, true} {
			sp, psp, rsp := space, space, space
			got := string(textRuns([]byte(cur), &sp, s))
			if want := string(prevTextRuns([]byte(cur), &psp, s)); got != want || sp != psp {
				t.Fatalf("textRuns(%q, %v, %q) = %q, %v; before %q, %v", cur, space, s, got, sp, want, psp)
			}
			if !utf8.Valid(s) {
				continue
			}
			if want := string(textRunes([]byte(cur), &rsp, s)); got != want || sp != rsp {
				t.Fatalf("textRuns(%q, %v, %q) = %q, %v; textRunes %q, %v", cur, space, s, got, sp, want, rsp)
			}
		}
	}
}

// TestTextRunsSameAsBefore compares textRuns with prevTextRuns and
// textRunes on every short sequence of spaces, no-break spaces and
// other characters, and on the text of generated pages; spaceStarts
// marks every byte spaceAt finds a space at.
func TestTextRunsSameAsBefore(t *testing.T) {
	for c := range 256 {
		for _, next := range []byte{0xa0, 0x80, 'a'} {
			if spaceAt([]byte{byte(c), next}, 0) > 0 && !spaceStarts[c] {
				t.Errorf("spaceAt finds a space at %#x, which spaceStarts does not mark", c)
			}
		}
	}
	eachSequence("", []string{" ", "\t", "\n\r\f", "\u00a0", "\xc2", "\xa0", "a", "政", "\u3000", "\xc2\xa1"}, 4,
		func(b []byte) { sameTextRuns(t, b) })
	for _, b := range generatedPages(t, 5, 3, generate.LayoutHTML, generate.LayoutWordHTML) {
		sameTextRuns(t, b)
	}
}

// FuzzTextRunsSameAsBefore: on any bytes, textRuns writes what
// prevTextRuns wrote (and textRunes writes, for valid UTF-8).
func FuzzTextRunsSameAsBefore(f *testing.F) {
	f.Add([]byte("政府 信息\u00a0公开\t\n"))
	f.Add([]byte("a\xc2\xa0\xc2b\xc2"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameTextRuns(t, b)
	})
}
