package transform

import (
	"fmt"
	"math/bits"

	"github.com/nianbao/nianbao/schemas"
)

// A table broken over a page repeats its header on the next page. In
// pdftotext's default mode (a cell a paragraph) the header is read around
// the first row of the new page: some header cells, that row's first
// numbers, its label, the other header cells, its other numbers; and the
// footer of the page before may end with a bare page number. Read by
// labels, the numbers printed before the label land in the row above, and
// which bare number is the page's is not known. The two rows around the
// break are one stream of numbers in printed order: once the page numbers
// are chosen among the bare numbers beside the break, the first row takes
// the first n numbers and the second the next n. Each choice is a
// candidate reading of both rows; the table solver keeps those that fit
// the template's arithmetic, and the rows are read only when one distinct
// reading remains.

// breakPair is two rows of section 三 read across a repeated header.
type breakPair struct {
	a, b *row
	open *openRow
	// plain is set for the candidate that gives each row its own numbers
	// (the break moved none across the label).
	plain []bool
	// strays are the rows without a code between a and b, whose numbers
	// the readings place.
	strays []*row
}

// maxPageCands bounds the bare numbers beside one break taken for
// possible page numbers (a footer's number and a header's).
const maxPageCands = 4

// breakPairs finds the rows during which a header was repeated and pairs
// each with the next row of the template printed after it, when the
// numbers of the two, less some of the bare numbers beside the break, are
// one per cell. Rows without a code between them (a group label printed
// after the rows it spans, then the page number) give their numbers to
// the stream. Rows of blocks are left out, except a block of broken
// numbers that the second row starts: the row printed its numbers before
// its label, and is no label of a block.
func breakPairs(rows []*row, byCode *s3Index, blocks map[*row]*labelBlock, n int) []*breakPair {
	var out []*breakPair
	used := map[*row]bool{}
	for i := 0; i+1 < len(rows); i++ {
		a := rows[i]
		if a.code == "" {
			continue
		}
		// Whether a header was repeated beside the rows is asked before
		// the maps: most rows have none.
		broke := a.broke
		j := i + 1
		for ; j < len(rows) && rows[j].code == ""; j++ {
			broke = broke || rows[j].broke
		}
		if j == len(rows) {
			continue
		}
		b := rows[j]
		// The header may come after the second row's label, its first
		// numbers printed before the label, beside a group label.
		broke = broke || (b.broke && j > i+1)
		if !broke || used[a] || byCode.of(a) != a || blocks[a] != nil {
			continue
		}
		if byCode.of(b) != b {
			continue
		}
		if bl := blocks[b]; bl != nil && (!bl.broken || bl.rows[0] != b) {
			continue
		}
		var vals []*tok
		var cands []int
		na := 0
		for _, r := range rows[i : j+1] {
			for k := range r.toks {
				if t := &r.toks[k]; t.kind == tokValue {
					if t.page {
						cands = append(cands, len(vals))
					}
					vals = append(vals, t)
				}
			}
			if r == a {
				na = len(vals)
			}
		}
		d := len(vals) - 2*n
		if d < 0 || d > len(cands) || len(cands) > maxPageCands {
			continue
		}
		bp := &breakPair{a: a, b: b, open: &openRow{cells: append(append([]string(nil), appCells[a.code]...), appCells[b.code]...)}}
		for mask := 0; mask < 1<<len(cands); mask++ {
			if bits.OnesCount(uint(mask)) != d {
				continue
			}
			drop := map[int]bool{}
			for j, c := range cands {
				if mask&(1<<j) != 0 {
					drop[c] = true
				}
			}
			rd := make([]placed, 0, 2*n)
			fromA := 0
			readable := true
			for k, t := range vals {
				if drop[k] {
					continue
				}
				v, ok := readCount(t.raw)
				readable = readable && ok
				if len(rd) < n && k < na {
					fromA++
				}
				rd = append(rd, placed{v: v, raw: t.raw, line: int(t.line)})
			}
			if !readable {
				continue
			}
			plain := fromA == n
			dup := false
			for j, c := range bp.open.cands {
				if sameReading(c, rd) {
					dup = true
					bp.plain[j] = bp.plain[j] || plain
				}
			}
			if !dup {
				bp.open.cands = append(bp.open.cands, rd)
				bp.plain = append(bp.plain, plain)
			}
		}
		if len(bp.open.cands) == 0 {
			continue
		}
		used[a], used[b] = true, true
		bp.strays = rows[i+1 : j]
		out = append(out, bp)
	}
	return out
}

// readBreaks decides the rows read across a repeated header, whose cells
// are already unknown in the table, and writes what is determined. It
// returns the pairs no reading fits: their rows are read one by one, as
// any row. Pairs that more than one reading fits are left null.
func (p *parser) readBreaks(pairs []*breakPair, cons []lin) (rest []*breakPair) {
	open := make([]*openRow, len(pairs))
	for i, bp := range pairs {
		open[i] = bp.open
	}
	solveRows(p.s3, cons, open, 1)
	for _, bp := range pairs {
		o := bp.open
		span := fmt.Sprintf("rows %q and %q, read across the header repeated after a page break", bp.a.label, bp.b.label)
		switch {
		case o.done:
			for _, c := range o.cells {
				cv := p.s3.get(c)
				a := &p.out.Applications[cv.idx]
				a.Count, a.Raw, a.Line = cv.v, cv.raw, int32(cv.line)
			}
			if !bp.plain[o.pick] {
				p.finding(ruleS3PageBreak, schemas.SeverityRepaired, "s3."+bp.a.code+".*",
					span+": numbers printed before a row's label, or a bare number taken for the page number, are placed in the only reading the template's arithmetic allows", bp.b.line, nil, nil)
			}
		case o.fits > 1:
			p.finding(ruleS3PageBreak, schemas.SeverityError, "s3."+bp.a.code+".*",
				span+": more than one choice of the page number among the bare numbers beside the break fits the template's arithmetic with different values, so the cells of both rows are left null", bp.b.line, nil, nil)
			p.finding(ruleS3PageBreak, schemas.SeverityError, "s3."+bp.b.code+".*",
				span+": left null with the row above", bp.b.line, nil, nil)
		default:
			rest = append(rest, bp)
		}
	}
	return rest
}
