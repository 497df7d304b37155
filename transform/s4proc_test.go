package transform_test

import (
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestS4ProceedingOrder: a section 四 whose header prints the suits
// before the review (行政诉讼 · 行政复议), or 复议后起诉 before 未经复议直接起诉,
// is read under the header's proceedings, with a warning: the five
// columns of each are alike, so read by position every number went to
// another proceeding's cell, and no check could see it. A header whose
// group names stand on different lines (pdftotext's layout centres 行政诉讼
// above 行政复议) tells no order, and the table is read as the template
// prints it.
func TestS4ProceedingOrder(t *testing.T) {
	b, err := os.ReadFile("../testdata/reports/2019/chengguan-town-2019-fullwidth-year.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	at := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "四、政府信息公开行政复议") {
			at = i
		}
	}
	if at < 0 || lines[at+1] != "行政复议\t行政诉讼" || !strings.HasPrefix(lines[at+4], "0\t0") {
		t.Fatalf("the report's section 四 moved: %q", lines[max(at, 0):max(at+5, 0)])
	}
	const (
		outcomes = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
		review   = "3\t1\t0\t1\t5"
		direct   = "2\t0\t1\t0\t3"
		after    = "1\t1\t0\t0\t2"
	)
	want := map[string]string{}
	for j, vals := range []string{review, direct, after} {
		for k, v := range strings.Split(vals, "\t") {
			want[schemas.AppealCell(schemas.Proceedings[j].Code, schemas.AppealOutcomes[k].Code)] = v
		}
	}
	for _, c := range []struct {
		name, groups, suits, numbers string
		moved                        string // the order S4_COLUMN_ORDER names; "" for none
	}{
		{"template order", "行政复议\t行政诉讼", "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
			review + "\t" + direct + "\t" + after, ""},
		{"suits first", "行政诉讼\t行政复议", "未经复议直接起诉\t复议后起诉\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
			direct + "\t" + after + "\t" + review, "suit_direct, suit_after_review, review"},
		{"after review first", "行政复议\t行政诉讼", "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t复议后起诉\t未经复议直接起诉",
			review + "\t" + after + "\t" + direct, "review, suit_after_review, suit_direct"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := append([]string(nil), lines...)
			l[at+1], l[at+2], l[at+3], l[at+4] = c.groups, c.suits, outcomes+"\t"+outcomes+"\t"+outcomes, c.numbers
			p := parseText("x.txt", []byte(strings.Join(l, "\n")))
			for cell, w := range want {
				if got := value(p, cell); got != w {
					t.Errorf("%s = %s, want %s", cell, got, w)
				}
			}
			fs := findingsOf(p, "S4_COLUMN_ORDER")
			switch {
			case c.moved == "" && len(fs) > 0:
				t.Errorf("template order flagged: %s", dump(fs))
			case c.moved != "" && (len(fs) != 1 || fs[0].Cell != "s4.*" || fs[0].Severity != schemas.SeverityWarning ||
				!strings.Contains(fs[0].Message, "proceedings in the order "+c.moved+",")):
				t.Errorf("S4_COLUMN_ORDER: %s", dump(fs))
			}
			if fs := findingsOf(p, "S4_TOTAL"); len(fs) > 0 {
				t.Errorf("totals blamed: %s", dump(fs))
			}
		})
	}
	// pdftotext's layout: 行政诉讼 on the line above 行政复议, over the
	// columns after it. The words' order in the text is not the columns'.
	t.Run("group names on two lines", func(t *testing.T) {
		l := append([]string(nil), lines...)
		l[at+1], l[at+2], l[at+3], l[at+4] = "\t\t\t行政诉讼", "行政复议\t\t\t未经复议直接起诉\t复议后起诉",
			outcomes+"\t"+outcomes+"\t"+outcomes, review+"\t"+direct+"\t"+after
		p := parseText("x.txt", []byte(strings.Join(l, "\n")))
		for cell, w := range want {
			if got := value(p, cell); got != w {
				t.Errorf("%s = %s, want %s", cell, got, w)
			}
		}
		if fs := findingsOf(p, "S4_COLUMN_ORDER"); len(fs) > 0 {
			t.Errorf("flagged: %s", dump(fs))
		}
	})
}
