package pipeline

import (
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
		e.s(cell)
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
func decodeCellValues(b []byte) (map[string]int64, error) {
	vals, _, err := splitEntry(b)
	if err != nil {
		return nil, err
	}
	d := &dec{b: vals, src: string(vals)}
	n := d.n()
	m := make(map[string]int64, n)
	for range n {
		cell := d.s()
		v := d.i()
		if d.err != nil {
			return nil, d.err
		}
		m[cell] = v
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errCodec
	}
	return m, nil
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
