package transform_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestGluedRows: cells that lost their separators are split only where
// one split is possible under the template's arithmetic. 行政许可5 is a
// one-cell row; 规章000 splits one way; 规章101 several (1 0 1, 10 · 1 …)
// and stays null with GLUED_DIGITS; section 三's rows split by their row
// totals and the column totals; section 四's fifteen zeros one way (a
// blank cell would leave a 00).
func TestGluedRows(t *testing.T) {
	var codes []string
	for _, l := range s3Words2021 {
		codes = append(codes, l.code)
	}
	vals := sparseS3(codes)
	var s3 strings.Builder
	s3.WriteString(s3Head1 + "\n自然人法人或其他组织总计\n")
	for _, l := range s3Words2021 {
		s3.WriteString(strings.Join(l.labels, ""))
		for _, x := range vals[l.code] {
			s3.WriteString(itoa(x))
		}
		s3.WriteString("\n")
	}
	text := "某某区某某局2022年政府信息公开工作年度报告\n\n一、总体情况\n本机关2022年共收到政府信息公开申请若干件。\n\n" +
		"二、主动公开政府信息情况\n第二十条第（一）项\n信息内容本年制发件数本年废止件数现行有效件数\n规章000\n行政规范性文件101\n" +
		"第二十条第（五）项\n信息内容本年处理决定数量\n行政许可5\n第二十条第（六）项\n信息内容本年处理决定数量\n行政处罚17\n行政强制0\n" +
		"第二十条第（八）项\n信息内容本年收费金额（单位：万元）\n行政事业性收费0\n\n" +
		s3.String() + "\n四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n" +
		"结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉\n" +
		"结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计\n" +
		"000000000000000\n\n五、存在的主要问题及改进情况\n无。\n\n六、其他需要报告的事项\n无。\n"
	p := parseText("glued.txt", []byte(text))
	got := cellValues(p)
	want := map[string]string{
		"s2.regulations.issued": "0", "s2.regulations.abolished": "0", "s2.regulations.in_force": "0",
		"s2.normative.issued": "null", "s2.normative.abolished": "null", "s2.normative.in_force": "null",
		"s2.permit.decisions": "5", "s2.penalty.decisions": "17",
		"s4.review.upheld": "0", "s4.review.total": "0", "s4.suit_direct.upheld": "0", "s4.suit_after_review.total": "0",
	}
	// Section 三: every cell is the report's or null with GLUED_DIGITS on
	// its row; most rows split one way.
	sev := map[string]string{}
	for _, f := range p.Findings {
		if f.Rule == "GLUED_DIGITS" {
			sev[f.Cell] = f.Severity
		}
	}
	repaired := 0
	for _, c := range codes {
		switch sev["s3."+c+".*"] {
		case "repaired":
			repaired++
		case "error":
		default:
			t.Errorf("row %s: no GLUED_DIGITS finding", c)
		}
		for j, a := range schemas.Applicants {
			cell := schemas.ApplicationCell(c, a.Code)
			if g := got[cell]; g != itoa(vals[c][j]) && (g != "null" || sev["s3."+c+".*"] != "error") {
				t.Errorf("%s = %s, want %d", cell, g, vals[c][j])
			}
		}
	}
	if repaired < len(codes)*2/3 {
		t.Errorf("%d of %d rows of section 三 split, want most", repaired, len(codes))
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
	for cell, w := range map[string]string{"s2.regulations.*": "repaired", "s2.normative.*": "error",
		"s4.*": "repaired", "s2.permit.*": ""} {
		if sev[cell] != w {
			t.Errorf("GLUED_DIGITS on %s: %q, want %q", cell, sev[cell], w)
		}
	}
	if t.Failed() {
		t.Log(dump(p.Findings))
	}
}

func itoa(x int) string {
	if x == 0 {
		return "0"
	}
	s := ""
	for ; x > 0; x /= 10 {
		s = string(rune('0'+x%10)) + s
	}
	return s
}

// TestGluedMarkersMerged: a row glued as 3-----3 splits as 3 - - - - - 3,
// or with -- as one marker beside a blank cell: splits that differ only
// in the text of marked cells give the same values, and the rest of the
// table decides where the 3 stands (repaired; the marked cells null).
// When the rows that could tell are glued the same way, the 3 may stand
// in any column of the three together: all stay null.
func TestGluedMarkersMerged(t *testing.T) {
	var codes []string
	for _, l := range s3Words2021 {
		codes = append(codes, l.code)
	}
	vals := map[string][7]int{}
	for _, c := range codes {
		vals[c] = [7]int{}
	}
	for _, c := range []string{"new_received", "granted", "total"} {
		vals[c] = [7]int{3, 0, 0, 0, 0, 0, 3}
	}
	build := func(glued map[string]bool) string {
		var s3 strings.Builder
		s3.WriteString(s3Head1 + "\n自然人法人或其他组织总计\n")
		for _, l := range s3Words2021 {
			s3.WriteString(strings.Join(l.labels, ""))
			if glued[l.code] {
				s3.WriteString("3-----3\n")
				continue
			}
			for _, x := range vals[l.code] {
				s3.WriteString(itoa(x))
				s3.WriteString("\t")
			}
			s3.WriteString("\n")
		}
		return "某某区某某局2022年政府信息公开工作年度报告\n\n一、总体情况\n无。\n\n" + s3.String() +
			"\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"
	}
	for _, tc := range []struct {
		glued map[string]bool
		want  string // severity of GLUED_DIGITS on new_received
	}{
		{map[string]bool{"new_received": true}, "repaired"},
		{map[string]bool{"new_received": true, "granted": true, "total": true}, "error"},
	} {
		p := parseText("glued.txt", []byte(build(tc.glued)))
		got := cellValues(p)
		sev := ""
		for _, f := range p.Findings {
			if f.Rule == "GLUED_DIGITS" && f.Cell == "s3.new_received.*" {
				sev = f.Severity
			}
		}
		if sev != tc.want {
			t.Errorf("%d rows glued: GLUED_DIGITS %q, want %q", len(tc.glued), sev, tc.want)
		}
		for j, a := range schemas.Applicants {
			cell := schemas.ApplicationCell("new_received", a.Code)
			w := "null"
			if tc.want == "repaired" && (j == 0 || j == 6) {
				w = "3"
			}
			if got[cell] != w {
				t.Errorf("%d rows glued: %s = %s, want %s", len(tc.glued), cell, got[cell], w)
			}
		}
	}
}
