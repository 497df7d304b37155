//go:build pdfeval

// Command pdfeval extracts the text layer of PDFs with each PDF reader
// nianbao has weighed, for the comparison in docs/formats.md: pdftotext
// (poppler-utils, what nianbao runs), PDFium compiled to WebAssembly, and
// the pure-Go libraries. It writes OUTDIR/<extractor>/<name>.txt, pages
// separated by a newline, and prints one tab-separated line per document:
// extractor, file, milliseconds, error (empty when the extraction worked).
// A file "(start)" line gives the time an extractor needs before its first
// document. TestPDFExtractors (same build tag, in the integration package)
// parses the texts with nianbao and scores them against the seeds' cells.
//
//	go run -tags pdfeval ./pdfeval [-only a,b] OUTDIR ../testdata/pdf/*.pdf
//
// Each library is in a file of its own that the tag no_<library> leaves out,
// so that the binary size one library adds can be measured.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// An extractor reads the text of one PDF file. start prepares it (PDFium's
// runtime) and returns the function that reads a file and the one that
// releases what start took.
type extractor struct {
	name  string
	start func() (read func(path string) (string, error), stop func(), err error)
}

// extractors is filled by the init functions of the library files.
var extractors []extractor

func register(name string, start func() (func(string) (string, error), func(), error)) {
	extractors = append(extractors, extractor{name, start})
}

// simple registers an extractor that needs no start.
func simple(name string, read func(string) (string, error)) {
	register(name, func() (func(string) (string, error), func(), error) { return read, func() {}, nil })
}

func main() {
	only := flag.String("only", "", "comma-separated extractors to run (default all)")
	flag.Parse()
	if flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: pdfeval [-only a,b] OUTDIR FILE.pdf...")
		os.Exit(2)
	}
	out, files := flag.Arg(0), flag.Args()[1:]
	slices.SortFunc(extractors, func(a, b extractor) int { return strings.Compare(a.name, b.name) })
	for _, x := range extractors {
		if *only != "" && !slices.Contains(strings.Split(*only, ","), x.name) {
			continue
		}
		if err := os.MkdirAll(filepath.Join(out, x.name), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		t0 := time.Now()
		var read func(string) (string, error)
		stop := func() {}
		err := guard(func() (err error) { read, stop, err = x.start(); return err })
		report(x.name, "(start)", time.Since(t0), err)
		if err != nil {
			continue
		}
		for _, f := range files {
			t1 := time.Now()
			var text string
			err := guard(func() (err error) { text, err = read(f); return err })
			d := time.Since(t1)
			if err == nil {
				name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + ".txt"
				err = os.WriteFile(filepath.Join(out, x.name, name), []byte(text), 0o644)
			}
			report(x.name, filepath.Base(f), d, err)
		}
		stop()
	}
}

// guard turns a library panic into an error: several of the pure-Go
// readers panic on input they do not understand.
func guard(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return f()
}

func report(name, file string, d time.Duration, err error) {
	msg := ""
	if err != nil {
		msg = strings.Join(strings.Fields(err.Error()), " ")
	}
	fmt.Printf("%s\t%s\t%.1f\t%s\n", name, file, float64(d.Microseconds())/1000, msg)
}
