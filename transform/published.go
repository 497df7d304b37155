package transform

import (
	"regexp"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/schemas"
)

// rePublished is a date as sidecars write it: 2021-01-29, 2021/1/29,
// 2021.01.29 or 2021年1月29日, optionally followed by a time (T10:00:00Z,
// " 10:00") that says nothing more about the day.
var rePublished = regexp.MustCompile(`^([0-9]{4})(?:-([0-9]{1,2})-([0-9]{1,2})|/([0-9]{1,2})/([0-9]{1,2})|\.([0-9]{1,2})\.([0-9]{1,2})|年([0-9]{1,2})月([0-9]{1,2})日)(?:[T ][0-9:.]+(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?$`)

// publishedDate reads the sidecar's publication date: the day as written
// (a time after it changes nothing). A day that does not exist (2021-02-30)
// is no date.
func publishedDate(s string) (schemas.Date, bool) {
	m := rePublished.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	var mo, d string
	for i := 2; i+1 < len(m); i += 2 {
		if m[i] != "" {
			mo, d = m[i], m[i+1]
		}
	}
	y, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(mo)
	di, _ := strconv.Atoi(d)
	t := time.Date(y, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mi || t.Day() != di || y < 1900 {
		return 0, false
	}
	return schemas.DateOf(t), true
}
