package extract

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
)

// scribbleSlabs puts n slabs into cellSlabs whose every cell holds
// values no new cell has (a span, merges, a paragraph under way, parts
// of a nested table), as a document before might have left them.
func scribbleSlabs(n int) {
	junk := &docxTable{}
	for range n {
		s := make([]docxCell, 64)
		for i := range s {
			c := &s[i]
			c.cur = cellPara{start: 7, n: 3, space: true}
			c.first[0] = docxPart{start: 1, end: 5, tbl: junk}
			c.parts = append(c.first[:1], docxPart{start: 2, end: 9}, docxPart{tbl: junk})
			c.span, c.vMerge, c.hCont = 5, 2, true
		}
		cellSlabs.Put(&s)
	}
}

// dirtySame reads b as sameBytes does, each read taking slabs scribbled
// over: a cell newCell hands out must read nothing of what a slab held.
func dirtySame(t testing.TB, name string, b []byte) {
	t.Helper()
	for i, lim := range diffLimits {
		want := refReadBytes(name, b, lim)
		for _, stream := range []bool{false, true} {
			scribbleSlabs(maxPooledSlabs)
			streamDOCX = stream
			got := ReadBytes(name, b, lim)
			streamDOCX = false
			sameDoc(t, fmt.Sprintf("%s (limits %d, streamed %v, on slabs scribbled over)", name, i, stream), got, want)
		}
	}
}

// TestDOCXDirtySlabsSame: the .docx reader gives what the reference reader
// gives when the cells it takes from cellSlabs hold another document's
// values (release no longer clears them), on generated reports of every
// layout drawn as .docx, cut short and corrupted, and on the fuzz bodies.
func TestDOCXDirtySlabsSame(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // Put and Get on one P
	n := 60
	if testing.Short() {
		n = 10
	} else if raceEnabled {
		n = 20
	}
	generated(t, n, "docx", func(layout, name string, b []byte) {
		dirtySame(t, layout+" "+name, b)
		dirtySame(t, layout+" cut "+name, b[:len(b)*2/3])
		c := bytes.Clone(b)
		c[len(c)/3] ^= 0x55
		dirtySame(t, layout+" flipped "+name, c)
	})
	for i, body := range docxBodies(t) {
		dirtySame(t, fmt.Sprintf("body%d.docx", i), zipDocument(t, body))
	}
}

// FuzzDOCXDirtySlabsSame: on any word/document.xml, the reader on slabs
// scribbled over gives what the reference reader gives.
func FuzzDOCXDirtySlabsSame(f *testing.F) {
	for _, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		dirtySame(t, "f.docx", zipDocument(t, body))
	})
}
