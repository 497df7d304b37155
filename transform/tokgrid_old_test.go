package transform

// tokenizeGrid as it was at f1534e0, before its callers could tell it that
// a text holds no form feed and before it counted the lines to its next
// poll down instead of dividing at every line, kept to test that the
// tokenizer gives the same streams and polls as often
// (tokgrid_diff_test.go). Only the name differs: it has the prefix old.

import (
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

func oldTokenizeGrid(out []tok, lines, cl []string, from, to int, keepTrailing bool, tables []schemas.Table, poll func()) []tok {
	sc := fieldScratch.Get().(*fieldBufs)
	fs, at := sc.fs[:0], sc.at[:0]
	defer func() {
		if cap(fs) > maxPooledToks {
			return // a huge line's buffers are not kept
		}
		if cap(sc.runs.fs) > maxPooledToks || cap(sc.runs.ws) > maxPooledToks {
			sc.runs = runBufs{}
		}
		clear(fs)
		clear(sc.runs.fs[:cap(sc.runs.fs)])
		sc.fs, sc.at = fs[:0], at[:0]
		sc.runs.fs = sc.runs.fs[:0]
		fieldScratch.Put(sc)
	}()
	var folded []byte // the compact forms that are not substrings
	// Whether lines[from:to] hold a form feed, looked for at the first
	// alone number (0 until then, 1 yes, 2 no): without one no number
	// stands beside a page break.
	feeds := 0
	for i := from; i < to && i < len(lines) && len(out) <= maxSectionToks; i++ {
		if poll != nil && (i-from)%pollLines == pollLines-1 {
			poll()
		}
		ln := lines[i]
		if ln == "" {
			out = append(out, tok{kind: tokBlank, line: int32(i + 1)})
			continue
		}
		if cl[i] == "" { // the line is blank: its compact form is empty
			out = append(out, tok{kind: tokEmpty, raw: ln, line: int32(i + 1), first: true, trail: int32(tabFields(ln))})
			continue
		}
		if isPageMark(ln) {
			continue // a page number between the rows of a split table
		}
		var inner, grid bool
		var seps int
		fs, at, inner, seps = splitCells(ln, fs[:0], at[:0])
		if seps == sepTab|sepPipe && (len(tables) > 0 && inGrid(tables, i+1) || pipesAlone(ln)) {
			if fs, at, inner, grid = gridFields(ln, fs[:0], at[:0]); !grid {
				fs, at, inner, _ = splitCells(ln, fs[:0], at[:0])
			}
		}
		spaced := seps == 0 // cells separated by spaces only
		fs, at := fs, at    // the line's fields: splitCells' or, split further, runs'
		if inner {
			fs, at = sc.runs.split(ln, fs, at, spaced)
		}
		lo, hi := 0, len(fs)
		for lo < hi && isBlank(fs[lo]) {
			lo++
		}
		if !keepTrailing {
			for hi > lo && isBlank(fs[hi-1]) {
				hi--
			}
		}
		trail := 0
		if !spaced {
			trail = len(fs) - hi
			if !grid && closedRow(ln) && trail > 0 {
				trail-- // the field after a closing '|' is no cell
			}
			if lo == len(fs) {
				// every cell blank: "|  |  |  |"
				n := len(fs)
				if t := trimLeftSpace(ln); strings.HasPrefix(t, "|") || strings.HasPrefix(t, "｜") {
					n--
				}
				if closedRow(ln) {
					n--
				}
				out = append(out, tok{kind: tokEmpty, raw: ln, line: int32(i + 1), first: true, trail: int32(n)})
				continue
			}
		}
		alone := hi-lo == 1 && isBareNumber(fs[lo])
		page := false
		if alone {
			if feeds == 0 {
				feeds = 2
				for _, l := range lines[from:min(to, len(lines))] {
					if strings.IndexByte(l, '\f') >= 0 {
						feeds = 1
						break
					}
				}
			}
			page = feeds == 1 && nearFormFeed(lines, i, from, to)
		}
		row := hi-lo > 1
		first := true
		var cur colCursor // the columns of ln up to a byte offset
		lineAt := len(out)
		for k, f := range fs[lo:hi] {
			t := tok{raw: f, line: int32(i + 1), rowMode: row, first: first, spaced: spaced, trail: int32(trail), alone: alone, page: page}
			blank := isBlank(f)
			if spaced {
				// The cells of a line come in order, so one pass along
				// the line gives every cell's columns.
				start := at[lo+k] + len(f) - len(trimLeftSpace(f))
				t.col, t.rcol = cur.advance(ln, start)
				t.end, t.rend = t.col, t.rcol
				if !blank {
					t.end, t.rend = cur.advance(ln, start+len(trimSpace(f)))
				}
			}
			first = false
			if blank {
				t.kind = tokEmpty
			} else {
				if hi-lo == 1 && seps&sepPipe == 0 {
					// The line's only cell, with nothing but spaces
					// and tabs around it: the line's compact form is
					// the cell's.
					t.c = cl[i]
				} else {
					t.c = compactIn(&folded, f)
				}
				t.kind = classify(t.c)
			}
			out = append(out, t)
			if len(out) > maxSectionToks {
				break // one past the cap tells sectionTokens it was hit
			}
		}
		if !spaced && row {
			textBetweenValues(out[lineAt:])
		}
	}
	return out
}
