//go:build pdfeval && !no_ledongthuc

package main

import (
	"io"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/nianbao/nianbao/integration/pdfeval/layout"
)

// ledongthuc is github.com/ledongthuc/pdf, the maintained fork of rsc.io/pdf
// that decodes UniGB-UCS2-H and ToUnicode CMaps. "-plain" is its own
// GetPlainText (content-stream order); "-layout" rebuilds the lines from the
// positions of Page.Content (see package layout).
func init() {
	simple("ledongthuc-plain", func(path string) (string, error) {
		f, r, err := pdf.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		rd, err := r.GetPlainText()
		if err != nil {
			return "", err
		}
		b, err := io.ReadAll(rd)
		return string(b), err
	})
	simple("ledongthuc-layout", func(path string) (string, error) {
		f, r, err := pdf.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
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
