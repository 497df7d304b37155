package transform

import "strings"

// orgSuffixesInText are the endings of a township's name in the
// narrative, in the order they are preferred after the same characters.
var orgSuffixesInText = [...]string{"街道办事处", "街道", "街", "镇人民政府", "乡人民政府", "镇", "乡"}

// isOrgDelim is the characters before a township's name in the
// narrative: punctuation, brackets, quotes and ASCII white space.
func isOrgDelim(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', ',', '.', ';', ':', '\t', '\n', '\f', '\r', ' ', '（', '）', '(', ')', '《', '》', '“', '”':
		return true
	}
	return false
}

// nextOrgInText finds a township's name in l from byte from on, as
// `(?:^|[，。、；：,.;:\s（）()《》“”])(\p{Han}{2,8}?(?:街道办事处|街道|街|镇人民政府|乡人民政府|镇|乡))`
// would: the leftmost match, the fewest characters before the ending,
// the endings in their order. It returns the name's bounds, or ok false.
// Called again from end, it gives the regexp's next match; a regexp's
// backtracking cost most of frequentOrg.
func nextOrgInText(l string, from int) (start, end int, ok bool) {
	for i := from; i < len(l); {
		if i == 0 {
			if e, ok := orgInTextAt(l, 0); ok {
				return 0, e, true
			}
		}
		r, w := decodeRune(l, i)
		if isOrgDelim(r) {
			if e, ok := orgInTextAt(l, i+w); ok {
				return i + w, e, true
			}
		}
		i += w
	}
	return 0, 0, false
}

// orgInTextAt matches the name part of nextOrgInText's pattern at p.
func orgInTextAt(l string, p int) (int, bool) {
	q := p
	for k := 1; k <= 8 && q < len(l); k++ {
		r, w := decodeRune(l, q)
		if !isHan(r) {
			return 0, false
		}
		q += w
		if k < 2 {
			continue
		}
		// Every ending begins with 街, 镇 or 乡: one comparison of the
		// next character keeps most positions from trying all seven.
		if c := l[q:min(q+len("街"), len(l))]; c != "街" && c != "镇" && c != "乡" {
			continue
		}
		for _, s := range orgSuffixesInText {
			if strings.HasPrefix(l[q:], s) {
				return q + len(s), true
			}
		}
	}
	return 0, false
}

// leadOrgVerbs are the verbs reOrgLead wants right after the organ's name.
var leadOrgVerbs = [...]string{"坚持", "认真", "严格", "深入", "全面", "始终", "紧紧", "按照", "根据", "依据", "依照", "以", "在", "围绕", "高度", "持续", "积极", "进一步", "着力", "紧扣", "聚焦", "扎实", "不断", "贯彻", "落实", "切实", "主动", "依法", "大力", "牢固", "全力", "立足", "紧密", "继续", "充分"}

// mayLeadOrg is false when reOrgLead cannot match l: nowhere does one of
// its verbs follow the last character of one of its organ endings or a
// closing bracket. It keeps the regexp off most lines of the summary.
func mayLeadOrg(l string) bool {
	prev := false // the rune before i ends an organ's name
	for i := 0; i < len(l); {
		r, w := decodeRune(l, i)
		if prev {
			for _, v := range leadOrgVerbs {
				if strings.HasPrefix(l[i:], v) {
					return true
				}
			}
		}
		switch r {
		case '府', '处', '会', '室', '厅', '局', '委', '办', '心', '院', '所', '部', '署', '馆', '站', '队', '道', '镇', '乡', ')':
			prev = true
		default:
			prev = false
		}
		i += w
	}
	return false
}
