package transform_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

func hasFinding(p *schemas.Parsed, rule, cell string) bool {
	for _, f := range p.Findings {
		if f.Rule == rule && (cell == "" || f.Cell == cell) {
			return true
		}
	}
	return false
}

// TestSpacedWrapOrRow: pdftotext -layout prints nothing for a blank cell,
// so a row label alone on its line followed by text with numbers is
// either a label wrapped with its numbers beside its second line, or a
// blank row followed by a row the template lacks. What tells them apart
// decides; what does not is flagged, never silent.
func TestSpacedWrapOrRow(t *testing.T) {
	base := s3Words2021
	vals := s3Values(codesOf(base))
	cases := []struct {
		name   string
		code   string   // the row printed blank on its first line
		first  []string // its labels on the first line
		second string   // the text on the next line, with the row's numbers
		own    bool     // the numbers are the row's
		rule   string   // a finding that must be made ("" for none of ours)
		// blankNext prints the row after it blank too: the numbers of a
		// row of its own are not handed on to it
		blankNext bool
	}{
		{"wrapped end", "unavailable.not_held", []string{"", "无法提供", "本机关不掌握相关政府"}, "信息", true, "", false},
		{"wrapped bracket", "partial", []string{"", "部分公开（区分处理的，只计这一情形"}, "，不计其他情形）", true, "", false},
		{"wrapped open bracket", "partial", []string{"", "部分公开（区分处理的"}, "只计这一情形）", true, "", false},
		{"unsure", "unavailable.not_held", []string{"", "无法提供", "本机关不掌握相关政府"}, "资料", true, "S3_LABEL_WRAP_UNSURE", false},
		{"short after whole label", "denied.law_forbidden", []string{"", "", "其他法律行政法规禁止公开的"}, "事项", true, "S3_LABEL_WRAP_UNSURE", false},
		{"numbered row", "unavailable.not_held", []string{"", "无法提供", "本机关不掌握相关政府"}, "9.涉及商业秘密", false, "S3_UNKNOWN_ROW", false},
		{"row after whole label", "denied.law_forbidden", []string{"", "", "其他法律行政法规禁止公开的"}, "涉及商业秘密", false, "S3_UNKNOWN_ROW", false},
		{"row before a blank row", "denied.law_forbidden", []string{"", "", "其他法律行政法规禁止公开的"}, "涉及商业秘密", false, "S3_UNKNOWN_ROW", true},
	}
	for _, c := range cases {
		var lines []s3Line
		for _, l := range base {
			if l.code == c.code {
				lines = append(lines, s3Line{c.first, ""}, s3Line{[]string{c.second}, c.code})
				continue
			}
			if c.blankNext && l.code == next(base, c.code) {
				lines = append(lines, s3Line{l.labels, ""})
				continue
			}
			lines = append(lines, l)
		}
		want := wantOf(base, vals)
		if c.blankNext {
			for _, a := range schemas.Applicants {
				want["s3."+next(base, c.code)+"."+a.Code] = "null"
			}
		}
		if !c.own {
			for _, a := range schemas.Applicants {
				want["s3."+c.code+"."+a.Code] = "null"
			}
		}
		p := s3Check(t, c.name, s3Report(renderS3(lines, vals, "layout", s3StdHead)), want)
		for _, r := range []string{"S3_LABEL_WRAP_UNSURE", "S3_UNKNOWN_ROW"} {
			if got := hasFinding(p, r, ""); got != (r == c.rule) {
				t.Errorf("%s: finding %s made: %v\n%s", c.name, r, got, dump(p.Findings))
			}
		}
	}
}

// TestS2SpacedWrapOrRow is TestSpacedWrapOrRow in section 二.
func TestS2SpacedWrapOrRow(t *testing.T) {
	for _, c := range []struct {
		name, label, first, second string
		item                       string
		own                        bool
		rule                       string
	}{
		{"wrapped end", "其他对外管理服务事项", "其他对外管理服务", "事项", "other_services", true, ""},
		{"unsure", "行政许可", "行政许可", "事项", "permit", true, "S2_LABEL_WRAP_UNSURE"},
		{"row", "行政许可", "行政许可", "行政确认", "permit", false, "S2_EXTRA_ROW"},
		{"numbered row", "其他对外管理服务事项", "其他对外管理服务", "3.行政确认", "other_services", false, "S2_EXTRA_ROW"},
	} {
		s2, _ := s2Render("2019", s2Std2019, "layout")
		lines := strings.Split(s2, "\n")
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), c.label+" ") {
				lines[i] = spacedLine(c.first, nil) + "\n" + spacedLine(c.second, []string{"5", "6", "7"})
			}
		}
		s2 = strings.Join(lines, "\n")
		p := parseText(c.name, []byte(spliceSections(t, s2Base(t, "2019"), s2, "")))
		v := cellValues(p)
		for j, m := range []string{"prev_count", "change", "decisions"} {
			w := fmt.Sprint(j + 5)
			if !c.own {
				w = "null"
			}
			if got := v["s2."+c.item+"."+m]; got != w {
				t.Errorf("%s: s2.%s.%s = %s, want %s\n%s", c.name, c.item, m, got, w, dump(p.Findings))
			}
		}
		for _, r := range []string{"S2_LABEL_WRAP_UNSURE", "S2_EXTRA_ROW"} {
			if got := hasFinding(p, r, ""); got != (r == c.rule) {
				t.Errorf("%s: finding %s made: %v\n%s", c.name, r, got, dump(p.Findings))
			}
		}
	}
}

// next is the code of the row printed after code.
func next(lines []s3Line, code string) string {
	for i, l := range lines {
		if l.code == code && i+1 < len(lines) {
			return lines[i+1].code
		}
	}
	return ""
}
