package transform_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// dropColumn removes value column j (0 自然人 … 6 总计) from lines of a
// numbers table.
func dropColumn(j int) func(int, []string) []string {
	return func(_ int, rows []string) []string {
		for i, r := range rows {
			fs := strings.Split(r, "|")
			rows[i] = strings.Join(append(fs[:j+1:j+1], fs[j+2:]...), "|")
		}
		return rows
	}
}

// TestS3MarkdownLostColumn: a numbers table of one column fewer than the
// template's is read only when exactly one choice of the lost column
// satisfies the template's arithmetic with the rest of the table: the
// lost cells are then computed from each row's total (a repaired finding
// naming the column), the printed ones kept as printed. When several
// choices fit, every cell of the block stays null with an error.
func TestS3MarkdownLostColumn(t *testing.T) {
	full := mdS3Values()
	for code, v := range full {
		for j := range v {
			if v[j] == "" {
				v[j] = "0"
			}
		}
		full[code] = v
	}
	zero := map[string][7]string{}
	for _, l := range mdS3Labels {
		zero[l.code] = [7]string{"0", "0", "0", "0", "0", "0", "0"}
	}
	pages := [][2]int{{0, 15}, {15, 25}}
	for _, tc := range []struct {
		name  string
		vals  map[string][7]string
		lost  int // the column lost on page 1 (and on page 0 when both)
		both  bool
		all   bool   // page 0 is left null too
		read  bool   // page 1's cells are read
		named string // the column the repaired finding names
	}{
		// Page 0 is printed whole: its column totals tell which column
		// page 1 lost; only 总计 lost fits.
		{name: "total lost on one page", vals: full, lost: 6, read: true, named: "total"},
		// Adversarial: 科研机构 lost on both pages fits every choice (each
		// applicant column's equations are the same, and 总计 as the sum
		// of the six printed ones fits too), with different values.
		{name: "column lost on every page", vals: full, lost: 2, both: true},
		// Adversarial: all zeros, every choice of the lost column fits
		// (page 0, whose column totals are on page 1, is then not
		// confirmed either).
		{name: "all zeros", vals: zero, lost: 6, all: true},
	} {
		drop := dropColumn(tc.lost)
		edit := func(pg int, rows []string) []string {
			if pg == 1 || tc.both {
				return drop(pg, rows)
			}
			return rows
		}
		p := parseText("md.txt", []byte(s3Report(mdS3(tc.vals, pages, edit))))
		got := cellValues(p)
		for i, l := range mdS3Labels {
			onPage1 := i >= 15
			for j, a := range schemas.Applicants {
				cell := schemas.ApplicationCell(l.code, a.Code)
				w := tc.vals[l.code][j]
				if onPage1 && !tc.read || tc.both || tc.all {
					w = "null"
				}
				if got[cell] != w {
					t.Errorf("%s: %s = %s, want %s", tc.name, cell, got[cell], w)
				}
			}
		}
		var repaired, errs, several int
		for _, f := range p.Findings {
			if f.Rule != "S3_COLUMN_BLOCKS" {
				continue
			}
			switch f.Severity {
			case schemas.SeverityRepaired:
				repaired++
				if !strings.Contains(f.Message, "the column lost in conversion is "+tc.named+",") {
					t.Errorf("%s: repaired finding names no column %s: %s", tc.name, tc.named, f.Message)
				}
			case schemas.SeverityError:
				errs++
				if strings.Contains(f.Message, "more than one choice of the lost column") {
					several++
				}
			}
		}
		wantRep, wantErr := 0, 1
		if tc.read {
			wantRep, wantErr = 1, 0
		}
		if tc.both || tc.all {
			wantErr = 2
		}
		if wantSeveral := min(wantErr, 1) + btoi(tc.both); several != wantSeveral {
			t.Errorf("%s: %d error findings say several choices of the lost column fit, want %d", tc.name, several, wantSeveral)
		}
		if repaired != wantRep || errs != wantErr {
			t.Errorf("%s: %d repaired and %d error S3_COLUMN_BLOCKS findings, want %d and %d: %v", tc.name, repaired, errs, wantRep, wantErr, rulesOf(p))
		}
		if tc.read {
			for _, a := range p.Applications {
				if a.Outcome == "total" && a.Applicant == "total" && a.Raw != "" {
					t.Errorf("%s: computed s3.total.total has raw %q, want none", tc.name, a.Raw)
				}
				if a.Outcome == "total" && a.Applicant == "natural_person" && strings.TrimSpace(a.Raw) != tc.vals["total"][0] {
					t.Errorf("%s: printed s3.total.natural_person has raw %q, want %q", tc.name, a.Raw, tc.vals["total"][0])
				}
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
