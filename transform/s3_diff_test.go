package transform

import (
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// sameS3 parses text with readS3 and with readS3Old and returns the
// first difference in the whole result, "" when there is none.
func sameS3(text string) string {
	p := newParser(schemas.Document{Text: text})
	p.run()
	got := p.out
	p.releaseScratch()
	q := newParser(schemas.Document{Text: text})
	q.runS3Old()
	want := q.out
	q.releaseScratch()
	if !reflect.DeepEqual(got, want) {
		return "readS3 gives\n" + strings.TrimSpace(dump(got)) + "\nreadS3Old\n" + strings.TrimSpace(dump(want))
	}
	return ""
}

// dump shows a result's section 三 and findings, for a difference.
func dump(p *schemas.Parsed) string {
	var b strings.Builder
	for _, a := range p.Applications {
		b.WriteString(a.Cell + "=" + a.Raw + " ")
	}
	for _, f := range p.Findings {
		b.WriteString("\n" + f.Cell + ": " + f.Message)
	}
	return b.String()
}

// s3BreakTexts are section 三 tables whose header repeats after a page
// break, a row's numbers on both sides of it: tables readS3 pairs rows
// in, each in a few variants.
func s3BreakTexts() []string {
	rows := []string{"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
		"（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（七）总计", "四、结转下年度继续办理"}
	head := "申请人情况\n自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
	var out []string
	for cut := 1; cut < 7; cut++ {
		for k := range rows {
			var b strings.Builder
			b.WriteString("三、收到和处理政府信息公开申请情况\n" + head)
			for i, r := range rows {
				nums := []string{"3", "1", "0", "0", "0", "0", "4"}
				if i != k {
					b.WriteString(r + "\t" + strings.Join(nums, "\t") + "\n")
					continue
				}
				b.WriteString(r + "\t" + strings.Join(nums[:cut], "\t") + "\n- 2 -\n\f" + head)
				b.WriteString(strings.Join(nums[cut:], "\t") + "\n")
			}
			b.WriteString("四、政府信息公开行政复议、行政诉讼情况\n")
			out = append(out, b.String())
		}
	}
	return out
}

// TestReadS3SameAsOld: a report parsed with readS3 and with readS3Old
// gives the same result, findings and their order included, over the
// diff corpus (test data, seeds and generated reports in every layout)
// and tables broken by a page; some of them with rows paired around a
// page break, the only tables readS3 makes its map of outcomes for.
func TestReadS3SameAsOld(t *testing.T) {
	readS3OldPairs = 0
	docs := diffCorpus(t, 40, 1, 2, 3)
	for _, d := range docs {
		if msg := sameS3(d.text); msg != "" {
			t.Fatalf("%s: %s", d.name, msg)
		}
	}
	for _, text := range s3BreakTexts() {
		if msg := sameS3(text); msg != "" {
			t.Fatalf("%q: %s", text, msg)
		}
	}
	if readS3OldPairs < 10 {
		t.Fatalf("only %d tables with rows paired around a page break", readS3OldPairs)
	}
	t.Logf("%d reports, %d tables with pairs", len(docs), readS3OldPairs)
}

// FuzzReadS3SameAsOld compares readS3 with readS3Old on any text.
func FuzzReadS3SameAsOld(f *testing.F) {
	for _, text := range s3BreakTexts()[:6] {
		f.Add(text)
	}
	f.Add("三、收到和处理政府信息公开申请情况\n（一）予以公开\t1\t2\n\f\n申请人情况\n3\t4\t5\n（七）总计\t1\n")
	f.Fuzz(func(t *testing.T, text string) {
		if msg := sameS3(text); msg != "" {
			t.Fatal(msg)
		}
	})
}
