package transform_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestRowWithoutNumbers: a section 三 row that prints no number at all is a
// row left blank: it stays null, with an S3_CELL_COUNT error saying it
// printed no number, even where the arithmetic would give values (0 when
// 总计 is 0): the report never printed them.
func TestRowWithoutNumbers(t *testing.T) {
	numbers := regexp.MustCompile(`([\t ]+\d+)+[\t ]*$`)
	// blank drops the numbers of the first line holding each label.
	blank := func(text string, labels ...string) string {
		lines := strings.Split(text, "\n")
		for _, lb := range labels {
			for i, l := range lines {
				if strings.Contains(l, lb) {
					lines[i] = numbers.ReplaceAllString(l, "")
					break
				}
			}
		}
		return strings.Join(lines, "\n")
	}
	const spaced, tabs = "2021/linjiang-resources-2023-layout.txt", "2021/jiangbei-market-2021-pdftotext.txt"
	for _, c := range []struct {
		name, file string
		labels     []string
		row        string
		want       string // the row's seven cells, "" for null
	}{
		{"zero row from the column sums", spaced, []string{"1.属于国家秘密"}, "denied.state_secret", ""},
		{"result row from the column sums", spaced, []string{"（一）予以公开"}, "granted", ""},
		{"total from the result rows", spaced, []string{"（七）总计"}, "total", ""},
		{"total from the result rows, tabs", tabs, []string{"（七）总计"}, "total", ""},
		{"zero row, tabs", tabs, []string{"1.属于国家秘密"}, "denied.state_secret", ""},
		{"two rows in the same sums", spaced, []string{"（一）予以公开", "（二）部分公开"}, "granted", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			orig := reportText(t, c.file)
			text := blank(orig, c.labels...)
			if text == orig {
				t.Fatal("nothing blanked")
			}
			p := parseText("x.txt", []byte(text))
			got := cellValues(p)
			var cells []string
			for _, a := range []string{"natural_person", "commercial", "research", "social", "legal", "other", "total"} {
				cells = append(cells, got["s3."+c.row+"."+a])
			}
			want := c.want
			if want == "" {
				want = "null null null null null null null"
			}
			if g := strings.Join(cells, " "); g != want {
				t.Errorf("%s = %s, want %s", c.row, g, want)
			}
			sev := ""
			for _, f := range p.Findings {
				if f.Rule == "S3_CELL_COUNT" && f.Cell == "s3."+c.row+".*" {
					sev = f.Severity
					if !strings.Contains(f.Message, "no number") {
						t.Errorf("message: %s", f.Message)
					}
				}
			}
			if wantSev := map[bool]string{true: "repaired", false: "error"}[c.want != ""]; sev != wantSev {
				t.Errorf("S3_CELL_COUNT on s3.%s.* is %q, want %q", c.row, sev, wantSev)
			}
		})
	}
}
