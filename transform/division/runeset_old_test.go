package division

import "strings"

// oldRuneSet is the set byContext used before runeSet: a bit for every
// character of the Basic Multilingual Plane, cleared on every call.
type oldRuneSet [1 << 16 / 64]uint64

func (s *oldRuneSet) addAll(t string) {
	for _, r := range t {
		if r < 1<<16 {
			s[r/64] |= 1 << (r % 64)
		}
	}
}

func (s *oldRuneSet) all(t string) bool {
	for _, r := range t {
		if r < 1<<16 && s[r/64]&(1<<(r%64)) == 0 {
			return false
		}
	}
	return true
}

// oldByContext is byContext with oldRuneSet.
func (x *index) oldByContext(rs []reading, ctx string) []reading {
	ctx = stripSpace(ctx)
	if ctx == "" {
		return rs
	}
	var out []reading
	best := 0
	named := map[*Node]bool{}
	var has oldRuneSet
	has.addAll(ctx)
	for _, r := range rs {
		score := 0
		for p := r.path[0].Parent; p != nil; p = p.Parent {
			in, seen := named[p]
			if !seen {
				short, ok := x.short[p]
				if !ok {
					short = shortName(p.Name)
				}
				in = has.all(p.Name) && strings.Contains(ctx, p.Name) || has.all(short) && strings.Contains(ctx, short)
				named[p] = in
			}
			if in {
				if d := depth(p); d > score {
					score = d
				}
			}
		}
		switch {
		case score > best:
			best, out = score, []reading{r}
		case score == best && score > 0:
			out = append(out, r)
		}
	}
	if best == 0 {
		return rs
	}
	return out
}
