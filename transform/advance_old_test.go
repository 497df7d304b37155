package transform

import (
	"testing"
	"unicode/utf8"
)

// colCursorOld is colCursor before advance kept its fields in locals,
// counted the CJK Unified Ideographs as wide without asking runeWidth and
// told them from their bytes without decoding them.
type colCursorOld struct {
	pos       int
	col, rcol int32
}

func (c *colCursorOld) advanceOld(ln string, to int) (col, rcol int32) {
	for c.pos < to {
		b := ln[c.pos]
		if b < utf8.RuneSelf {
			if b != '\f' {
				c.col++
				c.rcol++
			}
			c.pos++
			continue
		}
		r, n := decode3(ln, c.pos) // Han and full-width forms, inline
		if n == 0 {
			r, n = utf8.DecodeRuneInString(ln[c.pos:])
		}
		c.col += int32(runeWidth(r))
		c.rcol++
		c.pos += n
	}
	return c.col, c.rcol
}

// sameAdvance walks ln with both cursors, by steps of 1, 2 and 5
// characters and to its end at once, to each place ranging over ln
// starts a character at (and to one before the cursor, where neither
// moves), comparing the columns and the cursors; it reports whether ln
// holds a CJK Unified Ideograph.
func sameAdvance(t testing.TB, ln string) bool {
	t.Helper()
	var starts []int
	han := false
	for i, r := range ln {
		starts = append(starts, i)
		han = han || r >= 0x4e00 && r <= 0x9fff
	}
	starts = append(starts, len(ln))
	for _, step := range []int{1, 2, 5, len(starts)} {
		var c colCursor
		var o colCursorOld
		for k := 0; k < len(starts); k += step {
			for _, to := range []int{starts[k], starts[k] - 1} {
				col, rcol := c.advance(ln, to)
				ocol, orcol := o.advanceOld(ln, to)
				if col != ocol || rcol != orcol || c.pos != o.pos || c.col != o.col || c.rcol != o.rcol {
					t.Fatalf("%q to %d (step %d): (%d, %d) at %d, was (%d, %d) at %d", ln, to, step, col, rcol, c.pos, ocol, orcol, o.pos)
				}
			}
		}
	}
	return han
}

// advanceEdges are lines of every kind of character advance counts:
// ASCII, form feeds, Han at the ends of the range counted as wide at
// once and just outside it, full-width forms, narrow and wide characters
// outside the Basic Multilingual Plane, and bytes that are not UTF-8.
func advanceEdges() []string {
	parts := []string{"a", " ", "\f", "\t", "一", "鿿", "\u4dff", "\u4e01", "\u5000", "\u9fbf", "\ua000", "㐀", "（", "１", "\u3000", "ｱ", "é", "\U00020000", "\U0001F600", "\U00010000", "\xff", "\xe4\xb8", "\xe4",
		// the bytes of a CJK Unified Ideograph with one of them wrong or
		// cut, and the three-byte characters just outside their range
		"\xe5\x80", "\xe9\xbf", "\xe5\xc0\x80", "\xe4\xb8\xc0", "\xe8\x80\x7f", "\xe4\xb7\xbf", "\xea\x80\x80", "\xe3\xbf\xbf", "\xe9\x7f\x80"}
	var out []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				out = append(out, a+b+c)
			}
		}
	}
	return out
}

// TestAdvanceOld compares advance with advanceOld on every line of the
// differential corpus, the reports of $NIANBAO_BENCH_CORPUS and the edges.
func TestAdvanceOld(t *testing.T) {
	texts := advanceEdges()
	for _, d := range diffCorpus(t, 10, 1, 2) {
		ls, _ := splitLines(d.text)
		texts = append(texts, ls...)
	}
	for _, s := range corpusTexts(t) {
		ls, _ := splitLines(s)
		texts = append(texts, ls...)
	}
	sameOnAll(t, texts, 1000, sameAdvance) // the lines with Han text
}

// TestHanWide checks that runeWidth counts every CJK Unified Ideograph
// (U+4E00–U+9FFF) as wide, as advance does without asking it.
func TestHanWide(t *testing.T) {
	for r := rune(0x4e00); r <= 0x9fff; r++ {
		if runeWidth(r) != 2 {
			t.Fatalf("runeWidth(%U) = %d", r, runeWidth(r))
		}
	}
}

// FuzzAdvanceOld compares advance with advanceOld on any line.
func FuzzAdvanceOld(f *testing.F) {
	for _, s := range advanceEdges()[:300] {
		f.Add(s)
	}
	f.Add("\t一、本年新收政府信息公开申请数量  12  0\f 3")
	f.Fuzz(func(t *testing.T, s string) { sameAdvance(t, s) })
}
