package transform_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestS2ExtraRowColumns: a section 二 row the template lacks takes the
// columns of the block it is printed in, not the table's last block's:
// in the first block (three counts of documents) its numbers are counts,
// never the fees' or procurement's amount. When it prints more numbers
// than its block has columns, which column each is in is not known: they
// are col1…colN, a number is money only when it says so itself, and the
// finding says so. The template's own cells are read as before.
func TestS2ExtraRowColumns(t *testing.T) {
	seed := seedText(t, "003_16d68db4dbaa666b.txt")
	base := parseText("base.txt", []byte(seed))
	row := func(label string, vals ...string) []string {
		out := []string{"\t" + label}
		for _, v := range vals {
			out = append(out, "\t"+v)
		}
		return append(out, "")
	}
	// line 27 is the blank line after the first block's last row
	// (规范性文件, line 23); line 81 the one after 政府集中采购's amount
	// (line 80), the table's last row.
	if l := strings.Split(seed, "\n"); strings.TrimSpace(l[22]) != "规范性文件" || strings.TrimSpace(l[79]) != "362.24万元" || l[26] != "" || l[80] != "" {
		t.Fatalf("the seed's lines moved: %q, %q", l[22], l[79])
	}
	for _, c := range []struct {
		name  string
		edits map[int][]string
		want  []string // label metric count amount raw, of the extra rows in order
		fits  bool
	}{
		{"first block", map[int][]string{27: append([]string{""}, row("其他主动公开文件", "5", "6", "7")...)},
			[]string{"其他主动公开文件 new_made 5 - 5", "其他主动公开文件 new_published 6 - 6", "其他主动公开文件 total_published 7 - 7"}, true},
		{"last block, as many", map[int][]string{81: append([]string{""}, row("分散采购", "3", "12.5万元")...)},
			[]string{"分散采购 count 3 - 3", "分散采购 amount - 125000.00 12.5万元"}, true},
		{"last block, more numbers", map[int][]string{81: append([]string{""}, row("政策解读", "8", "9", "10万元")...)},
			[]string{"政策解读 col1 8 - 8", "政策解读 col2 9 - 9", "政策解读 col3 - 100000.00 10万元"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, c.edits)))
			var got []string
			for _, d := range p.Disclosures {
				if d.Item != "extra" {
					continue
				}
				count, amount := "-", "-"
				if d.Count != nil {
					count = fmt.Sprint(*d.Count)
				}
				if d.AmountYuan != nil {
					amount = d.AmountYuan.String()
				}
				got = append(got, strings.Join([]string{d.Label, d.Metric, count, amount, d.Raw}, " "))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("extra rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			var msgs []string
			for _, f := range p.Findings {
				if f.Rule == "S2_EXTRA_ROW" {
					msgs = append(msgs, f.Message)
				}
			}
			if len(msgs) != 1 || strings.Contains(msgs[0], "not known") == c.fits {
				t.Errorf("S2_EXTRA_ROW %q (the row fits its block: %v)", msgs, c.fits)
			}
			for cell, v := range cellValues(base) {
				if strings.HasPrefix(cell, "s2.extra.") {
					continue
				}
				if got := cellValues(p)[cell]; got != v {
					t.Errorf("%s = %s, was %s", cell, got, v)
				}
			}
			if p.Report.Status != base.Report.Status && p.Report.Status != schemas.StatusWarning {
				t.Errorf("status %s", p.Report.Status)
			}
		})
	}
}

// TestS2PageNumberUnsure: a section 二 row with one number too many, the
// last alone just before the next block's header, is read without that
// number (the page number a page break leaves there), and says so: if the
// number was a cell, the row's numbers stand a column off, which must not
// pass in silence. A row with its own count of numbers says nothing.
func TestS2PageNumberUnsure(t *testing.T) {
	seed := compulsionSeed(t)
	for _, c := range []struct {
		name  string
		edits map[int][]string
		want  string // the finding's actual, "" for none
	}{
		{"a page number after the row", map[int][]string{58: {"\t0", "\t7"}}, "7"},
		{"a number after the label", map[int][]string{55: {"\t行政强制", "\t3"}}, "0"},
		{"as printed", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(editLines(seed, c.edits)))
			var got []schemas.Finding
			for _, f := range p.Findings {
				if f.Rule == "S2_PAGE_NUMBER_UNSURE" {
					got = append(got, f)
				}
			}
			switch {
			case c.want == "" && len(got) > 0:
				t.Errorf("findings %+v", got)
			case c.want != "" && (len(got) != 1 || got[0].Cell != "s2.compulsion.*" || got[0].Severity != schemas.SeverityWarning ||
				got[0].Actual == nil || *got[0].Actual != c.want):
				t.Errorf("findings %+v, want one warning on s2.compulsion.* with actual %s", got, c.want)
			}
			if c.want != "" && p.Report.Status == schemas.StatusOK {
				t.Errorf("status ok")
			}
		})
	}
}

// TestS2ColumnOrder: a block whose header prints its columns in another
// order than the template's (本年新公开数量 before 本年新制作数量, each
// wrapped over two lines) is read by the header, with a warning naming the
// order; in the template's order it says nothing.
func TestS2ColumnOrder(t *testing.T) {
	seed := seedText(t, "000_74ac7cc249356a73.txt")
	if l := strings.Split(seed, "\n"); strings.TrimSpace(l[10]) != "制作数量" || strings.TrimSpace(l[12]) != "公开数量" || strings.TrimSpace(l[15]) != "规章" {
		t.Fatalf("the seed's lines moved: %q %q %q", l[10], l[12], l[15])
	}
	values := map[int][]string{17: {"\t5"}, 18: {"\t3"}, 19: {"\t40"}, 22: {"\t7"}, 23: {"\t2"}, 24: {"\t61"}}
	for _, c := range []struct {
		name    string
		swap    bool
		made    string // s2.regulations.new_made
		warning bool
	}{
		{"template order", false, "5", false},
		{"published before made", true, "3", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			edits := maps.Clone(values)
			if c.swap {
				edits[11], edits[13] = []string{"公开数量"}, []string{"制作数量"}
			}
			p := parseText("x.txt", []byte(editLines(seed, edits)))
			want := map[string]string{"s2.regulations.new_made": c.made, "s2.regulations.total_published": "40", "s2.normative.total_published": "61"}
			if c.swap {
				want["s2.regulations.new_published"], want["s2.normative.new_made"], want["s2.normative.new_published"] = "5", "2", "7"
			} else {
				want["s2.regulations.new_published"], want["s2.normative.new_made"], want["s2.normative.new_published"] = "3", "7", "2"
			}
			for cell, w := range want {
				if got := value(p, cell); got != w {
					t.Errorf("%s = %s, want %s", cell, got, w)
				}
			}
			var got []string
			for _, f := range p.Findings {
				if f.Rule == "S2_COLUMN_ORDER" {
					got = append(got, f.Cell+": "+f.Message)
				}
			}
			if !c.warning && len(got) > 0 || c.warning && (len(got) != 2 || !strings.Contains(got[0], "new_published, new_made, total_published")) {
				t.Errorf("S2_COLUMN_ORDER %q", got)
			}
		})
	}
}

// TestS3ColumnOrder: a section 三 header that prints the columns of
// 法人或其他组织 in another order (社会公益组织 before 科研机构) is read by
// the header, every row, with a warning naming the order, and findings on
// those columns' cells named for the header's columns; in the template's
// order nothing moves.
func TestS3ColumnOrder(t *testing.T) {
	seed := seedText(t, "000_74ac7cc249356a73.txt")
	if l := strings.Split(seed, "\n"); strings.TrimSpace(l[94]) != "科研机构" || strings.TrimSpace(l[95]) != "社会公益组织" || !strings.Contains(l[100], "本年新收") {
		t.Fatalf("the seed's lines moved: %q %q %q", l[94], l[95], l[100])
	}
	row := map[int][]string{102: {"\t1"}, 103: {"\t2"}, 104: {"\t3"}, 105: {"\t4"}, 106: {"\t5"}, 107: {"\t6"}, 108: {"\t21"}}
	for _, c := range []struct {
		name             string
		swap             bool
		research, social string
	}{
		{"template order", false, "3", "4"},
		{"social before research", true, "4", "3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			edits := maps.Clone(row)
			if c.swap {
				edits[95], edits[96] = []string{"\t社会公益组织"}, []string{"\t科研机构"}
			}
			p := parseText("x.txt", []byte(editLines(seed, edits)))
			for cell, w := range map[string]string{"s3.new_received.natural_person": "1", "s3.new_received.commercial": "2",
				"s3.new_received.research": c.research, "s3.new_received.social": c.social, "s3.new_received.legal": "5",
				"s3.new_received.other": "6", "s3.new_received.total": "21"} {
				if got := value(p, cell); got != w {
					t.Errorf("%s = %s, want %s", cell, got, w)
				}
			}
			var order []string
			balance := map[string]string{} // the column checks' cell → actual and message
			for _, f := range p.Findings {
				if f.Rule == "S3_COLUMN_ORDER" {
					order = append(order, f.Message)
				}
				if f.Rule == "S3_BALANCE" && f.Actual != nil {
					balance[f.Cell] = *f.Actual + " " + f.Message
				}
			}
			// The balance of each column (new_received alone printed, so it
			// fails) runs over the cells as the header names them.
			for cell, want := range map[string]string{"s3.total.research": c.research + " 勾稽关系 fails for research",
				"s3.total.social": c.social + " 勾稽关系 fails for social"} {
				if !strings.HasPrefix(balance[cell], want) {
					t.Errorf("S3_BALANCE %s: %q, want %q…", cell, balance[cell], want)
				}
			}
			if c.swap != (len(order) == 1) || c.swap && !strings.Contains(order[0], "commercial, social, research, legal, other") {
				t.Errorf("S3_COLUMN_ORDER %q", order)
			}
		})
	}
}

// TestS4ColumnOrder: a section 四 header printing 结果纠正 before 结果维持
// in each proceeding is read by the header, with a warning; printed in
// the template's order it says nothing. A header printing 总计 first in
// each proceeding is read so too: read last, its number went to 尚未审结
// and each cell after it a column on, with only the sums' warnings, which
// blamed the report.
func TestS4ColumnOrder(t *testing.T) {
	seed := seedText(t, "004_77c3b53386b2261e.txt")
	lines := strings.Split(seed, "\n")
	if !strings.HasPrefix(lines[85], "结果维持\t结果纠正") || strings.Count(lines[86], "结果维持\t结果纠正") != 2 || strings.Count(lines[87], "0") != 16 {
		t.Fatalf("the seed's lines moved: %q %q %q", lines[85], lines[86], lines[87])
	}
	const template = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
	vals := "1\t2\t3\t4\t10\t5\t6\t7\t8\t26\t9\t10\t11\t12\t42"
	for _, c := range []struct {
		name              string
		from, to          string // the header's columns, as printed
		vals              string
		order             string // in S4_COLUMN_ORDER's message, "" for none
		upheld, corrected string // s4.review.*
	}{
		{"template order", "", "", vals, "", "1", "2"},
		{"corrected before upheld", "结果维持\t结果纠正", "结果纠正\t结果维持", vals, "corrected, upheld, other, pending, total", "2", "1"},
		{"total first", template, "总计\t结果维持\t结果纠正\t其他结果\t尚未审结",
			"10\t1\t2\t3\t4\t26\t5\t6\t7\t8\t42\t9\t10\t11\t12", "total, upheld, corrected, other, pending", "1", "2"},
		{"total first, corrected before upheld", template, "总计\t结果纠正\t结果维持\t其他结果\t尚未审结",
			"10\t2\t1\t3\t4\t26\t6\t5\t7\t8\t42\t10\t9\t11\t12", "total, corrected, upheld, other, pending", "1", "2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			edits := map[int][]string{88: {c.vals}}
			if c.from != "" {
				for _, l := range []int{86, 87} {
					edits[l] = []string{strings.ReplaceAll(lines[l-1], c.from, c.to)}
				}
			}
			p := parseText("x.txt", []byte(editLines(seed, edits)))
			for cell, w := range map[string]string{"s4.review.upheld": c.upheld, "s4.review.corrected": c.corrected, "s4.review.total": "10",
				"s4.suit_direct.pending": "8", "s4.suit_after_review.other": "11", "s4.suit_after_review.total": "42"} {
				if got := value(p, cell); got != w {
					t.Errorf("%s = %s, want %s", cell, got, w)
				}
			}
			var got []string
			for _, f := range p.Findings {
				if f.Rule == "S4_COLUMN_ORDER" {
					got = append(got, f.Message)
				}
				if f.Rule == "S4_TOTAL" {
					t.Errorf("%s %s", f.Cell, f.Message)
				}
			}
			if (c.order != "") != (len(got) == 1) || c.order != "" && !strings.Contains(got[0], "order "+c.order+", not") {
				t.Errorf("S4_COLUMN_ORDER %q", got)
			}
		})
	}
}

// TestS2LabelHoldsNumbers: a row whose numbers ran into its label in a way
// that cannot be split (行政强制3+60) says so, not that it printed none.
func TestS2LabelHoldsNumbers(t *testing.T) {
	seed := seedText(t, "000_74ac7cc249356a73.txt")
	p := parseText("x.txt", []byte(editLines(seed, map[int][]string{55: {"\t行政强制3+60"}, 56: nil, 57: nil, 58: nil})))
	for _, f := range p.Findings {
		if f.Cell == "s2.compulsion.*" && f.Rule == "S2_CELL_COUNT" {
			if !strings.Contains(f.Message, `its label "行政强制3+60" holds digits`) {
				t.Errorf("%s", f.Message)
			}
			return
		}
	}
	t.Errorf("no S2_CELL_COUNT on s2.compulsion.*: %+v", findingsOn(p, "s2.compulsion"))
}

// TestS2MoneyNotACount: a section 二 row printing one number for its two
// columns (采购项目数量 · 采购总金额) where that number says it is money
// (362.24万元) gives it to the money column and leaves the count null with
// the row's finding, in the layout that reads blank cells as empty
// paragraphs (seed 003) too: never the amount in the count column,
// rejected there, and the money column null in silence.
func TestS2MoneyNotACount(t *testing.T) {
	seed := seedText(t, "003_16d68db4dbaa666b.txt")
	if l := strings.Split(seed, "\n"); strings.TrimSpace(l[78]) != "80" || strings.TrimSpace(l[79]) != "362.24万元" {
		t.Fatalf("the seed's lines moved: %q %q", l[78], l[79])
	}
	p := parseText("x.txt", []byte(editLines(seed, map[int][]string{79: nil})))
	if got := value(p, "s2.procurement.amount_yuan"); got != `"3622400"` {
		t.Errorf("amount_yuan = %s, want 3622400", got)
	}
	if got := value(p, "s2.procurement.count"); got != "null" {
		t.Errorf("count = %s, want null", got)
	}
	fs := findingsOn(p, "s2.procurement")
	if len(fs) != 1 || fs[0].Rule != "S2_CELL_COUNT" || fs[0].Cell != "s2.procurement.*" {
		t.Errorf("findings %+v, want S2_CELL_COUNT on the row", fs)
	}
}

// TestS2CellsNoNumber: a section 二 row whose cells print text with digits
// that is no number (119项*, 120(注1)) keeps them in their columns, each
// rejected with what it printed (raw, VALUE_REJECTED): never taken for
// the rest of the label, which left the row null in silence with status
// ok. A soft hyphen in a number (119&shy;, U+00AD) prints nothing: the
// number is read.
func TestS2CellsNoNumber(t *testing.T) {
	seed := seedText(t, "004_77c3b53386b2261e.txt")
	if l := strings.Split(seed, "\n"); l[30] != "行政许可\t0\t0\t0" {
		t.Fatalf("the seed's lines moved: %q", l[30])
	}
	p := parseText("x.txt", []byte(editLines(seed, map[int][]string{31: {"行政许可\t119项*\t120(注1)\t7项*"}})))
	want := map[string]string{"s2.permit.prev_count": "119项*", "s2.permit.change": "120(注1)", "s2.permit.decisions": "7项*"}
	for _, d := range p.Disclosures {
		if w, ok := want[d.Cell]; ok && (d.Count != nil || d.Raw != w) {
			t.Errorf("%s: count %v raw %q, want null and %q", d.Cell, d.Count, d.Raw, w)
		}
	}
	rejected := map[string]bool{}
	for _, f := range p.Findings {
		if f.Rule == "VALUE_REJECTED" {
			rejected[f.Cell] = true
		}
	}
	for cell := range want {
		if !rejected[cell] {
			t.Errorf("%s: no VALUE_REJECTED (findings %+v)", cell, findingsOn(p, "s2.permit"))
		}
	}
	if p.Report.Status != schemas.StatusError {
		t.Errorf("status %s", p.Report.Status)
	}

	p = parseText("x.txt", []byte(editLines(seed, map[int][]string{31: {"行政许可\t119\u00ad\t120\t7\u00ad"}})))
	for cell, w := range map[string]string{"s2.permit.prev_count": "119", "s2.permit.change": "120", "s2.permit.decisions": "7"} {
		if got := value(p, cell); got != w {
			t.Errorf("soft hyphen: %s = %s, want %s", cell, got, w)
		}
	}
}

// TestS2RemarkNoCell: a remark after a row's numbers that cites a number
// (其中2项已下放) is no cell: a full row is read as printed, and a row
// with a number missing stays null under S2_CELL_COUNT rather than take
// the remark for a cell and the numbers for the first columns.
func TestS2RemarkNoCell(t *testing.T) {
	seed := seedText(t, "004_77c3b53386b2261e.txt")
	p := parseText("x.txt", []byte(editLines(seed, map[int][]string{31: {"行政许可\t5\t1\t3\t其中2项已下放"}})))
	for cell, w := range map[string]string{"s2.permit.prev_count": "5", "s2.permit.change": "1", "s2.permit.decisions": "3"} {
		if got := value(p, cell); got != w {
			t.Errorf("full row: %s = %s, want %s", cell, got, w)
		}
	}
	p = parseText("x.txt", []byte(editLines(seed, map[int][]string{31: {"行政许可\t5\t3\t其中2项已下放"}})))
	for _, cell := range []string{"s2.permit.prev_count", "s2.permit.change", "s2.permit.decisions"} {
		if got := value(p, cell); got != "null" {
			t.Errorf("a number missing: %s = %s, want null", cell, got)
		}
	}
	if fs := findingsOn(p, "s2.permit"); len(fs) != 1 || fs[0].Rule != "S2_CELL_COUNT" {
		t.Errorf("a number missing: findings %+v", fs)
	}
}
