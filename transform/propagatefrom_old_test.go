package transform

import "math"

// The solver's first sweep and its propagation before they kept the
// equations left to evaluate in a bit set (each evaluated in order, the
// others passed over without a look) instead of a flag of each equation
// read in every sweep: the statement FuzzPropagateFromSameAsOld holds the
// new ones to.

// Flags of presetOld's equations.
const (
	eqStaleOld = 1 << 2 // a cell changed since the equation was last evaluated
)

// presetOld is preset as it was: what is known of a system's equations before propagate
// starts, for the trials of one row (see settled).
type presetOld struct {
	flags  []uint8 // each equation's, before the first sweep
	work   []uint8 // the flags of a run, for propagateFrom to reuse
	usable int     // how many of those not stale are usable
	// For each equation left stale, the sum of its terms over the cells
	// no trial changes, known in base, and where its other cells stand
	// among its terms: live[liveAt[ci]:liveAt[ci+1]], in order.
	known  []wide
	liveAt []int32
	live   []int32
}

// settledInOld is settled in storage the caller gives, zeroed: flags of
// twice the equations, at of one more than the equations and their terms,
// known of the equations.
func (s *system) settledInOld(base solveVals, mine []bool, flags []uint8, at []int32, known []wide) presetOld {
	nc := len(s.cons)
	p := presetOld{flags: flags[:nc:nc], work: flags[nc:], known: known, liveAt: at[: nc+1 : nc+1], live: at[nc+1 : nc+1]}
	for ci, t := range s.terms {
		p.liveAt[ci] = int32(len(p.live))
		coef := s.cons[ci].coef
		coef = coef[:len(t)]
		p.flags[ci] = eqStaleOld
		var sum wide
		for i, cell := range t {
			switch {
			case mine[cell] || base.state[cell] == cellUnknown && !base.na[cell]:
				p.live = append(p.live, int32(i))
			case base.na[cell]:
				p.flags[ci] = eqUnusable
			case base.state[cell] != cellKnown:
			case coef[i] == 1:
				sum = sum.add(wideOf(base.v[cell]))
			case coef[i] == -1:
				sum = sum.sub(wideOf(base.v[cell]))
			default:
				sum = sum.add(mul(coef[i], base.v[cell]))
			}
		}
		switch {
		case p.flags[ci] == eqUnusable:
			p.live = p.live[:p.liveAt[ci]]
		case int(p.liveAt[ci]) == len(p.live):
			// no cell a trial changes or propagate fills
			p.flags[ci] = 0
			if sum.sign() != 0 {
				p.flags[ci] = eqBad
			}
			p.usable++
		default:
			p.known[ci] = sum
		}
	}
	p.liveAt[len(s.cons)] = int32(len(p.live))
	return p
}

// propagateFromOld is propagate starting from what pre tells of the
// equations. Runs from one preset take turns: they share its work.
func (s *system) propagateFromOld(sv solveVals, only []bool, pre presetOld) (int, int) {
	flags := pre.work
	copy(flags, pre.flags)
	usable := pre.usable
	state, v := sv.state, sv.v
	sweeps := 0
	for changed := true; changed; sweeps++ {
		changed = false
		for ci, t := range s.terms {
			if flags[ci]&(eqStaleOld|eqUnusable) != eqStaleOld {
				continue
			}
			flags[ci] &^= eqStaleOld
			coef := s.cons[ci].coef
			coef = coef[:len(t)]
			sum, nunk, first, ok := sumLiveOld(t, coef, pre.live[pre.liveAt[ci]:pre.liveAt[ci+1]], pre.known[ci], sv)
			if !ok {
				// An equation over a not-applicable cell says nothing
				// certain: the agency's '/' may mean 0 or "not counted".
				// (Only the first sweep finds one: na never changes.)
				flags[ci] |= eqUnusable
				continue
			}
			if sweeps == 0 {
				usable++
			}
			switch {
			case nunk == 0:
				// Every cell is known or absent, and stays so: the
				// equation is never evaluated again.
				if sum.sign() != 0 {
					flags[ci] |= eqBad
				} else {
					flags[ci] &^= eqBad
				}
			case nunk == 1:
				// coef·x = -sum has a count for x only when it divides
				// and x fits an int64 (a value no count can hold is no
				// value determined)
				r, fits := sum.int64()
				k := coef[first]
				if !fits || k == 0 || (r == math.MinInt64 && k == -1) || r%k != 0 || -(r/k) < 0 {
					flags[ci] |= eqBad
					continue
				}
				cell := t[first]
				state[cell], v[cell] = cellKnown, -(r / k)
				s.touchOld(flags, cell)
				changed = true
			default:
				sign := coef[first]
				same := true
				for i, cell := range t {
					if state[cell] == cellUnknown && (coef[i] > 0) != (sign > 0) {
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
					flags[ci] |= eqBad
				} else if rest.sign() == 0 {
					for _, cell := range t {
						if state[cell] == cellUnknown {
							state[cell], v[cell] = cellKnown, 0
							s.touchOld(flags, cell)
						}
					}
					changed = true
				}
			}
		}
	}
	n := 0
	for ci, f := range flags {
		if f&eqBad == 0 {
			continue
		}
		for _, cell := range s.terms[ci] {
			if only == nil || only[cell] {
				n++
				break
			}
		}
	}
	return n, sweeps * usable
}

// sumLiveOld adds to sum, exactly (huge printed counts must not wrap
// around), the terms of an equation's cells at the positions live
// (ascending) that are known, and counts those unknown and finds the
// first; ok is false, and the rest unset, when one is not applicable.
func sumLiveOld(t []int, coef []int64, live []int32, sum wide, sv solveVals) (_ wide, nunk, first int, ok bool) {
	na, state, v := sv.na, sv.state, sv.v
	for _, i := range live {
		cell := t[i]
		if na[cell] {
			return sum, 0, 0, false
		}
		switch state[cell] {
		case cellAbsent:
			continue
		case cellUnknown:
			if nunk == 0 {
				first = int(i)
			}
			nunk++
			continue
		}
		// The template's coefficients are 1 and -1: their products
		// need no multiplication.
		switch k := coef[i]; k {
		case 1:
			sum = sum.add(wideOf(v[cell]))
		case -1:
			sum = sum.sub(wideOf(v[cell]))
		default:
			sum = sum.add(mul(k, v[cell]))
		}
	}
	return sum, nunk, first, true
}

// touchOld marks the equations over cell, just filled, to be evaluated again.
func (s *system) touchOld(flags []uint8, cell int) {
	for _, ci := range s.uses[cell] {
		flags[ci] |= eqStaleOld
	}
}
