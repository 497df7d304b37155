package transform

import (
	"testing"
)

// oldHasValues and oldMarkEmptyParagraphs are hasValues and
// markEmptyParagraphs as they were at f4e78ac, ranging over a row's cells
// by value: kept to test that reading each cell's kind where it lies
// answers the same. Only the names differ.
func oldHasValues(r *row) bool {
	for _, t := range r.toks {
		if t.kind == tokValue {
			return true
		}
	}
	return false
}

func oldMarkEmptyParagraphs(rows []*row) {
	long := 0
	for _, r := range rows {
		run := 0
		for _, t := range r.toks {
			switch t.kind {
			case tokBlank, tokEmpty:
				run++
			case tokValue:
				if run > 0 && run%2 == 0 {
					return
				}
				if run >= 3 {
					long++
				}
				run = 0
			}
		}
	}
	if long < 2 {
		return
	}
	for _, r := range rows {
		r.paraEmpty = true
	}
}

// sameKinds compares hasValues with oldHasValues on every row of rows,
// and markEmptyParagraphs with oldMarkEmptyParagraphs on rows whole and
// on each run of them, each on rows of its own with the same cells.
func sameKinds(t testing.TB, rows []*row) {
	t.Helper()
	for i, r := range rows {
		if got, want := hasValues(r), oldHasValues(r); got != want {
			t.Fatalf("row %d (%d cells): hasValues = %v, was %v", i, len(r.toks), got, want)
		}
	}
	copies := func(rows []*row) []*row {
		out := make([]*row, len(rows))
		for i, r := range rows {
			out[i] = &row{toks: r.toks}
		}
		return out
	}
	for from := 0; from <= len(rows); from++ {
		for to := from; to <= len(rows) && to <= from+8; to++ {
			got, want := copies(rows[from:to]), copies(rows[from:to])
			markEmptyParagraphs(got)
			oldMarkEmptyParagraphs(want)
			for i := range got {
				if got[i].paraEmpty != want[i].paraEmpty {
					t.Fatalf("rows %d to %d: row %d paraEmpty = %v, was %v", from, to, from+i, got[i].paraEmpty, want[i].paraEmpty)
				}
			}
		}
	}
}

// rowsOfKinds cuts a stream of kinds into rows: kinds[i] is a cell's kind
// (its low two bits), and a row ends after a cell whose bit 2 is set.
func rowsOfKinds(kinds []byte) []*row {
	var rows []*row
	r := &row{}
	for i, k := range kinds {
		r.toks = append(r.toks, tok{kind: tokKind(k & 3), line: int32(i + 1)})
		if k&4 != 0 {
			rows = append(rows, r)
			r = &row{}
		}
	}
	return append(rows, r)
}

// TestKindsSame compares them on rows cut by hand (none, empty, every
// kind alone, runs of blanks of each length before a value) and on the
// rows that the readers of sections 二, 三 and 四 read from the seeds',
// the testdata's and generated reports.
func TestKindsSame(t *testing.T) {
	sameKinds(t, nil)
	sameKinds(t, []*row{{}})
	sameKinds(t, []*row{{toks: []tok{}}, {toks: nil}})
	for k := 0; k < 4; k++ {
		sameKinds(t, rowsOfKinds([]byte{byte(k)}))
		sameKinds(t, rowsOfKinds([]byte{byte(k) | 4, byte(k)}))
	}
	for n := 0; n < 6; n++ {
		for _, blank := range []byte{byte(tokBlank), byte(tokEmpty)} {
			var ks []byte
			for j := 0; j < 3; j++ {
				for i := 0; i < n; i++ {
					ks = append(ks, blank)
				}
				ks = append(ks, byte(tokValue)|4, byte(tokText))
			}
			sameKinds(t, rowsOfKinds(ks))
		}
	}
	n := 0
	for _, d := range diffCorpus(t, 10, 1, 2) {
		p := newParser(docOf(d.text))
		p.keepTail = d.keepTail
		for _, spec := range []*tableSpec{&s2Specs[0], &s2Specs[1], &s3Specs[0], &s3Specs[1], &s4Spec} {
			toks := tokenizeTo(nil, p.lines, p.cl, 0, len(p.lines), d.keepTail, nil)
			rows := p.readRows(spec, toks, "")
			sameKinds(t, rows)
			n += len(rows)
		}
		p.releaseScratch()
	}
	t.Logf("%d rows of reports compared", n)
}

// FuzzKindsSame compares them on rows cut from any stream of kinds.
func FuzzKindsSame(f *testing.F) {
	for _, s := range []string{"", "\x00", "\x02\x06", "\x01\x01\x01\x06\x00\x00\x00\x06\x01\x01\x01\x02", "\x01\x01\x02\x04\x01\x01\x02"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, kinds []byte) {
		if len(kinds) > 256 {
			kinds = kinds[:256]
		}
		sameKinds(t, rowsOfKinds(kinds))
	})
}
