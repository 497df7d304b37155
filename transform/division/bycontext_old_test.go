package division

import (
	"strings"
	"unicode/utf8"
)

// prevByContext is byContext as it was before ambiguity held what it
// reads of an organ's readings: it keeps the readings whose first
// division's parents are named in the context; when none or all are, it
// keeps all.
//
// A name is looked for in the context stripped of white space and quotes
// (stripSpace), but only once the characters of the context may hold it
// (has): most contexts (the report's text) name none of the parents,
// and are never stripped. The characters of a context that is valid
// UTF-8 are those of its stripped form and the ones stripped, so has is
// made from it as it is. Stripping a context that is not may join bytes
// into characters it lacked: has is made from its stripped form then.
func (x *index) prevByContext(rs []reading, raw string) []reading {
	if raw == "" {
		return rs
	}
	var has prevRuneSet // the characters of ctx: a name with one outside it is not in ctx
	ctx, stripped := raw, false
	if !has.addValid(raw) {
		ctx, stripped, has = stripSpace(raw), true, prevRuneSet{}
		has.addAll(ctx)
	}
	named := func(name string) bool {
		if !has.all(name) {
			return false
		}
		if !stripped {
			ctx, stripped = stripSpace(raw), true
		}
		return strings.Contains(ctx, name)
	}
	// Each reading scores the depth of the deepest parent the context
	// names: 石家庄市 settles 新华区 where 河北省 alone does not. Readings
	// share parents (a common township name has hundreds of readings in
	// a few dozen counties), so each parent is looked up once.
	var out []reading
	best := 0
	// Parents are shared: a few per reading at most.
	seen := make(map[*Node]bool, len(rs))
	for _, r := range rs {
		score := 0
		for p := r.path[0].Parent; p != nil; p = p.Parent {
			in, ok := seen[p]
			if !ok {
				short, ok := x.short[p]
				if !ok {
					short = shortName(p.Name)
				}
				in = named(p.Name) || named(short)
				seen[p] = in
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

// prevRuneSet is runeSet as it was before it kept only characters of three
// bytes. It filters the characters of a text: a character added is always
// found, one not added may be too (characters share a bit), which costs
// only the strings.Contains the filter would have spared. It has 4 096
// bits rather than one per character of the Basic Multilingual Plane:
// clearing 8 KB on every call cost more than a long text's lookups.
type prevRuneSet [4096 / 64]uint64

func (s *prevRuneSet) addAll(t string) {
	for _, r := range t {
		s.add(r)
	}
}

func (s *prevRuneSet) add(r rune) {
	b := uint32(r) % 4096
	s[b/64] |= 1 << (b % 64)
}

// addValid adds the characters of t, as addAll does, and reports whether t
// is valid UTF-8. It decodes the characters of three bytes (most of a
// Chinese text) itself, with no call.
func (s *prevRuneSet) addValid(t string) bool {
	valid := true
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c < utf8.RuneSelf:
			s.add(rune(c))
			i++
		case c >= 0xe1 && c <= 0xef && c != 0xed && i+2 < len(t) && t[i+1]&0xc0 == 0x80 && t[i+2]&0xc0 == 0x80:
			// E1–EC and EE–EF with two continuation bytes: always a
			// character (E0 may be overlong, ED a surrogate)
			s.add(rune(c&0x0f)<<12 | rune(t[i+1]&0x3f)<<6 | rune(t[i+2]&0x3f))
			i += 3
		default:
			r, n := utf8.DecodeRuneInString(t[i:])
			if r == utf8.RuneError && n == 1 {
				valid = false
			}
			s.add(r)
			i += n
		}
	}
	return valid
}

// all reports whether every character of t may be in the set.
func (s *prevRuneSet) all(t string) bool {
	for _, r := range t {
		if b := uint32(r) % 4096; s[b/64]&(1<<(b%64)) == 0 {
			return false
		}
	}
	return true
}
