package transform

import (
	"fmt"
	"maps"
	"math"
	"strings"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

// maxAlignments bounds the search: rows are short, but a broken stream could
// offer dozens of numbers for seven columns.
const maxAlignments = 5000

// Trying an alignment against the arithmetic solves the whole table, so
// the alignments tried are bounded per row and per report: a row with a
// cell or two lost or doubled has at most a few hundred (15 numbers for
// 13 cells: 105), while a broken stream (14 numbers for 7 cells in every
// row) would otherwise take seconds. A row over the bound is left null
// and its finding says why.
const (
	maxRowTrials    = 1000
	maxReportTrials = 4000
)

// numAlignments is len(alignments(k, n)) without listing them, capped
// just above maxAlignments.
func numAlignments(k, n int) int {
	if k == 0 || n == 0 {
		return 0
	}
	a, b := max(k, n), min(k, n)
	b = min(b, a-b)
	c := 1
	for i := 1; i <= b; i++ {
		c = c * (a - b + i) / i
		if c > maxAlignments {
			return maxAlignments + 1
		}
	}
	return c
}

// limitNote explains a row left null because the alignments it allows
// exceed the bounds above.
func limitNote(k, n int) string {
	m := numAlignments(k, n)
	what := fmt.Sprintf("%d", m)
	if m > maxAlignments {
		what = fmt.Sprintf("over %d", maxAlignments)
	}
	return fmt.Sprintf(" (the %d numbers can stand in the %d columns in %s ways, more than are tried for one row or report)", k, n, what)
}

// alignments lists every way k printed numbers can stand in n columns,
// keeping their order. Each alignment maps column j to the index of the
// number in it, or -1 when the column's number was lost. With k > n it is
// the ways of dropping k-n surplus numbers. Nil when there are too many.
func alignments(k, n int) [][]int {
	if k == 0 || n == 0 {
		return nil
	}
	var out [][]int
	cur := make([]int, 0, n)
	if k <= n {
		// choose which columns receive the k numbers
		var rec func(col, next int)
		rec = func(col, next int) {
			if len(out) > maxAlignments {
				return
			}
			if col == n {
				if next == k {
					out = append(out, append([]int(nil), cur...))
				}
				return
			}
			if n-col > k-next { // this column may stay empty
				cur = append(cur, -1)
				rec(col+1, next)
				cur = cur[:len(cur)-1]
			}
			if next < k {
				cur = append(cur, next)
				rec(col+1, next+1)
				cur = cur[:len(cur)-1]
			}
		}
		rec(0, 0)
	} else {
		// choose which n of the k numbers are kept
		var rec func(i int)
		rec = func(i int) {
			if len(out) > maxAlignments {
				return
			}
			if len(cur) == n {
				out = append(out, append([]int(nil), cur...))
				return
			}
			if k-i < n-len(cur) {
				return
			}
			cur = append(cur, i)
			rec(i + 1)
			cur = cur[:len(cur)-1]
			rec(i + 1)
		}
		rec(0)
	}
	if len(out) > maxAlignments {
		return nil
	}
	return out
}

// lin is one linear constraint of a table: Σ coef[i]·cell[i] = 0.
type lin struct {
	cells []string
	coef  []int64
}

// propagate fills unknown cells (nil) that the constraints and the
// non-negativity of counts determine, and returns how many constraints the
// completed values violate and how many constraint evaluations that took
// (its work, which tests bound instead of its time).
func propagate(vals map[string]*int64, na map[string]bool, cons []lin, only map[string]bool) (int, int) {
	bad := make([]bool, len(cons))
	usable := make([]bool, len(cons))
	for ci, c := range cons {
		// An equation over a not-applicable cell says nothing certain: the
		// agency's '/' may mean 0 or "not counted".
		usable[ci] = true
		for _, cell := range c.cells {
			if na[cell] {
				usable[ci] = false
			}
		}
	}
	steps := 0
	for changed := true; changed; {
		changed = false
		for ci, c := range cons {
			if !usable[ci] {
				continue
			}
			steps++
			// exact: huge printed counts must not wrap around
			var sum wide
			var unk []int
			for i, cell := range c.cells {
				v, ok := vals[cell]
				if !ok {
					continue
				}
				if v == nil {
					unk = append(unk, i)
					continue
				}
				sum = sum.add(mul(c.coef[i], *v))
			}
			switch {
			case len(unk) == 0:
				bad[ci] = sum.sign() != 0
			case len(unk) == 1:
				// coef·x = -sum has a count for x only when it divides
				// and x fits an int64 (a value no count can hold is no
				// value determined)
				s, fits := sum.int64()
				k := c.coef[unk[0]]
				if !fits || k == 0 || (s == math.MinInt64 && k == -1) || s%k != 0 || -(s/k) < 0 {
					bad[ci] = true
					continue
				}
				x := -(s / k)
				vals[c.cells[unk[0]]] = &x
				changed = true
			default:
				sign := c.coef[unk[0]]
				same := true
				for _, u := range unk {
					if (c.coef[u] > 0) != (sign > 0) {
						same = false
					}
				}
				if !same {
					continue
				}
				// Σ unknowns·sign = -sum; non-negative unknowns
				rest := sum.neg()
				if sign < 0 {
					rest = sum
				}
				if rest.sign() < 0 {
					bad[ci] = true
				} else if rest.sign() == 0 {
					for _, u := range unk {
						z := int64(0)
						vals[c.cells[u]] = &z
					}
					changed = true
				}
			}
		}
	}
	n := 0
	for ci, b := range bad {
		if !b {
			continue
		}
		for _, cell := range cons[ci].cells {
			if only == nil || only[cell] {
				n++
				break
			}
		}
	}
	return n, steps
}

// s3Constraints are the template's arithmetic over section 三.
func s3Constraints(outcomes []schemas.Outcome) []lin {
	var cons []lin
	for _, a := range schemas.Applicants {
		c := lin{cells: []string{schemas.ApplicationCell("total", a.Code)}, coef: []int64{1}}
		for _, o := range outcomes {
			if o.Result {
				c.cells = append(c.cells, schemas.ApplicationCell(o.Code.Code, a.Code))
				c.coef = append(c.coef, -1)
			}
		}
		cons = append(cons, c)
		cons = append(cons, lin{
			cells: []string{schemas.ApplicationCell("new_received", a.Code), schemas.ApplicationCell("carried_over", a.Code),
				schemas.ApplicationCell("total", a.Code), schemas.ApplicationCell("carried_forward", a.Code)},
			coef: []int64{1, 1, -1, -1},
		})
	}
	for _, o := range outcomes {
		c := lin{cells: []string{schemas.ApplicationCell(o.Code.Code, "total")}, coef: []int64{1}}
		for _, a := range schemas.Applicants[:6] {
			c.cells = append(c.cells, schemas.ApplicationCell(o.Code.Code, a.Code))
			c.coef = append(c.coef, -1)
		}
		cons = append(cons, c)
	}
	return cons
}

func s4Constraints() []lin {
	var cons []lin
	for _, pr := range schemas.Proceedings {
		c := lin{cells: []string{schemas.AppealCell(pr.Code, "total")}, coef: []int64{1}}
		for _, o := range schemas.AppealOutcomes[:4] {
			c.cells = append(c.cells, schemas.AppealCell(pr.Code, o.Code))
			c.coef = append(c.coef, -1)
		}
		cons = append(cons, c)
	}
	return cons
}

// snapshot gives the solver's view of a table: known values, unknowns as
// nil, and the set of cells printed as not applicable.
func snapshot(cells *cellTable) (map[string]*int64, map[string]bool) {
	vals := make(map[string]*int64, cells.len())
	na := map[string]bool{}
	// The values live in one array, each cell its own element: one
	// allocation for the table, not one per cell. The capacity is fixed,
	// so the pointers into it stay valid.
	store := make([]int64, 0, cells.len())
	cells.each(func(k string, cv *cellv) {
		switch {
		case cv.rejected:
			// an equation over it says nothing certain, as over a '/'
			vals[k] = nil
			na[k] = true
		case cv.unknown:
			vals[k] = nil
		case cv.v != nil:
			store = append(store, *cv.v)
			vals[k] = &store[len(store)-1]
		default:
			store = append(store, 0)
			vals[k] = &store[len(store)-1]
			na[k] = true
		}
	})
	return vals, na
}

// determined is the outcome of repairing one row.
type determined struct {
	ok   bool
	v    *int64 // nil with ok: a printed not-applicable marker
	raw  string
	line int
	// rejected is set, without ok, when every alignment puts the same
	// printed value the normalizer rejects in this column: the cell is
	// null with raw as printed, and never filled by the arithmetic.
	rejected bool
	err      error
}

// repairRow decides the cells of a row whose printed numbers did not fit its
// columns. A cell is filled only when every alignment the arithmetic allows
// gives it the same value: either the same printed number, or the same
// number the other cells force.
// When the row allows more alignments than the bounds leave to try, it is
// not tried and note says so.
func (p *parser) repairRow(cells []string, vals []*tok, table *cellTable, cons []lin) (out []determined, note string) {
	n := len(cells)
	out = make([]determined, n)
	if m := numAlignments(len(vals), n); m > maxRowTrials || p.trials+m > maxReportTrials {
		return out, limitNote(len(vals), n)
	}
	alns := alignments(len(vals), n)
	if alns == nil {
		return out, ""
	}
	p.trials += len(alns)
	type trial struct {
		v    []*int64
		tok  []*tok
		rej  []error // the normalizer's reason, for a printed value it rejects
		bad  int
		fine bool
	}
	trials := make([]trial, 0, len(alns))
	best := -1
	mine := map[string]bool{}
	for _, c := range cells {
		mine[c] = true
	}
	// The table as read, once: each alignment starts from a copy (the
	// solver replaces entries, it never writes through them).
	base, baseNA := snapshot(table)
	for _, a := range alns {
		snap, na := maps.Clone(base), maps.Clone(baseNA)
		tr := trial{v: make([]*int64, n), tok: make([]*tok, n), rej: make([]error, n), fine: true}
		for j, k := range a {
			snap[cells[j]] = nil
			delete(na, cells[j])
			if k < 0 {
				continue
			}
			res := normalize.Count(vals[k].raw)
			tr.tok[j] = vals[k]
			switch {
			case res.NA:
				z := int64(0)
				snap[cells[j]] = &z
				na[cells[j]] = true
			case res.OK() && !res.Overflow:
				v := res.Count
				snap[cells[j]] = &v
			default:
				tr.rej[j] = res.Err
				na[cells[j]] = true // as in snapshot
			}
		}
		var steps int
		tr.bad, steps = propagate(snap, na, cons, mine)
		p.steps += steps
		for j := range cells {
			if tr.rej[j] == nil {
				tr.v[j] = snap[cells[j]]
			} // a rejected value stays unknown: the arithmetic never replaces what was printed
		}
		if best < 0 || tr.bad < best {
			best = tr.bad
		}
		trials = append(trials, tr)
	}
	// The arithmetic narrows the alignments only when some alignment agrees
	// with it completely; if none does, the report is inconsistent around
	// this row and the arithmetic cannot be trusted to place its numbers.
	keep := func(tr trial) bool { return best > 0 || tr.bad == 0 }
	for j := range cells {
		d := determined{ok: true}
		first := true
		var rejTok *tok // the rejected value every kept alignment puts here
		rejAll := true
		for _, tr := range trials {
			if !keep(tr) {
				continue
			}
			if tr.rej[j] == nil || (rejTok != nil && tr.tok[j] != rejTok) {
				rejAll = false
			} else if rejTok == nil {
				rejTok, d.err = tr.tok[j], tr.rej[j]
			}
		}
		if rejAll && rejTok != nil {
			out[j] = determined{rejected: true, raw: rejTok.raw, line: rejTok.line, err: d.err}
			continue
		}
		d.err = nil
		for _, tr := range trials {
			if !keep(tr) {
				continue
			}
			if tr.v[j] == nil {
				d.ok = false
				break
			}
			raw := ""
			if tr.tok[j] != nil {
				raw = tr.tok[j].raw
			}
			if first {
				d.v, d.raw, first = tr.v[j], raw, false
				if tr.tok[j] != nil {
					d.line = tr.tok[j].line
				}
				continue
			}
			if *d.v != *tr.v[j] {
				d.ok = false
				break
			}
			if compact(d.raw) != compact(raw) {
				d.raw, d.line = "", 0
			}
		}
		if d.ok && d.raw != "" {
			if res := normalize.Count(d.raw); res.NA {
				d.v = nil
			}
		}
		out[j] = d
	}
	return out, ""
}

// applyRepair records what repairRow determined: determined cells get their
// value in the table state and, through set, in the output row.
func (p *parser) applyRepair(cells []string, det []determined, table *cellTable, set func(idx int, d determined)) (filled, lost []string) {
	for j, d := range det {
		if !d.ok {
			lost = append(lost, cells[j])
			if d.rejected {
				cv := table.get(cells[j])
				cv.raw, cv.line, cv.rejected = d.raw, d.line, true
				set(cv.idx, d)
				p.finding(ruleValueRejected, schemas.SeverityError, cells[j],
					fmt.Sprintf("printed value is not a number the dataset can hold exactly (%v); left null", d.err), d.line, nil, strp(strings.TrimSpace(d.raw)))
			}
			continue
		}
		filled = append(filled, cells[j])
		cv := table.get(cells[j])
		cv.unknown, cv.v, cv.na = false, d.v, d.v == nil
		set(cv.idx, d)
	}
	return filled, lost
}

func allZeroTotal(t *cellTable, o schemas.Outcome) bool {
	if !o.Result {
		return false
	}
	for _, a := range schemas.Applicants {
		cv := t.get(schemas.ApplicationCell("total", a.Code))
		if cv == nil || cv.v == nil || *cv.v != 0 {
			return false
		}
	}
	return true
}

func isSingle(outcomes []schemas.Outcome) bool {
	for _, o := range outcomes {
		if o.Code.Code == "other" {
			return true
		}
	}
	return false
}
