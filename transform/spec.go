package transform

import (
	"fmt"
	"strconv"

	"github.com/nianbao/nianbao/schemas"
)

// tableSpec is what the row reader knows of one section of one template:
// the prefix of its cells, its rows in the template's order, the words
// that name them, its columns and its arithmetic. The readers take the
// rows, columns and equations from here rather than from the schemas
// directly, so a layout or template variant is a new spec.
type tableSpec struct {
	prefix string    // cells are prefix.<row>.<column>
	rows   []rowSpec // in the template's order
	// match classifies a compact cell of the label column (the label
	// aliases); inOther is section 三's state under （六）其他处理.
	match func(c string, inOther bool) label
	// memo is the spec's slot in a scratch's labelMemo, 1 to memoSpecs,
	// or 0 when its matches are not remembered.
	memo uint8
	// labelOf is the template's label of a row by its code, in any
	// template or variant (a row of the other one is read too), "" if none.
	labelOf func(code string) string
	// oldLabelOf is the row's label in the older template where it
	// differs (规范性文件 before 行政规范性文件), "" if none; nil when the
	// templates share their labels.
	oldLabelOf func(code string) string
	// wrapRule is the finding made when text after a blank row may be the
	// rest of its label or a row the template lacks.
	wrapRule *schemas.Rule
	cons     []lin   // the arithmetic the table solver uses; nil for none
	sys      *system // cons numbered, for repairRow
	columns  int     // the cells of a row, when every row has as many

	// How readRows reads the section's labels.

	// headerEndsRow: the table prints a header over each block of rows
	// (section 二), which closes the row above; otherwise a header inside
	// the table is one repeated after a page break, within a row.
	headerEndsRow bool
	// extraRows: text naming no row, at the start of a line, is the label
	// of a row the template lacks, kept as item extra (see extraText);
	// otherwise it is a row only after a row with all its cells (see
	// unknownText).
	extraRows bool
	// repeatJoins: a row's label printed again continues the row, also
	// after its numbers (a label split over lines, a rowspan repeated);
	// otherwise only before them.
	repeatJoins bool
	// gluedWhole: a label with digits glued to it (行政许可5) is read as
	// the row and its cells only when the cell as a whole names the same
	// row; otherwise whenever the label part names a row.
	gluedWhole bool
	// units: the header names money units for its amount columns, and a
	// row keeps the header cells above it (see byHeader).
	units bool
	// headerResumes: numbers printed after a header that repeats the
	// block's own (its columns, and its 第二十条 line if printed), before
	// any label, are the cells of the row that header closed: the row
	// went on over a page break that repeated the block's header.
	headerResumes bool
	// lineRows: in a layout aligned with spaces a row's cells stand on
	// one line, so a line of numbers only after the line that gave the
	// row its numbers is another row's (see readRows).
	lineRows bool
	// cellWord reports text that is a cell of the row with the given
	// code (持平 in a 本年增/减 column); nil when no text is.
	cellWord func(code, c string) bool
	// columnHead returns the column a header cell names, or -1: in a
	// layout aligned with spaces the rows are read by where each number
	// stands under them. Nil when the section is not read so.
	columnHead func(c string) int
	// group is the row that heads sub-rows (group.<sub>) when a label, not
	// a number, follows it, "" if none; afterGroup are the rows printed
	// after the group and its sub-rows.
	group      string
	afterGroup []string

	// bareRow: the table is one row that no label names (section 四): its
	// first number begins it, text before that is the header, a header
	// inside it is skipped (it marks no page number), and text after it
	// that is no header ends the table (the narrative after it); see
	// rowReader.bare.
	bareRow bool
	// blankLine: a line of exactly columns empty fields before any number
	// is the row with every cell blank (a Word table saved as text).
	blankLine bool
	// labelFirst: a label names its row only at the start of a line;
	// elsewhere it is a header cell (a header line of the rows' names).
	labelFirst bool
	// strictRows: a row holds only the numbers after its label, up to the
	// next cell that is no number: a header cell or text naming no row
	// ends it, and the numbers after it are no row's (the narrative after
	// the table).
	strictRows bool
	// columnNames are the names of the columns as the header prints them,
	// in order and repeated per group of columns: in a layout aligned
	// with spaces, the pieces of them printed before the first number are
	// assembled into the columns' positions (see namedHeads). Nil when the
	// section is not read so.
	columnNames []string

	// How a row's cells are placed once read (see placeRow).

	// fits reports numbers that, with the page numbers taken out, fit the
	// row's arithmetic (see dropPages); nil when none is checked.
	fits func(vals []*tok) bool
	// needTotal: every row prints its total (see row.needTotal).
	needTotal bool
	// posRule and posNote are the finding made when a row's numbers were
	// placed under the header columns they stand below; posNote takes
	// the numbers read and the columns.
	posRule *schemas.Rule
	posNote string
	// spanNote is posNote for numbers placed in the columns their page's
	// numbers form (see spanGrid).
	spanNote string
	// countRule is the finding made for a row whose numbers fit its
	// columns in no reading (see repairOpen).
	countRule *schemas.Rule
	// out returns the count, raw text and line of row idx of the
	// section's output table, where a repair or the solver writes a cell.
	out func(p *parser, idx int) (count **int64, raw *string, line *int32)
}

// rowSpec is one row of a table: its code, the template's label and the
// number of cells it prints.
type rowSpec struct {
	code, label string
	columns     int
}

// columnsOf is the number of columns of the spec's row with the given
// code, 0 for a code it has no row for (an extra row).
func (s *tableSpec) columnsOf(code string) int {
	for _, r := range s.rows {
		if r.code == code {
			return r.columns
		}
	}
	return 0
}

var (
	// s2Specs are section 二 of the 2019 and 2021 templates.
	s2Specs [2]tableSpec
	// s3Specs are section 三 with the single （六）其他处理 row and with the
	// three 2021 rows under it (see variant).
	s3Specs [2]tableSpec
	// s4Spec is section 四, one row of fifteen cells in printed order.
	s4Spec tableSpec
	// s4TransposedSpec is section 四 printed the other way round: a row
	// per outcome, in s4Columns' order, a cell per proceeding.
	s4TransposedSpec tableSpec
)

// buildSpecs fills the specs, once the cells and equations are built
// (see codes.go).
func buildSpecs() {
	for i, items := range [2][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		s := tableSpec{prefix: "s2", wrapRule: ruleS2LabelWrapUnsure, labelOf: itemLabel, oldLabelOf: itemLabel2019,
			match:         func(c string, _ bool) label { return matchS2(c) },
			headerEndsRow: true, extraRows: true, units: true, gluedWhole: true, headerResumes: true,
			cellWord: func(code, c string) bool {
				// 持平, 无变化, 0（持平）: a cell of the row, read as 0
				// only in a 本年增/减 column (see addDisclosureUnit).
				return isChangeRow(code) && noChange(c)
			}}
		for _, it := range items {
			s.rows = append(s.rows, rowSpec{it.Code.Code, it.Label, len(it.Metrics)})
		}
		s2Specs[i] = s
	}
	for i, single := range []bool{true, false} {
		s := tableSpec{prefix: "s3", wrapRule: ruleS3LabelWrapUnsure, labelOf: outcomeLabel,
			match: matchS3, cons: s3Cons[i], columns: len(schemas.Applicants),
			repeatJoins: true, columnHead: applicantHead, lineRows: true,
			group: "other", afterGroup: []string{"total", "carried_forward"},
			fits: rowTotalFits, needTotal: true, posRule: ruleS3CellPosition,
			posNote:   "row shows %d numbers for %d columns; each was placed under the header column it stands below on the page (blank cells are not printed in this layout)",
			spanNote:  "row shows %d numbers for %d columns; each was placed in the column whose span it stands in, the spans the page's numbers form (a row on the page prints all of them; blank cells are not printed in this layout)",
			countRule: ruleS3CellCount,
			out: func(p *parser, idx int) (**int64, *string, *int32) {
				a := &p.out.Applications[idx]
				return &a.Count, &a.Raw, &a.Line
			}}
		for _, o := range schemas.Outcomes(single) {
			s.rows = append(s.rows, rowSpec{o.Code.Code, o.Label, len(schemas.Applicants)})
		}
		s3Specs[i] = s
	}
	s4Spec = tableSpec{prefix: "s4", cons: s4Cons, columns: len(s4Cells),
		rows:  []rowSpec{{"s4", "四、政府信息公开行政复议、行政诉讼情况", len(s4Cells)}},
		match: matchS4, bareRow: true, blankLine: true,
		columnNames: s4Columns[:],
		fits:        s4Fits, posRule: ruleS4CellPosition,
		posNote:   "section 四 shows %d numbers for %d columns; each was placed under the header column it stands below on the page",
		countRule: ruleS4CellCount,
		out: func(p *parser, idx int) (**int64, *string, *int32) {
			a := &p.out.Appeals[idx]
			return &a.Count, &a.Raw, &a.Line
		}}
	s4TransposedSpec = tableSpec{prefix: "s4", columns: len(s4Cells) / len(s4Columns),
		match:      matchS4Outcome,
		labelFirst: true, strictRows: true, gluedWhole: true, headerEndsRow: true}
	for j, c := range s4Columns {
		s4TransposedSpec.rows = append(s4TransposedSpec.rows, rowSpec{code: strconv.Itoa(j), label: c, columns: len(s4Cells) / len(s4Columns)})
	}
	for i, s := range []*tableSpec{&s2Specs[0], &s2Specs[1], &s3Specs[0], &s3Specs[1], &s4Spec, &s4TransposedSpec} {
		s.sys = newSystem(s.cons)
		s.memo = uint8(i + 1)
	}
}

// matchS4Outcome classifies a cell of section 四 printed transposed: an
// outcome's name whole names its row (by its index in s4Columns), other
// header words are the header, any other text is none of the table.
func matchS4Outcome(c string, _ bool) label {
	if o := s4OutcomeOf(c); o >= 0 {
		return rowLabel(strconv.Itoa(o))
	}
	return matchS4(c, false)
}

// s2Spec is the spec of section 二 for the report's template.
func (p *parser) s2Spec() *tableSpec {
	if p.template == schemas.Template2021 {
		return &s2Specs[1]
	}
	return &s2Specs[0]
}

// wrapped decides whether text t, after the current row printed no cell
// on its line, continues the row's label or starts a row (see wrapOf),
// with the spec's finding when that cannot be told.
func (p *parser) wrapped(rr *rowReader, t tok) int {
	cur := rr.cur
	w := wrapOf(cur.label, rr.spec.labelOf(cur.code), t.c)
	if w == wrapUnsure {
		p.finding(rr.spec.wrapRule, schemas.SeverityWarning, rr.spec.prefix+"."+cur.code+".*",
			fmt.Sprintf("row %q prints no cell on its line; the numbers on the next line, after %q, are read as its own, that text taken for the end of its label (it may instead be a row the template lacks)", cur.label, t.c),
			int(t.line), nil, nil)
	}
	return w
}

// placeRow places the cells of row r of the table spec describes: page
// numbers taken out, then the first reading that fits its columns (see
// resolveAt), with the spec's finding when that placed them by position.
// ok is false when no reading fits, or one does only with blank cells
// after page numbers were taken out (see blankAfterPages).
func (p *parser) placeRow(spec *tableSpec, r *row) (slots []slot, vals []*tok, ok bool) {
	r.needTotal = spec.needTotal
	r.dropPages(spec.columns, spec.fits, p.lines)
	slots, vals, ok = r.resolveAt(spec.columns, r.cols)
	ok = ok && !blankAfterPages(r, slots)
	if ok && r.byPos {
		cell := spec.prefix + "." + r.code + ".*"
		if spec.bareRow {
			cell = spec.prefix + ".*" // the table's one row is all of it
		}
		note := spec.posNote
		if r.bySpans {
			note = spec.spanNote
		}
		p.finding(spec.posRule, schemas.SeverityRepaired, cell,
			fmt.Sprintf(note, len(vals), spec.columns), r.line, nil, nil)
	}
	return slots, vals, ok
}

// setSolved writes a cell the table solver determined to its output row
// (see solveGlued).
func (p *parser) setSolved(spec *tableSpec) func(cell string, cv *cellv) {
	return func(_ string, cv *cellv) {
		count, raw, line := spec.out(p, cv.idx)
		*count, *raw, *line = cv.v, cv.raw, int32(cv.line)
	}
}

// repairOpen repairs row r, whose numbers vals fit its cells in no
// reading, by the arithmetic (see repairRow): the cells it determines are
// filled, and the spec's finding names what was filled and what was lost,
// why (called once the repair is applied) saying how the cells were
// determined.
func (p *parser) repairOpen(spec *tableSpec, table *cellTable, cells []string, r *row, vals []*tok, cell string, why func() string) {
	det, note := p.repairRow(cells, vals, table, spec.sys)
	filled, lost := p.applyRepair(cells, det, table, func(idx int, d determined) {
		count, raw, line := spec.out(p, idx)
		*count, *raw = d.v, d.raw
		if d.line > 0 {
			*line = int32(d.line)
		}
	})
	p.cellCountFinding(spec.countRule, cell, r, len(vals), len(cells), filled, lost, why(), note)
	clear(det) // repairRow's storage: it points at nothing between calls
}

// afterGroupRow reports a label naming a row printed after the spec's
// group and its sub-rows (（七）总计 after （六）其他处理).
func (s *tableSpec) afterGroupRow(l label) bool {
	if !l.namesRow() {
		return false
	}
	for _, c := range s.afterGroup {
		if l.code == c {
			return true
		}
	}
	return false
}
