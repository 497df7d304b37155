package transform_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// covered reports whether cell has a finding that says its value is not
// simply as printed: an error, a repair, or an extraction warning.
func covered(p *schemas.Parsed, cell string) bool {
	for _, f := range p.Findings {
		if f.Severity == schemas.SeverityInfo || (f.Severity == schemas.SeverityWarning && f.Kind != schemas.KindExtraction) {
			continue
		}
		if f.Cell == cell || (strings.HasSuffix(f.Cell, ".*") && strings.HasPrefix(cell, strings.TrimSuffix(f.Cell, "*"))) {
			return true
		}
	}
	return false
}

// collapseEmpty removes the empty cells of every line that holds several
// cells, and joins what is left with sep: the text a PDF viewer or a
// browser gives when a table's blank cells are copied, nothing marking
// where they were.
func collapseEmpty(text, sep string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.ContainsAny(l, "\t|") {
			var keep []string
			for _, f := range strings.FieldsFunc(l, func(r rune) bool { return r == '\t' || r == '|' }) {
				if strings.TrimSpace(f) != "" {
					keep = append(keep, strings.TrimSpace(f))
				}
			}
			l = strings.Join(keep, sep)
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

var reZeroLine = regexp.MustCompile(`(?m)^0\n`)

// TestVanishedBlankCells: blank cells that vanish in copying (a row shows
// fewer numbers than columns and nothing marks which are missing) must
// never move a number into another column. Every cell is either what the
// report printed (a blank read as null, or as the 0 the arithmetic forces,
// with a repair finding) or null with an error.
func TestVanishedBlankCells(t *testing.T) {
	dir := filepath.Join("..", "testdata", "reports")
	exp := map[string]expected{}
	for _, e := range loadExpected(t, filepath.Join(dir, "expected.jsonl")) {
		exp[e.File] = e
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	type variant struct {
		name, file string
		edit       func(string) string
	}
	// zeros printed nowhere: section 三 of a pdftotext-without-layout
	// report, with bare page numbers, whose blank cells are simply absent
	noZeros := func(s string) string {
		i, j := strings.Index(s, "三、收到和处理"), strings.Index(s, "四、政府信息公开行政复议")
		return s[:i] + reZeroLine.ReplaceAllString(s[i:j], "") + s[j:]
	}
	variants := []variant{
		{"word text, tabs, blanks dropped", "2021/qiaotou-town-2024-word.txt", func(s string) string { return collapseEmpty(s, "\t") }},
		{"word text, single spaces, blanks dropped", "2021/qiaotou-town-2024-word.txt", func(s string) string { return collapseEmpty(s, " ") }},
		{"pipes, blanks dropped", "2021/nanyuan-street-2022-pipes.txt", func(s string) string { return collapseEmpty(s, "\t") }},
		{"pipes, section 二 and 三 blanks dropped", "2021/songling-resources-2022-s2blank-pipes.txt", func(s string) string { return collapseEmpty(s, " ") }},
		{"word text, section 二 blanks dropped", "2021/changle-street-2021-s2blank-word.txt", func(s string) string { return collapseEmpty(s, "\u3000") }},
		{"pdftotext tabs, section 二 blanks dropped", "2021/anping-devzone-2023-s2blank-pdftotext.txt", func(s string) string { return collapseEmpty(s, "\t") }},
		{"pdftotext raw, page numbers, zeros not printed", "2019/anping-party-office-2020-pagenum.txt", noZeros},
		{"pdftotext raw, page numbers before the header, zeros not printed", "2021/qingzhou-office-2022-pagenum.txt", noZeros},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			e := exp[v.file]
			p := parseText(v.file, []byte(v.edit(read(v.file))))
			got := cellValues(p)
			exact, flagged := 0, 0
			for code, raw := range e.Cells {
				var want any
				json.Unmarshal(raw, &want)
				w := string(raw)
				if s, ok := want.(string); ok {
					w = `"` + strings.TrimSuffix(strings.TrimSuffix(s, ".00"), ".0") + `"`
				}
				g := got[code]
				switch {
				case g == w:
					exact++
				case covered(p, code) && (g == "null" || (w == "null" && g == "0") || (w == "0" && g == "0")):
					flagged++ // unknown and said so, or a blank the arithmetic forces to 0
				default:
					t.Errorf("%s = %s, printed %s, and no finding says so", code, g, w)
				}
			}
			t.Logf("%d cells exact, %d flagged, of %d", exact, flagged, len(e.Cells))
		})
	}
}
