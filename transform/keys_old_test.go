package transform

import (
	"fmt"
	"math/bits"
	"strings"
	"sync"
)

// oldKeyIndex is keyIndex as it was before its skip table shrank to stay
// in the cache and named the words to compare where a window ends in a
// word's bytes (it hashed the bytes at the window's start into a table of
// its own): kept to prove the new one finds the same words in every text
// (TestKeyIndexSame, FuzzKeyIndexSame, sameLabels).
// oldKeyIndex tells which of a fixed list of words (at most 64) a string
// contains, in one pass over the string instead of one strings.Contains
// per word: the label matchers ask this of every cell of a table's label
// column. Each word is filed under a hash of its first three bytes; at
// each byte of the string that can start a word, the words filed under
// the hash of the next three bytes are compared.
//
// When every word has at least oldSkipMin bytes, the pass also skips, as
// Wu and Manber's search for many words does: it reads the three bytes
// that end the first x.min bytes from where it stands, and moves on by as
// many bytes as no word's first x.min bytes can have these three at that
// place. Chinese text holds few of the words' characters, so most steps
// move on by x.min-2 bytes, where the pass without skips looks at every
// character.
type oldKeyIndex struct {
	keys    []string
	min     int                         // length of the shortest word
	buckets [1 << oldKeyHashBits]uint64 // bit i: keys[i] begins with bytes of this hash
	// skip holds, for each hash of three bytes, how far a word can start
	// before them: the bytes a window of x.min bytes ending in them may
	// move on. nil when the shortest word is shorter than oldSkipMin.
	skip *[1 << oldSkipHashBits]uint8
}

const (
	oldKeyHashBits  = 9
	oldSkipHashBits = 12
	// oldSkipMin is the shortest word length for which skipping pays: two
	// characters of Chinese.
	oldSkipMin = 6
)

// The hashes take the three bytes in the order they stand in memory, so
// that the first two are read in one load.
func oldKeyHash(a, b, c byte) uint32 {
	return (uint32(a) | uint32(b)<<8 | uint32(c)<<16) * 0x9e3779b1 >> (32 - oldKeyHashBits)
}

func oldSkipHash(a, b, c byte) uint32 {
	return (uint32(a) | uint32(b)<<8 | uint32(c)<<16) * 0x9e3779b1 >> (32 - oldSkipHashBits)
}

// newOldKeyIndex files the words. A word must have at least three bytes and
// must not begin with a UTF-8 continuation byte (so a match never starts
// inside a character, which contains skips); the lists are fixed at
// start-up, so a word that breaks this is a programming error.
func newOldKeyIndex(keys ...string) *oldKeyIndex {
	if len(keys) > 64 {
		panic(fmt.Sprintf("oldKeyIndex: %d words, at most 64", len(keys)))
	}
	x := &oldKeyIndex{keys: keys, min: -1}
	for i, k := range keys {
		if len(k) < 3 || k[0]&0xc0 == 0x80 {
			panic(fmt.Sprintf("oldKeyIndex: word %q is shorter than three bytes or starts inside a character", k))
		}
		if x.min < 0 || len(k) < x.min {
			x.min = len(k)
		}
		x.buckets[oldKeyHash(k[0], k[1], k[2])] |= 1 << i
	}
	if x.min >= oldSkipMin {
		// A window of m bytes (m at most x.min, and small enough for a
		// byte) ending in three bytes found at q in no word's first m
		// bytes can move on by m-2; found there, by m-3-q at most.
		m := min(x.min, 255)
		x.skip = new([1 << oldSkipHashBits]uint8)
		for h := range x.skip {
			x.skip[h] = uint8(m - 2)
		}
		for _, k := range keys {
			for q := 0; q+3 <= m; q++ {
				h := oldSkipHash(k[q], k[q+1], k[q+2])
				x.skip[h] = min(x.skip[h], uint8(m-3-q))
			}
		}
	}
	return x
}

// contains returns the set of words s contains: bit i is set exactly
// when strings.Contains(s, keys[i]).
func (x *oldKeyIndex) contains(s string) uint64 {
	skip := x.skip
	if skip == nil {
		return x.containsEach(s)
	}
	var found uint64
	m := min(x.min, 255) // as newOldKeyIndex made x.skip
	for i := 0; i+m <= len(s); {
		if e := i + m; e >= 3 { // always: m is at least oldSkipMin
			if d := skip[oldSkipHash(s[e-3], s[e-2], s[e-1])]; d != 0 {
				i += int(d)
				continue
			}
		}
		// Here a word may start: the words filed under s[i:i+3] are
		// compared (a word never starts with a continuation byte, but
		// such a byte files none, or words HasPrefix tells apart).
		w := s[i : i+3]
		for b := x.buckets[oldKeyHash(w[0], w[1], w[2])] &^ found; b != 0; b &= b - 1 {
			k := bits.TrailingZeros64(b)
			if strings.HasPrefix(s[i:], x.keys[k]) {
				found |= 1 << k
			}
		}
		i++
	}
	return found
}

// containsEach is contains looking at each character of s in turn, for
// lists with words too short to skip by.
//
// A character's continuation bytes start no word: after the three bytes
// hashed, the loop steps over those of them that are continuation bytes
// (the two of a Han character) instead of looking at each again.
func (x *oldKeyIndex) containsEach(s string) uint64 {
	var found uint64
	last := len(s) - x.min // the last byte a word can start at
	for i := 0; i <= last; {
		w := s[i : i+3] // x.min is at least 3
		if w[0]&0xc0 == 0x80 {
			i++ // no word starts with a continuation byte
			continue
		}
		for m := x.buckets[oldKeyHash(w[0], w[1], w[2])] &^ found; m != 0; m &= m - 1 {
			k := bits.TrailingZeros64(m)
			if strings.HasPrefix(s[i:], x.keys[k]) {
				found |= 1 << k
			}
		}
		switch {
		case w[1]&0xc0 != 0x80:
			i++
		case w[2]&0xc0 != 0x80:
			i += 2
		default:
			i += 3
		}
	}
	return found
}

// oldIndexes holds the oldKeyIndex of each keyIndex the tests compare.
var oldIndexes sync.Map // *keyIndex → *oldKeyIndex

// oldOf returns the oldKeyIndex of x's words.
func oldOf(x *keyIndex) *oldKeyIndex {
	if o, ok := oldIndexes.Load(x); ok {
		return o.(*oldKeyIndex)
	}
	o, _ := oldIndexes.LoadOrStore(x, newOldKeyIndex(x.keys...))
	return o.(*oldKeyIndex)
}
