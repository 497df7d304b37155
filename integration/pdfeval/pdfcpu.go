//go:build pdfeval && !no_pdfcpu

package main

import (
	"io"
	"os"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// pdfcpu is github.com/pdfcpu/pdfcpu. It has no text extraction: the
// nearest is ExtractContent, the decoded content streams (operators and
// their string operands, still in font codes), which is what is scored.
func init() {
	simple("pdfcpu-content", func(path string) (string, error) {
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		var sb strings.Builder
		err = api.ExtractContent(f, nil, func(r io.Reader, _ int) error {
			_, err := io.Copy(&sb, r)
			sb.WriteString("\n")
			return err
		}, nil)
		return sb.String(), err
	})
}
