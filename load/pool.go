package load

import (
	"math/bits"
	"sync"
	"unsafe"
)

// poolAllocator is the Arrow allocator of verification: it hands out
// buffers that earlier batches freed instead of new ones. Reading back a
// dataset allocates its size several times over in Arrow buffers (a
// quarter of all allocation of a run), each freed when its batch is
// released; reusing them spares the collector that garbage.
//
// Buffers are 64-byte aligned, as memory.GoAllocator's, and zeroed, as
// Arrow expects from Allocate.
type poolAllocator struct {
	classes [48]sync.Pool // class k holds buffers of capacity ≥ 1<<k
}

const poolAlign = 64

func newPoolAllocator() *poolAllocator { return &poolAllocator{} }

func sizeClass(n int) int {
	if n <= poolAlign {
		return 6
	}
	return bits.Len(uint(n - 1)) // 1<<class ≥ n
}

func (p *poolAllocator) Allocate(size int) []byte {
	if size < 0 {
		panic("load: negative allocation")
	}
	k := sizeClass(size)
	if k >= len(p.classes) {
		panic("load: allocation too large")
	}
	if v := p.classes[k].Get(); v != nil {
		b := (*v.(*[]byte))[:size]
		clear(b)
		return b
	}
	raw := make([]byte, 1<<k+poolAlign)
	off := 0
	if r := int(uintptr(unsafe.Pointer(&raw[0])) % poolAlign); r != 0 {
		off = poolAlign - r
	}
	return raw[off : off+size : off+1<<k]
}

func (p *poolAllocator) Reallocate(size int, b []byte) []byte {
	if size <= cap(b) {
		old := len(b)
		b = b[:size]
		if size > old {
			clear(b[old:])
		}
		return b
	}
	nb := p.Allocate(size)
	copy(nb, b)
	p.Free(b)
	return nb
}

// Free takes back a buffer Allocate made: its capacity is a power of two
// (other buffers are left to the collector).
func (p *poolAllocator) Free(b []byte) {
	c := cap(b)
	if c < poolAlign || c&(c-1) != 0 {
		return
	}
	k := bits.Len(uint(c)) - 1
	if k >= len(p.classes) {
		return
	}
	b = b[:c]
	p.classes[k].Put(&b)
}
