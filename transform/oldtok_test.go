package transform

// The tokenizer as it was before tokens were cut by byte offsets with ASCII
// fast paths (tokens.go, text.go at 4a1212b), kept to test that the new one
// gives the same stream on every input (tokens_diff_test.go). Only the
// names differ: each has the prefix old.

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/nianbao/nianbao/transform/normalize"
)

var oldRePageMark = regexp.MustCompile(`^(?:[-—–－]+\s*[0-9]+\s*[-—–－]+|第\s*[0-9]+\s*页(?:\s*[，,/]?\s*共\s*[0-9]+\s*页)?|[0-9]+\s*/\s*[0-9]+|Page\s*[0-9]+(?:\s*of\s*[0-9]+)?)$`)

// oldIsPageMark reports a page number line ("- 4 -", "第 4 页", "4/12") that
// pdftotext leaves between the rows of a table split over pages.
func oldIsPageMark(line string) bool {
	if !oldHasDigit(line) {
		return false // every form has digits: most lines are decided here
	}
	t := strings.TrimFunc(line, oldIsSpace)
	if len(t) == 0 || len(t) > 40 || !oldHasDigit(t) ||
		strings.Trim(t, "0123456789") == "" {
		return false // every form has a mark besides its digits
	}
	for _, r := range t {
		if r >= 0x3400 && r <= 0x9fff && r != '第' && r != '页' && r != '共' {
			return false // a Han character other than the forms' own: a row
		}
	}
	return oldRePageMark.MatchString(t)
}

// oldTokenize turns lines[from:to] (0-based, half-open) into a cell stream.
// Leading and trailing empty fields of a line are dropped in plain text (they
// are indentation and pdftotext padding); keepTrailing keeps trailing ones
// for sources whose tables were rendered from real cells (HTML, DOCX).
// cl holds the oldCompact form of each line (a one-cell line's cell needs
// no other). poll, when not nil, is called every pollLines lines.
func oldTokenize(lines, cl []string, from, to int, keepTrailing bool, poll func()) []tok {
	// The stream is built in a scratch buffer kept between calls and
	// copied out at its exact size: its length is not known in advance.
	scratch := oldTokScratch.Get().(*[]tok)
	out := (*scratch)[:0]
	defer func() {
		if cap(out) > oldMaxPooledToks {
			return // a huge document's buffer is not kept
		}
		clear(out) // keep no document's strings alive in the pool
		*scratch = out[:0]
		oldTokScratch.Put(scratch)
	}()
	var fs []string
	var at []int
	for i := from; i < to && i < len(lines) && len(out) <= maxSectionToks; i++ {
		if poll != nil && (i-from)%pollLines == pollLines-1 {
			poll()
		}
		ln := lines[i]
		if ln == "" {
			out = append(out, tok{kind: tokBlank, line: int32(i + 1)})
			continue
		}
		if oldIsBlank(ln) {
			out = append(out, tok{kind: tokEmpty, raw: ln, line: int32(i + 1), first: true, trail: int32(oldTabFields(ln))})
			continue
		}
		if oldIsPageMark(ln) {
			continue // a page number between the rows of a split table
		}
		tabs := oldPipesAlone(ln)
		if tabs {
			fs, at = oldSplitTabs(ln, fs[:0], at[:0])
		} else {
			fs, at = oldSplitFieldsAt(ln, fs[:0], at[:0])
		}
		spaced := strings.IndexByte(ln, '\t') < 0 && strings.IndexByte(ln, '|') < 0 && !strings.Contains(ln, "｜")
		fs, at = oldSplitNumberRuns(ln, fs, at, spaced)
		lo, hi := 0, len(fs)
		for lo < hi && oldIsBlank(fs[lo]) {
			lo++
		}
		if !keepTrailing {
			for hi > lo && oldIsBlank(fs[hi-1]) {
				hi--
			}
		}
		trail := 0
		if !spaced {
			trail = len(fs) - hi
			if !tabs && oldClosedRow(ln) && trail > 0 {
				trail-- // the field after a closing '|' is no cell
			}
			if lo == len(fs) {
				// every cell blank: "|  |  |  |"
				n := len(fs)
				if strings.HasPrefix(strings.TrimLeftFunc(ln, oldIsSpace), "|") || strings.HasPrefix(strings.TrimLeftFunc(ln, oldIsSpace), "｜") {
					n--
				}
				if oldClosedRow(ln) {
					n--
				}
				out = append(out, tok{kind: tokEmpty, raw: ln, line: int32(i + 1), first: true, trail: int32(n)})
				continue
			}
		}
		alone := hi-lo == 1 && oldIsBareNumber(fs[lo])
		page := alone && oldNearFormFeed(lines, i, from, to)
		cells := 0
		for _, f := range fs[lo:hi] {
			if !oldIsBlank(f) {
				cells++
			}
		}
		row := hi-lo > 1
		first := true
		lineAt := len(out)
		for k, f := range fs[lo:hi] {
			t := tok{raw: f, line: int32(i + 1), rowMode: row, first: first, spaced: spaced, trail: int32(trail), alone: alone, page: page}
			if spaced {
				lead := len(f) - len(strings.TrimLeftFunc(f, oldIsSpace))
				body := strings.TrimFunc(f, oldIsSpace)
				t.col = int32(oldDispWidth(ln[:at[lo+k]+lead]))
				t.end = t.col + int32(oldDispWidth(body))
				t.rcol = int32(oldRuneCols(ln[:at[lo+k]+lead]))
				t.rend = t.rcol + int32(oldRuneCols(body))
			}
			first = false
			if oldIsBlank(f) {
				t.kind = tokEmpty
			} else {
				if len(f) == len(ln) {
					t.c = cl[i] // the whole line is the cell
				} else {
					t.c = oldCompact(f)
				}
				t.kind = oldClassify(t.c)
			}
			out = append(out, t)
			if len(out) > maxSectionToks {
				break // one past the cap tells sectionTokens it was hit
			}
		}
		if !spaced && row {
			// A text cell between two values of a row is a cell the
			// normalizer rejects.
			for k := lineAt; k < len(out); k++ {
				if out[k].kind != tokText {
					continue
				}
				before, after := false, false
				for j := lineAt; j < len(out); j++ {
					if out[j].kind == tokValue {
						before, after = before || j < k, after || j > k
					}
				}
				if before && after {
					out[k].kind = tokValue
				}
			}
		}
	}
	return append([]tok(nil), out...)
}

// oldMaxPooledToks bounds the scratch buffers kept between calls: a report's
// tables are a few thousand cells.
const oldMaxPooledToks = 1 << 14

var oldTokScratch = sync.Pool{New: func() any { s := make([]tok, 0, 1024); return &s }}

// oldIsBareNumber reports a field holding one to three digits and nothing
// else: what a page number looks like, and a cell of a small count too.
func oldIsBareNumber(f string) bool {
	// Most fields are labels: decide those on their first character
	// that is not a space, without trimming.
	for i := 0; i < len(f); {
		c := f[i]
		if c < utf8.RuneSelf {
			if c >= '0' && c <= '9' {
				break
			}
			if !oldIsSpace(rune(c)) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(f[i:])
		if !oldIsSpace(r) {
			return false
		}
		i += n
	}
	t := strings.TrimFunc(f, oldIsSpace)
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

// oldNearFormFeed reports a page break beside line i: a form feed on the line
// itself, at the start of the next non-blank line (pdftotext ends a page
// with the form feed, so the page's last line is its footer), or on a
// blank line just above (the page's first line is its header).
func oldNearFormFeed(lines []string, i, from, to int) bool {
	if strings.ContainsRune(lines[i], '\f') {
		return true
	}
	for j := i + 1; j < to && j < len(lines) && j <= i+3; j++ {
		if strings.HasPrefix(strings.TrimLeft(lines[j], " \t\r"), "\f") {
			return true
		}
		if !oldIsBlank(lines[j]) {
			break
		}
	}
	for j := i - 1; j >= from && j >= i-3; j-- {
		if !oldIsBlank(lines[j]) {
			break
		}
		if strings.ContainsRune(lines[j], '\f') {
			return true
		}
	}
	return false
}

// oldPipesAlone reports a line of cells separated by tabs, some of them a
// '|' alone, two cells that are not a '|' side by side, and no '|' first.
func oldPipesAlone(ln string) bool {
	if !strings.Contains(ln, "\t") || !strings.ContainsAny(ln, "|｜") {
		return false
	}
	var cells []string
	for _, f := range strings.Split(ln, "\t") {
		cells = append(cells, strings.TrimFunc(f, oldIsSpace))
	}
	side := false
	seen := false
	for i, c := range cells {
		if c == "" {
			continue
		}
		if strings.ContainsAny(c, "|｜") && (c != "|" && c != "｜" || !seen) {
			return false
		}
		seen = true
		if i > 0 && c != "|" && c != "｜" && cells[i-1] != "" && cells[i-1] != "|" && cells[i-1] != "｜" {
			side = true
		}
	}
	return side
}

// oldSplitTabs splits ln on its tabs, appending the fields and their
// offsets to fs and at.
func oldSplitTabs(ln string, fs []string, at []int) ([]string, []int) {
	start := 0
	for i := 0; i < len(ln); i++ {
		if ln[i] == '\t' {
			fs, at = append(fs, ln[start:i]), append(at, start)
			start = i + 1
		}
	}
	return append(fs, ln[start:]), append(at, start)
}

// oldClosedRow reports a line that ends with a '|' closing its last cell.
func oldClosedRow(ln string) bool {
	t := strings.TrimRightFunc(ln, oldIsSpace)
	return strings.HasSuffix(t, "|") || strings.HasSuffix(t, "｜")
}

// oldTabFields is the number of tab-separated fields of a whitespace-only
// line, or 0 when it holds no tab.
func oldTabFields(ln string) int {
	if n := strings.Count(ln, "\t"); n > 0 {
		return n + 1
	}
	return 0
}

// oldValueRunes are the characters a printed number, amount or marker is made
// of. A cell made only of these, holding a digit or a numeral, is a value.
const oldValueRunes = "0123456789.,+-−－()%约近左右余多几元万亿千百十圆¥￥件条个项次人整．，零〇一二三四五六七八九两壹贰叁肆伍陆柒捌玖拾佰仟萬億负RMBrmb大概接近不足超过以上下至~～、/增加减少角分点"

const oldNumeralRunes = "0123456789零〇一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟"

// oldMaxNAMarker is the length in bytes of the longest of oldNaMarkers.
const oldMaxNAMarker = len("——")

// oldNaMarkers are the cells the templates use for "not applicable".
var oldNaMarkers = map[string]bool{
	"/": true, "-": true, "—": true, "——": true, "－": true, "无": true, "--": true,
	"―": true, "─": true, "\\": true, "一": false,
	"–": true, "﹣": true, "−": true, "――": true, "//": true,
}

// oldNAWords are words and signs printed for nothing.
var oldNAWords = map[string]bool{"不适用": true, "暂无": true, "空": true, "×": true, "N/A": true, "n/a": true, "无此项": true,
	"不涉及": true, "未涉及": true, "未发生": true, "未统计": true, "见附件": true, "无数据": true}

// oldFootnoted is a number with a footnote mark after it (5①, 3(注)).
var oldFootnoted = regexp.MustCompile(`^[+-]?[0-9][0-9.,]*(?:万元|元|万|件|项|个|条|次)?(?:[①-⒇❶-➓※△▲#＃]|\(注[0-9]*\)|注[0-9]*|\[[0-9]+\])$`)

func oldClassify(c string) tokKind {
	if c == "" {
		return tokEmpty
	}
	if len(c) <= oldMaxNAMarker && oldNaMarkers[c] {
		return tokValue
	}
	// A value in Markdown emphasis or quotation marks (**48**, **/**,
	// “18561”) is a cell, read inside them.
	if strings.IndexByte("*_\"'\xe2\xe3\xef", c[0]) >= 0 {
		if e, ok := normalize.Unwrap(c); ok && (oldNaMarkers[e] || oldHasDigit(e) && oldClassify(e) == tokValue) {
			return tokValue
		}
	}
	// A star on one side only (332*) is a cell, rejected in its column.
	if e := strings.Trim(c, "*_"); len(e) < len(c) && e != "" && oldHasDigit(e) && oldClassify(e) == tokValue {
		return tokValue
	}
	// 人民币12.5万元: the currency named before an amount.
	if rest, ok := strings.CutPrefix(c, "人民币"); ok {
		if rest = strings.TrimFunc(rest, oldIsSpace); rest != "" && oldClassify(rest) == tokValue {
			return tokValue
		}
	}
	if c == "零" || c == "〇" {
		return tokValue // zero written as a numeral
	}
	if oldNAWords[c] || c == "|" || c == "｜" {
		return tokValue // a word for nothing, rejected in its column
	}
	for m, ok := range oldNaMarkers {
		// a marker with its unit (/件), the normalizer's marker
		if rest, cut := strings.CutPrefix(c, m); ok && cut && rest != "" && len(rest) <= 12 && !oldHasDigit(c) && normalize.Count(c).NA {
			return tokValue
		}
	}
	if oldFootnoted.MatchString(c) {
		return tokValue // the normalizer rejects it, in its column
	}
	if !oldHasDigit(c) {
		// Chinese numerals alone are list numbers and vertical labels
		// (三/、/本/年 …); tables print them only in money (壹佰万元整).
		if !oldHasMoneyUnit(c) || !strings.ContainsAny(c, oldNumeralRunes) {
			return tokText
		}
	}
	for i := 0; i < len(c); {
		if b := c[i]; b < utf8.RuneSelf {
			if !oldAsciiValue[b] && !(b == '\'' && oldGroupMark(c, i, 1)) {
				if oldMalformedNumber(c) {
					return tokValue // the normalizer rejects it, in its column
				}
				return tokText
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(c[i:])
		if !strings.ContainsRune(oldValueRunes, r) && !(r == '’' && oldGroupMark(c, i, size)) {
			return tokText
		}
		i += size
	}
	// "1." or "3、" alone are list numbers of a split label, not values.
	if strings.HasSuffix(c, "、") {
		return tokText
	}
	return tokValue
}

// oldGroupMark reports an apostrophe between two digits at c[i:i+n]
// (1'234, 1’234): a cell, rejected in its column.
func oldGroupMark(c string, i, n int) bool {
	return i > 0 && i+n < len(c) && strings.IndexByte("0123456789", c[i-1]) >= 0 && strings.IndexByte("0123456789", c[i+n]) >= 0
}

// oldHasMoneyUnit reports whether c holds one of 元圆万亿角, the units money
// is written in.
func oldHasMoneyUnit(c string) bool {
	for _, r := range c {
		switch r {
		case '元', '圆', '万', '亿', '角':
			return true
		}
	}
	return false
}

// oldMalformedNumber reports a cell that starts as a number but holds ASCII
// letters too ("1e308", "12abc", "3O"): a damaged or odd value, never a label.
// It takes its column as a value, so that the normalizer rejects it there and
// the cell is null with its printed text kept, instead of being skipped and
// its row read one cell short.
func oldMalformedNumber(c string) bool {
	d := strings.TrimLeft(c, "+-")
	if d == "" || d[0] < '0' || d[0] > '9' {
		return false
	}
	letter := false
	for _, r := range d {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letter = true
		case r < utf8.RuneSelf && oldAsciiValue[r]:
		case r >= utf8.RuneSelf && strings.ContainsRune(oldValueRunes, r):
		default:
			return false
		}
	}
	return letter
}

// oldAsciiValue marks the ASCII characters of oldValueRunes.
var oldAsciiValue = func() (t [utf8.RuneSelf]bool) {
	for _, r := range oldValueRunes {
		if r < utf8.RuneSelf {
			t[r] = true
		}
	}
	return t
}()

// oldSplitNumberRuns splits a field that ends in numbers separated by single
// spaces, ASCII or full-width ("一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1", "0 0 0"), as some
// PDF extractors and copy-pastes print rows, into the label and one field
// per number. It splits only when every piece is a plausible cell on its
// own: "1 000" (a number grouped with a space) and "2020 年" stay whole.
func oldSplitNumberRuns(line string, fs []string, at []int, spaced bool) ([]string, []int) {
	split := false
	for _, f := range fs {
		if oldInnerSpace(f) {
			split = true
			break
		}
	}
	if !split {
		return fs, at
	}
	var outF []string
	var outA []int
	for k, f := range fs {
		if !spaced && oldSpaceGrouped.MatchString(strings.TrimFunc(f, oldIsSpace)) && oldGroupedCell(fs, k) {
			// 17 549 in a row of tabs or '|': one cell
			outF, outA = append(outF, f), append(outA, at[k])
			continue
		}
		words := oldSpaceWords(f)
		n := len(words)
		i := n
		for i > 0 && oldPlausibleCell(f[words[i-1][0]:words[i-1][1]]) {
			i--
		}
		vals := n - i
		if vals == 0 || (i == 0 && vals < 2) || (i > 0 && oldHanCount(f[words[0][0]:words[i-1][1]]) == 0) {
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
	return outF, outA
}

// oldGroupedCell: field k is the line's only field, or another holds a
// number too.
func oldGroupedCell(fs []string, k int) bool {
	others := false
	for j, f := range fs {
		if j == k || oldIsBlank(f) {
			continue
		}
		if oldPlausibleCell(f) {
			return true
		}
		others = true
	}
	return !others
}

// oldSpaceGrouped is a number grouped with single spaces.
var oldSpaceGrouped = regexp.MustCompile(`^[0-9]{1,3}(?: [0-9]{3})+$`)

// oldSpaceWords returns the byte ranges of the whitespace-separated words of s.
func oldSpaceWords(s string) [][2]int {
	var ws [][2]int
	start := -1
	for i, r := range s {
		if oldIsSpace(r) {
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

// oldPlausibleCell reports a word that can stand alone as a table cell: a
// number without a leading zero (or 0 itself), signed or with a unit, or a
// not-applicable marker.
func oldPlausibleCell(w string) bool {
	c := oldCompact(w)
	if oldNaMarkers[c] {
		return true
	}
	if oldClassify(c) != tokValue {
		return false
	}
	d := strings.TrimLeft(c, "+-−－")
	return !(len(d) > 1 && d[0] == '0' && d[1] >= '0' && d[1] <= '9')
}

// oldCompact returns s with every kind of whitespace removed and full-width
// ASCII-range characters folded to half-width, for matching labels. The raw
// text is kept elsewhere; oldCompact is never written to the dataset.
func oldCompact(s string) string {
	s = strings.TrimFunc(s, oldIsSpace)
	if !oldMayFold(s) {
		return s // the common case: nothing to fold, nothing to allocate
	}
	clean := true
	for _, r := range s {
		if oldIsSpace(r) || (r >= 0xFF01 && r <= 0xFF5E) || r == '【' || r == '】' || r == '〔' || r == '〕' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !oldIsSpace(rune(c)) {
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(r) // as ranging over the string would
		case oldIsSpace(r):
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteByte(byte(r - 0xFEE0))
		case r == '【', r == '〔':
			b.WriteByte('[')
		case r == '】', r == '〕':
			b.WriteByte(']')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// oldMayFold reports, from the bytes alone, whether oldCompact could change s:
// it holds an ASCII space or control, or a character whose UTF-8 lead byte
// is that of a Latin-1 or general-punctuation space, of the CJK symbols
// block (U+3000, 【】〔〕) or of U+FExx–U+FFxx (BOM, full-width forms).
// Han characters (leads E4–E9) and ASCII letters and digits never are.
func oldMayFold(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ' || c == 0x7f:
			return true
		case c < 0x80:
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xef:
			return true
		case c == 0xe3 && i+1 < len(s) && s[i+1] == 0x80:
			return true
		}
	}
	return false
}

// oldIsSpace reports whitespace of every kind reports use, including the
// zero-width characters and BOM that conversions leave behind.
func oldIsSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || (r >= '\t' && r <= '\r')
	}
	if r > 0x3000 {
		return r == '\ufeff' // Unicode has no other space above U+3000
	}
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000', '\u00a0':
		return true
	}
	return unicode.IsSpace(r)
}

// oldHasDigit reports whether s holds an ASCII digit.
func oldHasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' <= 9 {
			return true
		}
	}
	return false
}

// oldHasSpace reports whether s holds a whitespace character (oldIsSpace). It
// decodes only the characters whose lead byte a space can have (ASCII,
// C2, E1, E2, E3, EF): Han text is passed over a byte at a time.
func oldHasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			if oldIsSpace(rune(c)) {
				return true
			}
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3 || c == 0xef:
			if r, _ := utf8.DecodeRuneInString(s[i:]); oldIsSpace(r) {
				return true
			}
		}
	}
	return false
}

// oldInnerSpace reports whether s holds whitespace between two characters
// that are not (what strings.TrimFunc(s, oldIsSpace) would still hold), decoding
// only the characters whose lead byte a space can have, as oldHasSpace does.
func oldInnerSpace(s string) bool {
	seen, gap := false, false // a character that is not a space; a space after one
	for i := 0; i < len(s); {
		c, n, space := s[i], 1, false
		switch {
		case c < utf8.RuneSelf:
			space = oldIsSpace(rune(c))
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3 || c == 0xef:
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			space = oldIsSpace(r)
		}
		switch {
		case space:
			gap = seen
		case gap:
			return true
		default:
			seen = true
		}
		i += n
	}
	return false
}

// oldIsBlank reports whether s holds nothing but whitespace.
func oldIsBlank(s string) bool {
	for _, r := range s {
		if !oldIsSpace(r) {
			return false
		}
	}
	return true
}

// oldSplitFieldsAt splits one line into table cells: on tabs, '|' (and its
// full-width form) and runs of two or more spaces, the separators that
// converters, scrapers and pdftotext -layout write between cells. Single
// spaces stay inside a cell ("自然 人" is one cell). Each field keeps its
// text as printed, apart from the separators themselves.

// It also returns the byte offset at which each field starts, for lines
// laid out in columns, and appends to out and at, so a caller can reuse
// them from line to line.
func oldSplitFieldsAt(line string, out []string, at []int) ([]string, []int) {
	// The separators are ASCII or '｜' (EF BD 9C), so the line is read a
	// byte at a time: no byte of another character's encoding is one of
	// them, nor can EF be inside one.
	start := 0
	i := 0
	for i < len(line) {
		c := line[i]
		sz := 0
		switch {
		case c == '\t' || c == '|':
			sz = 1
		case c == 0xef && strings.HasPrefix(line[i:], "｜"):
			sz = len("｜")
		}
		switch {
		case sz > 0:
			out = append(out, line[start:i])
			at = append(at, start)
			i += sz
			start = i
			continue
		case c == ' ' && i+1 < len(line) && line[i+1] == ' ':
			// A run of two or more ASCII spaces separates cells, unless
			// it is indentation at the start of the cell.
			j := i
			for j < len(line) && line[j] == ' ' {
				j++
			}
			if !oldIsBlank(line[start:i]) {
				out = append(out, line[start:i])
				at = append(at, start)
				start = j
			}
			i = j
			continue
		}
		i++
	}
	return append(out, line[start:]), append(at, start)
}

// oldDispWidth is the number of columns s takes in a fixed-width layout: East
// Asian wide and full-width characters take two, as pdftotext -layout
// places them.
func oldDispWidth(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x1100 {
			if r == '\f' {
				continue
			}
			n++
			continue
		}
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// oldRuneCols is the number of characters of s, form feeds left out: the
// columns s takes in pdftotext's layout grid.
func oldRuneCols(s string) int {
	return utf8.RuneCountInString(s) - strings.Count(s, "\f")
}

// oldHanCount counts Han characters in s.
func oldHanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// oldSplitLines is how newParser cut the text into lines (without their
// '\r') and the lines' compact forms.
func oldSplitLines(text string) (lines, cl []string) {
	lines = strings.Split(text, "\n")
	cl = make([]string, len(lines))
	for i, l := range lines {
		l = strings.TrimRight(l, "\r")
		lines[i] = l
		cl[i] = oldCompact(l)
	}
	return lines, cl
}
