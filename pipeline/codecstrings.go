package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/zstd"
	"github.com/nianbao/nianbao/schemas"
)

// codecStrings are the strings nearly every parse repeats: the cell codes,
// item, metric, outcome, applicant and proceeding codes and the template's
// labels, sorted. The codec writes one of them as its index (one or two
// bytes instead of up to a hundred). The list is built from the catalogue
// in schemas, so it changes when the catalogue does: codecDigest, a digest
// of the list, is part of the cache generation's name, and a cache written
// with another list is never read with this one.
var codecStrings, codecIndex, codecDigest = buildCodecStrings()

func buildCodecStrings() ([]string, map[string]int, string) {
	set := map[string]bool{}
	code := func(c schemas.Code) { set[c.Code], set[c.Label] = true, true }
	for _, items := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		for _, it := range items {
			code(it.Code)
			for _, m := range it.Metrics {
				code(m.Code)
				set[schemas.DisclosureCell(it.Code.Code, m)] = true
			}
		}
	}
	for _, single := range []bool{true, false} {
		for _, o := range schemas.Outcomes(single) {
			code(o.Code)
			for _, a := range schemas.Applicants {
				code(a)
				set[schemas.ApplicationCell(o.Code.Code, a.Code)] = true
			}
		}
	}
	for _, p := range schemas.Proceedings {
		code(p)
		for _, o := range schemas.AppealOutcomes {
			code(o)
			set[schemas.AppealCell(p.Code, o.Code)] = true
		}
	}
	delete(set, "")
	list := make([]string, 0, len(set))
	for s := range set {
		list = append(list, s)
	}
	sort.Strings(list)
	index := make(map[string]int, len(list))
	h := sha256.New()
	for i, s := range list {
		index[s] = i
		h.Write([]byte(strconv.Itoa(len(s)) + ":" + s))
	}
	return list, index, hex.EncodeToString(h.Sum(nil)[:4])
}

// Entries are written in blocks of packEntries, each block compressed as
// one zstd frame at the fastest level. Compressing entries one by one cost
// about 50 µs a report, most of it setting up a frame and its entropy
// tables for a few KB; a block of entries costs a third of that and
// compresses to about half the size, the entries repeating each other. An
// entry is found by its block (offset and length in the pack) and its
// place in the block's content.
var (
	zstdOnce sync.Once
	zstdEnc  *zstd.Encoder
	zstdDec  *zstd.Decoder
)

func zstdCodec() (*zstd.Encoder, *zstd.Decoder) {
	zstdOnce.Do(func() {
		var err error
		// EncodeAll takes one of GOMAXPROCS encoders (the default
		// concurrency): the parse workers compress side by side. A
		// block's content fits the window.
		zstdEnc, err = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest),
			zstd.WithLowerEncoderMem(true), zstd.WithWindowSize(1<<17))
		if err != nil {
			panic("state: zstd: " + err.Error()) // only for invalid options
		}
		zstdDec, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxEntry))
		if err != nil {
			panic("state: zstd: " + err.Error())
		}
	})
	return zstdEnc, zstdDec
}

// packEntries is how many entries a block holds (the last one of a pack
// fewer), and packBlock the size past which a block of large entries is
// written before it has them all. A block has a fixed number of entries,
// not a size, so that a run writes as many blocks whatever order its
// workers finish in.
//
// 64 entries (about 220 KB of content, two zstd blocks of the 128 KB
// window) rather than 32: over the 2 000-report corpus zstd's functions
// took 193.8 M estimated cycles instead of 201.2 M in a whole run
// (cachegrind), and the state store took 1 548 514 bytes instead of
// 1 656 343 (−6.5%). The blocks a load keeps (blockCache, 16 of them)
// are twice as large, about 3.5 MB; a store of blocks of 32 is read as
// before, an entry being found by its block's offset and its place in it.
const (
	packEntries = 64
	packBlock   = 1 << 20
)

// maxEntry bounds what one decompressed block may take: a damaged pack
// must not make a run allocate more (a real block is about 100 KB).
const maxEntry = 64 << 20

// sealBlock appends the compressed form of a block's content to dst.
func sealBlock(dst, content []byte) []byte {
	enc, _ := zstdCodec()
	return enc.EncodeAll(content, dst)
}

// openBlock returns the content of a block sealBlock wrote.
func openBlock(b []byte) ([]byte, error) {
	_, dec := zstdCodec()
	raw, err := dec.DecodeAll(b, nil)
	if err != nil {
		return nil, errors.Join(errCodec, err)
	}
	return raw, nil
}

// packEntry appends a block of the one parse p to dst; scratch is reused
// for the uncompressed form and returned.
func packEntry(dst, scratch []byte, p *schemas.Parsed) (out, scratchOut []byte) {
	scratch = appendParsed(scratch[:0], p)
	return sealBlock(dst, scratch), scratch
}

// unpackEntry decodes what packEntry wrote.
func unpackEntry(b []byte) (*schemas.Parsed, error) {
	raw, err := openBlock(b)
	if err != nil {
		return nil, err
	}
	return decodeParsed(raw)
}

// codecNext maps 1+k, for k an index in codecStrings, to 1+the index of
// the cell likely to follow it in a table (enc.cell): for a cell, the next
// cell in the templates' order; for any other string, itself.
// codecNext[0] is 0, no guess.
var codecNext = buildCodecNext()

func buildCodecNext() []int32 {
	next := make([]int32, len(codecStrings)+1)
	for k := range codecStrings {
		next[k+1] = int32(k + 1)
	}
	var order []string
	for _, items := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		for _, it := range items {
			for _, m := range it.Metrics {
				order = append(order, schemas.DisclosureCell(it.Code.Code, m))
			}
		}
	}
	for _, single := range []bool{true, false} {
		for _, o := range schemas.Outcomes(single) {
			for _, a := range schemas.Applicants {
				order = append(order, schemas.ApplicationCell(o.Code.Code, a.Code))
			}
		}
	}
	for _, p := range schemas.Proceedings {
		for _, o := range schemas.AppealOutcomes {
			order = append(order, schemas.AppealCell(p.Code, o.Code))
		}
	}
	for i := 0; i+1 < len(order); i++ {
		a, b := codecIndex[order[i]], codecIndex[order[i+1]]
		next[a+1] = int32(b + 1)
	}
	return next
}

// codecParts maps 1+k, for k an index in codecStrings, to splitCell of
// codecStrings[k], each part the catalogue's own string where it is one:
// a row's outcome, applicant, item or metric is the catalogue's code
// (schemas), the same string as codecStrings holds.
var codecParts = buildCodecParts()

func buildCodecParts() [][2]string {
	parts := make([][2]string, len(codecStrings)+1)
	own := func(s string) string {
		if i, ok := codecIndex[s]; ok {
			return codecStrings[i]
		}
		return s
	}
	for k, s := range codecStrings {
		a, b := splitCell(s)
		parts[k+1] = [2]string{own(a), own(b)}
	}
	return parts
}

// codecCells holds, by 1+k for k an index in codecStrings, what enc.cell
// reads of codecStrings[k] for a row: the string's address and length,
// codecNext and codecParts, the parts as indexes in codecPartStrs. An
// entry takes 16 bytes, within one cache line, where the three tables
// took 52 in three: the rows between two of a cell's turns, some KB of
// them, leave little of the tables in the cache.
var codecCells, codecPartStrs = buildCodecCells()

// cellInfo is an entry of codecCells.
type cellInfo struct {
	p      *byte  // the string's bytes
	n      uint16 // its length
	next   uint16 // codecNext
	c0, c1 uint16 // its parts, in codecPartStrs
}

func buildCodecCells() ([]cellInfo, []string) {
	parts := []string{""}
	part := func(s string) uint16 {
		i := slices.Index(parts, s)
		if i < 0 {
			i, parts = len(parts), append(parts, s)
		}
		return uint16(i)
	}
	cells := make([]cellInfo, len(codecStrings)+1)
	for k, s := range codecStrings {
		if len(s) > math.MaxUint16 || len(codecStrings) >= math.MaxUint16 {
			panic("state: the catalogue's strings do not fit codecCells")
		}
		p := codecParts[k+1]
		cells[k+1] = cellInfo{p: unsafe.StringData(s), n: uint16(len(s)), next: uint16(codecNext[k+1]), c0: part(p[0]), c1: part(p[1])}
	}
	return cells, parts
}

// codecTable finds a string of codecStrings for the encoder, which looks up
// the strings of a row that its guesses miss (enc.strAny, enc.label): a map[string]int cost about
// 70 ns a lookup, most of it hashing a label of dozens of bytes in full.
var codecTable = newStrTable(codecStrings)

// strTable is a set of strings with their indexes, open addressing over a
// hash of a few words of each string (strHash): equal strings always
// have equal hashes, and a hash shared by different strings only costs a
// probe, as every match is confirmed by comparing the strings.
type strTable struct {
	list  []string
	slots []strSlot
	mask  uint32
}

// strSlot is a slot of a strTable: k is 1+index in the list, 0 for an
// empty slot, and tag the hash's high half, compared before the strings.
type strSlot struct {
	tag uint32
	k   int32
}

func newStrTable(list []string) *strTable {
	n := 16
	for n < 4*len(list) {
		n *= 2
	}
	t := &strTable{list: list, slots: make([]strSlot, n), mask: uint32(n - 1)}
	for k, s := range list {
		h := strHash(s)
		i := uint32(h) & t.mask
		for t.slots[i].k != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = strSlot{tag: uint32(h >> 32), k: int32(k + 1)}
	}
	return t
}

// index returns the index of s in the list.
func (t *strTable) index(s string) (int, bool) {
	h := strHash(s)
	tag := uint32(h >> 32)
	for i := uint32(h) & t.mask; ; i = (i + 1) & t.mask {
		sl := t.slots[i]
		if sl.k == 0 {
			return 0, false
		}
		if sl.tag == tag && t.list[sl.k-1] == s {
			return int(sl.k - 1), true
		}
	}
}

// strHash hashes s's length and its first, middle and last eight bytes
// (bytes, below eight): the cell codes and labels of the catalogue differ
// in those, and it costs the same for a long message as for a code.
func strHash(s string) uint64 {
	n := len(s)
	h := uint64(n) * 0x9e3779b97f4a7c15
	switch {
	case n == 0:
	case n < 8:
		h ^= uint64(s[0]) | uint64(s[n/2])<<8 | uint64(s[n-1])<<16
	default:
		h ^= load64(s, 0)*0xbf58476d1ce4e5b9 + load64(s, n/2-4)*0x94d049bb133111eb + load64(s, n-8)*0xff51afd7ed558ccd
	}
	hi, lo := bits.Mul64(h, 0xc4ceb9fe1a85ec53)
	return hi ^ lo
}

// load64 reads the eight bytes of s from i on, little-endian.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
