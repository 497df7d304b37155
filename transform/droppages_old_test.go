package transform

// dropPagesOld is dropPages before it read the row's values once to learn
// whether any can be a page number: it read them three times, the third
// looking at each for a page number.
func (r *row) dropPagesOld(n int, fits func(vals []*tok) bool, lines []string) {
	rowLine := 0 // the last line holding several of the row's cells
	nvals := 0
	for i := range r.toks {
		if t := &r.toks[i]; t.kind == tokValue {
			nvals++
			if t.rowMode {
				rowLine = int(t.line)
			}
		}
	}
	cand := false
	lone := 0 // values of the row standing alone on their lines
	for i := range r.toks {
		if t := &r.toks[i]; t.kind == tokValue && !t.rowMode {
			lone++
		}
	}
	for i := range r.toks {
		// Below a line of the row's cells, a number alone on its line is
		// where pdftotext prints the page number; not when the row prints
		// another number alone on its line (one cell per line, two of them
		// run together on one line, "1 · 2 3 · 4" or "1 2 · 3 · 4"): the
		// lone numbers are cells, and the row has a number too many.
		// Nor when that line is a bare run of numbers ("8 493", see
		// bareRun): the row has a number too many either way.
		if v := &r.toks[i]; v.kind == tokValue && (v.page || (rowLine > 0 && v.alone && !v.rowMode && int(v.line) > rowLine && lone == 1 && !bareRun(lines, rowLine))) {
			v.page, cand = true, true
		}
	}
	var guess *tok
	if !cand && nvals == n+1 {
		// Before a header line a bare number is the page number only
		// when the row has one number too many with it.
		for i := range r.toks {
			if v := &r.toks[i]; v.kind == tokValue && v.pageIfExtra && !(rowLine > 0 && bareRun(lines, rowLine)) {
				v.page, cand = true, true
				guess = v
				break
			}
		}
	}
	if !cand {
		return // the common case: no number looks like a page number
	}
	vals := make([]*tok, 0, nvals)
	for i := range r.toks {
		if t := &r.toks[i]; t.kind == tokValue {
			vals = append(vals, t)
		}
	}
	if len(vals) == n && fits != nil && fits(vals) {
		return
	}
	if drop := pageSubset(vals, n, fits); drop != nil {
		for _, v := range vals {
			v.page = drop[v]
		}
	}
	keep := r.toks[:0:0]
	for i := range r.toks {
		if t := &r.toks[i]; t.kind == tokValue && t.page {
			r.pages++
			if t == guess {
				g := *t
				r.pageGuess = &g
			}
			continue
		}
		keep = append(keep, r.toks[i])
	}
	r.toks = keep
}
