package transform

import (
	"strings"
	"unicode/utf8"
)

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
	if from == 0 && len(l) > 0 {
		if e, ok := orgInTextAt(l, 0); ok {
			return 0, e, true
		}
	}
	// The delimiters are found by their bytes, no character decoded: each
	// is ASCII or three bytes led by e2, e3 or ef, and a lead byte is never
	// inside another character's encoding, so a delimiter's bytes stand
	// just where decoding l would read it.
	for i := from; i < len(l); i++ {
		c := l[i]
		if !orgDelimByte[c] {
			continue
		}
		w := 1
		if c >= utf8.RuneSelf {
			if r, n := decode3(l, i); n == 0 || !isOrgDelim(r) {
				continue
			}
			w = 3
		}
		if e, ok := orgInTextAt(l, i+w); ok {
			return i + w, e, true
		}
		i += w - 1
	}
	return 0, 0, false
}

// orgDelimByte marks the ASCII delimiters of isOrgDelim and the lead
// bytes of the others' encodings.
var orgDelimByte = func() (t [256]bool) {
	for r := rune(0); r <= 0xffff; r++ {
		if isOrgDelim(r) {
			t[string(r)[0]] = true
		}
	}
	return t
}()

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
	// The endings are found by their last bytes, no character decoded:
	// each is ')' or a three-byte character, and the lead byte of one is
	// never inside another character's encoding, so its bytes stand just
	// where decoding l would read it.
	for i := 0; i+1 < len(l); i++ {
		c := l[i]
		if !orgEndLast[c] {
			continue
		}
		if i+4 > len(l) || verbStart[l[i+2]&0x3f]>>(l[i+3]&0x3f)&1 == 0 {
			continue // no verb's first character next (each is one of three bytes)
		}
		if c != ')' {
			if i < 2 {
				continue
			}
			if r, n := decode3(l, i-2); n == 0 || !isOrgEnd(r) {
				continue
			}
		}
		for _, v := range leadOrgVerbs {
			if strings.HasPrefix(l[i+1:], v) {
				return true
			}
		}
	}
	return false
}

// verbStart marks, a bit for each pair of the low six bits of their last
// two bytes, the first characters of leadOrgVerbs, all of three bytes:
// few other characters share a pair.
var verbStart = func() (t [64]uint64) {
	for _, v := range leadOrgVerbs {
		if len(v) < 3 || v[0] < 0xe0 || v[0] >= 0xf0 {
			panic("leadOrgVerbs: a verb that does not start with a character of three bytes")
		}
		t[v[1]&0x3f] |= 1 << (v[2] & 0x3f)
	}
	return t
}()

// isOrgEnd reports the last characters of an organ's name mayLeadOrg
// looks for.
func isOrgEnd(r rune) bool {
	switch r {
	case '府', '处', '会', '室', '厅', '局', '委', '办', '心', '院', '所', '部', '署', '馆', '站', '队', '道', '镇', '乡', ')':
		return true
	}
	return false
}

// orgEndLast marks the last bytes of the encodings of isOrgEnd's
// characters.
var orgEndLast = func() (t [256]bool) {
	for r := rune(0); r <= 0xffff; r++ {
		if isOrgEnd(r) {
			e := string(r)
			t[e[len(e)-1]] = true
		}
	}
	return t
}()
