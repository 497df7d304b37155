package transform

import (
	"strings"
	"testing"
)

// The functions that pass over a run of spaces eight bytes a load
// (spacesEnd): appendFold, trimLeftFrom, splitCells and colCursor.advance.
// Each is compared with the form it replaced, which steps a byte at a time
// (appendFoldOld, oldTrimLeftSpace, oldSplitCells and splitCellsDecoding,
// advanceOld), on lines whose runs of spaces have every length up to 24 at
// every offset from a line's start and end, so that a run ends inside a
// load, at its last byte, just past it, and fewer than eight bytes before
// the end of the text.

// sameSpaceRuns compares all four on ln.
func sameSpaceRuns(t *testing.T, ln string) {
	t.Helper()
	sameFold(t, ln)
	sameFold(t, trimSpace(ln))
	sameTrims(t, ln)
	sameSplitCells(t, ln)
	sameAdvance(t, ln)
}

// spaceRunLines are lines of runs of spaces of every length up to 24
// between pieces of text (Han, ASCII, full-width forms, tabs, form feeds,
// other spaces, bytes that are not UTF-8), at every place along a line,
// and laid-out rows of columns as pdftotext -layout prints them.
func spaceRunLines() []string {
	pieces := []string{"", "a", "0", "12", "一", "申请人", "（一）", "\t", "\f", "\u3000", "\u00a0", "|", "｜", "\xe4\xb8", "\xff", "ＡＢ", "【", "\r"}
	var lines []string
	for n := 0; n <= 24; n++ {
		run := strings.Repeat(" ", n)
		for lead := 0; lead <= 9; lead++ {
			pad := strings.Repeat("x", lead)
			for _, a := range pieces {
				for _, b := range []string{"", "0", "一", "\t", "  ", "\u3000", "\xe4"} {
					lines = append(lines, pad+a+run+b, run+a+b+run, a+run+pad+b)
				}
			}
		}
		for m := 0; m <= 24; m += 3 {
			lines = append(lines,
				"二、上年结转政府信息公开申请数量"+run+"0"+strings.Repeat(" ", m)+"12"+run+"7",
				run+"3.其他"+strings.Repeat(" ", m)+"5"+run+"\f"+run+"1",
				"  （一）予以公开"+run+"\u3000"+strings.Repeat(" ", m)+"2",
			)
		}
	}
	return lines
}

// TestSpaceRunsSame compares them on the lines built with runs of spaces,
// every line of the differential corpus, and the reports of
// $NIANBAO_BENCH_CORPUS when it is set (a generated corpus, most of whose
// plain-text reports are laid out in columns).
func TestSpaceRunsSame(t *testing.T) {
	lines := spaceRunLines()
	for _, d := range diffCorpus(t, 10, 1, 2) {
		ls, _ := splitLines(d.text)
		lines = append(lines, ls...)
	}
	for _, s := range corpusTexts(t) {
		ls, _ := splitLines(s)
		lines = append(lines, ls...)
	}
	runs := 0
	for _, ln := range lines {
		sameSpaceRuns(t, ln)
		if strings.Contains(ln, "        ") {
			runs++
		}
	}
	if runs < 1000 {
		t.Fatalf("only %d lines with a run of eight spaces", runs)
	}
	t.Logf("%d lines, %d with a run of eight spaces or more", len(lines), runs)
}

// FuzzSpaceRunsSame compares them on any line, each byte 0x01 of which is
// made a run of n spaces first, so that the fuzzer reaches long runs.
func FuzzSpaceRunsSame(f *testing.F) {
	for _, s := range spaceRunLines()[:300] {
		f.Add(s, uint8(0))
	}
	f.Add("二、上年结转\x010\x0112\x01\f\x01", uint8(13))
	f.Add("\x01（一）\x01\u3000\x01\t\x012", uint8(8))
	f.Fuzz(func(t *testing.T, s string, n uint8) {
		ln := strings.ReplaceAll(s, "\x01", strings.Repeat(" ", int(n%40)))
		sameSpaceRuns(t, ln)
	})
}
