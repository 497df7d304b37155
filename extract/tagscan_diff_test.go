package extract

import (
	"bytes"
	"slices"
	"testing"
)

// oldTag is sliceTok.tag as it was before its key and unquoted value were
// read by a look-up in tagBytes: a byte at a time, compared with each
// byte that ends them.
func (t *sliceTok) oldTag(i int, save bool) (int, bool) {
	s := t.s
	n := len(s)
	if i == n {
		return 0, false
	}
	if isWS(s[i]) {
		i++
	}
	for {
		for i < n && isWS(s[i]) {
			i++
		}
		if i == n {
			return 0, false
		}
		if s[i] == '>' {
			return i + 1, true
		}
		// The key.
		ks := i
		for {
			if i == n {
				return 0, false
			}
			c := s[i]
			i++
			if c == '=' && i == ks+1 {
				continue
			}
			if c == '=' || isWS(c) || c == '/' || c == '>' {
				i--
				break
			}
		}
		ke := i
		// The value.
		vs, ve := i, i
		for i < n && isWS(s[i]) {
			i++
		}
		if i == n {
			return 0, false
		}
		c := s[i]
		i++
		switch {
		case c == '/':
		case c != '=':
			i--
		default:
			for i < n && isWS(s[i]) {
				i++
			}
			if i == n {
				return 0, false
			}
			q := s[i]
			i++
			switch q {
			case '>':
				i--
			case '\'', '"':
				j := bytes.IndexByte(s[i:], q)
				if j < 0 {
					return 0, false
				}
				vs, ve = i, i+j
				i += j + 1
			default:
				vs = i - 1
				for {
					if i == n {
						return 0, false
					}
					c := s[i]
					i++
					if isWS(c) {
						ve = i - 1
						break
					}
					if c == '>' {
						i--
						ve = i
						break
					}
				}
			}
		}
		if save && ks != ke && !t.oldSeen(s[ks:ke]) {
			t.attrs = append(t.attrs, int32(ks), int32(ke), int32(vs), int32(ve))
		}
	}
}

// oldSeen is seen as it was before it compared only keys as long.
func (t *sliceTok) oldSeen(key []byte) bool {
	for a := 0; a < len(t.attrs); a += 4 {
		if foldBytes(t.s[t.attrs[a]:t.attrs[a+1]], key) {
			return true
		}
	}
	return false
}

// sameTag compares tag with oldTag from each place of b up to limit,
// saving attributes and not: the end, ok and the attributes kept agree.
func sameTag(t testing.TB, b []byte, limit int) {
	t.Helper()
	var cur, old sliceTok
	cur.reset(b)
	old.reset(b)
	for i := 0; i <= min(len(b), limit); i++ {
		for _, save := range []bool{false, true} {
			cur.attrs, old.attrs = cur.attrs[:0], old.attrs[:0]
			end, ok := cur.tag(i, save)
			oend, ook := old.oldTag(i, save)
			if end != oend || ok != ook || !slices.Equal(cur.attrs, old.attrs) {
				t.Fatalf("%q from %d (save %v): %d %v %v, was %d %v %v", b[i:min(len(b), i+80)], i, save,
					end, ok, cur.attrs, oend, ook, old.attrs)
			}
		}
	}
}

// tagEdges are the rest of tags after their names: keys starting with
// '=', empty keys, values unquoted up to white space, '>' and the end of
// the page, quoted values cut short, '/' everywhere, every white space.
var tagEdges = []string{
	``, `>`, ` `, `=`, `/`, ` =a>`, ` ==a>`, ` =>`, ` a=b>`, ` a=b c=d>`, ` a=b`, ` a=`, ` a= `, ` a=b/>`,
	` a=b/ >`, ` a="b>`, ` a="b"`, ` a='b' c="d">`, ` a = b >`, "\ta\t=\tb\t>", "\na\n=\nb\r>", "\fa\f=\fb\f>",
	` a=b>c>`, ` a=/b>`, ` a=b=c>`, ` /a/b/c>`, ` a b c>`, ` A=1 a=2 A=3>`, ` a=>`, ` a= >`, ` a="">`, ` a=''>`,
	` a=` + "\xff" + `>`, " a=\x00>", ` a=` + "宋体" + ` b>`, `=a=b>`, `==>`, ` a==b>`, ` a=b` + "\r\n" + `c=d>`,
	` a="x" b=y c='z' d>`, ` a`, ` a `, ` a /`, ` a/`, ` a=b c`, ` style=display:none hidden>`,
	` ab=1 AB=2 a=3 abc=4 A=5 aBc=6 b=7>`, ` style=a STYLE=b Style=c stylE=d>`, ` a=1 a=2`, ` a=1 =a=2 =A=3>`,
	` x=1 y=2 z=3 xy=4 yz=5 X=6 Y=7 Z=8 XY=9>`, ` Ã©=1 Ã=2 Ã©=3>`,
}

// TestTagSameAsOld: tag reads what oldTag read from every place of the
// edges and of the pages of every HTML layout generated, real pages,
// testdata and the seeds' heads.
func TestTagSameAsOld(t *testing.T) {
	for _, c := range tagEdges {
		sameTag(t, []byte(c), len(c))
		sameTag(t, []byte("<td"+c), len(c)+3)
	}
	for c := range 256 {
		for _, f := range []string{" a%c=b>", " a=%cb>", " a=b%c>", " a%c", " a=b%c", " %c=b>"} {
			sameTag(t, bytes.ReplaceAll([]byte(f), []byte("%c"), []byte{byte(c)}), 8)
		}
	}
	pages, seeds := diffPages(t, true)
	for _, p := range seeds {
		sameTag(t, pages[p], 2000)
	}
	n := 0
	for name, b := range pages {
		if page, ok := pageOf(name, b); ok {
			sameTag(t, page, len(page))
			n += len(page)
		}
	}
	if n < 50000 || len(seeds) == 0 {
		t.Fatalf("%d bytes of pages and %d seeds compared", n, len(seeds))
	}
	t.Logf("%d bytes of pages compared from each place", n)
}

// FuzzTagSameAsOld: on any bytes, tag reads from each place what oldTag
// read.
func FuzzTagSameAsOld(f *testing.F) {
	for _, c := range tagEdges {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sameTag(t, b, len(b))
	})
}
