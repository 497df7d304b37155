package extract

// The fast parser's mode as it was before each open element held it
// (open.mode, set by modeOf when pushed): the stack searched from the top
// for each token. Kept so that a differential test can compare the two.

import (
	"math/rand"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// oldMode is mode as it was: the table part an element nearest the top
// of oe belongs to, or atom.Body.
func oldMode(oe []open) atom.Atom {
	for i := len(oe) - 1; i >= 0; i-- {
		switch a := oe[i].a; a {
		case atom.Td, atom.Th:
			return atom.Td
		case atom.Tbody, atom.Thead, atom.Tfoot:
			return atom.Tbody
		case atom.Tr, atom.Caption, atom.Colgroup, atom.Table:
			return a
		case atom.Body, atom.Html:
			return atom.Body
		}
	}
	return atom.Body
}

// sameModes: mode is oldMode's. Called after each push and pop, it has
// compared the mode with each element below the top on top too.
func sameModes(t testing.TB, p *fastParser, what string) {
	t.Helper()
	if got, want := p.mode(), oldMode(p.oe); got != want {
		top := atom.Atom(0)
		if len(p.oe) > 0 {
			top = p.oe[len(p.oe)-1].a
		}
		t.Fatalf("%s: mode with %d open (top %v) is %v, was %v", what, len(p.oe), top, got, want)
	}
}

// modeAtoms are the elements pushed by the mode tests: every element that
// sets a mode, others, and the unknown (0).
var modeAtoms = []atom.Atom{
	atom.Td, atom.Th, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Caption, atom.Colgroup, atom.Table,
	atom.Body, atom.Html, atom.P, atom.Span, atom.Div, atom.B, atom.Font, atom.Col, atom.Br, atom.Head,
	atom.Template, atom.Select, atom.Button, atom.A, atom.Svg, 0,
}

// modeOps pushes and pops by the bytes of b: a byte below 0xc0 pushes one
// of modeAtoms, one above pops (or pops down to a place, from 0xf0), and
// the modes are compared after each.
func modeOps(t testing.TB, b []byte) {
	t.Helper()
	p := &fastParser{names: map[string]string{}}
	p.reset()
	for k, c := range b {
		switch {
		case c < 0xc0:
			p.push(modeAtoms[int(c)%len(modeAtoms)], []byte{'x', c}, false)
		case c < 0xf0:
			if len(p.oe) > 0 {
				p.pop()
			}
		default:
			p.popTo(min(len(p.oe), int(c-0xf0)))
		}
		sameModes(t, p, "op "+string(rune('0'+k%10)))
	}
}

// pageModes pushes each start tag of page and pops to the last element of
// the name of each end tag (or the top, for other names), as sliceTok
// reads them, comparing the modes after each.
func pageModes(t testing.TB, name string, page []byte) int {
	t.Helper()
	p := &fastParser{names: map[string]string{}}
	p.reset()
	var z sliceTok
	z.reset(page)
	n := 0
	for {
		tt := z.next()
		if tt == html.ErrorToken {
			return n
		}
		switch tt {
		case html.StartTagToken:
			p.push(z.nameAtom, z.name, false)
		case html.EndTagToken:
			i := len(p.oe) - 1
			for i > 0 && p.oe[i].a != z.nameAtom {
				i--
			}
			p.popTo(max(i, 0))
		default:
			continue
		}
		n++
		sameModes(t, p, name)
	}
}

// TestModeSameAsOld: mode is oldMode's after every push and pop of random
// sequences and of the tags of the pages of every HTML layout generated,
// real pages, testdata and the seeds.
func TestModeSameAsOld(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for range 2000 {
		b := make([]byte, rng.Intn(200))
		rng.Read(b)
		modeOps(t, b)
	}
	for c := range 256 {
		modeOps(t, []byte{byte(c), byte(c), 0xc0, byte(c)})
	}
	pages, _ := diffPages(t, true)
	n := 0
	for name, b := range pages {
		if page, ok := pageOf(name, b); ok {
			n += pageModes(t, name, page)
		}
	}
	if n < 5000 {
		t.Fatalf("%d tags of pages compared", n)
	}
	t.Logf("modes compared after %d tags of pages", n)
}

// FuzzModeSameAsOld: after any pushes and pops, and over the tags of any
// page, mode is oldMode's.
func FuzzModeSameAsOld(f *testing.F) {
	f.Add([]byte("\x00\x05\x0b\xc0\x01"))
	f.Add([]byte("<table><tr><td><p>a</td></tr></table>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			b = b[:1<<16]
		}
		modeOps(t, b)
		pageModes(t, "fuzz", b)
	})
}
