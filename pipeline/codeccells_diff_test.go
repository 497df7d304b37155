package pipeline

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/nianbao/nianbao/internal/parsetest"
	"github.com/nianbao/nianbao/schemas"
)

// sameCellsAsTables fails when enc.cell, given cells one after another as
// a parse's rows give them, writes other bytes or returns other parts
// than tablesCellEnc, or parts of the catalogue at another address.
func sameCellsAsTables(t testing.TB, cells []string) {
	t.Helper()
	e, old := &enc{b: []byte{9}}, &tablesCellEnc{b: []byte{9}}
	for i, v := range cells {
		a, b := e.cell(v)
		wa, wb := old.cell(v)
		if a != wa || b != wb {
			t.Fatalf("cell %d (%q): parts %q, %q, want %q, %q", i, v, a, b, wa, wb)
		}
		for _, p := range [][2]string{{a, wa}, {b, wb}} {
			if _, ok := codecIndex[p[1]]; ok && unsafe.StringData(p[0]) != unsafe.StringData(p[1]) {
				t.Fatalf("cell %d (%q): part %q is not the catalogue's string", i, v, p[0])
			}
		}
		if !bytes.Equal(e.b, old.b) {
			t.Fatalf("cell %d (%q): wrote %x, want %x", i, v, e.b, old.b)
		}
	}
}

// cellsOf lists the cells of p's rows in the order appendParsed writes
// them.
func cellsOf(p *schemas.Parsed) []string {
	var cs []string
	for i := range p.Disclosures {
		cs = append(cs, p.Disclosures[i].Cell)
	}
	for i := range p.Applications {
		cs = append(cs, p.Applications[i].Cell)
	}
	for i := range p.Appeals {
		cs = append(cs, p.Appeals[i].Cell)
	}
	return cs
}

// edgeCells changes cells as ops say: a catalogue string at its address,
// a copy of one, the start of one at its address (the same address,
// fewer bytes), a cell repeated, skipped or taken from s, empty.
func edgeCells(cells []string, ops []byte, s string) []string {
	cs := append([]string(nil), cells...)
	for ; len(ops) >= 2 && len(cs) > 0; ops = ops[2:] {
		i, k := int(ops[1])%len(cs), int(ops[0])
		c := codecStrings[k*7%len(codecStrings)]
		switch k % 8 {
		case 0:
			cs[i] = c
		case 1:
			cs[i] = strings.Clone(c)
		case 2:
			cs[i] = c[:k%(len(c)+1)]
		case 3:
			cs[i] = ""
		case 4:
			cs[i] = s[:min(k, len(s))]
		case 5:
			cs[i] = s
		case 6:
			cs = append(cs[:i:i], cs[min(i+1, len(cs)):]...) // skipped
		case 7:
			cs = append(cs[:i+1:i+1], cs[i:]...) // repeated
		}
	}
	return cs
}

// TestCellSameAsTables: enc.cell writes and returns what it did before
// codecCells, over the cells of generated parses, the repository's
// samples and tests and the seeds, those cells changed by edgeCells, every
// catalogue string after every one and after none, and strings the
// catalogue lacks.
func TestCellSameAsTables(t *testing.T) {
	ps, _ := generatedParses(t, 300)
	ps = append(ps, parsetest.Samples(t)...)
	ps = append(ps, parsesOfSeeds(t)...)
	r := rand.New(rand.NewPCG(7, 8))
	vs := edgeStrings()
	for _, p := range ps {
		cs := cellsOf(p)
		sameCellsAsTables(t, cs)
		for range 3 {
			ops := make([]byte, 2*(1+r.IntN(30)))
			for i := range ops {
				ops[i] = byte(r.Uint32())
			}
			sameCellsAsTables(t, edgeCells(cs, ops, vs[r.IntN(len(vs))]))
		}
	}
	for _, a := range codecStrings {
		for _, b := range codecStrings {
			sameCellsAsTables(t, []string{a, b, strings.Clone(b), b[:len(b)/2], "", b})
		}
	}
	sameCellsAsTables(t, vs)
	sameCellsAsTables(t, []string{"", "", "s3.x", "s3.x.y", "s", "s3..", strings.Repeat("s3.a.", 20000)})
}

func FuzzCellSameAsTables(f *testing.F) {
	ps, _ := generatedParses(f, 8)
	f.Add(uint8(0), []byte{}, "")
	f.Add(uint8(1), []byte{5, 3, 7, 3, 0, 1, 2, 9, 0x85, 2}, "s3.granted.natural_person")
	f.Add(uint8(2), []byte{1, 0, 3, 4, 4, 4, 6, 10, 8, 1, 9, 2}, "s2.fees.amount_yuan")
	f.Fuzz(func(t *testing.T, which uint8, ops []byte, s string) {
		cs := cellsOf(ps[int(which)%len(ps)])
		sameCellsAsTables(t, edgeCells(cs, ops, s))
	})
}
