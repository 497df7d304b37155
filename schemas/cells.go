package schemas

// Code is one row or column of a standard table: its stable code and the
// label the template prints for it.
type Code struct {
	Code  string
	Label string
}

// Metric is one column of section 二. Money metrics hold amount_yuan and
// their cell code ends in .amount_yuan rather than the metric code.
type Metric struct {
	Code
	Money bool
}

// Item is one row of section 二 with the metrics the template gives it.
type Item struct {
	Code
	Clause  string // 第二十条第（一）项 …
	Metrics []Metric
}

var (
	m19NewMade        = Metric{Code: Code{"new_made", "本年新制作数量"}}
	m19NewPublished   = Metric{Code: Code{"new_published", "本年新公开数量"}}
	m19TotalPublished = Metric{Code: Code{"total_published", "对外公开总数量"}}
	m19PrevCount      = Metric{Code: Code{"prev_count", "上一年项目数量"}}
	m19Change         = Metric{Code: Code{"change", "本年增/减"}}
	m19Decisions      = Metric{Code: Code{"decisions", "处理决定数量"}}
	m19Count          = Metric{Code: Code{"count", "采购项目数量"}}
	m19Amount         = Metric{Code: Code{"amount", "采购总金额"}, Money: true}

	m21Issued    = Metric{Code: Code{"issued", "本年制发件数"}}
	m21Abolished = Metric{Code: Code{"abolished", "本年废止件数"}}
	m21InForce   = Metric{Code: Code{"in_force", "现行有效件数"}}
	m21Decisions = Metric{Code: Code{"decisions", "本年处理决定数量"}}
	m21Amount    = Metric{Code: Code{"amount", "本年收费金额"}, Money: true}
)

// Disclosures2019 is section 二 of template 2019, in printed order.
var Disclosures2019 = []Item{
	{Code{"regulations", "规章"}, "第二十条第（一）项", []Metric{m19NewMade, m19NewPublished, m19TotalPublished}},
	{Code{"normative", "规范性文件"}, "第二十条第（一）项", []Metric{m19NewMade, m19NewPublished, m19TotalPublished}},
	{Code{"permit", "行政许可"}, "第二十条第（五）项", []Metric{m19PrevCount, m19Change, m19Decisions}},
	{Code{"other_services", "其他对外管理服务事项"}, "第二十条第（五）项", []Metric{m19PrevCount, m19Change, m19Decisions}},
	{Code{"penalty", "行政处罚"}, "第二十条第（六）项", []Metric{m19PrevCount, m19Change, m19Decisions}},
	{Code{"compulsion", "行政强制"}, "第二十条第（六）项", []Metric{m19PrevCount, m19Change, m19Decisions}},
	{Code{"fees", "行政事业性收费"}, "第二十条第（八）项", []Metric{m19PrevCount, m19Change}},
	{Code{"procurement", "政府集中采购"}, "第二十条第（九）项", []Metric{m19Count, m19Amount}},
}

// Disclosures2021 is section 二 of template 2021, in printed order.
var Disclosures2021 = []Item{
	{Code{"regulations", "规章"}, "第二十条第（一）项", []Metric{m21Issued, m21Abolished, m21InForce}},
	{Code{"normative", "行政规范性文件"}, "第二十条第（一）项", []Metric{m21Issued, m21Abolished, m21InForce}},
	{Code{"permit", "行政许可"}, "第二十条第（五）项", []Metric{m21Decisions}},
	{Code{"penalty", "行政处罚"}, "第二十条第（六）项", []Metric{m21Decisions}},
	{Code{"compulsion", "行政强制"}, "第二十条第（六）项", []Metric{m21Decisions}},
	{Code{"fees", "行政事业性收费"}, "第二十条第（八）项", []Metric{m21Amount}},
}

// Applicants are the columns of section 三, in printed order.
var Applicants = []Code{
	{"natural_person", "自然人"},
	{"commercial", "商业企业"},
	{"research", "科研机构"},
	{"social", "社会公益组织"},
	{"legal", "法律服务机构"},
	{"other", "其他"},
	{"total", "总计"},
}

// Outcome is one row of section 三. Result rows are summed into total.
type Outcome struct {
	Code
	Result bool
}

func res(code, label string) Outcome { return Outcome{Code{code, label}, true} }

var (
	outHead = []Outcome{
		{Code{"new_received", "一、本年新收政府信息公开申请数量"}, false},
		{Code{"carried_over", "二、上年结转政府信息公开申请数量"}, false},
		res("granted", "（一）予以公开"),
		res("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
		res("denied.state_secret", "1.属于国家秘密"),
		res("denied.law_forbidden", "2.其他法律行政法规禁止公开"),
		res("denied.three_safety", "3.危及“三安全一稳定”"),
		res("denied.third_party", "4.保护第三方合法权益"),
		res("denied.internal_affairs", "5.属于三类内部事务信息"),
		res("denied.process_info", "6.属于四类过程性信息"),
		res("denied.enforcement_file", "7.属于行政执法案卷"),
		res("denied.admin_query", "8.属于行政查询事项"),
		res("unavailable.not_held", "1.本机关不掌握相关政府信息"),
		res("unavailable.needs_creation", "2.没有现成信息需要另行制作"),
		res("unavailable.unclear_after_fix", "3.补正后申请内容仍不明确"),
		res("not_processed.complaint", "1.信访举报投诉类申请"),
		res("not_processed.duplicate", "2.重复申请"),
		res("not_processed.publication", "3.要求提供公开出版物"),
		res("not_processed.mass_repeat", "4.无正当理由大量反复申请"),
		res("not_processed.confirm_existing", "5.要求行政机关确认或重新出具已获取信息"),
	}
	outTail = []Outcome{
		{Code{"total", "（七）总计"}, false},
		{Code{"carried_forward", "四、结转下年度继续办理"}, false},
	}
	// OutcomeOther is the single （六）其他处理 row of template 2019, coded
	// "other" whatever the report's template.
	OutcomeOther = res("other", "（六）其他处理")
	// OutcomesOther2021 are the three （六） rows of template 2021.
	OutcomesOther2021 = []Outcome{
		res("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
		res("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
		res("other.other", "3.其他"),
	}
)

// Outcomes returns the rows of section 三 in printed order: with the single
// （六）其他处理 row when single is true (template 2019, and 2021 reports that
// print it), or with the three 2021 rows.
func Outcomes(single bool) []Outcome {
	out := make([]Outcome, 0, 25)
	out = append(out, outHead...)
	if single {
		out = append(out, OutcomeOther)
	} else {
		out = append(out, OutcomesOther2021...)
	}
	return append(out, outTail...)
}

// Proceedings are the three groups of section 四.
var Proceedings = []Code{
	{"review", "行政复议"},
	{"suit_direct", "未经复议直接起诉"},
	{"suit_after_review", "复议后起诉"},
}

// AppealOutcomes are the five columns of each proceeding, in printed order.
var AppealOutcomes = []Code{
	{"upheld", "结果维持"},
	{"corrected", "结果纠正"},
	{"other", "其他结果"},
	{"pending", "尚未审结"},
	{"total", "总计"},
}

// DisclosureCell returns the flat cell code of a section 二 cell.
func DisclosureCell(item string, m Metric) string { return interned(disclosureCell(item, m)) }

// ApplicationCell returns the flat cell code of a section 三 cell.
func ApplicationCell(outcome, applicant string) string {
	return interned(applicationCell(outcome, applicant))
}

// AppealCell returns the flat cell code of a section 四 cell.
func AppealCell(proceeding, outcome string) string { return interned(appealCell(proceeding, outcome)) }

func disclosureCell(item string, m Metric) string {
	if m.Money {
		return "s2." + item + ".amount_yuan"
	}
	return "s2." + item + "." + m.Code.Code
}

func applicationCell(outcome, applicant string) string { return "s3." + outcome + "." + applicant }

func appealCell(proceeding, outcome string) string { return "s4." + proceeding + "." + outcome }

// catalogueCells holds the code of every cell of the templates once, by
// itself.
var catalogueCells = func() map[string]string {
	m := map[string]string{}
	add := func(c string) { m[c] = c }
	for _, items := range [][]Item{Disclosures2019, Disclosures2021} {
		for _, it := range items {
			for _, mt := range it.Metrics {
				add(disclosureCell(it.Code.Code, mt))
			}
		}
	}
	for _, o := range append(Outcomes(true), OutcomesOther2021...) {
		for _, a := range Applicants {
			add(applicationCell(o.Code.Code, a.Code))
		}
	}
	for _, p := range Proceedings {
		for _, o := range AppealOutcomes {
			add(appealCell(p.Code, o.Code))
		}
	}
	return m
}()

// interned is the catalogue's own copy of the cell code c when c is one of
// its cells, c otherwise. The packages that build the catalogue's cell
// codes (the parser's cell tables, the state store's strings) then hold
// one string for each, and comparing two of them finds them equal by
// their address, without reading their bytes (runtime.memequal): the
// state store compares every cell of a parse with its catalogue.
func interned(c string) string {
	if s, ok := catalogueCells[c]; ok {
		return s
	}
	return c
}
