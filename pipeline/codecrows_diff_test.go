package pipeline

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/parsetest"
	"github.com/nianbao/nianbao/schemas"
)

// sameAsPrevEnc fails when appendParsedSpool, appendParsed or
// appendCellValues write for p other bytes than prevEnc's code did,
// appending to buffers that hold bytes already.
func sameAsPrevEnc(t testing.TB, p *schemas.Parsed) {
	t.Helper()
	got, gotSpool := appendParsedSpool([]byte("xy"), []byte("z"), p)
	want, wantSpool := appendParsedSpoolPrev([]byte("xy"), []byte("z"), p)
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("%s: encoded differently from byte %d:\n%x\n%x", p.Report.SourcePath, i, got[i:min(len(got), i+40)], want[i:min(len(want), i+40)])
	}
	if !bytes.Equal(gotSpool, wantSpool) {
		t.Fatalf("%s: the spool entry differs", p.Report.SourcePath)
	}
	if a := appendParsed([]byte("xy"), p); !bytes.Equal(a, want) {
		t.Fatalf("%s: appendParsed differs", p.Report.SourcePath)
	}
	if a, b := appendCellValues([]byte("v"), p), appendCellValuesPrev([]byte("v"), p); !bytes.Equal(a, b) {
		t.Fatalf("%s: appendCellValues differs:\n%x\n%x", p.Report.SourcePath, a, b)
	}
}

// rowLabelsParse is p with the cells and labels of its rows picked around
// what enc.cell and enc.label guess from: labels that are starts of one
// string (one address, other lengths, the empty one among them), the
// catalogue's strings at their address and copied, a label kept for a run
// of rows or changed at every row, cells in order, repeated, skipped, cut
// or empty.
func rowLabelsParse(p *schemas.Parsed, s string, r *rand.Rand) *schemas.Parsed {
	q := clonedRows(p)
	label := func(prev string) string {
		switch r.IntN(8) {
		case 0, 1, 2:
			return prev // the row before's, at its address
		case 3:
			return s[:r.IntN(len(s)+1)]
		case 4:
			return codecStrings[r.IntN(len(codecStrings))]
		case 5:
			return strings.Clone(codecStrings[r.IntN(len(codecStrings))])
		case 6:
			return strings.Clone(prev) // the same bytes elsewhere
		}
		return prev[:r.IntN(len(prev)+1)] // one address, another length
	}
	cell := func(own, prev string) string {
		switch r.IntN(10) {
		case 0:
			return prev
		case 1:
			return ""
		case 2:
			return codecStrings[r.IntN(len(codecStrings))]
		case 3:
			return strings.Clone(prev)
		case 4:
			return prev[:r.IntN(len(prev)+1)]
		case 5:
			return s
		}
		return own
	}
	prevLabel, prevCell := s, s
	if r.IntN(2) == 0 {
		prevLabel = "" // the first label may be an empty one
	}
	for i := range q.Disclosures {
		d := &q.Disclosures[i]
		d.Cell = cell(d.Cell, prevCell)
		d.Label = label(prevLabel)
		prevLabel, prevCell = d.Label, d.Cell
	}
	for i := range q.Applications {
		a := &q.Applications[i]
		a.Cell = cell(a.Cell, prevCell)
		a.Label = label(prevLabel)
		prevLabel, prevCell = a.Label, a.Cell
	}
	for i := range q.Appeals {
		a := &q.Appeals[i]
		a.Cell = cell(a.Cell, prevCell)
		prevCell = a.Cell
	}
	if r.IntN(3) == 0 && len(q.Applications) > 1 {
		q.Applications = q.Applications[r.IntN(len(q.Applications)):] // a table that starts mid-row
	}
	return q
}

// TestEncRowsSameAsOld: the encoder writes what it wrote before enc.cell
// and enc.label, for generated parses, the repository's samples and
// tests, the seeds, those changed by mutate, parses of rows made of edge
// strings, and rows whose cells and labels are picked around the guesses.
func TestEncRowsSameAsOld(t *testing.T) {
	ps, _ := generatedParses(t, 300)
	ps = append(ps, parsetest.Samples(t)...)
	ps = append(ps, parsesOfSeeds(t)...)
	r := rand.New(rand.NewPCG(5, 6))
	vs := edgeStrings()
	for _, p := range ps {
		sameAsPrevEnc(t, p)
		for range 2 {
			q := clonedRows(p)
			ops := make([]byte, 2*(1+r.IntN(40)))
			for i := range ops {
				ops[i] = byte(r.Uint32())
			}
			mutate(q, ops)
			sameAsPrevEnc(t, q)
			sameAsPrevEnc(t, rowLabelsParse(q, vs[r.IntN(len(vs))], r))
		}
	}
	for range 300 {
		q := edgeParse(ps[r.IntN(len(ps))], func() string { return vs[r.IntN(len(vs))] }, r.Int64N)
		sameAsPrevEnc(t, q)
	}
	// By hand: an empty label first and throughout, a label that is
	// the start of the one before at its address, a cell outside the
	// catalogue between two of its cells.
	p := clonedRows(ps[0])
	for i := range p.Applications {
		p.Applications[i].Label = ""
	}
	sameAsPrevEnc(t, p)
	long := "一二三四五六七八九十"
	for i := range p.Applications {
		p.Applications[i].Label = long[:len(long)-3*(i%4)]
	}
	if len(p.Applications) > 2 {
		p.Applications[1].Cell = "s3.granted.nobody"
	}
	sameAsPrevEnc(t, p)
}

func FuzzEncRowsSameAsOld(f *testing.F) {
	fuzzRowMutations(f, sameAsPrevEnc, nil)
}

// fuzzRowMutations fuzzes with check the rows of generated parses:
// mutated (mutate), with labels of the fuzzed string (rowLabelsParse),
// and with edge strings (edgeParse); more, when not nil, then takes the
// last parse, the random source, the strings picked from and the seed.
func fuzzRowMutations(f *testing.F, check func(testing.TB, *schemas.Parsed), more func(t *testing.T, q *schemas.Parsed, r *rand.Rand, pool []string, seed uint64)) {
	ps, _ := generatedParses(f, 8)
	vs := edgeStrings()
	f.Add(uint8(0), []byte{}, "", uint64(0))
	f.Add(uint8(1), []byte{5, 3, 7, 3, 0, 1, 2, 9, 0x85, 2}, "s3.granted.natural_person", uint64(7))
	f.Add(uint8(2), []byte{1, 0, 3, 4, 4, 4, 6, 10, 8, 1, 9, 2}, "本机关", uint64(1<<40))
	f.Fuzz(func(t *testing.T, which uint8, ops []byte, s string, seed uint64) {
		q := clonedRows(ps[int(which)%len(ps)])
		mutate(q, ops)
		check(t, q)
		r := rand.New(rand.NewPCG(seed, uint64(len(ops))))
		check(t, rowLabelsParse(q, s, r))
		pick := func() string {
			switch r.IntN(3) {
			case 0:
				return s
			case 1:
				return s[:r.IntN(len(s)+1)]
			}
			return vs[r.IntN(len(vs))]
		}
		q = edgeParse(q, pick, r.Int64N)
		check(t, q)
		if more != nil {
			more(t, q, r, append(vs, s), seed)
		}
	})
}
