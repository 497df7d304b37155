package transform

import (
	"regexp"
	"strings"
)

// sections are the line ranges (0-based, half-open) of the three tables.
// A start of -1 means the table was not found.
type sections struct {
	s2, s3, s4, end int
}

var (
	reS5Heading = regexp.MustCompile(`^(五[、.,]?|\(五\))?(政府信息公开工作)?存在的?主要问题`)
	reS6Heading = regexp.MustCompile(`^(六[、.,]?|\(六\))?其他需要报告`)
)

// findSections locates the tables by what they contain rather than by their
// headings alone: headings are often missing, renumbered or reworded, and
// section 一's narrative reuses their words.
func findSections(cl []string) sections {
	s := sections{s2: -1, s3: -1, s4: -1, end: len(cl)}
	for i, c := range cl {
		if strings.Contains(c, "第二十条") || (strings.Contains(c, "信息内容") && len([]rune(c)) < 40) {
			s.s2 = i
			break
		}
	}
	// Start the s2 region at its heading when it stands just above.
	if s.s2 > 0 {
		for j := s.s2 - 1; j >= 0 && j >= s.s2-3; j-- {
			if strings.Contains(cl[j], "主动公开政府信息情况") && len([]rune(cl[j])) < 30 {
				s.s2 = j
				break
			}
		}
	}
	from := max(s.s2, 0)
	for i := from; i < len(cl); i++ {
		c := cl[i]
		if strings.Contains(c, "勾稽关系") || c == "申请人情况" || strings.HasPrefix(c, "申请人情况") ||
			strings.Contains(c, "本年新收") ||
			(strings.Contains(c, "收到和处理政府信息公开") && len([]rune(c)) < 40) {
			s.s3 = i
			break
		}
	}
	from = max(s.s3, s.s2, 0)
	if s.s3 >= 0 {
		// The section 四 table follows the 结转下年度 row.
		for i := s.s3; i < len(cl); i++ {
			if strings.Contains(cl[i], "结转下年") {
				from = i + 1
				break
			}
		}
	}
	for i := from; i < len(cl); i++ {
		c := cl[i]
		if strings.Contains(c, "行政复议") && (len([]rune(c)) < 60 || strings.Contains(c, "行政诉讼")) &&
			!strings.Contains(c, "勾稽关系") {
			s.s4 = i
			break
		}
	}
	from = max(s.s4, s.s3, s.s2, 0)
	for i := from + 1; i < len(cl); i++ {
		c := cl[i]
		if len([]rune(c)) < 40 && (reS5Heading.MatchString(c) || reS6Heading.MatchString(c)) {
			s.end = i
			break
		}
	}
	return s
}

// bounds returns the region [from, to) of a table given the section starts.
func (s sections) bounds(which int) (int, int) {
	starts := []int{s.s2, s.s3, s.s4}
	from := starts[which]
	if from < 0 {
		return -1, -1
	}
	to := s.end
	for _, st := range starts[which+1:] {
		if st > from && st < to {
			to = st
			break
		}
	}
	if to < from {
		to = from
	}
	return from, to
}
