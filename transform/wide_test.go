package transform

import (
	"math"
	"math/big"
	"testing"
)

// bigOf is the reference for wide.
func bigOf(w wide) *big.Int {
	n := new(big.Int).Lsh(big.NewInt(w.hi), 64)
	return n.Add(n, new(big.Int).SetUint64(w.lo))
}

// checkWide compares every operation of wide on a and b with math/big.
func checkWide(t *testing.T, a, b int64) {
	t.Helper()
	ba, bb := big.NewInt(a), big.NewInt(b)
	if got, want := bigOf(wideOf(a).add(wideOf(b))), new(big.Int).Add(ba, bb); got.Cmp(want) != 0 {
		t.Errorf("%d + %d = %s, want %s", a, b, got, want)
	}
	if got, want := bigOf(mul(a, b)), new(big.Int).Mul(ba, bb); got.Cmp(want) != 0 {
		t.Errorf("%d · %d = %s, want %s", a, b, got, want)
	}
	p := mul(a, b)
	if got, want := p.String(), new(big.Int).Mul(ba, bb).String(); got != want {
		t.Errorf("String(%d · %d) = %s, want %s", a, b, got, want)
	}
	if got, want := bigOf(p.neg()), new(big.Int).Neg(new(big.Int).Mul(ba, bb)); got.Cmp(want) != 0 {
		t.Errorf("-(%d · %d) = %s, want %s", a, b, got, want)
	}
	if got, want := p.sign(), new(big.Int).Mul(ba, bb).Sign(); got != want {
		t.Errorf("sign(%d · %d) = %d, want %d", a, b, got, want)
	}
	s := wideOf(a).add(wideOf(b))
	v, fits := s.int64()
	exact := new(big.Int).Add(ba, bb)
	if fits != exact.IsInt64() || (fits && v != exact.Int64()) {
		t.Errorf("int64(%d + %d) = %d, %v; want %s", a, b, v, fits, exact)
	}
}

// TestWide: sums and products of counts near the int64 limits are exact.
func TestWide(t *testing.T) {
	edge := []int64{0, 1, -1, 2, -2, 3, 1 << 32, -(1 << 32), math.MaxInt64, math.MaxInt64 - 1,
		math.MinInt64, math.MinInt64 + 1, math.MaxInt32, math.MinInt32}
	for _, a := range edge {
		for _, b := range edge {
			checkWide(t, a, b)
		}
	}
}

func FuzzWide(f *testing.F) {
	f.Add(int64(math.MaxInt64), int64(math.MaxInt64))
	f.Add(int64(math.MinInt64), int64(-1))
	f.Fuzz(func(t *testing.T, a, b int64) { checkWide(t, a, b) })
}

// TestPropagateHugeCounts: a sum of printed counts beyond int64 never wraps
// around into a value that fills an unknown cell. total - a - b - c = 0 with
// a and b at the int64 limit and total 0 wrapped to c = 2 before.
func TestPropagateHugeCounts(t *testing.T) {
	cons := []lin{{cells: []string{"t", "a", "b", "c"}, coef: []int64{1, -1, -1, -1}}}
	i64 := func(v int64) *int64 { return &v }
	cases := []struct {
		name    string
		vals    map[string]*int64
		bad     int
		wantC   *int64
		wantTot *int64
	}{
		{"sum beyond int64, one unknown", map[string]*int64{"t": i64(0), "a": i64(math.MaxInt64), "b": i64(math.MaxInt64), "c": nil}, 1, nil, i64(0)},
		{"total unknown, sum beyond int64", map[string]*int64{"t": nil, "a": i64(math.MaxInt64), "b": i64(1), "c": i64(0)}, 1, i64(0), nil},
		{"all known, wrapped sum equal", map[string]*int64{"t": i64(-2), "a": i64(math.MaxInt64), "b": i64(math.MaxInt64), "c": i64(0)}, 1, i64(0), i64(-2)},
		{"total at the limit determined", map[string]*int64{"t": nil, "a": i64(math.MaxInt64 - 1), "b": i64(1), "c": i64(0)}, 0, i64(0), i64(math.MaxInt64)},
		{"unknown at the limit determined", map[string]*int64{"t": i64(math.MaxInt64), "a": i64(math.MaxInt64 - 1), "b": i64(0), "c": nil}, 0, i64(1), i64(math.MaxInt64)},
	}
	eq := func(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	str := func(p *int64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	for _, c := range cases {
		bad := solveMaps(c.vals, cons)
		if bad != c.bad {
			t.Errorf("%s: %d constraints violated, want %d", c.name, bad, c.bad)
		}
		if !eq(c.vals["c"], c.wantC) || !eq(c.vals["t"], c.wantTot) {
			t.Errorf("%s: c = %v, t = %v; want %v, %v", c.name, str(c.vals["c"]), str(c.vals["t"]), str(c.wantC), str(c.wantTot))
		}
	}
}

// TestRejectedCellNotSolved: the solver's view of a table leaves a printed
// value the normalizer rejected unknown and uses no equation through it:
// with new + carried = total + forward, total and forward 0 and carried
// printed as 1e308, new is not "determined" as 0 with carried.
func TestRejectedCellNotSolved(t *testing.T) {
	zero := int64(0)
	table := map[string]*cellv{
		"new":     {unknown: true},
		"carried": {unknown: true, rejected: true, raw: "1e308"},
		"total":   {v: &zero},
		"forward": {v: &zero},
	}
	cons := []lin{{cells: []string{"new", "carried", "total", "forward"}, coef: []int64{1, 1, -1, -1}}}
	sys := newSystem(cons)
	value := func(sv solveVals, code string) *int64 {
		if i := sys.index[code]; sv.state[i] == cellKnown {
			return &sv.v[i]
		}
		return nil
	}
	sv := sys.snapshot(tableOf(table), len(sys.codes))
	bad, _ := sys.propagate(sv, nil)
	if value(sv, "new") != nil || value(sv, "carried") != nil || bad != 0 {
		t.Errorf("new = %v, carried = %v, %d violated; want both unknown, none violated", value(sv, "new"), value(sv, "carried"), bad)
	}
	// the same table without the rejection: both are determined 0
	table["carried"].rejected = false
	sv = sys.snapshot(tableOf(table), len(sys.codes))
	sys.propagate(sv, nil)
	if v := value(sv, "new"); v == nil || *v != 0 {
		t.Errorf("without the rejection new = %v, want 0", value(sv, "new"))
	}
}

// solveMaps runs the solver on cells given as a map (nil: unknown), as it
// took them before its cells were numbered, and writes back what it
// determined; it returns the constraints violated.
func solveMaps(vals map[string]*int64, cons []lin) int {
	sys := newSystem(cons)
	sv := newSolveVals(len(sys.codes))
	for i, c := range sys.codes {
		v, ok := vals[c]
		switch {
		case !ok:
		case v == nil:
			sv.state[i] = cellUnknown
		default:
			sv.state[i], sv.v[i] = cellKnown, *v
		}
	}
	bad, _ := sys.propagate(sv, nil)
	for i, c := range sys.codes {
		if sv.state[i] == cellKnown {
			x := sv.v[i]
			vals[c] = &x
		}
	}
	return bad
}
