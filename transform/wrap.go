package transform

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// How a line of text that names no row, printed with numbers after a
// template row that has printed no cell, is read in a layout aligned with
// spaces (pdftotext -layout). Such a layout prints nothing for a blank
// cell, so the line may be either the end of the row's label, wrapped
// with the row's numbers beside it (…相关政府 / 信息  0 0 0), or a row
// the template lacks after a row printed blank (行政许可 / 行政确认 5 6 7).
const (
	wrapContinues = iota // the rest of the label: the numbers are the row's
	wrapNewRow           // a row of its own: the row above stays blank
	wrapUnsure           // cannot tell: read as the rest, with a finding
)

// closing starts the end of a wrapped label (，不计其他情形）).
const closing = "，,、。；;：:）)】」』”’》"

// wrapOf classifies text c on a line with numbers after a row labelled
// prev, whose template label is tmpl ("" when unknown):
//
//   - text that begins with punctuation continues the label;
//   - text with a list numeral of its own (9. （八）) is a row;
//   - text that is the end of the template label, the label above not
//     yet ending so, continues it (…不再 / 处理其政府信息公开申请), as does
//     text after a label with an unclosed bracket;
//   - text of four Han characters or more after a label that already
//     ends as its template's does (…禁止公开的, 行政许可) is a row: nothing
//     of the label is left to wrap. Shorter text may be a word the
//     report adds to the label (行政许可 / 事项);
//   - anything else cannot be told apart.
func wrapOf(prev, tmpl, c string) int {
	if r, _ := firstRune(c); r != 0 && strings.ContainsRune(closing, r) {
		return wrapContinues
	}
	if numbered(c) {
		return wrapNewRow
	}
	if th, ch := string(hans(tmpl)), string(hans(c)); tmpl != "" && strings.HasSuffix(th, ch) && !labelEnds(prev, tmpl) {
		return wrapContinues
	}
	if strings.Count(prev, "（")+strings.Count(prev, "(") > strings.Count(prev, "）")+strings.Count(prev, ")") {
		return wrapContinues
	}
	if labelEnds(prev, tmpl) && hanCount(c) >= 4 {
		return wrapNewRow
	}
	return wrapUnsure
}

// numbered reports text that begins with a list numeral (1. 9、 （八） (3)).
func numbered(c string) bool {
	if stripNumbering(c) != c {
		return true
	}
	if strings.HasPrefix(c, "（") {
		if i := hanIndex(c, "）"); i > len("（") && isNumeral(c[len("（"):i]) {
			return true
		}
	}
	return false
}

// labelEnds reports whether label ends as tmpl does: the last two Han
// characters of tmpl stand among the last three of label.
func labelEnds(label, tmpl string) bool {
	th, lh := hans(tmpl), hans(stripNumbering(label))
	if len(th) < 2 || len(lh) < 2 {
		return false
	}
	tail := string(th[len(th)-2:])
	return hanContains(string(lh[max(0, len(lh)-3):]), tail)
}

func hans(s string) []rune {
	var out []rune
	for _, r := range s {
		if isHan(r) {
			out = append(out, r)
		}
	}
	return out
}

// numbersOnLine reports whether toks[i] is followed, on its own line and
// before any other text, by a number.
func numbersOnLine(toks []tok, i int) bool { return valueAfter(toks, i, true) }

// itemLabel2019 is the label of a row of section 二 in template 2019,
// "" if it has none.
func itemLabel2019(code string) string {
	for _, it := range schemas.Disclosures2019 {
		if it.Code.Code == code {
			return it.Label
		}
	}
	return ""
}

// outcomeLabel is the template label of a row of section 三.
func outcomeLabel(code string) string {
	if code == schemas.OutcomeOther.Code.Code {
		return schemas.OutcomeOther.Label
	}
	for _, o := range schemas.Outcomes(false) {
		if o.Code.Code == code {
			return o.Label
		}
	}
	return ""
}

// itemLabel is the template label of a row of section 二, in either
// template.
func itemLabel(code string) string {
	for _, items := range [][]schemas.Item{schemas.Disclosures2021, schemas.Disclosures2019} {
		for _, it := range items {
			if it.Code.Code == code {
				return it.Label
			}
		}
	}
	return ""
}

// joinWrapped reads a label that a narrow column wrapped over lines, in a
// layout aligned with spaces (pdftotext -layout), the row's numbers beside
// its first, a middle or its last line (行政事业性  9  9 / 收费): text
// toks[i] that names no row, followed on the next lines by text standing
// within its column, is the row the pieces name together when they make
// its template label exactly. The pieces' lines follow one another (a line
// of numbers only may stand between them) and at most one of them holds
// numbers: two lines with numbers are two rows. It returns the joined
// label, its row, and the indexes of the pieces after the first, which
// the reader skips; ok is false when no such label is found. Without it
// the first piece was a row the template lacks, holding the numbers, and
// the last (收费) the row, left blank in silence.
//
// A group's label printed in the column to the left, as narrow as the
// row's, is one space away from it, and pdftotext joins the two columns'
// pieces into one cell: （三） 1.属于国家秘 / 不予公 密 / 开. The row's
// column then begins at its list numeral, and of each later piece only
// the words from that column on are the label's (密); the words left of it
// are the group's. A word across the column's edge is neither: the label
// is not read.
func joinWrapped(spec *tableSpec, toks []tok, i int, inGroup bool) (c, raw string, m label, rest []int, ok bool) {
	t := toks[i]
	if !t.spaced || t.kind != tokText || spec.labelOf == nil || hanCount(t.c) < 2 {
		return "", "", noLabel, nil, false
	}
	c, raw, last := t.c, t.raw, int(t.line)
	reach := last     // the last line the label's pieces, its numbers or its group's pieces stand on
	var side []int    // pieces of the column to the left, on the label's lines
	lo := int(t.rcol) // where the label's column begins
	var buf [8]colWord
	if ws := colWords(t, buf[:0]); len(ws) > 1 {
		for k := len(ws) - 1; k > 0; k-- {
			if numbered(compact(t.raw[ws[k].at:ws[k].end])) {
				raw = t.raw[ws[k].at:]
				c, lo = compact(raw), ws[k].rcol
				if mm := spec.match(c, inGroup); isTemplateLabel(spec, c, mm) {
					return c, raw, mm, nil, true // the whole label, on one line (（六）其他 3.其他)
				}
				break
			}
		}
	}
	for j := i + 1; j < len(toks) && len(rest) < maxWrapPieces; j++ {
		f := toks[j]
		if int(f.line) > reach+1 || f.kind == tokBlank {
			break
		}
		if f.line == t.line || f.kind != tokText {
			if f.line > t.line && f.kind == tokValue {
				last, reach = max(last, int(f.line)), max(reach, int(f.line)) // a line of numbers between the pieces
			}
			continue
		}
		if !f.spaced || f.rend > t.rend+1 {
			continue // another column's text
		}
		if int(f.rend) < lo {
			if m := spec.match(f.c, inGroup); m.kind == lblNone || m.kind == lblGroup {
				side = append(side, j) // a piece of the group's label, to the left
				reach = max(reach, int(f.line))
			}
			continue
		}
		piece, praw := f.c, f.raw
		if int(f.rcol) < lo-1 {
			ws := colWords(f, buf[:0])
			k := 0
			for k < len(ws) && ws[k].rcol < lo-1 {
				k++
			}
			if k == len(ws) {
				continue // a piece of the group's label only
			}
			if k == 0 || ws[k-1].rend >= lo {
				break // a word across the column's edge
			}
			praw = f.raw[ws[k].at:]
			piece = compact(praw)
		}
		if numbered(piece) {
			break // the next row's label
		}
		c, raw, last, reach = c+piece, raw+trimSpace(praw), int(f.line), int(f.line)
		rest = append(rest, j)
		if linesWithNumbers(toks, i, last) > 1 {
			break
		}
		if mm := spec.match(c, inGroup); isTemplateLabel(spec, c, mm) {
			for _, k := range side {
				if int(toks[k].line) <= last {
					rest = append(rest, k)
				}
			}
			slices.Sort(rest)
			return c, raw, mm, rest, true
		}
	}
	return "", "", noLabel, nil, false
}

// isTemplateLabel reports whether c, matched as m, is the template label
// of the row m names, its list numerals aside.
func isTemplateLabel(spec *tableSpec, c string, m label) bool {
	if !m.namesRow() {
		return false
	}
	h := string(hans(stripNumbering(c)))
	return h == string(hans(stripNumbering(spec.labelOf(m.code)))) ||
		spec.oldLabelOf != nil && h == string(hans(stripNumbering(spec.oldLabelOf(m.code))))
}

// colWord is a word of a spaced cell: its bytes in the cell's raw text
// and the character columns it spans (rend past its last).
type colWord struct{ at, end, rcol, rend int }

// colWords appends to buf the words of spaced cell t, split at single
// ASCII spaces (pdftotext -layout puts one between two columns' text when
// they stand that close), with their columns.
func colWords(t tok, buf []colWord) []colWord {
	col, start := int(t.rcol), -1
	from := len(t.raw) - len(trimLeftSpace(t.raw)) // t.rcol is here
	for i, r := range t.raw[from:] {
		if r == ' ' {
			if start >= 0 {
				buf[len(buf)-1].end, buf[len(buf)-1].rend = from+i, col
				start = -1
			}
		} else if start < 0 {
			start = from + i
			buf = append(buf, colWord{at: start, end: len(t.raw), rcol: col, rend: col})
		}
		col++
	}
	if start >= 0 {
		// The last word ends where the text does, less its trailing
		// space: not only ASCII spaces but a form feed or an ideographic
		// space. A last word of nothing else ("上年结转 \f") is none.
		if end := len(trimRightSpace(t.raw)); end > buf[len(buf)-1].at {
			w := &buf[len(buf)-1]
			w.end, w.rend = end, col
		} else {
			buf = buf[:len(buf)-1]
		}
	}
	return buf
}

// maxWrapPieces is the most lines after its first a wrapped label is
// looked for on.
const maxWrapPieces = 12

// linesWithNumbers counts the lines from toks[i]'s to line last that
// hold a number.
func linesWithNumbers(toks []tok, i, last int) int {
	n, seen := 0, -1
	for j := i; j < len(toks) && int(toks[j].line) <= last; j++ {
		if toks[j].kind == tokValue && int(toks[j].line) != seen {
			n, seen = n+1, int(toks[j].line)
		}
	}
	return n
}
