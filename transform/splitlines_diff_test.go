package transform

import (
	"strings"
	"testing"
	"unsafe"
)

// prevSplitLinesTo is splitLinesTo as it was before it trimmed a line
// indented by one tab or space itself: every line through trimSpace.
func prevSplitLinesTo(buf []string, text string) (lines, cl, both []string) {
	n := strings.Count(text, "\n") + 1
	if cap(buf) >= 2*n {
		both = buf[:2*n]
	} else {
		both = make([]string, 2*n)
	}
	lines, cl = both[:n:n], both[n:2*n:2*n]
	need := 0
	var fold []int32
	for i := range lines {
		l := text
		if j := strings.IndexByte(text, '\n'); j >= 0 {
			l, text = text[:j], text[j+1:]
		}
		for len(l) > 0 && l[len(l)-1] == '\r' {
			l = l[:len(l)-1]
		}
		lines[i] = l
		c := trimSpace(l)
		cl[i] = c
		if needsFold(c) {
			if fold == nil {
				fold = make([]int32, 0, n-i)
			}
			need += len(c)
			fold = append(fold, int32(i))
		}
	}
	if need == 0 {
		return lines, cl, both
	}
	folded := make([]byte, 0, need)
	for _, i := range fold {
		at := len(folded)
		folded = appendFold(folded, cl[i])
		cl[i] = bytesString(folded[at:])
	}
	return lines, cl, both
}

// sameSplitLines compares splitLinesTo with prevSplitLinesTo on text:
// the same lines, the same compact forms, and each compact form a
// substring of its line where the old one was (lineCell tells a folded
// form by where it stands).
func sameSplitLines(t testing.TB, text string) bool {
	t.Helper()
	lines, cl, _ := splitLinesTo(nil, text)
	pl, pcl, _ := prevSplitLinesTo(nil, text)
	if len(lines) != len(pl) || len(cl) != len(pcl) {
		t.Fatalf("%q: %d lines, %d compact; were %d, %d", text, len(lines), len(cl), len(pl), len(pcl))
	}
	indented := false
	for i := range lines {
		if lines[i] != pl[i] || cl[i] != pcl[i] {
			t.Fatalf("%q: line %d %q compact %q; was %q compact %q", text, i, lines[i], cl[i], pl[i], pcl[i])
		}
		if in, pin := standsIn(cl[i], lines[i]), standsIn(pcl[i], pl[i]); in != pin {
			t.Fatalf("%q: line %d's compact form %q within it %v, was %v", text, i, cl[i], in, pin)
		}
		indented = indented || len(lines[i]) > 1 && (lines[i][0] == '\t' || lines[i][0] == ' ') && cellByte[lines[i][1]]
	}
	return indented
}

// standsIn reports whether c stands in s's bytes (an empty c does).
func standsIn(c, s string) bool {
	if c == "" {
		return true
	}
	if s == "" {
		return false
	}
	cp, sp := uintptr(unsafe.Pointer(unsafe.StringData(c))), uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return cp >= sp && cp+uintptr(len(c)) <= sp+uintptr(len(s))
}

// splitLinesEdges are texts of lines indented by one or more tabs and
// spaces of every kind, before cells and blanks, with '\r's and ends
// that are spaces.
func splitLinesEdges() []string {
	var out []string
	for _, lead := range []string{"", "\t", " ", "\t\t", "  ", "\t ", " \t", "\u3000", "\t\u3000", "\u00a0", "\f", "\r", "\v", "\xe3", "\t\xe3\x80"} {
		for _, cell := range []string{"", "0", "信息内容", "（一）", "１２", "\u3000", " ", "\t", "a b", "\xff", "|"} {
			for _, end := range []string{"", "\r", " ", "\t", "\u3000", "\r\r"} {
				out = append(out, lead+cell+end, lead+cell+end+"\n"+lead+cell+end)
			}
		}
	}
	return out
}

// TestSplitLinesSame compares them on the differential corpus's texts
// and the edges above.
func TestSplitLinesSame(t *testing.T) {
	var texts []string
	for _, d := range diffCorpus(t, 10, 1) {
		texts = append(texts, d.text)
	}
	sameOnAll(t, append(texts, splitLinesEdges()...), 100, sameSplitLines)
}

// FuzzSplitLinesSame compares them on any text.
func FuzzSplitLinesSame(f *testing.F) {
	for _, s := range splitLinesEdges()[:200] {
		f.Add(s)
	}
	f.Add("\t0\n\t 0\n \t信息\r\n\t（一）予以公开\n")
	f.Fuzz(func(t *testing.T, s string) { sameSplitLines(t, s) })
}
