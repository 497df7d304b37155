package transform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

// nextMeaningful returns the index of the next token after i that is not a
// blank line, an empty cell or a header word, or -1.
func nextMeaningful(toks []tok, i int, inOther bool) int {
	for j := i + 1; j < len(toks); j++ {
		switch toks[j].kind {
		case tokValue:
			return j
		case tokText:
			m := matchS3(toks[j].c, inOther)
			if m.kind == lblOtherOrHeader && afterHeaderCell(toks, j) {
				continue // the 其他 column's header, repeated after a page break
			}
			if m.kind != lblHeader && m.kind != lblNone {
				return j
			}
		}
	}
	return -1
}

// afterHeaderCell reports whether the text before toks[j] is a column
// header cell.
func afterHeaderCell(toks []tok, j int) bool {
	for k := j - 1; k >= 0; k-- {
		switch toks[k].kind {
		case tokValue:
			return false
		case tokText:
			return matchS3(toks[k].c, true).kind == lblHeader
		}
	}
	return false
}

// valueFollows reports whether the next non-empty token after i is a value.
func valueFollows(toks []tok, i int) bool { return valueAfter(toks, i, false) }

// valueAfter reports whether the next non-empty token after i, on the same
// line when sameLine is set, is a value rather than text.
func valueAfter(toks []tok, i int, sameLine bool) bool {
	for j := i + 1; j < len(toks) && (!sameLine || toks[j].line == toks[i].line); j++ {
		switch toks[j].kind {
		case tokValue:
			return true
		case tokText:
			return false
		}
	}
	return false
}

// s3Index holds the row read for each code of section 三: by its place
// for a code of s3Places, in a map for any other. It was a map for all,
// a hash for each row read and each looked up.
type s3Index struct {
	rows   [s3PlaceCount]*row
	others map[string]*row
}

// s3PlaceCount is len(s3Places), checked by s3OutPlaces.
const s3PlaceCount = 26

// s3OutPlaces are the outs (see label) of schemas.Outcomes, in turn, for
// each variant of the table.
var s3OutPlaces = func() (pl [2][]int8) {
	if len(s3Places) != s3PlaceCount {
		panic("transform: s3PlaceCount is not len(s3Places)")
	}
	for _, single := range []bool{true, false} {
		for _, o := range schemas.Outcomes(single) {
			pl[variant(single)] = append(pl[variant(single)], s3Place(o.Code.Code))
		}
	}
	return pl
}()

// place is r's out, looked up by its code for a row whose label did not
// give it.
func place(r *row) int8 {
	if r.out > 0 {
		return r.out
	}
	return s3Place(r.code)
}

// of returns the row held for r's code, nil if none.
func (x *s3Index) of(r *row) *row {
	if n := place(r); n > 0 {
		return x.rows[n-1]
	}
	return x.others[r.code]
}

// set holds r for its code.
func (x *s3Index) set(r *row) {
	if n := place(r); n > 0 {
		x.rows[n-1] = r
		return
	}
	if x.others == nil {
		x.others = map[string]*row{}
	}
	x.others[r.code] = r
}

// at returns the row held for the code of out n.
func (x *s3Index) at(n int8) *row { return x.rows[n-1] }

// indexS3 holds each row of rows for its code, the first kept of a row
// printed twice, with the findings on rows that name none or the same
// one again; 其他 read for （六）其他处理's rows as the 2019 table wants.
// subRows: the table holds a sub-row of （六）其他处理.
func (p *parser) indexS3(rows []*row) (byCode s3Index, subRows bool) {
	for i, r := range rows {
		p.poll() // a huge table makes this loop long
		if r.code == "" {
			if hasValues(r) && !r.broke && (i == 0 || !rows[i-1].broke) {
				msg := fmt.Sprintf("a row labelled %q names no row of the template; its numbers are not read", r.label)
				if r.label == "" {
					msg = "numbers on a line after the row above's, with no label beside them (a label not read), stand in no row of the template; they are not read"
				}
				p.finding(ruleS3UnknownRow, schemas.SeverityWarning, "s3.*", msg, r.line, nil, nil)
			}
			continue
		}
		if prev := byCode.of(r); prev != nil {
			if !hasValues(prev) && cellsSeen(prev) == 0 && hasValues(r) {
				// The first was text naming the row (a wrapped line of
				// another label, a remark) with no cell of its own.
				byCode.set(r)
				continue
			}
			if hasValues(r) {
				p.finding(ruleS3DuplicateRow, schemas.SeverityWarning, "s3."+r.code+".*",
					fmt.Sprintf("row %s printed twice (lines %d and %d); the first is kept", r.code, prev.line, r.line), r.line, nil, nil)
			}
			continue
		}
		byCode.set(r)
	}
	if oo := byCode.at(s3OtherOtherLabel.out); oo != nil && byCode.at(s3OtherLabel.out) == nil && byCode.at(s3NoCorrectionLabel.out) == nil &&
		byCode.at(s3NoFeeLabel.out) == nil && stripNumbering(oo.label) == oo.label {
		// A bare 其他 after （六）其他处理, with no sub-row numbered
		// 1. or 2., is the applicant column's header repeated after a
		// page break beside the row （六）其他处理 (the 2019 table's own
		// row), not the sub-row 3.其他.
		byCode.rows[s3OtherOtherLabel.out-1] = nil
		oo.code, oo.out = "other", s3OtherLabel.out
		byCode.set(oo)
	}
	subRows = byCode.at(s3NoCorrectionLabel.out) != nil || byCode.at(s3NoFeeLabel.out) != nil || byCode.at(s3OtherOtherLabel.out) != nil
	// （六）其他处理 with no number of its own beside sub-rows that have
	// theirs is the group's label (a tall merged cell, which pdftotext's
	// default mode prints after the rows it stands beside), not the row.
	if o := byCode.at(s3OtherLabel.out); o != nil && subRows && !hasValues(o) {
		byCode.rows[s3OtherLabel.out-1] = nil
	}
	return byCode, subRows
}

func (p *parser) readS3() {
	from, to := p.sec.bounds(secApplications)
	var rows []*row
	if from >= 0 {
		// The rows' labels are the same in both variants of the table:
		// which one it is, is known once they are read.
		rows = p.readRows(&s3Specs[0], p.sectionTokens(from, to, "s3.*"), "")
	}
	pickMeasure(rows)
	markSpans(&p.spans, rows, p.lines, len(schemas.Applicants))
	markEmptyParagraphs(rows)
	markLabelPads(rows, len(schemas.Applicants))
	byCode, subRows := p.indexS3(rows)
	single := byCode.at(s3OtherLabel.out) != nil || (!subRows && p.template != schemas.Template2021)
	outcomes := schemas.Outcomes(single)
	bases := s3Bases[variant(single)] // of outcomes, in turn
	places := s3OutPlaces[variant(single)]
	spec := &s3Specs[variant(single)]
	if from < 0 {
		p.missingTable("applications", 0)
	}
	blocks := labelBlocks(rows, p.lines, spec.columns)
	type pending struct {
		o    schemas.Outcome
		r    *row
		vals []*tok
	}
	var amb []pending
	var shown []shownRow // rows that may stand off their columns (see shiftS3)
	var glued []*gluedOpen
	cut := wrappedDigits(rows)
	// read reads row r of outcome outcomes[oi] by itself; again when its
	// cells are in the table already (as unknown).
	read := func(oi int, r *row, again bool) {
		o, b := outcomes[oi], bases[oi]
		late := r.broke && slices.ContainsFunc(r.toks[r.breakAt:], func(t tok) bool { return t.kind == tokValue })
		slots, vals, ok := p.placeRow(spec, r)
		if !ok {
			if !again {
				for j := range schemas.Applicants {
					p.addApplication(o, b, j, r.label, nil, r.line, true)
				}
			}
			if late {
				// Numbers after the repeated header may be the next
				// row's (printed before its label) or the page's: which
				// of the row's numbers are its own is not known.
				p.finding(ruleS3PageBreak, schemas.SeverityError, "s3."+o.Code.Code+".*",
					fmt.Sprintf("row %q shows %d numbers for %d columns around the header repeated after a page break; the numbers after the header may be the next row's or the page number, so the row is left null", r.label, len(vals), spec.columns), r.line, nil, nil)
				return
			}
			if run, isGlued := gluedRow(r, spec.columns); isGlued {
				glued = append(glued, &gluedOpen{cellSpec: "s3." + o.Code.Code + ".*", label: r.label, run: run,
					open: &openRow{cells: appCells[o.Code.Code]}})
				return
			}
			amb = append(amb, pending{o, r, vals})
			return
		}
		var lost []string // cells whose numbers lost digits to the next line
		for j := range schemas.Applicants {
			s := slots[j]
			switch {
			case again:
				p.setApplication(o, b, j, &s)
			case cut != nil && s.t != nil && cut[*s.t]:
				p.addApplication(o, b, j, r.label, nil, r.line, true)
				lost = append(lost, "s3."+o.Code.Code+"."+schemas.Applicants[j].Code)
			default:
				p.addApplication(o, b, j, r.label, &s, 0, false)
			}
		}
		if len(lost) > 0 {
			p.finding(ruleS3CellCount, schemas.SeverityError, "s3."+o.Code.Code+".*",
				fmt.Sprintf("row %q: the next line, with no label, holds digits standing under some of its numbers (a number too wide for its cell wraps its last digits: 28 / 0 for 280); those numbers are cut, left null: %s", r.label, strings.Join(lost, ", ")),
				r.line, nil, nil)
		}
		if offCandidate(slots) {
			shown = append(shown, shownRow{o, r, slots})
		}
	}
	pairs := breakPairs(rows, &byCode, blocks, spec.columns)
	paired := map[*row]bool{}
	for _, bp := range pairs {
		paired[bp.a], paired[bp.b] = true, true
		if bl := blocks[bp.b]; bl != nil {
			for _, r := range bl.rows {
				delete(blocks, r) // the second row printed its numbers before its label
			}
		}
	}
	// outcomeOf is each row's index in outcomes, for the rows around a
	// page break read again below: made only when the table has such a
	// pair, as most tables have not; no other step reads it, and it would
	// hash every row of the table.
	var outcomeOf map[*row]int
	if len(pairs) > 0 {
		outcomeOf = make(map[*row]int, len(outcomes))
	}
	for oi, o := range outcomes {
		r := byCode.at(places[oi])
		if r == nil {
			if from >= 0 {
				p.finding(ruleS3RowMissing, schemas.SeverityError, "s3."+o.Code.Code+".*",
					fmt.Sprintf("row %s (%s) not found in section 三", o.Label, o.Code.Code), 0, nil, nil)
			}
			for j := range schemas.Applicants {
				p.addApplication(o, bases[oi], j, o.Label, nil, 0, true)
			}
			continue
		}
		if outcomeOf != nil {
			outcomeOf[r] = oi
		}
		if blocks[r] != nil || paired[r] {
			for j := range schemas.Applicants {
				p.addApplication(o, bases[oi], j, r.label, nil, r.line, true)
			}
			continue
		}
		read(oi, r, false)
	}
	placed := map[*row]bool{}
	if len(pairs) > 0 {
		for _, bp := range pairs {
			for _, r := range bp.strays {
				placed[r] = true
			}
		}
		for _, bp := range p.readBreaks(pairs, spec.cons) {
			for _, r := range bp.strays {
				placed[r] = false
			}
			for _, r := range []*row{bp.a, bp.b} {
				if oi, ok := outcomeOf[r]; ok {
					read(oi, r, true)
				}
			}
		}
	}
	// Numbers of a row without a code beside a page break were left to
	// the rows around the break; those they did not take are no row's.
	for i, r := range rows {
		if r.code == "" && hasValues(r) && (r.broke || (i > 0 && rows[i-1].broke)) && !placed[r] {
			p.finding(ruleS3UnknownRow, schemas.SeverityWarning, "s3.*",
				fmt.Sprintf("a row labelled %q names no row of the template; its numbers are not read", r.label), r.line, nil, nil)
		}
	}
	if len(blocks) > 0 {
		p.readBlocks(blocks, spec.cons)
	}
	if len(glued) > 0 {
		p.solveGlued(glued, p.s3, spec.cons, p.setSolved(spec))
	}
	// Repair the rows whose numbers did not fit their columns, one at a
	// time, each with what the others (and earlier repairs) determine.
	for _, a := range amb {
		p.repairOpen(spec, p.s3, appCells[a.o.Code.Code], a.r, a.vals, "s3."+a.o.Code.Code+".*", func() string {
			if allZeroTotal(p.s3, a.o) {
				return "the (七)总计 row is 0 in every column and counts are non-negative"
			}
			return "the arithmetic of the table and non-negative counts leave one value for each cell"
		})
	}
	p.shiftS3(shown, outcomes)
}

// applicantHead returns the column of section 三 a header cell names,
// whole or as the first line of a wrapped header (商业企 / 业), or -1.
func applicantHead(c string) int {
	for j, a := range schemas.Applicants {
		if c == a.Label {
			return j
		}
		if j < 5 && !fewerRunes(c, 2) && strings.HasPrefix(a.Label, c) {
			return j
		}
	}
	return -1
}

// regroupCentred fixes what vertically centred cells do to a table's text:
// when a row's label wraps (or sits beside a group label that wraps), the
// row's numbers can land on the line above its label, where the stream
// reading gives them to the previous row. A row that received numbers on
// a second line while the next row, a line or two further down, has none
// of its own hands them on.
//
// A group label wrapped beside such numbers (（三）不 / 予公开) is text that
// names no row; readRows gave the numbers after it a row without a code. In
// a layout aligned with spaces, where cells are centred, they are handed
// on in the same way.
//
// text is the document's lines.
func regroupCentred(rows []*row, text []string) {
	for i := 0; i+1 < len(rows); i++ {
		r, next := rows[i], rows[i+1]
		if hasValues(next) {
			continue
		}
		if r.code == "" {
			if !r.own && centredAbove(r, next) {
				next.toks = append(append([]tok(nil), r.toks...), next.toks...)
				r.toks = nil
			}
			continue
		}
		last := -1
		lines := 0
		for _, t := range r.toks {
			if t.kind == tokValue && t.rowMode && int(t.line) != last {
				last = int(t.line)
				lines++
			}
		}
		if lines < 2 || last <= r.line || last >= next.line || next.line-last > 2 || apartTables(text, last, next.line) {
			continue
		}
		var keep, move []tok
		for _, t := range r.toks {
			if int(t.line) == last && t.kind != tokBlank {
				move = append(move, t)
			} else {
				keep = append(keep, t)
			}
		}
		r.toks = keep
		next.toks = append(move, next.toks...)
	}
}

// apartTables reports whether lines a and b (1-based) are rows of two
// '|' tables, an empty line between them: a Markdown table ends there, so
// its numbers cannot be centred on a label of the next.
func apartTables(text []string, a, b int) bool {
	if a < 1 || b > len(text) || pipeFields(text[a-1]) == nil || pipeFields(text[b-1]) == nil {
		return false
	}
	for i := a; i < b-1; i++ {
		if isBlank(text[i]) {
			return true
		}
	}
	return false
}

// centredAbove reports whether the numbers of r, a row without a code,
// all stand on one line of a space-aligned layout, one or two lines above
// the label of next.
func centredAbove(r, next *row) bool {
	line := 0
	for _, t := range r.toks {
		if t.kind != tokValue {
			continue
		}
		if !t.spaced || (line != 0 && int(t.line) != line) {
			return false
		}
		line = int(t.line)
	}
	return line != 0 && line < next.line && next.line-line <= 2
}

// cellsSeen counts the cells a row has printed so far: numbers, explicit
// empty cells, the empty fields its lines end with (see tok.trail), and
// the empty lines of a one-cell-per-line table.
func cellsSeen(r *row) int {
	n := r.trail
	for _, t := range r.toks {
		switch t.kind {
		case tokValue, tokEmpty:
			n++
		case tokBlank:
			if !t.rowMode {
				n++
			}
		}
		if t.kind != tokEmpty {
			n += int(t.trail)
		}
	}
	return n
}

// complete reports whether every header column was seen, in increasing
// order of position, so the positions describe one header.
func complete(lines []int) bool {
	for _, l := range lines {
		if l == 0 {
			return false
		}
	}
	return true
}

// addApplication adds the cell of outcome o in applicant column j; b is
// the number of the outcome's first cell (s3Bases).
func (p *parser) addApplication(o schemas.Outcome, b, j int, label string, s *slot, line int, unknown bool) {
	a := schemas.Applicants[j]
	cell, id := appCellAt(o.Code.Code, b, j)
	row := schemas.Application{ReportID: p.out.Report.ReportID, ReportYear: p.out.Report.ReportYear, // keyed as made: see keyFindings
		Cell: cell, Outcome: o.Code.Code, Applicant: a.Code, Label: label}
	cv := p.countCell(cell, len(p.out.Applications), s, line, unknown)
	row.Count, row.Raw, row.Line = cv.v, cv.raw, int32(cv.line)
	p.s3.put(cell, id, cv)
	p.out.Applications = append(p.out.Applications, row)
}

// setApplication writes cell j of outcome o, already in the table as
// unknown, from the slot read for it; b is as for addApplication.
func (p *parser) setApplication(o schemas.Outcome, b, j int, s *slot) {
	cell, id := appCellAt(o.Code.Code, b, j)
	old := p.s3.at(id)
	if id < 0 {
		old = p.s3.get(cell)
	}
	cv := p.countCell(cell, old.idx, s, 0, false)
	p.s3.put(cell, id, cv)
	a := &p.out.Applications[old.idx]
	a.Count, a.Raw, a.Line = cv.v, cv.raw, int32(cv.line)
}

// countCell reads one count cell of section 三 or 四 (idx is its row in the
// output table): its value, or null for a marker or blank, or unknown when
// it could not be read or was not printed where expected.
func (p *parser) countCell(cell string, idx int, s *slot, line int, unknown bool) *cellv {
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
	if n, na, ok := normalize.CountPlain(s.t.raw); ok {
		// Count's reading, with nothing to note
		if na {
			cv.na = true
		} else {
			cv.v = p.newValue(n)
		}
		return cv
	}
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

// wrappedDigits finds, in section 三 laid out with spaces, the numbers
// whose last digits a number column too narrow for them wrapped onto the
// next lines: a row with no template label (no label, or a piece of a
// wrapped one, not a numbered or group heading), from the line right
// after a row's last line of numbers, holding only short runs of digits,
// each standing under one of that row's numbers (28 14 … 44 / 0 0 … 8 for
// 280 140 … 448; a longer number takes a third line). It returns the
// numbers with a run under them, as read (cut); nil when there is none.
// A number with none under it is whole.
func wrappedDigits(rows []*row) map[tok]bool {
	var out map[tok]bool
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		if a.code == "" || b.code != "" || !hasValues(b) ||
			b.label != "" && (numbered(b.label) || matchS3(b.label, false).kind == lblGroup) {
			continue // a heading printed with numbers of its own ((三)不予公开 3 0 …)
		}
		line, from := 0, -1 // a's last line of numbers, and its first number's index
		for k, t := range a.toks {
			if t.kind == tokValue && t.spaced && int(t.line) != line {
				line, from = int(t.line), k
			}
		}
		if from < 0 {
			continue
		}
		// above returns the number of a on line that t stands under, or nil.
		above := func(t tok) *tok {
			for k := from; k < len(a.toks); k++ {
				v := &a.toks[k]
				if v.kind == tokValue && int(v.line) == line && t.rcol >= v.rcol-1 && t.rcol <= v.rend {
					return v
				}
			}
			return nil
		}
		first, ok := true, true
		for _, t := range b.toks {
			if t.kind != tokValue {
				continue
			}
			if int(t.line) <= line || first && int(t.line) != line+1 || !t.spaced || len(t.c) > 3 || !allDigits(t.c) || above(t) == nil {
				ok = false
				break
			}
			first = false
		}
		if !ok {
			continue
		}
		for _, t := range b.toks {
			if t.kind == tokValue {
				if out == nil {
					out = map[tok]bool{}
				}
				out[*above(t)] = true
			}
		}
	}
	return out
}
