package transform

import (
	"fmt"
	"reflect"
	"runtime"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// drainRows empties the row pool, so that the next parse takes the rows
// the next Put hands back (or, when the pool drops them, makes new ones).
func drainRows() {
	for rowPool.Get() != nil {
	}
}

// rowsPastZero says which row past a result's own, up to its slices'
// capacity, is not zero: what recycleOld guaranteed of every result.
func rowsPastZero(p *schemas.Parsed) string {
	check := func(name string, s reflect.Value) string {
		for i := s.Len(); i < s.Cap(); i++ {
			if !s.Slice(0, s.Cap()).Index(i).IsZero() {
				return fmt.Sprintf("%s row %d of %d (past %d) is not zero", name, i, s.Cap(), s.Len())
			}
		}
		return ""
	}
	for _, c := range []struct {
		name string
		s    any
	}{{"disclosures", p.Disclosures}, {"applications", p.Applications}, {"appeals", p.Appeals}} {
		if msg := check(c.name, reflect.ValueOf(c.s)); msg != "" {
			return msg
		}
	}
	return ""
}

// recycledPair parses b in the rows a's parse left, handed back by Recycle
// and by recycleOld, and says how the two results differ or where one
// holds more than its rows; "" when they are the same.
func recycledPair(a, b schemas.Document) string {
	var got, want *schemas.Parsed
	for k, recycle := range []func(*schemas.Parsed){Recycle, recycleOld} {
		drainRows()
		pa, _ := parseWith(nil, a, newScratch())
		recycle(pa)
		pb, _ := parseWith(nil, b, newScratch())
		if k == 0 {
			got = pb
		} else {
			want = pb
		}
	}
	if msg := sameParse(got, want); msg != "" {
		return "parsed in recycled rows: " + msg
	}
	if msg := rowsPastZero(got); msg != "" {
		return msg
	}
	return ""
}

// TestRecycleSameAsClearing parses the reports in turn, each in the rows
// the report before left, handed back by Recycle (not cleared) and by
// recycleOld (cleared), and requires the same results, with nothing past
// a result's rows; in both orders, so that a report follows one with more
// rows and one with fewer.
func TestRecycleSameAsClearing(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // Put and Get on one P
	per := 200
	if testing.Short() {
		per = 20
	}
	docs := reuseDocs(t, per)
	for _, order := range []string{"forward", "backward"} {
		drainRows()
		var prevNew, prevOld *schemas.Parsed
		reused := 0
		var prevApps []schemas.Application
		sNew, sOld := newScratch(), newScratch()
		for k := range docs {
			d := docs[k]
			if order == "backward" {
				d = docs[len(docs)-1-k]
			}
			drainRows()
			Recycle(prevNew)
			got, keep := parseWith(nil, d, sNew)
			if !keep {
				sNew = newScratch()
			}
			if prevNew != nil && cap(got.Applications) > 0 && cap(prevApps) > 0 &&
				&got.Applications[:1][0] == &prevApps[:1][0] {
				reused++
			}
			prevApps = got.Applications
			drainRows()
			recycleOld(prevOld)
			want, keep := parseWith(nil, d, sOld)
			if !keep {
				sOld = newScratch()
			}
			if msg := sameParse(got, want); msg != "" {
				t.Fatalf("%s (%s, report %d): parsed in the rows Recycle handed back, %s", d.SourcePath, order, k, msg)
			}
			if msg := rowsPastZero(got); msg != "" {
				t.Fatalf("%s (%s, report %d): %s", d.SourcePath, order, k, msg)
			}
			prevNew, prevOld = got, want
		}
		if reused < len(docs)/3 { // the race detector drops a pooled value in four
			t.Fatalf("%s: %d of %d parses took the rows of the one before", order, reused, len(docs))
		}
		t.Logf("%s: %d of %d parses took the rows of the one before", order, reused, len(docs))
	}
}

// FuzzRecycleSameAsClearing parses b in the rows of a's parse handed back
// by Recycle and by recycleOld: the same results, nothing past b's rows.
func FuzzRecycleSameAsClearing(f *testing.F) {
	for _, pair := range reportPairs(true) {
		f.Add(pair[0], pair[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
		if msg := recycledPair(docOf(a), docOf(b)); msg != "" {
			t.Fatal(msg)
		}
	})
}
