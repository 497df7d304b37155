package transform

import (
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// plainMetrics are a section 二 count column, the column 本年增/减 (whose
// words of no change are read before the number) and a money column: one
// of each way addDisclosureUnit reads a cell.
var plainMetrics = func() (out []struct {
	it schemas.Item
	m  schemas.Metric
}) {
	var count, change, money bool
	for _, it := range append(append([]schemas.Item(nil), schemas.Disclosures2019...), schemas.Disclosures2021...) {
		for _, m := range it.Metrics {
			take := false
			switch {
			case m.Money && !money:
				money, take = true, true
			case m.Code.Code == "change" && !change:
				change, take = true, true
			case !m.Money && m.Code.Code != "change" && !count:
				count, take = true, true
			}
			if take {
				out = append(out, struct {
					it schemas.Item
					m  schemas.Metric
				}{it, m})
			}
		}
	}
	return out
}()

// plainSame adds, on parsers of their own, the cells of the raws given
// with addDisclosureUnit and addDisclosureUnitOld, and reads them as one
// row with offCandidate and offCandidateOld ("" a cell not printed): the
// rows (the values they point at) and the findings must be the same.
type plainSame struct {
	cur, old *parser
}

func newPlainSame() *plainSame {
	return &plainSame{newParser(schemas.Document{ReportID: "r"}), newParser(schemas.Document{ReportID: "r"})}
}

func (x *plainSame) check(t testing.TB, raws ...string) {
	t.Helper()
	slots := make([]slot, len(raws))
	for i, raw := range raws {
		slots[i].line = i + 1
		if raw != "" || i == 0 {
			slots[i].t = &tok{raw: raw, c: compact(raw), kind: tokValue, line: int32(i + 1)}
		}
		for _, c := range plainMetrics {
			x.cur.addDisclosureUnit(c.it, c.m, "", &slots[i], 9, "万元")
			x.old.addDisclosureUnitOld(c.it, c.m, "", &slots[i], 9, "万元")
		}
	}
	if !reflect.DeepEqual(x.cur.out.Disclosures, x.old.out.Disclosures) || !reflect.DeepEqual(x.cur.out.Findings, x.old.out.Findings) {
		t.Fatalf("cells %q: rows %+v, findings %+v; were %+v, %+v", raws, x.cur.out.Disclosures, x.cur.out.Findings,
			x.old.out.Disclosures, x.old.out.Findings)
	}
	x.cur.out.Disclosures, x.old.out.Disclosures = x.cur.out.Disclosures[:0], x.old.out.Disclosures[:0]
	x.cur.out.Findings, x.old.out.Findings = x.cur.out.Findings[:0], x.old.out.Findings[:0]
	if got, want := offCandidate(slots), offCandidateOld(slots); got != want {
		t.Fatalf("offCandidate of cells %q = %v, was %v", raws, got, want)
	}
}

// TestPlainCellsSame: section 二's cells and the check for a row standing
// off its columns read as they did before plain cells were read by
// CountPlain, over the count cells' edges and every field of the diff
// corpus, alone and in rows of four with a total (some not printed).
func TestPlainCellsSame(t *testing.T) {
	x := newPlainSame()
	raws := append([]string(nil), countCellEdges...)
	seen := map[string]bool{}
	for _, d := range diffCorpus(t, 6, 1, 2) {
		for _, l := range strings.Split(d.text, "\n") {
			for _, f := range append(strings.Fields(l), strings.Split(l, "|")...) {
				if len(f) <= 24 && !seen[f] {
					seen[f] = true
					raws = append(raws, f)
				}
			}
		}
	}
	if len(raws) < 3000 {
		t.Fatalf("only %d cells", len(raws))
	}
	for i, raw := range raws {
		x.check(t, raw)
		// a row: three cells and their total, the sum where it can be
		a, b, c := raws[(i+1)%len(raws)], raws[(i+7)%len(raws)], []string{"", raw, "0", "5"}[i%4]
		x.check(t, raw, a, b, c)
		x.check(t, "2", "3", c, []string{"5", "7", " 5", "\u00a05"}[i%4])
	}
}

// FuzzPlainCellsSame compares the new readings with the old on a row of
// any cells, '|' between them.
func FuzzPlainCellsSame(f *testing.F) {
	f.Add("2|3|\u00a0/|5")
	f.Add("-1|1|0")
	f.Add("|1 |")
	x := newPlainSame()
	f.Fuzz(func(t *testing.T, row string) {
		if len(row) > 256 {
			return
		}
		x.check(t, strings.Split(row, "|")...)
	})
}
