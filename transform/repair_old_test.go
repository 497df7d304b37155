package transform

import (
	"maps"
	"math"

	"github.com/nianbao/nianbao/transform/normalize"
)

// The repair solver as it was before its cells were numbered: values in
// maps keyed by the cell code, each alignment a copy of both maps. The
// differential tests compare the numbered solver with it.

// propagate fills unknown cells (nil) that the constraints and the
// non-negativity of counts determine, and returns how many constraints the
// completed values violate and how many constraint evaluations that took
// (its work, which tests bound instead of its time).
func oldPropagate(vals map[string]*int64, na map[string]bool, cons []lin, only map[string]bool) (int, int) {
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

// snapshot gives the solver's view of a table: known values, unknowns as
// nil, and the set of cells printed as not applicable.
func oldSnapshot(cells *cellTable) (map[string]*int64, map[string]bool) {
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

// repairRow decides the cells of a row whose printed numbers did not fit its
// columns. A cell is filled only when every alignment the arithmetic allows
// gives it the same value: either the same printed number, or the same
// number the other cells force.
// When the row allows more alignments than the bounds leave to try, it is
// not tried and note says so.
func (p *parser) oldRepairRow(cells []string, vals []*tok, table *cellTable, cons []lin) (out []determined, note string) {
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
	base, baseNA := oldSnapshot(table)
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
		tr.bad, steps = oldPropagate(snap, na, cons, mine)
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
			out[j] = determined{rejected: true, raw: rejTok.raw, line: int(rejTok.line), err: d.err}
			continue
		}
		d.err = nil
		na := false // as repairRow: a marker here in one alignment, a number in another, disagree
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
			trNA := raw != "" && normalize.Count(raw).NA
			if first {
				d.v, d.raw, na, first = tr.v[j], raw, trNA, false
				if tr.tok[j] != nil {
					d.line = int(tr.tok[j].line)
				}
				continue
			}
			if *d.v != *tr.v[j] || trNA != na {
				d.ok = false
				break
			}
			if compact(d.raw) != compact(raw) {
				d.raw, d.line = "", 0
			}
		}
		if d.ok && na {
			d.v = nil
		}
		out[j] = d
	}
	return out, ""
}
