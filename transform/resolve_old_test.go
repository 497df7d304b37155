package transform

// resolveAtOld is resolveAt as it was before its numbers were gathered by
// resolveBufs.valuesOf, in one pass over the cells instead of a count and
// a fill: kept to test that the rows resolve alike. Only the name differs.
func (r *row) resolveAtOld(n int, cols heads) (slots []slot, values []*tok, ok bool) {
	k := 0
	for i := range r.toks {
		if r.toks[i].kind == tokValue {
			k++
		}
	}
	if k > 0 {
		values = r.ar.valsOf(k)
	}
	for i := range r.toks {
		if r.toks[i].kind == tokValue {
			values = append(values, &r.toks[i])
		}
	}
	if len(values) == n {
		slots = r.ar.slotsOf(n)
		for _, v := range values {
			slots = append(slots, slot{t: v, line: int(v.line)})
		}
		return slots, values, true
	}
	if len(values) > n {
		return nil, values, false
	}
	rowMode := false
	for i := range r.toks {
		if r.toks[i].kind == tokValue && r.toks[i].rowMode {
			rowMode = true
		}
	}
	// Reading 2: values and explicit empties. An empty field counts only
	// on a line that holds values of this row, or as a whole
	// whitespace-only line; the empty fields of a repeated header do not.
	// Cells of one row stand together: the run ends at the first blank
	// line after it began (what follows belongs to the next row's merged
	// columns).
	onValueLine := func(line int) bool {
		for _, v := range values {
			if int(v.line) == line {
				return true
			}
		}
		return false
	}
	s2 := r.ar.slotsOf(n + 2)
	for i := range r.toks {
		t := &r.toks[i]
		if t.kind == tokBlank && len(s2) > 0 && !rowMode {
			break
		}
		switch t.kind {
		case tokValue:
			s2 = append(s2, slot{t: t, line: int(t.line)})
		case tokEmpty:
			if !t.rowMode || onValueLine(int(t.line)) {
				s2 = append(s2, slot{empty: true, line: int(t.line)})
			}
		}
	}
	// A row printed one cell per line whose first line after the label is
	// empty, with more lines than columns: that line may be the column
	// the label spans (see markLabelPads) or a blank first cell.
	padFirst := !rowMode && len(r.toks) > 0 && r.toks[0].kind == tokEmpty && len(s2) > n
	if padFirst && r.padLine && len(s2) == n+1 {
		return s2[1:], values, true
	}
	if s := trimTo(s2, n); s != nil {
		if padFirst {
			// Reading the empty line as 自然人 drops an empty line
			// after the row's last cell, and the other way round: the
			// lines do not tell which is no cell. The row is read as
			// one with a cell missing.
			return nil, values, false
		}
		if r.leadAndTrail(s2, values, n) {
			// Empty fields both after the label and after the last value,
			// one more than the row has cells: a label's merged column
			// and a blank last cell, or a blank first cell and a padding
			// tab. The row is read as one with a cell missing.
			return nil, values, false
		}
		return s, values, true
	}
	// Empty fields before the first value may be the label's own merged
	// columns ("| 三、… | | 0 | …" from scrapers): drop them if that fits.
	if len(s2) > n {
		lead := 0
		for lead < len(s2) && s2[lead].empty && s2[lead].line == r.line {
			lead++
		}
		if s := trimTo(s2[min(lead, len(s2)-n):], n); lead > 0 && s != nil {
			return s, values, true
		}
	}
	if s := r.withTrailing(s2, values, n); s != nil {
		return s, values, true
	}
	if rowMode {
		if s := placeByColumn(values, cols, n); s != nil && (!r.needTotal || !s[n-1].empty) {
			r.byPos = true
			return s, values, true
		}
		if s := placeBySpans(r, values, n); s != nil && (!r.needTotal || !s[n-1].empty) {
			r.byPos, r.bySpans = true, true
			return s, values, true
		}
		return nil, values, false
	}
	// Reading 3: paragraphs. Skip the separator after the label, then an
	// empty line is an empty cell and each value swallows the separator
	// that follows it. Only when the row really is laid out so: no two
	// values on consecutive lines.
	for i := 0; i+1 < len(r.toks); i++ {
		if r.toks[i].kind == tokValue && r.toks[i+1].kind == tokValue {
			return nil, values, false
		}
	}
	s3 := make([]slot, 0, len(r.toks)) // at most a slot a cell
	i := 0
	if i < len(r.toks) && r.toks[i].kind == tokBlank {
		i++
	}
	for ; i < len(r.toks); i++ {
		t := &r.toks[i]
		switch t.kind {
		case tokBlank, tokEmpty:
			s3 = append(s3, slot{empty: true, line: int(t.line)})
		case tokValue:
			s3 = append(s3, slot{t: t, line: int(t.line)})
			if i+1 < len(r.toks) && r.toks[i+1].kind == tokBlank {
				i++
			}
		}
	}
	if len(s3) == 0 {
		s3 = nil // as before it was made with room: trimTo tells nil apart
	}
	if s := trimTo(s3, n); s != nil {
		return s, values, true
	}
	if r.paraEmpty {
		if s := r.emptyParagraphs(n); s != nil {
			return s, values, true
		}
	}
	return nil, values, false
}
