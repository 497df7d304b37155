//go:build pdfeval

// Command pdfeval extracts the text of PDFs with PDFium compiled to WebAssembly
// (go-pdfium, no cgo), page by page, for comparison with pdftotext.
// Build and run: go run -tags pdfeval ./pdfeval OUTDIR ../testdata/pdf/*.pdf
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
)

func main() {
	t0 := time.Now()
	pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1})
	if err != nil {
		panic(err)
	}
	defer pool.Close()
	inst, err := pool.GetInstance(30 * time.Second)
	if err != nil {
		panic(err)
	}
	fmt.Fprintf(os.Stderr, "init %v\n", time.Since(t0))
	for _, f := range os.Args[2:] {
		t1 := time.Now()
		b, _ := os.ReadFile(f)
		doc, err := inst.OpenDocument(&requests.OpenDocument{File: &b})
		if err != nil {
			panic(err)
		}
		n, _ := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
		var sb strings.Builder
		for i := 0; i < n.PageCount; i++ {
			txt, err := inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
			if err != nil {
				panic(err)
			}
			sb.WriteString(txt.Text)
			sb.WriteString("\n")
		}
		inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
		out := filepath.Join(os.Args[1], strings.TrimSuffix(filepath.Base(f), ".pdf")+".txt")
		os.WriteFile(out, []byte(sb.String()), 0o644)
		fmt.Fprintf(os.Stderr, "%s: %d pages %v\n", filepath.Base(f), n.PageCount, time.Since(t1))
	}
	_ = pdfium.Pool(nil)
}
