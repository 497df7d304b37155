package transform

import (
	"fmt"
	"reflect"
	"testing"
)

// resolveBufStates are the states of the blocks a row's resolve takes its
// slices from, as room left for a row of m cells: none (each slice
// allocated), an empty block, and a block with less room than the row
// has cells, exactly as much, and more (two ways).
var resolveBufStates = []func(m int) *resolveBufs{
	func(int) *resolveBufs { return nil },
	func(int) *resolveBufs { return &resolveBufs{} },
	func(m int) *resolveBufs { return bufsWithRoom(max(m-1, 0)) },
	func(m int) *resolveBufs { return bufsWithRoom(m) },
	func(m int) *resolveBufs { return bufsWithRoom(m + 3) },
	func(m int) *resolveBufs { return bufsWithRoom(2*m + 9) },
}

// bufsWithRoom is a resolveBufs whose blocks have 5 places handed out and
// room left for k more.
func bufsWithRoom(k int) *resolveBufs {
	return &resolveBufs{vals: make([]*tok, 5, 5+k), slots: make([]slot, 5, 5+k)}
}

// sameResolve resolves copies of row r for n cells with resolveAt and
// resolveAtOld, each with its blocks in state st, and returns the first
// difference of what they return (cells as their places in the row),
// of the rows they leave and of the blocks; "" when there is none.
func sameResolve(r *row, n int, st int) string {
	a, b := *r, *r
	a.toks, b.toks = append([]tok(nil), r.toks...), append([]tok(nil), r.toks...)
	a.ar, b.ar = resolveBufStates[st](len(r.toks)), resolveBufStates[st](len(r.toks))
	var gs, ws []slot
	var gv, wv []*tok
	var gok, wok bool
	gp := catch(func() { gs, gv, gok = a.resolveAt(n, a.cols) })
	wp := catch(func() { ws, wv, wok = b.resolveAtOld(n, b.cols) })
	if gp != wp {
		return fmt.Sprintf("panic %q, was %q", gp, wp)
	}
	if gok != wok {
		return fmt.Sprintf("ok %v, was %v", gok, wok)
	}
	if !sameVals(&a, gv, &b, wv) {
		return fmt.Sprintf("values %s, were %s", resolvedVals(&a, gv), resolvedVals(&b, wv))
	}
	if !sameSlots(&a, gs, &b, ws) {
		return fmt.Sprintf("slots %s, were %s", resolvedSlots(&a, gs), resolvedSlots(&b, ws))
	}
	ra, rb := rowsOf([]*row{&a})[0], rowsOf([]*row{&b})[0]
	if !reflect.DeepEqual(ra, rb) {
		return fmt.Sprintf("row left %+v, was %+v", ra, rb)
	}
	if a.ar != nil {
		if !sameVals(&a, a.ar.vals, &b, b.ar.vals) {
			return fmt.Sprintf("block of values %s, was %s", resolvedVals(&a, a.ar.vals), resolvedVals(&b, b.ar.vals))
		}
		if !sameSlots(&a, a.ar.slots, &b, b.ar.slots) {
			return fmt.Sprintf("block of slots %s, was %s", resolvedSlots(&a, a.ar.slots), resolvedSlots(&b, b.ar.slots))
		}
		// past what was handed out the block holds nothing: no cell
		// stays alive through it
		for i, v := range a.ar.vals[len(a.ar.vals):cap(a.ar.vals)] {
			if v != nil {
				return fmt.Sprintf("block of values holds a cell at %d past its length", len(a.ar.vals)+i)
			}
		}
	}
	return ""
}

// cellPlace is the place of cell t in row r, -1 for nil and -2 for a cell
// that is not the row's.
func cellPlace(r *row, t *tok) int {
	if t == nil {
		return -1
	}
	for k := range r.toks {
		if &r.toks[k] == t {
			return k
		}
	}
	return -2
}

// sameVals reports whether the cells of x, of row a, and of y, of row b,
// are the same places of their rows, the slices alike nil or not, of the
// same length and capacity.
func sameVals(a *row, x []*tok, b *row, y []*tok) bool {
	if (x == nil) != (y == nil) || len(x) != len(y) || cap(x) != cap(y) {
		return false
	}
	for i := range x {
		if cellPlace(a, x[i]) != cellPlace(b, y[i]) {
			return false
		}
	}
	return true
}

// sameSlots is sameVals for slots, which must be equal but for where
// their cells are.
func sameSlots(a *row, x []slot, b *row, y []slot) bool {
	if (x == nil) != (y == nil) || len(x) != len(y) || cap(x) != cap(y) {
		return false
	}
	for i := range x {
		if x[i].empty != y[i].empty || x[i].line != y[i].line || cellPlace(a, x[i].t) != cellPlace(b, y[i].t) {
			return false
		}
	}
	return true
}

// resolvedVals prints vals by their places in r, with their nil-ness,
// length and capacity.
func resolvedVals(r *row, vals []*tok) string {
	out := fmt.Sprintf("nil %v len %d cap %d [", vals == nil, len(vals), cap(vals))
	for _, v := range vals {
		out += fmt.Sprint(cellPlace(r, v), " ")
	}
	return out + "]"
}

// resolvedSlots prints slots with their cells by their places in r, with
// their nil-ness, length and capacity.
func resolvedSlots(r *row, slots []slot) string {
	out := fmt.Sprintf("nil %v len %d cap %d [", slots == nil, len(slots), cap(slots))
	for _, s := range slots {
		out += fmt.Sprintf("{%d %v %d} ", cellPlace(r, s.t), s.empty, s.line)
	}
	return out + "]"
}

// sameResolveAll compares the two on row r for n cells and the numbers
// around it, with its blocks in every state, and with the flags set for
// the whole table (paraEmpty, padLine) and needTotal off and on.
func sameResolveAll(r *row, n int) string {
	for _, flags := range []bool{false, true} {
		r.paraEmpty, r.padLine, r.needTotal = flags, flags, flags
		for _, m := range []int{n - 1, n, n + 1, len(r.toks)} {
			if m < 1 {
				continue
			}
			for st := range resolveBufStates {
				if msg := sameResolve(r, m, st); msg != "" {
					return fmt.Sprintf("%d cells, flags %v, blocks %d: %s", m, flags, st, msg)
				}
			}
		}
	}
	return ""
}

// TestResolveSame compares resolveAt with resolveAtOld on the rows
// readRows reads from the seeds', the testdata's and generated reports
// (every stream and spec the reader tests use), and on runs of up to 9
// cells of the reports' streams, as rows of as many cells as they hold
// numbers and one fewer or more.
func TestResolveSame(t *testing.T) {
	per := 6
	if testing.Short() {
		per = 2
	}
	rows, runs := 0, 0
	for _, d := range diffCorpus(t, per, 1, 2) {
		for _, stream := range readerStreams {
			for _, spec := range readerSpecs {
				p := newParser(docOf(d.text))
				p.keepTail = d.keepTail
				for i, r := range p.readRows(spec, stream(p), "") {
					if msg := sameResolveAll(r, spec.columns); msg != "" {
						t.Fatalf("%s: spec %s, row %d (%+v): %s", d.name, spec.prefix, i, *r, msg)
					}
					rows++
				}
				p.releaseScratch()
			}
		}
		p := newParser(docOf(d.text))
		stream := tokenizeTo(nil, p.lines, p.cl, 0, len(p.lines), d.keepTail, nil)
		for i := 0; i < len(stream); i += 3 {
			for w := 1; w <= 9 && i+w <= len(stream); w += 2 {
				r := &row{toks: stream[i : i+w], line: int(stream[i].line)}
				nvals := 0
				for _, x := range r.toks {
					if x.kind == tokValue {
						nvals++
					}
				}
				if msg := sameResolveAll(r, nvals); msg != "" {
					t.Fatalf("%s: cells %d to %d: %s", d.name, i, i+w, msg)
				}
				runs++
			}
		}
		p.releaseScratch()
	}
	t.Logf("%d rows read, %d runs of cells", rows, runs)
	if rows < 2000 || runs < 20000 {
		t.Fatalf("%d rows, %d runs: too few for the comparison to mean much", rows, runs)
	}
	for m := 0; m < 1<<12; m += 3 {
		r := &row{toks: flagToks(fmt.Sprint(m), []byte{byte(m), byte(m >> 3), byte(m >> 6), byte(m >> 9)}), line: 1}
		if msg := sameResolveAll(r, 2); msg != "" {
			t.Fatalf("flags %d: %s", m, msg)
		}
	}
}

// FuzzResolveSame compares them on a row made of the bytes of b (see
// flagToks), for n cells, with the blocks in state st.
func FuzzResolveSame(f *testing.F) {
	f.Add([]byte{0, 4, 8, 2, 0}, uint8(3), uint8(0))
	f.Add([]byte{1, 0, 1, 2, 1, 0}, uint8(2), uint8(3))
	f.Add([]byte{132, 4, 2, 4, 128}, uint8(4), uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, n, st uint8) {
		if len(b) > 64 {
			b = b[:64]
		}
		r := &row{toks: flagToks("7", b), line: 1}
		if msg := sameResolve(r, int(n%16)+1, int(st)%len(resolveBufStates)); msg != "" {
			t.Fatal(msg)
		}
	})
}
