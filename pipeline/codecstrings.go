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

// Entries are compressed one by one (any one can be read alone) with zstd's
// fastest level: about a third of the codec's bytes, which are already
// small.
var (
	zstdOnce sync.Once
	zstdEnc  *zstd.Encoder
	zstdDec  *zstd.Decoder
)

func zstdCodec() (*zstd.Encoder, *zstd.Decoder) {
	zstdOnce.Do(func() {
		var err error
		// EncodeAll takes one of GOMAXPROCS encoders (the default
		// concurrency): the parse workers compress side by side.
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

// maxEntry bounds what one decompressed entry may take: a damaged pack
// must not make a run allocate more (a real entry is a few KB).
const maxEntry = 64 << 20

// packEntry appends the compressed encoding of p to dst; scratch is reused
// for the uncompressed form and returned.
func packEntry(dst, scratch []byte, p *schemas.Parsed) (out, scratchOut []byte) {
	enc, _ := zstdCodec()
	scratch = appendParsed(scratch[:0], p)
	return enc.EncodeAll(scratch, dst), scratch
}

// unpackEntry decodes what packEntry wrote.
func unpackEntry(b []byte) (*schemas.Parsed, error) {
	_, dec := zstdCodec()
	raw, err := dec.DecodeAll(b, nil)
	if err != nil {
		return nil, errors.Join(errCodec, err)
	}
	return decodeParsed(raw)
}
