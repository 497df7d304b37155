package transform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

func reportText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// withoutS2 drops section 二's table, keeping its heading: a table printed
// as an image, or lost in conversion.
func withoutS2(text string) string {
	lines := strings.Split(text, "\n")
	var out []string
	in := false
	for _, l := range lines {
		switch {
		case strings.Contains(l, "二、主动公开政府信息情况"):
			in = true
			out = append(out, l)
			continue
		case strings.Contains(l, "三、收到和处理"):
			in = false
		}
		if !in {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// afterLine inserts extra lines after the first line containing at.
func afterLine(text, at string, extra ...string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.Contains(l, at) {
			return strings.Join(append(lines[:i+1], append(extra, lines[i+1:]...)...), "\n")
		}
	}
	return text
}

func rulesOf(p *schemas.Parsed) []string {
	var out []string
	for _, f := range p.Findings {
		out = append(out, f.Rule)
	}
	return out
}

// TestTemplateDetection: the template from the tables' structure, whatever
// words the narrative uses, with section 二 missing, mixed or wordy.
func TestTemplateDetection(t *testing.T) {
	donghu := reportText(t, "2021/donghu-street-2022-pipes.txt")   // 2021, single （六） row
	yunxi := reportText(t, "2021/yunxi-office-2021-cells.txt")     // 2021, three （六） rows
	qinghe := reportText(t, "2019/qinghe-street-2020-pipes.txt")   // 2019
	fengxi := reportText(t, "2019/fengxi-town-2019-pdftotext.txt") // 2019, tab rows
	cases := []struct {
		name, text, template string
		yearWarning          bool // TEMPLATE_YEAR expected
	}{
		{"2019 words in a sentence of section 二", afterLine(donghu, "二、主动公开政府信息情况",
			"本年新制作并公开规范性文件0件，上一年项目数量与采购总金额均无变化；本年增/减情况见下表。"), schemas.Template2021, false},
		{"2019 words in a sentence of section 二, half-width", afterLine(donghu, "二、主动公开政府信息情况",
			"本年新制作规范性文件0件,对外公开总数量不变."), schemas.Template2021, false},
		{"2021 table keeping 政府集中采购", afterLine(donghu, "| 行政事业性收费 |",
			"| 第二十条第（九）项 |", "| 信息内容 | 采购项目数量 | 采购总金额 |", "| 政府集中采购 | 3 | 12.5 |"), schemas.Template2021, false},
		{"section 二 missing, three （六） rows", withoutS2(yunxi), schemas.Template2021, false},
		{"section 二 missing, three （六） rows, 2020 title", strings.Replace(withoutS2(yunxi), "2021年", "2020年", 1), schemas.Template2021, true},
		{"section 二 missing, single （六） row, 2022", withoutS2(donghu), schemas.Template2021, false},
		{"section 二 missing, single （六） row, 2020", withoutS2(qinghe), schemas.Template2019, false},
		{"section 二 missing, 2019 with a note on 逾期不补正", afterLine(withoutS2(qinghe), "四、结转下年度继续办理",
			"说明：申请人逾期不补正的，行政机关不再处理其申请。"), schemas.Template2019, false},
		{"section 二 missing, 2019, note without commas", afterLine(withoutS2(fengxi), "四、结转下年度继续办理",
			"注：申请人逾期不补正视为放弃申请"), schemas.Template2019, false},
		{"2021 report printed with the 2019 table 二", strings.Replace(qinghe, "2020年政府信息公开", "2021年政府信息公开", 1), schemas.Template2019, true},
		{"2021 words in section 二's sentences of a 2019 report", afterLine(qinghe, "二、主动公开政府信息情况",
			"全年制发规范性文件1件，废止0件，现行有效4件；本年收费金额为0。"), schemas.Template2019, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := parseText("x.txt", []byte(c.text))
			if p.Report.Template != c.template {
				t.Errorf("template %s, want %s", p.Report.Template, c.template)
			}
			got := strings.Contains(strings.Join(rulesOf(p), ","), "TEMPLATE_YEAR")
			if got != c.yearWarning {
				t.Errorf("TEMPLATE_YEAR %v, want %v: %v", got, c.yearWarning, rulesOf(p))
			}
		})
	}
}
