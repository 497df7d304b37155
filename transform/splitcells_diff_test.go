package transform

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// oldSplitCells is splitCells as it was, deciding every byte in one loop
// (Han passed over three bytes at a time); TestSplitCellsSame compares
// the two.
func oldSplitCells(line string, out []string, at []int) (_ []string, _ []int, spaced, inner, mixed bool) {
	spaced = true
	seps := 0 // the separators met: 1 a tab, 2 a '|'
	start := 0
	seen, gap := false, false // in the current field: a character not a space; a space after one
	for i := 0; i < len(line); {
		c := line[i]
		sz := 0
		switch {
		case c == '\t':
			sz = 1
			seps |= 1
		case c == '|':
			sz = 1
			seps |= 2
		case c == 0xef && strings.HasPrefix(line[i:], "｜"):
			sz = len("｜")
			seps |= 2
		case c == ' ' && i+1 < len(line) && line[i+1] == ' ':
			j := i
			for j < len(line) && line[j] == ' ' {
				j++
			}
			if seen {
				out = append(out, line[start:i])
				at = append(at, start)
				start = j
				seen, gap = false, false
			}
			i = j
			continue
		}
		if sz > 0 {
			spaced = false
			out = append(out, line[start:i])
			at = append(at, start)
			i += sz
			start = i
			seen, gap = false, false
			continue
		}
		n, space := 1, false
		switch {
		case c < utf8.RuneSelf:
			space = asciiSpace[c]
		case c >= 0xe4 && c <= 0xe9 && i+2 < len(line) && line[i+1]&0xc0 == 0x80 && line[i+2]&0xc0 == 0x80:
			n = 3 // U+4000–U+9FFF: Han, no space and no separator
		case spaceLead[c]:
			var r rune
			r, n = utf8.DecodeRuneInString(line[i:])
			space = isSpace(r)
		}
		switch {
		case space:
			gap = seen
		case gap:
			inner = true
			fallthrough
		default:
			seen = true
		}
		i += n
	}
	return append(out, line[start:]), append(at, start), spaced, inner, seps == 3
}

// sameSplitCells compares splitCells with splitCellsDecoding and with
// oldSplitCells on ln, appending to buffers that hold a line's fields
// already, as tokenizeGrid reuses them, and returns the number of fields.
func sameSplitCells(t testing.TB, ln string) int {
	t.Helper()
	prefix := []string{"x", "y"}
	wf, wa, ws, wi, wm := oldSplitCells(ln, slices.Clone(prefix), []int{7, 8})
	gf, ga, gi, seps := splitCells(ln, slices.Clone(prefix), []int{7, 8})
	df, da, di, dseps := splitCellsDecoding(ln, slices.Clone(prefix), []int{7, 8})
	if !slices.Equal(gf, df) || !slices.Equal(ga, da) || gi != di || seps != dseps {
		t.Fatalf("splitCells(%q) = %q %v inner %v separators %b, splitCellsDecoding %q %v %v %b", ln, gf, ga, gi, seps, df, da, di, dseps)
	}
	gs, gm := seps == 0, seps == sepTab|sepPipe
	if !slices.Equal(gf, wf) || !slices.Equal(ga, wa) || gs != ws || gi != wi || gm != wm {
		t.Fatalf("splitCells(%q) = %q %v spaced %v inner %v mixed %v, was %q %v %v %v %v", ln, gf, ga, gs, gi, gm, wf, wa, ws, wi, wm)
	}
	want := 0
	if strings.Contains(ln, "\t") {
		want |= sepTab
	}
	if hasPipe(ln) {
		want |= sepPipe
	}
	if seps != want {
		t.Fatalf("splitCells(%q): separators %b, want %b", ln, seps, want)
	}
	return len(gf) - len(prefix)
}

// splitCellsEdges are lines built to reach splitCells' edges: every kind
// of space and separator next to text and to each other, invalid UTF-8,
// cut characters, and the lead bytes of the spaces in other characters.
func splitCellsEdges() []string {
	pieces := []string{"", " ", "  ", "   ", "\t", "|", "｜", "\u3000", "\u00a0", "\u200b", "\ufeff", "\u2003", "\u1680", "\u0085",
		"\u00ad", "\u2060", "\f", "\r", "\v", "\n", "\x7f", "\xe4", "\xe4\xb8", "\xef", "\xef\xbd", "\xef\xbd\x9d", "\xe3\x80", "\xe3",
		"\xc2", "\xe2\x80", "\xe1", "\xff", "\x80", "１２", "（一）", "【", "〕", "自然人", "1", "23", "—", "ｱ", "가", "😀", "¥", "a"}
	var lines []string
	for i, a := range pieces {
		for j, b := range pieces {
			c := pieces[(i*7+j*3)%len(pieces)]
			lines = append(lines, a+b, a+b+c, "x"+a+"  "+b+"  "+c, a+"  "+b, "行政许可"+a+"5"+b+"  "+c+"7", "自然 "+a+"人"+b+"\t"+c)
		}
	}
	return lines
}

// TestSplitCellsSame checks that splitCells cuts every line of the
// differential corpus and the edge lines into the fields, offsets and
// flags it cut them into before.
func TestSplitCellsSame(t *testing.T) {
	per := 40
	if testing.Short() {
		per = 10
	}
	lines := splitCellsEdges()
	for _, d := range diffCorpus(t, per, 1, 2) {
		ls, _ := splitLines(d.text)
		lines = append(lines, ls...)
	}
	// matched: the lines of two fields or more
	sameOnAll(t, lines, 1000, func(t testing.TB, ln string) bool { return sameSplitCells(t, ln) > 1 })
}

// FuzzSplitCellsSame compares splitCells with oldSplitCells on any line.
func FuzzSplitCellsSame(f *testing.F) {
	for _, s := range splitCellsEdges()[:200] {
		f.Add(s)
	}
	f.Add("一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1")
	f.Add("|\t自然人｜  1\u3000 2\t\xef\xbd|")
	f.Fuzz(func(t *testing.T, ln string) { sameSplitCells(t, ln) })
}
