package transform

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sections are the line ranges (0-based, half-open) of the three tables.
// A start of -1 means the table was not found.
type sections struct {
	s2, s3, s4, end int
	// cut is a heading that ends the table above it without starting one
	// (section 三's heading with sentences before its table); -1 if none.
	cut int
}

var (
	reBracketed = regexp.MustCompile(`\([^()]*\)|（[^（）]*）`)
)

// findSections locates the tables by what they contain rather than by their
// headings alone: headings are often missing, renumbered or reworded, and
// section 一's narrative reuses their words.
func findSections(cl []string) sections {
	s := sections{s2: -1, s3: -1, s4: -1, end: len(cl), cut: -1}
	s.s2 = s2ByHeader(cl)
	for i, c := range cl {
		if s.s2 >= 0 {
			break
		}
		if hanContains(c, "第二十条") || (hanContains(c, "信息内容") && fewerRunes(c, 40)) {
			s.s2 = i
			break
		}
	}
	// Start the s2 region at its heading when it stands just above.
	if s.s2 > 0 {
		for j := s.s2 - 1; j >= 0 && j >= s.s2-3; j-- {
			if hanContains(cl[j], "主动公开政府信息情况") && fewerRunes(cl[j], 30) {
				s.s2 = j
				break
			}
		}
	}
	if s.s2 < 0 {
		// No 第二十条 and no 信息内容: the column headers only the table prints.
		for i, c := range cl {
			if fewerRunes(c, 60) && !isSentence(c) && !strings.ContainsAny(c, "0123456789") &&
				containsAny(c, "制发件数", "新制作数量", "本年新制作") {
				s.s2 = i
				for j := i - 1; j >= 0 && j >= i-3; j-- {
					if hanContains(cl[j], "主动公开政府信息情况") && fewerRunes(cl[j], 30) {
						s.s2 = j
						break
					}
				}
				break
			}
		}
	}
	from := max(s.s2, 0)
	// Section 三 starts at its header (勾稽关系, 申请人情况, 自然人), not at
	// the first words of it: a sentence between the tables may say 本年新收
	// or repeat the heading, and lines such as 予以公开30件 would be read as
	// the table's rows.
	for i := from; i < len(cl); i++ {
		// (a line holding none of the words either test looks for is
		// passed over in one search of them all)
		if s3AnchorWords.in(cl[i]) && (isS3Anchor(cl[i]) || isS3ColumnHeader(cl[i])) {
			s.s3 = i
			break
		}
	}
	if s.s3 < 0 {
		for i := from; i < len(cl); i++ {
			c := cl[i]
			if hanContains(c, "本年新收") ||
				(hanContains(c, "收到和处理政府信息公开") && fewerRunes(c, 40)) {
				s.s3 = i
				break
			}
		}
	} else {
		// Start section 三 at its heading when it stands a few lines above
		// the header: left in section 二's region, the heading would be
		// read as a row of that table. Sentences or numbers between them
		// stay out of the table (上年结转12件 would name a row): then the
		// heading only ends section 二.
		prose := false
		// A converter's table of the rows' labels, printed before a
		// table of their numbers under the header, is section 三's.
		top := s.s3
		for top-1 > s.s2 && (cl[top-1] == "" || labelTableRow(cl[top-1])) {
			top--
		}
		for j := s.s3 - 1; j > s.s2 && j >= top-8; j-- {
			c := cl[j]
			if j >= top {
				continue
			}
			if fewerRunes(c, 40) && !isSentence(c) &&
				(isS3Heading(c) || hanContains(c, "收到和处理政府信息公开")) {
				if prose {
					s.cut = j
				} else {
					s.s3 = j
				}
				break
			}
			prose = prose || isSentence(c) || hasDigit(c)
		}
	}
	if s.s3 > 0 && s.s2 >= 0 && s.s2 < s.s3 {
		// A heading of section 三's subject printed above its own heading
		// (an unnumbered narrative 依申请公开情况 with its numbers) ends
		// section 二 as well. (mayBeS3Heading, a search for the
		// heading's words, rules out most lines before isSentence reads
		// them.)
		for j := s.s2 + 1; j < s.s3; j++ {
			if c := cl[j]; fewerRunes(c, 30) && mayBeS3Heading(c) && !isSentence(c) && isS3Heading(c) {
				if s.cut < 0 || j < s.cut {
					s.cut = j
				}
				break
			}
		}
	}
	if s.s3 < 0 && s.s2 > 0 {
		s.s3 = tableBefore(cl, 0, s.s2, isS3Anchor, "结转下年", "收到和处理", "申请")
	}
	from = max(s.s3, s.s2, 0)
	if s.s3 >= 0 {
		// The section 四 table follows the 结转下年度 row.
		for i := s.s3; i < len(cl); i++ {
			if carriedForwardWord.in(cl[i]) {
				from = i + 1
				break
			}
		}
	}
	for i := from; i < len(cl); i++ {
		c := cl[i]
		// A line counting cases (行政复议0件, 行政诉讼1起) is the narrative
		// between the tables: the table prints bare numbers.
		if hanContains(c, "行政复议") && (fewerRunes(c, 60) || hanContains(c, "行政诉讼")) &&
			!hanContains(c, "勾稽关系") && !countsCases(c) {
			s.s4 = i
			break
		}
	}
	if s.s4 < 0 && s.s3 > 0 {
		// Section 四 printed before section 三.
		s.s4 = tableBefore(cl, max(s.s2, 0), s.s3, isS4Anchor, "维持", "行政复议")
	}
	from = max(s.s4, s.s3, s.s2, 0)
	for i := from + 1; i < len(cl); i++ {
		c := cl[i]
		if fewerRunes(c, 40) && mayBeS5S6Heading(c) && isS5S6Heading(c) {
			s.end = i
			break
		}
	}
	return s
}

// s3AnchorWords are the words isS3Anchor and isS3ColumnHeader look for:
// a line holding none of them is neither.
var s3AnchorWords = newKeySet("勾稽关系", "申请人情况", "自然人")

// carriedForwardWord is the word of section 三's last row, 结转下年度: its
// index, skipping through a line, passes over most of it.
var carriedForwardWord = newKeySet("结转下年")

// mayBeS3Heading reports a line holding one of the words reS3Heading
// ends with: the lines it does not hold need no regexp run.
func mayBeS3Heading(c string) bool {
	return s3HeadingWords.in(c)
}

// isS3Heading reports a heading of section 三 in any of its wordings
// (三、依申请公开情况, (三)收到和处理政府信息公开申请情况): c matching
// `^(三[、.,:]?|\(三\)|第三部分|3[、.])?\PN{0,12}(依申请公开|收到和处理|申请情况)`
// (reS3Heading, in the tests). The words may follow each of the
// numberings c starts with, or its start, after at most 12 characters
// that are no numbers (a byte that is not UTF-8 is one, U+FFFD).
func isS3Heading(c string) bool {
	if !mayBeS3Heading(c) {
		return false
	}
	if s3HeadingWithin(c) {
		return true
	}
	switch {
	case strings.HasPrefix(c, "三"):
		t := c[len("三"):]
		if s3HeadingWithin(t) {
			return true
		}
		r, size := utf8.DecodeRuneInString(t)
		return (r == '、' || r == '.' || r == ',' || r == ':') && s3HeadingWithin(t[size:])
	case strings.HasPrefix(c, "(三)"):
		return s3HeadingWithin(c[len("(三)"):])
	case strings.HasPrefix(c, "第三部分"):
		return s3HeadingWithin(c[len("第三部分"):])
	case strings.HasPrefix(c, "3、"):
		return s3HeadingWithin(c[len("3、"):])
	case strings.HasPrefix(c, "3."):
		return s3HeadingWithin(c[len("3."):])
	}
	return false
}

// s3HeadingWithin reports s starting with at most 12 characters that are
// no numbers, then one of the words of a heading of section 三.
func s3HeadingWithin(s string) bool {
	return wordWithin(s, 12, "依申请公开", "收到和处理", "申请情况")
}

// wordWithin reports s starting with at most n characters that are no
// numbers (a byte that is not UTF-8 is one, U+FFFD), then one of words:
// `^\PN{0,n}(word|…)`.
func wordWithin(s string, n int, words ...string) bool {
	for k := 0; ; k++ {
		for _, w := range words {
			if strings.HasPrefix(s, w) {
				return true
			}
		}
		if k == n || s == "" {
			return false
		}
		r, size := utf8.DecodeRuneInString(s)
		if unicode.IsNumber(r) {
			return false
		}
		s = s[size:]
	}
}

// countsCases reports c counting cases (行政复议0件, 行政诉讼1 起): a
// numeral, digit or character, before a unit of cases, with ASCII white
// space between them. It is reCaseCount.MatchString(c), the regexp
// `[0-9零一二三四五六七八九十]\s*(件|起|宗|例)` (in the tests). A unit
// and a Han numeral are valid UTF-8, so where they are found is where
// decoding c from its start finds them.
func countsCases(c string) bool {
	for _, unit := range [...]string{"件", "起", "宗", "例"} {
		for from := 0; ; {
			i := hanIndex(c[from:], unit)
			if i < 0 {
				break
			}
			i += from
			from = i + len(unit)
			for i > 0 && isRESpace(c[i-1]) {
				i--
			}
			if i > 0 && c[i-1]-'0' <= 9 {
				return true
			}
			if r, size := utf8.DecodeLastRuneInString(c[:i]); size == 3 && strings.ContainsRune("零一二三四五六七八九十", r) {
				return true
			}
		}
	}
	return false
}

// isRESpace reports b among \s of Go's regexps: [\t\n\f\r ].
func isRESpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// s3HeadingWords are the words mayBeS3Heading looks for.
var s3HeadingWords = newKeySet("依申请公开", "收到和处理", "申请情况")

// mayBeS5S6Heading reports a line holding a word without which none of
// reS5Heading, reS6Heading, reS5Numbered and reS6Numbered can match.
func mayBeS5S6Heading(c string) bool {
	return s5s6HeadingWords.in(c)
}

// s5s6HeadingWords are the words mayBeS5S6Heading looks for.
var s5s6HeadingWords = newKeySet("问题", "不足", "其他需要报告", "事项")

// isS5S6Heading reports the heading of section 五 or 六, which ends the
// tables: c matching one of
//
//	^(五[、.,]?|\(五\))?(政府信息公开工作)?存在的?主要问题
//	^(六[、.,]?|\(六\))?其他需要报告
//	^(五[、.,:]|\(五\)|第五部分|5[、.])\PN{0,16}(问题|不足)
//	^(六[、.,:]|\(六\)|第六部分|6[、.])其他(需要|需|应当)?(报告|说明)?的?事项
//
// (reS5Heading, reS6Heading, reS5Numbered and reS6Numbered, in the
// tests), read by hand. The last two are the headings in other wordings
// (存在的不足和改进措施, 其他事项): a number alone never ends a table, as
// the rows of section 三 are numbered too and none of them speaks of 问题
// or 不足. Each numbering starts with a different character, and what
// follows it is literal words but for \PN{0,16}, so one pass from the
// start decides.
func isS5S6Heading(c string) bool {
	if is, ok := numberedHeading(c, "五", "5", s5Problems, s5ProblemWithin); ok {
		return is
	}
	if is, ok := numberedHeading(c, "六", "6", s6Report, s6Matters); ok {
		return is
	}
	return s5Problems(c) || s6Report(c)
}

// numberedHeading reads c after the numbering of section han (五 or 六,
// digit the same number) that it starts with, ok false when it starts
// with none: han, optionally followed by 、 . or , (or by :, for within
// only), then the words plain or within take; (han), then either;
// 第…部分, digit、 or digit., then within's.
func numberedHeading(c, han, digit string, plain, within func(string) bool) (is, ok bool) {
	switch {
	case strings.HasPrefix(c, han):
		t := c[len(han):]
		r, size := utf8.DecodeRuneInString(t)
		sep := r == '、' || r == '.' || r == ','
		return plain(t) || sep && plain(t[size:]) || (sep || r == ':') && within(t[size:]), true
	case strings.HasPrefix(c, "("+han+")"):
		t := c[len("("+han+")"):]
		return plain(t) || within(t), true
	case strings.HasPrefix(c, "第"+han+"部分"):
		return within(c[len("第"+han+"部分"):]), true
	case strings.HasPrefix(c, digit+"、"):
		return within(c[len(digit+"、"):]), true
	case strings.HasPrefix(c, digit+"."):
		return within(c[len(digit+"."):]), true
	}
	return false, false
}

// s5Problems reports s starting with (政府信息公开工作)?存在的?主要问题.
func s5Problems(s string) bool {
	s = strings.TrimPrefix(s, "政府信息公开工作")
	if !strings.HasPrefix(s, "存在") {
		return false
	}
	return strings.HasPrefix(strings.TrimPrefix(s[len("存在"):], "的"), "主要问题")
}

// s6Report reports s starting with 其他需要报告.
func s6Report(s string) bool { return strings.HasPrefix(s, "其他需要报告") }

// s5ProblemWithin reports s starting with at most 16 characters that are
// no numbers, then 问题 or 不足.
func s5ProblemWithin(s string) bool { return wordWithin(s, 16, "问题", "不足") }

// s6Matters reports s starting with 其他(需要|需|应当)?(报告|说明)?的?事项.
// Only 需 and 需要 start alike; each way on is tried.
func s6Matters(s string) bool {
	if !strings.HasPrefix(s, "其他") {
		return false
	}
	s = s[len("其他"):]
	for _, need := range [...]string{"需要", "需", "应当", ""} {
		if !strings.HasPrefix(s, need) {
			continue
		}
		t := s[len(need):]
		for _, what := range [...]string{"报告", "说明", ""} {
			if strings.HasPrefix(t, what) && strings.HasPrefix(strings.TrimPrefix(t[len(what):], "的"), "事项") {
				return true
			}
		}
	}
	return false
}

// section names one of the report's three standard tables.
type section int

// The tables, in the template's order.
const (
	secDisclosures  section = iota // 二、主动公开政府信息情况
	secApplications                // 三、收到和处理政府信息公开申请情况
	secAppeals                     // 四、政府信息公开行政复议、行政诉讼情况
)

// bounds returns the region [from, to) of a table given the section starts.
func (s sections) bounds(which section) (int, int) {
	starts := [...]int{s.s2, s.s3, s.s4}
	from := starts[which]
	if from < 0 {
		return -1, -1
	}
	to := s.end
	// Any table that starts after this one ends it: sections are not
	// always printed in the template's order.
	for _, st := range [...]int{s.s2, s.s3, s.s4, s.cut} {
		if st > from && st < to {
			to = st
		}
	}
	if to < from {
		to = from
	}
	return from, to
}

// isS3Anchor reports a line only section 三's table prints (its 勾稽关系
// note is worded as a sentence).
func isS3Anchor(c string) bool {
	return hanContains(c, "勾稽关系") || strings.HasPrefix(c, "申请人情况")
}

// isS3ColumnHeader reports a header line of section 三's applicant
// columns: 自然人 with no number and no sentence.
func isS3ColumnHeader(c string) bool {
	return hanContains(c, "自然人") && fewerRunes(c, 80) && !isSentence(c) && !hasDigit(c)
}

// isS4Anchor reports a line that can head section 四's table.
func isS4Anchor(c string) bool {
	return !isSentence(c) && hanContains(c, "行政复议") && fewerRunes(c, 60)
}

// tableBefore looks in [from, to) for a table printed out of the
// template's order: the first anchor line followed, before to, by a line
// holding mark, started at its heading (a short line holding one of the
// heading words) when one stands in the three lines above. -1 when none.
func tableBefore(cl []string, from, to int, anchor func(string) bool, mark string, heading ...string) int {
	last := -1
	for j := to - 1; j > from && last < 0; j-- {
		if hanContains(cl[j], mark) {
			last = j
		}
	}
	for i := from; i < last; i++ {
		if !anchor(cl[i]) {
			continue
		}
		for j := i - 1; j >= from && j >= i-3; j-- {
			if fewerRunes(cl[j], 40) && !isSentence(cl[j]) && containsAny(cl[j], heading...) {
				return j
			}
		}
		return i
	}
	return -1
}

// s2HeaderWords are words of section 二's column headers (either
// template), short enough to survive a header cell broken over lines:
// s2CountWords, which hold 数, and the others.
var (
	s2CountWords  = []string{"废止件数", "制作数量", "新公开数量", "公开总数", "处理决定数量", "项目数量"}
	s2OtherWords  = []string{"制发", "现行有效", "采购总金额"}
	s2HeaderWords = append(slices.Clip(s2OtherWords), s2CountWords...)
)

// hasS2HeaderWord is containsAny(c, s2HeaderWords...), looking for
// s2CountWords only in a line that holds 数: the search for each word
// stops at most characters of a line of Han text.
func hasS2HeaderWord(c string) bool {
	return containsAny(c, s2OtherWords...) || hanContains(c, "数") && containsAny(c, s2CountWords...)
}

// isS2HeaderLine reports a line of section 二's column headers: no
// sentence, short, holding one of s2HeaderWords and no number outside
// brackets. isSentence goes first: it stops at the first comma of the
// summary's lines, which fewerRunes would count through.
func isS2HeaderLine(c string) bool {
	return !isSentence(c) && fewerRunes(c, 80) && hasS2HeaderWord(c) && !digitOutsideBrackets(c)
}

// digitOutsideBrackets reports a digit of c outside the brackets
// reBracketed removes: none when c holds none at all, most often.
func digitOutsideBrackets(c string) bool {
	return hasDigit(c) && hasDigit(removeAll(reBracketed, c))
}

// s2ByHeader starts section 二 at its first column header line, or at the
// 第二十条 / 信息内容 lines and the heading just above it. Section 一's
// narrative may cite 第二十条 and list 行政许可17件: starting at the first
// 第二十条 anywhere would read that list as the table. -1 when no line
// looks like a header: a line of header words with no sentence and no
// number outside brackets.
func s2ByHeader(cl []string) int {
	h := -1
	for i, c := range cl {
		if isS2HeaderLine(c) {
			h = i
			break
		}
	}
	if h < 0 {
		return -1
	}
	s := h
	for j := h - 1; j >= 0 && j >= h-4; j-- {
		c := cl[j]
		if isSentence(c) {
			break
		}
		if hanContains(c, "主动公开政府信息情况") && fewerRunes(c, 30) {
			return j
		}
		if hanContains(c, "第二十条") || hanContains(c, "信息内容") {
			s = j
		}
	}
	return blocksAbove(cl, s)
}

// blocksAbove extends section 二, found starting at line s, over the
// blocks printed above it whose column headers hold none of
// s2HeaderWords whole: a narrow column wraps them (本年新制作 / 数量,
// 上一年项 / 目数量), and the first header found whole may be the last
// block's (采购总金额). A block is taken while only table lines, no
// sentence, stand between it and the blocks below, up to the heading
// (主动公开政府信息情况) or a 第二十条 line that is more than a block's
// title.
func blocksAbove(cl []string, s int) int {
	n := 0 // the lines read above the block's title, blank ones aside
	for j := s - 1; j >= 0 && n < maxBlockLines; j-- {
		c := cl[j]
		if c == "" {
			continue // pdftotext -layout puts blank lines between a table's rows
		}
		n++
		if isSentence(c) || !fewerRunes(c, 80) {
			break
		}
		if hanContains(c, "主动公开政府信息情况") && fewerRunes(c, 30) {
			return j
		}
		if hanContains(c, "第二十条") {
			if !fewerRunes(c, 16) || digitOutsideBrackets(c) {
				break
			}
			s, n = j, 0
		}
	}
	return s
}

// maxBlockLines is the most lines a block of section 二 holds: blocksAbove
// looks that far above a block's 第二十条 title, blank lines aside, for the
// title of the block above.
const maxBlockLines = 12

// labelTableRow reports a line of a '|' table (compact form) that holds
// text and no number: a row of labels, or the table's delimiter row.
func labelTableRow(c string) bool {
	fs := pipeFields(c)
	if len(fs) < 2 {
		return false
	}
	text := false
	for _, f := range fs {
		switch {
		case f == "":
		case isBareNumber(f):
			return false
		case isRuleCell(f):
		default:
			text = true
		}
	}
	return text || isRuleCell(fs[0])
}
