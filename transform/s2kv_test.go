package transform_test

import (
	"strings"
	"testing"
)

// s2Section21 is a 2021 section 二 printed as the given lines, spliced
// into a report whose sections 三 and 四 read whole.
func s2Section21(t *testing.T, lines ...string) string {
	t.Helper()
	return spliceSections(t, s2Base(t, "2021"), strings.Join(lines, "\n"), "")
}

// TestS2RowClosedAtNextBlock: a row that printed no number stays open
// across its own block's header, not across the next block's 第二十条
// line. A bare number printed after that line (here a page number) was
// read as the row's only cell, in silence.
func TestS2RowClosedAtNextBlock(t *testing.T) {
	for _, layout := range []string{"tabs", "pipes", "percell"} {
		line := func(cells ...string) string { return strings.TrimSuffix(rowText(layout, cells, 1), "\n") }
		p := parseText(layout, []byte(s2Section21(t,
			"第二十条第（一）项",
			line("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
			line("规章", "1", "2", "4"),
			line("行政规范性文件", "5", "6", "7"),
			"第二十条第（五）项",
			line("信息内容", "本年处理决定数量"),
			line("行政许可"),
			"第二十条第（六）项",
			line("信息内容", "本年处理决定数量"),
			"3",
			line("行政处罚", "10"),
			line("行政强制", "11"),
			"第二十条第（八）项",
			line("信息内容", "本年收费金额（单位：万元）"),
			line("行政事业性收费", "1.5"),
		)))
		if got := value(p, "s2.permit.decisions"); got != "null" {
			t.Errorf("%s: s2.permit.decisions = %s, want null (the 3 after the next block's line is none of its)\n%s", layout, got, dump(p.Findings))
		}
		for cell, want := range map[string]string{"s2.penalty.decisions": "10", "s2.compulsion.decisions": "11",
			"s2.regulations.in_force": "4", "s2.fees.amount_yuan": `"15000"`} {
			if got := value(p, cell); got != want {
				t.Errorf("%s: %s = %s, want %s\n%s", layout, cell, got, want, dump(p.Findings))
			}
		}
	}
}

// TestS2CellFullStop: a number followed by 。 in a table printed one cell
// per line is a cell of the row it stands in, which the normalizer
// rejects with what it printed (VALUE_REJECTED), as it rejects 119项* on a
// row's line; it was taken for text that ends the row, which left the
// cell null with no finding. The cells after it keep their columns.
func TestS2CellFullStop(t *testing.T) {
	p := parseText("fullstop", []byte(s2Section21(t,
		"第二十条第（一）项", "", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "",
		"规章", "1", "2。", "4", "",
		"行政规范性文件", "5", "6", "7", "",
		"第二十条第（五）项", "", "信息内容", "本年处理决定数量", "",
		"行政许可", "9", "",
		"第二十条第（六）项", "", "信息内容", "本年处理决定数量", "",
		"行政处罚", "10", "",
		"行政强制", "289。", "",
		"第二十条第（八）项", "", "信息内容", "本年收费金额（单位：万元）", "",
		"行政事业性收费", "1.5",
	)))
	for cell, want := range map[string]string{"s2.regulations.issued": "1", "s2.regulations.abolished": "null",
		"s2.regulations.in_force": "4", "s2.penalty.decisions": "10", "s2.compulsion.decisions": "null",
		"s2.fees.amount_yuan": `"15000"`} {
		if got := value(p, cell); got != want {
			t.Errorf("%s = %s, want %s\n%s", cell, got, want, dump(p.Findings))
		}
	}
	for _, cell := range []string{"s2.regulations.abolished", "s2.compulsion.decisions"} {
		if fs := findingsOn(p, cell); len(fs) != 1 || fs[0].Rule != "VALUE_REJECTED" {
			t.Errorf("%s: want one VALUE_REJECTED, got\n%s", cell, dump(fs))
		}
	}
}

// s2Section19 is a 2019 section 二 printed as the given lines, spliced
// into a report whose sections 三 and 四 read whole.
func s2Section19(t *testing.T, lines ...string) string {
	t.Helper()
	return spliceSections(t, s2Base(t, "2019"), strings.Join(lines, "\n"), "")
}

// TestS2ValuesBelowLabels: a block that prints its row labels first and
// then a line of numbers per row. The reader gave all the numbers to the
// last label, and the rows above were read as printed blank: null with
// no finding. A page's number may stand between the labels. When the lines are as many as the labels and each has a
// number per column, they are the rows' in order; otherwise the rows
// above the last are null with an S2_CELL_COUNT error.
func TestS2ValuesBelowLabels(t *testing.T) {
	for _, layout := range []string{"tabs", "pipes"} {
		line := func(cells ...string) string { return strings.TrimSuffix(rowText(layout, cells, 1), "\n") }
		p := parseText(layout, []byte(s2Section19(t,
			"第二十条第（一）项",
			line("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
			line("规章"), line("规范性文件"),
			line("311", "259", "384"), line("277", "330", "131"),
			"第二十条第（五）项",
			line("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
			line("行政许可"), "- 3 -", line("其他对外管理服务事项"), "",
			line("32", "198", "250"), line("8", "328", "305"),
			"第二十条第（六）项",
			line("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
			line("行政处罚"), line("行政强制"),
			// not a line per row: whose numbers are whose is not told
			line("257", "141", "192", "157"), line("254", "229"),
			"第二十条第（八）项",
			line("信息内容", "上一年项目数量", "本年增/减"),
			line("行政事业性收费", "394", "289"),
			"第二十条第（九）项",
			line("信息内容", "采购项目数量", "采购总金额"),
			line("政府集中采购", "180", "650.37万元"),
		)))
		for cell, want := range map[string]string{
			"s2.regulations.new_made": "311", "s2.regulations.total_published": "384",
			"s2.normative.new_made": "277", "s2.normative.total_published": "131",
			"s2.permit.prev_count": "32", "s2.permit.decisions": "250",
			"s2.other_services.prev_count": "8", "s2.other_services.decisions": "305",
			"s2.penalty.prev_count": "null", "s2.compulsion.prev_count": "null", "s2.fees.change": "289",
		} {
			if got := value(p, cell); got != want {
				t.Errorf("%s: %s = %s, want %s\n%s", layout, cell, got, want, dump(p.Findings))
			}
		}
		for _, item := range []string{"regulations", "normative", "permit", "other_services"} {
			if fs := doubtsOn(p, "s2."+item); len(fs) != 0 {
				t.Errorf("%s: %s: want no finding, got\n%s", layout, item, dump(fs))
			}
		}
		for _, item := range []string{"penalty", "compulsion"} {
			if fs := doubtsOn(p, "s2."+item); len(fs) != 1 || fs[0].Rule != "S2_CELL_COUNT" || fs[0].Severity != "error" {
				t.Errorf("%s: %s: want one S2_CELL_COUNT error, got\n%s", layout, item, dump(fs))
			}
		}
	}
}
