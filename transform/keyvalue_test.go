package transform

import "testing"

// TestS2MetricWordsNameOneColumn: every wording a "label：value" line may
// name its column by names exactly one column of section 二.
func TestS2MetricWordsNameOneColumn(t *testing.T) {
	for _, w := range s2MetricWords {
		if s2ColumnKey(w) < 0 {
			t.Errorf("%s names no single column", w)
		}
	}
}

// TestSplitKeyValue: what a cell of section 二 prints as "label：value",
// and what it does not.
func TestSplitKeyValue(t *testing.T) {
	for _, c := range []struct {
		cell, label string
		pieces      int
	}{
		{"规章本年制发件数：62", "规章", 1},
		{"本年处理决定数量：8", "", 1},
		{"行政许可：8", "行政许可", 1},
		{"第二十条第（五）项：行政许可：8", "行政许可", 1},
		{"规章：本年制发件数62，本年废止件数214，现行有效件数239", "规章", 3},
		{"行政事业性收费本年收费金额（单位：万元）：512.57", "行政事业性收费", 1},
		{"本年收费金额（单位：万元）", "", 0},
		{"行政许可：", "", 0},
		{"信息内容：本年处理决定数量", "", 0},
		{"全年共处理行政许可：123件，行政处罚：45件。", "", 0},
		{"其中：行政许可：5", "", 0},
	} {
		cc := compact(c.cell)
		label, pieces, ok := splitKeyValue(cc, c.cell)
		if ok != (c.pieces > 0) || len(pieces) != c.pieces || ok && label != c.label {
			t.Errorf("%s: got %q %v %v, want %q with %d pieces", c.cell, label, pieces, ok, c.label, c.pieces)
		}
	}
}
