package extract

// sliceTok's readName as it was before it read the name's bytes 8 at a
// time and looked its atom up in nameAtoms, kept so that a differential
// test can compare the two.

import (
	"bytes"
	"math/rand"
	"testing"

	"golang.org/x/net/html/atom"
)

// oldReadName is readName as it was; it leaves the name in name, plain
// and a rather than the tokenizer's fields.
func (t *sliceTok) oldReadName(i int) (end int, name []byte, plain bool, a atom.Atom) {
	s := t.s
	i0 := i
	var cls uint8
	for ; i < len(s); i++ {
		c := tagNameBytes[s[i]]
		if c == nameEnd {
			break
		}
		cls |= c
	}
	name = s[i0:i]
	if cls&nameUpper != 0 {
		name = append([]byte(nil), name...)
		for j, c := range name {
			if 'A' <= c && c <= 'Z' {
				name[j] = c + 'a' - 'A'
			}
		}
	}
	plain = len(name) > 0 && cls&nameOther == 0
	return i, name, plain, tagAtom(name)
}

// sameReadName compares readName with oldReadName from each place of b
// up to limit: the end, the name, whether it is plain and its atom agree.
func sameReadName(t testing.TB, b []byte, limit int) {
	t.Helper()
	var cur sliceTok
	cur.reset(b)
	for i := 0; i < min(len(b), limit); i++ {
		end := cur.readName(i)
		oend, name, plain, a := cur.oldReadName(i)
		if end != oend || !bytes.Equal(cur.name, name) || cur.namePlain != plain || cur.nameAtom != a {
			t.Fatalf("%q from %d: %d %q %v %v, was %d %q %v %v", b[i:min(len(b), i+20)], i,
				end, cur.name, cur.namePlain, cur.nameAtom, oend, name, plain, a)
		}
	}
}

// nameEdges are names in every case, of every length about 8, ended by
// every byte that ends one and by the end of the page, with bytes
// plainName refuses, NULs and bytes past ASCII.
var nameEdges = []string{
	"td>", "TD>", "Td ", "p>", "P/", "span\t", "SPAN\n", "sPaN\r", "tr\f", "tbody>", "TBODY>", "table>",
	"strong>", "caption>", "colgroup>", "noscript>", "blockquote>", "o:p>", "O:P>", "v:shape ", "st1:chsdate ",
	"h1>", "H6>", "a>", "b>", "x>", "xy>", "xyz>", "abcdefg>", "abcdefgh>", "abcdefghi>", "td", "span", "tbody",
	"t\x00d>", "td\x00>", "\x00>", "é>", "tdé>", "td\xff>", "t-d>", "t_d>", "t.d>", "t9>", "TD9>",
	"spaN\xc2\xa0>", "p" + "\x01>", "table\x00\x00\x00", ">", " ", "/", "", "ab/cdefgh", "font>", "FONT>",
	"T\x01D>", "A@Z[>", "_Z_>", "TbOdY/", "O:P\t", "td\x7f>", "\x10\x1a>", "B\x0d>", "sPAN>x",
}

// TestReadNameSameAsOld: readName reads what oldReadName read from every
// place of the edges, of the names of every byte, of all names of
// letters up to 3 bytes, of random names and of the pages of every HTML
// layout generated, real pages, testdata and the seeds.
func TestReadNameSameAsOld(t *testing.T) {
	for _, c := range nameEdges {
		for _, pad := range []string{"", ">", "      ", "xxxxxxxxxx"} {
			sameReadName(t, []byte(c+pad), len(c)+len(pad))
			sameReadName(t, []byte("<"+c+pad), len(c)+len(pad)+1)
		}
	}
	for c := range 256 {
		for _, f := range []string{"%c", "t%c>", "td%c       ", "%ctd>", "abcdef%c>", "abcdefg%c>", "span%cx>"} {
			b := bytes.ReplaceAll([]byte(f), []byte("%c"), []byte{byte(c)})
			sameReadName(t, b, len(b))
		}
	}
	letters := "aApPtTdDrRsSnN:1"
	for _, x := range letters {
		for _, y := range letters {
			for _, z := range letters + ">" {
				for _, end := range []string{">", " ", "", ">        "} {
					sameReadName(t, []byte(string(x)+string(y)+string(z)+end), 1)
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(7))
	set := []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0189:-_./> \t\n\r\f\x00\x80\xc2\xff")
	for range 20000 {
		b := make([]byte, rng.Intn(14))
		for i := range b {
			b[i] = set[rng.Intn(len(set))]
		}
		sameReadName(t, b, len(b))
	}
	pages, seeds := diffPages(t, true)
	for _, p := range seeds {
		sameReadName(t, pages[p], 2000)
	}
	n := 0
	for name, b := range pages {
		if page, ok := pageOf(name, b); ok {
			sameReadName(t, page, len(page))
			n += len(page)
		}
	}
	if n < 50000 || len(seeds) == 0 {
		t.Fatalf("%d bytes of pages and %d seeds compared", n, len(seeds))
	}
	t.Logf("%d bytes of pages compared from each place", n)
}

// FuzzReadNameSameAsOld: on any bytes, readName reads from each place
// what oldReadName read.
func FuzzReadNameSameAsOld(f *testing.F) {
	for _, c := range nameEdges {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sameReadName(t, b, len(b))
	})
}
