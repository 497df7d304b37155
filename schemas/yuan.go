package schemas

import (
	"strconv"
)

// Yuan is an exact amount of money in hundredths of a yuan (fen): the
// unscaled value of a DECIMAL(18,2). It is how money travels from the
// normalizer to the Parquet file without ever passing through float64.
type Yuan int64

// MaxYuan is the largest amount a DECIMAL(18,2) holds: 9999999999999999.99.
const MaxYuan Yuan = 999999999999999999

// String formats the amount as a plain decimal with two places, e.g.
// "3622400.00".
func (y Yuan) String() string {
	neg := y < 0
	u := uint64(y)
	if neg {
		u = uint64(-y)
	}
	s := strconv.FormatUint(u, 10)
	for len(s) < 3 {
		s = "0" + s
	}
	out := s[:len(s)-2] + "." + s[len(s)-2:]
	if neg {
		out = "-" + out
	}
	return out
}

// Compact formats the amount without trailing fractional zeros ("3622400",
// "207204.99", "0.5"), the form parse uses in its cells object.
func (y Yuan) Compact() string {
	s := y.String()
	if s[len(s)-2:] == "00" {
		return s[:len(s)-3]
	}
	if s[len(s)-1] == '0' {
		return s[:len(s)-1]
	}
	return s
}
