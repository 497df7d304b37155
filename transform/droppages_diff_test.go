package transform

import (
	"fmt"
	"strings"
	"testing"
)

// sameDropPages runs dropPages and dropPagesOld on copies of a row made of
// toks, for n cells, without and with an arithmetic, and compares the rows
// they leave.
func sameDropPages(t testing.TB, toks []tok, n int, lines []string) {
	t.Helper()
	fits := func(vals []*tok) bool { // any test, the same for both
		s := 0
		for _, v := range vals {
			s += len(v.raw) + int(v.line)
		}
		return s%3 != 0
	}
	for _, f := range []func([]*tok) bool{nil, fits} {
		a := &row{toks: append([]tok(nil), toks...), line: 1}
		b := &row{toks: append([]tok(nil), toks...), line: 1}
		a.dropPages(n, f, lines)
		b.dropPagesOld(n, f, lines)
		if !sameRowDropped(a, b) {
			t.Fatalf("dropPages(%d, fits %v) of %+v leaves\n%+v, was\n%+v", n, f != nil, toks, a, b)
		}
	}
}

// sameRowDropped compares what dropPages may change of a row: its tokens,
// the page numbers it counted and the one it guessed.
func sameRowDropped(a, b *row) bool {
	if len(a.toks) != len(b.toks) || a.pages != b.pages || (a.pageGuess == nil) != (b.pageGuess == nil) ||
		a.pageGuess != nil && *a.pageGuess != *b.pageGuess {
		return false
	}
	for i := range a.toks {
		if a.toks[i] != b.toks[i] {
			return false
		}
	}
	return true
}

// dropPagesRows calls sameDropPages on the runs of up to 9 tokens of the
// stream that start at a value marked as a page number could be, or at
// every fifth token, for as many cells as the run's values and one fewer
// or more.
func dropPagesRows(t testing.TB, stream []tok, lines []string) (rows, paged int) {
	for i, x := range stream {
		if i%5 != 0 && !(x.kind == tokValue && (x.page || x.pageIfExtra || x.alone)) {
			continue
		}
		for w := 1; w <= 9 && i+w <= len(stream); w++ {
			toks := stream[i : i+w]
			nvals := 0
			for _, x := range toks {
				if x.kind == tokValue {
					nvals++
					if x.page || x.pageIfExtra {
						paged++
					}
				}
			}
			for _, n := range []int{nvals - 1, nvals, nvals + 1} {
				sameDropPages(t, toks, n, lines)
				rows++
			}
		}
	}
	return rows, paged
}

// dropPagesEdges are lines for bareRun: numbers a space apart, and lines
// that are not.
var dropPagesEdges = []string{"8 493", "1 2 3", "12", "8  493", "1\t2", "局 1", "", " 5 6 ", "1｜2"}

// TestDropPagesSame: dropPages leaves every row as it did, over the token
// streams of the diff corpus (the seeds among them) cut into rows, and over
// rows whose values are marked every way that decides a page number.
func TestDropPagesSame(t *testing.T) {
	rows, paged := 0, 0
	for _, d := range diffCorpus(t, 2, 1) {
		lines, cl := splitLines(d.text)
		stream := tokenize(lines, cl, 0, len(lines), d.keepTail, nil)
		r, p := dropPagesRows(t, stream, lines)
		rows, paged = rows+r, paged+p
	}
	t.Logf("%d rows, %d values marked page numbers", rows, paged)
	if rows < 50000 || paged < 100 {
		t.Fatalf("%d rows, %d values marked page numbers: too few for the comparison to mean much", rows, paged)
	}
	// Hand-made rows: each value's flags set by the bits of a number.
	for m := 0; m < 1<<12; m++ {
		sameDropPages(t, flagToks(fmt.Sprint(m), []byte{byte(m), byte(m >> 4), byte(m >> 8)}), 2, dropPagesEdges)
	}
}

// flagToks makes a row's tokens of the bytes of b: the low two bits its
// kind (a value twice as often as anything else), the others its flags,
// the line it is on and whether it starts the next.
func flagToks(raw string, b []byte) []tok {
	toks := make([]tok, 0, len(b))
	line := int32(1)
	for i, c := range b {
		k := tokValue
		switch c & 3 {
		case 1:
			k = tokBlank
		case 2:
			k = tokEmpty
		}
		if c&128 != 0 {
			line++
		}
		toks = append(toks, tok{kind: k, rowMode: c&4 != 0, alone: c&8 != 0, page: c&16 != 0, pageIfExtra: c&32 != 0,
			line: line, raw: raw + strings.Repeat("1", i), c: raw})
		if c&64 != 0 {
			line++
		}
	}
	return toks
}

// FuzzDropPagesSame compares dropPages with dropPagesOld on rows of any
// values, flags and lines.
func FuzzDropPagesSame(f *testing.F) {
	f.Add([]byte{0, 4, 8, 16 | 64, 32, 128}, 3, 0)
	f.Add([]byte{4, 4, 8 | 128}, 2, 1)
	f.Fuzz(func(t *testing.T, b []byte, n, lines int) {
		if len(b) > 64 {
			return
		}
		ls := dropPagesEdges[:min(max(lines, 0)%len(dropPagesEdges)+1, len(dropPagesEdges))]
		sameDropPages(t, flagToks("7", b), n%20, ls)
	})
}
