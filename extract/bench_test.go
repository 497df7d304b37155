package extract

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

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
				for b.Loop() {
					ReadBytes("a."+in.name, in.b, Limits{})
				}
			})
		}
	}
}
