package transform

import (
	"encoding/binary"
	"math/bits"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

var rePageMark = regexp.MustCompile(`^(?:[-—–－]+\s*[0-9]+\s*[-—–－]+|第\s*[0-9]+\s*页(?:\s*[，,/]?\s*共\s*[0-9]+\s*页)?|[0-9]+\s*/\s*[0-9]+|Page\s*[0-9]+(?:\s*of\s*[0-9]+)?)$`)

// isPageMark reports a page number line ("- 4 -", "第 4 页", "4/12") that
// pdftotext leaves between the rows of a table split over pages.
func isPageMark(line string) bool {
	// One pass over the bytes decides most lines: every form has
	// digits, and a row's label has a Han character (U+3400–U+9FFF,
	// lead bytes E3–E9) other than the forms' own, nearly always among
	// its first bytes.
	digit := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c-'0' <= 9 {
			digit = true
			continue
		}
		if c < 0xe3 || c > 0xe9 || i+2 >= len(line) || line[i+1]&0xc0 != 0x80 || line[i+2]&0xc0 != 0x80 {
			continue // no Han character starts here
		}
		if c == 0xe3 && line[i+1] < 0x90 {
			i += 2 // U+3000–U+33FF: CJK punctuation, the ideographic space
			continue
		}
		if s := line[i : i+3]; s != "第" && s != "页" && s != "共" {
			return false // a Han character other than the forms' own: a row
		}
		i += 2
	}
	if !digit {
		return false // every form has digits
	}
	t := trimSpace(line)
	if len(t) == 0 || len(t) > 40 || allDigits(t) {
		return false // every form has a mark besides its digits
	}
	return rePageMark.MatchString(t)
}

// pageMarkLine is isPageMark(ln) for a line whose compact form is c. A
// line of digits alone (a cell of a one-cell-per-line table) is told from
// c without reading ln again: every page mark has a mark besides its
// digits, which folding keeps. So are most other lines, by c's first and
// last bytes (see pageMarkEnds).
func pageMarkLine(ln, c string) bool {
	return c != "" && pageMarkEnds[c[0]]&(pageMarkEnds[c[len(c)-1]]>>1)&1 != 0 &&
		!allDigits(c) && isPageMark(ln)
}

// pageMarkEnds marks (1) the bytes a page mark's compact form may start
// with and (2) those it may end with. A mark starts with a digit, '-', —,
// –, － (folded to '-'), 第 or "Page", and ends with a digit, one of the
// dashes or 页; folding keeps the others as they are, and drops only the
// spaces that trimming has already cut from the mark's ends.
var pageMarkEnds = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = 1 | 2
	}
	t['-'] = 1 | 2
	for _, s := range []string{"—", "–", "－", "第", "P"} {
		t[s[0]] |= 1
	}
	for _, s := range []string{"—", "–", "－", "页"} {
		t[s[len(s)-1]] |= 2
	}
	return t
}()

// splitLines cuts text into its lines, without their '\r', and the
// lines' compact forms: substrings of the line, or of one buffer for the
// lines whose folding changes them.
//
// It reads the text once, a line at a time, and only the lines that
// folding changes are read again.
func splitLines(text string) (lines, cl []string) {
	lines, cl, _ = splitLinesTo(nil, text)
	return lines, cl
}

// splitLinesTo is splitLines keeping the lines and their compact forms in
// buf, one slice for both, when it is large enough: a parser keeps it for
// the next report (see scratch). It returns the slice used, for the caller
// to keep.
func splitLinesTo(buf []string, text string) (lines, cl, both []string) {
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
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := range lines {
		// The line's end: most lines of a report are shorter than
		// eight bytes (blank lines, a table's cells one a line), so the
		// first eight bytes are looked at in one load, without a call
		// (and the registers it would save) or its branches, before
		// IndexByte looks at the rest.
		l, j := text, -1
		if len(text) >= 8 {
			// the bytes of x that are '\n' made 0; the top bit of the
			// first of them set, and of none before it (a 0 byte
			// borrows only from the bytes above it)
			x := le64(text, 0) ^ '\n'*ones
			if m := (x - ones) &^ x & highs; m != 0 {
				j = bits.TrailingZeros64(m) >> 3
			} else if j = strings.IndexByte(text[8:], '\n'); j >= 0 {
				j += 8
			}
		} else {
			j = strings.IndexByte(text, '\n')
		}
		if j >= 0 {
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

// tokKind classifies one piece of a table region.
type tokKind uint8

const (
	tokBlank tokKind = iota // an empty line: a separator, or an empty cell in paragraph layouts
	tokEmpty                // an explicit empty cell: a whitespace-only line or an empty field between separators
	tokValue                // a cell holding a number, an amount or a not-applicable marker
	tokText                 // anything else: labels, headers, fragments
)

// tok is one cell of the stream a table region is read as.
//
// The fields are ordered so that the flags share one word, and the places
// in the text (columns, line, trail) are int32, each at most the text's
// length plus one, which extract keeps under 1 GiB (MaxTextCeiling): a
// report's streams are copied whole (see tokenize and rowReader), so a
// smaller tok (64 bytes, not 88) is less to copy and to clear.
type tok struct {
	kind tokKind
	// first is true for the first non-empty field of its line.
	first bool
	// rowMode is true when the token's line holds two or more cells, i.e.
	// the report prints whole rows on one line.
	rowMode bool
	// alone is true for a bare number of at most three digits standing
	// alone on its line: a cell of a one-cell-per-line table, or the page
	// number pdftotext prints between the rows of a table split over pages.
	alone bool
	// page is true for an alone number that a page break stands beside (a
	// form feed on its line or the next or previous non-empty line): most
	// likely the page number. The row decides (see row.dropPages).
	page bool
	// pageIfExtra marks an alone number that ends a row just before a
	// header line, in a table whose rows are always followed by headers
	// (section 二): a page number only when the row has one number too many.
	pageIfExtra bool
	// glued marks a run of digits cut from the end of a row's label cell
	// (行政许可5): the row's cells printed with no separator (see glued.go).
	glued bool
	// spaced is true when the line's cells are separated by runs of spaces
	// only (pdftotext -layout): then col and end, the display columns the
	// cell spans, say which column of the table it stands in. rcol and
	// rend are the same counted in characters: pdftotext -layout gives
	// every character one column of its grid whatever its width, so a
	// wide label before a number shifts the number's display column but
	// not its character column; text set in a fixed-width font (a
	// scraper's, a copy-paste) is aligned by display width instead.
	spaced     bool
	col, end   int32
	rcol, rend int32
	// trail is, on a line whose cells are separated by tabs or '|', the
	// number of empty cells at its end that the stream leaves out; on a
	// line of empty cells only, their number. Word's text export, copies
	// of web tables and '|' converters print a blank cell as an empty
	// field there, so a row that fits its columns only with them is read so.
	trail int32
	line  int32  // 1-based line in the document text
	raw   string // as printed (separators removed)
	c     string // compact form, for matching
}

// center is the display column in the middle of a spaced cell.
func (t tok) center() int { return (int(t.col) + int(t.end)) / 2 }

// rcenter is the character column in the middle of a spaced cell.
func (t tok) rcenter() int { return (int(t.rcol) + int(t.rend)) / 2 }

// tokenizeTo appends to out the cell stream of lines[from:to] (0-based,
// half-open). Leading and trailing empty fields of a line are dropped in
// plain text (they are indentation and pdftotext padding); keepTrailing
// keeps trailing ones for sources whose tables were rendered from real
// cells (HTML, DOCX). cl holds the compact form of each line (a one-cell
// line's cell needs no other). poll, when not nil, is called every
// pollLines lines.
//
// A cell's raw text is a substring of its line, and its compact form
// either a substring of the line too or, when folding changes it, a
// substring of one buffer for the whole region: no cell allocates.
func tokenizeTo(out []tok, lines, cl []string, from, to int, keepTrailing bool, poll func()) []tok {
	return tokenizeGrid(out, lines, cl, from, to, keepTrailing, nil, feedsUnknown, poll)
}

// What a caller of tokenizeGrid knows of the form feeds of its lines: the
// page breaks an alone number may stand beside (see tok.page).
const (
	feedsUnknown = 0 // tokenizeGrid looks, at the first alone number
	feedsNone    = 2 // no line holds a form feed
)

// textFeeds is what the lines of text, however it is cut, hold of form
// feeds: feedsNone when it has none, which one search of the text tells
// at less cost than looking in every line of a region.
func textFeeds(text string) int {
	if strings.IndexByte(text, '\f') < 0 {
		return feedsNone
	}
	return feedsUnknown
}

// tokenizeGrid is tokenizeTo for a document whose tables are grids (HTML,
// DOCX): tables are their grids, in document order, each standing at its
// Line of the text one line a row. A '|' in the text of a grid's cell is
// the cell's text, not a separator (see gridFields). feeds is what the
// caller knows of the lines' form feeds (feedsUnknown or feedsNone).
func tokenizeGrid(out []tok, lines, cl []string, from, to int, keepTrailing bool, tables []schemas.Table, feeds int, poll func()) []tok {
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
	// feeds: whether lines[from:to] hold a form feed, looked for at the
	// first alone number unless the caller knows (0 until then, 1 yes, 2
	// no): without one no number stands beside a page break.
	//
	// poll is called at line from+pollLines-1 and every pollLines lines
	// after it, counted down rather than divided at every line.
	nextPoll := -1 // no line: i >= from >= 0
	if poll != nil {
		nextPoll = from + pollLines - 1
	}
	for i := from; i < to && i < len(lines) && len(out) <= maxSectionToks; i++ {
		if i == nextPoll {
			nextPoll += pollLines
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
		if pageMarkLine(ln, cl[i]) {
			continue // a page number between the rows of a split table
		}
		if f, tabbed, ok := lineCell(ln, cl[i]); ok {
			// A line of one cell ending the line, after indentation:
			// the token the code below makes of it, without splitting
			// the line or testing fields for blanks.
			// isBareNumber(f): f trimmed is the line's compact form
			// (whitespace stands before it, and nothing after).
			alone := len(cl[i]) <= 3 && allDigits(cl[i])
			t := tok{raw: f, c: cl[i], line: int32(i + 1), first: true, alone: alone}
			if alone {
				t.page = alonePage(lines, i, from, to, &feeds)
			}
			if !tabbed {
				t.spaced = true
				var cur colCursor
				t.col, t.rcol = cur.advance(ln, len(ln)-len(cl[i]))
				t.end, t.rend = cur.advance(ln, len(ln))
			}
			t.kind = classify(t.c)
			out = append(out, t)
			continue
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
		// fs[lo], once found, is no blank: the trailing blanks stop at it,
		// and its token needs no test.
		lo, hi := 0, len(fs)
		for lo < hi && isBlank(fs[lo]) {
			lo++
		}
		if !keepTrailing {
			for hi > lo+1 && isBlank(fs[hi-1]) {
				hi--
			}
		}
		trail := 0
		if !spaced {
			trail = len(fs) - hi
			if trail > 0 && !grid && closedRow(ln) {
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
		// The line's only cell among tabs and spaces has the line's
		// compact form (see below), which a bare number keeps as it is:
		// a label is ruled out by it without reading the cell again.
		alone := hi-lo == 1 && (seps&sepPipe != 0 || len(cl[i]) <= 3 && allDigits(cl[i])) && isBareNumber(fs[lo])
		page := false
		if alone {
			page = alonePage(lines, i, from, to, &feeds)
		}
		if hi-lo == 1 && !spaced {
			// The line's only cell, among tabs or '|': what the loop
			// below makes of it, without columns to count, a blank to
			// test (fs[lo] is none) or text between values to mark.
			f := fs[lo]
			t := tok{raw: f, line: int32(i + 1), first: true, trail: int32(trail), alone: alone, page: page}
			if seps&sepPipe == 0 {
				t.c = cl[i] // the line's compact form is the cell's (see below)
			} else {
				t.c = compactIn(&folded, f)
			}
			t.kind = classify(t.c)
			out = append(out, t)
			continue
		}
		row := hi-lo > 1
		first := true
		var cur colCursor // the columns of ln up to a byte offset
		lineAt := len(out)
		for k, f := range fs[lo:hi] {
			t := tok{raw: f, line: int32(i + 1), rowMode: row, first: first, spaced: spaced, trail: int32(trail), alone: alone, page: page}
			blank := k > 0 && isBlank(f)
			if spaced {
				// The cells of a line come in order, so one pass along
				// the line gives every cell's columns. f is trimmed
				// once, for its columns and its compact form.
				lf := trimLeftSpace(f)
				start := at[lo+k] + len(f) - len(lf)
				t.col, t.rcol = cur.advance(ln, start)
				t.end, t.rend = t.col, t.rcol
				if !blank {
					f = trimRightSpace(lf)
					t.end, t.rend = cur.advance(ln, start+len(f))
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

// alonePage is tok.page for the alone number of line i of lines[from:to].
// *feeds is what is known of the region's form feeds, looked for at its
// first alone number unless the caller knew (0 until then, 1 yes, 2 no):
// without one no number stands beside a page break.
func alonePage(lines []string, i, from, to int, feeds *int) bool {
	if *feeds == 0 {
		*feeds = 2
		for _, l := range lines[from:min(to, len(lines))] {
			if strings.IndexByte(l, '\f') >= 0 {
				*feeds = 1
				break
			}
		}
	}
	return *feeds == 1 && nearFormFeed(lines, i, from, to)
}

// lineCell reports a line ln whose compact form c is the end of the line
// itself, holding no '|': the line is then one cell after its
// indentation. c, unfolded, holds no whitespace and no '｜' (needsFold
// would have folded them), so splitCells cuts ln only at the tabs of its
// indentation, into empty fields and a last one, f, which holds c and
// the whitespace after the last tab. tabbed reports such a tab: without
// one the line's cell is separated by spaces only.
func lineCell(ln, c string) (f string, tabbed, ok bool) {
	p := len(ln) - len(c)
	if p < 0 || unsafe.StringData(ln[p:]) != unsafe.StringData(c) || strings.IndexByte(c, '|') >= 0 {
		return "", false, false // c is folded or not at the end, or may be cut
	}
	for k := p - 1; k >= 0; k-- {
		if ln[k] == '\t' {
			return ln[k+1:], true, true
		}
	}
	return ln, false, true
}

// hasPipe reports whether ln holds a '|' or its full-width form '｜', the
// separators a grid's row may hold in its cells' text.
func hasPipe(ln string) bool {
	return strings.IndexByte(ln, '|') >= 0 || hanContains(ln, "｜")
}

// inGrid reports whether line n (1-based) of the text is one of the rows
// a table of tables stands on. A table holding others (a page's layout
// table) covers lines that are the blocks of its cells: gridFields tells
// them apart by their tabs.
func inGrid(tables []schemas.Table, n int) bool {
	for i := range tables {
		if t := &tables[i]; n >= t.Line && n < t.Line+len(t.Rows) {
			return true
		}
	}
	return false
}

// pipesAlone reports a line of tab-separated cells printing '|' alone in
// some of them, "32\t0\t|\t0\t43": a row printing '|' for nothing. Split
// on the '|' as well, such a cell became two blank ones and the row's
// numbers after it stood a column right; the line is read as a grid's row
// is (see gridFields). Only when the tabs are shown to separate the cells:
// two cells that are no '|' stand side by side, one tab apart, and no '|'
// starts the line; a '|' table padded with tabs ("|\ta\t|\tb\t|", "a\t|\tb")
// or with a tab in a cell ("| 0\t| 1 |") is no such line.
func pipesAlone(ln string) bool {
	first, prev, side := true, false, false // prev: the field before is a cell, no '|'
	for f := range strings.SplitSeq(ln, "\t") {
		t := trimSpace(f)
		if t == "" {
			prev = false
			continue
		}
		pipe := hasPipe(t)
		if pipe && (first || t != "|" && t != "｜") {
			return false
		}
		side = side || !pipe && prev
		prev, first = !pipe, false
	}
	return side
}

// gridFields splits a row of a grid's table, its cells joined by '\t' (see
// extract), into its cells: on tabs only. A '|' in a cell is the cell's
// text ("|" printed for nothing, a note's "a|b"); splitCells would cut the
// cell in two there, and the row's numbers after it would stand a column
// right. A line with fewer than two cells that are not blank is left to
// splitCells (ok false): a row of one cell printing a whole table row with
// '|' between its cells (a Markdown row pasted into a page's table), or a
// block of a layout table's cell. inner is splitCells' inner.
func gridFields(line string, out []string, at []int) (_ []string, _ []int, inner, ok bool) {
	n, start := 0, 0
	for i := 0; i <= len(line); i++ {
		if i < len(line) && line[i] != '\t' {
			continue
		}
		f := line[start:i]
		if !isBlank(f) {
			n++
			inner = inner || innerSpace(f)
		}
		out, at = append(out, f), append(at, start)
		start = i + 1
	}
	return out, at, inner, n >= 2
}

// textBetweenValues makes a value of each text cell that stands between
// two values of one line whose cells are separated by tabs or '|' (不适用,
// 暂无, N/A, × in the middle of a row of numbers): a cell of the row, that
// the normalizer rejects in its column. Skipped as a label's piece, it
// would leave the row a cell short, and the numbers after it could be
// read one column early.
func textBetweenValues(line []tok) {
	first, last := -1, -1
	for k := range line {
		if line[k].kind == tokValue {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	for k := first + 1; k < last; k++ {
		if line[k].kind == tokText {
			line[k].kind = tokValue
		}
	}
}

// colCursor walks a line once, counting the display columns (dispWidth)
// and the character columns (runeCols) of its text so far.
type colCursor struct {
	pos       int
	col, rcol int32
}

// advance moves the cursor to byte offset to of ln, which must not be
// before it and must start a character, and returns the columns there.
func (c *colCursor) advance(ln string, to int) (col, rcol int32) {
	pos, col, rcol := c.pos, c.col, c.rcol // in registers along the loop
	for pos < to {
		b := ln[pos]
		if b < utf8.RuneSelf {
			if b == ' ' {
				// a run of spaces, the gap between two columns, passed
				// over eight a load (read in ln whole: the gap before a
				// cell ends at it, most often fewer than eight bytes
				// after a load, which a load past to still finds)
				e := min(spacesEnd(ln, pos+1), to)
				col += int32(e - pos)
				rcol += int32(e - pos)
				pos = e
				continue
			}
			if b != '\f' {
				col++
				rcol++
			}
			pos++
			continue
		}
		// A CJK Unified Ideograph (U+4E00–U+9FFF: E4 B8 80 to E9 BF BF),
		// wide, most of a label's text: told from its bytes, without
		// decoding it. Its lead and second byte, read as one number, lie
		// between E4B8 and E9BF, and its second and third bytes are
		// continuation bytes (which the range alone allows for E5–E8).
		if pos+2 < len(ln) {
			b1, b2 := ln[pos+1], ln[pos+2]
			if uint32(b)<<8|uint32(b1)-0xe4b8 <= 0xe9bf-0xe4b8 && b1&0xc0|(b2&0xc0)>>2 == 0xa0 {
				col += 2
				rcol++
				pos += 3
				continue
			}
		}
		w, n := wideAt(ln, pos)
		col += int32(w)
		rcol++
		pos += n
	}
	c.pos, c.col, c.rcol = pos, col, rcol
	return col, rcol
}

// wideAt returns the display width and the length of the character at
// ln[pos], which is not ASCII nor a CJK Unified Ideograph: advance's
// other characters (full-width forms, CJK punctuation, bytes that are not
// UTF-8), in a function of their own so that advance's loop keeps its
// values in registers instead of saving them around the calls.
//
//go:noinline
func wideAt(ln string, pos int) (w, n int) {
	r, n := decode3(ln, pos) // full-width forms and CJK punctuation, inline
	if n == 0 {
		r, n = utf8.DecodeRuneInString(ln[pos:])
	}
	return runeWidth(r), n
}

// maxPooledToks bounds the scratch buffers kept between calls: a report's
// tables are a few thousand cells.
const maxPooledToks = 1 << 14

// fieldBufs are tokenize's scratch buffers: a line's fields and their
// offsets.
type fieldBufs struct {
	fs   []string
	at   []int
	runs runBufs
}

var fieldScratch = sync.Pool{New: func() any {
	return &fieldBufs{fs: make([]string, 0, 64), at: make([]int, 0, 64)}
}}

// isBareNumber reports a field holding one to three digits and nothing
// else: what a page number looks like, and a cell of a small count too.
func isBareNumber(f string) bool {
	// Most fields are labels: decide those on their first character
	// that is not a space, without trimming.
	for i := 0; i < len(f) && (f[i] < '0' || f[i] > '9'); {
		n := spaceLen(f[i:]) // 0 at once for Han text: most labels
		if n == 0 {
			return false
		}
		i += n
	}
	t := trimSpace(f)
	if len(t) == 0 || len(t) > 3 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// nearFormFeed reports a page break beside line i: a form feed on the line
// itself, at the start of the next non-blank line (pdftotext ends a page
// with the form feed, so the page's last line is its footer), or on a
// blank line just above (the page's first line is its header).
func nearFormFeed(lines []string, i, from, to int) bool {
	if strings.ContainsRune(lines[i], '\f') {
		return true
	}
	for j := i + 1; j < to && j < len(lines) && j <= i+3; j++ {
		if startsWithFormFeed(lines[j]) {
			return true
		}
		if !isBlank(lines[j]) {
			break
		}
	}
	for j := i - 1; j >= from && j >= i-3; j-- {
		if !isBlank(lines[j]) {
			break
		}
		if strings.ContainsRune(lines[j], '\f') {
			return true
		}
	}
	return false
}

// startsWithFormFeed reports whether s holds a form feed after spaces,
// tabs and carriage returns only.
func startsWithFormFeed(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r':
		case '\f':
			return true
		default:
			return false
		}
	}
	return false
}

// allDigits reports whether s holds ASCII digits only (or nothing).
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// closedRow reports a line that ends with a '|' closing its last cell.
func closedRow(ln string) bool {
	t := trimRightSpace(ln)
	return strings.HasSuffix(t, "|") || strings.HasSuffix(t, "｜")
}

// tabFields is the number of tab-separated fields of a whitespace-only
// line, or 0 when it holds no tab.
func tabFields(ln string) int {
	if n := strings.Count(ln, "\t"); n > 0 {
		return n + 1
	}
	return 0
}

// valueRunes are the characters a printed number, amount or marker is made
// of. A cell made only of these, holding a digit or a numeral, is a value.
const valueRunes = "0123456789.,+-−－()%约近左右余多几元万亿千百十圆¥￥件条个项次人整．，零〇一二三四五六七八九两壹贰叁肆伍陆柒捌玖拾佰仟萬億负RMBrmb大概接近不足超过以上下至~～、/增加减少角分点"

const numeralRunes = "0123456789零〇一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟"

// isNAMarker reports the cells the templates use for "not applicable"
// (a switch, which the compiler turns into a few comparisons by length,
// instead of hashing every cell for a map; naMarkers in the tests is the
// map it replaces).
func isNAMarker(c string) bool {
	switch c {
	case "/", "-", "—", "——", "－", "无", "--", "―", "─", "\\",
		"–", "﹣", "−", "――", "//":
		// (the second line: the normalizer's markers that folding
		// leaves as they are, an en dash, a small or a minus sign alone)
		return true
	}
	return false
}

// isNAWord reports the words and signs some reports print in a cell for
// nothing (不适用, 暂无, N/A, ×): no label is made of them alone. A cell
// printing one keeps its column, one cell per line as well as in a row,
// and the normalizer rejects it there.
func isNAWord(c string) bool {
	switch c {
	case "不适用", "暂无", "空", "×", "N/A", "n/a", "无此项",
		// and what reports print where no number was kept or none applies
		"不涉及", "未涉及", "未发生", "未统计", "见附件", "无数据":
		return true
	}
	return false
}

// wrapped reports whether c may print a value inside Markdown emphasis or
// quotation marks, or next to a star (c is not empty): a test of its
// first byte, one of the first bytes of normalize.Unwrap's marks, and of
// its last, on every cell classified, before the unwrapping that looks
// inside.
func wrapped(c string) bool {
	switch c[0] {
	case '*', '_', '"', '\'', 0xe2, 0xe3, 0xef:
		return true
	}
	z := c[len(c)-1]
	return z == '*' || z == '_'
}

// groupMark reports an apostrophe grouping digits (1'234, 1’234) at c[i],
// whose length is n: a digit on each side. The normalizer checks the
// groups.
func groupMark(c string, i, n int) bool {
	return i > 0 && i+n < len(c) && c[i-1] >= '0' && c[i-1] <= '9' && c[i+n] >= '0' && c[i+n] <= '9'
}

// markerLead marks the first bytes of the not-applicable markers: '/',
// '-', '\\', and the lead bytes of — – − ― ─, － ／ ＼ ﹣ and 无.
var markerLead = [256]bool{'/': true, '-': true, '\\': true, 0xe2: true, 0xef: true, 0xe6: true}

// markerWithUnit reports a not-applicable marker followed by a unit (/件,
// —项), which the normalizer reads as the marker, as it reads 5件 as 5: a
// cell of a column whose every cell prints its unit. Only a short cell
// that starts with a marker (isNAMarker, at most 6 bytes) is handed to
// the normalizer.
func markerWithUnit(c string) bool {
	switch {
	case c[0] == '/' || c[0] == '-' || c[0] == '\\':
	case len(c) < 3:
		return false
	case c[0] == 0xe2 && (c[1] == 0x80 || c[1] == 0x88 || c[1] == 0x94): // — – ― −, ─
	case c[0] == 0xef && (c[1] == 0xbc || c[1] == 0xb9): // － ／ ＼, ﹣
	case c[0] == 0xe6 && c[1] == 0x97 && c[2] == 0xa0: // 无
	default:
		return false
	}
	for k := 1; k <= 6 && k < len(c); k++ {
		if isNAMarker(c[:k]) {
			// (a unit is a word of one to three characters: 件, 人次, 万元)
			return len(c)-k <= 12 && normalize.Count(c).NA
		}
	}
	return false
}

func classify(c string) tokKind {
	if c == "" {
		return tokEmpty
	}
	if len(c) < 8 && allDigits8(short8(c)) {
		// A number of up to seven digits, most values ("0"): decided
		// in one test, before the tests below, each of which would
		// branch one way for it and the other for a label.
		return tokValue
	}
	if isNAMarker(c) {
		return tokValue
	}
	if wrapped(c) {
		// A value in Markdown emphasis or quotation marks (**48**,
		// **/**, “18561”) is a cell, which the normalizer reads inside
		// them; a label's rest, it would have left the row blank.
		if e, ok := normalize.Unwrap(c); ok && (isNAMarker(e) || hasDigit(e) && classify(e) == tokValue) {
			return tokValue
		}
		// A star on one side only (332*, a mark or emphasis half
		// lost): a cell still, which the normalizer rejects.
		if e := strings.Trim(c, "*_"); e != c && e != "" && hasDigit(e) && classify(e) == tokValue {
			return tokValue
		}
	}
	// (compared with the word itself, not through strings.CutPrefix,
	// c's first nine bytes are compared in two loads, without a call)
	if len(c) >= len("人民币") && c[:len("人民币")] == "人民币" {
		// 人民币12.5万元: the currency named before an amount, which the
		// normalizer reads (as ￥ or RMB, which are value runes).
		if rest := trimSpace(c[len("人民币"):]); rest != "" && classify(rest) == tokValue {
			return tokValue
		}
	}
	if !hasDigit(c) {
		if c == "零" || c == "〇" {
			// Zero written as a numeral: a cell, which the normalizer
			// reads as 0; skipped, it would leave its row a cell short.
			return tokValue
		}
		if isNAWord(c) || c == "|" || c == "｜" || markerLead[c[0]] && markerWithUnit(c) {
			// (a '|' alone is a cell only in a grid's row, where it
			// is no separator: see gridFields)
			return tokValue // the normalizer rejects it, in its column
		}
		// Chinese numerals alone are list numbers and vertical labels
		// (三/、/本/年 …); tables print them only in money (壹佰万元整).
		if !hasMoneyUnit(c) || !strings.ContainsAny(c, numeralRunes) {
			return tokText
		}
	}
	for i := 0; i < len(c); {
		if b := c[i]; b < utf8.RuneSelf {
			if !asciiValue[b] && !(b == '\'' && groupMark(c, i, 1)) {
				if malformedNumber(c) || footnoted(c) {
					return tokValue // the normalizer rejects it, in its column
				}
				return tokText
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(c[i:])
		if !isValueRune(r) && !(r == '’' && groupMark(c, i, size)) {
			if footnoted(c) {
				return tokValue // the normalizer rejects it, in its column
			}
			return tokText
		}
		i += size
	}
	// "1." or "3、" alone are list numbers of a split label, not values.
	if len(c) >= len("、") && c[len(c)-len("、"):] == "、" {
		return tokText
	}
	return tokValue
}

// hasMoneyUnit reports whether c holds one of 元圆万亿角, the units money
// is written in. It compares bytes instead of decoding every character
// of every label: each unit is valid UTF-8 starting with a lead byte,
// so its bytes stand in c exactly where ranging over c would decode it.
//
// It looks up the three bytes from each place a unit may start at in
// unitSlots, without a branch: a test of some bytes first (the units'
// last bytes, one continuation byte in thirteen) found one in most labels
// and mispredicted its branches more than the lookup costs. A unit starts
// with a lead byte, so none starts at the two bytes after a place when
// both are continuation bytes: past them it steps, one character of a
// label's Han text a load.
func hasMoneyUnit(c string) bool {
	var hit uint32
	i := 0
	for i+4 <= len(c) {
		// c[i], c[i+1], c[i+2], high to low (a load of four bytes that
		// i+4 <= len(c) keeps in c: no bounds check)
		w := bits.ReverseBytes32(binary.LittleEndian.Uint32((*[4]byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(c)), i))[:])) >> 8
		hit |= moneyUnitAt(w)
		// 3 when c[i+1] and c[i+2] are continuation bytes, else 1
		i += 1 + 2*int((w&0xc0c0^0x8080-1)>>31)
	}
	if i == len(c)-3 { // the last place, whose three bytes end c
		hit |= moneyUnitAt(word3(c, i))
	}
	return hit != 0
}

// word3 is s[i], s[i+1] and s[i+2] as one number, high to low: a
// three-byte character's encoding, as the units' constants are written.
func word3(s string, i int) uint32 {
	return uint32(s[i])<<16 | uint32(s[i+1])<<8 | uint32(s[i+2])
}

// moneyUnitAt is 1 when w, three bytes high to low, is a unit's encoding, and
// 0 otherwise.
func moneyUnitAt(w uint32) uint32 {
	// 0 just when w is the unit in its slot: every other slot's value
	// and w differ below bit 31.
	z := unitSlots[w*unitHash>>29] ^ w
	return (z - 1) >> 31
}

// unitHash sends the units' encodings (万 E4 B8 87, 亿 E4 BA BF, 元 E5 85
// 83, 圆 E5 9C 86, 角 E8 A7 92), as three bytes of a uint32, to slots of
// their own in unitSlots: (w*unitHash)>>29.
const unitHash = 0x91b7584b

// unitSlots holds each unit's encoding in its slot, and in the others
// 7F000000, which no three bytes are.
var unitSlots = func() (t [8]uint32) {
	for k := range t {
		t[k] = 0x7f000000
	}
	for _, u := range []string{"万", "亿", "元", "圆", "角"} {
		w := word3(u, 0)
		if t[w*unitHash>>29] != 0x7f000000 {
			panic("unitHash: two units in one slot")
		}
		t[w*unitHash>>29] = w
	}
	return t
}()

// malformedNumber reports a cell that starts as a number but holds ASCII
// letters too ("1e308", "12abc", "3O"): a damaged or odd value, never a label.
// It takes its column as a value, so that the normalizer rejects it there and
// the cell is null with its printed text kept, instead of being skipped and
// its row read one cell short.
func malformedNumber(c string) bool {
	d := strings.TrimLeft(c, "+-")
	if d == "" || d[0] < '0' || d[0] > '9' {
		return false
	}
	letter := false
	for _, r := range d {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letter = true
		case r < utf8.RuneSelf && asciiValue[r]:
		case r >= utf8.RuneSelf && isValueRune(r):
		default:
			return false
		}
	}
	return letter
}

// footnoted reports a cell printing a number followed by a footnote
// mark: 5①, 12件※, 3(注), 3注1, 7[2] (compact form: brackets folded to
// ASCII), an optional sign before it and a unit (万元, 元, 万, 件, 项, 个,
// 条, 次) between. The mark is no value character, so the cell would be
// skipped as a label's piece and the numbers after it read one column
// early; taken as a value, it keeps its column and the normalizer rejects
// it there (null, with a finding naming the cell). classify asks it of
// every cell that starts like a number and holds another character
// (2020年 …), so it reads the cell once, by hand.
func footnoted(c string) bool {
	i := 0
	if i < len(c) && (c[i] == '+' || c[i] == '-') {
		i++
	}
	if i == len(c) || c[i] < '0' || c[i] > '9' {
		return false // most labels are decided here
	}
	for i < len(c) && (c[i] >= '0' && c[i] <= '9' || c[i] == '.' || c[i] == ',') {
		i++
	}
	// The unit, if one stands between the number and its mark: each is
	// one three-byte character, or 万元, told by one switch on three bytes
	// rather than a call comparing strings a unit.
	if i+3 <= len(c) {
		switch word3(c, i) {
		case unit万:
			i += 3
			if i+3 <= len(c) && word3(c, i) == unit元 {
				i += 3
			}
		case unit元, unit件, unit项, unit个, unit条, unit次:
			i += 3
		}
	}
	return isFootnoteMark(c[i:])
}

// The units footnoted allows between a number and its mark (万元, 元, 万,
// 件, 项, 个, 条, 次): their characters' bytes as word3 reads them
// (TestFootnoteUnitBytes).
const (
	unit万 = 0xe4b887
	unit元 = 0xe58583
	unit件 = 0xe4bbb6
	unit项 = 0xe9a1b9
	unit个 = 0xe4b8aa
	unit条 = 0xe69da1
	unit次 = 0xe6aca1
)

// isFootnoteMark reports a footnote mark, whole: a circled or parenthesised
// number (① … ⒇, ❶ … ➓), ※ △ ▲ # ＃, or (注), (注1), 注, 注1, [1].
func isFootnoteMark(m string) bool {
	if m == "" {
		return false
	}
	if r, n := utf8.DecodeRuneInString(m); n == len(m) && (r >= 0x2460 && r <= 0x2487 || r >= 0x2776 && r <= 0x2793 ||
		r == '※' || r == '△' || r == '▲' || r == '#' || r == '＃') {
		return true
	}
	digitsThen := func(s, end string) bool { // [0-9]* then end, whole
		j := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return s[j:] == end
	}
	switch {
	case strings.HasPrefix(m, "(注"):
		return digitsThen(m[len("(注"):], ")")
	case strings.HasPrefix(m, "注"):
		return digitsThen(m[len("注"):], "")
	case m[0] == '[':
		return len(m) > 2 && digitsThen(m[1:], "]") && m[1] != ']'
	}
	return false
}

// isValueRune is strings.ContainsRune(valueRunes, r), by a table.
func isValueRune(r rune) bool {
	return r >= 0 && r < 0x10000 && valueBMP[r>>6]>>(r&63)&1 == 1
}

// valueBMP marks, a bit each, the characters of valueRunes (all in the
// Basic Multilingual Plane, see TestValueRunesTable).
var valueBMP = func() (t [1 << 10]uint64) {
	for _, r := range valueRunes {
		t[r>>6] |= 1 << (r & 63)
	}
	return t
}()

// asciiValue marks the ASCII characters of valueRunes.
var asciiValue = func() (t [utf8.RuneSelf]bool) {
	for _, r := range valueRunes {
		if r < utf8.RuneSelf {
			t[r] = true
		}
	}
	return t
}()

// runBufs are split's buffers, kept from line to line by tokenizeTo:
// the fields it makes and their offsets, and the words of one field.
type runBufs struct {
	fs []string
	at []int
	ws [][2]int
}

// split splits a field that ends in numbers separated by single spaces,
// ASCII or full-width ("一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1", "0 0 0"), as
// some PDF extractors and copy-pastes print rows, into the label and one
// field per number. It splits only when every piece is a plausible cell on
// its own: "1 000" (a number grouped with a space) and "2020 年" stay
// whole. In a line whose cells are split by tabs or '|' (spaced false),
// a field that is one number grouped with spaces ("17 549") is one cell,
// which the normalizer rejects, when the line's separators say where its
// cells end (see groupedCell). The fields it makes are in b's buffers when it splits:
// valid until the next call.
func (b *runBufs) split(line string, fs []string, at []int, spaced bool) ([]string, []int) {
	split := false
	for _, f := range fs {
		if innerSpace(f) {
			split = true
			break
		}
	}
	if !split {
		return fs, at
	}
	outF, outA := b.fs[:0], b.at[:0]
	for k, f := range fs {
		if !spaced && spaceGrouped(trimSpace(f)) && groupedCell(fs, k) {
			outF, outA = append(outF, f), append(outA, at[k])
			continue
		}
		b.ws = appendSpaceWords(b.ws[:0], f)
		words := b.ws
		n := len(words)
		i := n
		for i > 0 && plausibleCell(f[words[i-1][0]:words[i-1][1]]) {
			i--
		}
		vals := n - i
		if vals == 0 || (i == 0 && vals < 2) || (i > 0 && hanCount(f[words[0][0]:words[i-1][1]]) == 0) {
			outF, outA = append(outF, f), append(outA, at[k])
			continue
		}
		if i > 0 {
			outF, outA = append(outF, f[:words[i-1][1]]), append(outA, at[k])
		}
		for _, w := range words[i:] {
			outF, outA = append(outF, f[w[0]:w[1]]), append(outA, at[k]+w[0])
		}
	}
	b.fs, b.at = outF, outA
	return outF, outA
}

// groupedCell reports whether the separators of a line of tabs or '|'
// make its field k, a number grouped with spaces, one cell: the field is
// the line's only one (a cell a line), or another field holds a number
// too (the row's numbers are split by the separators). A label followed
// by one field of numbers ("（一）予以公开\t100 100 100 100 100 100 600")
// is a row printed with single spaces after its label, split as before.
func groupedCell(fs []string, k int) bool {
	others := false
	for j, f := range fs {
		if j == k || isBlank(f) {
			continue
		}
		if plausibleCell(f) {
			return true
		}
		others = true
	}
	return !others
}

// spaceGrouped reports a number grouped with single ASCII spaces into a
// first group of one to three digits and groups of exactly three after
// it: 1 058, 17 549, 1 234 567.
func spaceGrouped(f string) bool {
	group, groups := 0, 0
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case c >= '0' && c <= '9':
			group++
		case c == ' ' && group > 0 && (groups == 0 && group <= 3 || group == 3):
			group, groups = 0, groups+1
		default:
			return false
		}
	}
	return groups > 0 && group == 3
}

// appendSpaceWords appends to ws the byte ranges of the
// whitespace-separated words of s.
func appendSpaceWords(ws [][2]int, s string) [][2]int {
	start := -1
	for i, r := range s {
		if isSpace(r) {
			if start >= 0 {
				ws = append(ws, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		ws = append(ws, [2]int{start, len(s)})
	}
	return ws
}

// plausibleCell reports a word that can stand alone as a table cell: a
// number without a leading zero (or 0 itself), signed or with a unit, or a
// not-applicable marker.
func plausibleCell(w string) bool {
	c := compact(w)
	if isNAMarker(c) {
		return true
	}
	if classify(c) != tokValue {
		return false
	}
	d := strings.TrimLeft(c, "+-−－")
	return !(len(d) > 1 && d[0] == '0' && d[1] >= '0' && d[1] <= '9')
}
