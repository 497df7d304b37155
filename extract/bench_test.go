package extract

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/pipeline/generate"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The benchmarks report cpu-ns/op beside ns/op: the process's CPU time,
// steadier than the elapsed time on a machine others share.

// BenchmarkDecode measures Decode on the seed reports, concatenated to a
// few sizes, as UTF-8 and as GB18030.
func BenchmarkDecode(b *testing.B) {
	var all []byte
	for _, s := range seeds(b) {
		all = append(all, s...)
	}
	for _, size := range []int{32 << 10, 1 << 20, 16 << 20} {
		utf := bytes.Repeat(all, size/len(all)+1)[:0]
		for len(utf)+len(all) <= size {
			utf = append(utf, all...)
		}
		gb := encode(b, simplifiedchinese.GB18030, string(utf))
		for _, in := range []struct {
			name string
			b    []byte
		}{{"utf-8", utf}, {"gb18030", gb}} {
			b.Run(fmt.Sprintf("%s/%dKiB", in.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(in.b)))
				b.ReportAllocs()
				b.ResetTimer()
				defer gctest.ReportCPU(b)()
				for range b.N {
					Decode(in.b)
				}
			})
		}
	}
}

// BenchmarkReadMarkup measures reading a .docx and an HTML page of table
// rows, at sizes up to the text limit: bytes of document.xml or page per
// second, and what is allocated for them (proportional to what is kept).
func BenchmarkReadMarkup(b *testing.B) {
	row := "<w:tr>" + strings.Repeat("<w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc>", 8) + "</w:tr>"
	hrow := "<tr>" + strings.Repeat("<td>12</td>", 8) + "</tr>\n"
	for _, rows := range []int{100, 1000, 10000} {
		body := para("政府信息公开工作年度报告") + "<w:tbl>" + strings.Repeat(row, rows) + "</w:tbl>"
		docx := buildDOCX(b, body, nil)
		page := []byte("<html><body><p>政府信息公开工作年度报告</p><table>" + strings.Repeat(hrow, rows) + "</table></body></html>")
		for _, in := range []struct {
			name string
			b    []byte
			n    int // bytes of markup read
		}{{"docx", docx, len(body)}, {"html", page, len(page)}} {
			b.Run(fmt.Sprintf("%s/%drows", in.name, rows), func(b *testing.B) {
				b.SetBytes(int64(in.n))
				b.ReportAllocs()
				defer gctest.ReportCPU(b)()
				for b.Loop() {
					ReadBytes("a."+in.name, in.b, Limits{})
				}
			})
		}
	}
}

// benchReports are generated reports of every layout, grouped as
// BenchmarkReadReports reads them: .docx, .html (and .htm), and text by
// encoding.
func benchReports(b *testing.B) map[string][][]byte {
	b.Helper()
	groups := map[string][][]byte{}
	layouts := generate.AllLayouts()
	for li, layout := range layouts {
		opt := generate.Options{Reports: 40, Seed: 5, Layouts: []string{layout}}
		for i := range opt.Reports {
			name, data, truth := generate.Report(generate.NewRand(opt.Seed+int64(li), i), i, opt)
			switch f := FormatOf(name); f {
			case "docx", "html":
				groups[f] = append(groups[f], data)
			case "txt":
				enc := "utf-8"
				if truth.Encoding == generate.EncGB18030 {
					enc = "gb18030"
				}
				groups["txt-"+enc] = append(groups["txt-"+enc], data)
			}
		}
	}
	return groups
}

// BenchmarkReadReports measures ReadBytes on generated reports of every
// layout drawn as .docx, HTML or text: bytes of input per second, and
// what is allocated per report.
func BenchmarkReadReports(b *testing.B) {
	groups := benchReports(b)
	for _, g := range []string{"docx", "html", "txt-utf-8", "txt-gb18030"} {
		docs, name := groups[g], "a.txt"
		if g == "docx" || g == "html" {
			name = "a." + g
		}
		b.Run(fmt.Sprintf("%s/%dreports", g, len(docs)), func(b *testing.B) {
			var n int64
			for _, d := range docs {
				n += int64(len(d))
			}
			b.SetBytes(n / int64(len(docs)))
			b.ReportAllocs()
			defer gctest.ReportCPU(b)()
			i := 0
			for b.Loop() {
				ReadBytes(name, docs[i%len(docs)], Limits{})
				i++
			}
		})
	}
}

// BenchmarkReadFiles measures Read on generated reports (.docx, HTML, text)
// in a folder as Walk finds them, a fifth with a sidecar: opening the
// file and looking for its sidecar included.
func BenchmarkReadFiles(b *testing.B) {
	dir := b.TempDir()
	k := 0
	for g, docs := range benchReports(b) {
		ext := ".txt"
		if g == "docx" || g == "html" {
			ext = "." + g
		}
		for i, d := range docs {
			p := filepath.Join(dir, fmt.Sprintf("%s-%03d%s", g, i, ext))
			if err := os.WriteFile(p, d, 0o644); err != nil {
				b.Fatal(err)
			}
			if k++; k%5 == 0 {
				os.WriteFile(p+".meta.json", []byte(`{"year": 2021}`), 0o644)
			}
		}
	}
	var srcs []Source
	var n int64
	if err := Walk(context.Background(), dir, func(s Source) error {
		srcs, n = append(srcs, s), n+s.Size
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n / int64(len(srcs)))
	b.ReportAllocs()
	defer gctest.ReportCPU(b)()
	i := 0
	for b.Loop() {
		Read(context.Background(), srcs[i%len(srcs)], Limits{})
		i++
	}
}

// BenchmarkSniff measures the sniffer on the seed reports in UTF-8 and
// GB18030 and on generated pages, as sniff classifies bytes in memory (a
// page, or text that is not valid UTF-8).
func BenchmarkSniff(b *testing.B) {
	var all []byte
	for _, s := range seeds(b) {
		all = append(all, s...)
	}
	var page []byte
	pages := generatedPages(b, 20, 7, generate.LayoutHTML, generate.LayoutWordHTML)
	for _, name := range slices.Sorted(maps.Keys(pages)) {
		page = append(page, pages[name]...)
	}
	for _, in := range []struct {
		name string
		b    []byte
	}{{"utf-8", all}, {"gb18030", encode(b, simplifiedchinese.GB18030, string(all))}, {"html", page}} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.b)))
			b.ReportAllocs()
			defer gctest.ReportCPU(b)()
			for b.Loop() {
				sniff(in.b)
			}
		})
	}
}

// BenchmarkReadDOCXCorpus measures ReadBytes on the .docx files of a
// generated corpus in the folder NIANBAO_BENCH_CORPUS names (as
// `nianbao generate` writes one): bytes of archive per second, and what
// is allocated per file.
func BenchmarkReadDOCXCorpus(b *testing.B) {
	root := os.Getenv("NIANBAO_BENCH_CORPUS")
	if root == "" {
		b.Skip("NIANBAO_BENCH_CORPUS not set")
	}
	var names []string
	var docs [][]byte
	var n int64
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || FormatOf(p) != "docx" {
			return err
		}
		data, err := os.ReadFile(p)
		names, docs, n = append(names, p), append(docs, data), n+int64(len(data))
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(docs) == 0 {
		b.Skipf("no .docx under %s", root)
	}
	b.Run(fmt.Sprintf("%dfiles", len(docs)), func(b *testing.B) {
		b.SetBytes(n / int64(len(docs)))
		b.ReportAllocs()
		defer gctest.ReportCPU(b)()
		i := 0
		for b.Loop() {
			ReadBytes(names[i%len(docs)], docs[i%len(docs)], Limits{})
			i++
		}
	})
}

// BenchmarkReadCorpus measures ReadBytes on the files of a generated
// corpus in the folder NIANBAO_BENCH_CORPUS names, a sub-benchmark per
// format (docx, html with .htm, txt): an iteration reads one file, in
// turn, so a run of N times the files reads each N times. Bytes of file
// per second, and what is allocated per file.
func BenchmarkReadCorpus(b *testing.B) {
	root := os.Getenv("NIANBAO_BENCH_CORPUS")
	if root == "" {
		b.Skip("NIANBAO_BENCH_CORPUS not set")
	}
	type file struct {
		name string
		b    []byte
	}
	groups := map[string][]file{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f := FormatOf(p)
		if f != "docx" && f != "html" && f != "txt" {
			return nil
		}
		data, err := os.ReadFile(p)
		groups[f] = append(groups[f], file{p, data})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{"docx", "html", "txt"} {
		files := groups[f]
		if len(files) == 0 {
			continue
		}
		var n int64
		for _, d := range files {
			n += int64(len(d.b))
		}
		b.Run(fmt.Sprintf("%s/%dfiles", f, len(files)), func(b *testing.B) {
			b.SetBytes(n / int64(len(files)))
			b.ReportAllocs()
			defer gctest.ReportCPU(b)()
			i := 0
			for b.Loop() {
				d := files[i%len(files)]
				ReadBytes(d.name, d.b, Limits{})
				i++
			}
		})
	}
}

// BenchmarkReadTextCorpus measures Read, as a run reads them, on the
// text files of a generated corpus in the folder NIANBAO_BENCH_CORPUS
// names: opening the file, its sidecar, decoding and peeling included.
// An iteration reads one file, in turn, so a run of N times the files
// reads each N times. Bytes of file per second, and what is allocated per
// file.
func BenchmarkReadTextCorpus(b *testing.B) {
	root := os.Getenv("NIANBAO_BENCH_CORPUS")
	if root == "" {
		b.Skip("NIANBAO_BENCH_CORPUS not set")
	}
	var srcs []Source
	var n int64
	if err := Walk(context.Background(), root, func(s Source) error {
		if s.Format == "txt" {
			srcs, n = append(srcs, s), n+s.Size
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	if len(srcs) == 0 {
		b.Skipf("no .txt under %s", root)
	}
	b.Run(fmt.Sprintf("%dfiles", len(srcs)), func(b *testing.B) {
		b.SetBytes(n / int64(len(srcs)))
		b.ReportAllocs()
		defer gctest.ReportCPU(b)()
		i := 0
		for b.Loop() {
			Read(context.Background(), srcs[i%len(srcs)], Limits{})
			i++
		}
	})
}
