package transform

import "strings"

// keySet finds whether a line holds any of several words in one pass over
// its bytes, where a strings.Contains per word would scan the line once
// each: most lines the section and narrative readers test hold none of
// them, and those lines are the cost. first[b] lists the words starting
// with byte b.
type keySet struct {
	first [256][]string
}

func newKeySet(keys ...string) *keySet {
	k := &keySet{}
	for _, w := range keys {
		if w == "" {
			panic("transform: empty word in a keySet")
		}
		k.first[w[0]] = append(k.first[w[0]], w)
	}
	return k
}

// in reports whether s holds any of the words, as containsAny would.
func (k *keySet) in(s string) bool {
	for i := 0; i < len(s); i++ {
		ws := k.first[s[i]]
		if ws == nil {
			continue
		}
		for _, w := range ws {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}
