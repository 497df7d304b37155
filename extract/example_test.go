package extract_test

import (
	"fmt"

	"github.com/nianbao/nianbao/extract"
)

func ExampleDecode() {
	gbk := []byte("\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2\xb9\xab\xbf\xaa\r\n") // 政府信息公开, GBK
	text, enc, conf, findings := extract.Decode(gbk)
	fmt.Printf("%q %s %.2f %d\n", text, enc, conf, len(findings))
	// Output: "政府信息公开\n" gb18030 1.00 0
}

func ExampleReadBytes() {
	page := `<table><tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>4</td></tr>
<tr><td>（二）部分公开</td><td>1</td></tr></table>`
	doc := extract.ReadBytes("2021/某区.html", []byte(page), extract.Limits{})
	fmt.Println(doc.SourceFormat, doc.Encoding, doc.Tables[0].Rows[1])
	fmt.Print(doc.Text)
	// Output:
	// html utf-8 [三、本年度办理结果 （二）部分公开 1]
	// 三、本年度办理结果	（一）予以公开	4
	// 	（二）部分公开	1
}
