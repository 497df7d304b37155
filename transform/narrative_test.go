package transform

import (
	"os"
	"strings"
	"testing"
)

// TestNarrativeAsWritten checks the summary against the tables with
// sentences as real reports write them. The base report's tables say: 12
// requests received (new_received.total), none carried over from the year
// before, one administrative review, no lawsuit.
func TestNarrativeAsWritten(t *testing.T) {
	b, err := os.ReadFile("../testdata/reports/2019/qinghe-street-2020-pipes.txt")
	if err != nil {
		t.Fatal(err)
	}
	base := string(b)
	const said = "（二）依申请公开。2020年共收到政府信息公开申请12件，上年结转0件，已按法定时限办结11件，结转下年度继续办理1件。"
	if !strings.Contains(base, said) {
		t.Fatal("base report's summary changed")
	}
	cases := []struct {
		summary string
		want    int // NARRATIVE_MISMATCH findings
	}{
		{said, 0},
		{"全年共受理政府信息公开申请12件，其中当面申请3件，网络申请9件。", 0},
		{"其中当面申请3件，网络申请9件，全年共受理政府信息公开申请12件。", 0},
		{"全年通过网络平台受理申请9件，信函申请3件，合计12件。", 0},
		{"全年共收到政府信息公开申请12件，较2019年的15件减少3件。", 0},
		{"全年收到政府信息公开申请较2019年的15件减少3件，共12件。", 0},
		{"全年共收到政府信息公开申请十二件，均已按时答复。", 0},
		{"全年共收到政府信息公开申请12件（含上年结转0件）。", 0},
		{"全年共受理政府信息公开申请14件，其中本年新收12件，上年结转2件。", 0},
		{"本年度因政府信息公开申请引发行政复议1件、行政诉讼0件。", 0},
		{"本年度因政府信息公开申请引发行政复议一件，未发生行政诉讼。", 0},
		{"因政府信息公开引发的行政复议和行政诉讼共1件。", 0},
		{"全年共收到政府信息公开申请一十二件。", 0},
		// real mismatches
		{"全年共收到政府信息公开申请13件，其中当面申请3件，网络申请10件。", 1},
		{"全年共收到政府信息公开申请十三件。", 1},
		{"全年未收到政府信息公开申请。", 1},
		{"本年度因政府信息公开申请引发行政复议0件、行政诉讼1件。", 2},
		{"本年度发生政府信息公开行政复议两件。", 1},
		{"全年未发生因政府信息公开引起的行政复议、行政诉讼案件。", 1},
		{"因政府信息公开引发的行政复议和行政诉讼共2件。", 1},
		{"因政府信息公开引发的行政复议、行政诉讼各1件。", 1},
	}
	for _, c := range cases {
		p := Parse(docOf(strings.Replace(base, said, c.summary, 1)))
		var got []string
		for _, f := range p.Findings {
			if f.Rule == "NARRATIVE_MISMATCH" {
				got = append(got, f.Message)
			}
		}
		if len(got) != c.want {
			t.Errorf("%q: %d mismatch findings, want %d: %q", c.summary, len(got), c.want, got)
		}
	}
}

func TestSummaryNumber(t *testing.T) {
	for in, want := range map[string]int64{"12": 12, "十二": 12, "一十二": 12, "两": 2, "二十": 20, "十": 10,
		"一百零五": 105, "一百一十": 110, "零": 0, "三千二百": 3200} {
		if got, ok := summaryNumber(in); !ok || got != want {
			t.Errorf("%s: %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"百", "十十", "千百万", ""} {
		if got, ok := summaryNumber(in); ok {
			t.Errorf("%s: %d, want no number", in, got)
		}
	}
}
