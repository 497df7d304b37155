//go:build pdfeval && !no_pdfium

package main

import (
	"os"
	"strings"
	"time"

	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
)

// pdfium is PDFium compiled to WebAssembly and run by wazero
// (github.com/klippa-app/go-pdfium, no cgo): GetPageText page by page.
func init() {
	register("pdfium", func() (func(string) (string, error), func(), error) {
		pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1})
		if err != nil {
			return nil, nil, err
		}
		inst, err := pool.GetInstance(30 * time.Second)
		if err != nil {
			pool.Close()
			return nil, nil, err
		}
		read := func(path string) (string, error) {
			b, err := os.ReadFile(path)
			if err != nil {
				return "", err
			}
			doc, err := inst.OpenDocument(&requests.OpenDocument{File: &b})
			if err != nil {
				return "", err
			}
			defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
			n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
			if err != nil {
				return "", err
			}
			var sb strings.Builder
			for i := 0; i < n.PageCount; i++ {
				txt, err := inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
				if err != nil {
					return "", err
				}
				sb.WriteString(txt.Text)
				sb.WriteString("\n")
			}
			return sb.String(), nil
		}
		return read, func() { pool.Close() }, nil
	})
}
