package transform

import (
	"math"
	"math/rand"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// checkOld is check before it added up each equation's cells in one loop
// (eqRuns.fails) and called equation only for an equation that fails.
func (p *parser) checkOld() {
	if len(p.out.Applications) > 0 {
		v := variant(hasOtherOutcome(p.out.Applications))
		for i := range s3Eqs[v] {
			p.equation(&s3Eqs[v][i], &s3EqIDs[v][i], p.s3)
		}
		// Most tables hold no negative count: the list of cells in
		// printed order is made only for one that does.
		if p.s3.anyNegative() {
			cells := make([]string, len(p.out.Applications))
			for i, a := range p.out.Applications {
				cells[i] = a.Cell
			}
			p.negatives(cells, p.s3)
		}
	}
	p.negativeDisclosures()
	if len(p.out.Appeals) > 0 {
		for i := range s4Eqs {
			p.equation(&s4Eqs[i], &s4EqIDs[i], p.s4)
		}
		if p.s4.anyNegative() {
			p.negatives(s4Cells, p.s4)
		}
	}
	p.checkTemplateYear()
}

// hasOtherOutcome reports whether a row of apps is of the outcome
// "other", which only the single template's table has: what checkOld
// chose the variant by, before hasOtherRow. It reads each
// row's outcome where it lies: ranging over the rows by value copied each
// whole, fifteen words.
func hasOtherOutcome(apps []schemas.Application) bool {
	for i := range apps {
		if apps[i].Outcome == "other" {
			return true
		}
	}
	return false
}

// TestCheckSameAsOld: a report parsed with check and with checkOld gives
// the same result, findings and their order included, over the diff
// corpus (test data, seeds and generated reports in every layout); and
// hasOtherRow tells its rows as hasOtherOutcome does.
func TestCheckSameAsOld(t *testing.T) {
	docs := diffCorpus(t, 40, 1, 2, 3)
	withFindings, single := 0, 0
	for _, d := range docs {
		p := newParser(schemas.Document{Text: d.text})
		p.run()
		got := p.out
		if h, want := p.hasOtherRow(), hasOtherOutcome(got.Applications); h != want {
			t.Fatalf("%s: hasOtherRow() = %v, hasOtherOutcome %v", d.name, h, want)
		} else if h {
			single++
		}
		p.releaseScratch()
		q := newParser(schemas.Document{Text: d.text})
		q.runStages(q.readS3, q.checkOld)
		want := q.out
		q.releaseScratch()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: check gives\n%+v\nwas\n%+v", d.name, got.Findings, want.Findings)
		}
		for _, f := range got.Findings {
			if f.Rule == ruleS3ColumnTotal.Code || f.Rule == ruleS3Balance.Code || f.Rule == ruleS3RowTotal.Code || f.Rule == ruleS4Total.Code {
				withFindings++
				break
			}
		}
	}
	t.Logf("%d reports, %d with arithmetic findings, %d with a row of the outcome \"other\"", len(docs), withFindings, single)
}

// equationsBoth runs the equations of one list (s3Eqs of variant v, or
// s4Eqs when v is 2) over t, as check does and as checkOld did, and
// returns the findings of each.
func equationsBoth(v int, t *cellTable) (got, want []schemas.Finding) {
	eqs, ids := s4Eqs, s4EqIDs
	if v < 2 {
		eqs, ids = s3Eqs[v], s3EqIDs[v]
	}
	p, q := &parser{out: &schemas.Parsed{}}, &parser{out: &schemas.Parsed{}}
	runs := &checkRuns[v]
	for i := range eqs {
		if runs.fails(i, t) {
			p.equation(&eqs[i], &ids[i], t)
		}
		q.equation(&eqs[i], &ids[i], t)
	}
	return p.out.Findings, q.out.Findings
}

// TestEquationsSameAsOld: over the tables of sections 三 and 四 as the
// corpus's reports leave them, and those tables damaged (cells lost,
// printed as markers, rejected or changed), the equations find the same.
func TestEquationsSameAsOld(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	found := 0
	for _, c := range repairCases(t) {
		for k := range 20 {
			table := c.table
			if k > 0 {
				table = perturb(r, table)
			}
			for v := range 3 {
				got, want := equationsBoth(v, table)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s, list %d: %+v; was %+v", c.name, v, got, want)
				}
				found += len(got)
			}
		}
	}
	t.Logf("%d findings", found)
}

// fuzzTable fills, from the bytes next hands out, the cells the equations
// of list v name: absent, unknown, rejected, null or a value up to the
// int64 extremes.
func fuzzTable(next func() byte, v int) *cellTable {
	ids := s4EqIDs
	if v < 2 {
		ids = s3EqIDs[v]
	}
	t := newCellTable()
	for _, e := range ids {
		for _, side := range [][]int{e.lhs, e.rhs} {
			for _, id := range side {
				if id < 0 || t.at(id) != nil {
					continue
				}
				b := next()
				var cv *cellv
				switch b % 8 {
				case 0:
					continue
				case 1:
					cv = &cellv{unknown: true}
				case 2:
					cv = &cellv{unknown: true, rejected: true, raw: "1e308"}
				case 3:
					cv = &cellv{na: true, raw: " / "}
				default:
					var x int64
					switch b / 32 {
					case 0, 1:
						x = int64(next() % 10)
					case 2:
						x = int64(next()) - 128
					case 3:
						x = []int64{math.MaxInt64, math.MinInt64, -1, math.MaxInt64 - 1, math.MinInt64 + 1}[next()%5]
					case 4, 5:
						x = int64(next())
					default:
						x = int64(next())<<56 | int64(next())<<8
					}
					cv = &cellv{v: &x, line: int(b)}
				}
				t.put(catalog.codes[id], id, cv)
			}
		}
	}
	return t
}

// TestEquationsEdges: tables whose cells are all at the int64 extremes,
// all null, or all zero but one, find the same as before.
func TestEquationsEdges(t *testing.T) {
	for v := range 3 {
		for _, x := range []int64{math.MaxInt64, math.MinInt64, -1, 0, 1} {
			for _, null := range []bool{false, true} {
				data := make([]byte, 0, 512)
				for range 256 {
					b := byte(3<<5 | 4) // a value from the extremes
					if null {
						b = 3
					}
					data = append(data, b, byte(map[int64]int{math.MaxInt64: 0, math.MinInt64: 1, -1: 2, 0: 3, 1: 4}[x]))
				}
				table := fuzzTable(byteSource(data), v)
				got, want := equationsBoth(v, table)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("list %d, %d null %v: %+v; was %+v", v, x, null, got, want)
				}
			}
		}
	}
}

// FuzzEquationsSame: the equations of every list find the same as before
// over tables of cells absent, unknown, rejected, null, or of values up
// to the int64 extremes.
func FuzzEquationsSame(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add([]byte("\x04\x01\x04\x02\x04\x03\x7f\x00\x7f\x01\xff\xff\xe4\x09"))
	f.Fuzz(func(t *testing.T, data []byte) {
		next := byteSource(data)
		for v := range 3 {
			table := fuzzTable(next, v)
			got, want := equationsBoth(v, table)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("list %d: %+v; was %+v", v, got, want)
			}
		}
	})
}

// FuzzHasOtherRow: after rows of any outcomes (of both templates, and
// one outside them) are added, in any applicant columns, as read or
// unknown, hasOtherRow says what hasOtherOutcome says of them.
func FuzzHasOtherRow(f *testing.F) {
	f.Add([]byte{0, 1, 2})
	f.Add([]byte{9, 0, 9, 6, 30, 3})
	outcomes := append(schemas.Outcomes(true), schemas.OutcomesOther2021...)
	outcomes = append(outcomes, schemas.Outcome{Code: schemas.Code{Code: "other.x"}})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := newParser(schemas.Document{})
		defer p.releaseScratch()
		for i := 0; i+1 < len(data); i += 2 {
			o := outcomes[int(data[i])%len(outcomes)]
			b, ok := catalog.appBase[o.Code.Code]
			if !ok {
				b = -1
			}
			j := int(data[i+1]) % len(schemas.Applicants)
			p.addApplication(o, b, j, o.Label, nil, i, data[i+1] >= 128)
		}
		if got, want := p.hasOtherRow(), hasOtherOutcome(p.out.Applications); got != want {
			t.Fatalf("hasOtherRow() = %v over %d rows, hasOtherOutcome %v", got, len(p.out.Applications), want)
		}
	})
}
