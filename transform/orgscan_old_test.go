package transform

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// oldReOrgInText is the regexp nextOrgInText replaces; frequentOrg ran
// FindAllStringSubmatchIndex with it on every line of the narrative.
var oldReOrgInText = regexp.MustCompile(`(?:^|[，。、；：,.;:\s（）()《》“”])(\p{Han}{2,8}?(?:街道办事处|街道|街|镇人民政府|乡人民政府|镇|乡))`)

// oldOrgsInText is frequentOrg's former loop: the bounds of each name.
func oldOrgsInText(l string) [][2]int {
	var out [][2]int
	for _, m := range oldReOrgInText.FindAllStringSubmatchIndex(l, -1) {
		out = append(out, [2]int{m[2], m[3]})
	}
	return out
}

// prevOrgInTextAt is orgInTextAt as it was before it looked at the next
// character first: every ending tried after every character.
func prevOrgInTextAt(l string, p int) (int, bool) {
	q := p
	for k := 1; k <= 8 && q < len(l); k++ {
		r, w := utf8.DecodeRuneInString(l[q:])
		if !isHan(r) {
			return 0, false
		}
		q += w
		if k < 2 {
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
