package transform

import "github.com/nianbao/nianbao/transform/normalize"

// countCellOld is countCell before it read the plain cells (digits, a
// marker, nothing) by normalize.CountPlain: every cell went through
// normalize.Count and noteResult.
func (p *parser) countCellOld(cell string, idx int, s *slot, line int, unknown bool) *cellv {
	cv := p.newCell()
	cv.unknown, cv.idx, cv.line = unknown, idx, line
	if s == nil {
		return cv
	}
	cv.line = s.line
	if s.t == nil {
		cv.na = true
		return cv
	}
	cv.raw = s.t.raw
	res := normalize.Count(s.t.raw)
	p.noteResult(cell, res, s.line)
	switch {
	case res.NA:
		cv.na = true
	case res.OK() && !res.Overflow:
		cv.v = p.newValue(res.Count)
	default:
		cv.unknown, cv.rejected = true, true
	}
	return cv
}
