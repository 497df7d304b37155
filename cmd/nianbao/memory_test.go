package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
)

// The worst files of each kind, built at run time (nothing large is
// committed): reports repeated past the text limit, pages and documents of
// nothing but table cells, and variants just under the limits, which are
// read and parsed in full. Each is run by the built binary with two workers
// on two copies at once, and the process's peak resident set must stay
// under maxRSS.
const maxRSS = 300 << 20

// worstFile writes one hostile input into dir and returns its name.
type worstFile struct {
	name  string
	write func(t *testing.T, w io.Writer)
	// tooLarge: the report is over the text limit (FILE_TOO_LARGE).
	tooLarge bool
}

// sample is a generated report of the layout, as bytes.
func sample(t *testing.T, layout string) []byte {
	t.Helper()
	for i := 0; ; i++ {
		name, data, _ := generate.Report(generate.NewRand(7, i), i, generate.Options{Reports: 1, Layouts: []string{layout}, Templates: []string{"2021"}})
		if layout == "lines" && !strings.HasSuffix(name, ".txt") {
			continue
		}
		if layout == "lines" && !bytes.Contains(data, []byte("二、")) { // UTF-8 only
			continue
		}
		return data
	}
}

// repeat writes b again and again until n bytes are written.
func repeat(w io.Writer, b []byte, n int64) {
	for n > 0 {
		k := min(int64(len(b)), n)
		w.Write(b[:k])
		n -= k
	}
}

// repeatText writes b again and again while the text stays under the
// text limit as extract counts it: bytes, and 32 more per line.
func repeatText(w io.Writer, b []byte, limit int64) {
	cost := int64(len(b) + 32*bytes.Count(b, []byte("\n")))
	for n := cost; n <= limit; n += cost {
		w.Write(b)
	}
}

// docxBody is the inside of w:body of a generated .docx.
func docxBody(t *testing.T) []byte {
	t.Helper()
	d := sample(t, "docx")
	zr, err := zip.NewReader(bytes.NewReader(d), int64(len(d)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		i, j := bytes.Index(x, []byte("<w:body>")), bytes.LastIndex(x, []byte("</w:body>"))
		return x[i+len("<w:body>") : j]
	}
	t.Fatal("no word/document.xml")
	return nil
}

// writeDOCX writes a .docx whose document.xml is body repeated to n bytes
// (whole repetitions only, so the XML stays well-formed). Compressing
// hundreds of megabytes takes minutes under the race detector, so the
// entry is built from pieces compressed once: a piece ended by a sync
// flush refers to nothing before it and ends on a byte, and a deflate
// stream may hold it any number of times.
func writeDOCX(t *testing.T, w io.Writer, body []byte, n int64) {
	deflate := func(b []byte, final bool) []byte {
		var out bytes.Buffer
		fw, err := flate.NewWriter(&out, flate.BestCompression)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(b)
		if final {
			err = fw.Close()
		} else {
			err = fw.Flush()
		}
		if err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	head := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	tail := []byte(`</w:body></w:document>`)
	unit := bytes.Repeat(body, max(1, (1<<20)/len(body)))
	reps := n / int64(len(unit))
	if reps == 0 {
		unit, reps = body, n/int64(len(body))
	}
	zh, zu, zt := deflate(head, false), deflate(unit, false), deflate(tail, true)
	crc := crc32.Update(0, crc32.IEEETable, head)
	for range reps {
		crc = crc32.Update(crc, crc32.IEEETable, unit)
	}
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	zw := zip.NewWriter(w)
	f, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(len(zh)) + uint64(reps)*uint64(len(zu)) + uint64(len(zt)),
		UncompressedSize64: uint64(len(head)) + uint64(reps)*uint64(len(unit)) + uint64(len(tail))})
	if err != nil {
		t.Fatal(err)
	}
	f.Write(zh)
	for range reps {
		f.Write(zu)
	}
	f.Write(zt)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func worstFiles(t *testing.T) []worstFile {
	txt := sample(t, "lines")
	page := sample(t, "html")
	body := docxBody(t)
	// the body of a page, to repeat inside one html element
	hb := page[bytes.Index(page, []byte("<body")):bytes.LastIndex(page, []byte("</body>"))]
	hb = hb[bytes.IndexByte(hb, '>')+1:]
	htmlOf := func(inner func(w io.Writer)) func(t *testing.T, w io.Writer) {
		return func(t *testing.T, w io.Writer) {
			io.WriteString(w, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>")
			inner(w)
			io.WriteString(w, "</body></html>")
		}
	}
	cells := []byte("<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td><td>8</td></tr>\n")
	docxCells := append([]byte("<w:tbl>"), bytes.Repeat(append(append([]byte("<w:tr>"), bytes.Repeat([]byte("<w:tc><w:p/></w:tc>"), 8)...), "</w:tr>"...), 64)...)
	docxCells = append(docxCells, "</w:tbl>"...)
	under := int64(extract.DefaultMaxTextBytes) * 9 / 10
	return []worstFile{
		{name: "report-6MB.txt", tooLarge: true, write: func(t *testing.T, w io.Writer) { repeat(w, txt, 5_900_000) }},
		{name: "report-59MB.txt", tooLarge: true, write: func(t *testing.T, w io.Writer) { repeat(w, txt, 59_000_000) }},
		{name: "report-under-limit.txt", write: func(t *testing.T, w io.Writer) { repeatText(w, txt, under) }},
		{name: "rows-under-limit.txt", write: func(t *testing.T, w io.Writer) {
			// rows of numbers inside section 三's table
			i := bytes.Index(txt, []byte("四、结转下年度继续办理"))
			if i < 0 {
				t.Fatal("no row 四 in the sample's section 三")
			}
			w.Write(txt[:i])
			repeatText(w, []byte("1\t2\t3\t4\t5\t6\t7\t8\t9\t10\n"), under-2*int64(len(txt)))
			w.Write(txt[i:])
		}},
		{name: "lines-under-limit.txt", write: func(t *testing.T, w io.Writer) {
			w.Write(txt)
			repeatText(w, []byte("\n"), under-2*int64(len(txt)))
		}},
		{name: "report-60MB.html", tooLarge: true, write: htmlOf(func(w io.Writer) { repeat(w, hb, 60_000_000) })},
		{name: "cells-60MB.html", tooLarge: true, write: htmlOf(func(w io.Writer) {
			io.WriteString(w, "<table>")
			repeat(w, cells, 60_000_000)
			io.WriteString(w, "</table>")
		})},
		{name: "report-under-limit.html", write: htmlOf(func(w io.Writer) { repeat(w, hb, under) })},
		{name: "report-200MB.docx", tooLarge: true, write: func(t *testing.T, w io.Writer) { writeDOCX(t, w, body, 200_000_000) }},
		{name: "cells-250MB.docx", write: func(t *testing.T, w io.Writer) { writeDOCX(t, w, docxCells, 250_000_000) }},
		{name: "paragraphs-4M.docx", tooLarge: true, write: func(t *testing.T, w io.Writer) {
			writeDOCX(t, w, []byte("<w:p><w:r><w:t>x</w:t></w:r></w:p>"), 4_000_000*34)
		}},
		{name: "paragraphs-under-limit.docx", write: func(t *testing.T, w io.Writer) {
			writeDOCX(t, w, []byte("<w:p><w:r><w:t>x</w:t></w:r></w:p>"), under/33*34)
		}},
		{name: "report-under-limit.docx", write: func(t *testing.T, w io.Writer) { writeDOCX(t, w, body, under*2) }},
	}
}

// buildBinary builds the command without the race detector, whose shadow
// memory would be measured too; $NIANBAO_BIN names one built elsewhere.
func buildBinary(t *testing.T) string {
	if bin := os.Getenv("NIANBAO_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "nianbao")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestPeakMemoryWorstFiles runs the binary with --workers 2 on two copies
// of each worst file, then on all of them together, and requires a peak
// resident set under 300 MB; every file keeps its reports row.
func TestPeakMemoryWorstFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds inputs of hundreds of megabytes")
	}
	bin := buildBinary(t)
	files := worstFiles(t)
	all := t.TempDir()
	// materialize writes the two copies of wf into all, once.
	materialize := func(t *testing.T, wf worstFile) {
		if _, err := os.Stat(filepath.Join(all, "1-"+wf.name)); err == nil {
			return
		}
		for c := range 2 {
			f, err := os.Create(filepath.Join(all, fmt.Sprintf("%d-%s", c, wf.name)))
			if err != nil {
				t.Fatal(err)
			}
			bw := bufio.NewWriterSize(f, 1<<20)
			wf.write(t, bw)
			if c == 1 { // other bytes, so both copies are read and parsed
				bw.WriteString("\n")
			}
			if err := bw.Flush(); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
	measure := func(t *testing.T, in string, want int) {
		out := filepath.Join(t.TempDir(), "out")
		cmd := exec.Command(bin, "run", "--input", in, "--output", out, "--workers", "2", "--log-format", "json")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("nianbao run: %v\n%s", err, stderr.Bytes())
		}
		// (getrusage's maxrss of the child includes the size of this test
		// process when it started the child: an upper bound only)
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
		recs, _ := filepath.Glob(filepath.Join(out, "_runs", "*.json"))
		if len(recs) != 1 {
			t.Fatalf("%d run records", len(recs))
		}
		b, err := os.ReadFile(recs[0])
		if err != nil {
			t.Fatal(err)
		}
		var rec struct {
			PeakRSSMB float64        `json:"peak_rss_mb"`
			Reports   map[string]int `json:"reports_by_status"`
			Inputs    struct {
				Parsed int `json:"parsed"`
			} `json:"inputs"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			t.Fatal(err)
		}
		t.Logf("peak RSS %.0f MB (run record, VmHWM); getrusage %.0f MB", rec.PeakRSSMB, float64(ru)/1e6)
		if rec.PeakRSSMB <= 0 || rec.PeakRSSMB*1e6 >= maxRSS {
			t.Errorf("peak RSS %.0f MB, want under %d MB", rec.PeakRSSMB, maxRSS>>20)
		}
		n := 0
		for _, c := range rec.Reports {
			n += c
		}
		if n != want || rec.Inputs.Parsed != want {
			t.Errorf("%d reports (%d parsed), want %d: %s", n, rec.Inputs.Parsed, want, b)
		}
	}
	for _, wf := range files {
		t.Run(wf.name, func(t *testing.T) {
			materialize(t, wf)
			in := t.TempDir()
			for c := range 2 {
				name := fmt.Sprintf("%d-%s", c, wf.name)
				if err := os.Link(filepath.Join(all, name), filepath.Join(in, name)); err != nil {
					t.Fatal(err)
				}
			}
			measure(t, in, 2)
			out, err := exec.Command(bin, "parse", filepath.Join(in, "0-"+wf.name)).Output()
			if err != nil {
				t.Fatalf("nianbao parse: %v", err)
			}
			var p struct {
				Issues []struct{ Rule string } `json:"issues"`
			}
			if err := json.Unmarshal(out, &p); err != nil {
				t.Fatal(err)
			}
			var rules []string
			for _, is := range p.Issues {
				rules = append(rules, is.Rule)
			}
			if got := slices.Contains(rules, "FILE_TOO_LARGE"); got != wf.tooLarge {
				t.Errorf("rules %v: FILE_TOO_LARGE %v, want %v", rules, got, wf.tooLarge)
			}
		})
	}
	t.Run("all", func(t *testing.T) {
		for _, wf := range files {
			materialize(t, wf)
		}
		measure(t, all, 2*len(files))
	})
}

// TestWriteDOCX: the .docx the memory test builds from pieces is a valid
// archive whose document.xml is the body repeated.
func TestWriteDOCX(t *testing.T) {
	var b bytes.Buffer
	body := []byte("<w:p><w:r><w:t>一二三</w:t></w:r></w:p>")
	writeDOCX(t, &b, body, 3<<20)
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	x, err := io.ReadAll(rc) // checks the CRC too
	if err != nil {
		t.Fatal(err)
	}
	n := bytes.Count(x, body)
	if n < (3<<20)/len(body)*9/10 || !bytes.HasSuffix(x, []byte("</w:body></w:document>")) || b.Len() > 1<<20 {
		t.Errorf("%d repetitions in %d bytes, archive of %d bytes", n, len(x), b.Len())
	}
}
