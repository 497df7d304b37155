package transform_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestSection2And4Layouts reads sections 二 and 四 as real reports print
// them, spliced into a test report whose section 三 is known good. Each
// case in testdata/s2s4 names its base report, the cells it must give
// (null for a cell the layout leaves unknowable), the findings it must
// have ("finding RULE/severity cell"), then the text of section 二 and of
// section 四 (either empty: the base report's own). Any other finding
// above info on sections 二 and 四 fails the case.
//
// Layouts: one cell per line with and without blank lines between cells,
// tab rows, '|' rows, pdftotext -layout columns, single-space copies, with
// and without the 第二十条 lines; units in the header, in the cell, wrapped
// onto the next line or on a line of their own; '/' and '——' cells, signed
// changes in words (增加1, 减少2), empty cells, wrapped labels, tables split
// across pages with the header repeated; section 四 on one line, in three
// rows of five, one number per line, with headers of two or three lines or
// interleaved between the proceedings, with a '/', split by a page number
// (at the foot of the page or at its top), with 16 or 14 numbers, and
// printed transposed (a row per outcome): tabs, spaces, '|' rows, one cell
// per line, in both templates, with a '/' or '——' cell (null), a page
// number between rows; a blank cell, a wrapped outcome label or
// proceeding header, a header repeated after a page break, or a row short
// of a number with a number in the note after it (no row's) leave every
// cell null with S4_LAYOUT (the layout is read only when whole).
func TestSection2And4Layouts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "s2s4", "*.case"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".case"), func(t *testing.T) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			head, rest, _ := strings.Cut(string(b), "\n===S2\n")
			s2, s4, _ := strings.Cut(rest, "\n===S4\n")
			s4 = strings.TrimSuffix(s4, "\n")
			lines := strings.Split(head, "\n")
			want := map[string]string{}
			var findings []string
			for _, l := range lines[1:] {
				f := strings.Fields(l)
				switch {
				case len(f) == 3 && f[0] == "finding":
					findings = append(findings, f[1]+" "+f[2])
				case len(f) == 2:
					want[f[0]] = f[1]
				}
			}
			base, err := os.ReadFile(filepath.Join("..", "testdata", "reports", lines[0]))
			if err != nil {
				t.Fatal(err)
			}
			p := parseText(file, []byte(spliceSections(t, string(base), s2, s4)))
			got := cellValues(p)
			var bad []string
			for k, w := range want {
				if got[k] != w {
					bad = append(bad, k+" = "+got[k]+", want "+w)
				}
			}
			sort.Strings(bad)
			for _, x := range bad {
				t.Error(x)
			}
			have := map[string]bool{}
			for _, f := range p.Findings {
				key := f.Rule + "/" + f.Severity + " " + f.Cell
				have[key] = true
				if f.Severity == schemas.SeverityInfo || !(strings.HasPrefix(f.Cell, "s2") || strings.HasPrefix(f.Cell, "s4")) {
					continue
				}
				listed := false
				for _, w := range findings {
					listed = listed || w == key
				}
				if !listed {
					t.Errorf("unexpected finding %s: %s", key, f.Message)
				}
			}
			for _, w := range findings {
				if !have[w] {
					t.Errorf("no finding %s", w)
				}
			}
		})
	}
}

// spliceSections replaces the body of section 二 (after its heading, up to
// section 三's) and of section 四 (up to section 五's) in a test report.
func spliceSections(t *testing.T, txt, s2, s4 string) string {
	t.Helper()
	const h2, h3, h4, h5 = "二、主动公开政府信息情况\n", "\n三、收到和处理", "四、政府信息公开行政复议、行政诉讼情况\n", "\n五、存在"
	i2, i3 := strings.Index(txt, h2), strings.Index(txt, h3)
	if i2 < 0 || i3 < i2 {
		t.Fatal("base report without sections 二 and 三 headings")
	}
	if s2 != "" {
		txt = txt[:i2+len(h2)] + s2 + "\n" + txt[i3:]
	}
	i4, i5 := strings.Index(txt, h4), strings.Index(txt, h5)
	if i4 < 0 || i5 < i4 {
		t.Fatal("base report without sections 四 and 五 headings")
	}
	if s4 != "" {
		txt = txt[:i4+len(h4)] + s4 + "\n" + txt[i5:]
	}
	return txt
}
