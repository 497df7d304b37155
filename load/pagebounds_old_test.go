package load

import "bytes"

// oldPageBounds is the bounds of a byte array page's values as parquet-go
// found them before it looked at their first bytes: every value but the
// first compared with the least value so far and, when not less, with the
// greatest.
func oldPageBounds(values [][]byte) (lo, hi []byte) {
	if len(values) == 0 {
		return nil, nil
	}
	lo = values[0]
	hi = lo
	for _, v := range values[1:] {
		switch {
		case bytes.Compare(v, lo) < 0:
			lo = v
		case bytes.Compare(v, hi) > 0:
			hi = v
		}
	}
	return lo, hi
}
