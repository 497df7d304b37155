package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sort"
	"strconv"
	"sync"

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
const (
	packEntries = 32
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
