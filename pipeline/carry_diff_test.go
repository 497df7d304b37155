package pipeline

import "testing"

// setByMap is carried.set as it was: every cell looked up.
func (c *carried) setByMap(cell string, v int64) {
	if k, ok := carryIndex[cell]; ok {
		c.v[k], c.has = v, c.has|1<<k
	}
}

// sameCarried checks that set keeps of cells what setByMap keeps, each
// cell given on its own and all of them one after the other.
func sameCarried(t testing.TB, cells []string) {
	t.Helper()
	var got, want carried
	for i, cell := range cells {
		var g, w carried
		g.set(cell, int64(i+1))
		w.setByMap(cell, int64(i+1))
		if g != w {
			t.Fatalf("cell %q: set keeps %v, the map %v", cell, g, w)
		}
		got.set(cell, int64(i+1))
		want.setByMap(cell, int64(i+1))
	}
	if got != want {
		t.Fatalf("set keeps %v, the map %v", got, want)
	}
}

// TestCarriedSetSameAsMap: over every catalogue string, the cells of
// generated parses, the carry cells cut short, lengthened and with a byte
// changed, set keeps what the map look-up of every cell kept.
func TestCarriedSetSameAsMap(t *testing.T) {
	sameCarried(t, codecStrings)
	ps, _ := generatedParses(t, 100)
	for _, p := range ps {
		var cells []string
		eachValue(p, func(cell string, _ int64) { cells = append(cells, cell) })
		sameCarried(t, cells)
	}
	var near []string
	for cell := range carryIndex {
		near = append(near, cell, cell+"x", cell[:len(cell)-1], "")
		for i := range len(cell) {
			near = append(near, cell[:i], cell[:i]+"#"+cell[i+1:])
		}
	}
	sameCarried(t, near)
	var got carried
	for cell := range carryIndex {
		got.set(cell, 1)
	}
	if got.has != 1<<nCarry-1 {
		t.Fatalf("set keeps %b of the carry cells, want all %d", got.has, nCarry)
	}
}

func FuzzCarriedSet(f *testing.F) {
	for cell := range carryIndex {
		f.Add(cell)
	}
	f.Add("s3.granted.natural_person")
	f.Add("s3.car")
	f.Fuzz(func(t *testing.T, cell string) {
		sameCarried(t, []string{cell})
	})
}
