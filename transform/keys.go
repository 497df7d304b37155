package transform

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"strings"
	"unsafe"
)

// keyIndex tells which of a fixed list of words (at most 64) a string
// contains, in one pass over the string instead of one strings.Contains
// per word: the label matchers ask this of every cell of a table's label
// column.
//
// When every word has at least skipMin bytes, the pass skips, as Wu and
// Manber's search for many words does: it reads the three bytes that end
// a window of x.m bytes from where it stands, and moves on by as many
// bytes as no word's first x.m bytes can have these three at that place.
// Chinese text holds few of the words' characters, so most steps move on
// by x.m-2 bytes, where a pass without skips looks at every character.
// Where the three bytes end the first x.m bytes of some words, the table
// names those words instead (Wu and Manber's HASH table), and only they
// are compared with the text there.
//
// The tables are small enough to stay in the first-level cache between
// cells, next to the text and the other indexes' tables: a skip table of
// 4 096 bytes and a table of 512 word sets by the hash of a window's
// first bytes missed it on about one step in three. The words are
// compared four bytes at a time, without a call.
type keyIndex struct {
	keys []string
	min  int // length of the shortest word
	// m is the window, the shortest word's length capped at maxWindow;
	// 0 when the shortest word is shorter than skipMin and the string is
	// looked at character by character (containsEach).
	m int
	// skip holds, for each hash of three bytes, how far a word can start
	// before them: the bytes a window ending in them may move on (at
	// least 1), or, where they may end the window of a word, probe|j:
	// ends[j] are the words whose first x.m bytes end in three bytes of
	// this hash.
	skip [1 << skipHashBits]uint8
	ends [64]uint64
	// Of the words ends names, only those whose next three bytes after
	// the window (x.m to x.m+3) hash to h are in next[h]; short are the
	// words shorter than x.m+3 bytes, which have no such three. Words
	// with the same first x.m bytes (本年新, 本年增, 本年制发件数 …)
	// are told apart so before any is compared.
	next  [64]uint64
	short uint64
	// words holds each word's bytes as load4 reads them, for comparing
	// without a call.
	words [64]keyWord
	// buckets, for containsEach: bit i of buckets[h] is set when keys[i]
	// begins with bytes of hash h. nil when the index skips.
	buckets *[1 << keyHashBits]uint64
}

// keyWord is a word of a keyIndex, for comparing with a text without a
// call: its n bytes and the four at 0, at midAt = min(4, n-4) and at n-4,
// which are all of a word of at most 12 bytes.
type keyWord struct {
	head, mid, tail uint32
	n, midAt        uint16
}

const (
	keyHashBits  = 9
	skipHashBits = 10
	// skipMin is the shortest word length for which skipping pays: two
	// characters of Chinese.
	skipMin = 6
	// maxWindow caps x.m so that a skip and probe|j fit a byte.
	maxWindow = 64
	probe     = 0x80
)

// The hashes take the three bytes in the order they stand in memory, so
// that the first two are read in one load.
func keyHash(a, b, c byte) uint32 {
	return (uint32(a) | uint32(b)<<8 | uint32(c)<<16) * 0x9e3779b1 >> (32 - keyHashBits)
}

func skipHash(a, b, c byte) uint32 {
	return skipHash3(uint32(a) | uint32(b)<<8 | uint32(c)<<16)
}

// skipHash3 hashes three bytes held in the low 24 bits of v.
func skipHash3(v uint32) uint32 {
	return v * 0x9e3779b1 >> (32 - skipHashBits)
}

// load4 reads the four bytes of s at i, the first in the low bits; i+4
// must be at most len(s).
func load4(s string, i int) uint32 {
	w := s[i : i+4]
	return uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | uint32(w[3])<<24
}

// newKeyIndex files the words. A word must have at least three bytes and
// must not begin with a UTF-8 continuation byte (so a match never starts
// inside a character, which containsEach skips); the lists are fixed at
// start-up, so a word that breaks this is a programming error.
func newKeyIndex(keys ...string) *keyIndex {
	if len(keys) > 64 {
		panic(fmt.Sprintf("keyIndex: %d words, at most 64", len(keys)))
	}
	x := &keyIndex{keys: keys, min: -1}
	for _, k := range keys {
		if len(k) < 3 || len(k) > 1<<16-1 || k[0]&0xc0 == 0x80 {
			panic(fmt.Sprintf("keyIndex: word %q is shorter than three bytes, too long or starts inside a character", k))
		}
		if x.min < 0 || len(k) < x.min {
			x.min = len(k)
		}
	}
	if x.min < skipMin {
		x.buckets = new([1 << keyHashBits]uint64)
		for i, k := range keys {
			x.buckets[keyHash(k[0], k[1], k[2])] |= 1 << i
		}
		return x
	}
	// A window of m bytes ending in three bytes found at q in no word's
	// first m bytes can move on by m-2; found there, by m-3-q at most;
	// found at m-3, by none: the words found there are compared.
	m := min(x.min, maxWindow)
	x.m = m
	for h := range x.skip {
		x.skip[h] = uint8(m - 2)
	}
	for _, k := range keys {
		for q := 0; q+3 < m; q++ {
			h := skipHash(k[q], k[q+1], k[q+2])
			x.skip[h] = min(x.skip[h], uint8(m-3-q))
		}
	}
	n := 0
	for i, k := range keys {
		h := skipHash(k[m-3], k[m-2], k[m-1])
		if x.skip[h] < probe {
			x.skip[h] = probe | uint8(n)
			n++
		}
		x.ends[x.skip[h]&^probe] |= 1 << i
		if len(k) < m+3 {
			x.short |= 1 << i
		} else {
			x.next[skipHash(k[m], k[m+1], k[m+2])&63] |= 1 << i
		}
		x.words[i] = keyWord{head: load4(k, 0), mid: load4(k, min(4, len(k)-4)), tail: load4(k, len(k)-4),
			n: uint16(len(k)), midAt: uint16(min(4, len(k)-4))}
	}
	return x
}

// contains returns the set of words s contains: bit i is set exactly
// when strings.Contains(s, keys[i]).
//
// A string shorter than every word holds none: the callers ask about
// many empty cells and numbers, and learn so without a call.
func (x *keyIndex) contains(s string) uint64 {
	if len(s) < x.min {
		return 0
	}
	return x.scan(s, 0)
}

// has reports whether s contains any of the words: contains(s) != 0,
// which it learns at the first word found.
func (x *keyIndex) has(s string) bool {
	if len(s) < x.min {
		return false
	}
	return x.scan(s, ^uint64(0)) != 0
}

// scan is contains for a string at least x.min bytes long, except that
// it returns as soon as it has found a word of stop.
func (x *keyIndex) scan(s string, stop uint64) uint64 {
	if x.m == 0 {
		return x.containsEach(s, stop)
	}
	var found uint64
	m := x.m
	// The window s[i:e] ends in the last three of the four bytes at
	// e-4, read without bounds checks: m is at least skipMin, more than
	// 4, and e at most len(s).
	end := unsafe.Pointer(unsafe.StringData(s))
	for i := 0; i+m <= len(s); {
		e := i + m
		d := x.skip[skipHash3(binary.LittleEndian.Uint32((*[4]byte)(unsafe.Add(end, e-4))[:])>>8)]
		if d < probe {
			i += int(d)
			continue
		}
		p := load4(s, i)
		b := x.ends[d&63] &^ found
		if e+3 <= len(s) {
			b &= x.short | x.next[skipHash3(load4(s, e-1)>>8)&63]
		} else {
			b &= x.short
		}
		for ; b != 0; b &= b - 1 {
			k := bits.TrailingZeros64(b)
			w := &x.words[k]
			n := int(w.n)
			if w.head == p && n <= len(s)-i && load4(s, i+int(w.midAt)) == w.mid && load4(s, i+n-4) == w.tail &&
				(n <= 12 || s[i+8:i+n-4] == x.keys[k][8:n-4]) {
				found |= 1 << k
				if found&stop != 0 {
					return found
				}
			}
		}
		i++
	}
	return found
}

// containsEach is scan looking at each character of s in turn, for lists
// with words too short to skip by.
//
// A character's continuation bytes start no word: after the three bytes
// hashed, the loop steps over those of them that are continuation bytes
// (the two of a Han character) instead of looking at each again.
func (x *keyIndex) containsEach(s string, stop uint64) uint64 {
	var found uint64
	last := len(s) - x.min // the last byte a word can start at
	for i := 0; i <= last; {
		w := s[i : i+3] // x.min is at least 3
		if w[0]&0xc0 == 0x80 {
			i++ // no word starts with a continuation byte
			continue
		}
		for m := x.buckets[keyHash(w[0], w[1], w[2])] &^ found; m != 0; m &= m - 1 {
			k := bits.TrailingZeros64(m)
			if strings.HasPrefix(s[i:], x.keys[k]) {
				found |= 1 << k
				if found&stop != 0 {
					return found
				}
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

// first returns the index of the first word of the list that s
// contains, or -1.
func (x *keyIndex) first(s string) int {
	if m := x.contains(s); m != 0 {
		return bits.TrailingZeros64(m)
	}
	return -1
}

// keyGroups are groups of words, each group the spellings of one heading:
// which groups a string holds a word of, in one keyIndex pass.
type keyGroups struct {
	words *keyIndex
	group []int // group of each word
}

func newKeyGroups(groups [][]string) *keyGroups {
	g := &keyGroups{}
	var words []string
	for i, ws := range groups {
		for _, w := range ws {
			words = append(words, w)
			g.group = append(g.group, i)
		}
	}
	if len(groups) > 64 {
		panic(fmt.Sprintf("keyGroups: %d groups, at most 64", len(groups)))
	}
	g.words = newKeyIndex(words...)
	return g
}

// in returns the set of groups s holds a word of (bit i: group i).
func (g *keyGroups) in(s string) uint64 {
	var out uint64
	for m := g.words.contains(s); m != 0; m &= m - 1 {
		out |= 1 << g.group[bits.TrailingZeros64(m)]
	}
	return out
}
