package transform_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// s3Line is one printed row of a generated section 三: its label cells
// and the outcome code it stands for ("" for a heading without numbers).
type s3Line struct {
	labels []string
	code   string
}

// s3Words2021 is section 三 of the 2021 template worded as agencies print
// it rather than as the template does: numbers dropped, paraphrased,
// quotes changed or missing, 总计 as 合计.
var s3Words2021 = []s3Line{
	{[]string{"本年新收政府信息公开申请数量"}, "new_received"},
	{[]string{"上年结转政府信息公开申请数量"}, "carried_over"},
	{[]string{"本年度办理结果", "予以公开"}, "granted"},
	{[]string{"", "部分公开"}, "partial"},
	{[]string{"", "不予公开", "属于国家秘密"}, "denied.state_secret"},
	{[]string{"", "", "其他法律行政法规禁止公开的"}, "denied.law_forbidden"},
	{[]string{"", "", "危及'三安全一稳定'"}, "denied.three_safety"},
	{[]string{"", "", "保护第三方合法权益"}, "denied.third_party"},
	{[]string{"", "", "内部事务信息"}, "denied.internal_affairs"},
	{[]string{"", "", "过程性信息"}, "denied.process_info"},
	{[]string{"", "", "属于行政执法案卷"}, "denied.enforcement_file"},
	{[]string{"", "", "属于行政查询事项"}, "denied.admin_query"},
	{[]string{"", "无法提供", "本机关不掌握相关政府信息"}, "unavailable.not_held"},
	{[]string{"", "", "没有现成信息需要另行制作"}, "unavailable.needs_creation"},
	{[]string{"", "", "补正后申请内容仍不明确"}, "unavailable.unclear_after_fix"},
	{[]string{"", "不予处理", "信访举报投诉类申请"}, "not_processed.complaint"},
	{[]string{"", "", "重复申请"}, "not_processed.duplicate"},
	{[]string{"", "", "要求提供公开出版物"}, "not_processed.publication"},
	{[]string{"", "", "无正当理由大量反复申请"}, "not_processed.mass_repeat"},
	{[]string{"", "", "要求行政机关确认或重新出具已获取信息"}, "not_processed.confirm_existing"},
	{[]string{"", "其他处理", "申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"}, "other.no_correction"},
	{[]string{"", "", "申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请"}, "other.no_fee"},
	{[]string{"", "", "其他"}, "other.other"},
	{[]string{"", "合计"}, "total"},
	{[]string{"结转下年度继续办理"}, "carried_forward"},
}

// s3Values gives every cell of a section 三 a value that holds the
// template's arithmetic and differs from its neighbours, so that a cell
// read from the wrong row or column shows.
func s3Values(codes []string) map[string][7]int {
	v := map[string][7]int{}
	results := 0
	for i, c := range codes {
		switch c {
		case "new_received", "carried_over", "total", "carried_forward":
			continue
		}
		var r [7]int
		for j := 0; j < 6; j++ {
			r[j] = (i*7+j*3)%11 + 1
			r[6] += r[j]
		}
		v[c] = r
		results++
	}
	var tot, co, cf, nr [7]int
	for j := 0; j < 6; j++ {
		for _, r := range v {
			tot[j] += r[j]
		}
		co[j] = j + 2
		cf[j] = 3*j + 1
		nr[j] = tot[j] + cf[j] - co[j]
		for _, a := range []*[7]int{&tot, &co, &cf, &nr} {
			a[6] += a[j]
		}
	}
	v["total"], v["carried_over"], v["carried_forward"], v["new_received"] = tot, co, cf, nr
	return v
}

const s3Head1 = "三、收到和处理政府信息公开申请情况"

// renderS3 prints a generated section 三 in one of the text layouts.
func renderS3(lines []s3Line, vals map[string][7]int, layout string, head [][]string) string {
	var b strings.Builder
	b.WriteString(s3Head1 + "\n")
	cell := func(code string, j int) string {
		if code == "" || code == "-" {
			return ""
		}
		return fmt.Sprint(vals[code][j])
	}
	for _, h := range head {
		switch {
		case layout != "layout":
			b.WriteString(rowText(layout, h, 0))
		case len(h) > 3:
			b.WriteString(spacedLine("", h[3:]) + "\n")
		default:
			b.WriteString(strings.Join(h, "") + "\n")
		}
	}
	for _, l := range lines {
		var cells []string
		labels := l.labels
		if layout != "tabs" {
			labels = nil
			for _, s := range l.labels {
				if s != "" {
					labels = append(labels, s)
				}
			}
		}
		cells = append(cells, labels...)
		for j := 0; j < 7; j++ {
			cells = append(cells, cell(l.code, j))
		}
		b.WriteString(rowText(layout, cells, len(labels)))
	}
	return b.String()
}

var s3StdHead = [][]string{
	{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"},
	{"", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"},
	{"", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""},
}

// s3Report puts a generated section 三 into a 2021 report.
func s3Report(s3 string) string {
	return "某某区某某局2022年政府信息公开工作年度报告\n\n一、总体情况\n本机关2022年共收到政府信息公开申请若干件。\n\n" +
		"二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t2\t0\t5\n" +
		"第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t3\n第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t17\n行政强制\t0\n" +
		"第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n\n" +
		s3 + "\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼\n" +
		"结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n" +
		"\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n" +
		"0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n\n五、存在的主要问题及改进情况\n无。\n\n六、其他需要报告的事项\n无。\n"
}

func s3Check(t *testing.T, name, text string, want map[string]string) *schemas.Parsed {
	t.Helper()
	p := parseText(name, []byte(text))
	got := cellValues(p)
	bad := 0
	for k, w := range want {
		if got[k] != w {
			bad++
			if bad <= 12 {
				t.Errorf("%s: %s = %s, want %s", name, k, got[k], w)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d cells wrong; findings:\n%s", name, bad, len(want), dump(p.Findings))
	}
	return p
}

func wantOf(lines []s3Line, vals map[string][7]int) map[string]string {
	w := map[string]string{}
	for _, l := range lines {
		if l.code == "" || l.code == "-" {
			continue
		}
		for j, a := range schemas.Applicants {
			w["s3."+l.code+"."+a.Code] = fmt.Sprint(vals[l.code][j])
		}
	}
	return w
}

func codesOf(lines []s3Line) []string {
	var c []string
	for _, l := range lines {
		if l.code != "" && l.code != "-" {
			c = append(c, l.code)
		}
	}
	return c
}

// TestS3Wording reads section 三 whose row labels are worded as agencies
// word them, in each common text layout.
func TestS3Wording(t *testing.T) {
	vals := s3Values(codesOf(s3Words2021))
	for _, layout := range []string{"tabs", "pipes", "percell"} {
		t.Run(layout, func(t *testing.T) {
			s3Check(t, layout, s3Report(renderS3(s3Words2021, vals, layout, s3StdHead)), wantOf(s3Words2021, vals))
		})
	}
}

// s3Alt are other wordings of row labels seen in reports.
var s3Alt = map[string][]string{
	"new_received":                   {"一、本年新收政府信息公开申请数量", "本年新收申请数量", "一、本年新收申请"},
	"carried_over":                   {"二、上年结转政府信息公开申请数量", "上年结转申请数量"},
	"granted":                        {"（一）予以公开", "(一)予以公开"},
	"partial":                        {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"},
	"denied.state_secret":            {"1.属于国家秘密", "国家秘密", "1、属于国家秘密的"},
	"denied.law_forbidden":           {"2.其他法律行政法规禁止公开", "其他法律、行政法规禁止公开", "法律行政法规禁止公开的"},
	"denied.three_safety":            {"3.危及“三安全一稳定”", "危及\"三安全一稳定\"", "危及三安全一稳定", "3.危及‘三安全一稳定’", "危及国家安全、公共安全、经济安全和社会稳定"},
	"denied.third_party":             {"4.保护第三方合法权益", "保护第三方合法权益的", "第三方合法权益"},
	"denied.internal_affairs":        {"5.属于三类内部事务信息", "属于三类内部事务信息", "内部事务信息"},
	"denied.process_info":            {"6.属于四类过程性信息", "属于四类过程性信息", "过程性信息"},
	"denied.enforcement_file":        {"7.属于行政执法案卷", "行政执法案卷"},
	"denied.admin_query":             {"8.属于行政查询事项", "行政查询事项"},
	"unavailable.not_held":           {"1.本机关不掌握相关政府信息", "本机关不掌握相关政府信息", "不掌握相关政府信息"},
	"unavailable.needs_creation":     {"2.没有现成信息需要另行制作", "没有现成信息需要另行制作", "需要另行制作"},
	"unavailable.unclear_after_fix":  {"3.补正后申请内容仍不明确", "补正后申请内容仍不明确", "申请内容不明确"},
	"not_processed.complaint":        {"1.信访举报投诉类申请", "信访举报投诉类申请", "信访、举报、投诉类申请"},
	"not_processed.duplicate":        {"2.重复申请", "重复申请"},
	"not_processed.publication":      {"3.要求提供公开出版物", "要求提供公开出版物"},
	"not_processed.mass_repeat":      {"4.无正当理由大量反复申请", "无正当理由大量反复申请"},
	"not_processed.confirm_existing": {"5.要求行政机关确认或重新出具已获取信息", "要求行政机关确认或重新出具已获取信息", "要求确认或重新出具已获取信息"},
	"other.no_correction":            {"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "申请人逾期不补正，行政机关不再处理", "无正当理由逾期不补正"},
	"other.no_fee":                   {"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "申请人逾期未缴纳费用，行政机关不再处理", "逾期未按收费通知要求缴纳费用"},
	"other.other":                    {"3.其他", "3、其他"},
	"total":                          {"（七）总计", "总计", "合计", "(七)合计"},
	"carried_forward":                {"四、结转下年度继续办理", "结转下年度继续办理", "四、结转下年度继续办理数量"},
}

// TestS3WordingEach replaces one row label at a time by another wording.
func TestS3WordingEach(t *testing.T) {
	vals := s3Values(codesOf(s3Words2021))
	want := wantOf(s3Words2021, vals)
	for i, l := range s3Words2021 {
		for _, alt := range s3Alt[l.code] {
			lines := append([]s3Line(nil), s3Words2021...)
			lab := append([]string(nil), l.labels...)
			lab[len(lab)-1] = alt
			lines[i] = s3Line{lab, l.code}
			for _, layout := range []string{"tabs", "pipes", "percell"} {
				s3Check(t, layout+"/"+alt, s3Report(renderS3(lines, vals, layout, s3StdHead)), want)
			}
		}
	}
}

// TestS3RowsByLabel reads rows printed in another order or left out.
func TestS3RowsByLabel(t *testing.T) {
	base := s3Words2021
	idx := func(code string) int {
		for i, l := range base {
			if l.code == code {
				return i
			}
		}
		panic(code)
	}
	var reordered []s3Line
	// 不予处理 before 无法提供, and 结转下年度 before 合计.
	reordered = append(reordered, base[:idx("unavailable.not_held")]...)
	reordered = append(reordered, base[idx("not_processed.complaint"):idx("other.no_correction")]...)
	reordered = append(reordered, base[idx("unavailable.not_held"):idx("not_processed.complaint")]...)
	reordered = append(reordered, base[idx("other.no_correction"):idx("total")]...)
	reordered = append(reordered, base[idx("carried_forward")], base[idx("total")])
	// The eight 不予公开 rows left out: the group row carries their sum.
	var noDenied []s3Line
	noDenied = append(noDenied, base[:idx("denied.state_secret")]...)
	noDenied = append(noDenied, s3Line{[]string{"", "（三）不予公开"}, "denied"})
	noDenied = append(noDenied, base[idx("unavailable.not_held"):]...)
	for _, c := range []struct {
		name  string
		lines []s3Line
	}{{"reordered", reordered}, {"no denied rows", noDenied}} {
		vals := s3Values(codesOf(c.lines))
		want := wantOf(c.lines, vals)
		for k := range want {
			if strings.HasPrefix(k, "s3.denied.") && c.name == "no denied rows" {
				delete(want, k)
			}
		}
		if c.name == "no denied rows" {
			for _, l := range base[idx("denied.state_secret"):idx("unavailable.not_held")] {
				for _, a := range schemas.Applicants {
					want["s3."+l.code+"."+a.Code] = "null"
				}
			}
		}
		for _, layout := range []string{"tabs", "pipes", "percell", "layout"} {
			s3Check(t, c.name+"/"+layout, s3Report(renderS3(c.lines, vals, layout, s3StdHead)), want)
		}
	}
}

// TestS3UnknownLabel: a row whose label is not recognised must not give
// its numbers to a row above that printed none.
func TestS3UnknownLabel(t *testing.T) {
	base := s3Words2021
	vals := s3Values(codesOf(base))
	var lines []s3Line
	for _, l := range base {
		if l.code == "denied.law_forbidden" {
			lines = append(lines, s3Line{l.labels, ""}) // printed with blank cells
			lines = append(lines, s3Line{[]string{"", "", "涉及商业秘密"}, "denied.law_forbidden"})
			continue
		}
		lines = append(lines, l)
	}
	want := wantOf(base, vals)
	for _, a := range schemas.Applicants {
		want["s3.denied.law_forbidden."+a.Code] = "null"
	}
	// In pdftotext -layout text a blank row prints nothing, so this looks
	// like a label wrapped over two lines with its numbers on the second
	// (…相关政府 / 信息  0 0 0). The row above is complete, so the second
	// line is a row of its own.
	for _, layout := range []string{"tabs", "pipes", "percell", "layout"} {
		p := s3Check(t, layout, s3Report(renderS3(lines, vals, layout, s3StdHead)), want)
		unknown := false
		for _, f := range p.Findings {
			unknown = unknown || f.Rule == "S3_UNKNOWN_ROW"
		}
		if !unknown {
			t.Errorf("%s: no S3_UNKNOWN_ROW for 涉及商业秘密\n%s", layout, dump(p.Findings))
		}
	}
}

// s3Damage prints one cell the way OCR and careless typing damage it; the
// cell must then be read exactly or left null with a finding, and no
// other cell may change.
var s3Damage = []struct {
	name string
	f    func(v int) string
}{
	{"O for 0", func(v int) string { return strings.ReplaceAll(fmt.Sprint(v*10), "0", "O") }},
	{"l for 1", func(v int) string { return strings.ReplaceAll(fmt.Sprint(v+10), "1", "l") }},
	{"I for 1", func(v int) string { return strings.ReplaceAll(fmt.Sprint(v+10), "1", "I") }},
	{"full-width comma", func(v int) string { return "1，" + fmt.Sprintf("%03d", v) }},
	{"stray point", func(v int) string { return fmt.Sprint(v) + "." }},
	{"lone O", func(v int) string { return "O" }},
}

func TestS3DamagedNumbers(t *testing.T) {
	base := s3Words2021
	for _, d := range s3Damage {
		for _, at := range []struct {
			code string
			j    int
		}{{"granted", 0}, {"denied.third_party", 3}, {"total", 6}, {"new_received", 1}} {
			vals := s3Values(codesOf(base))
			// the value the damaged text stands for
			var printed string
			switch d.name {
			case "O for 0":
				printed = fmt.Sprint(vals[at.code][at.j] * 10)
			case "l for 1", "I for 1":
				printed = fmt.Sprint(vals[at.code][at.j] + 10)
			case "full-width comma":
				printed = fmt.Sprint(1000 + vals[at.code][at.j])
			case "lone O":
				printed = "0"
			default:
				printed = fmt.Sprint(vals[at.code][at.j])
			}
			want := wantOf(base, vals)
			cell := "s3." + at.code + "." + schemas.Applicants[at.j].Code
			want[cell] = printed
			for _, layout := range []string{"tabs", "pipes", "percell"} {
				text := renderS3(base, vals, layout, s3StdHead)
				// replace the one printed cell
				lines := strings.Split(text, "\n")
				text = damageCell(lines, base, vals, at.code, at.j, d.f(vals[at.code][at.j]), layout)
				p := parseText("x", []byte(s3Report(text)))
				got := cellValues(p)
				for k, w := range want {
					if got[k] == w {
						continue
					}
					// The rest of the table holds its arithmetic with the
					// value before damage: a repair may find that one.
					orig := k == cell && got[k] == fmt.Sprint(vals[at.code][at.j])
					if (got[k] != "null" && !orig) || !coveredBy(p, k) {
						t.Errorf("%s/%s/%s: %s = %s, want %s or a flagged null\n%s", d.name, at.code, layout, k, got[k], w, dump(p.Findings))
					}
				}
			}
		}
	}
}

func coveredBy(p *schemas.Parsed, cell string) bool {
	for _, f := range p.Findings {
		if f.Severity != schemas.SeverityInfo && covers(f.Cell, cell) {
			return true
		}
	}
	return false
}

// damageCell re-renders section 三 with one cell printed as s.
func damageCell(_ []string, lines []s3Line, vals map[string][7]int, code string, j int, s, layout string) string {
	const mark = 987654
	v := map[string][7]int{}
	for k, x := range vals {
		v[k] = x
	}
	r := v[code]
	r[j] = mark
	v[code] = r
	return strings.Replace(renderS3(lines, v, layout, s3StdHead), fmt.Sprint(mark), s, 1)
}

// TestS3Notes puts notes with numbers, naming rows, inside the table.
func TestS3Notes(t *testing.T) {
	base := s3Words2021
	vals := s3Values(codesOf(base))
	want := wantOf(base, vals)
	notes := map[string]string{
		"unavailable.not_held":    "注：不予处理中信访举报投诉类申请2件，已转交有关部门办理。",
		"not_processed.complaint": "说明：本机关不掌握相关政府信息的3件，已告知申请人。",
		"carried_forward":         "注：结转下年度继续办理2件，已于2023年1月办结。",
		"denied.state_secret":     "备注：本年新收政府信息公开申请数量含网上申请5件。",
		"other.other":             "注：1.重复申请2件；2.本表中（七）总计为12件。",
	}
	for _, layout := range []string{"tabs", "pipes", "percell"} {
		for code, note := range notes {
			var lines []s3Line
			for _, l := range base {
				if l.code == code {
					lines = append(lines, s3Line{[]string{note}, "-"})
				}
				lines = append(lines, l)
			}
			text := strings.ReplaceAll(renderS3(lines, vals, layout, s3StdHead), note+"\t\t\t\t\t\t\t", note)
			text = strings.ReplaceAll(text, note+" |  |  |  |  |  |  |  |", note+" |")
			text = strings.ReplaceAll(text, note+"\n\n\n\n\n\n\n\n", note+"\n")
			s3Check(t, layout+"/"+code, s3Report(text), want)
		}
	}
}

// TestS3HeaderVariants prints the applicant header as agencies do:
// abbreviated, 合计 for 总计, 自然人 wrapped, and a table split over pages
// with the header printed once.
func TestS3HeaderVariants(t *testing.T) {
	base := s3Words2021
	vals := s3Values(codesOf(base))
	want := wantOf(base, vals)
	heads := map[string][][]string{
		"abbreviated": {
			{"申请人情况"},
			{"", "", "", "自然人", "法人或其他组织", "", "", "", "", "合计"},
			{"", "", "", "", "企业", "科研", "公益组织", "法律服务", "其他", ""},
		},
		"wrapped": {
			{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"},
			{"", "", "", "自然", "法人或其他", "", "", "", "", "总计"},
			{"", "", "", "人", "组织", "", "", "", "", ""},
			{"", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""},
		},
	}
	for name, h := range heads {
		for _, layout := range []string{"tabs", "pipes", "percell"} {
			s3Check(t, name+"/"+layout, s3Report(renderS3(base, vals, layout, h)), want)
			// split over pages after 4.保护第三方合法权益, the header not repeated
			text := renderS3(base, vals, layout, h)
			i := strings.Index(text, "内部事务信息")
			i = strings.LastIndex(text[:i], "\n")
			split := text[:i+1] + "\f- 3 -\n" + text[i+1:]
			s3Check(t, name+"/split/"+layout, s3Report(split), want)
		}
	}
}

// rowText prints one table row in a layout: its first labels cells are
// the row's label (joined by two spaces in the -layout form), the rest its
// cells; one cell per line in "percell".
func rowText(layout string, cells []string, labels int) string {
	switch layout {
	case "tabs":
		return strings.Join(cells, "\t") + "\n"
	case "pipes":
		return "| " + strings.Join(cells, " | ") + " |\n"
	case "percell":
		return strings.Join(cells, "\n") + "\n"
	case "layout":
		return spacedLine(strings.Join(cells[:labels], "  "), cells[labels:]) + "\n"
	}
	panic("no layout " + layout)
}

// spacedLine prints a label and cells the way pdftotext -layout does:
// each cell centred on its column, counted in characters.
func spacedLine(label string, cells []string) string {
	line := []rune("    " + label)
	for j, c := range cells {
		if c == "" {
			continue
		}
		at := 60 + 10*j - len([]rune(c))/2
		for len(line) < at {
			line = append(line, ' ')
		}
		if len(line) > at {
			line = append(line, ' ')
		}
		line = append(line, []rune(c)...)
	}
	return string(line)
}

func TestS3WordingSpaced(t *testing.T) {
	vals := s3Values(codesOf(s3Words2021))
	want := wantOf(s3Words2021, vals)
	s3Check(t, "layout", s3Report(renderS3(s3Words2021, vals, "layout", s3StdHead)), want)
	for i, l := range s3Words2021 {
		for _, alt := range s3Alt[l.code] {
			lines := append([]s3Line(nil), s3Words2021...)
			lab := append([]string(nil), l.labels...)
			lab[len(lab)-1] = alt
			lines[i] = s3Line{lab, l.code}
			s3Check(t, "layout/"+alt, s3Report(renderS3(lines, vals, "layout", s3StdHead)), want)
		}
	}
}
