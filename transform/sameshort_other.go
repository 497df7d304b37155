//go:build !amd64 && !arm64

package transform

// sameShort is false: match compares with == on processors that may not
// load eight bytes from any address (see sameshort_unaligned.go).
func sameShort(a, b string) bool { return false }
