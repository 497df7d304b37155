package transform

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

// Text that lost its cell separators (a crawler's copy of a web table)
// prints a row as one run of digits, often glued to its label:
// 行政规范性文件1226415, 一、本年新收政府信息公开申请数量1000001. Such a
// run is split only where the template's arithmetic leaves exactly one
// split: every split of the run into the row's cells is listed (a blank
// cell prints nothing, a number has no leading zero), the equations
// within the row filter them, and the table solver (solveRows) keeps the
// readings that fit the rest of the table. Anything else is left null
// with a GLUED_DIGITS error.

// Work bounds of the enumeration: the steps of the search for one run,
// and for one report, and the splits kept for one run.
const (
	maxGluedSteps       = 200000
	maxGluedReportSteps = 1000000
	maxGluedSplits      = 4000
)

// gluedRune reports a character a glued run of counts is made of: digits
// and the not-applicable markers.
func gluedRune(r rune) bool {
	switch r {
	case '/', '-', '—', '－', '\\', '―', '─': // a switch: the cells' last characters are mostly Han
		return true
	}
	return r >= '0' && r <= '9'
}

// lastRune is the rune utf8.DecodeLastRuneInString(s) returns, s not
// empty, with ASCII and the three-byte characters of Chinese text read
// without decoding backwards: gluedTail asks it of every label cell.
func lastRune(s string) rune {
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	if len(s) >= 3 {
		if r, n := decode3(s, len(s)-3); n == 3 {
			return r
		}
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// gluedTail splits a compact label cell that ends in a run of digits
// (行政许可5, 一、本年新收政府信息公开申请数量1000001) into the label and
// the run. It returns tail "" unless the label part holds two Han
// characters or more and the run ends the cell, holds a digit (or two
// markers) and follows a Han character, a closing bracket or a quote.
func gluedTail(c string) (label, tail string) {
	if c == "" || !gluedRune(lastRune(c)) {
		return c, ""
	}
	i := len(c)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(c[:i])
		if !gluedRune(r) {
			break
		}
		i -= size
	}
	if i == 0 || (!hasDigit(c[i:]) && utf8.RuneCountInString(c[i:]) < 2) {
		return c, "" // one marker alone may end a label (其他—)
	}
	prev, _ := utf8.DecodeLastRuneInString(c[:i])
	if !strings.ContainsRune(")）”’'\"」』】", prev) && (prev < 0x3400 || prev > 0x9fff) {
		return c, ""
	}
	if hanCount(c[:i]) < 2 {
		return c, ""
	}
	return c[:i], c[i:]
}

// isGluedRun reports a printed value that can be a glued run of n > 1
// cells: made only of digits and markers, holding a digit.
func isGluedRun(s string) bool {
	s = compact(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if !gluedRune(r) {
			return false
		}
	}
	return true
}

// gluedRow returns the run of a row that printed its cells glued: one
// value, marked glued by the tokenizer of its label or at least as long
// as the row has cells, made of digits and markers.
func gluedRow(r *row, n int) (*tok, bool) {
	var v *tok
	for i := range r.toks {
		if r.toks[i].kind == tokValue {
			if v != nil {
				return nil, false
			}
			v = &r.toks[i]
		}
	}
	if v == nil || !isGluedRun(v.raw) {
		return nil, false
	}
	return v, v.glued || utf8.RuneCountInString(compact(v.raw)) >= n
}

// splitGlued lists the readings of run s over n cells: each cell blank,
// a not-applicable marker, or a count without a leading zero, the cells
// in order spelling s. Only readings that satisfy every equation of local
// (those within the row, over cells) are kept. steps is charged with the
// search's work; over lim, or over maxGluedSplits readings, it gives up
// (all false).
func splitGlued(s string, n, line int, cells []string, local []lin, steps *int, lim int) (out [][]placed, all bool) {
	rs := []rune(compact(s))
	// The pieces that can start at each position: a cell's text and value.
	type piece struct {
		end int
		pl  placed
	}
	starts := make([][]piece, len(rs)+1)
	for at := range rs {
		for end := at + 1; end <= len(rs) && end-at <= 18; end++ {
			p := string(rs[at:end])
			if !gluedPiece(p) {
				continue
			}
			if v, ok := readCount(p); ok {
				starts[at] = append(starts[at], piece{end, placed{v: v, raw: p, line: line}})
			}
		}
	}
	// An equation is checked as soon as its last cell is read, so a
	// split that breaks it is not followed further.
	type eq struct {
		idx  []int
		coef []int64
	}
	ready := make([][]eq, n)
	for _, c := range local {
		e := eq{coef: c.coef}
		last := 0
		for _, cell := range c.cells {
			k := indexOf(cells, cell)
			e.idx = append(e.idx, k)
			last = max(last, k)
		}
		ready[last] = append(ready[last], e)
	}
	cur := make([]placed, n)
	holds := func(es []eq) bool {
		for _, e := range es {
			var sum int64
			for i, k := range e.idx {
				if v := cur[k].v; v != nil {
					sum += e.coef[i] * *v
				}
			}
			if sum != 0 {
				return false
			}
		}
		return true
	}
	var rec func(cell, at int) bool
	rec = func(cell, at int) bool {
		*steps++
		if *steps > lim || len(out) > maxGluedSplits {
			return false
		}
		if cell > 0 && !holds(ready[cell-1]) {
			return true
		}
		if cell == n {
			if at == len(rs) {
				out = append(out, append([]placed(nil), cur...))
			}
			return true
		}
		if len(rs)-at > (n-cell)*18 {
			return true // too many characters left for the cells left
		}
		cur[cell] = placed{line: line}
		if !rec(cell+1, at) {
			return false
		}
		for _, pc := range starts[at] {
			cur[cell] = pc.pl
			if !rec(cell+1, pc.end) {
				return false
			}
		}
		return true
	}
	if !rec(0, 0) {
		return nil, false
	}
	return out, true
}

// gluedPiece reports a piece of a glued run that can be a cell on its
// own: a count without a leading zero, or one marker.
func gluedPiece(p string) bool {
	if isNAMarker(p) {
		return true
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	return len(p) == 1 || p[0] != '0'
}

// within returns the equations of cons whose every cell is one of cells:
// the arithmetic of a row on its own.
func within(cons []lin, cells []string) []lin {
	var out []lin
	for _, c := range cons {
		all := true
		for _, cell := range c.cells {
			if indexOf(cells, cell) < 0 {
				all = false
				break
			}
		}
		if all {
			out = append(out, c)
		}
	}
	return out
}

// gluedOpen is a row printed glued, waiting for the table's solve.
type gluedOpen struct {
	cellSpec string // finding cell, s3.<outcome>.* or s4.*
	label    string
	run      *tok
	open     *openRow
	note     string // why it was not tried, when it was not
	// merged is set when splits that differ only in how markers and
	// blank cells share the run were taken as one reading.
	merged bool
}

// mergeByValue takes splits that give every cell the same value (they
// differ only in where a marker or a blank cell stands: "--" as one
// marker beside a blank cell, or as two) as one reading: a cell's text is
// kept where they all print the same, and is "" where they do not, the
// value null either way. merged reports whether any were.
func mergeByValue(cands [][]placed) (out [][]placed, merged bool) {
	for _, c := range cands {
		k := slices.IndexFunc(out, func(o []placed) bool { return sameValues(o, c) })
		if k < 0 {
			out = append(out, c)
			continue
		}
		if !sameReading(out[k], c) {
			merged = true
			m := slices.Clone(out[k])
			for j := range m {
				if m[j].raw != c[j].raw {
					m[j].raw = ""
				}
			}
			out[k] = m
		}
	}
	return out, merged
}

// sameValues reports whether two readings give every cell the same value.
func sameValues(a, b []placed) bool {
	for j := range a {
		if (a[j].v == nil) != (b[j].v == nil) || (a[j].v != nil && *a[j].v != *b[j].v) {
			return false
		}
	}
	return true
}

// solveGlued splits the glued rows of one table (its cells already unknown
// in table) and writes what is determined through set; the rest get a
// GLUED_DIGITS error.
func (p *parser) solveGlued(rows []*gluedOpen, table *cellTable, cons []lin, set func(cell string, cv *cellv)) {
	var open []*openRow
	for _, g := range rows {
		lim := min(maxGluedSteps, maxGluedReportSteps-p.gluedSteps)
		steps := 0
		cands, all := splitGlued(g.run.raw, len(g.open.cells), int(g.run.line), g.open.cells, within(cons, g.open.cells), &steps, lim)
		p.gluedSteps += steps
		if !all {
			g.note = fmt.Sprintf("the run %q allows more splits than are tried", compact(g.run.raw))
			continue
		}
		g.open.cands, g.merged = mergeByValue(cands)
		open = append(open, g.open)
	}
	solveRows(table, cons, open, 1)
	for _, g := range rows {
		if g.open.done {
			for _, c := range g.open.cells {
				set(c, table.get(c))
			}
			how := "exactly one split of the run satisfies the template's arithmetic, and is taken"
			if g.merged {
				how += " (splits that differ only in how markers and blank cells share the run give the same values; a cell whose text they do not agree on keeps no text)"
			}
			p.finding(ruleGluedDigits, schemas.SeverityRepaired, g.cellSpec,
				fmt.Sprintf("row %q prints its %d cells as one run %q with no separator; %s", g.label, len(g.open.cells), compact(g.run.raw), how),
				int(g.run.line), nil, strp(compact(g.run.raw)))
			continue
		}
		why := g.note
		switch {
		case why != "":
		case len(g.open.cands) == 0:
			why = "no split of the run satisfies the row's own arithmetic"
		case len(g.open.cands) == 1 || g.open.fits == 1:
			why = "one split fits but could not be checked against the rest of the table"
		case g.open.fits == 0:
			why = "no split of the run fits the rest of the table"
		default:
			why = fmt.Sprintf("%d splits of the run satisfy the template's arithmetic", max(g.open.fits, 2))
		}
		p.finding(ruleGluedDigits, schemas.SeverityError, g.cellSpec,
			fmt.Sprintf("row %q prints its %d cells as one run %q with no separator; %s, so its cells are left null", g.label, len(g.open.cells), compact(g.run.raw), why),
			int(g.run.line), nil, strp(compact(g.run.raw)))
	}
}

// readGlued splits a glued run with no arithmetic to check a split
// against (section 二) into the pieces of metrics, "" for a blank cell:
// only when it splits so one way. Nil otherwise.
func readGlued(run string, metrics []schemas.Metric) []string {
	rs := []rune(compact(run))
	var found []string
	count := 0
	cur := make([]string, len(metrics))
	var rec func(cell, at int) bool
	rec = func(cell, at int) bool {
		count++
		if count > maxGluedSteps || len(found) > 0 && found[0] == "\x00" {
			return false
		}
		if cell == len(metrics) {
			if at == len(rs) {
				if found != nil {
					found = []string{"\x00"} // a second split
					return false
				}
				found = append([]string{}, cur...)
			}
			return true
		}
		cur[cell] = ""
		if !rec(cell+1, at) {
			return false
		}
		for end := at + 1; end <= len(rs) && end-at <= 24; end++ {
			piece := string(rs[at:end])
			if !s2Piece(piece, metrics[cell]) {
				continue
			}
			cur[cell] = piece
			if !rec(cell+1, end) {
				return false
			}
		}
		return true
	}
	if !rec(0, 0) || len(found) != len(metrics) {
		return nil
	}
	return found
}

// s2Piece reports a piece of a glued section 二 run that can be the value
// of metric m: a plain count without a leading zero (signed in a 本年增/减
// column), an amount, or a marker.
func s2Piece(p string, m schemas.Metric) bool {
	if isNAMarker(p) {
		return true
	}
	d := p
	if m.Code.Code == "change" {
		d = strings.TrimLeft(p, "+-")
	}
	if d == "" || (len(d) > 1 && d[0] == '0' && d[1] != '.') {
		return false
	}
	if m.Money {
		r := normalize.Amount(p, "")
		return r.OK() && !r.Overflow && !r.Approximate && !strings.HasSuffix(p, ".")
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// readGluedS2 reads a section 二 row printed glued to its label: its cells
// when the run splits one way only, else null with a GLUED_DIGITS error.
func (p *parser) readGluedS2(it schemas.Item, r *row, run *tok, headerUnit string) {
	cell := "s2." + it.Code.Code + ".*"
	pieces := readGlued(run.raw, it.Metrics)
	for j, m := range it.Metrics {
		switch {
		case pieces == nil:
			p.addDisclosure(it, m, r.label, nil, r.line)
		case pieces[j] == "":
			p.addDisclosureUnit(it, m, r.label, &slot{empty: true, line: int(run.line)}, 0, headerUnit)
		default:
			t := &tok{kind: tokValue, raw: pieces[j], c: pieces[j], line: run.line}
			p.addDisclosureUnit(it, m, r.label, &slot{t: t, line: int(run.line)}, 0, headerUnit)
		}
	}
	run1 := compact(run.raw)
	if pieces != nil {
		p.finding(ruleGluedDigits, schemas.SeverityRepaired, cell,
			fmt.Sprintf("row %q prints its %d cells as one run %q with no separator; it splits into them one way only, which is taken", r.label, len(it.Metrics), run1),
			int(run.line), nil, strp(run1))
		return
	}
	p.finding(ruleGluedDigits, schemas.SeverityError, cell,
		fmt.Sprintf("row %q prints its %d cells as one run %q with no separator; section 二 has no arithmetic to tell its possible splits apart, so its cells are left null", r.label, len(it.Metrics), run1),
		int(run.line), nil, strp(run1))
}
