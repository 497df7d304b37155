package transform

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// oldAppMemo is appMemo as it was at ef1a759: the outcome appCell looked
// up last and the number of its first cell.
type oldAppMemo struct {
	outcome string
	base    int
	ok      bool
}

// oldApps is a parser with the memo the parser held at ef1a759, for
// oldAddApplication and oldSetApplication.
type oldApps struct {
	p   *parser
	app oldAppMemo
}

// appCell is the parser's appCell as it was at ef1a759.
func (q *oldApps) appCell(o string, j int) (string, int) {
	if m := &q.app; !m.ok || o != m.outcome {
		b, ok := catalog.appBase[o]
		if !ok {
			return appCellID(o, j)
		}
		*m = oldAppMemo{outcome: o, base: b, ok: true}
	}
	return catalog.codes[q.app.base+j], q.app.base + j
}

// addApplication and setApplication are the parser's as they were at
// ef1a759, looking the outcome's cells up by its code (appCell): kept to
// test that those given the number of its first cell (s3Bases) add and
// write the same rows, cells and findings.
func (q *oldApps) addApplication(o schemas.Outcome, j int, label string, s *slot, line int, unknown bool) {
	p := q.p
	a := schemas.Applicants[j]
	cell, id := q.appCell(o.Code.Code, j)
	row := schemas.Application{Cell: cell, Outcome: o.Code.Code, Applicant: a.Code, Label: label}
	cv := p.countCell(cell, len(p.out.Applications), s, line, unknown)
	row.Count, row.Raw, row.Line = cv.v, cv.raw, int32(cv.line)
	p.s3.put(cell, id, cv)
	p.out.Applications = append(p.out.Applications, row)
}

func (q *oldApps) setApplication(o schemas.Outcome, j int, s *slot) {
	p := q.p
	cell, id := q.appCell(o.Code.Code, j)
	old := p.s3.at(id)
	if id < 0 {
		old = p.s3.get(cell)
	}
	cv := p.countCell(cell, old.idx, s, 0, false)
	p.s3.put(cell, id, cv)
	a := &p.out.Applications[old.idx]
	a.Count, a.Raw, a.Line = cv.v, cv.raw, int32(cv.line)
}

// appCall is one call of addApplication (or of setApplication, with set,
// for a cell added before): the outcome's place in its variant's list, the
// applicant column and the slot.
type appCall struct {
	oi, j   int
	set     bool
	raw     string // the slot's number
	slot    bool   // a slot is given
	tok     bool   // the slot holds a token
	line    int
	unknown bool
}

// outsideOutcome is an outcome of neither template, whose cells the
// catalogue does not number.
var outsideOutcome = schemas.Outcome{Code: schemas.Code{Code: "not_an_outcome", Label: "不是一行"}, Result: true}

// sameApplications makes the calls, for the variant single of section 三,
// with addApplication and setApplication on one parser and oldApps' on
// another; an outcome's place one past the list is outsideOutcome. It
// returns the first difference of their rows (the catalogue's cell codes
// held at the same address), tables and findings, "" when there is none.
func sameApplications(single bool, calls []appCall) string {
	outcomes := append(schemas.Outcomes(single), outsideOutcome)
	bases := append(append([]int(nil), s3Bases[variant(single)]...), -1)
	p := &parser{out: &schemas.Parsed{}, s3: newCellTable(), values: make([]int64, 0, 4)}
	old := &oldApps{p: &parser{out: &schemas.Parsed{}, s3: newCellTable(), values: make([]int64, 0, 4)}}
	added := map[[2]int]bool{}
	for _, c := range calls {
		o := outcomes[c.oi]
		set := c.set && added[[2]int{c.oi, c.j}]
		added[[2]int{c.oi, c.j}] = true
		for _, q := range []*parser{p, old.p} {
			var s *slot
			if c.slot || set {
				s = &slot{line: c.line + 1}
				if c.tok {
					s.t = &tok{kind: tokValue, c: c.raw, raw: c.raw, line: int32(c.line + 1)}
				}
			}
			switch {
			case q == p && set:
				p.setApplication(o, bases[c.oi], c.j, s)
			case q == p:
				p.addApplication(o, bases[c.oi], c.j, o.Label, s, c.line, c.unknown)
			case set:
				old.setApplication(o, c.j, s)
			default:
				old.addApplication(o, c.j, o.Label, s, c.line, c.unknown)
			}
		}
	}
	got, want := p.out.Applications, old.p.out.Applications
	if !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("rows %v, were %v", got, want)
	}
	for i := range got {
		if schemas.IsCodeText(want[i].Cell) && unsafe.StringData(got[i].Cell) != unsafe.StringData(want[i].Cell) {
			return fmt.Sprintf("row %d: cell %s held elsewhere than it was", i, got[i].Cell)
		}
	}
	if !reflect.DeepEqual(p.out.Findings, old.p.out.Findings) {
		return fmt.Sprintf("findings %v, were %v", p.out.Findings, old.p.out.Findings)
	}
	if p.s3.len() != old.p.s3.len() {
		return fmt.Sprintf("%d cells held, were %d", p.s3.len(), old.p.s3.len())
	}
	var codes []string
	p.s3.each(func(code string, _ *cellv) { codes = append(codes, code) })
	old.p.s3.each(func(code string, _ *cellv) { codes = append(codes, code) })
	for _, code := range codes {
		g, w := p.s3.get(code), old.p.s3.get(code)
		if (g == nil) != (w == nil) || g != nil && !reflect.DeepEqual(*g, *w) {
			return fmt.Sprintf("cell %s is %+v, was %+v", code, g, w)
		}
	}
	return ""
}

// TestApplicationsSame checks that addApplication and setApplication,
// given the number of the outcome's first cell, do what they did looking
// it up by its code: for both variants, every outcome's row added whole as
// readS3 adds it, then written again as a page break's rows are, and runs
// of calls drawn at random (outcomes in any order, cells asked twice, an
// outcome outside the catalogue).
func TestApplicationsSame(t *testing.T) {
	for _, single := range []bool{true, false} {
		n := len(schemas.Outcomes(single))
		var calls []appCall
		for oi := range n + 1 {
			for j := range schemas.Applicants {
				calls = append(calls, appCall{oi: oi, j: j, raw: appealRaws[(oi+j)%len(appealRaws)], slot: true, tok: true, line: oi})
			}
		}
		for oi := range n + 1 {
			for j := range schemas.Applicants {
				calls = append(calls, appCall{oi: oi, j: j, set: true, raw: appealRaws[(oi*j)%len(appealRaws)], tok: oi%3 > 0})
			}
		}
		if msg := sameApplications(single, calls); msg != "" {
			t.Fatalf("single %v, in order: %s", single, msg)
		}
		rng := rand.New(rand.NewSource(int64(n)))
		for range 2000 {
			calls = calls[:0]
			for range 1 + rng.Intn(60) {
				calls = append(calls, appCall{oi: rng.Intn(n + 1), j: rng.Intn(len(schemas.Applicants)), set: rng.Intn(3) == 0,
					raw: appealRaws[rng.Intn(len(appealRaws))], slot: rng.Intn(4) > 0, tok: rng.Intn(3) > 0,
					line: rng.Intn(50), unknown: rng.Intn(3) == 0})
			}
			if msg := sameApplications(single, calls); msg != "" {
				t.Fatalf("single %v, calls %v: %s", single, calls, msg)
			}
		}
	}
}

// FuzzApplicationsSame compares the two over calls made of the fuzzer's
// bytes: two a call, the outcome's place and the column with what the
// call is.
func FuzzApplicationsSame(f *testing.F) {
	f.Add(true, []byte{0, 0, 0, 1, 5, 6, 5, 0x86}, "12", 3)
	f.Add(false, []byte{25, 6, 2, 0x43, 2, 0x83}, "—", 0)
	f.Add(false, []byte{200, 3, 200, 0x83}, "99999999999999999999999", 9)
	f.Fuzz(func(t *testing.T, single bool, b []byte, raw string, line int) {
		if len(b) > 128 {
			b = b[:128]
		}
		n := len(schemas.Outcomes(single)) + 1
		var calls []appCall
		for i := 0; i+1 < len(b); i += 2 {
			k := b[i+1]
			calls = append(calls, appCall{oi: int(b[i]) % n, j: int(k&7) % len(schemas.Applicants), set: k&0x80 != 0,
				raw: raw, slot: k&0x40 == 0, tok: k&0x20 == 0, line: (line + i) & 0xffff, unknown: k&0x10 != 0})
		}
		if msg := sameApplications(single, calls); msg != "" {
			t.Fatal(msg)
		}
	})
}
