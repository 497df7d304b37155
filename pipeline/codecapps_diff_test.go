package pipeline

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/parsetest"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// sameAsRowwise fails when appendParsedVals, appendParsedSpool or
// appendParsed write for p other bytes, other cell values or other
// bounds than appendParsedValsRowwise (the code before
// appendApplications), appending to buffers that hold bytes already.
func sameAsRowwise(t testing.TB, p *schemas.Parsed) {
	t.Helper()
	got, gotVals, gotN, gotAt, gotEnd := appendParsedVals([]byte("xy"), []byte("v"), p)
	want, wantVals, wantN, wantAt, wantEnd := appendParsedValsRowwise([]byte("xy"), []byte("v"), p)
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("%s: encoded differently from byte %d:\n%x\n%x", p.Report.SourcePath, i, got[i:min(len(got), i+40)], want[i:min(len(want), i+40)])
	}
	if !bytes.Equal(gotVals, wantVals) || gotN != wantN || gotAt != wantAt || gotEnd != wantEnd {
		t.Fatalf("%s: cell values or bounds differ: %d %d %d against %d %d %d\n%x\n%x", p.Report.SourcePath,
			gotN, gotAt, gotEnd, wantN, wantAt, wantEnd, gotVals, wantVals)
	}
	if a := appendParsed([]byte("xy"), p); !bytes.Equal(a, want) {
		t.Fatalf("%s: appendParsed differs", p.Report.SourcePath)
	}
	// The spool entry as appendParsedSpool made it from the rowwise
	// encoding.
	_, spool := appendParsedSpool(nil, []byte("z"), p)
	_, vals, n, at, end := appendParsedValsRowwise(nil, []byte{}, p)
	q := *p
	q.Disclosures, q.Applications, q.Appeals = nil, nil, nil
	wantSpool := appendEntry([]byte("z"), append(appendU(nil, uint64(n)), vals...), &q)
	if !bytes.Equal(spool, wantSpool) {
		t.Fatalf("%s: the spool entry differs (%d values, rows %d to %d)", p.Report.SourcePath, n, at, end)
	}
}

// sameApplications fails when appendApplications, from the enc state st,
// writes other bytes or leaves another state than the generated
// appendApplication row by row with the cell values as appendVal copies
// them.
func sameApplications(t testing.TB, st enc, line int32, rows []schemas.Application) {
	t.Helper()
	e1, e2 := st, st
	e1.b = append([]byte("ab"), st.b...)
	e2.b = append([]byte("ab"), st.b...)
	l1, l2 := line, line
	v1, n1 := appendApplications(&e1, rows, &l1, []byte("v"), 3)
	v2, n2 := []byte("v"), 3
	for k := range rows {
		x, at := &rows[k], len(e2.b)
		appendApplication(&e2, x, &l2)
		if x.Count != nil {
			v2, n2 = appendVal(v2, e2.b[at:], *x.Count), n2+1
		}
	}
	switch {
	case !bytes.Equal(e1.b, e2.b):
		t.Fatalf("rows encoded differently:\n%x\n%x", e1.b, e2.b)
	case !bytes.Equal(v1, v2) || n1 != n2:
		t.Fatalf("cell values differ: %d against %d\n%x\n%x", n1, n2, v1, v2)
	case l1 != l2 || e1.next != e2.next || !sameRef(e1.lab, e2.lab) || !sameRef(e1.raw0, e2.raw0) || !sameRef(e1.miss, e2.miss):
		t.Fatalf("state after the rows differs: line %d %d, next %d %d, lab %q %q, raw0 %q %q, miss %q %q",
			l1, l2, e1.next, e2.next, e1.lab, e2.lab, e1.raw0, e2.raw0, e1.miss, e2.miss)
	}
	// Without cell values.
	e3 := st
	e3.b = append([]byte("ab"), st.b...)
	l3 := line
	if v, n := appendApplications(&e3, rows, &l3, nil, 0); v != nil || n != 0 || !bytes.Equal(e3.b, e2.b) {
		t.Fatalf("rows without cell values encoded differently")
	}
}

// sameRef is whether a and b are one string: the same address and length
// (the guesses of enc compare addresses).
func sameRef(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

// TestAppendApplicationsSameAsRowwise: the encoder with appendApplications
// writes the same entries, cell values and spool entries as row by row
// through the generated appendApplication, for parses of generated
// reports, those of the folder NIANBAO_BENCH_CORPUS names, the repository's
// samples, the seeds, those changed by mutate, rows whose cells and labels
// are picked around the guesses, rows of edge strings; and
// appendApplications alone, from states of enc left by other rows,
// writes what the generated appendApplication does.
func TestAppendApplicationsSameAsRowwise(t *testing.T) {
	ps, _ := generatedParses(t, 300)
	ps = append(ps, parsetest.Samples(t)...)
	ps = append(ps, parsesOfSeeds(t)...)
	ps = append(ps, parsesOfCorpus(t, 400)...)
	r := rand.New(rand.NewPCG(30, 31))
	vs := edgeStrings()
	for _, p := range ps {
		sameAsRowwise(t, p)
		for range 2 {
			q := clonedRows(p)
			ops := make([]byte, 2*(1+r.IntN(40)))
			for i := range ops {
				ops[i] = byte(r.Uint32())
			}
			mutate(q, ops)
			sameAsRowwise(t, q)
			sameAsRowwise(t, rowLabelsParse(q, vs[r.IntN(len(vs))], r))
		}
	}
	for range 300 {
		q := edgeParse(ps[r.IntN(len(ps))], func() string { return vs[r.IntN(len(vs))] }, r.Int64N)
		sameAsRowwise(t, q)
	}
	for range 300 {
		p := ps[r.IntN(len(ps))]
		sameApplications(t, randomEnc(r, vs), int32(r.IntN(1000)-500), edgeParse(p, func() string { return vs[r.IntN(len(vs))] }, r.Int64N).Applications)
		sameApplications(t, randomEnc(r, vs), 0, p.Applications)
	}
	// By hand: counts at the bounds of the one-digit and two-digit
	// shortcuts, a raw text that is a count's digits of another count, the
	// raw text of a null count, a line far from the last.
	p := clonedRows(ps[0])
	cnt := func(v int64) *int64 { return &v }
	raws := []struct {
		n   *int64
		raw string
	}{{cnt(0), "0"}, {cnt(9), "9"}, {cnt(10), "10"}, {cnt(-1), "-1"}, {cnt(-1), "1"}, {cnt(1), "-1"}, {cnt(5), "05"},
		{cnt(5), "6"}, {cnt(99), "99"}, {cnt(100), "100"}, {cnt(1 << 62), "4611686018427387904"}, {nil, ""}, {nil, "0"},
		{cnt(3), ""}, {cnt(3), " 3"}, {nil, "/"}, {cnt(0), "/"}, {cnt(-9223372036854775808), "-9223372036854775808"}}
	for i := range p.Applications {
		a := &p.Applications[i]
		a.Count, a.Raw = raws[i%len(raws)].n, raws[i%len(raws)].raw
		a.Line = int32(i * i * i * 1000)
	}
	sameAsRowwise(t, p)
	sameApplications(t, enc{}, -1<<31, p.Applications)
	sameApplications(t, enc{}, 0, nil)
}

// randomEnc is an enc state as other rows may leave it.
func randomEnc(r *rand.Rand, vs []string) enc {
	return enc{b: []byte("state"), miss: vs[r.IntN(len(vs))], next: int32(r.IntN(len(codecStrings) + 1)),
		lab: vs[r.IntN(len(vs))], raw0: vs[r.IntN(len(vs))]}
}

// parsesOfCorpus parses up to n reports of the generated corpus in the
// folder NIANBAO_BENCH_CORPUS names, as extract's tests and benchmarks
// read it (none when it is not set).
func parsesOfCorpus(t testing.TB, n int) []*schemas.Parsed {
	t.Helper()
	dir := os.Getenv("NIANBAO_BENCH_CORPUS")
	if dir == "" {
		return nil
	}
	var files []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && len(files) < n {
			files = append(files, path)
		}
		return nil
	})
	var ps []*schemas.Parsed
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		p := transform.Parse(extract.ReadBytes(filepath.Base(f), b, extract.Limits{}))
		p.SetKey()
		ps = append(ps, p)
	}
	return ps
}

func FuzzAppendApplicationsSameAsRowwise(f *testing.F) {
	fuzzRowMutations(f, sameAsRowwise, func(t *testing.T, q *schemas.Parsed, r *rand.Rand, pool []string, seed uint64) {
		sameApplications(t, randomEnc(r, pool), int32(seed), q.Applications)
	})
}
