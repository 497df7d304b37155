package transform

import "strings"

// footnoteUnits are the units footnoted allows between a number and its
// mark, 万元 before 万, as footnotedOld looks for them.
var footnoteUnits = []string{"万元", "元", "万", "件", "项", "个", "条", "次"}

// footnotedOld is footnoted as it was before its unit was told by a
// switch on three bytes: a loop over footnoteUnits with strings.HasPrefix.
func footnotedOld(c string) bool {
	i := 0
	if i < len(c) && (c[i] == '+' || c[i] == '-') {
		i++
	}
	if i == len(c) || c[i] < '0' || c[i] > '9' {
		return false // most labels are decided here
	}
	for i < len(c) && (c[i] >= '0' && c[i] <= '9' || c[i] == '.' || c[i] == ',') {
		i++
	}
	for _, u := range footnoteUnits {
		if strings.HasPrefix(c[i:], u) {
			i += len(u)
			break
		}
	}
	return isFootnoteMark(c[i:])
}
