package transform

import (
	"fmt"

	"github.com/nianbao/nianbao/schemas"
)

// Text from pdftotext's default mode (no -layout) can print a table column
// by column: the row labels one after another, then the first column's
// numbers, then the next column's. Read in printed order, every number
// lands in the last row. The two orders a complete grid can be printed in
// (row by row, column by column) are candidate readings like any other;
// the template's arithmetic keeps those that fit, and the table is read
// only when they agree.

// readS3Blocks reads section 三 printed as label block then number blocks:
// every template row found in its order with no number of its own, and
// after the last label exactly one number per cell. It reports whether it
// recognised the layout; the cells are then set (or left null with an
// S3_COLUMN_BLOCKS error when the arithmetic does not decide).
func (p *parser) readS3Blocks(rows []*row, outcomes []schemas.Outcome) bool {
	var coded []*row
	for _, r := range rows {
		if r.code != "" {
			coded = append(coded, r)
		}
	}
	if len(coded) != len(outcomes) {
		return false
	}
	for i, r := range coded {
		if r.code != outcomes[i].Code.Code || (i < len(coded)-1 && hasValues(r)) {
			return false
		}
	}
	last := coded[len(coded)-1]
	n, rn := len(schemas.Applicants), len(outcomes)
	var all, kept []*tok
	for i := range last.toks {
		if t := &last.toks[i]; t.kind == tokValue {
			all = append(all, t)
			if !t.page {
				kept = append(kept, t)
			}
		}
	}
	vals := all
	if len(vals) != n*rn {
		vals = kept
	}
	if len(vals) != n*rn {
		return false
	}
	cells := make([]string, 0, n*rn)
	for _, o := range outcomes {
		cells = append(cells, appCells[o.Code.Code]...)
	}
	byRow := make([]placed, len(cells))
	byCol := make([]placed, len(cells))
	readable := true
	for k, t := range vals {
		v, ok := readCount(t.raw)
		readable = readable && ok
		byRow[k] = placed{v: v, raw: t.raw, line: t.line}
		i, j := k%rn, k/rn // column by column: k = j*rn + i
		byCol[i*n+j] = placed{v: v, raw: t.raw, line: t.line}
	}
	cons := s3Cons[variant(isSingle(outcomes))]
	fit := 0
	var pick []placed
	if readable {
		for _, rd := range [][]placed{byCol, byRow} {
			if ok, _ := fitsTable(nil, cons, cells, rd, nil); ok {
				if pick != nil && !sameReading(pick, rd) {
					pick = nil
					fit = 2
					break
				}
				fit++
				if pick == nil {
					pick = rd
				}
			}
		}
	}
	for k := range cells {
		o, j := outcomes[k/n], k%n
		if pick == nil {
			p.addApplication(o, j, coded[k/n].label, nil, coded[k/n].line, true)
			continue
		}
		pl := pick[k]
		s := &slot{t: &tok{kind: tokValue, raw: pl.raw, line: pl.line}, line: pl.line}
		p.addApplication(o, j, coded[k/n].label, s, 0, false)
	}
	switch {
	case pick != nil && sameReading(pick, byRow):
		// printed row by row with the labels first: the order as printed
		p.finding("S3_COLUMN_BLOCKS", schemas.SeverityInfo, schemas.KindExtraction, "s3.*",
			fmt.Sprintf("section 三 prints its %d row labels first, then its %d numbers; read row by row, which every row and column total confirms", rn, n*rn),
			last.line, nil, nil)
	case pick != nil:
		p.finding("S3_COLUMN_BLOCKS", schemas.SeverityRepaired, schemas.KindExtraction, "s3.*",
			fmt.Sprintf("section 三 prints its %d row labels first, then its %d numbers column by column (pdftotext's default mode); read so, every row and column total holds, and read row by row they do not", rn, n*rn),
			last.line, nil, nil)
	default:
		what := "neither reading, row by row or column by column, satisfies the template's arithmetic"
		if fit > 1 {
			what = "both readings, row by row and column by column, satisfy the template's arithmetic with different values"
		}
		p.finding("S3_COLUMN_BLOCKS", schemas.SeverityError, schemas.KindExtraction, "s3.*",
			fmt.Sprintf("section 三 prints its %d row labels first, then its %d numbers; %s, so its cells are left null", rn, n*rn, what),
			last.line, nil, nil)
	}
	return true
}
