package pipeline

import (
	"os"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
)

// SetBuild replaces the build identity runs compare and returns a function
// that puts it back (tests of unchanged runs).
func SetBuild(f func() string) (restore func()) {
	old := build
	build = f
	return func() { build = old }
}

// SetWalkReadDir replaces how the walk lists folders (nil: os.ReadDir) and
// returns a function that puts it back (tests of unreadable folders).
func SetWalkReadDir(f func(string) ([]os.DirEntry, error)) (restore func()) {
	old := walkReadDir
	walkReadDir = f
	return func() { walkReadDir = old }
}

// SetBeforeReplay sets the function a run calls as its replay starts,
// with the number of reports whose cell tables are written, and returns a
// function that puts the old one back.
func SetBeforeReplay(f func(cellReports int) error) (restore func()) {
	old := beforeReplay
	beforeReplay = f
	return func() { beforeReplay = old }
}

// CacheGeneration is the name of the state store's current cache folder.
func CacheGeneration() string { return cacheGeneration(extract.Limits{}) }

// PackEntry is a parse as the state store keeps it.
func PackEntry(p *schemas.Parsed) []byte { b, _ := packEntry(nil, nil, p); return b }

// UnpackEntry reads what PackEntry wrote.
func UnpackEntry(b []byte) (*schemas.Parsed, error) { return unpackEntry(b) }

// benchRunID names the packs StoreParses writes.
const benchRunID = "20260101T000000.000000Z"

// StoreParses saves the parses in a state store under dir as a run that
// parsed them does (each under its source path), and commits it.
func StoreParses(dir string, ps []*schemas.Parsed) error {
	st, err := openState(dir, benchRunID, extract.Limits{})
	if err != nil {
		return err
	}
	defer st.close()
	for _, p := range ps {
		e := fileEntry{ReportID: p.Report.ReportID}
		st.see(p.Report.SourcePath, e)
		if _, err := st.store(e.key(p.Report.SourcePath), p); err != nil {
			return err
		}
	}
	return st.commit(st.nextIndex())
}

// LoadParses reads the parses StoreParses saved under dir, in the same
// order, as the next run does, and returns how many it found.
func LoadParses(dir string, ps []*schemas.Parsed) (int, error) {
	st, err := openState(dir, "20260101T000001.000000Z", extract.Limits{})
	if err != nil {
		return 0, err
	}
	defer st.close()
	n := 0
	for _, p := range ps {
		e := fileEntry{ReportID: p.Report.ReportID}
		if st.load(e.key(p.Report.SourcePath), e.ReportID) != nil {
			n++
		}
	}
	return n, nil
}

// Packed is what PackAll wrote: compressed blocks, and the size of each
// entry in each block's content.
type Packed struct {
	blocks [][]byte
	sizes  [][]int
}

// Bytes is the size of the blocks.
func (pk Packed) Bytes() int {
	n := 0
	for _, b := range pk.blocks {
		n += len(b)
	}
	return n
}

// PackAll encodes the parses as the state store writes them, in blocks of
// packEntries.
func PackAll(ps []*schemas.Parsed) Packed {
	var pk Packed
	var content []byte
	var sizes []int
	for i, p := range ps {
		n := len(content)
		content = appendParsed(content, p)
		sizes = append(sizes, len(content)-n)
		if (i+1)%packEntries == 0 || i == len(ps)-1 {
			pk.blocks = append(pk.blocks, sealBlock(nil, content))
			pk.sizes = append(pk.sizes, sizes)
			content, sizes = content[:0], nil
		}
	}
	return pk
}

// UnpackAll decodes what PackAll wrote and returns how many parses it
// read.
func UnpackAll(pk Packed) (int, error) {
	n := 0
	for k, b := range pk.blocks {
		content, err := openBlock(b)
		if err != nil {
			return n, err
		}
		for _, size := range pk.sizes[k] {
			if _, err := decodeParsed(content[:size]); err != nil {
				return n, err
			}
			content = content[size:]
			n++
		}
	}
	return n, nil
}

// AppendParsed is appendParsed: the codec of the state store and the
// collection spool, without compression.
func AppendParsed(b []byte, p *schemas.Parsed) []byte { return appendParsed(b, p) }

// DecodeParsedReusing is decodeParsedReusing.
func DecodeParsedReusing(b []byte, prev *schemas.Parsed) (*schemas.Parsed, error) {
	return decodeParsedReusing(b, prev)
}

// AppendSpoolEntry is the collection spool's entry of p: its cell values
// (appendCellValues) and its report (appendEntry).
func AppendSpoolEntry(b, vals []byte, p *schemas.Parsed) (entry, valsOut []byte) {
	vals = appendCellValues(vals[:0], p)
	return appendEntry(b, vals, p), vals
}

// ResolveDivision is resolveDivision on a copy of p's report and findings,
// p left as it was.
func ResolveDivision(p *schemas.Parsed) string {
	q := *p
	q.Findings = q.Findings[:len(q.Findings):len(q.Findings)]
	return resolveDivision(&q)
}

// AppendParsedSpool is appendParsedSpool: a parse as the state store
// encodes it, and its collection spool entry cut from that.
func AppendParsedSpool(b, spool []byte, p *schemas.Parsed) (entry, spoolOut []byte) {
	return appendParsedSpool(b, spool, p)
}

// hold is holdEncoded without an entry made beside the state store's.
func (c *collection) hold(p *schemas.Parsed, id string) error {
	return c.holdEncoded(p, id, nil)
}

// SealBlock is sealBlock: a block of the state store's entries compressed.
func SealBlock(dst, content []byte) []byte { return sealBlock(dst, content) }

// PackEntries and PackBlock close a block of the state store: so many
// entries, or so many bytes.
const PackEntries, PackBlock = packEntries, packBlock
