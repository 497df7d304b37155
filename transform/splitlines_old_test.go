package transform

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// idxSplitLinesTo is splitLinesTo before it looked for a line's end in its
// first eight bytes itself: strings.IndexByte at every line.
func idxSplitLinesTo(buf []string, text string) (lines, cl, both []string) {
	n := strings.Count(text, "\n") + 1
	if cap(buf) >= 2*n {
		both = buf[:2*n] // each is written below
	} else {
		both = make([]string, 2*n)
	}
	lines, cl = both[:n:n], both[n:2*n:2*n]
	// First the trimmed lines, and the room the folded ones need (their
	// length, unless bytes that are not UTF-8 grow into U+FFFD), so
	// that the buffer is allocated once.
	need := 0
	var fold []int32 // the lines to fold
	for i := range lines {
		l := text
		if j := strings.IndexByte(text, '\n'); j >= 0 {
			l, text = text[:j], text[j+1:]
		}
		for len(l) > 0 && l[len(l)-1] == '\r' {
			l = l[:len(l)-1]
		}
		lines[i] = l
		// trimSpace(l), deciding here the lines that start and end
		// with no space, and those indented by one tab or space alone
		// (a table's lines of one cell): most of a report's.
		c := l
		if c != "" && !cellByte[c[0]] {
			if len(c) > 1 && cellByte[c[1]] && (c[0] == '\t' || c[0] == ' ') {
				c = c[1:]
			} else {
				c = trimLeftFrom(c)
			}
		}
		if c != "" && spaceEnd[c[len(c)-1]] {
			c = trimRightFrom(c)
		}
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
	// The folded forms are the report's own: rows and findings may keep
	// them, so this buffer is never reused.
	folded := make([]byte, 0, need)
	for _, i := range fold {
		at := len(folded)
		folded = appendFold(folded, cl[i])
		cl[i] = bytesString(folded[at:])
	}
	return lines, cl, both
}

// sameSplitLinesIdx compares splitLinesTo with idxSplitLinesTo on text,
// into a fresh buffer and into one left by another text: the same lines,
// compact forms and slice, and each compact form a substring of its line
// where the old one was.
func sameSplitLinesIdx(t testing.TB, text string, buf []string) {
	t.Helper()
	lines, cl, both := splitLinesTo(buf, text)
	pl, pcl, pboth := idxSplitLinesTo(nil, text)
	if len(lines) != len(pl) || len(cl) != len(pcl) || len(both) != len(pboth) {
		t.Fatalf("%q: %d lines, %d compact, %d both; were %d, %d, %d", text, len(lines), len(cl), len(both), len(pl), len(pcl), len(pboth))
	}
	for i := range both {
		if both[i] != pboth[i] {
			t.Fatalf("%q: string %d %q, was %q", text, i, both[i], pboth[i])
		}
	}
	for i := range lines {
		if lines[i] != pl[i] || cl[i] != pcl[i] {
			t.Fatalf("%q: line %d %q compact %q; was %q compact %q", text, i, lines[i], cl[i], pl[i], pcl[i])
		}
		if in, pin := standsIn(cl[i], lines[i]), standsIn(pcl[i], pl[i]); in != pin {
			t.Fatalf("%q: line %d's compact form %q within it %v, was %v", text, i, cl[i], in, pin)
		}
		if standsIn(lines[i], text) != standsIn(pl[i], text) {
			t.Fatalf("%q: line %d not in the text", text, i)
		}
	}
}

// lineEndTexts are texts whose lines end at every byte of the first
// sixteen and at the text's end, in '\n', "\r\n" or nothing, with '\n's
// in a row, bytes that are '\n' plus or minus one (which a subtraction
// across bytes could take for one) and Han text.
func lineEndTexts() []string {
	var out []string
	pieces := []string{"a", "\x0b", "\x09", "\x8a", "\x0a\x0a", "\r", "一", "\x00", "\x01", "\xff", " "}
	for n := 0; n <= 18; n++ {
		for _, p := range pieces {
			line := strings.Repeat(p, n)
			for _, end := range []string{"", "\n", "\r\n", "\n\n", "\n\r"} {
				out = append(out, line+end, line+end+line, end+line+end+"x", line+end+line+end+line)
			}
		}
	}
	rng := rand.New(rand.NewSource(3))
	pool := []byte("\n\n\r\t a1\x0b\x09\x8a\xe4\xb8\x80\x00\xff")
	for range 20000 {
		b := make([]byte, rng.Intn(40))
		for i := range b {
			b[i] = pool[rng.Intn(len(pool))]
		}
		out = append(out, string(b))
	}
	return out
}

// TestSplitLinesAsIndexByte compares splitLinesTo with idxSplitLinesTo on
// the diff corpus's texts, the seeds, the edges of TestSplitLinesSame and
// lineEndTexts, each into a fresh buffer and into the last one's.
func TestSplitLinesAsIndexByte(t *testing.T) {
	var texts []string
	for _, d := range diffCorpus(t, 10, 1) {
		texts = append(texts, d.text)
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "samples", "*.txt"))
	if len(seeds) < 5 {
		t.Fatalf("%d seeds", len(seeds))
	}
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	texts = append(texts, splitLinesEdges()...)
	texts = append(texts, lineEndTexts()...)
	var buf []string
	for _, s := range texts {
		sameSplitLinesIdx(t, s, nil)
		_, _, buf = splitLinesTo(buf, s+"\n"+s)
		sameSplitLinesIdx(t, s, buf)
	}
}

// FuzzSplitLinesAsIndexByte compares them on any text.
func FuzzSplitLinesAsIndexByte(f *testing.F) {
	for _, s := range lineEndTexts()[:300] {
		f.Add(s)
	}
	f.Add("\t0\n\t 0\n \t信息\r\n\t（一）予以公开\n")
	f.Fuzz(func(t *testing.T, s string) { sameSplitLinesIdx(t, s, nil) })
}
