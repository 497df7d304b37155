package pipeline

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/internal/parsetest"
	"github.com/nianbao/nianbao/schemas"
)

// sameDecodeAsPrev fails when decodeParsedReusing gives for b another
// parse than the decoder before dec.cell, or fails where it did not (or
// the other way round), reusing equal rows from prev when it is not nil.
func sameDecodeAsPrev(t testing.TB, b []byte, prev *schemas.Parsed) {
	t.Helper()
	var p1, p2 *schemas.Parsed
	if prev != nil {
		p1, p2 = clonedRows(prev), clonedRows(prev)
	}
	got, gerr := decodeParsedReusing(b, p1)
	want, werr := decodeParsedReusingPrev(b, p2)
	if (gerr != nil) != (werr != nil) {
		t.Fatalf("entry %.60x: error %v, before %v", b, gerr, werr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("entry %.60x: decoded differently", b)
	}
}

// damaged is b with flips applied (two bytes each: where, and the byte to
// put there) and cut to cut bytes when that is shorter.
func damaged(b, flips []byte, cut int) []byte {
	d := append([]byte(nil), b...)
	for ; len(flips) >= 2 && len(d) > 0; flips = flips[2:] {
		d[int(flips[0])*len(d)/256] = flips[1]
	}
	return d[:min(cut, len(d))]
}

// TestDecodeSameAsOld: the decoder reads what it read before dec.cell
// from the entries of generated parses, the repository's samples and
// tests and the seeds, of those changed by mutate, with cells and labels
// picked around the encoder's guesses and with rows of edge strings, and
// from those entries damaged: bytes changed, cut short.
func TestDecodeSameAsOld(t *testing.T) {
	ps, _ := generatedParses(t, 300)
	ps = append(ps, parsetest.Samples(t)...)
	ps = append(ps, parsesOfSeeds(t)...)
	r := rand.New(rand.NewPCG(9, 10))
	vs := edgeStrings()
	for i, p := range ps {
		prev := ps[(i+1)%len(ps)]
		q := clonedRows(p)
		ops := make([]byte, 2*(1+r.IntN(40)))
		for i := range ops {
			ops[i] = byte(r.Uint32())
		}
		mutate(q, ops)
		for _, x := range []*schemas.Parsed{p, q, rowLabelsParse(q, vs[r.IntN(len(vs))], r),
			edgeParse(p, func() string { return vs[r.IntN(len(vs))] }, r.Int64N)} {
			b := appendParsed(nil, x)
			sameDecodeAsPrev(t, b, nil)
			sameDecodeAsPrev(t, b, prev)
			for range 4 {
				flips := make([]byte, 2*r.IntN(3))
				for i := range flips {
					flips[i] = byte(r.Uint32())
				}
				sameDecodeAsPrev(t, damaged(b, flips, r.IntN(len(b)+1)), nil)
			}
		}
	}
	for _, b := range [][]byte{nil, {}, {codecVersion}, {codecVersion, 0x80}, {0xff, 0xff}} {
		sameDecodeAsPrev(t, b, nil)
	}
}

func FuzzDecodeSameAsOld(f *testing.F) {
	ps, _ := generatedParses(f, 8)
	f.Add(uint8(0), []byte{}, []byte{}, uint32(1<<20), []byte{})
	f.Add(uint8(1), []byte{5, 3, 7, 3, 0, 1}, []byte{40, 0x81, 200, 3}, uint32(500), []byte{codecVersion, 1})
	f.Add(uint8(2), []byte{1, 0, 3, 4}, []byte{100, 0}, uint32(3000), []byte{codecVersion, 0x80, 0x80})
	f.Fuzz(func(t *testing.T, which uint8, ops, flips []byte, cut uint32, raw []byte) {
		q := clonedRows(ps[int(which)%len(ps)])
		mutate(q, ops)
		b := appendParsed(nil, q)
		sameDecodeAsPrev(t, damaged(b, flips, int(cut)), nil)
		sameDecodeAsPrev(t, damaged(b, flips, int(cut)), ps[0])
		sameDecodeAsPrev(t, raw, nil)
	})
}
