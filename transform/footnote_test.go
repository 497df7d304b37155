package transform_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// TestMarkedCellsKeepTheirColumn: a section 三 cell printed as a number
// with a footnote mark (1①, 1（注）, 1注1, 1[2]), as words between the
// row's numbers (不适用, N/A, ×), as zero in a numeral (零, 〇) or as an en
// dash or a minus sign for nothing is a cell of its row.
// Such cells were once skipped as label pieces: with the label's merged
// column read as a blank 自然人, the row's numbers then stood one column
// off and still summed to its total, with no finding.
func TestMarkedCellsKeepTheirColumn(t *testing.T) {
	pipes, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "2019", "qinghe-street-2020-pipes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const granted = "| （一）予以公开 |  | 5 | 1 | 0 | 0 | 0 | 0 | 6 |"
	if !strings.Contains(string(pipes), granted) {
		t.Fatal("the fixture changed: no granted row")
	}
	cases := []struct {
		cells    string
		want     [7]string // granted, natural_person … total
		rejected string    // the commercial cell's raw text, VALUE_REJECTED
	}{
		{"5 | 1① | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "1①"},
		{"5 | 1（注） | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "1（注）"},
		{"5 | 1注1 | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "1注1"},
		{"5 | 1[2] | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "1[2]"},
		{"5 | 不适用 | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "不适用"},
		{"5 | N/A | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "N/A"},
		{"5 | × | 0 | 0 | 0 | 0 | 6", [7]string{"5", "null", "0", "0", "0", "0", "6"}, "×"},
		{"5 | 1 | 零 | 〇 | 0 | 0 | 6", [7]string{"5", "1", "0", "0", "0", "0", "6"}, ""},
		{"5 | 1 | – | − | 0 | 0 | 6", [7]string{"5", "1", "null", "null", "0", "0", "6"}, ""},
	}
	apps := []string{"natural_person", "commercial", "research", "social", "legal", "other", "total"}
	for _, c := range cases {
		text := strings.Replace(string(pipes), granted, "| （一）予以公开 |  | "+c.cells+" |", 1)
		p := parseText("marked.txt", []byte(text))
		got := cellValues(p)
		for i, a := range apps {
			if cell := "s3.granted." + a; got[cell] != c.want[i] {
				t.Errorf("%s: %s = %s, want %s", c.cells, cell, got[cell], c.want[i])
			}
		}
		rejected := false
		for _, f := range p.Findings {
			if f.Rule == "VALUE_REJECTED" && f.Cell == "s3.granted.commercial" && f.Severity == schemas.SeverityError && deref(f.Actual) == c.rejected {
				rejected = true
			}
			if strings.HasPrefix(f.Cell, "s3.granted.") && f.Rule != "VALUE_REJECTED" {
				t.Errorf("%s: finding %s %s on the row: %s", c.cells, f.Rule, f.Cell, f.Message)
			}
		}
		if rejected != (c.rejected != "") {
			t.Errorf("%s: VALUE_REJECTED on s3.granted.commercial %v, want %v: %v", c.cells, rejected, c.rejected != "", p.Findings)
		}
	}
}

// TestNAWordOneCellPerLine: in a table printed one cell per line, a word
// for nothing (×, 不适用) alone on its line is a cell. Skipped as a label's
// piece, it left the row a cell short, and the empty line of the label's
// second column was read as a blank 自然人: every number stood one column
// off, with no finding.
func TestNAWordOneCellPerLine(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", "000_74ac7cc249356a73.txt"))
	if err != nil {
		t.Fatal(err)
	}
	apps := []string{"natural_person", "commercial", "research", "social", "legal", "other", "total"}
	for _, word := range []string{"×", "不适用", "N/A", "不涉及", "未统计", "见附件"} {
		ls := strings.Split(string(b), "\n")
		at := -1
		for i, l := range ls {
			if strings.Contains(l, "一、本年新收") {
				at = i
				break
			}
		}
		if at < 0 || strings.TrimSpace(strings.ReplaceAll(ls[at+2], "\u00a0", "")) != "0" {
			t.Fatal("the fixture changed: no new_received row of zeros")
		}
		ls[at+2] = "\t" + word // the commercial cell
		ls = slices.Insert(ls, at+1, "\t")
		p := parseText("naword.txt", []byte(strings.Join(ls, "\n")))
		got := cellValues(p)
		for _, a := range apps {
			want := "0"
			if a == "commercial" {
				want = "null"
			}
			if cell := "s3.new_received." + a; got[cell] != want {
				t.Errorf("%s: %s = %s, want %s", word, cell, got[cell], want)
			}
		}
		rejected := false
		for _, f := range p.Findings {
			if f.Rule == "VALUE_REJECTED" && f.Cell == "s3.new_received.commercial" && deref(f.Actual) == word {
				rejected = true
			}
		}
		if !rejected {
			t.Errorf("%s: no VALUE_REJECTED on s3.new_received.commercial: %v", word, p.Findings)
		}
	}
}

// TestS2WordsBeforeNumber: an HTML or Word row of section 二 printing words
// in its first cell (另见说明) and its last cell spanning two columns gives
// the words, the number, and the span's empty padding. The padding was
// taken for the last cell, blank, and the number for the first: 39 read
// as the previous year's count, with no finding. The row is now read as
// one whose numbers cannot be placed (S2_CELL_COUNT, null).
func TestS2WordsBeforeNumber(t *testing.T) {
	pipes, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "2019", "qinghe-street-2020-pipes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const fees = "| 行政事业性收费 | 0 | 0 |"
	if !strings.Contains(string(pipes), fees) {
		t.Fatal("the fixture changed: no fees row")
	}
	for _, c := range []struct {
		row        string
		prev, chg  string
		lostCounts bool
	}{
		{"| 行政事业性收费 | 另见说明 | 39 | |", "null", "null", true},
		// a word for nothing (isNAWord) is the first cell itself
		{"| 行政事业性收费 | 见附件 | 39 | |", "null", "39", false},
		{"| 行政事业性收费 | 12 | 39 | |", "12", "39", false},
		{"| 行政事业性收费 | 12 | | |", "12", "null", false},
	} {
		text := strings.Replace(string(pipes), fees, c.row, 1)
		p := transform.Parse(schemas.Document{ReportID: "x", SourcePath: "x.html", SourceFormat: "html",
			Encoding: "utf-8", Text: text, Tables: []schemas.Table{{Line: 1}}})
		got := cellValues(p)
		if got["s2.fees.prev_count"] != c.prev || got["s2.fees.change"] != c.chg {
			t.Errorf("%s: prev_count %s change %s, want %s %s", c.row, got["s2.fees.prev_count"], got["s2.fees.change"], c.prev, c.chg)
		}
		flagged := false
		for _, f := range p.Findings {
			if f.Rule == "S2_CELL_COUNT" && f.Cell == "s2.fees.*" && f.Severity == schemas.SeverityError {
				flagged = true
			}
		}
		if flagged != c.lostCounts {
			t.Errorf("%s: S2_CELL_COUNT error on s2.fees.* %v, want %v: %v", c.row, flagged, c.lostCounts, p.Findings)
		}
	}
}

// TestNAMarkerWithUnitOneCellPerLine: a report whose counts print their
// unit (5件) prints the marker for nothing with it too: /件. Alone on its
// line in a table printed one cell per line, it was taken for a piece of
// a label and skipped; the row was a cell short and the label's empty
// second-column line read as a blank 自然人, every number a column off,
// with no finding. It is now the marker: the cell is null, as / is, and
// the row's numbers keep their columns.
func TestNAMarkerWithUnitOneCellPerLine(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", "000_74ac7cc249356a73.txt"))
	if err != nil {
		t.Fatal(err)
	}
	apps := []string{"natural_person", "commercial", "research", "social", "legal", "other", "total"}
	for _, marker := range []string{"/件", "／件", "—项", "- 件"} {
		ls := strings.Split(string(b), "\n")
		at := -1
		for i, l := range ls {
			if strings.Contains(l, "一、本年新收") {
				at = i
				break
			}
		}
		if at < 0 || strings.TrimSpace(strings.ReplaceAll(ls[at+2], "\u00a0", "")) != "0" {
			t.Fatal("the fixture changed: no new_received row of zeros")
		}
		ls[at+2] = "\t" + marker // the commercial cell
		ls = slices.Insert(ls, at+1, "\t")
		p := parseText("naunit.txt", []byte(strings.Join(ls, "\n")))
		got := cellValues(p)
		for _, a := range apps {
			want := "0"
			if a == "commercial" {
				want = "null"
			}
			if cell := "s3.new_received." + a; got[cell] != want {
				t.Errorf("%s: %s = %s, want %s", marker, cell, got[cell], want)
			}
		}
		for _, f := range p.Findings {
			if strings.HasPrefix(f.Cell, "s3.new_received.") {
				t.Errorf("%s: finding %s %s: %s", marker, f.Rule, f.Cell, f.Message)
			}
		}
	}
}
