package transform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestRejectedCountCells: a count cell printed as "1e308" or "12abc" is
// not a number. It keeps its column, its cell is null with the printed
// text in raw and a VALUE_REJECTED error, and neither it nor its row is
// "repaired" from the arithmetic. Such a cell was once skipped as a label:
// the row came out a cell short and was filled with zeros.
func TestRejectedCountCells(t *testing.T) {
	pipes, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "2019", "qinghe-street-2020-pipes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines, err := os.ReadFile(filepath.Join("..", "testdata", "samples", "000_74ac7cc249356a73.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const granted = "| （一）予以公开 |  | 5 | 1 | 0 | 0 | 0 | 0 | 6 |"
	if !strings.Contains(string(pipes), granted) {
		t.Fatal("the fixture changed: no granted row")
	}
	// oneCellLines puts the two values in place of the first two cells of
	// the new_received row of a one-cell-per-line table.
	oneCellLines := func(a, b string) string {
		ls := strings.Split(string(lines), "\n")
		n := 0
		for i, l := range ls {
			if strings.Contains(l, "一、本年新收") {
				n = 1
				continue
			}
			if n > 0 && n <= 2 && strings.TrimSpace(strings.ReplaceAll(l, "\u00a0", "")) == "0" {
				ls[i] = "\t" + []string{a, b}[n-1]
				n++
			}
		}
		if n != 3 {
			t.Fatal("the fixture changed: no new_received row")
		}
		return strings.Join(ls, "\n")
	}
	type want struct{ cell, raw string }
	cases := []struct {
		name, text string
		rejected   []want   // null, raw as printed, VALUE_REJECTED
		null       []string // null, not determined
	}{
		{"pipes", strings.Replace(string(pipes), granted, "| （一）予以公开 |  | 1e308 | 12abc | 0 | 0 | 0 | 0 | 6 |", 1),
			[]want{{"s3.granted.natural_person", "1e308"}, {"s3.granted.commercial", "12abc"}}, nil},
		{"one cell per line", oneCellLines("1e308", "12abc"),
			[]want{{"s3.new_received.natural_person", "1e308"}, {"s3.new_received.commercial", "12abc"}}, nil},
		{"full-width and signed", strings.Replace(string(pipes), granted, "| （一）予以公开 |  | １２ａｂｃ | -3x | 0 | 0 | 0 | 0 | 6 |", 1),
			[]want{{"s3.granted.natural_person", "１２ａｂｃ"}, {"s3.granted.commercial", "-3x"}}, nil},
		// A cell short besides: the rejected value stands first in every
		// alignment, the lost cell is not determined either.
		{"a cell short", strings.Replace(string(pipes), granted, "| （一）予以公开 |  | 1e308 | 0 | 0 | 0 | 0 | 6 |", 1),
			nil, []string{"s3.granted.natural_person", "s3.granted.commercial"}},
		// A cell too many: where the rejected value stands, the arithmetic
		// would give 5 (the row's total less the rest); it stays null.
		{"a cell too many", strings.Replace(string(pipes), granted, "| （一）予以公开 |  | 1e308 | 1 | 0 | 0 | 0 | 0 | 6 | 0 |", 1),
			[]want{{"s3.granted.natural_person", "1e308"}}, nil},
		{"a cell short, the rest agreeing", strings.Replace(string(pipes), granted, "| （一）予以公开 |  | 1e308 | 1 | 0 | 0 | 0 | 6 |", 1),
			nil, []string{"s3.granted.natural_person"}},
	}
	for _, c := range cases {
		p := parseText("rejected.txt", []byte(c.text))
		got := cellValues(p)
		rows := map[string]schemas.Application{}
		for _, a := range p.Applications {
			rows[a.Cell] = a
		}
		for _, w := range c.rejected {
			if got[w.cell] != "null" {
				t.Errorf("%s: %s = %s, want null", c.name, w.cell, got[w.cell])
			}
			if r := rows[w.cell].Raw; strings.TrimSpace(r) != w.raw {
				t.Errorf("%s: %s raw %q, want %q", c.name, w.cell, r, w.raw)
			}
			ok := false
			for _, f := range p.Findings {
				if f.Rule == "VALUE_REJECTED" && f.Cell == w.cell && f.Severity == schemas.SeverityError && deref(f.Actual) == w.raw {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: no VALUE_REJECTED error on %s: %v", c.name, w.cell, p.Findings)
			}
		}
		for _, cell := range c.null {
			if got[cell] != "null" {
				t.Errorf("%s: %s = %s, want null", c.name, cell, got[cell])
			}
		}
		for _, f := range p.Findings {
			if f.Severity == schemas.SeverityRepaired {
				t.Errorf("%s: repaired from a rejected cell: %s %s %s", c.name, f.Rule, f.Cell, f.Message)
			}
		}
	}

	// Section 二: the rejected cells keep their text, the row's other
	// cell its value (the row was lost as one number for three columns).
	const normative = "| 规范性文件 | 1 | 1 | 4 |"
	if !strings.Contains(string(pipes), normative) {
		t.Fatal("the fixture changed: no normative row")
	}
	p := parseText("rejected.txt", []byte(strings.Replace(string(pipes), normative, "| 规范性文件 | 1e308 | 12abc | 4 |", 1)))
	wantS2 := map[string][2]string{"s2.normative.new_made": {"null", "1e308"}, "s2.normative.new_published": {"null", "12abc"},
		"s2.normative.total_published": {"4", "4"}}
	got := cellValues(p)
	for _, d := range p.Disclosures {
		if w, ok := wantS2[d.Cell]; ok {
			if got[d.Cell] != w[0] || strings.TrimSpace(d.Raw) != w[1] {
				t.Errorf("section 二: %s = %s raw %q, want %s raw %q", d.Cell, got[d.Cell], d.Raw, w[0], w[1])
			}
			delete(wantS2, d.Cell)
		}
	}
	if len(wantS2) != 0 {
		t.Errorf("section 二: no rows for %v", wantS2)
	}
}
