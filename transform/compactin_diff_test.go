package transform

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// compactInEdges are cells whose ends are every kind of whitespace, alone,
// doubled and cut, around text that folds and text that does not.
func compactInEdges() []string {
	ends := []string{"", " ", "\t", "  ", "\u3000", "\u00a0", "\u200b", "\ufeff", "\u2028", "\r", "\xe3\x80", "\xe3", "\xc2", "\xff", " \u3000 "}
	mids := []string{"", "12", "自然人", "自然 人", "１２", "【一】", "\xff", "a|b", "｜", "、", "（一）", " ", "\u3000"}
	var out []string
	for _, l := range ends {
		for _, m := range mids {
			for _, r := range ends {
				out = append(out, l+m+r)
			}
		}
	}
	return out
}

// sameCompactIn compares compactIn with oldCompactIn, the code it
// replaced, on cells, each writing into a buffer of its own: the same
// forms, and the same bytes written. It returns the first difference, ""
// when there is none.
func sameCompactIn(cells []string) string {
	var oldBuf, buf []byte
	at, oldAt := 0, 0
	wants, gots := make([]string, len(cells)), make([]string, len(cells))
	for i, c := range cells {
		want, got := oldCompactIn(&oldBuf, c), compactIn(&buf, c)
		wants[i], gots[i] = want, got
		if got != want {
			return fmt.Sprintf("compactIn(%q) = %q, was %q", c, got, want)
		}
		// the bytes written for c
		if string(buf[at:]) != string(oldBuf[oldAt:]) || len(buf) != len(oldBuf) {
			return fmt.Sprintf("for %q the buffer has %q written, had %q", c, buf[at:], oldBuf[oldAt:])
		}
		at, oldAt = len(buf), len(oldBuf)
	}
	for i, c := range cells { // no form written over by a later one
		if gots[i] != wants[i] {
			return fmt.Sprintf("compactIn(%q) reads %q once all are written, was %q", c, gots[i], wants[i])
		}
	}
	return ""
}

// TestCompactInSame checks compactIn against oldCompactIn
// (compactin_old_test.go) on every line of the test data, the seeds and
// generated reports of every layout, on every field splitCells cuts them
// into, and on edge cells.
func TestCompactInSame(t *testing.T) {
	per := 120
	if testing.Short() {
		per = 10
	}
	cells := compactInEdges()
	for _, d := range gridCorpus(t, per, 1, 2) {
		var fs []string
		var at []int
		for l := range strings.SplitSeq(d.text, "\n") {
			cells = append(cells, l)
			fs, at, _, _ = splitCells(l, fs[:0], at[:0])
			cells = append(cells, fs...)
		}
	}
	if msg := sameCompactIn(cells); msg != "" {
		t.Fatal(msg)
	}
	folds := 0
	for _, c := range cells {
		if needsFold(trimSpace(c)) {
			folds++
		}
	}
	if folds < 1000 {
		t.Fatalf("%d of %d cells fold: too few for the comparison to mean much", folds, len(cells))
	}
	t.Logf("%d cells, %d folded", len(cells), folds)
}

// FuzzCompactInSame compares compactIn with oldCompactIn on a fuzzed
// cell, alone, cut at every byte and after a fuzzed prefix.
func FuzzCompactInSame(f *testing.F) {
	for _, c := range compactInEdges() {
		f.Add(c, "")
	}
	f.Add(" （１）自然 人\u3000", "\xe3\x80")
	f.Fuzz(func(t *testing.T, c, pre string) {
		cells := []string{c, pre + c, c + pre}
		for i := 0; i <= len(c); i++ {
			cells = append(cells, c[:i], c[i:])
		}
		if !utf8.ValidString(c) {
			cells = append(cells, strings.ToValidUTF8(c, "\u3000"))
		}
		if msg := sameCompactIn(cells); msg != "" {
			t.Fatal(msg)
		}
	})
}
