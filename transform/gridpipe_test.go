package transform_test

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// pipesAsHTML is the report of a '|' table fixture as a web page: each
// table row a <tr>, its cells <td>s, the rest of the text paragraphs.
// row, when not nil, replaces the cells after the labels of the row whose
// second cell is label. oneCell writes each table row into one cell, as
// printed ("| a | b |").
func pipesAsHTML(t *testing.T, fixture, label string, row []string, oneCell bool) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", fixture))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	out.WriteString("<html><head><meta charset=\"utf-8\"></head><body>\n")
	in, found := false, false
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "|") {
			if in {
				out.WriteString("</table>\n")
				in = false
			}
			out.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
			continue
		}
		if !in {
			out.WriteString("<table>\n")
			in = true
		}
		if oneCell {
			out.WriteString("<tr><td>" + html.EscapeString(l) + "</td></tr>\n")
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(l), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if row != nil && len(cells) == 3+len(row) && cells[1] == label {
			cells = append(cells[:3], row...)
			found = true
		}
		out.WriteString("<tr>")
		for _, c := range cells {
			out.WriteString("<td>" + html.EscapeString(c) + "</td>")
		}
		out.WriteString("</tr>\n")
	}
	if in {
		out.WriteString("</table>\n")
	}
	out.WriteString("</body></html>\n")
	if row != nil && !found {
		t.Fatalf("%s: no row %s", fixture, label)
	}
	return []byte(out.String())
}

// TestHTMLPipeAloneInCell: a web page's table printing '|' alone in a cell
// of section 三 (for nothing, as others print '/'). The page's rows reach
// the text with their cells joined by tabs, and the reader split that line
// on the '|' too: the cell became two blank ones, and the row 5 | '|' | 1
// | 0 | 0 | 0 | 6 was read 5, 1, 0, 0, 0, 0 with total 6, summing, with no
// finding. A grid's row is now split on its tabs only: the '|' is a cell,
// which the normalizer rejects in its column. A table printing whole '|'
// rows in one cell each (Markdown pasted into a page) still reads.
func TestHTMLPipeAloneInCell(t *testing.T) {
	const fixture = "2019/qinghe-street-2020-pipes.txt"
	for _, c := range []struct {
		name    string
		page    []byte
		want    []string // s3.granted.* from natural_person to total
		flagged string   // a cell that must carry VALUE_REJECTED, "" for none
	}{
		{"bar", pipesAsHTML(t, fixture, "（一）予以公开", []string{"5", "|", "1", "0", "0", "0", "6"}, false),
			[]string{"5", "null", "1", "0", "0", "0", "6"}, "s3.granted.commercial"},
		{"fullwidth bar", pipesAsHTML(t, fixture, "（一）予以公开", []string{"5", "｜", "1", "0", "0", "0", "6"}, false),
			[]string{"5", "null", "1", "0", "0", "0", "6"}, "s3.granted.commercial"},
		{"plain", pipesAsHTML(t, fixture, "", nil, false), []string{"5", "1", "0", "0", "0", "0", "6"}, ""},
		{"one cell a row", pipesAsHTML(t, fixture, "", nil, true), []string{"5", "1", "0", "0", "0", "0", "6"}, ""},
	} {
		doc := extract.ReadBytes("x.html", c.page, extract.Limits{})
		if doc.Tables == nil {
			t.Fatalf("%s: the page has no tables", c.name)
		}
		p := transform.Parse(doc)
		checkGrantedRow(t, c.name, p, c.want, c.flagged)
		if c.flagged == "" && p.Report.Status != schemas.StatusOK {
			t.Errorf("%s: status %s: %v", c.name, p.Report.Status, p.Findings)
		}
	}
}

// TestTabPipeAloneInCell: a table printed with tabs between its cells (a
// Word export), section 三 printing '|' alone in a cell for nothing. The
// line was split on that '|' too: the cell became two blank ones and the
// row 3 | '|' | 0 | 0 | 0 | 0 | 3 read with its numbers a column right.
// A line whose cells are shown to be separated by tabs (two cells side by
// side, no '|' first) reads a '|' alone between two tabs as a cell, which
// the normalizer rejects in its column. A '|' table padded with tabs
// still reads.
func TestTabPipeAloneInCell(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "2019", "lishui-water-2020-wordsigns-tabs.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const granted = "三、本年度办理结果\t（一）予以公开\t\t3\t0\t0\t0\t0\t0\t3"
	if !strings.Contains(string(b), granted) {
		t.Fatal("the fixture changed: no granted row")
	}
	for _, c := range []struct {
		row     string
		want    []string
		flagged string
	}{
		{"三、本年度办理结果\t（一）予以公开\t\t3\t|\t0\t0\t0\t0\t3", []string{"3", "null", "0", "0", "0", "0", "3"}, "s3.granted.commercial"},
		{"三、本年度办理结果\t（一）予以公开\t\t3\t｜\t｜\t0\t0\t0\t3", []string{"3", "null", "null", "0", "0", "0", "3"}, "s3.granted.commercial"},
		{granted, []string{"3", "0", "0", "0", "0", "0", "3"}, ""},
		// '|' between every two cells, tabs around it: the '|' separates
		{"三、本年度办理结果\t|\t（一）予以公开\t|\t\t|\t3\t|\t0\t|\t0\t|\t0\t|\t0\t|\t0\t|\t3", []string{"3", "0", "0", "0", "0", "0", "3"}, ""},
	} {
		p := parseText("tabpipe.txt", []byte(strings.Replace(string(b), granted, c.row, 1)))
		checkGrantedRow(t, fmt.Sprintf("%q", c.row), p, c.want, c.flagged)
	}
}

// checkGrantedRow checks section 三's granted row of p against want, in
// the template's column order, and, when flagged names a cell, that the
// cell carries a VALUE_REJECTED error.
func checkGrantedRow(t *testing.T, name string, p *schemas.Parsed, want []string, flagged string) {
	t.Helper()
	got := cellValues(p)
	for i, a := range []string{"natural_person", "commercial", "research", "social", "legal", "other", "total"} {
		if cell := "s3.granted." + a; got[cell] != want[i] {
			t.Errorf("%s: %s = %s, want %s", name, cell, got[cell], want[i])
		}
	}
	if flagged == "" {
		return
	}
	for _, f := range p.Findings {
		if f.Rule == "VALUE_REJECTED" && f.Cell == flagged && f.Severity == schemas.SeverityError {
			return
		}
	}
	t.Errorf("%s: no VALUE_REJECTED on %s: %v", name, flagged, p.Findings)
}
