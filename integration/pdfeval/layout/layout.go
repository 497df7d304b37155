// Package layout rebuilds the text lines of a PDF page from positioned
// glyphs, for the PDF readers that give text only in content-stream order.
package layout

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// Glyph is one piece of shown text with its position, as the rsc.io/pdf
// family reports it (Page.Content): origin x, baseline y (upwards), width
// and font size in points.
type Glyph struct {
	X, Y, W, Size float64
	S             string
}

// Lines rebuilds the lines of a page from positioned glyphs, so that the
// readers that only give content-stream order get the same chance as
// pdftotext -layout: glyphs whose baselines lie within a third of the font
// size form a line, top to bottom; a line's glyphs are sorted by x; a gap
// wider than the font size (between table cells) becomes two spaces, a
// narrower one of more than a fifth of it (a word space) one space.
//
// When a library cannot size the glyphs of a CID font it reports width 0
// and every glyph of a string at the string's origin; such glyphs are then
// placed one after another from that origin, a CJK character one em wide
// and others half.
func Lines(gs []Glyph) string {
	gs = slices.DeleteFunc(gs, func(g Glyph) bool { return strings.TrimSpace(g.S) == "" })
	slices.SortStableFunc(gs, func(a, b Glyph) int { return cmpFloat(b.Y, a.Y) })
	var lines [][]Glyph
	for _, g := range gs {
		if n := len(lines); n > 0 {
			first := lines[n-1][0]
			if math.Abs(first.Y-g.Y) <= math.Max(first.Size, 1)/3 {
				lines[n-1] = append(lines[n-1], g)
				continue
			}
		}
		lines = append(lines, []Glyph{g})
	}
	var sb strings.Builder
	for _, line := range lines {
		// Glyphs sharing an origin keep their content-stream order.
		slices.SortStableFunc(line, func(a, b Glyph) int { return cmpFloat(a.X, b.X) })
		end, lastX := math.Inf(-1), math.NaN()
		for i, g := range line {
			size := math.Max(g.Size, 1)
			x := g.X
			if g.W <= 0 && g.X == lastX {
				x = end // collapsed onto the string's origin
			}
			lastX = g.X
			if i > 0 {
				switch gap := x - end; {
				case gap > size:
					sb.WriteString("  ")
				case gap > size/5:
					sb.WriteString(" ")
				}
			}
			sb.WriteString(g.S)
			w := g.W
			if w <= 0 {
				w = estimate(g.S, size)
			}
			end = math.Max(end, x+w)
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

// estimate is the advance of s when the library gives none: one em for a
// wide (CJK) character, half an em for any other.
func estimate(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x30ff || r >= 0xff00 && r <= 0xffef {
			w += size
		} else {
			w += size / 2
		}
	}
	return w
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
