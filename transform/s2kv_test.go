package transform_test

import (
	"slices"
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

// TestS2KeyValueLines: section 二 printed as "label：value" lines, the
// label naming the item and the column (规章本年制发件数：62), or the item
// printed alone on the line above (行政许可 / 本年处理决定数量：8), or the
// item with its columns and values after one colon (规章：本年制发件数62，
// …). Those values were not read (S2_ROW_MISSING), and a page number
// printed among them was read as the only cell of the item whose label
// stood alone.
func TestS2KeyValueLines(t *testing.T) {
	p := parseText("kv2021", []byte(s2Section21(t,
		"| 第二十条第（一）项 |",
		"规章本年制发件数：62",
		"规章本年废止件数：214",
		"规章现行有效件数：239",
		"行政规范性文件：本年制发件数193，本年废止件数309，现行有效件数210",
		"| 第二十条第（五）项 |",
		"行政许可",
		"3",
		"本年处理决定数量：8",
		"| 第二十条第（六）项 |",
		"行政处罚本年处理决定数量：378",
		"行政强制：238件",
		"3",
		"| 第二十条第（八）项 |",
		"行政事业性收费本年收费金额（单位：万元）：512.57",
	)))
	want := map[string]string{
		"s2.regulations.issued": "62", "s2.regulations.abolished": "214", "s2.regulations.in_force": "239",
		"s2.normative.issued": "193", "s2.normative.abolished": "309", "s2.normative.in_force": "210",
		"s2.permit.decisions": "8", "s2.penalty.decisions": "378", "s2.compulsion.decisions": "238",
		"s2.fees.amount_yuan": `"5125700"`,
	}
	for cell, w := range want {
		if got := value(p, cell); got != w {
			t.Errorf("%s = %s, want %s\n%s", cell, got, w, dump(p.Findings))
		}
	}
	if fs := doubtsOn(p, "s2."); len(fs) != 0 {
		t.Errorf("want no finding on section 二, got\n%s", dump(fs))
	}

	p = parseText("kv2019", []byte(s2Section19(t,
		"第二十条第（一）项",
		"规章：本年新制作数量1，本年新公开数量2，对外公开总数量4",
		"规范性文件：本年新制作数量5，本年新公开数量6，对外公开总数量7",
		"第二十条第（五）项",
		"行政许可：上一年项目数量8，本年增/减-1，处理决定数量9",
		"其他对外管理服务事项：上一年项目数量10，本年增/减持平，处理决定数量11",
		"第二十条第（六）项",
		"行政处罚上一年项目数量：12", "行政处罚本年增/减：+2", "行政处罚处理决定数量：13",
		"行政强制上一年项目数量：14", "行政强制本年增/减：0", "行政强制处理决定数量：15",
		"第二十条第（八）项",
		"行政事业性收费上一年项目数量：16", "行政事业性收费本年增/减：-3",
		"第二十条第（九）项",
		"政府集中采购采购项目数量：17", "政府集中采购采购总金额：650.37万元",
	)))
	want = map[string]string{
		"s2.regulations.new_made": "1", "s2.regulations.total_published": "4", "s2.normative.new_published": "6",
		"s2.permit.change": "-1", "s2.permit.decisions": "9", "s2.other_services.change": "0",
		"s2.penalty.change": "2", "s2.compulsion.decisions": "15", "s2.fees.change": "-3",
		"s2.procurement.count": "17", "s2.procurement.amount_yuan": `"6503700"`,
	}
	for cell, w := range want {
		if got := value(p, cell); got != w {
			t.Errorf("2019: %s = %s, want %s\n%s", cell, got, w, dump(p.Findings))
		}
	}
	if fs := doubtsOn(p, "s2."); len(fs) != 0 {
		t.Errorf("2019: want no finding on section 二, got\n%s", dump(fs))
	}
}

// TestS2KeyValueUnsure: a "label：value" line is read only when its label
// names one cell of the template. Otherwise (an item of three columns
// with none named, a column the item lacks in this template) its value
// is not read and the item gets an S2_KEY_VALUE finding; an item printed
// so without a line for one of its columns has that cell null with an
// S2_KEY_VALUE error.
func TestS2KeyValueUnsure(t *testing.T) {
	p := parseText("kv2021", []byte(s2Section21(t,
		"第二十条第（一）项",
		"规章：62",
		"行政规范性文件本年制发件数：193",
		"行政规范性文件现行有效件数：210",
		"第二十条第（五）项",
		"行政许可上一年项目数量：5",
		"第二十条第（六）项",
		"行政处罚：378",
		"行政强制：238",
		"第二十条第（八）项",
		"行政事业性收费：1.5万元",
	)))
	for cell, w := range map[string]string{
		"s2.regulations.issued": "null", "s2.normative.issued": "193", "s2.normative.abolished": "null",
		"s2.normative.in_force": "210", "s2.permit.decisions": "null", "s2.penalty.decisions": "378",
		"s2.fees.amount_yuan": `"15000"`,
	} {
		if got := value(p, cell); got != w {
			t.Errorf("%s = %s, want %s\n%s", cell, got, w, dump(p.Findings))
		}
	}
	for cell, sev := range map[string]string{"s2.regulations.*": "warning", "s2.normative.abolished": "error", "s2.permit.*": "warning"} {
		found := false
		for _, f := range p.Findings {
			found = found || f.Cell == cell && f.Rule == "S2_KEY_VALUE" && f.Severity == sev
		}
		if !found {
			t.Errorf("%s: want an S2_KEY_VALUE %s, got\n%s", cell, sev, dump(findingsOn(p, "s2.")))
		}
	}
}

// TestS2KeyValueLabelWrappedBeforeColon: section 二 printed as "label：value"
// lines, one label wrapped before its colon: 行政规范性文件 alone on its
// line, then "：本年制发件数111，本年废止件数70，现行有效件数322". The line
// starting with its colon was no such line, and the item's three cells
// were null with no finding. It now goes with the label alone on the line
// above; after another item's "label：value" line (its own label lost) it
// names no item and gets an S2_KEY_VALUE finding instead.
func TestS2KeyValueLabelWrappedBeforeColon(t *testing.T) {
	lines := []string{
		"第二十条第（一）项",
		"规章：本年制发件数36，本年废止件数344，现行有效件数57",
		"行政规范性文件",
		"：本年制发件数111，本年废止件数70，现行有效件数322",
		"第二十条第（五）项",
		"行政许可：本年处理决定数量153",
		"第二十条第（六）项",
		"行政处罚：本年处理决定数量280",
		"行政强制：本年处理决定数量49",
		"第二十条第（八）项",
		"行政事业性收费：本年收费金额（单位：万元）788.65",
	}
	p := parseText("kvwrap", []byte(s2Section21(t, lines...)))
	for cell, w := range map[string]string{
		"s2.regulations.issued": "36", "s2.normative.issued": "111", "s2.normative.abolished": "70",
		"s2.normative.in_force": "322", "s2.permit.decisions": "153", "s2.compulsion.decisions": "49",
	} {
		if got := value(p, cell); got != w {
			t.Errorf("%s = %s, want %s\n%s", cell, got, w, dump(p.Findings))
		}
	}
	if fs := doubtsOn(p, "s2."); len(fs) != 0 {
		t.Errorf("want no finding on section 二, got\n%s", dump(fs))
	}

	// The label lost: the line follows 规章's own line.
	lost := append([]string(nil), lines...)
	lost = append(lost[:2], lost[3:]...)
	p = parseText("kvlost", []byte(s2Section21(t, lost...)))
	if got := value(p, "s2.regulations.issued"); got != "36" {
		t.Errorf("label lost: s2.regulations.issued = %s, want 36", got)
	}
	for _, cell := range []string{"s2.normative.issued", "s2.normative.abolished", "s2.normative.in_force"} {
		if got := value(p, cell); got != "null" {
			t.Errorf("label lost: %s = %s, want null", cell, got)
		}
	}
	found := false
	for _, f := range p.Findings {
		found = found || f.Cell == "s2.*" && f.Rule == "S2_KEY_VALUE" && f.Severity == "warning"
	}
	if !found {
		t.Errorf("label lost: want an S2_KEY_VALUE warning on s2.*, got\n%s", dump(findingsOn(p, "s2.")))
	}
}

// TestS2NegativeCountsAndAmounts: section 二 printing a count of documents
// or decisions, or an amount, below zero (−96, -12.5万元; a sign read
// where a dash or a note was meant). The values were kept as printed with
// no finding; only section 三 and 四's counts were checked. They are
// kept, with a NEGATIVE_COUNT warning; 本年增/减 may be negative.
func TestS2NegativeCountsAndAmounts(t *testing.T) {
	p := parseText("neg2019", []byte(s2Section19(t,
		"第二十条第（一）项",
		"规章：本年新制作数量1，本年新公开数量2，对外公开总数量4",
		"规范性文件：本年新制作数量−96，本年新公开数量6，对外公开总数量7",
		"第二十条第（五）项",
		"行政许可：上一年项目数量8，本年增/减-1，处理决定数量9",
		"其他对外管理服务事项：上一年项目数量10，本年增/减0，处理决定数量11",
		"第二十条第（六）项",
		"行政处罚：上一年项目数量12，本年增/减2，处理决定数量13",
		"行政强制：上一年项目数量14，本年增/减0，处理决定数量15",
		"第二十条第（八）项",
		"行政事业性收费：上一年项目数量16，本年增/减-3",
		"第二十条第（九）项",
		"政府集中采购：采购项目数量17，采购总金额-12.5万元",
	)))
	for cell, w := range map[string]string{
		"s2.normative.new_made": "-96", "s2.permit.change": "-1", "s2.fees.change": "-3",
		"s2.procurement.amount_yuan": `"-125000"`,
	} {
		if got := value(p, cell); got != w {
			t.Errorf("%s = %s, want %s\n%s", cell, got, w, dump(p.Findings))
		}
	}
	var negative []string
	for _, f := range p.Findings {
		if f.Rule == "NEGATIVE_COUNT" && f.Severity == "warning" {
			negative = append(negative, f.Cell)
		}
	}
	if want := []string{"s2.normative.new_made", "s2.procurement.amount_yuan"}; !slices.Equal(negative, want) {
		t.Errorf("NEGATIVE_COUNT on %v, want %v\n%s", negative, want, dump(findingsOn(p, "s2.")))
	}
}

// TestS2LabelWrappedAfterFirstWords: a section 二 row whose label wraps
// after its first word with the numbers beside it, 其他 121 74 67, then
// 对外管理服务事项 alone on the next line. 其他 was kept as a row the
// template lacks (S2_EXTRA_ROW, info) and 其他对外管理服务事项 read as a
// row printing no cell: its three cells null, with no finding. The two
// lines together make the template row's label, so the numbers are its.
func TestS2LabelWrappedAfterFirstWords(t *testing.T) {
	for _, layout := range []string{"tabs", "pipes"} {
		line := func(cells ...string) string { return strings.TrimSuffix(rowText(layout, cells, 1), "\n") }
		p := parseText(layout, []byte(s2Section19(t,
			"第二十条第（一）项",
			line("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
			line("规章", "1", "2", "4"),
			line("规范性文件", "5", "6", "7"),
			"第二十条第（五）项",
			line("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
			line("行政许可", "42", "334", "239"),
			line("其他", "121", "74", "67"),
			line("对外管理服务事项"),
			"第二十条第（六）项",
			line("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
			line("行政处罚", "55", "366", "18"),
			line("行政强制", "149", "155", "301"),
			"第二十条第（八）项",
			line("信息内容", "上一年项目数量", "本年增/减"),
			line("行政事业性收费", "166", "118"),
			"第二十条第（九）项",
			line("信息内容", "采购项目数量", "采购总金额"),
			line("政府集中采购", "14", "1087.5万元"),
		)))
		for cell, w := range map[string]string{
			"s2.other_services.prev_count": "121", "s2.other_services.change": "74", "s2.other_services.decisions": "67",
			"s2.permit.decisions": "239", "s2.penalty.prev_count": "55",
		} {
			if got := value(p, cell); got != w {
				t.Errorf("%s: %s = %s, want %s\n%s", layout, cell, got, w, dump(p.Findings))
			}
		}
		if fs := findingsOn(p, "s2."); len(fs) != 0 {
			t.Errorf("%s: want no finding on section 二, got\n%s", layout, dump(fs))
		}
	}
}
