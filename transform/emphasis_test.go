package transform_test

import (
	"strings"
	"testing"
)

// emphasisSeed is seed 004, a tab layout whose section 二 prints 规章 on
// line 27 and whose section 三 prints 3.危及“三安全一稳定” on line 61, every
// number 0: the lines the tests of wrapped numbers edit.
func emphasisSeed(t *testing.T) string {
	t.Helper()
	seed := seedText(t, "004_77c3b53386b2261e.txt")
	l := strings.Split(seed, "\n")
	if l[26] != "规章\t0\t0\t0" || l[60] != "\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0" {
		t.Fatalf("the seed's lines moved: %q %q", l[26], l[60])
	}
	return seed
}

// TestEmphasisedNumberRead: a number in Markdown emphasis (**5**, __5__),
// as scrapers print a report page turned into Markdown, was rejected in
// its column (VALUE_REJECTED, null): the bold is how the page showed the
// number, not part of it. It is read as the number inside now, and a
// marker in bold (**/**) as the marker. A star on one side only (5*) is
// still a cell the normalizer rejects.
func TestEmphasisedNumberRead(t *testing.T) {
	seed := emphasisSeed(t)
	for _, c := range []struct {
		name, row string
		want      [3]string
		rejected  bool
	}{
		{"plain", "| 规章 | 5 | 1 | 2 |", [3]string{"5", "1", "2"}, false},
		{"bold", "| 规章 | **5** | **1** | **2** |", [3]string{"5", "1", "2"}, false},
		{"underscores", "| 规章 | __5__ | __1__ | __2__ |", [3]string{"5", "1", "2"}, false},
		{"bold label", "| **规章** | **5** | **0** | **12** |", [3]string{"5", "0", "12"}, false},
		{"bold marker", "| 规章 | **/** | **5** | **—** |", [3]string{"null", "5", "null"}, false},
		{"star after", "| 规章 | 5* | 1* | 2* |", [3]string{"null", "null", "null"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, map[int][]string{27: {c.row}})))
			for k, m := range []string{"new_made", "new_published", "total_published"} {
				cell := "s2.regulations." + m
				if got := hasFinding(p, "VALUE_REJECTED", cell); got != c.rejected {
					t.Errorf("VALUE_REJECTED on %s: %v, want %v", cell, got, c.rejected)
				}
				if got := value(p, cell); got != c.want[k] {
					t.Errorf("%s = %s, want %s", cell, got, c.want[k])
				}
				if !c.rejected && len(doubtsOn(p, cell)) > 0 {
					t.Errorf("findings on %s: %+v", cell, doubtsOn(p, cell))
				}
			}
		})
	}
}

// TestQuotedNumberRead: numbers printed in quotation marks (“18561”) were
// text, a label's rest, and a section 三 row printing them all read as a
// row with no number (S3_CELL_COUNT, null). Each is read as the number
// inside; the label's own quotes (危及“三安全一稳定”) still name the row.
func TestQuotedNumberRead(t *testing.T) {
	seed := emphasisSeed(t)
	for _, c := range []struct{ name, row string }{
		{"curly", "\t\t3.危及“三安全一稳定”\t“7”\t“0”\t“1”\t“0”\t“0”\t“2”\t“10”"},
		{"straight", "\t\t3.危及“三安全一稳定”\t\"7\"\t\"0\"\t\"1\"\t\"0\"\t\"0\"\t\"2\"\t\"10\""},
		{"corner", "\t\t3.危及“三安全一稳定”\t「7」\t「0」\t「1」\t「0」\t「0」\t「2」\t「10」"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, map[int][]string{61: {c.row}})))
			want := map[string]string{"natural_person": "7", "commercial": "0", "research": "1", "other": "2", "total": "10"}
			for a, v := range want {
				cell := "s3.denied.three_safety." + a
				if got := value(p, cell); got != v {
					t.Errorf("%s = %s, want %s", cell, got, v)
				}
			}
			if d := doubtsOn(p, "s3.denied.three_safety."); len(d) > 0 {
				t.Errorf("findings on the row: %+v", d)
			}
		})
	}
}

// TestApostropheGroupedNumberKeepsColumn: 1'234 (an apostrophe between
// digits, a thousands separator to some and a decimal point to others)
// was text, and its row read a cell short: every cell of it null. It is
// a cell now, which the normalizer rejects (null, VALUE_REJECTED), and
// the other numbers of the row keep their columns.
func TestApostropheGroupedNumberKeepsColumn(t *testing.T) {
	seed := emphasisSeed(t)
	for _, mark := range []string{"'", "’"} {
		t.Run(mark, func(t *testing.T) {
			row := "\t\t3.危及“三安全一稳定”\t1" + mark + "234\t0\t1\t0\t0\t2\t1" + mark + "237"
			checkGroupedRow(t, seed, row)
		})
	}
}

// checkGroupedRow parses seed with row as its three_safety row, which
// prints 1 234 (or 1'234) first and 1 237 last, grouped: those two cells
// are null with VALUE_REJECTED, and the five between keep their columns.
func checkGroupedRow(t *testing.T, seed, row string) {
	t.Helper()
	p := parseText("x.txt", []byte(editLines(seed, map[int][]string{61: {row}})))
	for _, a := range []string{"natural_person", "total"} {
		cell := "s3.denied.three_safety." + a
		if value(p, cell) != "null" || !hasFinding(p, "VALUE_REJECTED", cell) {
			t.Errorf("%s = %s, want null with VALUE_REJECTED", cell, value(p, cell))
		}
	}
	want := map[string]string{"commercial": "0", "research": "1", "social": "0", "legal": "0", "other": "2"}
	for a, v := range want {
		cell := "s3.denied.three_safety." + a
		if got := value(p, cell); got != v {
			t.Errorf("%s = %s, want %s", cell, got, v)
		}
	}
}

// TestSpaceGroupedNumberInTabRowKeepsColumn: in a row whose cells are
// split by tabs or '|', a number grouped with a space (1 234) was split
// into two cells, and its row, a cell too long, left null. The row's
// separators say where the cell ends: it is one cell, which the
// normalizer rejects (a space inside a number is 1234 to some and two
// numbers to others), and the other numbers keep their columns.
func TestSpaceGroupedNumberInTabRowKeepsColumn(t *testing.T) {
	seed := emphasisSeed(t)
	for _, c := range []struct{ name, row string }{
		{"tab", "\t\t3.危及“三安全一稳定”\t1 234\t0\t1\t0\t0\t2\t1 237"},
		{"pipe", "| | 3.危及“三安全一稳定” | 1 234 | 0 | 1 | 0 | 0 | 2 | 1 237 |"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkGroupedRow(t, seed, c.row)
		})
	}
}

// TestSpacedRowAfterTabLabelStillSplit: a row whose numbers all stand in
// one field after its label's tab, split by single spaces, is split into
// its cells as before, even when the numbers line up as one grouped with
// spaces (100 100 … 600): only a row whose numbers the tabs split keeps
// such a field whole. (Kept whole, the row would be put back together
// from its run of digits, a repair, at best.)
func TestSpacedRowAfterTabLabelStillSplit(t *testing.T) {
	seed := emphasisSeed(t)
	row := "\t\t3.危及“三安全一稳定”\t100 100 100 100 100 100 600"
	p := parseText("x.txt", []byte(editLines(seed, map[int][]string{61: {row}})))
	for _, a := range []string{"natural_person", "commercial", "research", "social", "legal", "other"} {
		cell := "s3.denied.three_safety." + a
		if got := value(p, cell); got != "100" {
			t.Errorf("%s = %s, want 100", cell, got)
		}
	}
	if got := value(p, "s3.denied.three_safety.total"); got != "600" {
		t.Errorf("total = %s, want 600", got)
	}
	// read as printed, not put back together from one run of digits
	if d := doubtsOn(p, "s3.denied.three_safety."); len(d) > 0 {
		t.Errorf("findings on the row: %+v", d)
	}
}
