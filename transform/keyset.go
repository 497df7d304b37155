package transform

// keySet finds whether a line holds any of several words in one pass over
// its bytes, where a strings.Contains per word would scan the line once
// each: most lines the section and narrative readers test hold none of
// them, and those lines are the cost. The words are looked for as
// keyIndex looks for a label's words, skipping what none of them can
// start at: a pass over a line's every byte that compared the words
// starting with it cost more, since the first byte of a Chinese word
// begins every few bytes of Chinese text.
type keySet struct {
	words *keyIndex
}

// newKeySet files the words, each at least three bytes long and not
// starting inside a character (see newKeyIndex).
func newKeySet(keys ...string) *keySet {
	for _, w := range keys {
		if w == "" {
			panic("transform: empty word in a keySet")
		}
	}
	return &keySet{words: newKeyIndex(keys...)}
}

// in reports whether s holds any of the words, as containsAny would.
func (k *keySet) in(s string) bool { return k.words.has(s) }
