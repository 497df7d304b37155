package transform_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// sparseS3 gives section 三 values with many zeros, printed blank, that
// hold the template's arithmetic: the grids whose rows a spacer column
// can shift.
func sparseS3(codes []string) map[string][7]int {
	v := map[string][7]int{}
	var tot, cf, nr [7]int
	for i, c := range codes {
		switch c {
		case "new_received", "carried_over", "total", "carried_forward":
			continue
		}
		var r [7]int
		for j := 0; j < 6; j++ {
			r[j] = (i*7 + j*3) % 11 % 4
			r[6] += r[j]
			tot[j] += r[j]
		}
		tot[6] += r[6]
		v[c] = r
	}
	for j := 0; j < 6; j++ {
		cf[j] = j % 3
		nr[j] = tot[j] + cf[j]
		cf[6] += cf[j]
		nr[6] += nr[j]
	}
	v["total"], v["carried_over"], v["carried_forward"], v["new_received"] = tot, [7]int{}, cf, nr
	return v
}

// gridS3 prints section 三 as the text of an HTML grid, one row a line,
// zeros blank; row edit, when set, rewrites the cells of the named row.
func gridS3(vals map[string][7]int, code string, edit func([]string) []string) string {
	var b strings.Builder
	b.WriteString(s3Head1 + "\n")
	for _, h := range s3StdHead {
		b.WriteString(strings.Join(h, "\t") + "\n")
	}
	for _, l := range s3Words2021 {
		cells := make([]string, 7)
		for j := range cells {
			if x := vals[l.code][j]; x != 0 {
				cells[j] = fmt.Sprint(x)
			}
		}
		if l.code == code && edit != nil {
			cells = edit(cells)
		}
		b.WriteString(strings.Join(append(append([]string(nil), l.labels...), cells...), "\t") + "\n")
	}
	return b.String()
}

func parseGrid(text string) *schemas.Parsed {
	return transform.Parse(schemas.Document{ReportID: "x", SourcePath: "x.html", SourceFormat: "html",
		Encoding: "utf-8", Text: text, Tables: []schemas.Table{{Line: 1}}})
}

// TestShiftedGridRow: a row of a grid that lost its first (blank) cell
// and got a padding cell at its end stands one column off; read so, its
// total fails. The one shift that restores the row and column totals is
// taken (S3_ROW_SHIFT, repaired); a shifted row that no shift makes add
// up is left null (S3_ROW_SHIFT, error), not blamed on the report; a row
// that prints all seven cells cannot be off and keeps its S3_ROW_TOTAL.
func TestShiftedGridRow(t *testing.T) {
	var codes []string
	for _, l := range s3Words2021 {
		codes = append(codes, l.code)
	}
	vals := sparseS3(codes)
	// a row whose first cell is blank and at least two others are not
	row := ""
	for _, l := range s3Words2021 {
		r := vals[l.code]
		n := 0
		for _, x := range r[:6] {
			if x != 0 {
				n++
			}
		}
		if l.code != "total" && r[0] == 0 && n >= 2 {
			row = l.code
			break
		}
	}
	if row == "" {
		t.Fatal("no row with a blank first cell")
	}
	dropFirst := func(c []string) []string { return append(c[1:], "") }
	for _, c := range []struct {
		name     string
		code     string
		edit     func([]string) []string
		sev      string // of S3_ROW_SHIFT, "" for none
		null     bool
		rowTotal bool // S3_ROW_TOTAL expected on the row
	}{
		{"first cell lost", row, dropFirst, schemas.SeverityRepaired, false, false},
		{"shifted and wrong", row, func(c []string) []string {
			c = dropFirst(c)
			c[5] = "99"
			return c
		}, schemas.SeverityError, true, false},
		{"all printed, total wrong", "carried_forward", func(c []string) []string {
			for j := range c {
				if c[j] == "" {
					c[j] = "0"
				}
			}
			c[6] = "99"
			return c
		}, "", false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := s3Report(gridS3(vals, c.code, c.edit))
			p := parseGrid(text)
			got := cellValues(p)
			for _, o := range codes {
				for j, a := range schemas.Applicants {
					cell := schemas.ApplicationCell(o, a.Code)
					want := "null"
					if x := vals[o][j]; x != 0 {
						want = fmt.Sprint(x)
					}
					switch {
					case o == c.code && c.null:
						want = "null"
					case o == c.code && c.rowTotal && j == 6:
						want = "99"
					case o == c.code && c.rowTotal:
						want = fmt.Sprint(vals[o][j])
					}
					if got[cell] != want {
						t.Errorf("%s = %s, want %s", cell, got[cell], want)
					}
				}
			}
			sev, rt := "", false
			for _, f := range p.Findings {
				if f.Rule == "S3_ROW_SHIFT" && f.Cell == "s3."+c.code+".*" {
					sev = f.Severity
					if f.Kind != schemas.KindExtraction {
						t.Errorf("S3_ROW_SHIFT kind %s", f.Kind)
					}
				}
				if f.Rule == "S3_ROW_TOTAL" && strings.HasPrefix(f.Cell, "s3."+c.code+".") {
					rt = true
				}
			}
			if sev != c.sev || rt != c.rowTotal {
				t.Errorf("S3_ROW_SHIFT %q (want %q), S3_ROW_TOTAL %v (want %v); findings:\n%s", sev, c.sev, rt, c.rowTotal, dump(p.Findings))
			}
		})
	}
}

// TestShiftedZeroRow: a row of zeros printed as blanks with a 0 total,
// which lost its first (blank) cell in the grid, shows its 0 under 其他
// and a blank total. Every shift of it holds the row and column totals,
// the reading as printed too, so the row is left null with S3_ROW_SHIFT
// of kind extraction; read as printed, 其他 would be a silent 0 and the
// total a silent null. The same row in its columns is read as printed.
func TestShiftedZeroRow(t *testing.T) {
	var codes []string
	for _, l := range s3Words2021 {
		codes = append(codes, l.code)
	}
	vals := sparseS3(codes)
	const code = "carried_over" // all zero in sparseS3
	for _, c := range []struct {
		name  string
		at    int    // the column the 0 is printed in
		sev   string // of S3_ROW_SHIFT, "" for none
		other string // the cell 其他 as read
		total string
	}{
		{"in its columns", 6, "", "null", "0"},
		{"a column off", 5, schemas.SeverityError, "null", "null"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseGrid(s3Report(gridS3(vals, code, func(cells []string) []string {
				cells[c.at] = "0"
				return cells
			})))
			got := cellValues(p)
			other, total := schemas.ApplicationCell(code, schemas.Applicants[5].Code), schemas.ApplicationCell(code, schemas.Applicants[6].Code)
			if got[other] != c.other || got[total] != c.total {
				t.Errorf("%s = %s, %s = %s, want %s and %s", other, got[other], total, got[total], c.other, c.total)
			}
			sev := ""
			for _, f := range p.Findings {
				if f.Rule == "S3_ROW_SHIFT" && f.Cell == "s3."+code+".*" {
					sev = f.Severity
					if f.Kind != schemas.KindExtraction {
						t.Errorf("S3_ROW_SHIFT kind %s", f.Kind)
					}
				}
			}
			if sev != c.sev {
				t.Errorf("S3_ROW_SHIFT %q, want %q; findings:\n%s", sev, c.sev, dump(p.Findings))
			}
			// every other row reads as printed
			for _, o := range codes {
				if o == code {
					continue
				}
				for j, a := range schemas.Applicants {
					cell := schemas.ApplicationCell(o, a.Code)
					want := "null"
					if x := vals[o][j]; x != 0 {
						want = fmt.Sprint(x)
					}
					if got[cell] != want {
						t.Errorf("%s = %s, want %s", cell, got[cell], want)
					}
				}
			}
		})
	}
}
