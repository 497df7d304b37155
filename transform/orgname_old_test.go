package transform

import "regexp"

// The organ-name tests as they were, by regexps: the differential tests
// compare isOrgName and orgBracket with them.
var (
	oldReOrgSuffix  = regexp.MustCompile(`(办事处|街道|人民政府|政府|局|委员会|委|办公室|室|办|中心|厅|院|所|镇|乡|街|部|署|会|馆|站|队|处|社|海关|公司|学校|台|场)$`)
	oldReOrgBracket = regexp.MustCompile(`^(\p{Han}{2,30})\((\p{Han}{1,20})\)$`)
)

func oldIsOrgName(a string) bool {
	if m := oldReOrgBracket.FindStringSubmatch(a); m != nil {
		return oldIsOrgName(m[1]) && (oldReOrgSuffix.MatchString(m[2]) || hanCount(m[2]) <= 2)
	}
	n := hanCount(a)
	return n >= 2 && n == len([]rune(a)) && n <= 45 && oldReOrgSuffix.MatchString(a)
}
