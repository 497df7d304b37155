package pipeline

import (
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/schemas"
)

// The collection spool keeps of a report only what the whole-collection
// pass and the replay need: the cell tables are written while reports are
// parsed (load.Writer.AddCells), so an entry is
//
//	uvarint length of the values, the values, the report and its findings
//
// The values are eachValue's pairs (cell code, count or amount in fen) in
// its order, a later pair of one cell replacing an earlier one: a count, then each pair as enc.s and enc.i. The report and its
// findings are appendParsed of the report without its cell rows.

// spoolBuffers hold spool entries made beside the state store's
// (appendParsedSpool) from the parse worker to the collection, which
// writes them.
var spoolBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4<<10); return &b }}

// beforeReplay, when set (by tests), is called as the replay starts with
// the number of reports whose cell tables the writer has; an error fails
// the run.
var beforeReplay func(cellReports int) error

// appendCellValues appends p's cell values (eachValue) to b.
func appendCellValues(b []byte, p *schemas.Parsed) []byte {
	n := 0
	eachValue(p, func(string, int64) { n++ })
	e := &enc{b: b}
	e.u(uint64(n))
	eachValue(p, func(cell string, v int64) {
		e.cell(cell) // as e.s writes it
		e.i(v)
	})
	return e.b
}

// appendEntry appends the spool entry of p, whose cell values
// appendCellValues wrote in vals, to b.
func appendEntry(b, vals []byte, p *schemas.Parsed) []byte {
	e := &enc{b: b}
	e.u(uint64(len(vals)))
	e.b = append(e.b, vals...)
	q := *p
	q.Disclosures, q.Applications, q.Appeals = nil, nil, nil
	return appendParsed(e.b, &q)
}

// splitEntry returns the values and the report of an entry.
func splitEntry(b []byte) (vals, report []byte, err error) {
	d := &dec{b: b}
	n := d.u()
	if d.err != nil || n > uint64(len(d.b)) {
		return nil, nil, errCodec
	}
	return d.b[:n], d.b[n:], nil
}

// decodeCellValues returns the cell values of an entry, by cell: each
// cell's last value from eachValue.
//
// The cells a parse reads are the catalogue's, written as their index in
// codecStrings, which is sorted: their values are set by index, a cell
// read twice keeping the later value, and read back in index order, which
// is cell order, with no sort. An entry that holds another cell is sorted
// by cell (sortCellValues).
func decodeCellValues(b []byte) (cellVals, error) {
	vals, _, err := splitEntry(b)
	if err != nil {
		return nil, err
	}
	d := &dec{b: vals, src: string(vals)}
	n := d.n()
	cv := make(cellVals, 0, min(n, len(vals)))
	byIndex := cellIndexes.Get().(*cellIndex)
	defer cellIndexes.Put(byIndex)
	defer byIndex.reset()
	listed := true // every cell so far is one of codecStrings
	for range n {
		t := d.u() // the cell, as enc.str wrote it: 1 + its index in codecStrings when listed
		cell := d.strOf(t, "")
		v := d.i()
		if d.err != nil {
			return nil, d.err
		}
		cv = append(cv, cellVal{cell, v})
		if listed = listed && t >= 1 && t <= uint64(len(codecStrings)); listed {
			byIndex.set(int(t-1), v)
		}
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errCodec
	}
	if !listed {
		return sortCellValues(cv), nil
	}
	return byIndex.appendTo(cv[:0]), nil
}

// sortCellValues puts cv in cell order, keeping of a cell read twice the
// later value, as a map keeps.
func sortCellValues(cv cellVals) cellVals {
	slices.SortStableFunc(cv, func(a, b cellVal) int { return strings.Compare(a.cell, b.cell) })
	out := cv[:0]
	for k, x := range cv {
		if k+1 < len(cv) && cv[k+1].cell == x.cell {
			continue
		}
		out = append(out, x)
	}
	return out
}

// cellIndex holds cell values by their cell's index in codecStrings:
// has has bit k set when codecStrings[k] holds a value, v[k].
type cellIndex struct {
	has []uint64
	v   []int64
}

var cellIndexes = sync.Pool{New: func() any {
	return &cellIndex{has: make([]uint64, (len(codecStrings)+63)/64), v: make([]int64, len(codecStrings))}
}}

func (c *cellIndex) set(k int, v int64) {
	c.has[k/64] |= 1 << (k % 64)
	c.v[k] = v
}

// appendTo appends the values held to cv in index order.
func (c *cellIndex) appendTo(cv cellVals) cellVals {
	for w, word := range c.has {
		for ; word != 0; word &= word - 1 {
			k := w*64 + bits.TrailingZeros64(word)
			cv = append(cv, cellVal{codecStrings[k], c.v[k]})
		}
	}
	return cv
}

// reset empties c.
func (c *cellIndex) reset() { clear(c.has) }

// cellVals are a reading's cell values in cell order, each cell once:
// copies are compared by walking two of them side by side.
type cellVals []cellVal

type cellVal struct {
	cell string
	v    int64
}

// decodeEntryReport returns the report and findings of an entry, without
// cell rows, decoded into prev's findings (decodeParsedReusing).
func decodeEntryReport(b []byte, prev *schemas.Parsed) (*schemas.Parsed, error) {
	_, report, err := splitEntry(b)
	if err != nil {
		return nil, err
	}
	return decodeParsedReusing(report, prev)
}
