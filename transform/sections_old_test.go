package transform

import "strings"

// findSectionsEach is findSections as it was before it passed over the
// lines holding none of the words of section 三's anchors, and looked
// for 结转下年, by one keySet search: each test asked of each line.
func findSectionsEach(cl []string) sections {
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
		if isS3Anchor(cl[i]) || isS3ColumnHeader(cl[i]) {
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
			if hanContains(cl[i], "结转下年") {
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
		if fewerRunes(c, 40) && mayBeS5S6Heading(c) && (reS5Heading.MatchString(c) || reS6Heading.MatchString(c) ||
			reS5Numbered.MatchString(c) || reS6Numbered.MatchString(c)) {
			s.end = i
			break
		}
	}
	return s
}
