package pipeline

import (
	"encoding/hex"
	"strings"
	"unsafe"
)

// strs keeps the strings held for every report until the end of a run
// (a fact's id, path and organ, a seen file's path, id and sidecar digest)
// in blocks of bytes, and what holds them keeps an sref: a struct of
// numbers the garbage collector does not scan, instead of a string header
// it must follow. A collection marks what is live; at 100 000 reports
// these were some 400 000 pointers into as many strings, followed at
// every one of the run's ~130 collections.
//
// A block is only appended to, never moved or reused, so the strings that
// get gives (pointing into it) never change. The zero strs is empty and
// ready; it is not safe for concurrent use.
type strs struct {
	blocks [][]byte
}

// strsBlock is the size of a block; a longer string has a block of its own.
const strsBlock = 64 << 10

// sref is a string of a strs: n bytes at off in block blk, or, with
// packedHex set in n, 32 bytes there that are the string's 64 hex digits.
// The zero sref is "".
type sref struct {
	blk, off, n uint32
}

// packedHex marks an sref kept by addID as the bytes its hex digits spell.
const packedHex = 1 << 31

// add keeps a copy of s (shorter than 2 GiB).
func (t *strs) add(s string) sref {
	if s == "" {
		return sref{}
	}
	if len(s) >= packedHex {
		panic("strs: a string of 2 GiB or more")
	}
	if len(s) > strsBlock {
		t.blocks = append(t.blocks, []byte(s))
		return sref{blk: uint32(len(t.blocks) - 1), n: uint32(len(s))}
	}
	if n := len(t.blocks); n == 0 || cap(t.blocks[n-1])-len(t.blocks[n-1]) < len(s) {
		t.blocks = append(t.blocks, make([]byte, 0, strsBlock))
	}
	i := len(t.blocks) - 1
	b := t.blocks[i]
	r := sref{blk: uint32(i), off: uint32(len(b)), n: uint32(len(s))}
	t.blocks[i] = append(b, s...)
	return r
}

// addID keeps a report_id: 64 lower-case hex digits (a SHA-256) as the 32
// bytes they spell, anything else as add does.
func (t *strs) addID(s string) sref {
	var raw [32]byte
	if len(s) != 2*len(raw) {
		return t.add(s)
	}
	for i := range raw {
		hi, ok1 := fromHex(s[2*i])
		lo, ok2 := fromHex(s[2*i+1])
		if !ok1 || !ok2 {
			return t.add(s)
		}
		raw[i] = hi<<4 | lo
	}
	r := t.add(string(raw[:]))
	r.n |= packedHex
	return r
}

// fromHex is the value of a lower-case hex digit.
func fromHex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// kept is the bytes r keeps.
func (t *strs) kept(r sref) string {
	n := r.n &^ packedHex
	if n == 0 {
		return ""
	}
	return unsafe.String(&t.blocks[r.blk][r.off], n)
}

// get is the string r refers to: a substring of a block, or for an id
// addID packed, its hex digits made again.
func (t *strs) get(r sref) string {
	if r.n&packedHex != 0 {
		k := t.kept(r)
		return hex.EncodeToString(unsafe.Slice(unsafe.StringData(k), len(k)))
	}
	return t.kept(r)
}

// compare is strings.Compare(t.get(a), t.get(b)), without making the hex
// digits of two packed ids (whose bytes sort as their digits do).
func (t *strs) compare(a, b sref) int {
	if a.n&packedHex != 0 && b.n&packedHex != 0 {
		return strings.Compare(t.kept(a), t.kept(b))
	}
	return strings.Compare(t.get(a), t.get(b))
}
