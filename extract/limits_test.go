package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestMaxTextBytes: a text file whose decoded text is over the limit gets
// FILE_TOO_LARGE and no text, still with its identity; one at the limit is
// read whole. The limit is on the decoded text (GB18030 grows by half).
func TestMaxTextBytes(t *testing.T) {
	root := t.TempDir()
	line := "政府信息公开工作年度报告\n" // 37 bytes in UTF-8
	utf := strings.Repeat(line, 100)
	gb := string(encode(t, simplifiedchinese.GBK, utf)) // 2500 bytes, 3700 decoded
	big := strings.Repeat(line, 300_000)                // 11 MB: read streamed
	writeFiles(t, root, map[string]string{"utf.txt": utf, "gb.txt": gb, "big.txt": big})
	for _, c := range []struct {
		rel      string
		max      int64
		tooLarge bool
	}{
		{"utf.txt", int64(len(utf)), false},
		{"utf.txt", int64(len(utf)) - 1, true},
		{"gb.txt", int64(len(utf)), false},
		{"gb.txt", int64(len(gb)) + 1, true}, // the file fits, its text does not
		{"big.txt", int64(len(big)), false},
		{"big.txt", 1 << 20, true},
	} {
		doc := readOne(t, root, c.rel, Limits{MaxTextBytes: c.max})
		got := strings.Join(rules(doc.Findings), ",")
		if doc.ReportID == "" || doc.SourceBytes == 0 {
			t.Errorf("%s limit %d: no identity: %+v", c.rel, c.max, doc)
		}
		if c.tooLarge {
			if got != RuleFileTooLarge || doc.Text != "" {
				t.Errorf("%s limit %d: findings %s, %d bytes of text; want FILE_TOO_LARGE and none", c.rel, c.max, got, len(doc.Text))
			}
			continue
		}
		want := utf
		if c.rel == "big.txt" {
			want = big
		}
		if got != "" || doc.Text != want {
			t.Errorf("%s limit %d: findings %s, %d bytes of text; want all %d", c.rel, c.max, got, len(doc.Text), len(want))
		}
	}
}
