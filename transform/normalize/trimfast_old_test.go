package normalize

// trimFastOld is trimFast as it was before it looked at a cell's first
// and last bytes alone: the differential tests compare the two.
func trimFastOld(s string) string {
	for len(s) > 0 {
		switch {
		case s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\v' || s[0] == '\f':
			s = s[1:]
		case len(s) >= 2 && s[0] == 0xC2 && s[1] == 0xA0:
			s = s[2:]
		case len(s) >= 3 && (s[:3] == "\u3000" || s[:3] == "\ufeff" || s[:3] == "\u200b"):
			s = s[3:]
		default:
			goto right
		}
	}
right:
	for n := len(s); n > 0; n = len(s) {
		switch {
		case s[n-1] == ' ' || s[n-1] == '\t' || s[n-1] == '\n' || s[n-1] == '\r' || s[n-1] == '\v' || s[n-1] == '\f':
			s = s[:n-1]
		case n >= 2 && s[n-2] == 0xC2 && s[n-1] == 0xA0:
			s = s[:n-2]
		case n >= 3 && (s[n-3:] == "\u3000" || s[n-3:] == "\ufeff" || s[n-3:] == "\u200b"):
			s = s[:n-3]
		default:
			return s
		}
	}
	return s
}
