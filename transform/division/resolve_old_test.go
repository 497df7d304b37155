package division

import "sort"

// oldResolve is Resolve as it was before organs kept what it read of an
// organ's name, before ambiguity kept what byContext reads of its
// readings, and before the regexps of finish and kindOf were read by
// hand: TestResolveSameAsBefore and FuzzResolveSameAsBefore compare the
// two.
func oldResolve(in Input) Result {
	x := load()
	s := stripSpace(in.Agency)
	s = rePrefix.ReplaceAllString(s, "")
	if s == "" {
		return Result{Unknown: true}
	}
	rs := x.readings(s, nil, 0)
	if len(rs) == 1 && len(rs[0].path) == 0 {
		if reCentral.MatchString(s) {
			return Result{Level: LevelCentral, Kind: centralKind(s)}
		}
		// A zone named by its city's short name: 南京高新区 sits in 南京市.
		if m := reCityShort.FindStringSubmatch(s); m != nil {
			var cs []*Node
			for _, i := range x.names.get(m[1] + "市") {
				if n := &x.nodes[i]; n.Level == LevelCity {
					cs = append(cs, n)
				}
			}
			if len(cs) == 1 {
				return finishOld(reading{path: []*Node{cs[0]}, rest: s[len(m[1]):], via: "zone in city"}, in.Agency)
			}
		}
		return Result{Unknown: true}
	}
	rs = keepLongest(rs)
	if len(rs) > 1 {
		rs = x.prevByContext(rs, in.Context)
	}
	if len(rs) > 1 {
		rs = x.prevByContext(rs, in.Text)
	}
	if len(rs) > 1 {
		var ns []*Node
		for _, r := range rs {
			ns = append(ns, r.path[len(r.path)-1])
		}
		sort.Slice(ns, func(i, j int) bool { return ns[i].Code < ns[j].Code })
		return Result{Ambiguous: ns, Kind: kindOfOld(rs[0].rest, s, ns[0])}
	}
	return finishOld(rs[0], in.Agency)
}
