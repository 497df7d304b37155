package extract

// sliceTok's next as it was before it sorted the byte after a '<' by a
// table (afterLT), kept so that a differential test can compare the two.

import (
	"bytes"
	"math/rand"
	"slices"
	"testing"

	"golang.org/x/net/html"
)

// oldNext is next as it was.
func (t *sliceTok) oldNext() html.TokenType {
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
		c := s[k+1]
		if !(isLetter(c) || c == '/' || c == '!' || c == '?') {
			i = k + 1
			continue
		}
		if k > t.pos {
			return t.give(html.TextToken, k)
		}
		switch {
		case isLetter(c):
			return t.startTag(k)
		case c == '/':
			if k+2 == len(s) {
				return t.give(html.TextToken, len(s))
			}
			if !isLetter(s[k+2]) {
				return t.give(html.CommentToken, closeAngle(s, k+2))
			}
			end, ok := t.tag(t.readName(k+2), false)
			if !ok {
				return t.cut(k)
			}
			return t.give(html.EndTagToken, end)
		case c == '!':
			return t.markup(k)
		}
		return t.give(html.CommentToken, closeAngle(s, k+1))
	}
}

// sameNext tokenizes b with next and with oldNext, side by side
// (sameTokensAs).
func sameNext(t testing.TB, name string, b []byte) int {
	t.Helper()
	return sameTokensAs(t, name, b, (*sliceTok).oldNext)
}

// sameTokensAs tokenizes b with next and with old, side by side: each
// token's type, raw bytes, name and attributes, and where the tokenizers
// stand, agree, up to the end or bail. It returns the tokens read.
func sameTokensAs(t testing.TB, name string, b []byte, old func(*sliceTok) html.TokenType) int {
	t.Helper()
	var cur, was sliceTok
	cur.reset(b)
	was.reset(b)
	for n := 0; ; n++ {
		tt, ott := cur.next(), old(&was)
		if tt != ott || cur.r0 != was.r0 || cur.r1 != was.r1 || cur.pos != was.pos || cur.bail != was.bail ||
			cur.rawTag != was.rawTag || !slices.Equal(cur.attrs, was.attrs) ||
			(tt == html.StartTagToken || tt == html.SelfClosingTagToken || tt == html.EndTagToken) &&
				(!bytes.Equal(cur.name, was.name) || cur.namePlain != was.namePlain || cur.nameAtom != was.nameAtom) {
			t.Fatalf("%s: token %d: %v %q (%d, %v), was %v %q (%d, %v)", name, n, tt, cur.raw(), cur.pos, cur.bail,
				ott, was.raw(), was.pos, was.bail)
		}
		if tt == html.ErrorToken {
			return n
		}
	}
}

// nextEdges are the bytes after a '<' of every kind, at the end of a
// page and not, after text and not.
var nextEdges = []string{
	"", "<", "a<", "<<", "<a", "<a>", "a<b>c", "</", "a</", "</>", "</a>", "</ a>", "</1>", "<!", "<!--x-->", "<!-",
	"<!doctype html>", "<!DOCTYPE>", "<?xml?>", "<?", "a<?", "< a>", "<1>", "<é>", "<\x00>", "x<td>y</td>z",
	"<script>a</script>b", "<style><td></style>", "<title>t</title>", "<TD>a<P>b</P></TD>", "<a b=c>d</a>",
	"a < b > c", "<<a>>", "</<a>", "<!<a>", "<?<a>", "<plaintext>a", "<td", "</td", "<td a='", "<br/>", "<br />",
}

// TestNextSameAsOld: next reads the tokens oldNext read from the edges,
// the bytes after '<' of every kind, random bytes and the pages of every
// HTML layout generated, real pages, testdata and the seeds.
func TestNextSameAsOld(t *testing.T) {
	for _, c := range nextEdges {
		for _, pre := range []string{"", "x", " <"} {
			sameNext(t, "edge", []byte(pre+c))
			sameNext(t, "edge", []byte(pre+c+"<td>y"))
		}
	}
	for c := range 256 {
		for _, f := range []string{"<%c", "a<%c", "<%c>", "a<%cb>c", "</%c>", "a</%cb>", "<%c%c>x<b>"} {
			sameNext(t, "byte", bytes.ReplaceAll([]byte(f), []byte("%c"), []byte{byte(c)}))
		}
	}
	rng := rand.New(rand.NewSource(7))
	set := []byte("<<<>/!?-abAB tdp=\"'\x00\xe4")
	for range 20000 {
		b := make([]byte, rng.Intn(40))
		for i := range b {
			b[i] = set[rng.Intn(len(set))]
		}
		sameNext(t, "random", b)
	}
	pages, seeds := diffPages(t, true)
	n := 0
	for name, b := range pages {
		if page, ok := pageOf(name, b); ok {
			n += sameNext(t, name, page)
		}
	}
	if n < 5000 || len(seeds) == 0 {
		t.Fatalf("%d tokens of pages and %d seeds compared", n, len(seeds))
	}
	t.Logf("%d tokens of pages compared", n)
}

// FuzzNextSameAsOld: on any bytes, next reads the tokens oldNext read.
func FuzzNextSameAsOld(f *testing.F) {
	for _, c := range nextEdges {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sameNext(t, "fuzz", b)
	})
}
