//go:build pdfeval && !no_rscpdf

package main

import (
	"strings"

	"rsc.io/pdf"

	"github.com/nianbao/nianbao/integration/pdfeval/layout"
)

// rscpdf is rsc.io/pdf, the low-level reader the two forks started from. It
// has no text API: the text is Page.Content's glyphs with their positions,
// laid out by package layout.
func init() {
	simple("rscpdf-layout", func(path string) (string, error) {
		r, err := pdf.Open(path)
		if err != nil {
			return "", err
		}
		var sb strings.Builder
		for i := 1; i <= r.NumPage(); i++ {
			var gs []layout.Glyph
			for _, t := range r.Page(i).Content().Text {
				gs = append(gs, layout.Glyph{X: t.X, Y: t.Y, W: t.W, Size: t.FontSize, S: t.S})
			}
			sb.WriteString(layout.Lines(gs))
			sb.WriteString("\n")
		}
		return sb.String(), nil
	})
}
