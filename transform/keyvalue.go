package transform

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

// Section 二 printed as "label：value" lines instead of a table:
//
//	规章本年制发件数：62
//	行政许可
//	本年处理决定数量：8
//	规章：本年制发件数62，本年废止件数214，现行有效件数239
//	行政事业性收费本年收费金额（单位：万元）：512.57
//
// The label before the colon names the item and the column; the item may
// be named by the line above instead (行政许可 alone on its line, then
// its columns' lines), and the column left out when the item has one. A
// value is taken only when the label names exactly one cell of the
// template (or of the other template's rows, as otherTemplateRows keeps
// them); a line that names an item but no single cell of it is left to
// the table reader with an S2_KEY_VALUE finding.

// s2MetricWords are the wordings of section 二's column headers that name
// the column of a "label：value" line, longest first so that a label
// ending in 本年处理决定数量 is not cut at 决定数量. Each names one column
// (s2ColumnKey).
var s2MetricWords = func() []string {
	w := []string{
		"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "处理决定数量",
		"采购项目数量", "采购总金额", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
		"本年收费金额", "收费金额",
		// as agencies shorten or reword them
		"本年制作数量", "新制作数量", "新公开数量", "对外公开总数", "公开总数量", "公开总数",
		"上年项目数量", "上一年项目数", "本年增减", "本年增(减)", "增/减", "增减", "处理决定数", "决定数量",
		"本年处理决定数", "采购项目数", "采购金额", "采购总额", "本年制发", "制发件数", "本年废止", "废止件数",
		"现行有效", "有效件数",
	}
	slices.SortStableFunc(w, func(a, b string) int { return len(b) - len(a) })
	return w
}()

// kvCell is a cell printed on a "label：value" line: the item, the index
// of its metric in the item's columns, the value as a cell, the label
// printed and the unit the label states (本年收费金额（单位：万元）).
type kvCell struct {
	code   string
	metric int
	val    tok
	label  string
	unit   string
}

// kvPiece is one "column value" pair of a line: the column's key in
// s2ColumnKeys (-1 when the line names none) and the value's text.
type kvPiece struct {
	key  int
	unit string
	val  string
}

// s2KeyValues takes the "label：value" lines out of section 二's cell
// stream and returns the stream without them, and the cells they print
// by item. A label alone on its line that names the item of the lines
// after it goes with them. Lines that name an item but no single cell of
// it stay in the stream, with a finding.
func (p *parser) s2KeyValues(toks []tok, metricsOf map[string][]schemas.Metric) ([]tok, map[string][]kvCell) {
	if !slices.ContainsFunc(toks, func(t tok) bool {
		i := strings.IndexByte(t.c, ':')
		return t.kind == tokText && i >= 0 && hasDigit(t.c[i+1:])
	}) {
		// A table, as most are: no line to look at twice. A colon with
		// no digit after it is a unit's (单位：万元), no value's.
		return toks, nil
	}
	var kv map[string][]kvCell
	var drop []int
	ctx, ctxAt, ctxLabel := "", -1, ""
	var pend []int // bare numbers alone on their lines since the item's label or line
	hdrUnit := ""  // the unit of the amount column header above, as readRows keeps it
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == tokBlank:
			continue
		case t.kind == tokValue && t.alone && ctx != "":
			// a page's number between the item's label and its lines, or
			// between its lines
			pend = append(pend, i)
			continue
		case t.kind != tokText:
			ctx, ctxAt, pend = "", -1, nil
			continue
		}
		label, pieces, ok := splitKeyValue(t.c, t.raw)
		if !ok {
			ctx, ctxAt, pend = "", -1, nil
			m := matchS2(t.c)
			if m.kind == lblRow && t.first && !t.rowMode && endsLine(toks, i) {
				ctx, ctxAt, ctxLabel = m.code, i, t.c
			}
			if m.kind == lblHeader && hanContains(t.c, "金额") {
				hdrUnit = normalize.HeaderUnit(t.raw)
			}
			continue
		}
		code := ""
		if label == "" && strings.HasPrefix(t.c, ":") && ctxAt < 0 {
			// ：本年制发件数111，…: the label's line wrapped before its
			// colon; the label must stand alone on the line above, not
			// be an item whose lines came before.
			label = ""
		} else if label == "" {
			code, label = ctx, ctxLabel
		} else if code = kvItem(label); code == "" {
			ctx, ctxAt, pend = "", -1, nil
			continue // no item's label: not such a line
		}
		ms, known := metricsOf[code]
		cells, why := kvResolve(pieces, ms)
		if code == "" || !known || cells == nil {
			ctx, ctxAt, pend = "", -1, nil
			cell := "s2." + code + ".*"
			if code == "" {
				cell = "s2.*"
				why = "no item's label precedes it"
			}
			p.finding(ruleS2KeyValue, schemas.SeverityWarning, cell, fmt.Sprintf(
				"line %q prints a value after its label, which names no single cell of the template (%s): not read", strings.TrimSpace(t.raw), why),
				int(t.line), nil, strp(strings.TrimSpace(t.raw)))
			continue
		}
		if kv == nil {
			kv = map[string][]kvCell{}
		}
		for _, c := range cells {
			kv[code] = append(kv[code], kvCell{code: code, metric: c.metric, label: label, unit: cmp.Or(c.unit, hdrUnit),
				val: tok{kind: tokValue, raw: c.val, c: c.val, line: t.line, first: true}})
		}
		drop = append(drop, i)
		if ctx == code && label == ctxLabel {
			// The item's label line goes with its lines, and so do the
			// page numbers between: the lines name its cells.
			if ctxAt >= 0 {
				drop = append(drop, ctxAt)
			}
			drop = append(drop, pend...)
		}
		ctx, ctxAt, ctxLabel, pend = code, -1, label, nil
	}
	if len(drop) == 0 {
		return toks, nil
	}
	slices.Sort(drop)
	out := toks[:0]
	for i, t := range toks {
		if _, found := slices.BinarySearch(drop, i); !found {
			out = append(out, t)
		}
	}
	return out, kv
}

// kvResolved is a piece of a line placed in a column of its item.
type kvResolved struct {
	metric int
	unit   string
	val    string
}

// kvResolve places the pieces of a line in the item's columns ms: each
// piece must name one of them (or, when the line names no column, the
// item must have just one). It returns nil and why when a piece names
// none or the line names no column of an item with several.
func kvResolve(pieces []kvPiece, ms []schemas.Metric) ([]kvResolved, string) {
	var out []kvResolved
	for _, pc := range pieces {
		j := -1
		switch {
		case pc.key < 0 && len(ms) == 1:
			j = 0
		case pc.key < 0:
			return nil, fmt.Sprintf("the item has %d columns and the label names none", len(ms))
		default:
			for k, m := range ms {
				if s2ColumnKey(m.Label) == pc.key {
					j = k
				}
			}
			if j < 0 {
				return nil, fmt.Sprintf("the item has no column %s", s2ColumnKeys[pc.key][0])
			}
		}
		out = append(out, kvResolved{metric: j, unit: pc.unit, val: pc.val})
	}
	return out, ""
}

// kvItem is the item a line's label names, "" if none: the label must
// begin with an item's words (after a list numeral or a 第二十条
// reference) and name no header.
func kvItem(label string) string {
	if end := clauseRefEnd(label); end >= 0 {
		label = label[end:]
	}
	body := stripNumbering(label)
	m := matchS2(label)
	if m.kind != lblRow {
		return ""
	}
	for _, k := range s2Keys {
		if k.code == m.code && strings.HasPrefix(body, k.key) {
			return m.code
		}
	}
	return ""
}

// splitKeyValue splits a compact cell c printed as "label：value" (raw as
// printed) into the label before its column words, and the pieces
// (column, value) it prints: 规章本年制发件数：62, 本年处理决定数量：8 (no
// label), 行政许可：8 (no column), 规章：本年制发件数62，本年废止件数214. ok
// is false for any other cell: no colon outside brackets, a sentence, a
// value part that is no value. A cell may start with its colon, the label
// on the line above (行政规范性文件 / ：本年制发件数111，…).
func splitKeyValue(c, raw string) (label string, pieces []kvPiece, ok bool) {
	if !hanContains(c, ":") || hanContains(c, "。") {
		return "", nil, false
	}
	if end := clauseRefEnd(c); end >= 0 {
		c = c[end:] // 第二十条第（一）项：规章本年制发件数：62
	}
	colon := topColon(c)
	if colon < 0 || colon == len(c)-1 {
		return "", nil, false
	}
	key, rest := c[:colon], c[colon+1:]
	label, k, unit := splitColumn(key)
	if isKVValue(rest) {
		if v := rawValue(raw); v != "" {
			rest = v
		}
		return label, []kvPiece{{key: k, unit: unit, val: rest}}, true
	}
	if k >= 0 {
		return "", nil, false
	}
	// 规章：本年制发件数62，本年废止件数214: a column and its value each
	for _, part := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ';' }) {
		pc, ok := columnValue(part)
		if !ok {
			return "", nil, false
		}
		pieces = append(pieces, pc)
	}
	return label, pieces, len(pieces) > 0
}

// rawValue is the value of a raw "label：value" cell as printed: after its
// last colon, trimmed; "" when that holds a bracket (the colon was a
// unit's).
func rawValue(raw string) string {
	i := max(strings.LastIndex(raw, ":"), strings.LastIndex(raw, "："))
	if i < 0 {
		return ""
	}
	_, n := utf8.DecodeRuneInString(raw[i:])
	v := strings.TrimSpace(raw[i+n:])
	if strings.ContainsAny(v, "()（）") {
		return ""
	}
	return v
}

// columnValue reads a piece "column value" (本年制发件数62, 本年收费金额
// （单位：万元）512.57, 上一年项目数量：3).
func columnValue(part string) (kvPiece, bool) {
	for _, w := range s2MetricWords {
		rest, ok := strings.CutPrefix(part, w)
		if !ok {
			continue
		}
		unit := ""
		if strings.HasPrefix(rest, "(") {
			end := strings.IndexByte(rest, ')')
			if end < 0 {
				return kvPiece{}, false
			}
			unit = normalize.HeaderUnit(rest[:end+1])
			rest = rest[end+1:]
		}
		rest = strings.TrimPrefix(rest, ":")
		if !isKVValue(rest) {
			return kvPiece{}, false
		}
		return kvPiece{key: s2ColumnKey(w), unit: unit, val: rest}, true
	}
	return kvPiece{}, false
}

// splitColumn splits the key of a "label：value" line into the label and
// the column words that end it, with the unit a bracket after them states
// (本年收费金额（单位：万元）); k is -1 when no column is named.
func splitColumn(key string) (label string, k int, unit string) {
	core := key
	for strings.HasSuffix(core, ")") {
		open := strings.LastIndexByte(core, '(')
		if open < 0 {
			break
		}
		unit = cmp.Or(normalize.HeaderUnit(core[open:]), unit)
		core = core[:open]
	}
	for _, w := range s2MetricWords {
		if strings.HasSuffix(core, w) {
			return core[:len(core)-len(w)], s2ColumnKey(w), unit
		}
	}
	return key, -1, ""
}

// topColon is the byte offset of the first colon of c outside brackets,
// -1 if none.
func topColon(c string) int {
	depth := 0
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '(':
			depth++
		case ')':
			depth = max(depth-1, 0)
		case ':':
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// isKVValue reports text that is a value of a "label：value" line: a
// number, an amount or a not-applicable marker, or no change in words.
func isKVValue(v string) bool {
	return v != "" && (classify(v) == tokValue || noChange(v))
}

// emitKeyValues writes item it's cells from its "label：value" lines,
// each column from the one line that names it; a column no line names,
// or two lines name with different values, is null with a finding.
// tableUnit is the unit printed for the whole table.
func (p *parser) emitKeyValues(it schemas.Item, cells []kvCell, tableUnit string) {
	for j, m := range it.Metrics {
		var got *kvCell
		clash := false
		for k := range cells {
			c := &cells[k]
			if c.metric != j {
				continue
			}
			if got != nil && compact(got.val.raw) != compact(c.val.raw) {
				clash = true
			}
			if got == nil {
				got = c
			}
		}
		cell := discCell(it.Code.Code, m)
		switch {
		case got == nil:
			p.addDisclosure(it, m, cells[0].label, nil, int(cells[0].val.line))
			p.finding(ruleS2KeyValue, schemas.SeverityError, cell, fmt.Sprintf(
				"item %s is printed as label：value lines, none of them for column %s: left null", it.Code.Code, m.Code.Code),
				int(cells[0].val.line), nil, nil)
		case clash:
			p.addDisclosure(it, m, got.label, nil, int(got.val.line))
			p.finding(ruleS2KeyValue, schemas.SeverityError, cell, fmt.Sprintf(
				"item %s is printed as label：value lines, two of them for column %s with different values: left null", it.Code.Code, m.Code.Code),
				int(got.val.line), nil, nil)
		default:
			p.addDisclosureUnit(it, m, got.label, &slot{t: &got.val, line: int(got.val.line)}, 0, cmp.Or(got.unit, tableUnit))
		}
	}
}

// keyValueRow writes item it from its "label：value" lines cells, when it
// has any and the table reader's row r for it printed no number; with
// both, the row is read as ever and the lines get a finding. It reports
// whether the item was written.
func (p *parser) keyValueRow(it schemas.Item, r *row, cells []kvCell, tableUnit string) bool {
	if len(cells) == 0 {
		return false
	}
	if r != nil && hasValues(r) {
		p.finding(ruleS2KeyValue, schemas.SeverityWarning, "s2."+it.Code.Code+".*", fmt.Sprintf(
			"item %s is printed both as row %q (line %d) with numbers and as label：value lines (line %d); the row is kept",
			it.Code.Code, r.label, r.line, int(cells[0].val.line)), int(cells[0].val.line), nil, nil)
		return false
	}
	p.emitKeyValues(it, cells, tableUnit)
	return true
}

// otherTemplateKeyValues writes the items only the other template has
// (政府集中采购 in a 2021 report) from their "label：value" lines, as
// otherTemplateRows does from rows. A row of such an item that printed no
// number gives way to the lines (see dropBlankRows); one that did is kept,
// the lines with a finding.
func (p *parser) otherTemplateKeyValues(items []schemas.Item, byCode map[string]*row, kv map[string][]kvCell, tableUnit string) {
	if len(kv) == 0 {
		return
	}
	other, tmpl := schemas.Disclosures2019, schemas.Template2019
	if p.template != schemas.Template2021 {
		other, tmpl = schemas.Disclosures2021, schemas.Template2021
	}
	for _, it := range other {
		cells := kv[it.Code.Code]
		if len(cells) == 0 || slices.ContainsFunc(items, func(m schemas.Item) bool { return m.Code.Code == it.Code.Code }) {
			continue
		}
		if r := byCode[it.Code.Code]; r != nil {
			p.keyValueRow(it, r, cells, tableUnit) // a row with numbers: kept, the lines flagged
			continue
		}
		p.finding(ruleS2TemplateRow, schemas.SeverityInfo, "s2."+it.Code.Code+".*",
			fmt.Sprintf("item %q belongs to section 二 of template %s, not %s; kept as item %s with that template's columns",
				cells[0].label, tmpl, p.template, it.Code.Code), int(cells[0].val.line), nil, nil)
		p.emitKeyValues(it, cells, tableUnit)
	}
}

// dropBlankRows takes out of byCode the rows that printed no number of
// the items printed as "label：value" lines: the lines are the item's.
func dropBlankRows(byCode map[string]*row, kv map[string][]kvCell) {
	for code := range kv {
		if r := byCode[code]; r != nil && !hasValues(r) {
			delete(byCode, code)
		}
	}
}
