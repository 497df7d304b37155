package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestMaxTextBytes: a text file whose decoded text is over the limit gets
// FILE_TOO_LARGE and no text, still with its identity; one at the limit is
// read whole. The limit is on the decoded text (GB18030 grows by half),
// each line counting lineCost bytes more: a file of empty lines is over it
// too.
func TestMaxTextBytes(t *testing.T) {
	root := t.TempDir()
	line := "政府信息公开工作年度报告\n" // 37 bytes in UTF-8
	utf := strings.Repeat(line, 100)
	gb := string(encode(t, simplifiedchinese.GBK, utf)) // 2500 bytes, 3700 decoded
	big := strings.Repeat(line, 300_000)                // 11 MB: read streamed
	lines := strings.Repeat("\n", 100_000)
	writeFiles(t, root, map[string]string{"utf.txt": utf, "gb.txt": gb, "big.txt": big, "lines.txt": "x" + lines})
	cost := func(text string) int64 { return int64(len(text) + lineCost*strings.Count(text, "\n")) }
	for _, c := range []struct {
		rel      string
		max      int64
		tooLarge bool
	}{
		{"utf.txt", cost(utf), false},
		{"utf.txt", cost(utf) - 1, true},
		{"gb.txt", cost(utf), false},
		{"gb.txt", int64(len(gb)) + lineCost*100 + 1, true}, // the file fits, its text does not
		{"big.txt", cost(big), false},
		{"big.txt", 1 << 20, true},
		{"lines.txt", 1 << 20, true}, // 100 001 bytes, 100 000 lines
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
		switch c.rel {
		case "big.txt":
			want = big
		case "lines.txt":
			want = "x" + lines
		}
		if got != "" || doc.Text != want {
			t.Errorf("%s limit %d: findings %s, %d bytes of text; want all %d", c.rel, c.max, got, len(doc.Text), len(want))
		}
	}
}
