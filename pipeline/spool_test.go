package pipeline

import (
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestSpoolEntry: an entry gives back what the collection pass and the
// replay read of a report: cellValues' map (amounts, a cell read twice
// keeping its last value, as the map does) and the report with its
// findings, equal to the parse's; and it is a fraction of the full
// parse's encoding, which the spool held before the cell tables were
// written during the parse.
func TestSpoolEntry(t *testing.T) {
	ps, _ := generatedParses(t, 40)
	// a cell read twice, the later value kept; an amount in fen
	y := schemas.Yuan(12345)
	one, two := int64(1), int64(2)
	ps[0].Disclosures = append(ps[0].Disclosures,
		schemas.Disclosure{Cell: "s2.fees.amount_yuan", AmountYuan: &y},
		schemas.Disclosure{Cell: "s2.odd cell", Count: &one}, schemas.Disclosure{Cell: "s2.odd cell", Count: &two})
	var vals, b []byte
	full, slim, amounts := 0, 0, 0
	for _, p := range ps {
		vals = appendCellValues(vals[:0], p)
		b = appendEntry(b[:0], vals, p)
		want := cellValues(p)
		got, err := decodeCellValues(b)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.IsSortedFunc(got, func(a, b cellVal) int { return strings.Compare(a.cell, b.cell) }) || len(got) != len(want) {
			t.Fatalf("%s: %d cell values, not in cell order or not each once", p.Report.SourcePath, len(got))
		}
		if !maps.Equal(got.asMap(), want) {
			t.Fatalf("%s: cell values differ:\n got %v\nwant %v", p.Report.SourcePath, got, want)
		}
		for _, d := range p.Disclosures {
			if d.AmountYuan != nil && d.Count == nil {
				amounts++
			}
		}
		q, err := decodeEntryReport(b, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(q.Report, p.Report) || !reflect.DeepEqual(q.Findings, p.Findings) && len(p.Findings) > 0 || q.Organ != p.Organ {
			t.Fatalf("%s: report or findings differ", p.Report.SourcePath)
		}
		if len(q.Disclosures)+len(q.Applications)+len(q.Appeals) != 0 {
			t.Fatalf("%s: cell rows in the entry", p.Report.SourcePath)
		}
		full += len(appendParsed(nil, p))
		slim += len(b)
	}
	if got := cellValues(ps[0])["s2.odd cell"]; got != 2 {
		t.Fatalf("the map keeps %d for a cell read twice, want the last value", got)
	}
	if amounts == 0 {
		t.Fatal("no amount: the test covers less than it says")
	}
	if slim*2 > full {
		t.Errorf("entries take %d bytes, the full parses %d: want less than half", slim, full)
	}
	t.Logf("spool entries: %d bytes, full parses %d", slim, full)
}

// TestSpoolEntryDamaged: a cut or corrupted entry is an error, never a
// panic.
func TestSpoolEntryDamaged(t *testing.T) {
	ps, _ := generatedParses(t, 2)
	vals := appendCellValues(nil, ps[1])
	b := appendEntry(nil, vals, ps[1])
	for n := range len(b) {
		if _, err := decodeCellValues(b[:n]); err == nil && n < len(vals) {
			t.Fatalf("values cut at %d of %d decoded", n, len(vals))
		}
		if _, err := decodeEntryReport(b[:n], nil); err == nil {
			t.Fatalf("entry cut at %d of %d decoded", n, len(b))
		}
	}
}

func FuzzSpoolEntry(f *testing.F) {
	ps, _ := generatedParses(f, 1)
	f.Add(appendEntry(nil, appendCellValues(nil, ps[0]), ps[0]))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = decodeCellValues(b)
		_, _ = decodeEntryReport(b, nil)
	})
}

// TestDiffsRoundTrip: the spooled disagreements come back as written,
// extreme values included, and a cut record is an error.
func TestDiffsRoundTrip(t *testing.T) {
	want := []diff{{0, 0, 0, 0}, {7, 3, -5, 1 << 62}, {math.MaxUint32, math.MaxUint32, math.MinInt64, math.MaxInt64}}
	var b []byte
	for _, d := range want {
		b = appendDiff(b, d)
	}
	got, err := decodeDiffs(nil, b)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeDiffs = %v, %v; want %v", got, err, want)
	}
	if _, err := decodeDiffs(nil, b[:len(b)-1]); err == nil {
		t.Error("a cut record decoded")
	}
}
