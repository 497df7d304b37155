package transform_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestColumnBlocks: section 三 as pdftotext's default mode prints some
// tables, the row labels first (long ones wrapped over two lines), then
// each column's numbers as a block, page by page. Read column by column the arithmetic
// holds and the table is read so (S3_COLUMN_BLOCKS, repaired); with one
// number changed neither order adds up and every cell is null with an
// S3_COLUMN_BLOCKS error, never placed by guess.
func TestColumnBlocks(t *testing.T) {
	var codes, labels []string
	for _, o := range schemas.Outcomes(false) {
		codes = append(codes, o.Code.Code)
		labels = append(labels, o.Label)
	}
	vals := s3Values(codes)
	// render prints the rows from each page break on as a block: the
	// labels, then the numbers column by column.
	render := func(edit func(j, i int, v string) string, breaks ...int) string {
		var b strings.Builder
		b.WriteString(s3Head1 + "\n")
		for p, from := range append([]int{0}, breaks...) {
			to := len(codes)
			if p < len(breaks) {
				to = breaks[p]
			}
			b.WriteString("申请人情况\n自然人\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n\n")
			for _, l := range labels[from:to] {
				label := []rune(l)
				if len(label) > 16 {
					b.WriteString(string(label[:16]) + "\n" + string(label[16:]) + "\n")
				} else {
					b.WriteString(string(label) + "\n")
				}
			}
			for j := 0; j < 7; j++ {
				b.WriteString("\n")
				for i := from; i < to; i++ {
					b.WriteString(edit(j, i, fmt.Sprint(vals[codes[i]][j])) + "\n")
				}
			}
			b.WriteString("\f")
		}
		return s3Report(b.String())
	}
	same := func(_, _ int, v string) string { return v }
	for _, c := range []struct {
		name   string
		edit   func(j, i int, v string) string
		breaks []int
		sev    string
	}{
		{"column blocks", same, nil, schemas.SeverityRepaired},
		{"column blocks on two pages", same, []int{12}, schemas.SeverityRepaired},
		{"column blocks on three pages", same, []int{9, 17}, schemas.SeverityRepaired},
		{"one number off", func(j, i int, v string) string {
			if j == 2 && i == 5 {
				return v + "1"
			}
			return v
		}, nil, schemas.SeverityError},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("blocks.txt", []byte(render(c.edit, c.breaks...)))
			got := cellValues(p)
			for _, o := range codes {
				for j, a := range schemas.Applicants {
					cell := schemas.ApplicationCell(o, a.Code)
					want := fmt.Sprint(vals[o][j])
					if c.sev == schemas.SeverityError {
						want = "null"
					}
					if got[cell] != want {
						t.Errorf("%s = %s, want %s", cell, got[cell], want)
					}
				}
			}
			sev := ""
			for _, f := range p.Findings {
				if f.Rule == "S3_COLUMN_BLOCKS" {
					sev = f.Severity
				}
			}
			if sev != c.sev {
				t.Errorf("S3_COLUMN_BLOCKS %q, want %q:\n%s", sev, c.sev, dump(p.Findings))
			}
		})
	}
}
