package transform

import (
	"fmt"
	"slices"

	"github.com/nianbao/nianbao/schemas"
)

// valuesBelowLabels reads the blocks of section 二 that print their row
// labels first, one after the other, and the rows' numbers below them
// (规章 / 规范性文件 / 311 259 384 / 277 330 131): the reader gives every
// number to the last label. When the numbers stand on as many lines as
// the block printed labels, each line with a number for every column
// and nothing else, the lines are the rows' in order; otherwise which
// numbers are whose is not determined, and the rows before the last,
// which printed no number, are left null with an S2_CELL_COUNT error
// (the last row's own count says what it got).
func (p *parser) valuesBelowLabels(rows []*row, metricsOf map[string][]schemas.Metric) {
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && p.stackedLabels(rows[j], rows[j+1], metricsOf) {
			j++
		}
		if j > i {
			p.readBelow(rows[i:j+1], len(metricsOf[rows[j].code]))
		}
		i = j + 1
	}
}

// stackedLabels reports that row b's label follows row a's with only
// blank lines (or a page's number: - 3 -) between, a having printed nothing after its label, both
// rows of the template with as many columns.
//
// The rows' columns are looked up last: in most pairs a has printed
// numbers, which tells without them.
func (p *parser) stackedLabels(a, b *row, metricsOf map[string][]schemas.Metric) bool {
	if a.trail > 0 || a.splitFrom > 0 || b.line <= a.line || b.line > len(p.cl) {
		return false
	}
	for _, t := range a.toks {
		if t.kind != tokBlank {
			return false
		}
	}
	ma, okA := metricsOf[a.code]
	mb, okB := metricsOf[b.code]
	if !okA || !okB || len(ma) != len(mb) {
		return false
	}
	for k := a.line; k < b.line-1; k++ {
		if p.cl[k] != "" && !pageMarkLine(p.lines[k], p.cl[k]) {
			return false
		}
	}
	return true
}

// readBelow reads the run of rows whose labels were printed one after the
// other, all the numbers below them given to the last (see
// valuesBelowLabels). n is the rows' number of columns.
func (p *parser) readBelow(run []*row, n int) {
	last := run[len(run)-1]
	var lines [][]tok
	fits := true
	for k, t := range last.toks {
		switch {
		case t.kind == tokBlank:
		case t.kind != tokValue || int(t.line) <= int(last.line):
			fits = false
		case len(lines) == 0 || lines[len(lines)-1][0].line != t.line:
			lines = append(lines, last.toks[k:k+1:k+1])
		default:
			l := &lines[len(lines)-1]
			*l = last.toks[k-len(*l) : k+1 : k+1]
		}
	}
	if fits && len(lines) == len(run) {
		for _, l := range lines {
			fits = fits && len(l) == n
		}
	}
	if fits && len(lines) == len(run) {
		for m, r := range run {
			r.toks = slices.Clip(lines[m])
		}
		return
	}
	vals := len(numbersOf(last))
	if vals <= n {
		return // the last row's own numbers: the rows above are blank
	}
	for _, r := range run[:len(run)-1] {
		p.finding(ruleS2CellCount, schemas.SeverityError, "s2."+r.code+".*", fmt.Sprintf(
			"row %q prints no number on its line; the %d numbers below the block's labels, read as row %q's, may hold its cells: which are its is not determined, so the row is left null",
			r.label, vals, last.label), r.line, nil, nil)
	}
}
