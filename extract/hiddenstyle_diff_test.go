package extract

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"
)

// oldHiddenStyle is hiddenStyle as it was before it looked from each ':':
// a word looked for from each place of its first letter.
func oldHiddenStyle(v []byte) bool {
	for i, c := range v {
		switch c | 0x20 { // 'D' → 'd'; no other byte becomes d or v
		case 'd':
			if foldedAt(v[i+1:], "isplay:none") {
				return true
			}
		case 'v':
			if foldedAt(v[i+1:], "isibility:hidden") {
				return true
			}
		}
	}
	return false
}

// sameHiddenStyle compares hiddenStyle with oldHiddenStyle on v and on
// each of its prefixes and suffixes, which cut the words at every place.
func sameHiddenStyle(t testing.TB, v []byte) {
	t.Helper()
	for i := 0; i <= len(v); i++ {
		for _, w := range [][]byte{v[i:], v[:i]} {
			if got, want := hiddenStyle(w), oldHiddenStyle(w); got != want {
				t.Fatalf("hiddenStyle(%q) = %v, was %v", w, got, want)
			}
		}
	}
}

// hiddenStyleEdges are values around the ':' the words hold: colons
// alone, at either end, doubled, words that share their colon, spaces
// before and after it, and bytes of 0x80 and above next to it.
var hiddenStyleEdges = []string{
	":", "::", " : ", "display::none", "display: :none", "display:", ":none", "visibility::hidden",
	"displayvisibility:hidden", "visibilitydisplay:none", "display:visibility:hidden", "display:hiddennone",
	"d:none", "y:none", "isplay:none", "DiSpLaY:NoNe", "VISIBILITY:HIDDEN", "display\x00:none",
	"display\xff:none", "\xffdisplay:none\xff", "displa\u00ffy:none", "font-family:宋体;display :  none",
	"mso-display:none", "mso-visibility:hidden;", "a:b;c:d;e:f;display:none", "display:none\x80",
	"display:  :none", " display : none ", "displ ay:no ne;", "display:nonE", "x", "\x80", "\xc2\xa0",
}

// TestHiddenStyleSameAsOld: the test of a style value says what it did
// before on the cases of every shape, the edges around the ':', one byte
// of every value, every attribute value of the generated pages, the real
// pages and the testdata, and the seeds whole.
func TestHiddenStyleSameAsOld(t *testing.T) {
	for _, c := range hiddenStyleCases {
		sameHiddenStyle(t, []byte(c))
	}
	for _, c := range hiddenStyleEdges {
		sameHiddenStyle(t, []byte(c))
	}
	for c := range 256 {
		sameHiddenStyle(t, []byte{byte(c)})
		sameHiddenStyle(t, []byte("display:"+string(rune(c))+"none"))
	}
	pages, seeds := diffPages(t, true)
	n := 0
	for name, b := range pages {
		page, ok := pageOf(name, b)
		if !ok {
			page = b
		}
		z := html.NewTokenizer(bytes.NewReader(page))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			for more := true; more; {
				var v []byte
				_, v, more = z.TagAttr()
				sameHiddenStyle(t, v)
				n++
			}
		}
	}
	for _, p := range seeds {
		b := pages[p]
		if got, want := hiddenStyle(b), oldHiddenStyle(b); got != want {
			t.Fatalf("%s: %v, was %v", p, got, want)
		}
	}
	if n < 1000 || len(seeds) == 0 {
		t.Fatalf("%d attribute values and %d seeds compared", n, len(seeds))
	}
	t.Logf("%d attribute values and %d seeds compared", n, len(seeds))
}

// FuzzHiddenStyleSameAsOld: on any bytes, the test says what it did
// before.
func FuzzHiddenStyleSameAsOld(f *testing.F) {
	for _, c := range hiddenStyleCases {
		f.Add([]byte(c))
	}
	for _, c := range hiddenStyleEdges {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		if got, want := hiddenStyle(v), oldHiddenStyle(v); got != want {
			t.Fatalf("hiddenStyle(%q) = %v, was %v", v, got, want)
		}
	})
}
