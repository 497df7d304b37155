//go:build pdfeval && !no_dslipak

package main

import (
	"io"
	"strings"

	"github.com/dslipak/pdf"

	"github.com/nianbao/nianbao/integration/pdfeval/layout"
)

// dslipak is github.com/dslipak/pdf, another fork of rsc.io/pdf with
// GetPlainText. "-plain" is that (content-stream order); "-layout" rebuilds
// the lines from the positions of Page.Content (see package layout).
func init() {
	simple("dslipak-plain", func(path string) (string, error) {
		r, err := pdf.Open(path)
		if err != nil {
			return "", err
		}
		rd, err := r.GetPlainText()
		if err != nil {
			return "", err
		}
		b, err := io.ReadAll(rd)
		return string(b), err
	})
	simple("dslipak-layout", func(path string) (string, error) {
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
