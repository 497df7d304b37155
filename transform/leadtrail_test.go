package transform_test

import (
	"strings"
	"testing"
)

// TestS3LeadAndTrailingBlanks: a section 三 row printed tab-separated
// with the empty field of its label's merged column after the label and
// a blank 总计 as the line's last empty field has one field more than its
// columns. Reading the empty field after the label as 自然人 (and
// dropping the line's last) moved every number a column on: 商业企业 2
// and 其他 2 were read as 科研机构 2 and 总计 2, which add up, in silence. Which of
// the two is no cell the line does not tell: the row is read as one with
// a cell missing. A row whose last cell is printed reads as before.
func TestS3LeadAndTrailingBlanks(t *testing.T) {
	seed := seedText(t, "004_77c3b53386b2261e.txt")
	const label = "二、上年结转政府信息公开申请数量"
	l := strings.Split(seed, "\n")
	if !strings.HasPrefix(l[50], label+"\t\t0") {
		t.Fatalf("the seed's lines moved: %q", l[50])
	}
	for _, c := range []struct {
		name  string
		row   string
		doubt bool
		cells map[string]string // s3.carried_over.* when read
	}{
		{"total printed", label + "\t\t\t\t\t3\t\t2\t5", false,
			map[string]string{"natural_person": "null", "social": "3", "legal": "null", "other": "2", "total": "5"}},
		{"total blank", label + "\t\t\t2\t\t\t\t2\t", true, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, map[int][]string{51: {c.row}})))
			doubts := doubtsOn(p, "s3.carried_over.")
			if c.doubt != (len(doubts) > 0) {
				t.Errorf("findings on s3.carried_over.* %+v, want some: %v; legal %s total %s", doubts, c.doubt,
					value(p, "s3.carried_over.legal"), value(p, "s3.carried_over.total"))
			}
			for a, want := range c.cells {
				if got := value(p, "s3.carried_over."+a); got != want {
					t.Errorf("s3.carried_over.%s = %s, want %s", a, got, want)
				}
			}
		})
	}
}
