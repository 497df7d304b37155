package transform

import (
	"math/big"
	"math/bits"
	"strconv"
)

// wide is a signed 128-bit integer in two's complement (hi:lo). Counts are
// int64 as printed; sums of them and of their products with the template's
// coefficients are taken here so that a huge printed count yields a correct
// comparison, never a wrapped one. 2^63 terms of 2^126 would be needed to
// overflow it.
type wide struct {
	hi int64
	lo uint64
}

// wideOf widens v.
func wideOf(v int64) wide { return wide{hi: v >> 63, lo: uint64(v)} }

// add returns a+b.
func (a wide) add(b wide) wide {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	return wide{hi: a.hi + b.hi + int64(c), lo: lo}
}

// sub returns a-b.
func (a wide) sub(b wide) wide {
	lo, c := bits.Sub64(a.lo, b.lo, 0)
	return wide{hi: a.hi - b.hi - int64(c), lo: lo}
}

// neg returns -a.
func (a wide) neg() wide {
	lo, b := bits.Sub64(0, a.lo, 0)
	return wide{hi: -a.hi - int64(b), lo: lo}
}

// mul returns a·b exactly.
func mul(a, b int64) wide {
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = -ua
	}
	if b < 0 {
		ub = -ub
	}
	hi, lo := bits.Mul64(ua, ub)
	w := wide{hi: int64(hi), lo: lo}
	if (a < 0) != (b < 0) {
		w = w.neg()
	}
	return w
}

// sign is -1, 0 or 1.
func (a wide) sign() int {
	switch {
	case a.hi < 0:
		return -1
	case a.hi == 0 && a.lo == 0:
		return 0
	}
	return 1
}

// int64 returns a and whether it fits an int64.
func (a wide) int64() (int64, bool) {
	v := int64(a.lo)
	return v, a.hi == v>>63
}

// String prints a in decimal.
func (a wide) String() string {
	if v, ok := a.int64(); ok {
		return strconv.FormatInt(v, 10)
	}
	n := new(big.Int).Lsh(big.NewInt(a.hi), 64)
	return n.Add(n, new(big.Int).SetUint64(a.lo)).String()
}
