package transform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// FuzzParse feeds the parser mutations of the test reports: no input may
// panic or hang, the cell counts follow the template, and a value that is
// not as printed (null) in a report with status ok never appears.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"2019", "2021"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "reports", dir, "*.txt"))
		for _, name := range files[:min(len(files), 4)] {
			if b, err := os.ReadFile(name); err == nil {
				// the tables only: whole reports make every run and
				// every minimization slow
				s := string(b)
				if i := strings.Index(s, "二、主动"); i >= 0 {
					s = s[i:]
				}
				f.Add(s[:min(len(s), 6000)])
			}
		}
	}
	f.Add("三、收到和处理政府信息公开申请情况\n本年新收\n7\n\f\n8\n申请人情况\n1\n")
	// cells glued together, and a label block followed by its numbers
	f.Add("二、主动公开政府信息情况\n规章101\n行政许可5\n三、收到和处理政府信息公开申请情况\n（一）予以公开1000001\n（七）总计1000001\n" +
		"四、政府信息公开行政复议、行政诉讼情况\n结果维持结果纠正\n000000000000000\n")
	f.Add("三、收到和处理政府信息公开申请情况\n（一）予以公开\n\n（二）部分公开\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n\n0\n")
	// section 二 as "label：value" lines, labels above their numbers, 总计
	// printed first in section 三, section 四's suits before the review
	f.Add("二、主动公开政府信息情况\n第二十条第（一）项\n规章本年制发件数：62\n行政许可\n本年处理决定数量：8\n3\n第二十条第（六）项\n行政处罚\n行政强制\n1 2 3\n4 5 6\n" +
		"三、收到和处理政府信息公开申请情况\n总计\t自然人\t商业企业\n一、本年新收\t10\t9\t1\t0\t0\t0\t0\n（七）总计\t8\t7\t1\t0\t0\t0\t0\n" +
		"四、政府信息公开行政复议、行政诉讼情况\n行政诉讼\t行政复议\n复议后起诉\t未经复议直接起诉\n2\t0\t1\t0\t3\t1\t1\t0\t0\t2\t3\t1\t0\t1\t5\n")
	f.Fuzz(func(t *testing.T, text string) {
		done := make(chan *schemas.Parsed, 1)
		go func() {
			done <- transform.Parse(schemas.Document{ReportID: "x", SourcePath: "f.txt", SourceFormat: "txt", Text: text})
		}()
		var p *schemas.Parsed
		select {
		case p = <-done:
		case <-time.After(30 * time.Second): // a hang guard, not a speed limit
			os.WriteFile(filepath.Join(os.TempDir(), "nianbao-slow-parse.txt"), []byte(text), 0o644)
			t.Fatalf("Parse takes over 30 s on a %d-byte input", len(text))
		}
		if p.Report.Template == schemas.TemplateUnknown {
			return
		}
		if len(p.Appeals) != 15 {
			t.Fatalf("%d appeals rows", len(p.Appeals))
		}
		if n := len(p.Applications); n != 161 && n != 175 {
			t.Fatalf("%d applications rows", n)
		}
	})
}
