package extract

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"
)

// oldAttrKind is how the fast parser told keys apart before attrKind:
// a switch on the key tagAttr copied and lowered.
func oldAttrKind(k []byte) uint8 {
	switch string(k) {
	case "hidden":
		return keyHidden
	case "style":
		return keyStyle
	case "rowspan":
		return keyRowspan
	case "colspan":
		return keyColspan
	}
	return keyOther
}

// sameAttrs reads page with two sliceToks, token by token: one gives
// each start tag's attributes by tagAttr, its key told by oldAttrKind (as
// the fast parser read them before), the other by attr. The kinds, the
// values, more and bail must agree. It returns the attributes compared.
func sameAttrs(t testing.TB, page []byte) int {
	t.Helper()
	var old, cur sliceTok
	old.reset(page)
	cur.reset(page)
	n := 0
	for {
		to, tc := old.next(), cur.next()
		if to != tc || old.bail != cur.bail {
			t.Fatalf("%q: token %v bail %v, was %v bail %v", page, tc, cur.bail, to, old.bail)
		}
		if to == html.ErrorToken {
			return n
		}
		for {
			k, vo, mo := old.tagAttr()
			ko := oldAttrKind(k)
			kc, vc, mc := cur.attr()
			if kc != ko || !bytes.Equal(vc, vo) || mc != mo || cur.bail != old.bail {
				t.Fatalf("%q: attribute %d of %q: kind %d %q more %v bail %v, was kind %d (%q) %q more %v bail %v",
					page, n, old.raw(), kc, vc, mc, cur.bail, ko, k, vo, mo, old.bail)
			}
			if vo != nil || mo {
				n++
			}
			if !mo || old.bail {
				break
			}
		}
	}
}

// attrEdges are tags whose keys are the four read, in every case, cut
// short, made longer, repeated, with values holding entities and line
// ends, unquoted, empty, cut by the end of the page.
var attrEdges = []string{
	``, `<`, `<a`, `<td`, `<td hidden`, `<td hidden>`, `<td HIDDEN=1 Hidden=2>`, `<td style="display:none">`,
	`<td STYLE="x" style="y">`, `<td rowspan=2 ROWSPAN=3 colspan=4 ColSpan=5>`, `<td rowspa=2 rowspann=3 colspa=1>`,
	`<td hidde hiddenn styl stylee>`, `<td style="a&amp;b">`, `<td style="a&quot;b&quot;;display:none">`,
	"<td style=\"a\r\nb\rc\">", "<td rowspan=\"2\r\n\">", `<td x="&" y=1 rowspan="&#50;">`, `<td &=1 hidden>`,
	`<td =hidden hidden>`, `<td rowspan=>`, `<td rowspan= >`, `<td style=display:none>`, `<td style='display:none'>`,
	`<td hidden/>`, `<td/hidden>`, `<td style="unterminated`, `<TD CLASS=MsoNormal STYLE="border:solid windowtext 1.0pt">`,
	"<td \xffidden hidden \xc8idden>", `<td rOwSpAn=2 cOlSpAn=3>`, `<td r0wspan=2 c0lspan=3 hldden 5tyle>`,
	`</td hidden>`, `<!-- <td hidden> -->`, `<td hidden><td style="x"><td rowspan=2>`, `<td ROWSPAN="2" rowspan="3">`,
	`<td rowspan="` + "\x00" + `">`, `<td style="` + "\x80" + `">`,
}

// TestAttrSameAsOld: attr gives each attribute's kind and value as
// tagAttr and the switch on its key did, on the edges, on every key of
// one to seven bytes made of the letters of the four (in both cases) and
// a few others, and on the pages of every HTML layout generated, real
// pages, testdata and seeds.
func TestAttrSameAsOld(t *testing.T) {
	n := 0
	for _, c := range attrEdges {
		n += sameAttrs(t, []byte(c))
	}
	for _, w := range []string{"hidden", "style", "rowspan", "colspan"} {
		for i := range len(w) {
			for c := range 256 {
				if c == 0 || c == '>' || c == '/' || c == '=' || isWS(byte(c)) {
					continue
				}
				k := []byte(w)
				k[i] = byte(c)
				n += sameAttrs(t, []byte("<td "+string(k)+"=1>"))
			}
		}
	}
	for c := range 256 {
		if got, want := attrKind([]byte{byte(c)}), oldAttrKind([]byte{byte(c)}); got != want {
			t.Fatalf("attrKind(%q) = %d, was %d", byte(c), got, want)
		}
	}
	pages, seeds := diffPages(t, true)
	for name, b := range pages {
		if page, ok := pageOf(name, b); ok {
			n += sameAttrs(t, page)
		}
		n += sameAttrs(t, b)
	}
	if n < 1000 || len(seeds) == 0 {
		t.Fatalf("%d attributes and %d seeds compared", n, len(seeds))
	}
	t.Logf("%d attributes compared", n)
}

// FuzzAttrSameAsOld: on any page, attr gives what tagAttr and the switch
// on its key gave.
func FuzzAttrSameAsOld(f *testing.F) {
	for _, c := range attrEdges {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		sameAttrs(t, page)
	})
}
