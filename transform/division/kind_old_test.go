package division

import (
	"regexp"
	"strings"
)

// The regexps trimOrganPrefix, townshipOrgan, isGeneralOffice and
// isDepartment replace.
var (
	rePrefix   = regexp.MustCompile(`^(中共|中国共产党|国家税务总局)`)
	reTownship = regexp.MustCompile(`^\p{Han}{1,6}?(镇|乡|街道)(人民政府|政府|办事处|街道办事处)?$`)
	reOffice   = regexp.MustCompile(`^(人民)?政府办公(厅|室)$|^政府办$`)
	reDept     = regexp.MustCompile(`(局|厅|委员会|委|办公室|办|中心|署|部|院|所|队|处|站|会|室|馆|社)$`)
)

// finishOld is finish as it was, by the regexps.
func finishOld(r reading, agency string) Result {
	n := r.path[len(r.path)-1]
	res := Result{Code: n.Code, Level: n.Level, Via: r.via, Organ: r.rest}
	for p := n; p != nil; p = p.Parent {
		switch p.Level {
		case LevelProvince:
			res.Province = p.Name
		case LevelCity:
			res.City = p.Name
		case LevelCounty:
			res.County = p.Name
		case LevelTownship:
			res.Township = p.Name
		}
	}
	res.Kind = kindOfOld(r.rest, agency, n)
	if m := reTownship.FindStringSubmatch(r.rest); m != nil && n.Level != LevelTownship {
		return Result{Unknown: true, Level: LevelTownship, Kind: kindOfOld(m[2], agency, nil)}
	}
	return res
}

// kindOfOld is kindOf as it was, by the regexps.
func kindOfOld(rest, full string, n *Node) string {
	switch {
	case strings.Contains(rest, "街道办事处") || (n != nil && n.Level == LevelTownship && strings.HasSuffix(unqualified(n.Name), "街道") && (rest == "" || rest == "办事处")):
		return KindStreetOffice
	case strings.Contains(rest, "管理委员会") || strings.Contains(rest, "管委会"):
		return KindZone
	case reOffice.MatchString(rest):
		return KindGeneralOffice
	case rest == "" || rest == "人民政府" || rest == "政府" || rest == "人民政府门户网站":
		return KindGovernment
	case reDept.MatchString(rest):
		return KindDepartment
	}
	return KindOther
}
