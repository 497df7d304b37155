package transform

import (
	"fmt"
	"math"
	"math/bits"
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
	var out [][]int
	var flat []int
	return alignmentsIn(k, n, &out, &flat)
}

// alignmentsIn is alignments listed in *outBuf, their columns in *flatBuf,
// each grown when it is short (and kept so for the next call).
func alignmentsIn(k, n int, outBuf *[][]int, flatBuf *[]int) [][]int {
	if k == 0 || n == 0 {
		return nil
	}
	m := numAlignments(k, n) // exact, or past the bound
	if m > maxAlignments {
		return nil
	}
	// The alignments' columns, one after the other in one block: each
	// alignment is n of it. Neither grows past its m or m*n.
	if cap(*outBuf) < m {
		*outBuf = make([][]int, 0, m)
	}
	if cap(*flatBuf) < m*n {
		*flatBuf = make([]int, 0, m*n)
	}
	out, flat := (*outBuf)[:0], (*flatBuf)[:0]
	add := func(cur []int) {
		flat = append(flat, cur...)
		out = append(out, flat[len(flat)-n:len(flat):len(flat)])
	}
	cur := make([]int, 0, n)
	if k <= n {
		// choose which columns receive the k numbers
		var rec func(col, next int)
		rec = func(col, next int) {
			if col == n {
				if next == k {
					add(cur)
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
			if len(cur) == n {
				add(cur)
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
	return out
}

// lin is one linear constraint of a table: Σ coef[i]·cell[i] = 0.
type lin struct {
	cells []string
	coef  []int64
}

// system is a table's arithmetic with its cells numbered: the solver keeps
// a table's values in slices indexed by these numbers, so that trying an
// alignment copies three slices instead of two maps keyed by cell code,
// and an equation reads its cells by index instead of by hashing codes.
type system struct {
	cons  []lin
	codes []string       // the cells the equations name, by number
	index map[string]int // number by code
	cat   []int          // each cell's catalogue number, -1 outside it
	terms [][]int        // each equation's cells, by number
	uses  [][]int        // each cell's equations, by number
	// nterms is the number of terms of all the equations.
	nterms int
}

func newSystem(cons []lin) *system {
	s := &system{cons: cons, index: map[string]int{}}
	for _, c := range cons {
		t := make([]int, len(c.cells))
		for i, code := range c.cells {
			n, ok := s.index[code]
			if !ok {
				n = len(s.codes)
				s.index[code] = n
				s.codes = append(s.codes, code)
				s.cat = append(s.cat, cellID(code))
				s.uses = append(s.uses, nil)
			}
			t[i] = n
			if u := s.uses[n]; len(u) == 0 || u[len(u)-1] != len(s.terms) {
				s.uses[n] = append(u, len(s.terms))
			}
		}
		s.terms = append(s.terms, t)
		s.nterms += len(t)
	}
	return s
}

// What the solver knows of a cell.
const (
	cellAbsent  uint8 = iota // not in the table: equations leave it out
	cellUnknown              // in the table, value not known
	cellKnown
)

// solveVals is the solver's view of a table, by cell number: the state
// and value of each cell and whether it was printed as not applicable.
// Numbers past the system's cells are the row's cells the equations do
// not name (see repairRow).
type solveVals struct {
	state []uint8
	v     []int64
	na    []bool
}

func newSolveVals(n int) solveVals {
	return solveVals{state: make([]uint8, n), v: make([]int64, n), na: make([]bool, n)}
}

func (sv solveVals) copyFrom(o solveVals) {
	copy(sv.state, o.state)
	copy(sv.v, o.v)
	copy(sv.na, o.na)
}

// snapshot gives the solver's view of a table: known values, unknowns, and
// the cells printed as not applicable; n (at least the system's cells) is
// the length of the view.
func (s *system) snapshot(table *cellTable, n int) solveVals {
	return s.snapshotTo(table, newSolveVals(n))
}

// snapshotTo is snapshot in sv, zeroed, of the view's length.
func (s *system) snapshotTo(table *cellTable, sv solveVals) solveVals {
	for i, code := range s.codes {
		var cv *cellv
		if id := s.cat[i]; id >= 0 {
			cv = table.at(id)
		} else {
			cv = table.get(code)
		}
		if cv == nil {
			continue
		}
		switch {
		case cv.rejected:
			// an equation over it says nothing certain, as over a '/'
			sv.state[i], sv.na[i] = cellUnknown, true
		case cv.unknown:
			sv.state[i] = cellUnknown
		case cv.v != nil:
			sv.state[i], sv.v[i] = cellKnown, *cv.v
		default:
			sv.state[i], sv.na[i] = cellKnown, true
		}
	}
	return sv
}

// What propagate knows of each constraint. Those left to evaluate, each
// because a cell changed since it was last evaluated, it keeps apart, in
// a set of bits (see nextStale).
const (
	eqBad      uint8 = 1 << iota // the values violate it
	eqUnusable                   // over a not-applicable cell: skipped
)

// propagate fills unknown cells that the constraints and the
// non-negativity of counts determine, and returns how many constraints the
// completed values violate, counting only those over a cell marked in
// only (all when only is nil), and how many constraint evaluations that
// took (its work, which tests bound instead of its time).
//
// It sweeps the constraints in order until a sweep fills nothing, as the
// definition goes, but evaluates again only a constraint one of whose
// cells was filled since it was last evaluated: what an evaluation does
// depends on its cells alone, so evaluating the others again would change
// nothing. The evaluations counted are those of the full sweeps.
func (s *system) propagate(sv solveVals, only []bool) (int, int) {
	return s.propagateFrom(sv, only, s.settled(sv, make([]bool, len(sv.state))))
}

// preset is what is known of a system's equations before propagate
// starts, for the trials of one row (see settled).
type preset struct {
	flags []uint8 // each equation's, before the first sweep
	work  []uint8 // the flags of a run, for propagateFrom to reuse
	// The equations left to evaluate in the first sweep, a bit each
	// (equation ci is bit ci&63 of word ci>>6), and the set of a run.
	stale, staleWork []uint64
	usable           int // how many of those not stale are usable
	// For each equation left stale, the sum of its terms over the cells
	// no trial changes, known in base, and where its other cells stand
	// among its terms: live[liveAt[ci]:liveAt[ci+1]], in order.
	known  []wide
	liveAt []int32
	live   []int32
}

// settled tells, for the trials of one row (base with only the cells of
// mine changed), what the first sweep of propagate would find of the
// equations none of the trials changes: one over a not-applicable cell
// outside mine is never usable, and one over no cell of mine, with every
// cell known or absent, is usable and never filled, violated or not as it
// is in base. The others are left stale, with the sum of their terms over
// the cells outside mine known in base, which stay as they are: a trial
// adds up only the others (see propagateFrom).
func (s *system) settled(base solveVals, mine []bool) preset {
	nc := len(s.cons)
	return s.settledIn(base, mine, make([]uint8, 2*nc), make([]int32, nc+1+s.nterms), make([]wide, nc), make([]uint64, 2*staleWords(nc)))
}

// staleWords is the length of a set of bits of n equations.
func staleWords(n int) int { return (n + 63) / 64 }

// settledIn is settled in storage the caller gives, zeroed: flags of
// twice the equations, at of one more than the equations and their terms,
// known of the equations, stale of twice staleWords of the equations.
func (s *system) settledIn(base solveVals, mine []bool, flags []uint8, at []int32, known []wide, stale []uint64) preset {
	nc, nw := len(s.cons), staleWords(len(s.cons))
	p := preset{flags: flags[:nc:nc], work: flags[nc:], stale: stale[:nw:nw], staleWork: stale[nw:],
		known: known, liveAt: at[: nc+1 : nc+1], live: at[nc+1 : nc+1]}
	for ci, t := range s.terms {
		p.liveAt[ci] = int32(len(p.live))
		coef := s.cons[ci].coef
		coef = coef[:len(t)]
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
			if sum.sign() != 0 {
				p.flags[ci] = eqBad
			}
			p.usable++
		default:
			p.stale[ci>>6] |= 1 << (ci & 63)
			p.known[ci] = sum
		}
	}
	p.liveAt[len(s.cons)] = int32(len(p.live))
	return p
}

// propagateFrom is propagate starting from what pre tells of the
// equations. Runs from one preset take turns: they share its work.
func (s *system) propagateFrom(sv solveVals, only []bool, pre preset) (int, int) {
	flags, stale := pre.work, pre.staleWork
	copy(flags, pre.flags)
	copy(stale, pre.stale)
	usable := pre.usable
	state, v, na := sv.state, sv.v, sv.na
	sweeps := 0
	for changed := true; changed; sweeps++ {
		changed = false
		// The stale equations in order, as a sweep over them all meets
		// them: one a fill marks behind ci waits for the next sweep.
		for ci := nextStale(stale, 0); ci >= 0; ci = nextStale(stale, ci+1) {
			stale[ci>>6] &^= 1 << (ci & 63)
			if flags[ci]&eqUnusable != 0 {
				continue
			}
			t := s.terms[ci]
			coef := s.cons[ci].coef
			coef = coef[:len(t)]
			// Add to what the cells no trial changes make, exactly (huge
			// printed counts must not wrap around), the terms of the
			// other cells that are known, and count those unknown and
			// find the first; stop at one not applicable.
			sum, nunk, first, ok := pre.known[ci], 0, 0, true
			for _, i := range pre.live[pre.liveAt[ci]:pre.liveAt[ci+1]] {
				cell := t[i]
				if na[cell] {
					ok = false
					break
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
				// The template's coefficients are 1 and -1: their
				// products need no multiplication.
				switch k := coef[i]; k {
				case 1:
					sum = sum.add(wideOf(v[cell]))
				case -1:
					sum = sum.sub(wideOf(v[cell]))
				default:
					sum = sum.add(mul(k, v[cell]))
				}
			}
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
				s.touch(stale, cell)
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
							s.touch(stale, cell)
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

// touch marks the equations over cell, just filled, to be evaluated again.
func (s *system) touch(stale []uint64, cell int) {
	for _, ci := range s.uses[cell] {
		stale[ci>>6] |= 1 << (ci & 63)
	}
}

// nextStale is the first equation from ci on in the set stale, -1 when
// there is none.
func nextStale(stale []uint64, ci int) int {
	w := ci >> 6
	if w >= len(stale) {
		return -1
	}
	m := stale[w] &^ (1<<(ci&63) - 1)
	for m == 0 {
		if w++; w == len(stale) {
			return -1
		}
		m = stale[w]
	}
	return w<<6 + bits.TrailingZeros64(m)
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

// repairBufs is repairRow's storage, kept between its calls and, in the
// parser's scratch, between reports. It lives only as long as a call, but
// for the cells it returns, which its caller reads before it repairs
// another row (and then clears). The buffers a call needs cleared, as
// make gives them, it clears before it returns (see release), while they
// are still in the cache; so between calls they point at nothing.
type repairBufs struct {
	out    []determined
	trials []repairTrial
	alns   [][]int // see alignmentsIn
	flat   []int
	at     []int
	mine   []bool
	base   solveVals // see snapshotTo
	snap   solveVals
	flags  []uint8 // see settledIn
	at32   []int32
	known  []wide
	stale  []uint64
	vs     []*int64
	toks   []*tok
	rejs   []error
	nas    []bool
	gots   []int64
	reads  []repairReading
}

// repairTrial is one alignment of a row as repairRow tried it.
type repairTrial struct {
	v    []*int64
	tok  []*tok
	rej  []error // the normalizer's reason, for a printed value it rejects
	na   []bool  // the printed value is a not-applicable marker
	bad  int
	fine bool
}

// repairReading is what a printed value reads as (see repairRow).
type repairReading struct {
	res  normalize.Result
	done bool
}

// repairStore is the parser's repairBufs: its scratch's, or new for a
// parser without one.
func (p *parser) repairStore() *repairBufs {
	if p.scr == nil {
		return new(repairBufs)
	}
	return &p.scr.rep
}

// zeroed returns (*b)[:n] cleared, growing *b when it is shorter.
func zeroed[T any](b *[]T, n int) []T {
	s := taken(b, n)
	clear(s)
	return s
}

// taken returns (*b)[:n], growing *b when it is shorter; it holds what
// the last call left (see release).
func taken[T any](b *[]T, n int) []T {
	if cap(*b) < n {
		*b = make([]T, n)
	}
	return (*b)[:n]
}

// maxRepairBlock bounds the trials' cells repairBufs keeps for the next
// call: a row of many alignments (up to maxRowTrials) does not leave
// its blocks in the scratch.
const maxRepairBlock = 1 << 12

// release clears what a call of repairRow used of the buffers it needs
// cleared, or drops a block grown past maxRepairBlock.
func (rb *repairBufs) release(trials []repairTrial, mine []bool, vs []*int64, toks []*tok, rejs []error, nas []bool, reads []repairReading) {
	clear(trials)
	clear(mine)
	clear(reads)
	rb.trials = trials[:0]
	if cap(rb.flat) > maxRepairBlock {
		rb.alns, rb.flat = nil, nil
	}
	if len(vs) > maxRepairBlock {
		rb.vs, rb.toks, rb.rejs, rb.nas, rb.gots = nil, nil, nil, nil, nil
		return
	}
	clear(vs)
	clear(toks)
	clear(rejs)
	clear(nas)
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
func (p *parser) repairRow(cells []string, vals []*tok, table *cellTable, sys *system) (out []determined, note string) {
	n := len(cells)
	rb := p.repairStore()
	out = zeroed(&rb.out, n)
	if m := numAlignments(len(vals), n); m > maxRowTrials || p.trials+m > maxReportTrials {
		return out, limitNote(len(vals), n)
	}
	alns := alignmentsIn(len(vals), n, &rb.alns, &rb.flat)
	if alns == nil {
		return out, ""
	}
	p.trials += len(alns)
	trials := rb.trials[:0]
	best := -1
	// Each cell of the row has a number: its own in the system, or one
	// past the system's cells for a cell the equations do not name (one
	// number a code, as a map would hold it).
	at := taken(&rb.at, n) // each is set below
	next := len(sys.codes)
	for j, c := range cells {
		if k, ok := sys.index[c]; ok {
			at[j] = k
			continue
		}
		at[j] = -1
		for i := 0; i < j; i++ {
			if cells[i] == c {
				at[j] = at[i]
				break
			}
		}
		if at[j] < 0 {
			at[j] = next
			next++
		}
	}
	mine := taken(&rb.mine, next)
	for _, k := range at {
		mine[k] = true
	}
	// The table as read, once: each alignment starts from a copy, and
	// the equations no alignment changes are evaluated once.
	base := sys.snapshotTo(table, solveVals{state: zeroed(&rb.base.state, next), v: zeroed(&rb.base.v, next), na: zeroed(&rb.base.na, next)})
	nc := len(sys.cons)
	pre := sys.settledIn(base, mine, zeroed(&rb.flags, 2*nc), zeroed(&rb.at32, nc+1+sys.nterms), zeroed(&rb.known, nc), zeroed(&rb.stale, 2*staleWords(nc)))
	// each trial starts from a copy of base, all of it
	snap := solveVals{state: taken(&rb.snap.state, next), v: taken(&rb.snap.v, next), na: taken(&rb.snap.na, next)}
	// The trials' cells, one block each for all the trials: they live
	// only as long as this call (out's values are copied out of gots).
	m := len(alns) * n
	vs, toks, rejs, nas := taken(&rb.vs, m), taken(&rb.toks, m), taken(&rb.rejs, m), taken(&rb.nas, m)
	gots := taken(&rb.gots, m) // the values the trials determine; each is set before it is read
	// What each printed value reads as, once: the alignments only move the
	// same values between columns (normalize.Count is a function of the
	// text alone, and the costliest part of a trial when it is read again).
	reads := taken(&rb.reads, len(vals))
	for ai, a := range alns {
		snap.copyFrom(base)
		lo, hi := ai*n, (ai+1)*n
		tr := repairTrial{v: vs[lo:hi:hi], tok: toks[lo:hi:hi], rej: rejs[lo:hi:hi], na: nas[lo:hi:hi], fine: true}
		for j, k := range a {
			c := at[j]
			snap.state[c], snap.na[c] = cellUnknown, false
			if k < 0 {
				continue
			}
			if !reads[k].done {
				reads[k] = repairReading{normalize.Count(vals[k].raw), true}
			}
			res := &reads[k].res
			tr.tok[j], tr.na[j] = vals[k], res.NA
			switch {
			case res.NA:
				snap.state[c], snap.v[c], snap.na[c] = cellKnown, 0, true
			case res.OK() && !res.Overflow:
				snap.state[c], snap.v[c] = cellKnown, res.Count
			default:
				tr.rej[j] = res.Err
				snap.na[c] = true // as in snapshot
			}
		}
		var steps int
		tr.bad, steps = sys.propagateFrom(snap, mine, pre)
		p.steps += steps
		got := gots[lo:hi:hi]
		for j := range cells {
			// a rejected value stays unknown: the arithmetic never replaces what was printed
			if c := at[j]; tr.rej[j] == nil && snap.state[c] == cellKnown {
				got[j] = snap.v[c]
				tr.v[j] = &got[j]
			}
		}
		if best < 0 || tr.bad < best {
			best = tr.bad
		}
		trials = append(trials, tr)
	}
	// The arithmetic narrows the alignments only when some alignment agrees
	// with it completely; if none does, the report is inconsistent around
	// this row and the arithmetic cannot be trusted to place its numbers.
	keep := func(tr *repairTrial) bool { return best > 0 || tr.bad == 0 }
	for j := range cells {
		d := determined{ok: true}
		first := true
		var rejTok *tok // the rejected value every kept alignment puts here
		rejAll := true
		for i := range trials {
			tr := &trials[i] // by its place: ranging by value copied 14 words a trial
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
		// A printed not-applicable marker reads as null, whatever the
		// arithmetic makes of it: an alignment that puts one here and
		// another that determines a number here disagree, though the
		// number is the marker's 0 of the equations.
		na := false
		for i := range trials {
			tr := &trials[i]
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
			trNA := tr.na[j] && raw != "" // (a value token always prints something)
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
			if d.raw != raw && compact(d.raw) != compact(raw) { // most trials share the token
				d.raw, d.line = "", 0
			}
		}
		if d.ok && na {
			d.v = nil
		}
		out[j] = d
	}
	for j := range out {
		if out[j].v != nil {
			// the output keeps the value, not the trials' block
			out[j].v = p.newValue(*out[j].v)
		}
	}
	rb.release(trials, mine, vs, toks, rejs, nas, reads)
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
