//go:build unix

package extract

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/gc/gctest"
)

// BenchmarkReadPDF reads the five seed reports as PDFs
// (testdata/pdf, three pages each): what a PDF costs, nearly all of it
// pdftotext's process. cpu-ns/op is this process's CPU a file,
// pdftotext-cpu-ns/op its children's (pdftotext's), which
// BenchmarkReadFiles' formats do not have. Skipped without pdftotext.
func BenchmarkReadPDF(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext is not installed")
	}
	var srcs []Source
	var n int64
	if err := Walk(context.Background(), filepath.Join("..", "testdata", "pdf"), func(s Source) error {
		if s.Format == "pdf" {
			srcs, n = append(srcs, s), n+s.Size
		}
		return nil
	}); err != nil || len(srcs) == 0 {
		b.Fatalf("no PDFs in testdata/pdf: %v", err)
	}
	b.SetBytes(n / int64(len(srcs)))
	b.ReportAllocs()
	defer gctest.ReportCPU(b)()
	children := childCPU()
	i := 0
	for b.Loop() {
		doc, err := Read(context.Background(), srcs[i%len(srcs)], Limits{})
		if err != nil || len(doc.Findings) != 0 || !strings.Contains(doc.Text, "政府信息公开") {
			b.Fatalf("%s: err %v, findings %v, %d bytes of text", srcs[i%len(srcs)].Rel, err, doc.Findings, len(doc.Text))
		}
		i++
	}
	b.ReportMetric(float64(childCPU()-children)/float64(b.N), "pdftotext-cpu-ns/op")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// childCPU is the CPU time of the process's waited-for children.
func childCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
