package transform

import (
	"fmt"

	"github.com/nianbao/nianbao/schemas"
)

// tableSpec is what the row reader knows of one section of one template:
// the prefix of its cells, its rows in the template's order, the words
// that name them, its columns and its arithmetic. The readers take the
// rows, columns and equations from here rather than from the schemas
// directly, so a layout or template variant is a new spec.
type tableSpec struct {
	sec    section
	prefix string    // cells are prefix.<row>.<column>
	rows   []rowSpec // in the template's order
	// match classifies a compact cell of the label column (the label
	// aliases); inOther is section 三's state under （六）其他处理.
	match func(c string, inOther bool) label
	// labelOf is the template's label of a row by its code, in any
	// template or variant (a row of the other one is read too), "" if none.
	labelOf func(code string) string
	// wrapRule is the finding made when text after a blank row may be the
	// rest of its label or a row the template lacks.
	wrapRule *schemas.Rule
	cons     []lin // the arithmetic the table solver uses; nil for none
}

// rowSpec is one row of a table: its code, the template's label and the
// number of cells it prints.
type rowSpec struct {
	code, label string
	columns     int
}

var (
	// s2Specs are section 二 of the 2019 and 2021 templates.
	s2Specs [2]tableSpec
	// s3Specs are section 三 with the single （六）其他处理 row and with the
	// three 2021 rows under it (see variant).
	s3Specs [2]tableSpec
	// s4Spec is section 四, one row of fifteen cells in printed order.
	s4Spec tableSpec
)

// buildSpecs fills the specs, once the cells and equations are built
// (see codes.go).
func buildSpecs() {
	for i, items := range [2][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		s := tableSpec{sec: secDisclosures, prefix: "s2", wrapRule: ruleS2LabelWrapUnsure, labelOf: itemLabel,
			match: func(c string, _ bool) label { return matchS2(c) }}
		for _, it := range items {
			s.rows = append(s.rows, rowSpec{it.Code.Code, it.Label, len(it.Metrics)})
		}
		s2Specs[i] = s
	}
	for i, single := range []bool{true, false} {
		s := tableSpec{sec: secApplications, prefix: "s3", wrapRule: ruleS3LabelWrapUnsure, labelOf: outcomeLabel,
			match: matchS3, cons: s3Cons[i]}
		for _, o := range schemas.Outcomes(single) {
			s.rows = append(s.rows, rowSpec{o.Code.Code, o.Label, len(schemas.Applicants)})
		}
		s3Specs[i] = s
	}
	s4Spec = tableSpec{sec: secAppeals, prefix: "s4", cons: s4Cons,
		rows: []rowSpec{{"s4", "四、政府信息公开行政复议、行政诉讼情况", len(s4Cells)}}}
}

// s2Spec is the spec of section 二 for the report's template.
func (p *parser) s2Spec() *tableSpec {
	if p.template == schemas.Template2021 {
		return &s2Specs[1]
	}
	return &s2Specs[0]
}

// rowReader holds what both label-driven readers (sections 二 and 三)
// build while they walk a section's cell stream: the rows so far, the
// current one, and one backing array for all the rows' cells. The cells
// are taken in order, each once, so the rows share the array; a row's
// slice is capped at its end, so that a later append to it
// (regroupCentred) copies instead of overwriting the next row's.
type rowReader struct {
	spec  *tableSpec
	rows  []*row
	cur   *row
	pool  []tok
	start int
}

func newRowReader(spec *tableSpec, toks []tok) rowReader {
	return rowReader{spec: spec, pool: make([]tok, 0, len(toks))}
}

// begin makes r the current row.
func (rr *rowReader) begin(r *row) {
	rr.cur, rr.start = r, len(rr.pool)
	rr.rows = append(rr.rows, r)
}

// add gives a cell to the current row.
func (rr *rowReader) add(t tok) {
	rr.pool = append(rr.pool, t)
	rr.cur.toks = rr.pool[rr.start:len(rr.pool):len(rr.pool)]
}

// beginLabelled starts the row a label cell (toks[i]) names: the empty
// fields its line ends with are the row's when the label ends the line,
// and a run of digits glued to the label is its first cell.
func (rr *rowReader) beginLabelled(code string, t tok, toks []tok, i int, glue *tok) *row {
	r := &row{code: code, label: t.c, line: t.line}
	if endsLine(toks, i) {
		r.trail = t.trail
	}
	rr.begin(r)
	if glue != nil {
		rr.add(*glue)
	}
	return r
}

// lastValue is the last number of the current row, nil if none.
func (rr *rowReader) lastValue() *tok {
	if rr.cur == nil {
		return nil
	}
	for k := len(rr.cur.toks) - 1; k >= 0; k-- {
		if v := &rr.cur.toks[k]; v.kind == tokValue {
			return v
		}
	}
	return nil
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
			t.line, nil, nil)
	}
	return w
}
