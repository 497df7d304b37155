package transform

import (
	"path"
	"regexp"
	"strconv"
)

// The regexps isS5S6Heading, unitLineUnit, closingMatch, bothN, titleYear
// and fileYear replace, and the code that ran them.
var (
	reS5Heading  = regexp.MustCompile(`^(五[、.,]?|\(五\))?(政府信息公开工作)?存在的?主要问题`)
	reS6Heading  = regexp.MustCompile(`^(六[、.,]?|\(六\))?其他需要报告`)
	reS5Numbered = regexp.MustCompile(`^(五[、.,:]|\(五\)|第五部分|5[、.])\PN{0,16}(问题|不足)`)
	reS6Numbered = regexp.MustCompile(`^(六[、.,:]|\(六\)|第六部分|6[、.])其他(需要|需|应当)?(报告|说明)?的?事项`)
	reUnitLine   = regexp.MustCompile(`^(?:.*情况)?[(\[]?(?:金额|计量)?单位[:]?(?:人民币)?(元|万元|亿元|千元|百万元)[)\]]?$`)
	reClosing    = regexp.MustCompile(`(20[0-9]{2})(?:年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月[0-9一二三四五六七八九十]{1,3}日|[-/.]([01]?[0-9])[-/.][0-3]?[0-9])[)）]?$`)
	reBothN      = regexp.MustCompile(`行政复议(?:案件)?(?:和|及|与|、|或)行政诉讼(?:案件)?(?:数量)?(各|共计|共|合计|总计)?(?:为)?([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:件|起|宗)`)
	reYear       = regexp.MustCompile(`(20[0-9]{2})年`)
)

// isS5S6HeadingOld is what findSections asked of a line, by the regexps.
func isS5S6HeadingOld(c string) bool {
	return reS5Heading.MatchString(c) || reS6Heading.MatchString(c) || reS5Numbered.MatchString(c) || reS6Numbered.MatchString(c)
}

// unitLineUnitOld is the unit unitLine read by reUnitLine, "" if none.
func unitLineUnitOld(c string) string {
	if m := reUnitLine.FindStringSubmatch(c); m != nil {
		return m[1]
	}
	return ""
}

// closingMatchOld is closingMatch by reClosing.
func closingMatchOld(c string) []string { return reClosing.FindStringSubmatch(c) }

// bothNOld is bothN by reBothN.
func bothNOld(l string, both bool) []string {
	if !both {
		return nil
	}
	return reBothN.FindStringSubmatch(l)
}

// titleYearOld is titleYear by reYear.
func titleYearOld(title string) int {
	if title == "" {
		return 0
	}
	t := stripDates(arabicYears(title))
	if m := reYear.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// fileYearOld is fileYear by reYear.
func fileYearOld(p string) int {
	base := arabicYears(compact(path.Base(p)))
	if m := reYear.FindStringSubmatch(base); m != nil {
		y, _ := strconv.Atoi(m[1])
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
