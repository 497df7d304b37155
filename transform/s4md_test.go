package transform_test

import (
	"strings"
	"testing"
)

// TestS4ThreeMarkdownTables: converters from PDF to Markdown print section
// 四 as three tables, one per proceeding, each with its delimiter row
// (|---|); the fifteen numbers are read across them.
func TestS4ThreeMarkdownTables(t *testing.T) {
	var s4 strings.Builder
	for k, pr := range []string{"行政复议", "未经复议直接起诉", "复议后起诉"} {
		s4.WriteString("| " + pr + " | | | | |\n|---|---|---|---|---|\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n")
		s4.WriteString([]string{"| 1 | 0 | 0 | 0 | 1 |\n", "| 2 | 0 | 0 | 0 | 2 |\n", "| 0 | 0 | 3 | 0 | 3 |\n"}[k] + "\n")
	}
	text := s3Report(s3Head1 + "\n")
	i := strings.Index(text, "四、政府信息公开行政复议、行政诉讼情况\n")
	j := strings.Index(text, "\n\n五、")
	text = text[:i] + "四、政府信息公开行政复议、行政诉讼情况\n" + s4.String() + text[j:]
	got := cellValues(parseText("md.txt", []byte(text)))
	for cell, w := range map[string]string{"s4.review.upheld": "1", "s4.review.total": "1", "s4.suit_direct.upheld": "2",
		"s4.suit_direct.total": "2", "s4.suit_after_review.other": "3", "s4.suit_after_review.total": "3", "s4.suit_after_review.upheld": "0"} {
		if got[cell] != w {
			t.Errorf("%s = %s, want %s", cell, got[cell], w)
		}
	}
}
