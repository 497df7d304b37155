package transform_test

import (
	"strings"
	"testing"
)

// TestS2RowResumesAfterRepeatedHeader: a section 二 row broken over a
// page whose block header is printed again goes on after that header.
// The numbers there were no row's and vanished: with the page's number
// before the header the row read its first cell and the page number (346,
// 12 for 346, 164), and said nothing. They are the row's cells now; a
// header of another block does not take them.
func TestS2RowResumesAfterRepeatedHeader(t *testing.T) {
	seed := seedText(t, "000_74ac7cc249356a73.txt")
	if l := strings.Split(seed, "\n"); strings.TrimSpace(l[65]) != "行政事业性收费" || strings.TrimSpace(l[67]) != "0" || strings.TrimSpace(l[69]) != "第二十条第（九）项" {
		t.Fatalf("the seed's lines moved: %q %q %q", l[65], l[67], l[69])
	}
	header := []string{"\t信息内容", "\t上一年项目数量", "\t本年增/减"}
	resume := func(page ...string) map[int][]string {
		lines := append([]string{"\t346"}, page...)
		lines = append(lines, header...)
		return map[int][]string{67: lines, 68: {"\t164"}}
	}
	for _, c := range []struct {
		name        string
		edits       map[int][]string
		prev, chg   string // s2.fees.prev_count, s2.fees.change
		doubt       bool   // a finding on s2.fees.* above info
		procurement string // s2.procurement.count
	}{
		{"as printed", map[int][]string{67: {"\t346"}, 68: {"\t164"}}, "346", "164", false, "2"},
		{"header repeated", resume(), "346", "164", false, "2"},
		{"page number, header repeated", resume("12"), "346", "164", true, "2"},
		{"page number with a form feed, header repeated", resume("12\f"), "346", "164", false, "2"},
		{"block line and header repeated", resume("12", "\t第二十条第（八）项"), "346", "164", true, "2"},
		{"another block's header", map[int][]string{67: {"\t346"}, 68: {"\t164"},
			71: {"", "\t信息内容", "\t采购项目数量", "\t采购总金额", "\t5"}}, "346", "164", false, "2"},
		{"another block's line, the same columns", map[int][]string{67: {"\t346"}, 68: {"\t164"},
			70: {"\t第二十条第（九）项", "", "\t信息内容", "\t上一年项目数量", "\t本年增/减", "\t5", "", "\t第二十条第（九）项"}}, "346", "164", false, "2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, c.edits)))
			if got := value(p, "s2.fees.prev_count"); got != c.prev {
				t.Errorf("s2.fees.prev_count = %q, want %q", got, c.prev)
			}
			if got := value(p, "s2.fees.change"); got != c.chg {
				t.Errorf("s2.fees.change = %q, want %q", got, c.chg)
			}
			if got := value(p, "s2.procurement.count"); got != c.procurement {
				t.Errorf("s2.procurement.count = %q, want %q", got, c.procurement)
			}
			doubts := doubtsOn(p, "s2.fees.")
			if c.doubt != (len(doubts) > 0) {
				t.Errorf("findings on s2.fees.* %+v, want some: %v", doubts, c.doubt)
			}
		})
	}
}
