package transform

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
)

var (
	// reDate is a calendar date: the day a report was signed or
	// published, which is in the year after the one it covers.
	reDate = regexp.MustCompile(`20[0-9]{2}(?:年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日|[-/.][01]?[0-9][-/.][0-3]?[0-9])`)
	// rePeriod is the statistical period section 一 states ("本报告所列
	// 数据的统计期限自2021年1月1日起至2021年12月31日止", "2022年1月1日至
	// 12月31日"): the year the report covers, whatever else it cites.
	rePeriod = regexp.MustCompile(`(20[0-9]{2})年0?1月(?:0?1日)?(?:起|零时)?(?:至|到|—|－|-|~|～)+(?:(20[0-9]{2})年)?12月(?:31日)?`)
	// reFileYear is a year in a file name that names the report
	// ("…2022年政府信息公开工作年度报告.pdf", "jtj_2022_年报.docx").
	reFileYear = regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)`)
)

// readYear decides the year the report covers, from the most to the least
// direct statement: the sidecar, the title, the statistical period or a
// sentence announcing the report, the file name, and last the year the
// summary names most often. When none decides, the year is unknown: a
// publication date alone ("2023年1月20日") is not the report's year.
func (p *parser) readYear(title, joined string) {
	rep := &p.out.Report
	stated, statedFrom := titleYear(title), "title"
	if stated == 0 {
		stated = titleYear(joined)
	}
	if stated == 0 {
		stated, statedFrom = p.periodYear(), "text"
	}
	year := stated
	if m := p.doc.Meta.Year; m >= 2000 {
		if stated != 0 && stated != m {
			p.finding(ruleYearMetaMismatch, schemas.SeverityWarning, "report",
				fmt.Sprintf("the sidecar gives year %d, the report's %s states %d; the sidecar's year is used", m, statedFrom, stated),
				0, strp(strconv.Itoa(stated)), strp(strconv.Itoa(m)))
		}
		year = m
	}
	closing := p.closingYear()
	if year == 0 {
		// The summary's opening sentence ("2022年，我局…") and the closing
		// date (2023年1月18日) agreeing: the text states the year.
		if y := p.summaryYear(); y != 0 && y == closing {
			year = y
		}
	}
	if year == 0 {
		if y := fileYear(p.doc.SourcePath); y != 0 {
			year = y
			p.finding(ruleYearFromFileName, schemas.SeverityInfo, "report",
				fmt.Sprintf("the text states no year; %d is taken from the file name", y), 0, nil, strp(strconv.Itoa(y)))
		}
	}
	why := ""
	if year == 0 {
		year, why = p.narrativeYear(closing)
	}
	if year > 0 {
		y := int32(year)
		rep.ReportYear = &y
		return
	}
	p.finding(ruleYearUnknown, schemas.SeverityWarning, "report",
		"the year the report covers could not be found"+why+"; it is filed under report_year=__HIVE_DEFAULT_PARTITION__", 0, nil, nil)
}

// titleYear is the year a title names, leaving out dates printed with it
// ("（发布日期：2023-01-20）", "2023年1月20日").
func titleYear(title string) int {
	if title == "" {
		return 0
	}
	t := stripDates(arabicYears(title))
	if i := nextYear(t, 0); i >= 0 {
		y, _ := strconv.Atoi(t[i : i+4])
		return y
	}
	return 0
}

// tablesStart is the first line of the tables, or the end of the text.
func (p *parser) tablesStart() int {
	end := len(p.cl)
	for _, s := range []int{p.sec.s2, p.sec.s3, p.sec.s4} {
		if s >= 0 && s < end {
			end = s
		}
	}
	return end
}

// periodYear is the year of the statistical period or of the sentence
// announcing the report, the first one stated before the tables.
func (p *parser) periodYear() int {
	for _, l := range p.cl[:p.tablesStart()] {
		if !hanContains(l, "年") {
			continue
		}
		l = arabicYears(l)
		if !hanContains(l, "20") {
			continue // both regexps below need a year 20xx
		}
		if m := periodMatch(l); m != nil && (m[2] == "" || m[2] == m[1]) {
			y, _ := strconv.Atoi(m[1])
			return y
		}
		if m := yearSaidMatch(l); m != nil {
			y, _ := strconv.Atoi(m[1] + m[2])
			return y
		}
	}
	return 0
}

// fileYear is the year in a file name that names an annual report.
func fileYear(p string) int {
	base := arabicYears(compact(path.Base(p)))
	if i := nextYear(base, 0); i >= 0 {
		y, _ := strconv.Atoi(base[i : i+4])
		return y
	}
	if !containsAny(base, "年报", "年度报告", "报告", "nianbao", "ndbg") {
		return 0
	}
	if m := reFileYear.FindStringSubmatch(base); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// summaryOpenYear is the year of the first sentence of l that opens with
// its year: "2022年，我局…", "2022年度，本机关…", "2022年以来，…" (with the
// closing date only: 以来 alone is also how a year is cited); 0 when none
// does. A sentence opens the line, after its numbering or heading (一、,
// (一), 总体情况：), or follows 。；;:：)）. It is the year of
// reSummaryOpen.FindStringSubmatch(l) (the regexp is in the tests).
//
// Each 年 is tried in turn: the year before it is the match's, the
// leftmost, when it opens the line or a sentence, since the line's
// opening (the numbering, the heading and its mark) holds no digit.
func summaryOpenYear(l string) int {
	open := summaryOpening(l)
	for from := 0; ; {
		k := hanIndex(l[from:], "年")
		if k < 0 {
			return 0
		}
		y := from + k
		from = y + len("年")
		if y < 4 || l[y-4] != '2' || l[y-3] != '0' || l[y-2]-'0' > 9 || l[y-1]-'0' > 9 {
			continue
		}
		if q := y - 4; q != open && !endsSentenceMark(l[:q]) {
			continue
		}
		t := l[from:]
		if strings.HasPrefix(t, "度") {
			t = t[len("度"):]
		} else if strings.HasPrefix(t, "以来") {
			t = t[len("以来"):]
		}
		if strings.HasPrefix(t, "，") || strings.HasPrefix(t, ",") {
			return 2000 + int(l[y-2]-'0')*10 + int(l[y-1]-'0')
		}
	}
}

// summaryOpening is where the year of a sentence opening l would start,
// after `^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\))?(?:总体情况|概述)?[。.:：]?`.
// Each part starts with a character its predecessor cannot end with nor
// the year start with, so taking each that is there is the only reading
// that can be followed by a year.
func summaryOpening(l string) int {
	i := 0
	paren := strings.HasPrefix(l, "(")
	if paren {
		i++
	}
	j := i
	for j < len(l) {
		r, size := utf8.DecodeRuneInString(l[j:])
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			break
		}
		j += size
	}
	switch {
	case j == i:
		i = 0
	case strings.HasPrefix(l[j:], ")"):
		i = j + 1
	case !paren && strings.HasPrefix(l[j:], "、"):
		i = j + len("、")
	case !paren && strings.HasPrefix(l[j:], "."):
		i = j + 1
	default:
		i = 0
	}
	if strings.HasPrefix(l[i:], "总体情况") {
		i += len("总体情况")
	} else if strings.HasPrefix(l[i:], "概述") {
		i += len("概述")
	}
	for _, mark := range [...]string{"。", ".", ":", "："} {
		if strings.HasPrefix(l[i:], mark) {
			return i + len(mark)
		}
	}
	return i
}

// endsSentenceMark reports s ending with one of 。；;:：)）, after which a
// sentence of the summary may open with its year.
func endsSentenceMark(s string) bool {
	for _, mark := range [...]string{"。", "；", ";", ":", "：", ")", "）"} {
		if strings.HasSuffix(s, mark) {
			return true
		}
	}
	return false
}

// summaryYear is the year the first sentence of the summary that opens
// with a year names, before the tables; 0 when there is none.
func (p *parser) summaryYear() int {
	for _, l := range p.cl[:p.tablesStart()] {
		if !hanContains(l, "年") || isTitle(l) {
			continue
		}
		if y := summaryOpenYear(arabicYears(l)); y != 0 {
			return y
		}
	}
	return 0
}

// closingYear is the year the closing date implies: a report is signed in
// the first months after the year it covers, so 2023年1月18日 on one of the
// last lines points at 2022. Weak evidence: it only confirms the summary's
// year or settles a tie between the years the summary names.
func (p *parser) closingYear() int {
	seen := 0
	for i := len(p.cl) - 1; i >= 0 && seen < 6; i-- {
		c := p.cl[i]
		if c == "" {
			continue
		}
		seen++
		m := closingMatch(arabicYears(c))
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mon, ok := summaryNumber(m[2] + m[3])
		if !ok || mon < 1 || mon > 3 || y < 2001 {
			return 0
		}
		return y - 1
	}
	return 0
}

// narrativeYear is the year the summary (before the tables) names most
// often: its own year dominates it. Dates are left out (the publication
// date is in the next year), and so are years cited for comparison (较
// 2020年, 2019年以来). A summary that opens a paragraph with its year
// ("2022年，本局…") or says 2022年度 weighs more. A tie is no answer unless
// the year the closing date implies (closing, 0 if none) is one of the
// tied years; otherwise the second return value says which years tied.
func (p *parser) narrativeYear(closing int) (int, string) {
	count := func(to int) map[int]int {
		c := map[int]int{}
		for _, l := range p.cl[:to] {
			if !hanContains(l, "年") {
				continue
			}
			l = arabicYears(l)
			l = stripCited(stripDates(l))
			if !hanContains(l, "20") {
				continue // no year 20xx for nextYear to find
			}
			for at := 0; ; {
				m0 := nextYear(l, at)
				if m0 < 0 {
					break
				}
				m1 := m0 + 4 + len("年")
				at = m1
				y, _ := strconv.Atoi(l[m0 : m0+4])
				if y < 2000 || y > 2100 {
					continue
				}
				w := 1
				rest := l[m1:]
				switch {
				case m0 == 0 && (strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, "度,")):
					w = 3
				case strings.HasPrefix(rest, "度"):
					w = 2
				}
				c[y] += w
			}
		}
		return c
	}
	c := count(p.tablesStart())
	if len(c) == 0 {
		c = count(len(p.cl))
	}
	best, bn, tied := 0, 0, false
	for y, n := range c {
		switch {
		case n > bn:
			best, bn, tied = y, n, false
		case n == bn:
			tied = true
		}
	}
	if tied && closing != 0 && c[closing] == bn {
		return closing, ""
	}
	if tied {
		var ys []string
		for y, n := range c {
			if n == bn {
				ys = append(ys, strconv.Itoa(y))
			}
		}
		slices.Sort(ys)
		return 0, fmt.Sprintf(" (the summary names %s equally often)", strings.Join(ys, " and "))
	}
	return best, ""
}

// The regexps of the year's sentences are run only on a line holding a
// literal each needs; most lines of a summary hold none, and the
// regexps' backtracking was a good part of reading the year.

// stripDates is reDate.ReplaceAllString(l, ""): a date needs 20 and 日
// or a separator.
func stripDates(l string) string {
	if !hanContains(l, "20") || !hanContains(l, "日") && !strings.ContainsAny(l, "-/.") {
		return l
	}
	return removeAll(reDate, l)
}

// stripCited removes the years cited for comparison or as a starting
// point (较2020年, 与2021年相比, 2019年以来): not the report's own. It is
// reYearCited.ReplaceAllString(l, "") (the regexp is in the tests),
// `(?:较|比|与|同|自|从)(20[0-9]{2})年|(20[0-9]{2})年(?:度)?(?:以来|同期|相比|比较|起)`,
// read by hand. Every match holds 20, three bytes after its start (the
// first form) or at it (the second), so the places tried are those
// around each 20, in order, as the regexp tries them, the text after a
// match going on from its end. (Three bytes before a 20 that follows
// another 20 closely holds that 20's digits, never 较…从: the places
// skipped are no match.)
func stripCited(l string) string {
	if !hanContains(l, "20") || !hanContains(l, "年") {
		return l
	}
	var b strings.Builder
	last := -1 // the end of the last match, -1 before the first
	for pos := 0; pos < len(l); {
		k := hanIndex(l[pos:], "20")
		if k < 0 {
			break
		}
		k += pos
		start, e := k-3, -1
		if start >= pos {
			e = citedAfterWord(l, start)
		}
		if e < 0 {
			start, e = k, citedYear(l, k)
		}
		if e < 0 {
			pos = k + 1
			continue
		}
		if last < 0 {
			b.Grow(len(l))
			last = 0
		}
		b.WriteString(l[last:start])
		last, pos = e, e
	}
	if last < 0 {
		return l
	}
	b.WriteString(l[last:])
	return b.String()
}

// citedAfterWord is the end of 较|比|与|同|自|从 then 20xx年 at byte i of
// l, -1 if it is not there. The words are valid UTF-8 starting with a
// lead byte, so where one is found it starts a character of l as the
// regexp decodes it.
func citedAfterWord(l string, i int) int {
	switch l[i : i+3] {
	case "较", "比", "与", "同", "自", "从":
		return yearEnd(l, i+3)
	}
	return -1
}

// citedYear is the end of 20xx年, 度 if it follows, then a word saying
// the year is cited at byte i of l, -1 if it is not there. (年度起 is
// tried before 年起, as the regexp's greedy 度? does.)
func citedYear(l string, i int) int {
	j := yearEnd(l, i)
	if j < 0 {
		return -1
	}
	if strings.HasPrefix(l[j:], "度") {
		if e := citedTail(l, j+len("度")); e >= 0 {
			return e
		}
	}
	return citedTail(l, j)
}

// citedTail is the end of one of the words after a cited year (以来, 同期,
// 相比, 比较, 起) at l[j:], -1 if none; no two start with the same character.
func citedTail(l string, j int) int {
	for _, w := range [...]string{"以来", "同期", "相比", "比较", "起"} {
		if strings.HasPrefix(l[j:], w) {
			return j + len(w)
		}
	}
	return -1
}

// nextYear is where the first year (reYear: 20xx年) at or after byte
// from of l starts, -1 if none: reYear.FindAllStringSubmatchIndex's
// matches, one after the other, without a slice for each.
func nextYear(l string, from int) int {
	for from < len(l) {
		k := hanIndex(l[from:], "20")
		if k < 0 {
			return -1
		}
		i := from + k
		if yearEnd(l, i) >= 0 {
			return i
		}
		from = i + 1
	}
	return -1
}

// yearEnd is the end of a year, 20, two more ASCII digits and 年 (reYear),
// at byte i of l; -1 when there is none there.
func yearEnd(l string, i int) int {
	if i+4 <= len(l) && l[i] == '2' && l[i+1] == '0' && l[i+2]-'0' <= 9 && l[i+3]-'0' <= 9 &&
		strings.HasPrefix(l[i+4:], "年") {
		return i + 4 + len("年")
	}
	return -1
}

// removeAll is re.ReplaceAllString(s, ""): the text between the matches
// FindAllStringIndex finds, which are the ones ReplaceAllString replaces
// (an empty match removes nothing either way), or s itself, not a copy,
// when there is none.
func removeAll(re *regexp.Regexp, s string) string {
	ms := re.FindAllStringIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, m := range ms {
		b.WriteString(s[last:m[0]])
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// periodMatch is rePeriod.FindStringSubmatch(l), which needs 12月.
func periodMatch(l string) []string {
	if !hanContains(l, "12月") {
		return nil
	}
	return rePeriod.FindStringSubmatch(l)
}

// yearSaidMatch finds the sentence announcing what the report covers
// ("现将本局2022年度政府信息公开工作情况报告如下", "…编制的2022年度政府
// 信息公开工作年度报告"): it is reYearSaid.FindStringSubmatch(l), the
// regexp (in the tests)
// `(?:现将\p{Han}{0,12}?|编制\p{Han}{0,12}?)(20[0-9]{2})年度?|(20[0-9]{2})年度?(?:本\p{Han}{0,4})?政府信息公开工作(?:年度)?报告`,
// read by hand. A match starts at 现将, 编制 or 20, so those places are
// tried in order, as the regexp tries every place; each is valid UTF-8
// starting with an ASCII digit or a lead byte, so where one is found it
// starts a character of l as the regexp decodes it. It needs 现将, 编制
// or 政府信息公开工作.
func yearSaidMatch(l string) []string {
	if !containsAny(l, "现将", "编制", "政府信息公开工作") {
		return nil
	}
	for p := 0; p < len(l); {
		k := -1
		for _, w := range [...]string{"现将", "编制", "20"} {
			if i := hanIndex(l[p:], w); i >= 0 && (k < 0 || p+i < k) {
				k = p + i
			}
		}
		if k < 0 {
			return nil
		}
		if m := yearSaidAt(l, k); m != nil {
			return m
		}
		p = k + 1
	}
	return nil
}

// yearSaidAt is reYearSaid's match starting at byte i of l, nil if none
// does: the alternatives and, within one, the choices tried in the
// regexp's order (lazy {0,12}?, greedy 度?, (?:本…)? and (?:年度)?).
func yearSaidAt(l string, i int) []string {
	if strings.HasPrefix(l[i:], "现将") || strings.HasPrefix(l[i:], "编制") {
		q := i + len("现将")
		for k := 0; ; k++ {
			if e := yearEnd(l, q); e >= 0 {
				if strings.HasPrefix(l[e:], "度") {
					e += len("度")
				}
				return []string{l[i:e], l[q : q+4], ""}
			}
			r, size := utf8.DecodeRuneInString(l[q:])
			if k == 12 || size == 0 || !isHan(r) {
				return nil
			}
			q += size
		}
	}
	j := yearEnd(l, i)
	if j < 0 {
		return nil
	}
	for _, du := range [...]bool{true, false} {
		q := j
		if du {
			if !strings.HasPrefix(l[q:], "度") {
				continue
			}
			q += len("度")
		}
		if strings.HasPrefix(l[q:], "本") {
			// 本 and up to four Han characters, the most first
			var ends [5]int
			n, e := 0, q+len("本")
			ends[0] = e
			for n < 4 {
				r, size := utf8.DecodeRuneInString(l[e:])
				if size == 0 || !isHan(r) {
					break
				}
				e += size
				n++
				ends[n] = e
			}
			for x := n; x >= 0; x-- {
				if e := workReport(l, ends[x]); e >= 0 {
					return []string{l[i:e], "", l[i : i+4]}
				}
			}
		}
		if e := workReport(l, q); e >= 0 {
			return []string{l[i:e], "", l[i : i+4]}
		}
	}
	return nil
}

// workReport is the end of 政府信息公开工作, 年度 if it is there, then 报告,
// at byte q of l; -1 when it is not there.
func workReport(l string, q int) int {
	const work = "政府信息公开工作"
	if !strings.HasPrefix(l[q:], work) {
		return -1
	}
	q += len(work)
	if strings.HasPrefix(l[q:], "年度报告") {
		return q + len("年度报告")
	}
	if strings.HasPrefix(l[q:], "报告") {
		return q + len("报告")
	}
	return -1
}

// closingMatch finds the date closing a report, alone or after the
// signature (松岭县教育局 2023年1月18日), its month in digits or
// characters: the year, then the month in characters after 年 or in
// digits after a separator. It is reClosing.FindStringSubmatch(c), the
// regexp (in the tests)
//
//	(20[0-9]{2})(?:年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月[0-9一二三四五六七八九十]{1,3}日|[-/.]([01]?[0-9])[-/.][0-3]?[0-9])[)）]?$
//
// read by hand: a match needs c to end in 日 or a digit, before a
// closing bracket, and starts at a 20, the first from which the rest
// reads to the end.
func closingMatch(c string) []string {
	t := strings.TrimSuffix(c, ")")
	if len(t) == len(c) {
		t = strings.TrimSuffix(c, "）")
	}
	if !strings.HasSuffix(t, "日") && (t == "" || t[len(t)-1] < '0' || t[len(t)-1] > '9') {
		return nil
	}
	for from := 0; from < len(c); {
		k := strings.Index(c[from:], "20")
		if k < 0 {
			return nil
		}
		i := from + k
		if m := closingAt(c, i); m != nil {
			return m
		}
		from = i + 1
	}
	return nil
}

// closingAt is closingMatch's match starting at byte i of c, where c
// holds 20, or nil. Each part is forced: a run of digits or numerals is
// whole before the mark after it, within its bounds, or there is no
// match ([01]? and [0-3]? only bound a run's first digit).
func closingAt(c string, i int) []string {
	p := i + 4
	if p > len(c) || c[i+2]-'0' > 9 || c[i+3]-'0' > 9 {
		return nil
	}
	year := c[i:p]
	if strings.HasPrefix(c[p:], "年") {
		p += len("年")
		n, size := closingRun(c[p:], true, false)
		if n == 0 {
			n, size = closingRun(c[p:], false, true)
		} else if n > 2 {
			return nil
		}
		if n == 0 || n > 3 || !strings.HasPrefix(c[p+size:], "月") {
			return nil
		}
		month := c[p : p+size]
		p += size + len("月")
		n, size = closingRun(c[p:], true, true)
		if n == 0 || n > 3 || !strings.HasPrefix(c[p+size:], "日") || !closingEnd(c[p+size+len("日"):]) {
			return nil
		}
		return []string{c[i:], year, month, ""}
	}
	if !isDateSep(c, p) {
		return nil
	}
	p++
	n, _ := closingRun(c[p:], true, false)
	if n == 0 || n > 2 || n == 2 && c[p] > '1' || !isDateSep(c, p+n) {
		return nil
	}
	month := c[p : p+n]
	p += n + 1
	n, _ = closingRun(c[p:], true, false)
	if n == 0 || n > 2 || n == 2 && c[p] > '3' || !closingEnd(c[p+n:]) {
		return nil
	}
	return []string{c[i:], year, "", month}
}

// closingRun counts the characters at the start of s that are ASCII
// digits (digits) or numerals 一 to 十 (numerals), up to four, and
// returns their count and their length in bytes.
func closingRun(s string, digits, numerals bool) (n, size int) {
	for n < 4 {
		switch {
		case digits && size < len(s) && s[size]-'0' <= 9:
			size++
		case numerals && numeral3(s[size:]):
			size += 3
		default:
			return n, size
		}
		n++
	}
	return n, size
}

// numeral3 reports s starting with a numeral 一 to 十 (isNumeralRune's,
// all three bytes long).
func numeral3(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size == 3 && isNumeralRune(r)
}

// isDateSep reports a separator of a date in digits, - / or ., at byte p
// of c.
func isDateSep(c string, p int) bool {
	return p < len(c) && (c[p] == '-' || c[p] == '/' || c[p] == '.')
}

// closingEnd reports the rest of a line after its closing date: nothing,
// or a closing bracket.
func closingEnd(s string) bool { return s == "" || s == ")" || s == "）" }
