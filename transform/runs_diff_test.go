package transform

import (
	"slices"
	"strings"
	"testing"
)

// sameRuns splits each line's fields (splitCells) with one runBufs kept
// from line to line, as tokenizeTo keeps it, and with the splitter that
// made a new slice each time (oldSplitNumberRuns), and fails at the
// first line they differ on.
func sameRuns(t testing.TB, lines []string) {
	t.Helper()
	var b runBufs
	var fs []string
	var at []int
	for _, ln := range lines {
		var seps int
		fs, at, _, seps = splitCells(ln, fs[:0], at[:0])
		spaced := seps == 0
		wf, wa := oldSplitNumberRuns(ln, slices.Clone(fs), slices.Clone(at), spaced)
		gf, ga := b.split(ln, fs, at, spaced)
		if !slices.Equal(gf, wf) || !slices.Equal(ga, wa) {
			t.Fatalf("fields of %q split into %q at %v, were %q at %v", ln, gf, ga, wf, wa)
		}
	}
}

// TestNumberRunsSame checks that splitting number runs in buffers kept
// from line to line gives the fields the splitter gave when it made
// them anew, over every line of the differential corpus and lines that
// split into more, then fewer, fields than the line before.
func TestNumberRunsSame(t *testing.T) {
	per := 40
	if testing.Short() {
		per = 10
	}
	n := 0
	for _, d := range diffCorpus(t, per, 1) {
		lines, _ := splitLines(d.text)
		sameRuns(t, lines)
		n += len(lines)
	}
	sameRuns(t, []string{
		"一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1", "0 0 0", "短 1", "1 000", "2020 年",
		"（一）予以公开  3 4 5 6 7 8 9 10", "x", "甲 1 2\t乙 3 4\t5 6", "", "\u3000１ ２ ３", "标签 1 2 3 4 5 6 7 8 9 10 11 12",
		"其他 — / 无", "a  b c",
	})
	t.Logf("%d lines compared", n)
}

// FuzzNumberRunsSame compares the two on fuzzed lines, two at a time so
// that the second reuses the buffers of the first.
func FuzzNumberRunsSame(f *testing.F) {
	f.Add("一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1", "0 0 0")
	f.Add("甲 1 2\t乙 3 4\t5 6", "2020 年  1 000")
	f.Add("（一）予以公开 １ ２ ３", "\u3000 — / 无 \xe4")
	f.Fuzz(func(t *testing.T, a, b string) {
		sameRuns(t, append(strings.Split(a, "\n"), strings.Split(b, "\n")...))
	})
}
