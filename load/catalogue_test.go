package load

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// The own functions as they were before arena.catalogue: every code and
// label copied. TestArenaCatalogueSameRows holds the generated ones to
// them.
func copyingOwnDisclosure(x *schemas.Disclosure, a *arena) {
	x.ReportID = a.reportID(x.ReportID)
	x.ReportYear = a.reportYear(x.ReportYear)
	x.Cell = a.code(x.Cell)
	x.Item = a.str(x.Item)
	x.Metric = a.str(x.Metric)
	x.Label = a.str(x.Label)
	x.Count = a.int64p(x.Count)
	x.AmountYuan = clonep(x.AmountYuan)
	x.Unit = a.strp(x.Unit)
	x.Raw = a.str(x.Raw)
}

func copyingOwnApplication(x *schemas.Application, a *arena) {
	x.ReportID = a.reportID(x.ReportID)
	x.ReportYear = a.reportYear(x.ReportYear)
	x.Cell = a.code(x.Cell)
	x.Outcome = a.str(x.Outcome)
	x.Applicant = a.str(x.Applicant)
	x.Label = a.str(x.Label)
	x.Count = a.int64p(x.Count)
	x.Raw = a.str(x.Raw)
}

func copyingOwnAppeal(x *schemas.Appeal, a *arena) {
	x.ReportID = a.reportID(x.ReportID)
	x.ReportYear = a.reportYear(x.ReportYear)
	x.Cell = a.code(x.Cell)
	x.Proceeding = a.str(x.Proceeding)
	x.Outcome = a.str(x.Outcome)
	x.Count = a.int64p(x.Count)
	x.Raw = a.str(x.Raw)
}

// catalogueConstStrings are the codes and labels catalogueConsts is built from,
// listed here again from schemas.
func catalogueConstStrings() []string {
	var s []string
	code := func(c schemas.Code) { s = append(s, c.Code, c.Label) }
	for _, items := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		for _, it := range items {
			code(it.Code)
			for _, m := range it.Metrics {
				code(m.Code)
			}
		}
	}
	for _, o := range append(schemas.Outcomes(true), schemas.OutcomesOther2021...) {
		code(o.Code)
	}
	for _, cs := range [][]schemas.Code{schemas.Applicants, schemas.Proceedings, schemas.AppealOutcomes} {
		for _, c := range cs {
			code(c)
		}
	}
	return s
}

// keptRef is what the arena may keep of a catalogue column: a view of the
// cell codes, or a string starting at a catalogue constant no longer than
// it, found by a map from the constants' addresses.
func keptRef() func(string) bool {
	longest := map[*byte]int{}
	for _, c := range catalogueConstStrings() {
		p := unsafe.StringData(c)
		longest[p] = max(longest[p], len(c))
	}
	return func(s string) bool {
		if len(s) == 0 {
			return false
		}
		if schemas.IsCodeText(s) {
			return true
		}
		n, ok := longest[unsafe.StringData(s)]
		return ok && len(s) <= n
	}
}

// checkOwned owns a copy of x by own and by ref (the copying own) in arenas
// of their own and compares the two rows; then, for the catalogue columns
// (fields), that own kept exactly the strings keptRef allows and copied
// the others.
func checkOwned[T any](t testing.TB, x T, own, ref func(*T, *arena), kept func(string) bool, fields ...string) {
	t.Helper()
	var a, b arena
	got, want := x, x
	own(&got, &a)
	ref(&want, &b)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("owned row\n%+v\nwant\n%+v", got, want)
	}
	in, out := reflect.ValueOf(x), reflect.ValueOf(got)
	for _, f := range fields {
		s, o := in.FieldByName(f).String(), out.FieldByName(f).String()
		same := len(s) > 0 && unsafe.StringData(s) == unsafe.StringData(o)
		if same != kept(s) {
			t.Fatalf("%s %q: kept %v, want %v", f, s, same, kept(s))
		}
	}
}

func checkParsed(t testing.TB, p *schemas.Parsed, kept func(string) bool) {
	t.Helper()
	for _, x := range p.Disclosures {
		checkOwned(t, x, ownDisclosure, copyingOwnDisclosure, kept, "Item", "Metric", "Label")
	}
	for _, x := range p.Applications {
		checkOwned(t, x, ownApplication, copyingOwnApplication, kept, "Outcome", "Applicant", "Label")
	}
	for _, x := range p.Appeals {
		checkOwned(t, x, ownAppeal, copyingOwnAppeal, kept, "Proceeding", "Outcome")
	}
}

// TestArenaCatalogueSameRows: the rows own makes are the copying own's,
// over the package's reports, the generated corpus and, for every code and
// label of the catalogue, the constant itself, a prefix and a suffix of it,
// a copy, one byte more, and cell codes and views of them; and it keeps
// exactly the constants and cell code views.
func TestArenaCatalogueSameRows(t *testing.T) {
	kept := keptRef()
	var ps []*schemas.Parsed
	ps = append(ps, multiYear()...)
	ps = append(ps, sample("aa", nil, true), sample("bb", ptr(int32(2020)), false))
	for i := range 40 {
		ps = append(ps, catalogueReport(uint64(i), []float64{0, 0.05}[i%2]))
	}
	gen := generatedParses()
	if testing.Short() {
		gen = gen[:100]
	}
	ps = append(ps, gen...)
	hits := 0
	for _, p := range ps {
		checkParsed(t, p, kept)
		for _, x := range p.Applications {
			if kept(x.Label) {
				hits++
			}
		}
	}
	if hits == 0 {
		t.Fatal("no label of the reports is a catalogue constant")
	}
	cells := []string{schemas.ApplicationCell("granted", "natural_person"), schemas.AppealCell("review", "total"),
		schemas.DisclosureCell("procurement", schemas.Disclosures2019[7].Metrics[1])}
	for _, c := range catalogueConstStrings() {
		var edge []string
		edge = append(edge, c, c[:len(c)-1], c[1:], strings.Clone(c), unsafe.String(unsafe.StringData(c), len(c)+1), "")
		for _, cell := range cells {
			edge = append(edge, cell, cell[3:], cell[len(cell)-5:], cell[:len(cell)-1], strings.Clone(cell))
		}
		for _, s := range edge {
			for _, l := range edge[:4] {
				checkOwned(t, schemas.Application{ReportID: "r", Cell: cells[0], Outcome: s, Applicant: l, Label: s, Raw: "1"},
					ownApplication, copyingOwnApplication, kept, "Outcome", "Applicant", "Label")
				checkOwned(t, schemas.Disclosure{ReportID: "r", Cell: s, Item: l, Metric: s, Label: l},
					ownDisclosure, copyingOwnDisclosure, kept, "Item", "Metric", "Label")
				checkOwned(t, schemas.Appeal{ReportID: "r", Cell: l, Proceeding: s, Outcome: l},
					ownAppeal, copyingOwnAppeal, kept, "Proceeding", "Outcome")
			}
		}
	}
}

// FuzzArenaCatalogue: rows whose codes and labels are catalogue constants,
// parts and copies of them, cell codes or bytes of the caller's own, which
// it overwrites after own: own's rows are the copying own's, and stay so.
func FuzzArenaCatalogue(f *testing.F) {
	f.Add([]byte("granted自然人"), []byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add([]byte{0xff, 'a', 0xe5, 0xb9}, []byte{9, 33, 200, 17, 64, 128, 255, 3})
	cs := catalogueConstStrings()
	cells := []string{schemas.ApplicationCell("denied.third_party", "legal"), schemas.AppealCell("suit_direct", "upheld")}
	kept := keptRef()
	f.Fuzz(func(t *testing.T, data, picks []byte) {
		own := bytes.Clone(data)
		var clones [][]byte
		pick := func(i int) string {
			if len(picks) == 0 {
				return ""
			}
			k := int(picks[i%len(picks)])
			c := cs[k%len(cs)]
			switch k % 7 {
			case 0, 1:
				return c
			case 2:
				return c[:k%len(c)]
			case 3:
				return c[k%len(c):]
			case 4:
				b := []byte(c)
				clones = append(clones, b)
				return unsafe.String(unsafe.SliceData(b), len(b))
			case 5:
				cell := cells[k%2]
				return cell[k%len(cell):]
			}
			if len(own) == 0 {
				return ""
			}
			j := k % len(own)
			return unsafe.String(&own[j], len(own)-j)
		}
		x := schemas.Application{ReportID: "r", Cell: cells[0], Outcome: pick(0), Applicant: pick(1), Label: pick(2), Raw: pick(3)}
		y := schemas.Disclosure{ReportID: "r", Cell: pick(4), Item: pick(5), Metric: pick(6), Label: pick(7)}
		z := schemas.Appeal{ReportID: "r", Cell: cells[1], Proceeding: pick(8), Outcome: pick(9)}
		checkOwned(t, x, ownApplication, copyingOwnApplication, kept, "Outcome", "Applicant", "Label")
		checkOwned(t, y, ownDisclosure, copyingOwnDisclosure, kept, "Item", "Metric", "Label")
		checkOwned(t, z, ownAppeal, copyingOwnAppeal, kept, "Proceeding", "Outcome")
		// What own keeps may not be the caller's memory.
		var a, b arena
		gx, wx := x, x
		ownApplication(&gx, &a)
		copyingOwnApplication(&wx, &b)
		gy, wy := y, y
		ownDisclosure(&gy, &a)
		copyingOwnDisclosure(&wy, &b)
		for i := range own {
			own[i] = 'X'
		}
		for _, c := range clones {
			for i := range c {
				c[i] = 'X'
			}
		}
		if gx != wx || !reflect.DeepEqual(gy, wy) {
			t.Fatalf("rows changed with the caller's memory:\n%+v\n%+v", gx, gy)
		}
	})
}
