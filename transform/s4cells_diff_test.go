package transform

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// oldS4Parts is s4Parts as it was at ef1a759: the parts of each section 四
// cell by its code.
var oldS4Parts = func() map[string][2]string {
	m := map[string][2]string{}
	for _, pr := range schemas.Proceedings {
		for _, o := range schemas.AppealOutcomes {
			m[schemas.AppealCell(pr.Code, o.Code)] = [2]string{pr.Code, o.Code}
		}
	}
	return m
}()

// oldAddAppeal is addAppeal as it was at ef1a759, asked by the cell's
// code: kept to test that addAppeal, asked by its place, adds the same
// row, cell and findings. Only the names differ.
func (p *parser) oldAddAppeal(cell string, s *slot, line int, unknown bool) {
	pr, oc := oldS4Parts[cell][0], oldS4Parts[cell][1]
	a := schemas.Appeal{Cell: cell, Proceeding: pr, Outcome: oc}
	cv := p.countCell(cell, len(p.out.Appeals), s, line, unknown)
	a.Count, a.Raw, a.Line = cv.v, cv.raw, int32(cv.line)
	p.s4.set(cell, cv)
	p.out.Appeals = append(p.out.Appeals, a)
}

// appealCall is one call of addAppeal: the cell's place and its slot.
type appealCall struct {
	j       int
	raw     string // the slot's number; "" with tok false is a slot without one
	slot    bool   // a slot is given
	tok     bool   // the slot holds a token
	line    int
	unknown bool
}

// sameAppeals makes the calls with addAppeal on one parser and with
// oldAddAppeal on another, and returns the first difference of their rows,
// tables and findings, "" when there is none.
func sameAppeals(calls []appealCall) string {
	p := &parser{out: &schemas.Parsed{}, s4: newCellTable(), values: make([]int64, 0, 4)}
	old := &parser{out: &schemas.Parsed{}, s4: newCellTable(), values: make([]int64, 0, 4)}
	for _, c := range calls {
		for _, q := range []*parser{p, old} {
			var s *slot
			if c.slot {
				s = &slot{line: c.line + 1}
				if c.tok {
					s.t = &tok{kind: tokValue, c: c.raw, raw: c.raw, line: int32(c.line + 1)}
				}
			}
			if q == p {
				q.addAppeal(c.j, s, c.line, c.unknown)
			} else {
				q.oldAddAppeal(s4Cells[c.j], s, c.line, c.unknown)
			}
		}
	}
	if !reflect.DeepEqual(p.out.Appeals, old.out.Appeals) {
		return fmt.Sprintf("rows %v, were %v", p.out.Appeals, old.out.Appeals)
	}
	if !reflect.DeepEqual(p.out.Findings, old.out.Findings) {
		return fmt.Sprintf("findings %v, were %v", p.out.Findings, old.out.Findings)
	}
	if p.s4.len() != old.s4.len() {
		return fmt.Sprintf("%d cells held, were %d", p.s4.len(), old.s4.len())
	}
	for _, code := range catalog.codes {
		got, want := p.s4.get(code), old.s4.get(code)
		if (got == nil) != (want == nil) || got != nil && !reflect.DeepEqual(*got, *want) {
			return fmt.Sprintf("cell %s is %+v, was %+v", code, got, want)
		}
	}
	return ""
}

// appealRaws are printed cells: numbers, markers, blanks and what the
// normalizer rejects or finds too large.
var appealRaws = []string{"0", "7", "12", "1,234", "—", "-", "/", "无", "", " 3 ", "-2", "1.5",
	"99999999999999999999999", "３", "约5", "x", "0.0", "1e3"}

// TestAddAppealSame checks that addAppeal, asked by a cell's place in
// s4Cells, adds what oldAddAppeal, asked by its code, did: each cell with
// every kind of slot, the fifteen in order as readS4 adds them, and runs of
// calls drawn at random (cells asked twice, out of order).
func TestAddAppealSame(t *testing.T) {
	var calls []appealCall
	for j := range s4Cells {
		for _, raw := range appealRaws {
			calls = append(calls, appealCall{j: j, raw: raw, slot: true, tok: true, line: j})
		}
		calls = append(calls, appealCall{j: j, slot: true, line: 3}, appealCall{j: j, line: 5, unknown: true},
			appealCall{j: j})
	}
	if msg := sameAppeals(calls); msg != "" {
		t.Fatal(msg)
	}
	for _, raw := range appealRaws {
		var in []appealCall
		for j := range s4Cells {
			in = append(in, appealCall{j: j, raw: raw, slot: true, tok: true, line: 2})
		}
		if msg := sameAppeals(in); msg != "" {
			t.Fatalf("%q in every cell: %s", raw, msg)
		}
	}
	rng := rand.New(rand.NewSource(20))
	for range 2000 {
		calls = calls[:0]
		for range 1 + rng.Intn(30) {
			calls = append(calls, appealCall{j: rng.Intn(len(s4Cells)), raw: appealRaws[rng.Intn(len(appealRaws))],
				slot: rng.Intn(4) > 0, tok: rng.Intn(3) > 0, line: rng.Intn(50), unknown: rng.Intn(3) == 0})
		}
		if msg := sameAppeals(calls); msg != "" {
			t.Fatalf("calls %v: %s", calls, msg)
		}
	}
}

// FuzzAddAppealSame compares addAppeal with oldAddAppeal over calls made
// of the fuzzer's bytes, each cell's number from one of them.
func FuzzAddAppealSame(f *testing.F) {
	f.Add([]byte{0, 1, 2, 14}, "12", 3, false)
	f.Add([]byte{7, 7}, "—", 0, true)
	f.Add([]byte{200, 3}, "99999999999999999999999", 9, false)
	f.Fuzz(func(t *testing.T, cells []byte, raw string, line int, unknown bool) {
		if len(cells) > 64 {
			cells = cells[:64]
		}
		var calls []appealCall
		for i, b := range cells {
			calls = append(calls, appealCall{j: int(b) % len(s4Cells), raw: raw, slot: b&0x40 == 0, tok: b&0x80 == 0,
				line: (line + i) & 0xffff, unknown: unknown != (i%2 == 1)})
		}
		if msg := sameAppeals(calls); msg != "" {
			t.Fatal(msg)
		}
	})
}
