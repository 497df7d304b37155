package generate

import (
	"bytes"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The hand-described test reports of testdata/reports: each is an invented
// agency's report following the template in spec/templates.md (2021, or
// 2019), printed in one of the text layouts met in real files (see the
// Fixture* layout names). Their cells are written to expected.jsonl. Unlike
// Corpus, nothing is drawn at random: every report is described in
// fixtureReports, field by field, and WriteFixtures checks its arithmetic
// before writing anything.

// Fixture layouts: how a report's tables come out as plain text.
const (
	// FixtureCells is one cell per line, tab-indented, a blank line between
	// rows, header cells broken over two lines.
	FixtureCells = "cells"
	// FixtureBlankLines is cells separated by blank lines, half-width
	// punctuation.
	FixtureBlankLines = "blanklines"
	// FixtureTabs is pdftotext: a whole row per line, cells separated by
	// tabs, the section 三 table split over two pages with its header
	// repeated.
	FixtureTabs = "pdf-tabs"
	// FixturePipes is rows with cells separated by '|'.
	FixturePipes = "pipes"
	// FixtureLayout is pdftotext -layout: columns aligned with runs of
	// spaces, long labels wrapped, a page break with its '- 3 -' page
	// number and the header repeated.
	FixtureLayout = "pdf-layout"
	// FixtureWebCopy is a table copied from a web page: a row per line,
	// cells separated by tabs, cells covered by a span not printed at all.
	FixtureWebCopy = "webcopy"
	// FixtureRaw is pdftotext without -layout: every cell on its own line
	// with no blank lines, labels and header words wrapped in their narrow
	// columns, a page break with its page number and the header repeated.
	FixtureRaw = "pdf-raw"
	// FixtureWord is Word saved as plain text: a row per line, cells
	// separated by tabs, horizontally merged cells printed once,
	// vertically merged ones empty, trailing empty cells kept.
	FixtureWord = "word"
	// FixtureCentred is pdftotext -layout with numbers printed beside the
	// middle line of a wrapped label (cells centred vertically).
	FixtureCentred = "pdf-centred"
	// FixtureSpaced is text copied from a web page whose cells came out
	// separated by one space or one full-width space (U+3000).
	FixtureSpaced = "spaced"
	// FixturePageNum is pdftotext without -layout printing page numbers
	// bare ("7" alone on a line) before the form feed, or, with the form
	// feeds lost, before the repeated header.
	FixturePageNum = "pdf-pagenum"
)

// FixtureLayouts lists the fixture layouts, in a fixed order. Render draws
// them too.
var FixtureLayouts = []string{FixtureCells, FixtureBlankLines, FixtureTabs, FixturePipes, FixtureLayout,
	FixtureWebCopy, FixtureRaw, FixtureWord, FixtureCentred, FixtureSpaced, FixturePageNum}

var fxApplicants = []string{"natural_person", "commercial", "research", "social", "legal", "other"}

// fxRow is a section 三 row: its code and label cells as the template
// prints them (the first cell spans rows or columns; "" marks a cell
// covered by a span).
type fxRow struct {
	code   string
	labels []string
}

var (
	fxS3Head = []fxRow{
		{"new_received", []string{"一、本年新收政府信息公开申请数量"}},
		{"carried_over", []string{"二、上年结转政府信息公开申请数量"}},
		{"granted", []string{"三、本年度办理结果", "（一）予以公开"}},
		{"partial", []string{"", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"}},
		{"denied.state_secret", []string{"", "（三）不予公开", "1.属于国家秘密"}},
		{"denied.law_forbidden", []string{"", "", "2.其他法律行政法规禁止公开"}},
		{"denied.three_safety", []string{"", "", "3.危及“三安全一稳定”"}},
		{"denied.third_party", []string{"", "", "4.保护第三方合法权益"}},
		{"denied.internal_affairs", []string{"", "", "5.属于三类内部事务信息"}},
		{"denied.process_info", []string{"", "", "6.属于四类过程性信息"}},
		{"denied.enforcement_file", []string{"", "", "7.属于行政执法案卷"}},
		{"denied.admin_query", []string{"", "", "8.属于行政查询事项"}},
		{"unavailable.not_held", []string{"", "（四）无法提供", "1.本机关不掌握相关政府信息"}},
		{"unavailable.needs_creation", []string{"", "", "2.没有现成信息需要另行制作"}},
		{"unavailable.unclear_after_fix", []string{"", "", "3.补正后申请内容仍不明确"}},
		{"not_processed.complaint", []string{"", "（五）不予处理", "1.信访举报投诉类申请"}},
		{"not_processed.duplicate", []string{"", "", "2.重复申请"}},
		{"not_processed.publication", []string{"", "", "3.要求提供公开出版物"}},
		{"not_processed.mass_repeat", []string{"", "", "4.无正当理由大量反复申请"}},
		{"not_processed.confirm_existing", []string{"", "", "5.要求行政机关确认或重新出具已获取信息"}},
	}
	fxS3OtherSingle = []fxRow{{"other", []string{"", "（六）其他处理"}}}
	fxS3Other2021   = []fxRow{
		{"other.no_correction", []string{"", "（六）其他处理",
			"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"}},
		{"other.no_fee", []string{"", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"}},
		{"other.other", []string{"", "", "3.其他"}},
	}
	fxS3Tail = []fxRow{
		{"total", []string{"", "（七）总计"}},
		{"carried_forward", []string{"四、结转下年度继续办理"}},
	}
)

// fxNotResults are the section 三 rows outside the results the total sums.
var fxNotResults = map[string]bool{"new_received": true, "carried_over": true, "total": true, "carried_forward": true}

var (
	fxProceedings    = []string{"review", "suit_direct", "suit_after_review"}
	fxAppealOutcomes = []string{"upheld", "corrected", "other", "pending", "total"}
)

func fxS3Rows(single bool) []fxRow {
	rows := append([]fxRow(nil), fxS3Head...)
	if single {
		rows = append(rows, fxS3OtherSingle...)
	} else {
		rows = append(rows, fxS3Other2021...)
	}
	return append(rows, fxS3Tail...)
}

// apps holds counts by applicant column.
type apps map[string]int64

// fxS2 is section 二 as the report prints it. A value is an int (a count
// printed with the report's zeros, separators and suffix) or a string
// printed as it stands ("+1", "增加2").
type fxS2 struct {
	Regulations, Normative []any
	// 2021: one value each; 2019: previous count, change, decisions.
	Permit, OtherServices, Penalty, Compulsion []any
	Fees                                       []any // 2019: previous count, change
	FeesPrinted                                string
	FeesAmount                                 [2]string // amount and unit when FeesPrinted carries them
	ProcurementPrinted                         [2]string
	ProcurementAmount                          [2]string
	ProcurementHeader                          string // "" for 采购总金额
	FeesHeader                                 string // "" for 本年收费金额（单位：万元）
	NormativeLabel                             string // "" for 行政规范性文件
}

// Fixture describes one test report of testdata/reports.
type fixture struct {
	File, Layout, Template string
	Year                   int
	Agency                 []string
	Title                  string
	Head                   []string // lines above the text; nil for the title alone
	Signature, Date        string
	Sign                   []string // closing lines; nil for Signature and Date
	Single                 bool     // the single 2019 （六）其他处理 row
	Headings               string   // "num" (default), "bare", "paren", "halfparen"
	HeadingText            map[int]string
	BlankZero              []string // tables whose zeros print as blank cells
	Suffix                 map[string]string
	Thousands              bool
	NoClauses              bool // section 二 without its 第二十条 lines
	Unnumbered             bool // section 三 sub-rows without 1.–8. and （七）
	NoPeriod               bool // no statistical period sentence
	Intro                  []string
	Sep                    string   // FixtureSpaced's separator; "" for a space
	PageMarks              []string // FixturePageNum's page numbers
	NoFormfeed             bool
	S2                     fxS2
	S2Missing              bool // section 二 printed as an image
	S2Replace, S4Replace   [][2]string
	Results                map[string]apps // section 三 result rows
	CarriedOver            apps
	CarriedForward         apps
	S4                     [3][4]int64 // upheld, corrected, other, pending per proceeding
	Text                   map[string]string
	Between                map[string][]string // lines after a section's table
	Unknowable             []string            // cells the layout leaves unknowable: null
	Issues                 []fxIssue
	Notes                  []string

	s3      map[string]*[7]int64
	s4      [3][5]int64
	s2Table [][]string
	body    []fxBody // section 三 as printed, when given rather than built
	s4v     []string // section 四 as printed, when given rather than built
}

type fxIssue struct{ Cell, Kind, Severity string }

var fxTextDefault = map[string]string{
	"management": "严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”，全年未发生泄密事件；" +
		"对本机关制发的规范性文件开展清理，及时更新现行有效文件目录。",
	"platform":  "以政府门户网站为第一平台，持续优化政府信息公开专栏栏目设置，做好政务新媒体与网站的信息同步发布。",
	"oversight": "将政府信息公开工作纳入年度绩效考核，定期开展自查，全年未发生因政府信息公开工作引发的责任追究情况。",
	"problems": "一是政策解读形式较为单一，图解、视频等多样化解读偏少；二是依申请公开答复的规范化水平有待提升。" +
		"下一步，将加强业务培训，丰富解读形式，进一步规范依申请公开办理流程。",
	"other": "本机关未收取信息处理费。无其他需要报告的事项。",
}

func (f *fixture) text(k string) string {
	if v, ok := f.Text[k]; ok {
		return v
	}
	return fxTextDefault[k]
}

func (f *fixture) blank(table string) bool {
	for _, t := range f.BlankZero {
		if t == table {
			return true
		}
	}
	return false
}

// build fills section 三 from the result rows: the totals, new_received
// and the total column follow from the template's arithmetic.
func (f *fixture) build() error {
	rows := fxS3Rows(f.Single)
	f.s3 = map[string]*[7]int64{}
	for _, r := range rows {
		f.s3[r.code] = new([7]int64)
	}
	set := func(code string, a apps) error {
		for k, v := range a {
			i := indexOf(fxApplicants, k)
			if i < 0 {
				return fmt.Errorf("%s: unknown applicant %s", f.File, k)
			}
			f.s3[code][i] = v
		}
		return nil
	}
	for code, a := range f.Results {
		if f.s3[code] == nil || fxNotResults[code] {
			return fmt.Errorf("%s: unknown result row %s", f.File, code)
		}
		if err := set(code, a); err != nil {
			return err
		}
	}
	if err := set("carried_over", f.CarriedOver); err != nil {
		return err
	}
	if err := set("carried_forward", f.CarriedForward); err != nil {
		return err
	}
	for a := range fxApplicants {
		var sum int64
		for _, r := range rows {
			if !fxNotResults[r.code] {
				sum += f.s3[r.code][a]
			}
		}
		f.s3["total"][a] = sum
		f.s3["new_received"][a] = sum + f.s3["carried_forward"][a] - f.s3["carried_over"][a]
	}
	for _, r := range rows {
		var sum int64
		for a := range fxApplicants {
			sum += f.s3[r.code][a]
		}
		f.s3[r.code][6] = sum
	}
	for p := range 3 {
		var sum int64
		for o := range 4 {
			f.s4[p][o] = f.S4[p][o]
			sum += f.S4[p][o]
		}
		f.s4[p][4] = sum
	}
	f.s2Table = f.disclosureTable()
	if f.NoClauses {
		var keep [][]string
		for _, r := range f.s2Table {
			if !strings.HasPrefix(r[0], "第二十条") {
				keep = append(keep, r)
			}
		}
		f.s2Table = keep
	}
	return f.check()
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

// check verifies the template's arithmetic and the number of cells.
func (f *fixture) check() error {
	var errs []string
	rows := fxS3Rows(f.Single)
	for _, r := range rows {
		var sum int64
		for a, v := range f.s3[r.code] {
			if v < 0 {
				errs = append(errs, fmt.Sprintf("s3.%s.%d is negative", r.code, a))
			}
			if a < 6 {
				sum += v
			}
		}
		if f.s3[r.code][6] != sum {
			errs = append(errs, "s3 row "+r.code+": total column is not the sum of the six applicants")
		}
	}
	for a := range 7 {
		g := func(c string) int64 { return f.s3[c][a] }
		if g("new_received")+g("carried_over") != g("total")+g("carried_forward") {
			errs = append(errs, fmt.Sprintf("s3 column %d: new_received + carried_over != total + carried_forward", a))
		}
		var sum int64
		for _, r := range rows {
			if !fxNotResults[r.code] {
				sum += g(r.code)
			}
		}
		if g("total") != sum {
			errs = append(errs, fmt.Sprintf("s3 column %d: total is not the sum of the result rows", a))
		}
	}
	for p, v := range f.s4 {
		for _, x := range v {
			if x < 0 {
				errs = append(errs, "s4."+fxProceedings[p]+" has a negative count")
			}
		}
	}
	cells := f.cells()
	var n2, n3, n4 int
	for _, c := range cells {
		switch c.code[:2] {
		case "s2":
			n2++
			if !strings.HasSuffix(c.code, "amount_yuan") && !strings.Contains(c.code, ".change") && c.num != nil && *c.num < 0 {
				errs = append(errs, c.code+" is negative")
			}
		case "s3":
			n3++
		case "s4":
			n4++
		}
	}
	want2, want3 := 22, 161
	if f.Template == Template2021 {
		want2 = 10
		if !f.Single {
			want3 = 175
		}
	}
	if n2 != want2 || n3 != want3 || n4 != 15 {
		errs = append(errs, fmt.Sprintf("cell counts %d, %d, %d, want %d, %d, 15", n2, n3, n4, want2, want3))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %s: %s", ErrFixture, f.File, strings.Join(errs, "; "))
	}
	return nil
}

// yuanOf is the exact amount in yuan as expected.jsonl prints it: two
// places at most, none when whole.
func yuanOf(amount, unit string) string {
	v, ok := new(big.Rat).SetString(amount)
	if !ok {
		panic("generate: fixture amount " + amount) // the descriptions are ours
	}
	mul := map[string]int64{"元": 1, "万元": 10000, "亿元": 100000000}[unit]
	v.Mul(v, new(big.Rat).SetInt64(mul))
	if v.IsInt() {
		return v.Num().String()
	}
	return v.FloatString(2)
}

// ---------------------------------------------------------------- tables
// A table is a list of rows; a row is a list of printed cells.

// s2Show prints a section 二 count: signs kept, thousands grouped when the
// report groups them, zeros blank and suffixes as the report prints them.
func (f *fixture) s2Show(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	n := int64(v.(int))
	if n == 0 && f.blank("s2") {
		return ""
	}
	txt := strconv.FormatInt(n, 10)
	if f.Thousands {
		txt = thousands(txt)
	}
	return txt + f.Suffix["s2"]
}

func thousands(s string) string {
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (f *fixture) s2Shows(vs []any) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = f.s2Show(v)
	}
	return out
}

func row(first string, rest ...string) []string { return append([]string{first}, rest...) }

func (f *fixture) disclosureTable() [][]string {
	s := f.S2
	if f.Template == Template2021 {
		label := s.NormativeLabel
		if label == "" {
			label = "行政规范性文件"
		}
		fees := s.FeesHeader
		if fees == "" {
			fees = "本年收费金额（单位：万元）"
		}
		return [][]string{
			{"第二十条第（一）项"},
			{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
			row("规章", f.s2Shows(s.Regulations)...),
			row(label, f.s2Shows(s.Normative)...),
			{"第二十条第（五）项"},
			{"信息内容", "本年处理决定数量"},
			row("行政许可", f.s2Shows(s.Permit)...),
			{"第二十条第（六）项"},
			{"信息内容", "本年处理决定数量"},
			row("行政处罚", f.s2Shows(s.Penalty)...),
			row("行政强制", f.s2Shows(s.Compulsion)...),
			{"第二十条第（八）项"},
			{"信息内容", fees},
			{"行政事业性收费", s.FeesPrinted},
		}
	}
	header := s.ProcurementHeader
	if header == "" {
		header = "采购总金额"
	}
	return [][]string{
		{"第二十条第（一）项"},
		{"信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"},
		row("规章", f.s2Shows(s.Regulations)...),
		row("规范性文件", f.s2Shows(s.Normative)...),
		{"第二十条第（五）项"},
		{"信息内容", "上一年项目数量", "本年增/减", "处理决定数量"},
		row("行政许可", f.s2Shows(s.Permit)...),
		row("其他对外管理服务事项", f.s2Shows(s.OtherServices)...),
		{"第二十条第（六）项"},
		{"信息内容", "上一年项目数量", "本年增/减", "处理决定数量"},
		row("行政处罚", f.s2Shows(s.Penalty)...),
		row("行政强制", f.s2Shows(s.Compulsion)...),
		{"第二十条第（八）项"},
		{"信息内容", "上一年项目数量", "本年增/减"},
		row("行政事业性收费", f.s2Shows(s.Fees)...),
		{"第二十条第（九）项"},
		{"信息内容", "采购项目数量", header},
		{"政府集中采购", s.ProcurementPrinted[0], s.ProcurementPrinted[1]},
	}
}

var fxS3Header = [][]string{
	{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"},
	{"", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"},
	{"", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""},
}

var fxS4Header = [][]string{
	{"行政复议", "", "", "", "", "行政诉讼"},
	{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"},
	{"", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
		"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
}

const fxS3Note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

var (
	fxOutcomeNames = []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	fxOrgKinds     = []string{"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}
)

func repeat(xs []string, n int) []string {
	var out []string
	for range n {
		out = append(out, xs...)
	}
	return out
}

// show prints a count as the report does: zeros blank where the report
// leaves them so, a suffix such as 件 where it adds one.
func (f *fixture) show(table string, v int64) string {
	if v == 0 && f.blank(table) {
		return ""
	}
	return strconv.FormatInt(v, 10) + f.Suffix[table]
}

type fxBody struct {
	code   string
	labels []string // three label cells
	nums   []string // seven printed values
}

func trimNumber(s string) string {
	if strings.HasPrefix(s, "（七）") {
		return strings.TrimPrefix(s, "（七）")
	}
	if len(s) >= 2 && s[0] >= '0' && s[0] <= '9' && s[1] == '.' {
		return s[2:]
	}
	return s
}

func (f *fixture) s3Body() []fxBody {
	if f.body != nil {
		return f.body
	}
	var out []fxBody
	for _, r := range fxS3Rows(f.Single) {
		labels := append(append([]string(nil), r.labels...), "", "", "")[:3]
		if f.Unnumbered {
			for i := range labels {
				labels[i] = trimNumber(labels[i])
			}
		}
		var nums []string
		for _, v := range f.s3[r.code] {
			nums = append(nums, f.show("s3", v))
		}
		out = append(out, fxBody{r.code, labels, nums})
	}
	return out
}

func (f *fixture) s4Values() []string {
	if f.s4v != nil {
		return f.s4v
	}
	var out []string
	for p := range 3 {
		for o := range 5 {
			out = append(out, f.show("s4", f.s4[p][o]))
		}
	}
	return out
}

// splitPoint is where the section 三 table breaks across pages: after
// 5.属于三类内部事务信息.
func splitPoint(body []fxBody) int {
	for i, b := range body {
		if b.code == "denied.process_info" {
			return i
		}
	}
	return len(body)
}

// ---------------------------------------------------------------- documents

var (
	fxHeadings = []string{"总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
		"政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"}
	fxNumerals = []string{"一", "二", "三", "四", "五", "六"}
	fxHalf     = strings.NewReplacer("（", "(", "）", ")", "：", ":", "，", ",", "；", ";", "！", "!", "？", "?")
)

// heading is section heading k (0-based) in the report's style.
func (f *fixture) heading(k int) string {
	text, ok := f.HeadingText[k]
	if !ok {
		text = fxHeadings[k]
	}
	switch f.Headings {
	case "bare":
		return text
	case "paren":
		return "（" + fxNumerals[k] + "）" + text
	case "halfparen":
		return "(" + fxNumerals[k] + ")" + text
	}
	return fxNumerals[k] + "、" + text
}

// document prints the whole report.
func (f *fixture) document() (string, error) {
	s2, s3, s4, err := f.render()
	if err != nil {
		return "", err
	}
	// what a real file does to a table the layout renders whole: a header
	// wrapped in its narrow column, a page break, a cell lost or doubled
	for _, r := range f.S2Replace {
		if !strings.Contains(s2, r[0]) {
			return "", fmt.Errorf("%w: %s: %q not in section 二", ErrFixture, f.File, r[0])
		}
		s2 = strings.Replace(s2, r[0], r[1], 1)
	}
	for _, r := range f.S4Replace {
		if !strings.Contains(s4, r[0]) {
			return "", fmt.Errorf("%w: %s: %q not in section 四", ErrFixture, f.File, r[0])
		}
		s4 = strings.Replace(s4, r[0], r[1], 1)
	}
	if f.S2Missing { // section 二's table printed as an image
		s2 = "（见下图）"
	}
	t := f.s3
	indent := ""
	if f.Layout == FixtureCells {
		indent = "\u3000\u3000"
	}
	year := strconv.Itoa(f.Year)
	head := f.Head
	if head == nil {
		head = []string{f.Title}
	}
	summary := indent + "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
	if f.Template == Template2021 {
		summary += "和《中华人民共和国政府信息公开工作年度报告格式》"
	}
	summary += "要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
	if !f.NoPeriod {
		summary += "本报告所列数据的统计期限自" + year + "年1月1日起至" + year + "年12月31日止。"
	}
	total := func(code string) string { return strconv.FormatInt(t[code][6], 10) }
	paras := cat(head, []string{"", summary}, f.Intro, []string{
		"",
		indent + f.heading(0),
		indent + "（一）主动公开。" + f.text("active"),
		indent + "（二）依申请公开。" + year + "年共收到政府信息公开申请" + total("new_received") + "件，" +
			"上年结转" + total("carried_over") + "件，已按法定时限办结" + total("total") + "件，" +
			"结转下年度继续办理" + total("carried_forward") + "件。" + f.text("requests"),
		indent + "（三）政府信息管理。" + f.text("management"),
		indent + "（四）平台建设。" + f.text("platform"),
		indent + "（五）监督保障。" + f.text("oversight"),
		"",
		indent + f.heading(1),
		s2,
	}, f.Between["s2"], []string{
		"",
		indent + f.heading(2),
		s3,
	}, f.Between["s3"], []string{
		"",
		indent + f.heading(3),
		s4,
	}, f.Between["s4"], []string{
		"",
		indent + f.heading(4),
		indent + f.text("problems"),
		"",
		indent + f.heading(5),
		indent + f.text("other"),
		"",
	})
	if f.Sign != nil {
		paras = append(paras, f.Sign...)
	} else {
		paras = append(paras, f.Signature, f.Date)
	}
	paras = append(paras, "")
	if f.Layout == FixtureBlankLines { // every paragraph and cell apart, half-width punctuation
		return fxHalf.Replace(strings.Join(nonEmpty(paras), "\n\n")) + "\n", nil
	}
	return strings.Join(paras, "\n"), nil
}

// fxCell is one expected cell: a count (num), an amount in yuan (yuan), or
// null (neither).
type fxCell struct {
	code string
	num  *int64
	yuan *string
}

// signed reads a printed change: '+1', '-2', and in words 增加2, 减少1, 增1, 减1.
func signed(v any) int64 {
	if n, ok := v.(int); ok {
		return int64(n)
	}
	s := v.(string)
	for _, w := range [][2]string{{"增加", ""}, {"减少", "-"}, {"增", ""}, {"减", "-"}} {
		if rest, ok := strings.CutPrefix(s, w[0]); ok {
			s = w[1] + rest
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64)
	if err != nil {
		panic("generate: fixture change " + s) // the descriptions are ours
	}
	return n
}

// cells lists the expected cells in printed order.
func (f *fixture) cells() []fxCell {
	var out []fxCell
	count := func(code, table string, n int64) {
		c := fxCell{code: code}
		if !(n == 0 && f.blank(table)) {
			c.num = &n
		}
		out = append(out, c)
	}
	money := func(code, amount, unit string) {
		y := yuanOf(amount, unit)
		out = append(out, fxCell{code: code, yuan: &y})
	}
	s := f.S2
	if f.Template == Template2021 {
		for _, it := range []struct {
			name string
			vs   []any
		}{{"regulations", s.Regulations}, {"normative", s.Normative}} {
			for i, m := range []string{"issued", "abolished", "in_force"} {
				count("s2."+it.name+"."+m, "s2", signed(it.vs[i]))
			}
		}
		for _, it := range []struct {
			name string
			vs   []any
		}{{"permit", s.Permit}, {"penalty", s.Penalty}, {"compulsion", s.Compulsion}} {
			count("s2."+it.name+".decisions", "s2", signed(it.vs[0]))
		}
		switch {
		case s.FeesPrinted == "":
			out = append(out, fxCell{code: "s2.fees.amount_yuan"})
		case s.FeesAmount[0] != "":
			money("s2.fees.amount_yuan", s.FeesAmount[0], s.FeesAmount[1])
		default:
			money("s2.fees.amount_yuan", s.FeesPrinted, "万元")
		}
	} else {
		for _, it := range []struct {
			name string
			vs   []any
		}{{"regulations", s.Regulations}, {"normative", s.Normative}} {
			for i, m := range []string{"new_made", "new_published", "total_published"} {
				count("s2."+it.name+"."+m, "s2", signed(it.vs[i]))
			}
		}
		for _, it := range []struct {
			name string
			vs   []any
		}{{"permit", s.Permit}, {"other_services", s.OtherServices}, {"penalty", s.Penalty}, {"compulsion", s.Compulsion}, {"fees", s.Fees}} {
			for i, m := range []string{"prev_count", "change", "decisions"}[:len(it.vs)] {
				count("s2."+it.name+"."+m, "s2", signed(it.vs[i]))
			}
		}
		n, err := strconv.ParseInt(s.ProcurementPrinted[0], 10, 64)
		if err != nil {
			panic("generate: fixture procurement count " + s.ProcurementPrinted[0])
		}
		count("s2.procurement.count", "s2", n)
		money("s2.procurement.amount_yuan", s.ProcurementAmount[0], s.ProcurementAmount[1])
	}
	for _, r := range fxS3Rows(f.Single) {
		for a, col := range append(append([]string(nil), fxApplicants...), "total") {
			count("s3."+r.code+"."+col, "s3", f.s3[r.code][a])
		}
	}
	for p, pr := range fxProceedings {
		for o, oc := range fxAppealOutcomes {
			count("s4."+pr+"."+oc, "s4", f.s4[p][o])
		}
	}
	for i := range out {
		if f.S2Missing && strings.HasPrefix(out[i].code, "s2.") {
			out[i].num, out[i].yuan = nil, nil
		}
		if indexOf(f.Unknowable, out[i].code) >= 0 {
			out[i].num, out[i].yuan = nil, nil
		}
	}
	return out
}

// expected is the report's line of expected.jsonl.
func (f *fixture) expected() []byte {
	var b bytes.Buffer
	b.WriteString(`{"file": `)
	writeString(&b, f.File)
	b.WriteString(`, "year": ` + strconv.Itoa(f.Year) + `, "template": `)
	writeString(&b, f.Template)
	b.WriteString(`, "agency": `)
	writeList(&b, f.Agency)
	b.WriteString(`, "cells": {`)
	for i, c := range f.cells() {
		if i > 0 {
			b.WriteString(", ")
		}
		writeString(&b, c.code)
		b.WriteString(": ")
		switch {
		case c.num != nil:
			b.WriteString(strconv.FormatInt(*c.num, 10))
		case c.yuan != nil:
			writeString(&b, *c.yuan)
		default:
			b.WriteString("null")
		}
	}
	b.WriteString(`}, "expected_issues": [`)
	for i, is := range f.Issues {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`{"cell": `)
		writeString(&b, is.Cell)
		b.WriteString(`, "kind": `)
		writeString(&b, is.Kind)
		b.WriteString(`, "severity": `)
		writeString(&b, is.Severity)
		b.WriteString("}")
	}
	b.WriteString(`], "notes": `)
	writeList(&b, f.Notes)
	b.WriteString("}")
	return b.Bytes()
}

// Fixtures returns the test reports of testdata/reports: each file's path
// relative to that folder ('/' separated) and its bytes, then
// expected.jsonl. It fails when a report's arithmetic does not hold.
func Fixtures() (map[string][]byte, error) {
	out := map[string][]byte{}
	var lines []byte
	for _, f := range fixtureReports() {
		if err := f.build(); err != nil {
			return nil, err
		}
		doc, err := f.document()
		if err != nil {
			return nil, err
		}
		if _, dup := out[f.File]; dup {
			return nil, fmt.Errorf("%w: %s described twice", ErrFixture, f.File)
		}
		out[f.File] = []byte(doc)
		lines = append(append(lines, f.expected()...), '\n')
	}
	out["expected.jsonl"] = lines
	return out, nil
}

// WriteFixtures writes the test reports and expected.jsonl under dir.
func WriteFixtures(dir string) error {
	files, err := Fixtures()
	if err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeList writes a JSON list of strings with ", " between items.
func writeList(b *bytes.Buffer, xs []string) {
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		writeString(b, x)
	}
	b.WriteByte(']')
}
