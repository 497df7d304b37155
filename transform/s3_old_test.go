package transform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// readS3Old is readS3 as it was when it made the map of each row's
// outcome for every report, pairs around a page break or none: kept to
// test that the map made only for a table with such pairs reads the
// same. It counts the tables with pairs in readS3OldPairs, so that the
// test knows it compared both ways.
func (p *parser) readS3Old() {
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
	if len(pairs) > 0 {
		readS3OldPairs++
	}
	paired := map[*row]bool{}
	for _, bp := range pairs {
		paired[bp.a], paired[bp.b] = true, true
		if bl := blocks[bp.b]; bl != nil {
			for _, r := range bl.rows {
				delete(blocks, r) // the second row printed its numbers before its label
			}
		}
	}
	outcomeOf := make(map[*row]int, len(outcomes)) // the row's index in outcomes
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
		outcomeOf[r] = oi
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

// readS3OldPairs counts the tables readS3Old found pairs around a page
// break in.
var readS3OldPairs int

// runS3Old is run, reading section 三 by readS3Old.
func (p *parser) runS3Old() { p.runStages(p.readS3Old, p.check) }
