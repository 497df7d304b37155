package schemas

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

// codeText holds every code of the catalogue once, back to back: the codes
// of the items, metrics, outcomes, applicants, proceedings and appeal
// outcomes, and the cell codes (catalogueCells). From init on, those
// strings are views of it, and so are the rows' codes made from them, which
// IsCodeText then knows by their address alone. It is never written after
// init and, held by this variable, never freed.
var codeText string

// codeBase and codeLen are the address and length of codeText.
var codeBase, codeLen uintptr

func init() {
	var refs []*string
	for _, items := range [][]Item{Disclosures2019, Disclosures2021} {
		for i := range items {
			refs = append(refs, &items[i].Code.Code)
			for j := range items[i].Metrics {
				refs = append(refs, &items[i].Metrics[j].Code.Code)
			}
		}
	}
	for _, outs := range [][]Outcome{outHead, outTail, OutcomesOther2021} {
		for i := range outs {
			refs = append(refs, &outs[i].Code.Code)
		}
	}
	refs = append(refs, &OutcomeOther.Code.Code)
	for _, codes := range [][]Code{Applicants, Proceedings, AppealOutcomes} {
		for i := range codes {
			refs = append(refs, &codes[i].Code)
		}
	}
	cells := make([]string, 0, len(catalogueCells))
	for c := range catalogueCells {
		cells = append(cells, c)
	}
	views := codeViews(refs, cells)
	for _, r := range refs {
		if v, ok := views[*r]; ok {
			*r = v
		}
	}
	for _, c := range cells {
		if v, ok := views[c]; ok {
			catalogueCells[c] = v
		}
	}
}

// codeViews lays the distinct ASCII strings of refs and cells out in
// codeText and returns each one's view of it. A string that is not ASCII
// is left out: whatever lies within codeText is ASCII.
func codeViews(refs []*string, cells []string) map[string]string {
	views := map[string]string{}
	var order []string
	add := func(s string) {
		if _, ok := views[s]; ok || !isASCII(s) {
			return
		}
		views[s] = s
		order = append(order, s)
	}
	for _, r := range refs {
		add(*r)
	}
	for _, c := range cells {
		add(c)
	}
	codeText = strings.Join(order, "")
	codeBase, codeLen = uintptr(unsafe.Pointer(unsafe.StringData(codeText))), uintptr(len(codeText))
	off := 0
	for _, s := range order {
		views[s] = codeText[off : off+len(s)]
		off += len(s)
	}
	return views
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
// codes (codeText): then s is ASCII and its bytes never change, which is
// known without reading them. A string equal to a code but held elsewhere
// (read from a document, copied) is not.
func IsCodeText(s string) bool {
	off := uintptr(unsafe.Pointer(unsafe.StringData(s))) - codeBase
	return off < codeLen && uintptr(len(s)) <= codeLen-off
}
