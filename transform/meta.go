package transform

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
)

var (
	reHanYear  = regexp.MustCompile(`二[〇零○Ｏ0O][一二三四五六七八九〇零○][〇零○一二三四五六七八九]年`)
	reDateLine = regexp.MustCompile(`^(?:[0-9]{4}|二[〇零○Ｏ0O][一二三四五六七八九〇零○][〇零○一二三四五六七八九])年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$`)
	reDateEnd  = regexp.MustCompile(`(?:[0-9]{4}|二[〇零○Ｏ0O][一二三四五六七八九〇零○][〇零○一二三四五六七八九])年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$`)
	// reOrgLead is the organ as the summary's first sentence names it
	// ("2022年，松岭县交通运输局坚持以…", "…，松岭县住房和城乡建设局严格落实…"):
	// a name ending like an organ's, followed by the verb of the sentence.
	reOrgLead = regexp.MustCompile(`(?:^|[，。；：,;:])(?:20[0-9]{2}年度?[，,])?(\p{Han}{3,30}?(?:人民政府|办事处|委员会|管委会|办公室|办公厅|局|厅|委|办|中心|院|所|部|署|馆|站|队|处|街道|镇|乡)(?:\(\p{Han}{1,20}\))?)(?:坚持|认真|严格|深入|全面|始终|紧紧|按照|根据|依据|依照|以|在|围绕|高度|持续|积极|进一步|着力|紧扣|聚焦|扎实|不断|贯彻|落实|切实|主动|依法|大力|牢固|全力|立足|紧密|继续|充分)`)
)

// notTheTotal are words that, before a number of requests in its clause,
// make it a part (其中当面申请3件, 网络申请9件) or another year's (较上年,
// 同比), not the year's requests received.
var notTheTotal = append([]string{"其中", "当面", "网络", "网上", "信函", "传真", "电子邮件", "邮寄", "来信", "电话"},
	notThisYear...)

// notThisYear are the words of notTheTotal that make a number another
// year's: 其中本年新收12件 is this year's new requests.
var notThisYear = []string{"较", "比", "上年", "去年", "上一年"}

// summaryNumber reads a count of the summary in digits or characters
// (12, 十二, 一十二, 两, 一百零五); false for anything else.
func summaryNumber(s string) (int64, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	digit := map[rune]int64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	unit := map[rune]int64{'十': 10, '百': 100, '千': 1000}
	var total, cur int64
	last := int64(0) // the last unit seen, for the order 千 > 百 > 十
	seen := false
	for _, r := range s {
		if d, ok := digit[r]; ok {
			cur = d
			seen = true
			continue
		}
		u, ok := unit[r]
		if !ok || (last != 0 && u >= last) {
			return 0, false
		}
		if cur == 0 && !(u == 10 && total == 0) {
			if !seen || u != 10 {
				return 0, false
			}
		}
		if cur == 0 {
			cur = 1 // 十二 is 12
		}
		total += cur * u
		cur, last, seen = 0, u, true
	}
	return total + cur, seen
}

// bothN counts reviews and lawsuits together (行政复议和行政诉讼共2件)
// or each (…各1件) in l, when l names both proceedings (there is no
// count otherwise): the whole count, the word before the number (各, 共,
// …; "" if none) and the number, or nil. It is reBothN.FindStringSubmatch(l),
// the regexp (in the tests)
//
//	行政复议(?:案件)?(?:和|及|与|、|或)行政诉讼(?:案件)?(?:数量)?(各|共计|共|合计|总计)?(?:为)?([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:件|起|宗)
//
// read from each 行政复议 in turn. From one, each part is forced: no
// optional part starts with what may follow it (共计 is tried before 共,
// whose way on 计 cannot take), and no run of a number is followed by
// one of its own characters.
func bothN(l string, both bool) []string {
	if !both {
		return nil
	}
	for from := 0; ; {
		k := hanIndex(l[from:], "行政复议")
		if k < 0 {
			return nil
		}
		i := from + k
		if m := bothNAt(l, i); m != nil {
			return m
		}
		from = i + len("行政复议")
	}
}

// bothNAt is bothN's count starting at byte i of l, where l holds 行政复议,
// or nil.
func bothNAt(l string, i int) []string {
	p := i + len("行政复议")
	if strings.HasPrefix(l[p:], "案件") {
		p += len("案件")
	}
	if p+3 > len(l) {
		return nil
	}
	switch l[p : p+3] {
	case "和", "及", "与", "、", "或":
		p += 3
	default:
		return nil
	}
	if !strings.HasPrefix(l[p:], "行政诉讼") {
		return nil
	}
	p += len("行政诉讼")
	if strings.HasPrefix(l[p:], "案件") {
		p += len("案件")
	}
	if strings.HasPrefix(l[p:], "数量") {
		p += len("数量")
	}
	word := ""
	for _, w := range [...]string{"各", "共计", "共", "合计", "总计"} {
		if strings.HasPrefix(l[p:], w) {
			word = w
			break
		}
	}
	p += len(word)
	if strings.HasPrefix(l[p:], "为") {
		p += len("为")
	}
	q := p
	for q < len(l) && l[q]-'0' <= 9 {
		q++
	}
	if q == p {
		for q+3 <= len(l) && isCountNumeral(l[q:q+3]) {
			q += 3
		}
	}
	if q == p || q+3 > len(l) {
		return nil
	}
	switch l[q : q+3] {
	case "件", "起", "宗":
	default:
		return nil
	}
	return []string{l[i : q+3], word, l[p:q]}
}

// isCountNumeral reports a numeral of a count in characters, among
// 零〇一二两三四五六七八九十百千.
func isCountNumeral(s string) bool {
	switch s {
	case "零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千":
		return true
	}
	return false
}

// receivedSaid reads the number of requests a line of the summary says
// were received: the first that is the year's total, not a part of it or
// another year's. withCarried is set when the sentence speaks of requests
// carried over (共受理14件（含上年结转2件）), so the number may include them.
func receivedSaid(l string) (said int64, withCarried, found bool) {
	for start := 0; start < len(l); {
		end, next := sentenceEnd(l, start)
		sent := l[start:end]
		start = next
		if !hanContains(sent, "申请") { // an empty sentence says nothing either
			continue
		}
		if start, i, j, ok := newN(sent); ok && !containsAny(sent[clauseStart(sent, start):i], notThisYear...) {
			if n, ok := summaryNumber(sent[i:j]); ok {
				return n, false, true
			}
		}
		for m, ok := receivedAt(sent, 0); ok; m, ok = receivedAt(sent, m[1]) {
			if containsAny(sent[clauseStart(sent, m[0]):m[2]], notTheTotal...) {
				continue
			}
			if n, ok := summaryNumber(sent[m[2]:m[3]]); ok {
				return n, hanContains(sent, "结转"), true
			}
		}
		if (hanContains(sent, "未") || hanContains(sent, "没有")) && noRequest(sent) {
			return 0, false, true
		}
	}
	return 0, false, false
}

// sentenceEnd finds the end of the sentence of l that starts at byte
// start: the first 。, ; or ； from there (or the end of l), and the byte
// after it. The marks are found by their bytes, with no rune decoded: a
// lead byte is never inside another character's encoding, so their
// encodings appear just where decoding l would read them.
func sentenceEnd(l string, start int) (end, next int) {
	for i := start; i < len(l); i++ {
		switch l[i] {
		case ';':
			return i, i + 1
		case 0xe3: // 。 is e3 80 82
			if i+2 < len(l) && l[i+1] == 0x80 && l[i+2] == 0x82 {
				return i, i + 3
			}
		case 0xef: // ； is ef bc 9b
			if i+2 < len(l) && l[i+1] == 0xbc && l[i+2] == 0x9b {
				return i, i + 3
			}
		}
	}
	return len(l), len(l)
}

// clauseStart is the start of the clause of sent holding byte i: just
// after the comma before it.
func clauseStart(sent string, i int) int {
	j := strings.LastIndexAny(sent[:i], ",，:：")
	if j < 0 {
		return 0
	}
	_, size := utf8.DecodeRuneInString(sent[j:])
	return j + size
}

// readMeta finds the report's title, year and issuing organ. Sidecar
// metadata wins over anything inferred from the text.
func (p *parser) readMeta() {
	rep := &p.out.Report
	m := p.doc.Meta
	title, titleAt := "", -1
	for i, n := 0, 0; i < len(p.cl) && n < 8; i++ {
		c := p.cl[i]
		if c == "" {
			continue
		}
		n++
		if c = unheading(c); isTitle(c) {
			title, titleAt = c, i
			break
		}
	}
	if m.Title != "" {
		title = m.Title
	}
	if title != "" {
		rep.Title = strp(title)
	}
	if m.URL != "" {
		rep.URL = strp(m.URL)
	}
	if pub := strings.TrimSpace(m.Published); pub != "" {
		if d, ok := publishedDate(pub); ok {
			rep.Published = &d
		} else {
			p.finding(ruleMetaPublishedInvalid, schemas.SeverityWarning, "report",
				"the sidecar's published is not a date (2021-01-29, 2021/1/29 or 2021年1月29日); published is left null",
				0, strp("YYYY-MM-DD"), strp(pub))
		}
	}

	// A title broken over two lines ("…人民政府办公室2020年政府信息公开" /
	// "工作年度报告", or the organ alone above): the line above completes it.
	joined := ""
	if titleAt > 0 && m.Title == "" {
		for j := titleAt - 1; j >= 0 && j >= titleAt-2; j-- {
			if c := p.cl[j]; c != "" {
				if fewerRunes(c, 41) && !hanContains(c, "报告") && !isDateLine(c) &&
					!strings.ContainsAny(c, "。，,；;：:>＞»|/") {
					joined = c + title
				}
				break
			}
		}
	}
	p.readYear(title, joined)

	agency := m.Agency
	if agency == "" {
		agency = p.findAgency(title, joined, titleAt)
		if agency == "" {
			p.finding(ruleAgencyUnknown, schemas.SeverityWarning, "report",
				"no complete organ name in the title, the heading, the publication lines, the signature or the summary; agency left null",
				0, nil, nil)
		}
	}
	if name, _, ok := orgBracket(agency); ok {
		// One organ under two names (松岭县档案局（松岭县档案馆）): the
		// first is the organ's own, the one lists and registers use.
		agency = name
	}
	if agency != "" {
		rep.Agency = strp(agency)
	}
}

// findAgency reads the organ from the title, the lines around it, the
// signature, the publication lines and the summary, in that order: the
// first complete organ name (see cleanOrg) wins.
func (p *parser) findAgency(title, joined string, titleAt int) string {
	sources := []func() string{
		func() string { return titleOrg(title) },
		func() string { return titleOrg(joined) },
		func() string {
			// a title broken over two lines: the organ above, the year and
			// 政府信息公开工作年度报告 below
			for j := titleAt - 1; j >= 0 && j >= titleAt-2; j-- {
				if c := p.cl[j]; c != "" {
					return c
				}
			}
			return ""
		},
		func() string {
			// the organ on its own line under a title that names none
			if titleAt < 0 || titleOrg(title) != "" {
				return ""
			}
			for j := titleAt + 1; j < len(p.cl) && j <= titleAt+2; j++ {
				if c := p.cl[j]; c != "" {
					if hanCount(c) <= 30 && !isDivisionOnly(c) {
						return c
					}
					return ""
				}
			}
			return ""
		},
		func() string { return ownOffice(p.signature(), title) },
		func() string { return ownOffice(p.issuer(), title) },
		p.leadOrg,
		p.frequentOrg,
	}
	for _, f := range sources {
		if a := cleanOrg(f()); a != "" {
			return p.completeDivision(a)
		}
	}
	return ""
}

// completeDivision is the government of division a (茅草街镇 →
// 茅草街镇人民政府, 东湖街道 → 东湖街道办事处) when the text outside the
// tables prints it; a itself otherwise.
func (p *parser) completeDivision(a string) string {
	var forms []string
	switch {
	case strings.HasSuffix(a, "镇") || strings.HasSuffix(a, "乡"):
		forms = []string{a + "人民政府"}
	case strings.HasSuffix(a, "街道"):
		forms = []string{a + "办事处"}
	case strings.HasSuffix(a, "街"):
		forms = []string{a + "道办事处"}
	default:
		return a
	}
	lo, hi := p.tableLines()
	for i, l := range p.cl {
		if i >= lo && i < hi {
			continue
		}
		for _, f := range forms {
			if hanContains(l, f) {
				return f
			}
		}
	}
	return a
}

// titleOrg is the organ a title names before its year or before
// 政府信息公开…报告; a title that begins with its year
// ("2023年度松岭县教育局政府信息公开工作年度报告") names it after the year.
func titleOrg(title string) string {
	a, t := titleSubject(title)
	if a == "" || !isOrgName(a) && !hanContains(a, "关于") {
		// "关于印发《西城区财政局2020年度…报告》的通知": a notice that
		// prints the report, named by none but the report's own title
		if i := hanIndex(title, "《"); i > 0 {
			if j := hanIndex(title[i:], "》"); j > 0 && isTitle(title[i+len("《"):i+j]) {
				return titleOrg(title[i+len("《") : i+j])
			}
		}
	}
	if a == "" {
		return ""
	}
	// "青州市人民政府办公厅关于青州市2022年…", "…办公室关于印发…的通知",
	// "白石镇人民政府关于白石镇2022年…": the organ speaks before 关于, the
	// report's subject follows it (and may itself end like an organ).
	// A line wrapped out of a sentence citing a document (…政务公开办公室
	// 关于印发〈…年度报告格式〉) is no title: the subject is never quoted.
	if i := hanIndex(a, "关于"); i > 0 {
		if isOrgName(a[:i]) && (printsReport(t) || !strings.ContainsAny(t, "〈《“\"")) {
			// …管委会办公室关于印发…管委会2022年…: the office compiles
			// and prints the report, the organ it names is the report's
			if strings.HasSuffix(a[:i], "办公室") || strings.HasSuffix(a[:i], "办公厅") {
				if o := ownOrgan(a[i+len("关于"):]); o != "" {
					return o
				}
			}
			return a[:i]
		}
		return ""
	}
	if isOrgName(a) {
		return a
	}
	return ""
}

// titleSubject is what a title names before its year or before
// 政府信息公开…报告 (an organ, or a division: 澧县, 西湖管理区), and the
// title as it was searched; "" when it names nothing there.
func titleSubject(title string) (string, string) {
	title = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.Trim(title, "《》"))
	t := strings.TrimPrefix(stripDates(arabicYears(title)), "关于")
	t = t[yearBracketEnd(t):]
	t = t[yearLeadEnd(t):]
	cut := titleCut(t)
	if cut <= 0 {
		return "", t
	}
	a := strings.TrimSuffix(t[:cut], "关于")
	if i := strings.LastIndexAny(a, ":："); i >= 0 {
		a = a[i+1:] // "标题：松岭县教育局…"
	}
	return strings.Trim(a, "《》“”\"':："), t
}

// The parts of a title titleSubject reads were regexps (reYearBracket,
// reYearLead and reTitleCut, in the tests); each is read by hand, all of
// its words valid UTF-8, so that where strings.Index finds one is where
// decoding the title from its start finds it.

// yearBracketEnd is the end of a year in brackets ahead of a title
// (【2020年】, [2020年度], （2020年）), 0 when t starts with none: the
// match of `^[【\[（(〔]20[0-9]{2}年?度?[】\]）)〕]`. 年 and 度 are taken
// when they are there, as nothing that may follow either starts with it.
func yearBracketEnd(t string) int {
	r, i := utf8.DecodeRuneInString(t)
	switch r {
	case '【', '[', '（', '(', '〔':
	default:
		return 0
	}
	if !isYear20(t[i:]) {
		return 0
	}
	i += len("2020")
	if strings.HasPrefix(t[i:], "年") {
		i += len("年")
	}
	if strings.HasPrefix(t[i:], "度") {
		i += len("度")
	}
	switch r, size := utf8.DecodeRuneInString(t[i:]); r {
	case '】', ']', '）', ')', '〕':
		return i + size
	}
	return 0
}

// yearLeadEnd is the end of the year a title opens with (2022年度, 关于
// 2022年), 0 when it opens with none: the match of `^(关于)?20[0-9]{2}年度?`.
func yearLeadEnd(t string) int {
	i := 0
	if strings.HasPrefix(t, "关于") {
		i = len("关于")
	}
	if !isYear20(t[i:]) || !strings.HasPrefix(t[i+len("2020"):], "年") {
		return 0
	}
	i += len("2020年")
	if strings.HasPrefix(t[i:], "度") {
		i += len("度")
	}
	return i
}

// titleCut is where the subject a title names ends: at its first year
// (2022年) or words of the report's (政府信息公开, 信息公开, 政务公开,
// 年度报告), or at the 关于 just before them; -1 when it names none. It
// is the start of the match of
// `(关于)?(20[0-9]{2}年度?|政府信息公开|信息公开|政务公开|年度报告)`, the
// leftmost: no word starts inside 关于, so the first word found decides.
func titleCut(t string) int {
	at := -1
	for _, w := range [...]string{"政府信息公开", "信息公开", "政务公开", "年度报告"} {
		if i := hanIndex(t, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	for from := 0; ; {
		k := hanIndex(t[from:], "年")
		if k < 0 {
			break
		}
		y := from + k
		if at >= 0 && y-len("2020") >= at {
			break
		}
		if y >= len("2020") && isYear20(t[y-len("2020"):]) {
			at = y - len("2020")
			break
		}
		from = y + len("年")
	}
	if at >= len("关于") && t[at-len("关于"):at] == "关于" {
		at -= len("关于")
	}
	return at
}

// isYear20 reports s starting with 20 and two more digits.
func isYear20(s string) bool {
	return len(s) >= 4 && s[0] == '2' && s[1] == '0' && s[2]-'0' <= 9 && s[3]-'0' <= 9
}

// ownOffice is the organ whose report it is when a signature or
// publication line names its office (西湖管理区管委会办公室, 澧县人民政府
// 办公室) and the title names the organ's division (西湖管理区2022年…,
// 澧县2022年…): the office compiles the report, the organ issues it.
// a itself otherwise.
func ownOffice(a, title string) string {
	r, _ := titleSubject(title)
	if r == "" || isOrgName(r) && !isZone(r) {
		return a
	}
	for _, office := range []string{"办公室", "办公厅"} {
		base := strings.TrimSuffix(a, office)
		if base == a || !strings.HasPrefix(base, r) {
			continue
		}
		for _, organ := range []string{"管委会", "管理委员会", "人民政府"} {
			if strings.HasSuffix(base, organ) && hanCount(base) > hanCount(organ) {
				return base
			}
		}
	}
	return a
}

// isZone reports the name of a development zone or other area run by a
// management committee (西湖管理区, 常德经济技术开发区), which ends like
// a division.
func isZone(r string) bool {
	return isDivisionOnly(r) || containsAny(r, "开发区", "管理区", "度假区", "园区", "新区", "高新区")
}

// reIssuer finds the organ in the publication lines of a web page
// ("发布机构：松岭县自然资源局", "来源：松岭县自然资源局  发布时间：…").
var reIssuer = regexp.MustCompile(`(?:发布机构|发文机关|发文单位|发布单位|发布部门|信息来源|来源)[:：]\s*(\p{Han}{2,30})`)

// issuer is the organ a publication line names, if it is an organ's name.
func (p *parser) issuer() string {
	for _, l := range p.lines[:min(p.tablesStart(), 40)] {
		if !hasColon(l) {
			continue // reIssuer needs the colon after the field's name
		}
		for _, m := range reIssuer.FindAllStringSubmatch(l, -1) {
			if isOrgName(m[1]) {
				return m[1]
			}
		}
	}
	return ""
}

// hasColon is strings.ContainsAny(l, ":：") searching l for each colon
// as bytes: ContainsAny looked up every character of l in its set, which
// cost more than the regexp run after it on the lines of a web page.
func hasColon(l string) bool {
	return strings.IndexByte(l, ':') >= 0 || hanContains(l, "：")
}

// signature finds the organ's name on the signature line at the end.
func (p *parser) signature() string {
	seen := 0
	for i := len(p.cl) - 1; i >= 0 && seen < 6; i-- {
		c := p.cl[i]
		if c == "" {
			continue
		}
		seen++
		if isDateLine(c) {
			continue
		}
		if loc := dateEnd(c); loc != nil && loc[0] > 0 {
			c = c[:loc[0]] // "松岭县教育局 2024年1月18日" on one line
		}
		if strings.ContainsAny(c, "。，,：:；;、") || strings.ContainsAny(c, "0123456789") {
			continue
		}
		n := hanCount(c)
		if n >= 3 && n <= 25 && isOrgName(c) {
			return c
		}
	}
	return ""
}

// leadOrg is the organ the summary's opening sentences name as their
// subject, for a report whose title and signature do not name it.
func (p *parser) leadOrg() string {
	seen := 0
	for _, l := range p.cl[:p.tablesStart()] {
		if l == "" || isTitle(l) {
			continue
		}
		if seen++; seen > 12 {
			break
		}
		if !mayLeadOrg(l) {
			continue
		}
		for _, m := range reOrgLead.FindAllStringSubmatch(l, -1) {
			if isOrgName(m[1]) && !strings.HasPrefix(m[1], "在") {
				return m[1]
			}
		}
	}
	return ""
}

// frequentOrg is the last resort: the organ name written most often in the
// narrative ("均禾街严格依照…").
func (p *parser) frequentOrg() string {
	// Counted by division, so that 茅草街镇 and 茅草街镇人民政府 are one
	// organ, reported by its longest printed name.
	count := map[string]int{}
	first := map[string]int{}
	name := map[string]string{}
	lo, hi := p.tableLines()
	for i, l := range p.cl {
		if i >= lo && i < hi {
			continue
		}
		if !hanContains(l, "街") && !hanContains(l, "镇") && !hanContains(l, "乡") {
			continue // every name nextOrgInText finds ends in one of these
		}
		for from := 0; ; {
			ms, me, ok := nextOrgInText(l, from)
			if !ok {
				break
			}
			from = me
			s := l[ms:me]
			if containsAny(s[len(s)-6:], "城乡", "城镇", "乡镇", "村镇") {
				continue // 住房和城乡建设局, 城镇居民: words, not a township
			}
			if s = cleanOrg(extendOrg(s, l[me:])); s == "" {
				continue // 有力地促进了全镇: a sentence, not a name
			}
			k := divisionOf(s)
			count[k]++
			if _, ok := first[k]; !ok {
				first[k] = i
			}
			if len(s) > len(name[k]) {
				name[k] = s
			}
		}
	}
	best, bn := "", 0
	for k, n := range count {
		if n > bn || (n == bn && best != "" && first[k] < first[best]) {
			best, bn = k, n
		}
	}
	return name[best]
}

// checkNarrative compares what the summary says with the tables: requests
// received ("全年共收到政府信息公开申请2件" against new_received.total) and
// appeals ("未发生…行政复议和行政诉讼", "行政诉讼1件" against section 四).
func (p *parser) checkNarrative() {
	p.checkNarrativeAppeals()
	cv := p.s3.get(schemas.ApplicationCell("new_received", "total"))
	if cv == nil || cv.unknown {
		return
	}
	table := int64(0)
	if cv.v != nil {
		table = *cv.v
	}
	end := len(p.cl)
	if p.sec.s2 >= 0 {
		end = p.sec.s2
	}
	carried := int64(-1)
	if co := p.s3.get(schemas.ApplicationCell("carried_over", "total")); co != nil && !co.unknown {
		carried = 0
		if co.v != nil {
			carried = *co.v
		}
	}
	for i, l := range p.cl[:end] {
		if !hanContains(l, "申请") {
			continue
		}
		said, withCarried, found := receivedSaid(l)
		line := i + 1
		if !found {
			continue
		}
		if said != table && !(withCarried && carried >= 0 && said == table+carried) {
			p.finding(ruleNarrativeMismatch, schemas.SeverityWarning, "s3.new_received.total",
				fmt.Sprintf("the summary says %d requests were received, the table's new_received total is %d", said, table),
				line, strp(strconv.FormatInt(table, 10)), strp(strconv.FormatInt(said, 10)))
		}
		return
	}
}

// tableLines returns the lines (0-based, half-open) the tables lie in:
// from the first of sections 二, 三 and 四 found to the end of the last.
// The span is empty when none was found. The callers loop over every
// line, so the span is worked out once a loop, not once a line.
func (p *parser) tableLines() (from, end int) {
	from = -1
	for _, s := range [...]int{p.sec.s2, p.sec.s3, p.sec.s4} {
		if s >= 0 && (from < 0 || s < from) {
			from = s
		}
	}
	if from < 0 {
		return 0, 0
	}
	return from, p.sec.end
}

// hanDigits maps the numerals of years written in characters (二〇二〇年).
var hanDigits = map[rune]byte{'〇': '0', '零': '0', '○': '0', 'Ｏ': '0', 'O': '0', '0': '0', '一': '1', '二': '2',
	'三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9'}

// arabicYears rewrites years written in characters as digits, so
// "二〇二〇年度报告" is read like "2020年度报告".
func arabicYears(s string) string {
	if !holdsHanYear(s) {
		return s // as the regexp would, without copying it
	}
	return reHanYear.ReplaceAllStringFunc(s, func(m string) string {
		var b []byte
		for _, r := range m {
			if d, ok := hanDigits[r]; ok {
				b = append(b, d)
			}
		}
		return string(b) + "年"
	})
}

// holdsHanYear reports whether reHanYear matches s. It finds each 二 by
// its last byte: its first is that of every character from U+4000 to
// U+4FFF, at which strings.Index(s, "二") stopped through most lines.
func holdsHanYear(s string) bool {
	const last = 0x8c // "二" is E4 BA 8C
	for i := len("二") - 1; i < len(s); i++ {
		k := strings.IndexByte(s[i:], last)
		if k < 0 {
			return false
		}
		i += k
		if s[i+1-len("二"):i+1] == "二" && hanYearAfter(s[i+1:]) {
			return true
		}
	}
	return false
}

// hanYearAfter reports s starting with what follows 二 in a year
// reHanYear matches: [〇零○Ｏ0O][一二三四五六七八九〇零○][〇零○一二三四五六七八九]年.
func hanYearAfter(s string) bool {
	for _, set := range [...]string{"〇零○Ｏ0O", "一二三四五六七八九〇零○", "〇零○一二三四五六七八九"} {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError || !strings.ContainsRune(set, r) {
			return false
		}
		s = s[n:]
	}
	return strings.HasPrefix(s, "年")
}

// printsReport reports the title of a notice that prints the report
// (…办公室关于印发《…2022年政府信息公开工作年度报告》的通知), not a
// sentence citing the template's notice (…关于印发《…年度报告格式》的通知).
func printsReport(c string) bool {
	return hanContains(c, "关于印发《") && hanContains(c, "报告》") && !hanContains(c, "格式")
}

// unheading is c without the marks of a Markdown heading ("# 某局2020年…
// 报告", as PDF converters print a title): its organ is read from what
// follows them.
func unheading(c string) string {
	t := strings.TrimLeft(c, "#")
	if len(t) == len(c) || len(c)-len(t) > 6 {
		return c
	}
	return trimSpace(t)
}

// isTitle reports a line that reads as the report's title: it names the
// annual report, is short, and is neither a sentence nor a breadcrumb.
func isTitle(c string) bool {
	if strings.HasPrefix(c, "《") && strings.HasSuffix(c, "》") {
		c = strings.TrimSuffix(strings.TrimPrefix(c, "《"), "》")
	}
	// Every title below holds 报 (报告》, 年报, 报告): one search for it
	// turns away most lines before their runes are counted.
	if !hanContains(c, "报") || !fewerRunes(c, 81) {
		return false // before the other searches, which cost most on the long lines of prose
	}
	if printsReport(c) {
		return !titleMark(c, false)
	}
	if strings.HasSuffix(c, "年报") && hanContains(c, "公开") && !titleMark(c, true) {
		return true
	}
	if !hanContains(c, "报告") || titleMark(c, true) {
		return false
	}
	return hanContains(c, "年度报告") || hanContains(c, "工作报告") || strings.HasSuffix(c, "报告")
}

// titleMark reports c holding a mark no title prints: one of 。，,>＞»|,
// and 《 too when book is set (strings.ContainsAny with those). The marks
// are found by their bytes: each is ASCII or led by a byte that is never
// inside another character's encoding, so the bytes stand just where
// decoding c would read the mark.
func titleMark(c string, book bool) bool {
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case ',', '>', '|':
			return true
		case 0xc2: // » is c2 bb
			if i+1 < len(c) && c[i+1] == 0xbb {
				return true
			}
		case 0xe3: // 。 is e3 80 82, 《 e3 80 8a
			if i+2 < len(c) && c[i+1] == 0x80 && (c[i+2] == 0x82 || book && c[i+2] == 0x8a) {
				return true
			}
		case 0xef: // ， is ef bc 8c, ＞ ef bc 9e
			if i+2 < len(c) && c[i+1] == 0xbc && (c[i+2] == 0x8c || c[i+2] == 0x9e) {
				return true
			}
		}
	}
	return false
}

// isOrgName reports text that can be an organ's name: Han characters
// ending like one (…街道, …人民政府, …局, …委员会).
func isOrgName(a string) bool {
	if name, second, ok := orgBracket(a); ok {
		return isOrgName(name) && (hasOrgSuffix(second) || hanCount(second) <= 2)
	}
	if !hasOrgSuffix(a) {
		return false
	}
	n := hanCount(a)
	return n >= 2 && n == len([]rune(a)) && n <= 45
}

// orgSuffixes are the endings of an organ's name.
var orgSuffixes = []string{"办事处", "街道", "人民政府", "政府", "局", "委员会", "委", "办公室", "室", "办", "中心", "厅", "院", "所", "镇", "乡", "街", "部", "署", "会", "馆", "站", "队", "处", "社", "海关", "公司", "学校", "台", "场"}

// hasOrgSuffix reports text ending like an organ's name. (A regexp
// anchored at the end tried every position of the text.)
func hasOrgSuffix(s string) bool {
	for _, w := range orgSuffixes {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// orgBracket splits an organ printed with its second name in brackets
// (松岭县档案局（松岭县档案馆）, …政务服务管理局（…大数据中心）, compacted):
// one organ under two names, recognised whole and reported by the first;
// 2 to 30 Han characters, then 1 to 20 in brackets, nothing else.
func orgBracket(a string) (name, second string, ok bool) {
	if !strings.HasSuffix(a, ")") {
		return "", "", false
	}
	i := strings.IndexByte(a, '(')
	if i < 0 {
		return "", "", false
	}
	name, second = a[:i], a[i+1:len(a)-1]
	if !allHan(name, 2, 30) || !allHan(second, 1, 20) {
		return "", "", false
	}
	return name, second, true
}

// allHan reports text of lo to hi characters, all Han.
func allHan(s string, lo, hi int) bool {
	n := 0
	for _, r := range s {
		if n++; n > hi || !isHan(r) {
			return false
		}
	}
	return n >= lo
}

// mentionsAppeal reports whether s holds 行政复议 or 行政诉讼, looking for
// their common 行政 once rather than for each word over the whole line.
func mentionsAppeal(s string) bool {
	for {
		i := hanIndex(s, "行政")
		if i < 0 {
			return false
		}
		s = s[i+len("行政"):]
		if strings.HasPrefix(s, "复议") || strings.HasPrefix(s, "诉讼") {
			return true
		}
	}
}

func (p *parser) checkNarrativeAppeals() {
	total := func(cells ...string) (wide, bool) {
		var n wide
		for _, c := range cells {
			cv := p.s4.get(c)
			if cv == nil || cv.unknown {
				return n, false
			}
			if cv.v != nil {
				n = n.add(wideOf(*cv.v))
			}
		}
		return n, true
	}
	end := len(p.cl)
	if p.sec.s2 >= 0 {
		end = p.sec.s2
	}
	var review, suit, both int64 = -1, -1, -1
	reviewLine, suitLine, bothLine := 0, 0, 0
	for i, line := range p.cl[:end] {
		if !mentionsAppeal(line) {
			continue
		}
		for _, l := range strings.Split(line, "。") {
			// Only sentences about open-government-information cases: an
			// organ's other administrative reviews are not in the table.
			if !hanContains(l, "信息公开") {
				continue
			}
			// Each regexp below needs the words it counts: a sentence
			// without them is not run through it.
			hasReview, hasSuit := hanContains(l, "行政复议"), hanContains(l, "行政诉讼")
			if !hasReview && !hasSuit {
				continue
			}
			if m := bothN(l, hasReview && hasSuit); m != nil && review < 0 && suit < 0 && both < 0 {
				n, ok := summaryNumber(m[2])
				switch {
				case !ok:
				case m[1] == "各":
					review, suit, reviewLine, suitLine = n, n, i+1, i+1
				default:
					both, bothLine = n, i+1 // the two together
				}
				continue
			}
			if review < 0 && both < 0 && hasReview {
				if m, ok := reviewN(l); ok {
					if n, ok := summaryNumber(m); ok {
						review, reviewLine = n, i+1
					}
				} else if noReview(l) {
					review, reviewLine = 0, i+1
				}
			}
			if suit < 0 && both < 0 && hasSuit {
				if m, ok := suitN(l); ok {
					if n, ok := summaryNumber(m); ok {
						suit, suitLine = n, i+1
					}
				} else if noSuit(l) {
					suit, suitLine = 0, i+1
				}
			}
		}
	}
	if both >= 0 {
		if t, ok := total("s4.review.total", "s4.suit_direct.total", "s4.suit_after_review.total"); ok && t != wideOf(both) {
			p.finding(ruleNarrativeMismatch, schemas.SeverityWarning, "s4.*",
				fmt.Sprintf("the summary says %d administrative reviews and lawsuits together, section 四's totals add up to %s", both, t),
				bothLine, strp(t.String()), strp(strconv.FormatInt(both, 10)))
		}
	}
	if review >= 0 {
		if t, ok := total("s4.review.total"); ok && t != wideOf(review) {
			p.finding(ruleNarrativeMismatch, schemas.SeverityWarning, "s4.review.total",
				fmt.Sprintf("the summary says %d administrative reviews, section 四's review total is %s", review, t),
				reviewLine, strp(t.String()), strp(strconv.FormatInt(review, 10)))
		}
	}
	if suit >= 0 {
		if t, ok := total("s4.suit_direct.total", "s4.suit_after_review.total"); ok && t != wideOf(suit) {
			p.finding(ruleNarrativeMismatch, schemas.SeverityWarning, "s4.*",
				fmt.Sprintf("the summary says %d lawsuits, section 四's lawsuit totals add up to %s", suit, t),
				suitLine, strp(t.String()), strp(strconv.FormatInt(suit, 10)))
		}
	}
}

// isDateLine is reDateLine.MatchString(c), which needs c to end in 日.
func isDateLine(c string) bool {
	return strings.HasSuffix(c, "日") && reDateLine.MatchString(c)
}

// dateEnd is reDateEnd.FindStringIndex(c), which needs c to end in 日;
// the regexp's backtracking over the last lines of every report was most
// of signature's cost.
func dateEnd(c string) []int {
	if !strings.HasSuffix(c, "日") {
		return nil
	}
	return reDateEnd.FindStringIndex(c)
}
