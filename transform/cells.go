package transform

import "github.com/nianbao/nianbao/schemas"

// The count cells of sections 三 and 四 are a fixed catalogue: every cell
// code gets a small number once, at start-up, and a report's cells are kept
// in a slice indexed by it instead of a map keyed by the code, which every
// report filled, looked up and cleared again.

// cellCatalog numbers the cells of both templates' sections 三 and 四.
type cellCatalog struct {
	codes []string       // code by number
	ids   map[string]int // number by code
	// appBase is the number of the first applicant cell of each outcome;
	// its cell of applicant column j is appBase+j.
	appBase map[string]int
}

var catalog = func() cellCatalog {
	c := cellCatalog{ids: map[string]int{}, appBase: map[string]int{}}
	add := func(code string) {
		if _, ok := c.ids[code]; !ok {
			c.ids[code] = len(c.codes)
			c.codes = append(c.codes, code)
		}
	}
	for _, o := range append(schemas.Outcomes(true), schemas.OutcomesOther2021...) {
		if _, ok := c.appBase[o.Code.Code]; ok {
			continue
		}
		c.appBase[o.Code.Code] = len(c.codes)
		for _, a := range schemas.Applicants {
			add(schemas.ApplicationCell(o.Code.Code, a.Code))
		}
	}
	for _, pr := range schemas.Proceedings {
		for _, o := range schemas.AppealOutcomes {
			add(schemas.AppealCell(pr.Code, o.Code))
		}
	}
	return c
}()

// idsOf numbers cell codes of the catalogue, -1 for a code outside it.
func idsOf(codes []string) []int {
	out := make([]int, len(codes))
	for i, c := range codes {
		out[i] = cellID(c)
	}
	return out
}

// cellID is the number of a cell code, or -1 when the catalogue lacks it.
func cellID(code string) int {
	if id, ok := catalog.ids[code]; ok {
		return id
	}
	return -1
}

// appCellID is the code and number of the cell of outcome o in applicant
// column j (number -1 for an outcome outside the templates).
func appCellID(o string, j int) (string, int) {
	if b, ok := catalog.appBase[o]; ok {
		return catalog.codes[b+j], b + j
	}
	return schemas.ApplicationCell(o, schemas.Applicants[j].Code), -1
}

// s3Bases are the numbers of the first cells of section 三's outcomes, in
// the order of schemas.Outcomes, for each variant of the table (see
// variant): readS3 knows each row's place in that list, and an outcome's
// cells were looked up by its code, about a hundred instructions a hash.
var s3Bases = func() (b [2][]int) {
	for _, single := range []bool{true, false} {
		for _, o := range schemas.Outcomes(single) {
			base, ok := catalog.appBase[o.Code.Code]
			if !ok {
				base = -1
			}
			b[variant(single)] = append(b[variant(single)], base)
		}
	}
	return b
}()

// appCellAt is appCellID for an outcome whose first cell's number, b, is
// known (-1: an outcome outside the templates).
func appCellAt(o string, b, j int) (string, int) {
	if b < 0 {
		return appCellID(o, j)
	}
	return catalog.codes[b+j], b + j
}

// cellTable holds the cells of one table read so far: what a map from cell
// code to cell held, by number. A code outside the catalogue (none the
// parser makes today) is kept in extra, so the table means the same for
// any code.
type cellTable struct {
	byID  []*cellv
	n     int // cells held
	extra map[string]*cellv
}

func newCellTable() *cellTable { return &cellTable{byID: make([]*cellv, len(catalog.codes))} }

// get returns the cell of a code, nil when the table has none.
func (t *cellTable) get(code string) *cellv {
	if id, ok := catalog.ids[code]; ok {
		return t.byID[id]
	}
	return t.extra[code]
}

// at returns the cell numbered id (a number of idsOf: -1 is no cell).
func (t *cellTable) at(id int) *cellv {
	if id < 0 {
		return nil
	}
	return t.byID[id]
}

// set puts the cell of a code.
func (t *cellTable) set(code string, cv *cellv) { t.put(code, cellID(code), cv) }

// put puts the cell of a code whose number the caller knows (-1: outside
// the catalogue).
func (t *cellTable) put(code string, id int, cv *cellv) {
	if id >= 0 {
		if t.byID[id] == nil {
			t.n++
		}
		t.byID[id] = cv
		return
	}
	if t.extra == nil {
		t.extra = map[string]*cellv{}
	}
	if _, ok := t.extra[code]; !ok {
		t.n++
	}
	t.extra[code] = cv
}

// len is the number of cells held.
func (t *cellTable) len() int { return t.n }

// each calls f with every cell held, those of the catalogue in its order.
func (t *cellTable) each(f func(code string, cv *cellv)) {
	if t.n == 0 {
		return
	}
	for id, cv := range t.byID {
		if cv != nil {
			f(catalog.codes[id], cv)
		}
	}
	for code, cv := range t.extra {
		f(code, cv)
	}
}

// anyNegative reports whether a cell held has a value below zero.
func (t *cellTable) anyNegative() bool {
	found := false
	t.each(func(_ string, cv *cellv) {
		found = found || (cv.v != nil && *cv.v < 0)
	})
	return found
}

// reset empties the table for another report.
func (t *cellTable) reset() {
	clear(t.byID)
	t.n, t.extra = 0, nil
}

// eqIDs are the numbers of an equation's cells.
type eqIDs struct {
	cell     int
	lhs, rhs []int
}

// s3EqIDs and s4EqIDs number the cells of s3Eqs and s4Eqs, equation by
// equation; checkRuns holds them as check adds them up: s3Eqs' variants
// (0 and 1), then s4Eqs (2).
var (
	s3EqIDs   [2][]eqIDs
	s4EqIDs   []eqIDs
	checkRuns [3]eqRuns
)

// numberEquations fills s3EqIDs, s4EqIDs and checkRuns once the
// equations are built.
func numberEquations() {
	number := func(eqs []equationSpec) []eqIDs {
		out := make([]eqIDs, len(eqs))
		for i, e := range eqs {
			out[i] = eqIDs{cellID(e.cell), idsOf(e.lhs), idsOf(e.rhs)}
		}
		return out
	}
	s3EqIDs = [2][]eqIDs{number(s3Eqs[0]), number(s3Eqs[1])}
	s4EqIDs = number(s4Eqs)
	checkRuns = [3]eqRuns{runsOf(s3EqIDs[0]), runsOf(s3EqIDs[1]), runsOf(s4EqIDs)}
}
