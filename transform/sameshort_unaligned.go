//go:build amd64 || arm64

package transform

import "unsafe"

// sameShort reports whether a and b, of one length (the caller checks
// it: b is read as far as a's length), are equal when that length is 8 to
// 24 bytes, and false for other lengths. Most cells remembered are
// labels and headers of that length (two to eight Han characters), which
// three loads of eight bytes cover whole: their first, middle and last
// eight bytes, as memoHash reads them. Compared so, they are not passed
// to the runtime's memequal, whose branches on the length mispredicted.
func sameShort(a, b string) bool {
	n := len(a)
	if uint(n-8) > 16 {
		return false
	}
	// (Eight-byte loads at any address: these processors allow them;
	// elsewhere sameShort is false and match compares with ==.)
	// [0,8), [n/2-4, n/2+4) and [n-8, n) leave no byte out for n <= 24
	pa, pb := unsafe.Pointer(unsafe.StringData(a)), unsafe.Pointer(unsafe.StringData(b))
	return *(*uint64)(pa) == *(*uint64)(pb) &&
		*(*uint64)(unsafe.Add(pa, n-8)) == *(*uint64)(unsafe.Add(pb, n-8)) &&
		*(*uint64)(unsafe.Add(pa, n/2-4)) == *(*uint64)(unsafe.Add(pb, n/2-4))
}
