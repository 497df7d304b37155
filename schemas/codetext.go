package schemas

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// codeText holds the catalogue's cell codes (catalogueCells) once, back to
// back. From init on, the cell codes are views of it, and so are the rows'
// cells made from them, which IsCodeText then knows by their address
// alone. It is never written after init and, held by this variable, never
// freed. The codes of items, outcomes, applicants … stay the literals
// they are: a pointer to a literal costs the collector less than one into
// the heap, in every row that a run holds.
var codeText string

// codeBase and codeLen are the address and length of codeText.
var codeBase, codeLen uintptr

func init() {
	cells := make([]string, 0, len(catalogueCells))
	for c := range catalogueCells {
		if isASCII(c) {
			cells = append(cells, c)
		}
	}
	slices.Sort(cells)
	// whatever lies within codeText is ASCII
	codeText = strings.Join(cells, "")
	codeBase, codeLen = uintptr(unsafe.Pointer(unsafe.StringData(codeText))), uintptr(len(codeText))
	off := 0
	for _, c := range cells {
		catalogueCells[c] = codeText[off : off+len(c)]
		off += len(c)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// IsCodeText reports whether the bytes of s lie within the catalogue's
// cell codes (codeText): then s is ASCII and its bytes never change, which is
// known without reading them. A string equal to a cell code but held elsewhere
// (read from a document, copied) is not.
func IsCodeText(s string) bool {
	off := uintptr(unsafe.Pointer(unsafe.StringData(s))) - codeBase
	return off < codeLen && uintptr(len(s)) <= codeLen-off
}
