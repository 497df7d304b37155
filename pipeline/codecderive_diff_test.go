package pipeline

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/parsetest"
	"github.com/nianbao/nianbao/schemas"
)

// keptOf is p as the codec keeps it: no context text, the time to the
// microsecond in UTC, empty tables as empty slices, every row stamped
// with its report's key.
func keptOf(p *schemas.Parsed) *schemas.Parsed {
	q := clonedRows(p)
	q.Findings = slices.Clone(p.Findings)
	q.Context = ""
	q.Report.IngestedAt = time.UnixMicro(p.Report.IngestedAt.UnixMicro()).UTC()
	if q.Disclosures == nil {
		q.Disclosures = []schemas.Disclosure{}
	}
	if q.Applications == nil {
		q.Applications = []schemas.Application{}
	}
	if q.Appeals == nil {
		q.Appeals = []schemas.Appeal{}
	}
	if q.Findings == nil {
		q.Findings = []schemas.Finding{}
	}
	q.SetKey()
	return q
}

// sameRoundTrip fails when p, encoded and decoded (into a parse of its
// own and into prev's rows), is not p as the codec keeps it, or not what
// version 5 of the codec (appendParsedOld, decodeParsedOld) gave back.
func sameRoundTrip(t testing.TB, p, prev *schemas.Parsed) {
	t.Helper()
	want := keptOf(p)
	old, err := decodeParsedOld(appendParsedOld(nil, p))
	if err != nil {
		t.Fatalf("%s: version 5: %v", p.Report.SourcePath, err)
	}
	b := appendParsed([]byte("xy"), p)[2:]
	got, err := decodeParsed(b)
	if err != nil {
		t.Fatalf("%s: %v", p.Report.SourcePath, err)
	}
	if d := firstDiff(got, old); d != "" {
		t.Fatalf("%s: decoded otherwise than version 5: %s", p.Report.SourcePath, d)
	}
	if d := firstDiff(got, want); d != "" {
		t.Fatalf("%s: round trip differs: %s", p.Report.SourcePath, d)
	}
	if prev != nil {
		again, err := decodeParsedReusing(b, clonedRows(prev))
		if err != nil || !reflect.DeepEqual(again, want) {
			t.Fatalf("%s: decoded into another parse's rows: %v", p.Report.SourcePath, err)
		}
	}
}

// firstDiff names the first part where a and b differ ("" when none).
func firstDiff(a, b *schemas.Parsed) string {
	if reflect.DeepEqual(a, b) {
		return ""
	}
	tables := []struct {
		name string
		a, b reflect.Value
	}{
		{"disclosure", reflect.ValueOf(a.Disclosures), reflect.ValueOf(b.Disclosures)},
		{"application", reflect.ValueOf(a.Applications), reflect.ValueOf(b.Applications)},
		{"appeal", reflect.ValueOf(a.Appeals), reflect.ValueOf(b.Appeals)},
		{"finding", reflect.ValueOf(a.Findings), reflect.ValueOf(b.Findings)},
	}
	for _, tb := range tables {
		if tb.a.Len() != tb.b.Len() {
			return fmt.Sprintf("%d rows of %s, want %d", tb.a.Len(), tb.name, tb.b.Len())
		}
		for i := range tb.a.Len() {
			if x, y := tb.a.Index(i).Interface(), tb.b.Index(i).Interface(); !reflect.DeepEqual(x, y) {
				return fmt.Sprintf("%s %d:\n got %+v\nwant %+v", tb.name, i, x, y)
			}
		}
	}
	return fmt.Sprintf("report or organ:\n got %+v %q\nwant %+v %q", a.Report, a.Organ, b.Report, b.Organ)
}

// TestCodecDeriveRoundTrip: a parse encoded with its labels and raw texts
// derived from the rows before decodes to the parse that was encoded, and
// to what version 5 gave back, for generated parses, the repository's
// samples and tests, the seeds, those changed by mutate, with cells and
// labels picked around the encoder's guesses and with rows of edge
// strings and counts.
func TestCodecDeriveRoundTrip(t *testing.T) {
	ps, _ := generatedParses(t, 300)
	ps = append(ps, parsetest.Samples(t)...)
	ps = append(ps, parsesOfSeeds(t)...)
	r := rand.New(rand.NewPCG(27, 6))
	vs := edgeStrings()
	for i, p := range ps {
		prev := ps[(i+1)%len(ps)]
		sameRoundTrip(t, p, prev)
		for range 2 {
			q := clonedRows(p)
			ops := make([]byte, 2*(1+r.IntN(40)))
			for i := range ops {
				ops[i] = byte(r.Uint32())
			}
			mutate(q, ops)
			sameRoundTrip(t, q, prev)
			sameRoundTrip(t, rowLabelsParse(q, vs[r.IntN(len(vs))], r), nil)
		}
	}
	for range 300 {
		q := edgeParse(ps[r.IntN(len(ps))], func() string { return vs[r.IntN(len(vs))] }, r.Int64N)
		sameRoundTrip(t, q, nil)
	}
	// By hand: labels and raw texts that are empty after others, the
	// same bytes at another address, the start of the one before at its
	// address; a raw text equal to the last one written in full but
	// derived from its count between them.
	p := clonedRows(ps[0])
	long := "一二三四五六七八九十"
	n7 := int64(7)
	for i := range p.Applications {
		a := &p.Applications[i]
		switch i % 5 {
		case 0:
			a.Label, a.Raw, a.Count = "", "", nil
		case 1:
			a.Label, a.Raw, a.Count = long, "7", &n7
		case 2:
			a.Label, a.Raw, a.Count = long[:len(long)-3], " 7", &n7
		case 3:
			a.Label, a.Raw, a.Count = string([]byte(long)), "", &n7
		case 4:
			a.Label, a.Raw, a.Count = "", string([]byte(" 7")), &n7
		}
	}
	sameRoundTrip(t, p, nil)
}

func FuzzCodecDeriveRoundTrip(f *testing.F) {
	ps, _ := generatedParses(f, 8)
	vs := edgeStrings()
	f.Add(uint8(0), []byte{}, "", uint64(0))
	f.Add(uint8(1), []byte{5, 3, 7, 3, 0, 1, 2, 9, 0x85, 2}, "/", uint64(7))
	f.Add(uint8(2), []byte{1, 0, 3, 4, 4, 4, 6, 10, 8, 1, 9, 2}, "(一)予以公开", uint64(1<<40))
	f.Fuzz(func(t *testing.T, which uint8, ops []byte, s string, seed uint64) {
		q := clonedRows(ps[int(which)%len(ps)])
		mutate(q, ops)
		sameRoundTrip(t, q, ps[(int(which)+1)%len(ps)])
		r := rand.New(rand.NewPCG(seed, uint64(len(ops))))
		sameRoundTrip(t, rowLabelsParse(q, s, r), nil)
		pick := func() string {
			switch r.IntN(3) {
			case 0:
				return s
			case 1:
				return s[:r.IntN(len(s)+1)]
			}
			return vs[r.IntN(len(vs))]
		}
		sameRoundTrip(t, edgeParse(q, pick, r.Int64N), nil)
	})
}
