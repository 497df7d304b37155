package transform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// readS4 reads section 四: fifteen numbers after the header, in the order
// review, suit_direct, suit_after_review × upheld, corrected, other,
// pending, total.
func (p *parser) readS4() {
	from, to := p.sec.bounds(secAppeals)
	cells := s4Cells
	if from < 0 {
		p.missingTable("appeals", 0)
		for j := range cells {
			p.addAppeal(j, nil, 0, true)
		}
		return
	}
	spec := &s4Spec
	toks := p.sectionTokens(from, to, "s4.*")
	r := &row{code: "s4", line: from + 1}
	if rows := p.readRows(spec, toks, ""); len(rows) > 0 {
		r = rows[0]
	}
	if vals, transposed, ok := p.s4Transposed(toks); transposed {
		p.s4Rows = true
		if !ok {
			for j := range cells {
				p.addAppeal(j, nil, r.line, true)
			}
			p.finding(ruleS4Layout, schemas.SeverityError, "s4.*",
				"section 四 is printed with outcomes as rows and proceedings as columns, but not as the 5 × 3 cells that layout needs; its cells are left null", r.line, nil, nil)
			return
		}
		r.toks, r.cols = vals, heads{}
		r.line = int(vals[0].line)
	} else if n := wrappedLines(r); n > 1 {
		// A row's cells stand on one line of a layout aligned with
		// spaces: numbers on two lines are numbers a narrow cell
		// wrapped (33 / 5 for 335), whose first pieces alone read as
		// the cells.
		for j := range cells {
			p.addAppeal(j, nil, r.line, true)
		}
		p.finding(ruleS4CellCount, schemas.SeverityError, "s4.*", fmt.Sprintf(
			"section 四's numbers stand on %d lines, where a row's cells stand on one: numbers wrapped in narrow cells, whose pieces are not put together; its cells are left null", n),
			r.line, nil, nil)
		return
	}
	pickMeasure([]*row{r})
	markEmptyParagraphs([]*row{r})
	slots, vals, ok := p.placeRow(spec, r)
	if ok {
		for j := range cells {
			s := slots[j]
			p.addAppeal(j, &s, 0, false)
		}
		return
	}
	for j := range cells {
		p.addAppeal(j, nil, r.line, true)
	}
	if len(vals) == 0 {
		p.finding(ruleS4NoValues, schemas.SeverityError, "s4.*",
			"section 四 has its header but no numbers could be read; its cells are null", r.line, nil, nil)
		return
	}
	if run, isGlued := gluedRow(r, len(cells)); isGlued {
		g := &gluedOpen{cellSpec: "s4.*", label: "四、行政复议、行政诉讼", run: run, open: &openRow{cells: cells}}
		p.solveGlued([]*gluedOpen{g}, p.s4, spec.cons, p.setSolved(spec))
		return
	}
	p.repairOpen(spec, p.s4, cells, r, vals, "s4.*", func() string {
		if len(vals) < len(cells) {
			return "the per-proceeding totals and non-negative counts leave one value for each cell"
		}
		return "every possible alignment of the printed numbers gives the same 15 values"
	})
}

// wrappedLines counts the lines of a layout aligned with spaces that
// hold numbers of row r, when the first of them holds more numbers than
// one proceeding has cells (the row printed on a line, not in rows of
// five or a cell per line); a number alone on its line that may be a page
// number is not counted. More than one is numbers a narrow cell wrapped.
func wrappedLines(r *row) int {
	n, first, seen := 0, 0, -1
	for _, t := range r.toks {
		if t.kind != tokValue || !t.spaced || t.alone {
			continue
		}
		if int(t.line) != seen {
			n, seen = n+1, int(t.line)
		}
		if n == 1 {
			first++
		}
	}
	if first <= len(s4Columns) {
		return 0
	}
	return n
}

// addAppeal adds the cell s4Cells[j]. Its parts and its number in the
// catalogue are looked up by its place: maps keyed by the code hashed it
// three times a cell.
func (p *parser) addAppeal(j int, s *slot, line int, unknown bool) {
	cell := s4Cells[j]
	pr, oc := s4Parts[j][0], s4Parts[j][1]
	a := schemas.Appeal{ReportID: p.out.Report.ReportID, ReportYear: p.out.Report.ReportYear, // keyed as made: see keyFindings
		Cell: cell, Proceeding: pr, Outcome: oc}
	cv := p.countCell(cell, len(p.out.Appeals), s, line, unknown)
	a.Count, a.Raw, a.Line = cv.v, cv.raw, int32(cv.line)
	p.s4.put(cell, s4IDs[j], cv)
	p.out.Appeals = append(p.out.Appeals, a)
}

// s4Columns are the names of section 四's columns, in the order each
// proceeding prints them.
var s4Columns = [...]string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}

// columnPart reports a header cell that is one of the column names or a
// piece of one wrapped over lines (结果 / 维持).
func columnPart(names []string, c string) bool {
	for _, n := range names {
		if hanContains(n, c) {
			return true
		}
	}
	return false
}

// namedHeads assembles the n header columns of a table from the pieces of
// their names printed in a spaced layout (section 四's), a name whole on one line or
// wrapped over several (结果 over 维持, 总计 between them): the pieces
// standing one above the other, in character columns, are one column.
// A header repeated after a page break leaves its columns after the
// first one's; the latest n are taken. It returns the columns' middles
// in both measures, or nothing unless they spell the names in order.
func namedHeads(frags []tok, names []string, n int) heads {
	type col struct {
		name             string
		line             int // first line
		lo, hi, dlo, dhi int // span in character and display columns
		last             int
	}
	var cs []*col
	for _, f := range frags {
		var in *col
		for _, c := range cs {
			if int(f.line) > c.last && int(f.rcol) < c.hi && c.lo < int(f.rend) && prefixOfColumn(names, c.name+f.c) {
				in = c
			}
		}
		if in == nil {
			in = &col{line: int(f.line), lo: int(f.rcol), hi: int(f.rend), dlo: int(f.col), dhi: int(f.end)}
			cs = append(cs, in)
		}
		in.name += f.c
		in.last = int(f.line)
		in.lo, in.hi = min(in.lo, int(f.rcol)), max(in.hi, int(f.rend))
		in.dlo, in.dhi = min(in.dlo, int(f.col)), max(in.dhi, int(f.end))
	}
	if len(cs) < n {
		return heads{}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].line < cs[j].line })
	cs = cs[len(cs)-n:]
	sort.Slice(cs, func(i, j int) bool { return cs[i].lo < cs[j].lo })
	var h heads
	for j, c := range cs {
		if c.name != names[j%len(names)] {
			return heads{}
		}
		h.disp = append(h.disp, (c.dlo+c.dhi)/2)
		h.chars = append(h.chars, (c.lo+c.hi)/2)
	}
	return h
}

// prefixOfColumn reports whether s begins one of the column names.
func prefixOfColumn(names []string, s string) bool {
	for _, n := range names {
		if strings.HasPrefix(n, s) {
			return true
		}
	}
	return false
}

// s4Transposed reads section 四 printed the other way round: a row per
// outcome (结果维持 2 1 0), a column per proceeding, read by the row reader
// as s4TransposedSpec describes it. Read in printed order its numbers
// would land in the wrong cells, every one of them a number the agency
// printed. transposed reports the layout (two or more rows with numbers
// that are an outcome's other than 总计); ok, that it is complete: the
// five outcomes in order, three numbers each, under the proceedings in
// the template's order. vals are then the fifteen cells in the template's
// order.
func (p *parser) s4Transposed(toks []tok) (vals []tok, transposed, ok bool) {
	spec := &s4TransposedSpec
	// A row must have numbers: an outcome name that heads a header line
	// (结果维持 结果纠正 … on one line) is followed by other names, not
	// numbers, and makes an empty row.
	var full []*row
	labelled := 0
	for _, r := range p.readRows(spec, toks, "") {
		if numbers(r) == 0 {
			continue
		}
		full = append(full, r)
		if r.code != spec.rows[len(spec.rows)-1].code {
			labelled++
		}
	}
	if labelled < 2 {
		return nil, false, false
	}
	if len(full) != len(spec.rows) {
		return nil, true, false
	}
	for j, r := range full {
		if r.code != spec.rows[j].code || numbers(r) != spec.columns {
			return nil, true, false
		}
	}
	// The proceedings' columns, in the template's order, named by the
	// header cells before the first row.
	var heads []string
	for _, t := range toks {
		if t.kind != tokText {
			continue
		}
		if spec.match(t.c, false).namesRow() && t.first {
			break
		}
		if isS4Header(t.c) {
			heads = append(heads, t.c)
		}
	}
	head := strings.Join(heads, "|")
	at := func(key string) int { return hanIndex(head, key) }
	rv, sd, sa := at("行政复议"), at("直接起诉"), at("复议后")
	if rv < 0 || sd < 0 || sa < 0 || !(rv < sd && sd < sa) {
		return nil, true, false
	}
	vals = make([]tok, len(full)*spec.columns)
	for j, r := range full {
		k := 0
		for _, t := range r.toks {
			if t.kind == tokValue {
				vals[k*len(full)+j] = t
				k++
			}
		}
	}
	return vals, true, true
}

// numbers counts the numbers among a row's cells.
func numbers(r *row) int {
	n := 0
	for _, t := range r.toks {
		if t.kind == tokValue {
			n++
		}
	}
	return n
}

// isRuleCell reports a cell of a Markdown table's delimiter row (---,
// :---:), which converters print under each table's header.
func isRuleCell(c string) bool {
	if len(c) < 3 {
		return false
	}
	for i := 0; i < len(c); i++ {
		if c[i] != '-' && c[i] != ':' {
			return false
		}
	}
	return true
}
