package load

import (
	"context"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestPoolAllocator: buffers are aligned and zeroed, freed ones are handed
// out again, growing keeps the contents.
func TestPoolAllocator(t *testing.T) {
	p := newPoolAllocator()
	seen := map[uintptr]bool{}
	for _, n := range []int{0, 1, 63, 64, 65, 1000, 1 << 16, 1<<16 + 1} {
		b := p.Allocate(n)
		if len(b) != n {
			t.Fatalf("Allocate(%d): len %d", n, len(b))
		}
		if cap(b) > 0 && uintptr(unsafe.Pointer(&b[:1][0]))%poolAlign != 0 {
			t.Errorf("Allocate(%d) is not %d-byte aligned", n, poolAlign)
		}
		for i := range b {
			b[i] = 0xff
		}
		p.Free(b)
		c := p.Allocate(n)
		for i, v := range c {
			if v != 0 {
				t.Fatalf("Allocate(%d) after Free: byte %d is %#x, want 0", n, i, v)
			}
		}
		seen[uintptr(unsafe.Pointer(&c[:1][0]))] = true
		p.Free(c)
	}
	// A freed buffer comes back (sync.Pool may drop it under a collection,
	// so allow a few tries).
	reused := false
	for try := 0; try < 10 && !reused; try++ {
		b := p.Allocate(4096)
		p.Free(b)
		c := p.Allocate(4096)
		reused = &b[:1][0] == &c[:1][0]
		p.Free(c)
	}
	if !reused {
		t.Error("a freed buffer was never handed out again")
	}
	b := p.Allocate(10)
	copy(b, "0123456789")
	b = p.Reallocate(5000, b)
	if string(b[:10]) != "0123456789" || len(b) != 5000 || b[10] != 0 || b[4999] != 0 {
		t.Errorf("Reallocate lost the contents or did not zero the rest")
	}
	b = p.Reallocate(20, b) // shrinking keeps the buffer
	if len(b) != 20 || string(b[:10]) != "0123456789" {
		t.Errorf("Reallocate(20): %q", b)
	}
}

// TestVerifyWithPoolReleasesAll: verification through the pool frees
// every buffer it allocates (so none is handed out twice while in use),
// and reads every row.
func TestVerifyWithPoolReleasesAll(t *testing.T) {
	out := t.TempDir()
	m := writeTemplateReports(t, out, "r0", 300, true)
	runDir := filepath.Join(out, filepath.FromSlash(m.RunDir))
	mem := memory.NewCheckedAllocator(newPoolAllocator())
	files := 0
	for _, tb := range tables {
		for _, f := range m.Tables[tb.name].Files {
			if err := verifyFile(context.Background(), mustLocal(runDir), "", f, tb.schema, mem); err != nil {
				t.Fatal(err)
			}
			files++
		}
	}
	if files == 0 {
		t.Fatal("no files verified")
	}
	mem.AssertSize(t, 0)
}
