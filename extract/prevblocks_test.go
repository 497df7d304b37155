package extract

import (
	"testing"

	"golang.org/x/net/html/atom"
)

// The elements that are blocks as a map, as they were before isBlock,
// kept so that a differential test can compare the two.

var prevBlocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Option: true, atom.Legend: true,
}

// TestIsBlockSame: isBlock says what prevBlocks said for every atom value
// of an offset and a length within the atom table's reach, so every atom
// and the zero of an unknown element among them.
func TestIsBlockSame(t *testing.T) {
	n := 0
	for off := range uint32(1 << 14) {
		for l := range uint32(1 << 8) {
			a := atom.Atom(off<<8 | l)
			if isBlock(a) != prevBlocks[a] {
				t.Fatalf("%v (%#x): %v, before %v", a, uint32(a), isBlock(a), prevBlocks[a])
			}
			if prevBlocks[a] {
				n++
			}
		}
	}
	if n != len(prevBlocks) {
		t.Fatalf("met %d of the %d blocks", n, len(prevBlocks))
	}
}

// FuzzIsBlockSame: for any atom value and any tag name's atom, isBlock
// says what prevBlocks said.
func FuzzIsBlockSame(f *testing.F) {
	f.Add(uint32(atom.Div), "div")
	f.Add(uint32(0), "span")
	f.Fuzz(func(t *testing.T, v uint32, name string) {
		for _, a := range []atom.Atom{atom.Atom(v), atom.Lookup([]byte(name)), atom.Atom(v>>8<<8 | uint32(len(name)))} {
			if isBlock(a) != prevBlocks[a] {
				t.Fatalf("%v (%#x): %v, before %v", a, uint32(a), isBlock(a), prevBlocks[a])
			}
		}
	})
}
