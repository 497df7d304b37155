package extract

// sliceTok's next and startTag as they were before a tag whose name is
// followed by its '>' was ended without calling tag and a raw text
// element was told by rawAtoms, kept so that a differential test can
// compare the two.

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// prevNext is next as it was.
func (t *sliceTok) prevNext() html.TokenType {
	s := t.s
	t.attrs = t.attrs[:0]
	t.nret = 0
	if t.bail {
		return t.fail()
	}
	if t.rawTag != "" {
		var end int
		if t.rawTag == "script" {
			end = scriptEnd(s, t.pos)
		} else {
			end = rawEnd(s, t.pos, t.rawTag)
		}
		ahead := len("</") + len(t.rawTag) + 1
		t.rawTag = ""
		if end > t.pos {
			if end-t.pos+ahead > maxSliceToken {
				return t.fail()
			}
			return t.give(html.TextToken, end)
		}
	}
	i := t.pos
	for {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 || i+j+1 >= len(s) {
			if t.pos == len(s) {
				t.r0, t.r1, t.tt = t.pos, t.pos, html.ErrorToken
				return t.tt
			}
			return t.give(html.TextToken, len(s))
		}
		k := i + j
		c := afterLT[s[k+1]]
		if c == ltText {
			i = k + 1
			continue
		}
		if k > t.pos {
			return t.give(html.TextToken, k)
		}
		switch c {
		case ltLetter:
			return t.prevStartTag(k)
		case ltSlash:
			if k+2 == len(s) {
				return t.give(html.TextToken, len(s))
			}
			if afterLT[s[k+2]] != ltLetter {
				return t.give(html.CommentToken, closeAngle(s, k+2))
			}
			end, ok := t.tag(t.readName(k+2), false)
			if !ok {
				return t.cut(k)
			}
			return t.give(html.EndTagToken, end)
		case ltBang:
			return t.markup(k)
		}
		return t.give(html.CommentToken, closeAngle(s, k+1))
	}
}

// prevStartTag is startTag as it was.
func (t *sliceTok) prevStartTag(k int) html.TokenType {
	end, ok := t.tag(t.readName(k+1), true)
	if !ok {
		return t.cut(k)
	}
	s := t.s
	switch a := t.nameAtom; {
	case a == atom.Plaintext:
		return t.fail()
	case rawText(a):
		t.rawTag = a.String()
	}
	tt := html.StartTagToken
	if na := len(t.attrs); s[end-2] == '/' && (na == 0 || int32(end-2) != t.attrs[na-1]-1) {
		tt = html.SelfClosingTagToken
	}
	return t.give(tt, end)
}

// samePrevNext tokenizes b with next and with prevNext, side by side
// (sameTokensAs).
func samePrevNext(t testing.TB, name string, b []byte) int {
	t.Helper()
	return sameTokensAs(t, name, b, (*sliceTok).prevNext)
}

// tagCloseEdges are tags ended at, before and after their name's end:
// '>' at once, after white space, a '/', an attribute or the end of the
// page, names of every length around the eight bytes readName reads at
// once, upper case, raw text and plaintext elements.
var tagCloseEdges = []string{
	"<a>", "</a>", "<a", "</a", "<a/>", "</a/>", "<a >", "</a >", "<a\t>", "</a\n>", "<a b>", "</a b>",
	"<abcdefg>", "</abcdefg>", "<abcdefgh>", "</abcdefgh>", "<abcdefghi>", "</abcdefghi>", "<TD>", "</TD>",
	"<Td>x</tD>", "<td>", "<td", "<td/", "<td/>", "<td />", "<br/>", "<br />", "<p>a</p>", "<script>x</script>",
	"<SCRIPT>x<td></SCRIPT>", "<style>a</style>", "<title>t</title>", "<textarea></textarea>", "<plaintext>",
	"<plaintext>x", "<PlainText>", "<xmp>a</xmp>", "<o:p></o:p>", "<st1:chsdate>", "</st1:chsdate>", "<a-b_c.d>",
	"<a>>", "</a>>", "<a=>", "</a=>", "<a\"b>", "<é>", "</é>", "<a\x00>", "<td>\x00", "<v:shape>", "<iframe>x</iframe>",
	"<noscript>a<b></noscript>", "<noembed>a</noembed>", "<noframes>a</noframes>", "<NOFRAMES x>a</noframes>",
	"<script/>a", "<style a=b>x</style>", "<tt>a</tt>", "<textareas>",
}

// TestRawAtomsSameAsRawText: rawAtoms holds an atom value, for every
// value an atom can have (an offset into the names and a length, each of
// a byte's width and more), exactly where rawText reports it.
func TestRawAtomsSameAsRawText(t *testing.T) {
	step := 1
	if raceEnabled {
		step = 7
	}
	for off := 0; off < 1<<14; off += step {
		for n := range 256 {
			a := atom.Atom(off<<8 | n)
			if got := rawAtoms.slot[uint8((uint32(a)*rawAtoms.mul)>>24)] == a; got != rawText(a) {
				t.Fatalf("%#x (%q): %v, rawText %v", uint32(a), a.String(), got, rawText(a))
			}
		}
	}
	for _, a := range []atom.Atom{0, ^atom.Atom(0), 1 << 31, atom.Td, atom.Script, atom.Plaintext} {
		if got := rawAtoms.slot[uint8((uint32(a)*rawAtoms.mul)>>24)] == a; got != rawText(a) {
			t.Fatalf("%#x: %v, rawText %v", uint32(a), got, rawText(a))
		}
	}
}

// corpusPages adds the HTML pages of the corpus NIANBAO_BENCH_CORPUS
// names, if any, to pages.
func corpusPages(t testing.TB, pages map[string][]byte) {
	t.Helper()
	root := os.Getenv("NIANBAO_BENCH_CORPUS")
	if root == "" {
		return
	}
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && FormatOf(p) == "html" {
			if b, err := os.ReadFile(p); err == nil {
				pages[p] = b
			}
		}
		return nil
	})
}

// TestTagCloseSameAsPrev: next reads the tokens prevNext read from the
// edges, every byte after a name, random bytes, and the pages of every
// HTML layout generated, real pages, testdata, the seeds and a corpus's
// pages when NIANBAO_BENCH_CORPUS names one.
func TestTagCloseSameAsPrev(t *testing.T) {
	for _, c := range append(tagCloseEdges, nextEdges...) {
		for _, pre := range []string{"", "x", " <", "<p>"} {
			for _, post := range []string{"", "y", "<td>y", "</td>", " "} {
				samePrevNext(t, "edge", []byte(pre+c+post))
			}
		}
	}
	for c := range 256 {
		for _, f := range []string{"<a%c", "</a%c", "<abcdefgh%c>", "</abcdefgh%c>", "<td%c>x</td%c>", "<b%c%c>", "<abcdefg%c"} {
			samePrevNext(t, "byte", bytes.ReplaceAll([]byte(f), []byte("%c"), []byte{byte(c)}))
		}
	}
	rng := rand.New(rand.NewSource(11))
	set := []byte("<<<>>//! tdpTD=\"'\x00\xe4\n")
	for range 20000 {
		b := make([]byte, rng.Intn(48))
		for i := range b {
			b[i] = set[rng.Intn(len(set))]
		}
		samePrevNext(t, "random", b)
	}
	pages, seeds := diffPages(t, true)
	corpusPages(t, pages)
	n := 0
	for name, b := range pages {
		if page, ok := pageOf(name, b); ok {
			n += samePrevNext(t, name, page)
			// Every cut of a page's first tags: pages ended inside a tag.
			for k := 1; k < min(len(page), 400); k++ {
				samePrevNext(t, name, page[:k])
			}
		}
	}
	if n < 5000 || len(seeds) == 0 {
		t.Fatalf("%d tokens of pages and %d seeds compared", n, len(seeds))
	}
	t.Logf("%d tokens of %d pages compared", n, len(pages))
}

// FuzzTagCloseSameAsPrev: on any bytes, next reads the tokens prevNext
// read.
func FuzzTagCloseSameAsPrev(f *testing.F) {
	for _, c := range tagCloseEdges {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		samePrevNext(t, "fuzz", b)
	})
}
