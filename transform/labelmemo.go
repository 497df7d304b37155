package transform

import (
	"math/bits"
	"strings"
)

// labelMemo remembers what a spec's match made of a cell, for the cells
// and the reports a scratch reads after it. The readers ask match about
// every text cell of a table, and the cells are the template's labels
// and headers over and over: over the 2 000 generated reports, readRows
// asked 176 779 times about 351 distinct cells (20 000 reports: 1.77 M
// times, 2 290 distinct); within one report, four asks in five are about
// a cell it had not asked about yet, so the memo lives in the scratch,
// from report to report. Each answer cost a pass of a keyIndex over the
// cell with a mispredicted branch every few bytes (matchS3, matchS2 and
// matchS4Outcome with their keyIndex passes: 82 M instructions of the
// 2 000-report run).
//
// The matchers are functions of the cell and inOther alone, so an answer
// remembered is the answer: the memo changes what is computed, never
// what is read.
//
// The memo is a hash table of memoSize entries, open-addressed: a cell
// is at the place its hash names or the first free one after it. A
// look-up is a hash of three loads of the cell and, most often at the
// first place, compares of the hash, the slot and the cell; a Go map
// (its hash of every byte, its probing) cost a third more in the
// 2 000-report run (14.5 M est. against 10.9 M).
// A place a later cell took instead (one table of memoSize entries, each
// cell at its hash's place alone) made two cells of a report that share
// it take turns, each read afresh every time: over the five seeds about
// six such pairs, one look-up in ten missed. When half the places are
// taken the table is emptied.
type labelMemo struct {
	e *[memoSize]memoEntry // nil until the first cell
	n int                  // places taken
}

// memoEntry is a cell remembered, at the place its hash h names: key is
// a copy of the cell (cells are views of a report's text, which the memo
// must not keep alive), k its memo slot and inOther (see match; 0: a place
// not taken), and code, kind and out its label, laid flat so that an
// entry is 48 bytes.
type memoEntry struct {
	h         uint64
	key, code string
	kind      labelKind
	out       int8
	k         uint8
}

const (
	memoBits = 10
	memoSize = 1 << memoBits // a power of two
	// memoMaxLen is the longest cell remembered: a label or a header
	// cell has at most about 60 bytes; longer text is narrative, seldom
	// seen twice, matched each time.
	memoMaxLen = 96
)

// load8 reads the eight bytes of s at i, the first in the low bits; i+8
// must be at most len(s).
func load8(s string, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// memoHash hashes cell c of memo slot k (see match) from its length and
// its first, middle and last eight bytes (fewer for a short cell): cells
// that differ only elsewhere share a place, which costs a match, not a
// wrong answer, since the cell is compared whole.
func memoHash(c string, k uint64) uint64 {
	n := len(c)
	var a, b, m uint64
	switch {
	case n >= 8:
		a, b, m = load8(c, 0), load8(c, n-8), load8(c, n/2-4)
	case n >= 4:
		a, b = uint64(load4(c, 0)), uint64(load4(c, n-4))
	default:
		for i := 0; i < n; i++ {
			a = a<<8 | uint64(c[i])
		}
	}
	h := (a^k)*0x9e3779b97f4a7c15 ^ bits.RotateLeft64(b*0xc2b2ae3d27d4eb4f, 31) ^ (m+uint64(n))*0x165667b19e3779f9
	return h ^ h>>29
}

// match is spec.match(c, inOther), remembered in the parser's scratch for
// a spec with a memo slot (tableSpec.memo).
func (p *parser) match(spec *tableSpec, c string, inOther bool) label {
	if spec.memo == 0 || len(c) > memoMaxLen || p.scr == nil {
		return spec.match(c, inOther)
	}
	k := spec.memo << 1
	if inOther {
		k |= 1
	}
	h := memoHash(c, uint64(k))
	t := p.scr.labels.e
	if t == nil {
		t = new([memoSize]memoEntry)
		p.scr.labels.e = t
	}
	i := h >> (64 - memoBits)
	for ; t[i].k != 0; i = (i + 1) % memoSize {
		// e.key == c, told without memequal for most cells (sameShort)
		if e := &t[i]; e.h == h && e.k == k && len(e.key) == len(c) && (sameShort(e.key, c) || e.key == c) {
			return label{code: e.code, kind: e.kind, out: e.out}
		}
	}
	l := spec.match(c, inOther)
	if p.scr.labels.n >= memoSize/2 {
		clear(t[:])
		p.scr.labels.n = 0
		i = h >> (64 - memoBits)
	}
	t[i] = memoEntry{h: h, key: strings.Clone(c), code: l.code, kind: l.kind, out: l.out, k: k}
	p.scr.labels.n++
	return l
}
