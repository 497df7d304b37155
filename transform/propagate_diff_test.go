package transform

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"testing"
)

// propagateOld is system.propagate before it added the template's ±1
// coefficients without multiplying and passed over equations whose cells
// were all known when last evaluated: the statement FuzzPropagateSame
// holds the new one to.
func (s *system) propagateOld(sv solveVals, only []bool) (int, int) {
	nc := len(s.cons)
	flags := make([]bool, 2*nc) // one allocation for both
	bad, usable := flags[:nc:nc], flags[nc:]
	for ci, t := range s.terms {
		// An equation over a not-applicable cell says nothing certain: the
		// agency's '/' may mean 0 or "not counted".
		usable[ci] = true
		for _, cell := range t {
			if sv.na[cell] {
				usable[ci] = false
			}
		}
	}
	steps := 0
	var unkBuf [32]int
	for changed := true; changed; {
		changed = false
		for ci, t := range s.terms {
			if !usable[ci] {
				continue
			}
			steps++
			coef := s.cons[ci].coef
			// exact: huge printed counts must not wrap around
			var sum wide
			unk := unkBuf[:0]
			for i, cell := range t {
				switch sv.state[cell] {
				case cellAbsent:
					continue
				case cellUnknown:
					unk = append(unk, i)
					continue
				}
				sum = sum.add(mul(coef[i], sv.v[cell]))
			}
			switch {
			case len(unk) == 0:
				bad[ci] = sum.sign() != 0
			case len(unk) == 1:
				// coef·x = -sum has a count for x only when it divides
				// and x fits an int64 (a value no count can hold is no
				// value determined)
				r, fits := sum.int64()
				k := coef[unk[0]]
				if !fits || k == 0 || (r == math.MinInt64 && k == -1) || r%k != 0 || -(r/k) < 0 {
					bad[ci] = true
					continue
				}
				cell := t[unk[0]]
				sv.state[cell], sv.v[cell] = cellKnown, -(r / k)
				changed = true
			default:
				sign := coef[unk[0]]
				same := true
				for _, u := range unk {
					if (coef[u] > 0) != (sign > 0) {
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
						cell := t[u]
						sv.state[cell], sv.v[cell] = cellKnown, 0
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
		for _, cell := range s.terms[ci] {
			if only == nil || only[cell] {
				n++
				break
			}
		}
	}
	return n, steps
}

// byteSource hands out data's bytes in turn, then zeros: what a fuzz
// target's input decides, read one choice at a time.
func byteSource(data []byte) func() byte {
	return func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
}

// fuzzSystem makes, from the bytes next hands out, a system of random
// equations (coefficients ±1 as the template's, and others: 0, ±2, ±3,
// extremes) and a view of its cells, known, unknown, absent or not
// applicable, with values up to the int64 extremes, and a set of its
// cells or nil.
func fuzzSystem(next func() byte) (*system, solveVals, []bool) {
	ncell := int(next()%12) + 1
	neq := int(next()%8) + 1
	coefs := []int64{1, -1, 1, -1, 1, -1, 2, -3, 0, math.MaxInt64, math.MinInt64}
	var cons []lin
	for range neq {
		var c lin
		for range int(next()%5) + 1 {
			c.cells = append(c.cells, fmt.Sprint("c", int(next())%ncell))
			c.coef = append(c.coef, coefs[int(next())%len(coefs)])
		}
		cons = append(cons, c)
	}
	s := newSystem(cons)
	n := len(s.codes) + 1
	sv := newSolveVals(n)
	for i := range n {
		fuzzCell(next, sv, i)
	}
	var only []bool
	if next()%2 == 1 {
		only = make([]bool, n)
		for i := range only {
			only[i] = next()%2 == 1
		}
	}
	return s, sv, only
}

// fuzzCell sets cell i of sv from the bytes next hands out: known,
// unknown, absent or not applicable, with a value up to the int64
// extremes.
func fuzzCell(next func() byte, sv solveVals, i int) {
	b := next()
	switch b % 4 {
	case 0:
		sv.state[i] = cellAbsent
	case 1:
		sv.state[i] = cellUnknown
	default:
		sv.state[i] = cellKnown
	}
	sv.na[i] = b%16 == 15
	switch b / 64 {
	case 0:
		sv.v[i] = int64(next() % 10)
	case 1:
		sv.v[i] = int64(next())
	case 2:
		var w [8]byte
		for k := range w {
			w[k] = next()
		}
		sv.v[i] = int64(binary.LittleEndian.Uint64(w[:]))
	default:
		sv.v[i] = []int64{math.MaxInt64, math.MinInt64, -1, 1 << 62}[next()%4]
	}
}

// FuzzPropagateSame: propagate fills the same cells with the same values,
// finds the same equations violated and counts the same evaluations as
// propagateOld, on systems of random equations (coefficients ±1 as the
// template's, and others: 0, ±2, ±3, extremes) over cells known, unknown,
// absent or not applicable, with values up to the int64 extremes.
func FuzzPropagateSame(f *testing.F) {
	f.Add([]byte{3, 1, 2, 0, 5, 7, 9})
	f.Add([]byte("\x05\x04\x00\x01\x02\x03\xff\xfe\x80\x7f\x00\x00\x00\x00\x00\x00\x00\x80"))
	f.Add([]byte("\x08\x06\x10\x11\x12\x13\x14\x15\x16\x17\x20\x21\x22\x23\x24\x25\x26\x27\x30\x31\x32\x33"))
	f.Fuzz(func(t *testing.T, data []byte) {
		next := byteSource(data)
		s, sv, only := fuzzSystem(next)
		n := len(sv.state)
		old := newSolveVals(n)
		old.copyFrom(sv)
		gotBad, gotSteps := s.propagate(sv, only)
		wantBad, wantSteps := s.propagateOld(old, only)
		if gotBad != wantBad || gotSteps != wantSteps || !slices.Equal(sv.state, old.state) || !slices.Equal(sv.v, old.v) {
			t.Fatalf("propagate: bad %d steps %d state %v v %v; before: bad %d steps %d state %v v %v",
				gotBad, gotSteps, sv.state, sv.v, wantBad, wantSteps, old.state, old.v)
		}
	})
}

// FuzzPropagateTrialsSame: propagateFrom, told by settled what the
// equations no trial changes are, does what propagateOld does on each
// trial, a base view with the cells of a set changed at random (as
// repairRow's alignments change the cells of one row).
func FuzzPropagateTrialsSame(f *testing.F) {
	f.Add([]byte{3, 1, 2, 0, 5, 7, 9})
	f.Add([]byte("\x05\x04\x00\x01\x02\x03\xff\xfe\x80\x7f\x00\x00\x00\x00\x00\x00\x00\x80\x01\x00\x01\x01\x00\x02\x03\x04"))
	f.Add([]byte("\x08\x06\x10\x11\x12\x13\x14\x15\x16\x17\x20\x21\x22\x23\x24\x25\x26\x27\x30\x31\x32\x33\x02\x02\x06\x0a\x0e"))
	f.Fuzz(func(t *testing.T, data []byte) {
		next := byteSource(data)
		s, base, mine := fuzzSystem(next)
		n := len(base.state)
		if mine == nil {
			mine = make([]bool, n)
			for i := range mine {
				mine[i] = next()%2 == 1
			}
		}
		pre := s.settled(base, mine)
		for range 3 {
			trial := newSolveVals(n)
			trial.copyFrom(base)
			for i := range n {
				if mine[i] {
					fuzzCell(next, trial, i)
				}
			}
			old := newSolveVals(n)
			old.copyFrom(trial)
			gotBad, gotSteps := s.propagateFrom(trial, mine, pre)
			wantBad, wantSteps := s.propagateOld(old, mine)
			if gotBad != wantBad || gotSteps != wantSteps || !slices.Equal(trial.state, old.state) || !slices.Equal(trial.v, old.v) {
				t.Fatalf("propagateFrom: bad %d steps %d state %v v %v; before: bad %d steps %d state %v v %v",
					gotBad, gotSteps, trial.state, trial.v, wantBad, wantSteps, old.state, old.v)
			}
		}
	})
}
