package transform

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
)

// labelKind is what a cell of a table's label column names.
type labelKind uint8

// The kinds of label the matchers return.
const (
	lblNone   labelKind = iota // nothing of the template: narrative, a row it lacks
	lblGroup                   // a heading over several rows: 三、本年度办理结果, （三）不予公开 …
	lblHeader                  // a column header word
	lblRow                     // a row of the template, by its code
	// A bare 总计 (合计) is section 三's total row when numbers follow it
	// directly, otherwise the 总计 column header (repeated after a page
	// break).
	lblTotalOrHeader
	// An unnumbered 其他 under （六）其他处理 is the row 3.其他 when numbers
	// follow it, otherwise the applicant column 其他.
	lblOtherOrHeader
)

// label is a classified cell: its kind and, for a row (or a cell that is
// a row when numbers follow it), the row's code.
type label struct {
	code string
	kind labelKind
	// out is 1 + the row's place in s3Places for a row of section 三
	// (matchS3), 0 otherwise: readS3 finds a row by it, not by its code.
	// (After kind, it fits in the padding: a label stays 24 bytes.)
	out int8
}

var (
	noLabel     = label{kind: lblNone}
	groupLabel  = label{kind: lblGroup}
	headerLabel = label{kind: lblHeader}
)

// rowLabel is the label of the row with the given code.
func rowLabel(code string) label { return label{kind: lblRow, code: code} }

// namesRow reports a label that names a row of the template, surely or
// when numbers follow it.
func (l label) namesRow() bool { return l.kind >= lblRow }

// sure is the row a label names once numbers are known to follow it.
func (l label) sure() label {
	if l.kind >= lblRow {
		return label{kind: lblRow, code: l.code, out: l.out}
	}
	return l
}

// s3Keys maps distinctive words of each section 三 row label to its outcome
// code. Order matters: the first match wins, so longer, more specific words
// come before words they contain.
var s3Keys = []struct{ key, code string }{
	{"本年新收", "new_received"},
	{"新收政府信息公开申请", "new_received"},
	{"上年结转", "carried_over"},
	{"结转下年", "carried_forward"},
	{"下年度继续办理", "carried_forward"},
	{"部分公开", "partial"},
	{"予以公开", "granted"},
	{"国家秘密", "denied.state_secret"},
	{"法律行政法规禁止", "denied.law_forbidden"},
	{"其他法律行政", "denied.law_forbidden"},
	{"法规禁止公开", "denied.law_forbidden"},
	{"三安全一稳定", "denied.three_safety"},
	{"三安全", "denied.three_safety"},
	{"公共安全", "denied.three_safety"},
	{"社会稳定", "denied.three_safety"},
	{"第三方合法权益", "denied.third_party"},
	{"保护第三方", "denied.third_party"},
	{"内部事务", "denied.internal_affairs"},
	{"过程性信息", "denied.process_info"},
	{"执法案卷", "denied.enforcement_file"},
	{"行政查询", "denied.admin_query"},
	{"不掌握", "unavailable.not_held"},
	{"另行制作", "unavailable.needs_creation"},
	{"没有现成", "unavailable.needs_creation"},
	{"补正后", "unavailable.unclear_after_fix"},
	{"仍不明确", "unavailable.unclear_after_fix"},
	{"内容不明确", "unavailable.unclear_after_fix"},
	{"信访", "not_processed.complaint"},
	{"举报投诉", "not_processed.complaint"},
	{"重复申请", "not_processed.duplicate"},
	{"出版物", "not_processed.publication"},
	{"大量反复", "not_processed.mass_repeat"},
	{"重新出具", "not_processed.confirm_existing"},
	{"确认或重新", "not_processed.confirm_existing"},
	{"逾期不补正", "other.no_correction"},
	{"申请人无正当理由", "other.no_correction"},
	{"逾期未按", "other.no_fee"},
	{"缴纳费用", "other.no_fee"},
	{"收费通知", "other.no_fee"},
}

// sharedTail ends the labels of both other.no_correction and other.no_fee
// (…、行政机关不再处理其政府信息公开申请). A cell holding it without either
// row's own words names a row only by its list number; unnumbered, it is
// the wrapped end of the label above and must not start a row of its own.
const sharedTail = "不再处理其政府信息公开申请"

// groupKeys are headings over several rows.
var groupKeys = []string{"本年度办理结果", "不予公开", "无法提供", "不予处理", "办理结果"}

// isS3HeaderWord reports a column header of section 三 (or a word of its
// explanation line), recognised so a header repeated after a page break is
// skipped rather than read as a label. A switch, not a map: it compares the
// length first, and most cells asked about are longer than any header.
func isS3HeaderWord(c string) bool {
	switch c {
	case "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "法人或其他",
		"组织", "信息内容":
		return true
	}
	return false
}

// stripNumbering removes a leading list numeral: 一、 （一） (一) 1. 1、 1．
func stripNumbering(c string) string {
	// Only a cell that begins with a bracket or a numeral has one: most
	// labels do not, and return here.
	if c == "" || (c[0] != '(' && !numeralAt(c)) {
		return c
	}
	// A numeral's closing bracket stands by byte 10 and its separator by
	// byte 6, so only the first 11 and 9 bytes are searched (a separator
	// of three bytes at byte 6 ends at 9), not the whole label; a
	// character cut at the end of them reads as U+FFFD, which is none of
	// the separators.
	for {
		old := c
		if strings.HasPrefix(c, "(") {
			if i := strings.IndexByte(c[:min(len(c), 11)], ')'); i > 0 && i <= 10 && isNumeral(c[1:i]) {
				c = c[i+1:]
			}
		}
		if i := numberingMark(c[:min(len(c), 9)]); i > 0 && i <= 6 && isNumeral(c[:i]) {
			_, sz := firstRune(c[i:])
			c = c[i+sz:]
		}
		if c == old {
			return c
		}
	}
}

// numberingMark is strings.IndexAny(s, "、.．"), comparing bytes: IndexAny
// looked each character of s up in the set's text. Each mark is valid
// UTF-8 opening with a byte no other character holds inside it, so where
// its bytes are is where decoding s finds it.
func numberingMark(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.':
			return i
		case "、"[0], "．"[0]:
			if strings.HasPrefix(s[i:], "、") || strings.HasPrefix(s[i:], "．") {
				return i
			}
		}
	}
	return -1
}

// numeralAt reports whether c begins with a character of isNumeral.
func numeralAt(c string) bool {
	if c[0] < utf8.RuneSelf {
		return c[0] >= '0' && c[0] <= '9'
	}
	r, _ := utf8.DecodeRuneInString(c)
	return isNumeralRune(r)
}

// isNumeralRune is strings.ContainsRune("0123456789一二三四五六七八九十", r),
// as a switch: the labels asked about begin with Han characters, which
// ContainsRune looked for in the list's text.
func isNumeralRune(r rune) bool {
	switch r {
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, 0
}

func isNumeral(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isNumeralRune(r) {
			return false
		}
	}
	return true
}

// isNote reports a note printed in a table's region (注：…, 说明：…,
// 备注：…): it may name rows and hold numbers, but it is no row.
//
// Its words (注：, 注:, 说明：, 说明:, 备注, 附注) begin with one of four
// characters: the cell's first decides which to compare the rest with,
// where comparing each word in turn cost a call each for every cell.
func isNote(c string) bool {
	if len(c) < 4 { // 注: is the shortest
		return false
	}
	switch c[:3] {
	case "注":
		return c[3] == ':' || strings.HasPrefix(c[3:], "：")
	case "说":
		return strings.HasPrefix(c[3:], "明：") || strings.HasPrefix(c[3:], "明:")
	case "备", "附":
		return strings.HasPrefix(c[3:], "注")
	}
	return false
}

// s3Words are the words matchS3 looks for, in one index: s3Keys first,
// in their order (the first that matches wins), then the others at the
// positions named below.
var s3Words = func() *keyIndex {
	w := make([]string, 0, len(s3Keys)+4+len(groupKeys))
	for _, k := range s3Keys {
		w = append(w, k.key)
	}
	w = append(w, "勾稽关系", sharedTail, "其他处理", "缴纳")
	return newKeyIndex(append(w, groupKeys...)...)
}()

// Positions in s3Words of the words after s3Keys.
var (
	s3WordCheck = len(s3Keys)     // 勾稽关系
	s3WordTail  = len(s3Keys) + 1 // sharedTail
	s3WordOther = len(s3Keys) + 2 // 其他处理
	s3WordFee   = len(s3Keys) + 3 // 缴纳
	s3WordGroup = len(s3Keys) + 4 // the first of groupKeys
	s3KeyMask   = uint64(1)<<len(s3Keys) - 1
)

// s3Places are the codes of section 三's rows, those of both variants of
// the table (schemas.Outcomes) in one list: a row's place in it is its
// label's out, less one.
var s3Places = func() []string {
	var codes []string
	for _, single := range []bool{true, false} {
		for _, o := range schemas.Outcomes(single) {
			if !slices.Contains(codes, o.Code.Code) {
				codes = append(codes, o.Code.Code)
			}
		}
	}
	return codes
}()

// s3Place returns 1 + the place of code in s3Places, 0 if it is none.
func s3Place(code string) int8 {
	return int8(slices.Index(s3Places, code) + 1)
}

// s3Label is rowLabel for a row of section 三, its place given.
func s3Label(code string) label { return label{kind: lblRow, code: code, out: s3Place(code)} }

// The labels of s3Keys, in turn, and of the rows matchS3 names otherwise:
// made once, so that it does not look the place up for each cell.
var (
	s3KeyLabels = func() []label {
		ls := make([]label, len(s3Keys))
		for i, k := range s3Keys {
			ls[i] = s3Label(k.code)
		}
		return ls
	}()
	s3NoFeeLabel        = s3Label("other.no_fee")
	s3NoCorrectionLabel = s3Label("other.no_correction")
	s3OtherOtherLabel   = s3Label("other.other")
	s3OtherLabel        = s3Label("other")
	s3TotalLabel        = s3Label("total")
)

// matchS3 classifies a compact cell of section 三: an outcome code, a group
// heading, a header word, or nothing. inOther says whether the previous
// group heading was （六）其他处理, where "3.其他" is the row other.other.
func matchS3(c string, inOther bool) label {
	has := s3Words.contains(c)
	if has&(1<<s3WordCheck) != 0 {
		return headerLabel
	}
	if isNote(c) {
		return noLabel
	}
	if k := has & s3KeyMask; k != 0 {
		l := s3KeyLabels[bits.TrailingZeros64(k)]
		if l.code == "other.no_correction" && has&(1<<s3WordFee) != 0 {
			return s3NoFeeLabel
		}
		return l
	}
	if has&(1<<s3WordTail) != 0 {
		switch {
		case strings.HasPrefix(c, "1.") || strings.HasPrefix(c, "1、"):
			return s3NoCorrectionLabel
		case strings.HasPrefix(c, "2.") || strings.HasPrefix(c, "2、"):
			return s3NoFeeLabel
		}
		return noLabel
	}
	body := stripNumbering(c)
	switch {
	case has&(1<<s3WordOther) != 0:
		return s3OtherLabel
	case body == "总计" || body == "合计":
		if body != c { // （七）总计
			return s3TotalLabel
		}
		return label{kind: lblTotalOrHeader, code: "total", out: s3TotalLabel.out}
	case inOther && body == "其他" && body != c:
		return s3OtherOtherLabel
	case inOther && body == "其他":
		return label{kind: lblOtherOrHeader, code: "other.other", out: s3OtherOtherLabel.out}
	}
	if isS3HeaderWord(body) || isS3HeaderWord(c) {
		return headerLabel
	}
	if has>>s3WordGroup != 0 {
		return groupLabel
	}
	return noLabel
}

// s2 item labels, most specific first.
var s2Keys = []struct{ key, code string }{
	{"其他对外管理服务事项", "other_services"},
	{"其他对外管理服务", "other_services"},
	{"对外管理服务事项", "other_services"},
	{"行政规范性文件", "normative"},
	{"规范性文件", "normative"},
	{"规章", "regulations"},
	{"行政许可", "permit"},
	{"行政处罚", "penalty"},
	{"行政强制", "compulsion"},
	{"行政事业性收费", "fees"},
	{"事业性收费", "fees"},
	{"政府集中采购", "procurement"},
	{"集中采购", "procurement"},
}

// s2HeaderKeys are words of section 二's header rows and clause lines.
var s2HeaderKeys = []string{
	"第二十条", "信息内容", "本年新", "制作数量", "公开数量", "对外公开总数量", "上一年项目数量",
	"本年增", "处理决定数量", "采购项目数量", "采购总金额", "本年制发件数", "本年废止件数",
	"现行有效件数", "本年处理决定", "本年收费金额", "收费金额", "增/减", "项目数量", "总金额",
	"制发件数", "废止件数", "有效件数",
	// shorter wordings of the same headers
	"新制作", "新公开", "公开总数", "上年项目", "增减", "增(减)", "增加/减少", "决定数量",
	"采购金额", "本年制发", "现行有效",
}

// clauseRefEnd is the end of the 第二十条 item reference some tables
// print in front of the row label, in the row's own cell (第二十条第（五）项
// 行政许可), -1 when c does not start with one: the match of
// `^第二十条(?:第?[(（]?[一二三四五六七八九十0-9]+[)）]?项)?[:：、,，]?`
// (reClauseRef, in the tests). Each optional part is taken when it is
// there: what follows it can never start with what it starts with, so
// no other reading of the item matches.
func clauseRefEnd(c string) int {
	if !strings.HasPrefix(c, "第二十条") {
		return -1
	}
	i := len("第二十条")
	if end := clauseItemEnd(c[i:]); end > 0 {
		i += end
	}
	r, size := utf8.DecodeRuneInString(c[i:])
	switch r {
	case ':', '：', '、', ',', '，':
		i += size
	}
	return i
}

// clauseItemEnd is the end of `第?[(（]?[一二三四五六七八九十0-9]+[)）]?项`
// at the start of s, 0 when s does not start with it.
func clauseItemEnd(s string) int {
	i := 0
	if strings.HasPrefix(s, "第") {
		i += len("第")
	}
	if r, size := utf8.DecodeRuneInString(s[i:]); r == '(' || r == '（' {
		i += size
	}
	n := i
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isNumeralRune(r) {
			break
		}
		n += size
	}
	if n == i {
		return 0
	}
	if r, size := utf8.DecodeRuneInString(s[n:]); r == ')' || r == '）' {
		n += size
	}
	if !strings.HasPrefix(s[n:], "项") {
		return 0
	}
	return n + len("项")
}

// s2HeaderIndex and s2Words index s2HeaderKeys and the words of s2Keys.
var (
	s2HeaderIndex = newKeyIndex(s2HeaderKeys...)
	s2Words       = func() *keyIndex {
		w := make([]string, len(s2Keys))
		for i, k := range s2Keys {
			w[i] = k.key
		}
		return newKeyIndex(w...)
	}()
)

// matchS2 classifies a compact cell of section 二.
func matchS2(c string) label {
	if end := clauseRefEnd(c); end >= 0 && end < len(c) {
		// A row label after its clause reference is the row's; the
		// reference alone, or with a header word, is a header line.
		if m := matchS2(c[end:]); m.kind == lblRow {
			return m
		}
	}
	if s2HeaderIndex.has(c) {
		return headerLabel
	}
	body := stripNumbering(c)
	// Row labels are short; a narrative sentence mentioning 行政许可 is not one.
	if hanCount(body) > 40 {
		return noLabel
	}
	// Only a word the label contains can begin it or stand in it.
	for m := s2Words.contains(body); m != 0; m &= m - 1 {
		k := s2Keys[bits.TrailingZeros64(m)]
		if strings.HasPrefix(body, k.key) || hanCount(body) <= len([]rune(k.key))+12 {
			return rowLabel(k.code)
		}
	}
	// 收费 alone (or 收费项目) stands for 行政事业性收费; only at the
	// start of a short label, where no other row's words are.
	if strings.HasPrefix(body, "收费") && hanCount(body) <= 6 {
		return rowLabel("fees")
	}
	return noLabel
}

// s4HeaderWords are the header cells of section 四.
var s4HeaderWords = []string{"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
	"未经复议直接起诉", "复议后起诉", "维持", "纠正", "审结", "起诉", "合计"}

// matchS4 classifies a cell of section 四, a table no label names: its
// header words and a Markdown table's delimiter row (the section printed
// as three tables) are the header; any other text is none of it.
func matchS4(c string, _ bool) label {
	if isRuleCell(c) || isS4Header(c) {
		return headerLabel
	}
	return noLabel
}

var s4HeaderIndex = newKeyIndex(s4HeaderWords...)

func isS4Header(c string) bool {
	return s4OutcomeOf(c) >= 0 || s4HeaderIndex.has(c)
}

// s4OutcomeWords are the outcome headers of section 四 in template order,
// each as the template words it and as agencies shorten it. Only a cell
// that is one of them whole names the outcome: 其他 inside a sentence is
// no header.
var s4OutcomeWords = [][]string{
	{"结果维持", "维持"},
	{"结果纠正", "纠正"},
	{"其他结果", "其他"},
	{"尚未审结", "未审结", "审理中", "正在审理"},
	{"总计", "合计", "小计"},
}

// s4OutcomeOf returns the index of the outcome a cell names whole, or -1.
func s4OutcomeOf(c string) int {
	for j, ws := range s4OutcomeWords {
		for _, w := range ws {
			if c == w {
				return j
			}
		}
	}
	return -1
}
