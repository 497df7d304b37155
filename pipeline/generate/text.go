package generate

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineWriter collects the lines of a text report.
type lineWriter struct{ lines []string }

func (w *lineWriter) add(s ...string) { w.lines = append(w.lines, s...) }

func (w *lineWriter) blank() { w.lines = append(w.lines, "") }

func (w *lineWriter) String(crlf bool) string {
	sep := "\n"
	if crlf {
		sep = "\r\n"
	}
	return strings.Join(w.lines, sep) + sep
}

// padded prints a value cell with the report's padding.
func (m *model) padded(c tc) string {
	if c.kind != kValue || c.text == "" || m.pad == "" {
		return c.text
	}
	if m.padAfter {
		return c.text + m.pad
	}
	return m.pad + c.text
}

// oneLine drops the line break a header may carry.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", "") }

// spaceOut inserts the spaces pdftotext leaves between digits and CJK
// ("2020 年").
func spaceOut(s string) string {
	var b strings.Builder
	prev := rune(0)
	for _, c := range s {
		if prev != 0 && (isDigit(prev) && isHan(c) || isHan(prev) && isDigit(c)) {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
		prev = c
	}
	return b.String()
}

// spaceWord inserts a space inside a short word ("自然 人", "商业 企业").
func spaceWord(s string) string {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 6 {
		return s
	}
	rs := []rune(s)
	half := n / 2
	return string(rs[:half]) + " " + string(rs[half:])
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }
func isHan(c rune) bool   { return unicode.Is(unicode.Han, c) }

// renderLines prints one cell per line, tab-indented, a blank line after
// each row; merged cells print as an empty cell, headers keep their break.
func (m *model) renderLines(blocks []block) string {
	var w lineWriter
	for _, b := range blocks {
		switch b.kind {
		case bTable:
			for _, row := range b.t.rows {
				for _, c := range row {
					w.add("\t" + m.padded(c))
				}
				w.blank()
			}
			w.blank()
		case bDate, bSignature:
			w.add(m.indent + b.text)
		default:
			w.add(m.indent + b.text)
			if m.wideGap {
				w.blank()
			}
		}
	}
	return w.String(m.crlf)
}

// renderBlank prints every cell as its own paragraph after a blank line; a
// blank cell is a lone empty line and merged cells do not print at all.
func (m *model) renderBlank(blocks []block) string {
	var w lineWriter
	for _, b := range blocks {
		switch b.kind {
		case bTable:
			for _, row := range b.t.rows {
				for _, c := range row {
					if c.vm == vmContinue {
						continue
					}
					if c.text == "" {
						w.blank()
						continue
					}
					w.blank()
					w.add(oneLine(m.padded(c)))
				}
			}
			w.blank()
		default:
			w.add(b.text)
			w.blank()
		}
	}
	return w.String(m.crlf)
}

// grid expands a row to one field per grid column: spanned and merged
// positions are empty.
func (m *model) grid(row []tc, head bool) []string {
	var out []string
	for _, c := range row {
		s := oneLine(m.padded(c))
		if c.vm == vmContinue {
			s = ""
		}
		if head && m.spaced && c.kind == kHead {
			s = spaceWord(s)
		}
		out = append(out, s)
		for k := 1; k < c.span; k++ {
			out = append(out, "")
		}
	}
	return out
}

// renderTabs prints a row per line with tab-separated fields, as pdftotext
// does without -layout; section 三 breaks over a page and repeats its
// header.
func (m *model) renderTabs(r *rand.Rand, blocks []block) string {
	var w lineWriter
	text := func(s string) string {
		if m.spaced {
			return spaceOut(s)
		}
		return s
	}
	w.blank()
	for _, b := range blocks {
		switch b.kind {
		case bTable:
			t := b.t
			for i, row := range t.rows {
				w.add(strings.Join(m.grid(row, i < t.head), "\t"))
				if t.split > 0 && i == t.split {
					w.blank()
					ff := ""
					if chance(r, 0.3) {
						ff = "\f"
					}
					for j := range t.head {
						w.add(ff + strings.Join(m.grid(t.rows[j], true), "\t"))
						ff = ""
					}
				}
			}
			w.blank()
		default:
			w.add(text(b.text))
			w.blank()
		}
	}
	return w.String(m.crlf)
}

// renderPipe prints rows as | a | b |, the way scrapers turn tables into
// text.
func (m *model) renderPipe(blocks []block) string {
	var w lineWriter
	for _, b := range blocks {
		switch b.kind {
		case bTable:
			w.blank()
			for i, row := range b.t.rows {
				f := m.grid(row, false)
				w.add("| " + strings.Join(f, " | ") + " |")
				if i == 0 && m.mdSep {
					w.add("|" + strings.Repeat("---|", len(f)))
				}
			}
			w.blank()
		default:
			w.add(m.indent + b.text)
		}
	}
	return w.String(m.crlf)
}

// renderGlued prints a row per line with its cells run together, as a
// crawler that drops the separators between cells does: a blank cell
// prints nothing, and a padded value loses its padding with the cell.
func (m *model) renderGlued(blocks []block) string {
	var w lineWriter
	for _, b := range blocks {
		switch b.kind {
		case bTable:
			for _, row := range b.t.rows {
				var s strings.Builder
				for _, c := range row {
					if c.vm != vmContinue {
						s.WriteString(oneLine(c.text))
					}
				}
				w.add(s.String())
			}
		default:
			w.add(b.text)
		}
	}
	return w.String(m.crlf)
}

// renderColumns prints every cell as its own paragraph, row by row, but
// section 三 (the table broken over a page) page by page as pdftotext's
// default mode prints a wide table: the header, the row labels, then each
// value column's numbers; a blank cell prints nothing.
func (m *model) renderColumns(blocks []block) string {
	var w lineWriter
	para := func(s string) {
		if s = oneLine(s); s != "" {
			w.add(s)
			w.blank()
		}
	}
	for _, b := range blocks {
		if b.kind != bTable {
			para(b.text)
			continue
		}
		t := b.t
		if t.split == 0 {
			for _, row := range t.rows {
				for _, c := range row {
					if c.vm != vmContinue {
						para(c.text)
					}
				}
			}
			continue
		}
		pages := [][2]int{{t.head, t.split + 1}, {t.split + 1, len(t.rows)}}
		for p, pg := range pages {
			if p > 0 {
				w.add("\f")
			}
			for _, row := range t.rows[:t.head] {
				for _, c := range row {
					if c.vm != vmContinue {
						para(c.text)
					}
				}
			}
			var cols [][]string
			for _, row := range t.rows[pg[0]:pg[1]] {
				k := 0
				for _, c := range row {
					if c.kind != kValue {
						if c.vm != vmContinue {
							para(c.text)
						}
						continue
					}
					for len(cols) <= k {
						cols = append(cols, nil)
					}
					cols[k] = append(cols[k], c.text)
					k++
				}
			}
			for _, col := range cols {
				for _, v := range col {
					para(v)
				}
			}
		}
	}
	return w.String(m.crlf)
}
