//go:build pdfeval

package main

import (
	"bytes"
	"fmt"
	"os/exec"
)

// pdftotext runs what nianbao runs (extract/pdf.go): poppler's pdftotext
// with -layout, form feeds between pages turned into newlines.
func init() {
	simple("pdftotext", func(path string) (string, error) {
		var out, stderr bytes.Buffer
		cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-")
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("%v: %s", err, bytes.TrimSpace(stderr.Bytes()))
		}
		return string(bytes.ReplaceAll(out.Bytes(), []byte("\f"), []byte("\n"))), nil
	})
}
