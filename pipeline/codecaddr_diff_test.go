package pipeline

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/parsetest"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// parsesOfSeeds parses the shared seed reports.
func parsesOfSeeds(t testing.TB) []*schemas.Parsed {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.*"))
	var ps []*schemas.Parsed
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || len(b) == 0 {
			continue
		}
		p := transform.Parse(extract.ReadBytes(filepath.Base(f), b, extract.Limits{}))
		p.SetKey()
		ps = append(ps, p)
	}
	if len(ps) == 0 {
		t.Fatal("no seeds")
	}
	return ps
}

// edgeStrings are strings around enc's cases: empty ones, every catalogue
// string (numbers of one and of two bytes) at its own address and copied,
// starts of them at their address, strings in full of lengths around a
// varint's bounds.
func edgeStrings() []string {
	vs := []string{"", "-", "0", "x"}
	for _, s := range codecStrings {
		vs = append(vs, s, strings.Clone(s), s[:len(s)/2])
	}
	for _, n := range []int{1, 127 - len(codecStrings), 126, 127, 128, 129, 16383 - len(codecStrings), 16384, 20000} {
		if n > 0 {
			vs = append(vs, strings.Repeat("a", n))
		}
	}
	return vs
}

// TestEncAddrSameAsOld: the encoder writes what the code before wrote
// (prevEnc's, which wrote what the encoder before its derived strings were
// told by address did), for generated parses, the repository's samples and tests, the seeds, those
// changed by mutate, and parses of rows made of edge strings.
func TestEncAddrSameAsOld(t *testing.T) {
	ps, _ := generatedParses(t, 200)
	ps = append(ps, parsetest.Samples(t)...)
	ps = append(ps, parsesOfSeeds(t)...)
	r := rand.New(rand.NewPCG(3, 4))
	for _, p := range ps {
		sameAsPrevEnc(t, p)
		for range 3 {
			q := clonedRows(p)
			ops := make([]byte, 2*(1+r.IntN(40)))
			for i := range ops {
				ops[i] = byte(r.Uint32())
			}
			mutate(q, ops)
			sameAsPrevEnc(t, q)
		}
	}
	vs := edgeStrings()
	for range 300 {
		q := edgeParse(ps[r.IntN(len(ps))], func() string { return vs[r.IntN(len(vs))] }, r.Int64N)
		sameAsPrevEnc(t, q)
	}
}

// edgeParse is p with rows whose strings pick gives, cells that are the
// start of the row before's (at its address), and counts and raw texts of
// numbers around the encoder's bounds.
func edgeParse(p *schemas.Parsed, pick func() string, num func(int64) int64) *schemas.Parsed {
	q := clonedRows(p)
	count := func() (*int64, string) {
		n := []int64{0, 9, 10, 99, 100, 1 << 40, -1}[num(7)]
		raw := strconv.FormatInt(n, 10)
		switch num(4) {
		case 0:
			return nil, pick()
		case 1:
			raw = pick()
		}
		return &n, raw
	}
	start := func(s string) string { return s[:num(int64(len(s))+1)] }
	for i := range q.Applications {
		a := &q.Applications[i]
		if num(2) == 0 {
			a.Cell, a.Outcome, a.Applicant, a.Label = pick(), pick(), pick(), pick()
			a.Count, a.Raw = count()
		}
		if i > 0 && num(4) == 0 {
			a.Cell = start(q.Applications[i-1].Cell)
		}
	}
	for i := range q.Disclosures {
		d := &q.Disclosures[i]
		if num(2) == 0 {
			d.Cell, d.Item, d.Metric, d.Label = pick(), pick(), pick(), pick()
			d.Count, d.Raw = count()
		}
		if i > 0 && num(4) == 0 {
			d.Cell = start(q.Disclosures[i-1].Cell)
		}
	}
	for i := range q.Appeals {
		a := &q.Appeals[i]
		if num(2) == 0 {
			a.Cell, a.Proceeding, a.Outcome = pick(), pick(), pick()
			a.Count, a.Raw = count()
		}
		if i > 0 && num(4) == 0 {
			a.Cell = start(q.Appeals[i-1].Cell)
		}
	}
	if num(2) == 0 {
		q.Organ, q.Report.ReportID = pick(), pick()
	}
	return q
}

func FuzzEncAddrSameAsOld(f *testing.F) {
	ps, _ := generatedParses(f, 8)
	vs := edgeStrings()
	f.Add(uint8(0), []byte{}, "", uint64(0))
	f.Add(uint8(1), []byte{5, 3, 7, 3, 0, 1, 2, 9, 0x85, 2}, "s3.granted.natural_person", uint64(7))
	f.Add(uint8(2), []byte{1, 0, 3, 4, 4, 4, 6, 10, 8, 1, 9, 2}, "\u3000", uint64(1<<40))
	f.Fuzz(func(t *testing.T, which uint8, ops []byte, s string, seed uint64) {
		q := clonedRows(ps[int(which)%len(ps)])
		mutate(q, ops)
		sameAsPrevEnc(t, q)
		r := rand.New(rand.NewPCG(seed, uint64(len(ops))))
		pick := func() string {
			switch r.IntN(3) {
			case 0:
				return s
			case 1:
				return s[:r.IntN(len(s)+1)]
			}
			return vs[r.IntN(len(vs))]
		}
		sameAsPrevEnc(t, edgeParse(q, pick, r.Int64N))
	})
}
