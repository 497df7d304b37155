package normalize

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/cockroachdb/apd/v3"

	"github.com/nianbao/nianbao/schemas"
)

// Kind says how a cell is read: as a count or as an amount of money.
type Kind string

// The two kinds of cells.
const (
	KindCount  Kind = "count"
	KindAmount Kind = "amount"
)

// maxInput bounds the text the slow path will look at: a table cell holding
// one number is short, and the bound keeps the exact arithmetic small.
const maxInput = 512

// Result is what one cell reads as. Exactly one of these holds: NA, OK(), or
// Err != nil (with Overflow set when the only problem is the size).
type Result struct {
	Input        string       // the cell as given
	Kind         Kind         // how it was read
	NA           bool         // not-applicable marker or blank: null, not zero
	Count        int64        // valid when Kind == KindCount && OK()
	Amount       schemas.Yuan // valid when Kind == KindAmount && OK()
	Exact        string       // exact value as plain decimal (yuan for amounts); "" when NA or unreadable
	Unit         string       // canonical unit from the cell, else the header's; "" when none
	UnitInferred bool         // amount with no unit in cell or header: taken as yuan
	Approximate  bool         // 约, 近, 左右 …: value kept, flagged
	Overflow     bool         // Exact is valid but does not fit the dataset type; Err wraps ErrOverflow
	Err          error        // non-nil: rejected, wrapping a sentinel from errors.go
}

// OK reports whether the cell holds a value that fits the dataset: not
// rejected and not a not-applicable marker.
func (r Result) OK() bool { return r.Err == nil && !r.NA }

// Count reads a count cell: an integer, optionally with a count word (件,
// 条, 个, 项, 人次 …).
func Count(s string) Result { return Normalize(KindCount, s, "") }

// CountPlain reads the count cells most reports print, the way Count
// does without making a Result: 1 to 18 ASCII digits, a not-applicable
// marker or nothing, with the whitespace trimFast removes around them. It
// returns ok for such a cell, with Count(s).Count and Count(s).NA, a
// reading with nothing to doubt (no error, overflow or approximation);
// for any other cell it returns false, and Count is what reads it.
func CountPlain(s string) (n int64, na, ok bool) {
	t := trimFast(s)
	if t == "" || isNAMarker(t) {
		return 0, true, true
	}
	u, ok := plainDigits(t)
	return int64(u), false, ok
}

// Amount reads a money cell. headerUnit is the unit printed in the column
// header (see HeaderUnit), "" if none; a unit in the cell wins over it.
func Amount(s string, headerUnit string) Result { return Normalize(KindAmount, s, headerUnit) }

// Normalize reads s as kind. headerUnit is ignored for counts.
func Normalize(kind Kind, s, headerUnit string) Result {
	r := Result{Input: s, Kind: kind}
	if kind != KindCount && kind != KindAmount {
		r.Err = fmt.Errorf("%w: unknown kind %q", ErrSyntax, string(kind))
		return r
	}
	t := trimFast(s)
	if t == "" || isNAMarker(t) {
		r.NA = true
		return r
	}
	if kind == KindCount {
		if fastCount(&r, t) {
			return r
		}
	} else if fastAmount(&r, t, headerUnit) {
		return r
	}
	slow(&r, s, headerUnit)
	return r
}

// trimFast removes the whitespace seen around cells in practice (ASCII
// space and controls, NBSP, U+3000, BOM, zero-width space) without decoding
// runes. Anything rarer is left to the slow path. A byte that starts (ends)
// no such space, most cells' first (last), ends its loop at one test.
func trimFast(s string) string {
	for len(s) > 0 && trimFirst[s[0]] {
		if s[0] < 0x80 {
			s = s[1:] // an ASCII space or control
		} else if len(s) >= 2 && s[0] == 0xC2 && s[1] == 0xA0 {
			s = s[2:]
		} else if len(s) >= 3 && (s[:3] == "\u3000" || s[:3] == "\ufeff" || s[:3] == "\u200b") {
			s = s[3:]
		} else {
			break
		}
	}
	for n := len(s); n > 0 && trimLast[s[n-1]]; n = len(s) {
		if s[n-1] < 0x80 {
			s = s[:n-1]
		} else if n >= 2 && s[n-2] == 0xC2 && s[n-1] == 0xA0 {
			s = s[:n-2]
		} else if n >= 3 && (s[n-3:] == "\u3000" || s[n-3:] == "\ufeff" || s[n-3:] == "\u200b") {
			s = s[:n-3]
		} else {
			break
		}
	}
	return s
}

// trimFirst marks the bytes the spaces trimFast removes start with, and
// trimLast those they end with.
var trimFirst, trimLast = func() (first, last [256]bool) {
	for _, sp := range []string{" ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u3000", "\ufeff", "\u200b"} {
		first[sp[0]], last[sp[len(sp)-1]] = true, true
	}
	return first, last
}()

// isNAMarker reports whether the trimmed cell is a not-applicable marker.
func isNAMarker(t string) bool {
	switch t {
	case "/", "／", "-", "－", "﹣", "−", "--", "－－", "—", "——", "–", "――", "―", "无", "／／", "//", "\\", "＼":
		return true
	}
	return false
}

// naMarkers are isNAMarker's markers.
var naMarkers = [...]string{"/", "／", "-", "－", "﹣", "−", "--", "－－", "—", "——", "–", "――", "―", "无", "／／", "//", "\\", "＼"}

// markerWithUnit reports a not-applicable marker followed by a unit and
// nothing else (/件, —项, /万元): the marker in a column whose every cell
// prints its unit, as 5件 is the count 5.
func markerWithUnit(t string) bool {
	for _, m := range naMarkers {
		rest, ok := strings.CutPrefix(t, m)
		if !ok || rest == "" {
			continue
		}
		var lx lexer
		if lx.lex(rest) == nil && unitOnly(lx.toks[:lx.n]) {
			return true
		}
	}
	return false
}

// plainDigits returns the value of t when t is 1 to 18 ASCII digits.
func plainDigits(t string) (uint64, bool) {
	if len(t) == 0 || len(t) > 18 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(t); i++ {
		c := t[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + uint64(c)
	}
	return n, true
}

// stripZeros returns the digits without leading zeros ("0" for zero), a
// substring of its argument.
func stripZeros(d string) string {
	for len(d) > 1 && d[0] == '0' {
		d = d[1:]
	}
	return d
}

// fastInt reads an optionally signed run of at most 18 ASCII digits and
// returns its value and exact form, a substring of t, without allocating.
func fastInt(t string) (n int64, exact string, ok bool) {
	neg := false
	digits := t
	if t[0] == '+' || t[0] == '-' {
		neg = t[0] == '-'
		digits = t[1:]
	}
	u, ok := plainDigits(digits)
	if !ok {
		return 0, "", false
	}
	digits = stripZeros(digits)
	switch {
	case u == 0:
		return 0, "0", true
	case !neg:
		return int64(u), digits, true
	case len(digits)+1 == len(t):
		return -int64(u), t, true // "-3": already the canonical form
	}
	return 0, "", false // "-007": let the slow path build "-7"
}

func fastCount(r *Result, t string) bool {
	n, exact, ok := fastInt(t)
	if !ok {
		return false
	}
	r.Count, r.Exact = n, exact
	return true
}

func fastAmount(r *Result, t, headerUnit string) bool {
	if len(t) > 17 { // 16 digits of yuan and a sign always fit DECIMAL(18,2)
		return false
	}
	n, exact, ok := fastInt(t)
	if !ok || n > 1e16-1 || n < -(1e16-1) {
		return false
	}
	switch headerUnit {
	case "":
		r.UnitInferred = true
	case "元":
		r.Unit = "元"
	default:
		return false
	}
	r.Exact = exact
	r.Amount = schemas.Yuan(n * 100)
	return true
}

// slow reads anything the fast paths do not: units, signs, separators,
// Chinese numerals, and every reason to reject.
func slow(r *Result, s, headerUnit string) {
	if len(s) > maxInput {
		r.Err = fmt.Errorf("%w: cell longer than %d bytes", ErrSyntax, maxInput)
		return
	}
	t := strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || invisible(r) })
	if t == "" || isNAMarker(t) || markerWithUnit(t) {
		r.NA = true
		return
	}
	if in, ok := Unwrap(t); ok {
		// **48**, “18561”: the value inside, read as if printed alone.
		w := Normalize(r.Kind, in, headerUnit)
		w.Input = r.Input
		*r = w
		return
	}
	var lx lexer
	if err := lx.lex(s); err != nil {
		r.Err = err
		return
	}
	if lx.n == 0 {
		r.NA = true // only invisible characters
		return
	}
	p, err := parseCell(lx.toks[:lx.n], r.Kind, &lx)
	if err != nil {
		r.Err = err
		return
	}
	r.Approximate = p.approx
	v := &p.value
	if r.Kind == KindCount {
		r.Unit = p.countUnit
		finishCount(r, v)
		return
	}
	if p.cellUnit {
		r.Unit = p.unit
	} else if headerUnit == "" {
		if p.mark {
			r.Unit = "元" // ¥100: the mark states yuan
		} else {
			r.UnitInferred = true
		}
	} else {
		exp, canon, err := parseUnit(headerUnit)
		if err != nil {
			r.Err = err
			return
		}
		r.Unit = canon
		v.Exponent += int32(exp)
	}
	finishAmount(r, v)
}

// canonical reduces v and gives it the plain form Exact uses: no exponent,
// no trailing fractional zeros, no negative zero.
func canonical(v *apd.Decimal) string {
	v.Reduce(v)
	if v.IsZero() {
		v.Negative = false
		v.Exponent = 0
		return "0"
	}
	return v.Text('f')
}

// fitsInt64 returns v as an int64 when v is an integer that fits.
func fitsInt64(v *apd.Decimal) (int64, bool) {
	if v.Exponent < 0 || v.NumDigits()+int64(v.Exponent) > 19 {
		return 0, false
	}
	n, err := v.Int64()
	return n, err == nil
}

func finishCount(r *Result, v *apd.Decimal) {
	r.Exact = canonical(v)
	if v.Exponent < 0 {
		r.Err = fmt.Errorf("%w: %s", ErrFraction, r.Exact)
		return
	}
	n, ok := fitsInt64(v)
	if !ok {
		r.Overflow = true
		r.Err = fmt.Errorf("%w: %s exceeds int64", ErrOverflow, r.Exact)
		return
	}
	r.Count = n
}

func finishAmount(r *Result, v *apd.Decimal) {
	r.Exact = canonical(v)
	if v.Exponent < -2 {
		r.Err = fmt.Errorf("%w: %s yuan", ErrPrecision, r.Exact)
		return
	}
	var fen apd.Decimal
	fen.Set(v)
	fen.Exponent += 2
	n, ok := fitsInt64(&fen)
	if !ok || n > int64(schemas.MaxYuan) || n < -int64(schemas.MaxYuan) {
		r.Overflow = true
		r.Err = fmt.Errorf("%w: %s yuan exceeds DECIMAL(18,2)", ErrOverflow, r.Exact)
		return
	}
	r.Amount = schemas.Yuan(n)
}

// wrappers are the pairs a cell may print around its whole value without
// changing it: Markdown emphasis (**48**, __48__, *48*) and quotation
// marks (“18561”, "18561", 「18561」).
var wrappers = [...][2]string{
	{"***", "***"}, {"**", "**"}, {"*", "*"},
	{"___", "___"}, {"__", "__"}, {"_", "_"},
	{"“", "”"}, {"\"", "\""}, {"＂", "＂"},
	{"‘", "’"}, {"'", "'"},
	{"「", "」"}, {"『", "』"},
}

// Unwrap returns what c, trimmed, prints inside one or two of the wrappers
// around its whole text (**“48”** gives 48), trimmed, and whether it had
// any; an empty or blank inside is no value and gives false. The same
// mark opening and closing the cell is a wrapper only when it does not
// stand inside too ("**3** 和 **5**" is two values, not one).
func Unwrap(c string) (string, bool) {
	c = strings.TrimFunc(c, func(r rune) bool { return unicode.IsSpace(r) || invisible(r) })
	found := false
	for layer := 0; layer < 2; layer++ {
		in, ok := unwrap1(c)
		if !ok {
			break
		}
		c, found = in, true
	}
	return c, found
}

func unwrap1(c string) (string, bool) {
	if len(c) < 3 {
		return c, false
	}
	switch c[0] {
	case '*', '_', '"', '\'', 0xe2, 0xe3, 0xef: // the first bytes of the marks
	default:
		return c, false
	}
	for _, w := range wrappers {
		if len(c) > len(w[0])+len(w[1]) && strings.HasPrefix(c, w[0]) && strings.HasSuffix(c, w[1]) {
			in := c[len(w[0]) : len(c)-len(w[1])]
			if strings.Contains(in, w[0]) || strings.Contains(in, w[1]) {
				return c, false
			}
			in = strings.TrimFunc(in, func(r rune) bool { return unicode.IsSpace(r) || invisible(r) })
			if in == "" {
				return c, false
			}
			return in, true
		}
	}
	return c, false
}
