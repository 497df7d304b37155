package normalize_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

// invariants holds for every input: exactly one of NA, OK and Err; an OK
// value agrees with its exact form; a rejection wraps a sentinel.
func invariants(t *testing.T, r normalize.Result) {
	t.Helper()
	if r.NA && (r.Err != nil || r.Exact != "") {
		t.Fatalf("%q: NA with %v %q", r.Input, r.Err, r.Exact)
	}
	if r.Overflow && !errors.Is(r.Err, normalize.ErrOverflow) {
		t.Fatalf("%q: Overflow without ErrOverflow: %v", r.Input, r.Err)
	}
	if r.Err != nil {
		ok := false
		for _, e := range []error{normalize.ErrSyntax, normalize.ErrGrouping, normalize.ErrRange, normalize.ErrBound,
			normalize.ErrVague, normalize.ErrPercent, normalize.ErrCurrency, normalize.ErrUnit, normalize.ErrFraction,
			normalize.ErrPrecision, normalize.ErrOverflow} {
			ok = ok || errors.Is(r.Err, e)
		}
		if !ok {
			t.Fatalf("%q: error %v wraps no sentinel", r.Input, r.Err)
		}
		return
	}
	if r.NA {
		return
	}
	switch r.Kind {
	case normalize.KindAmount:
		if r.Amount.Compact() != r.Exact {
			t.Fatalf("%q: Amount %s, Exact %s", r.Input, r.Amount.Compact(), r.Exact)
		}
		if r.Amount > schemas.MaxYuan || r.Amount < -schemas.MaxYuan {
			t.Fatalf("%q: %s beyond DECIMAL(18,2)", r.Input, r.Amount)
		}
	case normalize.KindCount:
		if strconv.FormatInt(r.Count, 10) != r.Exact {
			t.Fatalf("%q: Count %d, Exact %s", r.Input, r.Count, r.Exact)
		}
	}
	if _, err := r.MarshalJSON(); err != nil {
		t.Fatal(err)
	}
}

// decimal writes |v| × 10^-scale exactly, without trailing zeros.
func decimal(v int64, scale int) string {
	neg := v < 0
	d := strconv.FormatUint(uint64(v), 10)
	if neg {
		d = strconv.FormatUint(uint64(-v), 10) // -MinInt64 wraps to itself as uint64: still right
	}
	for len(d) <= scale {
		d = "0" + d
	}
	s := d[:len(d)-scale]
	if f := strings.TrimRight(d[len(d)-scale:], "0"); f != "" {
		s += "." + f
	}
	if neg && s != "0" {
		s = "-" + s
	}
	return s
}

// group inserts thousands separators into the integer part.
func group(s, sep string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return sign + b.String() + frac
}

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '!' && r <= '~' {
			return r + 0xFEE0
		}
		return r
	}, s)
}

var (
	cnDigits  = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	finDigits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
)

// chinese writes 0 <= n < 10^16 in standard Chinese numerals: one 零 for
// each gap, 十 rather than 一十 at the start.
func chinese(n int64, financial bool) string {
	digits, places, sects := cnDigits, []string{"", "十", "百", "千"}, []string{"", "万", "亿", "万亿"}
	if financial {
		digits, places, sects = finDigits, []string{"", "拾", "佰", "仟"}, []string{"", "萬", "億", "萬億"}
	}
	if n == 0 {
		return digits[0]
	}
	var parts [4]int64
	for i := range parts {
		parts[i] = n % 10000
		n /= 10000
	}
	var b strings.Builder
	zero := false
	for si := 3; si >= 0; si-- {
		p := parts[si]
		if p == 0 {
			zero = b.Len() > 0
			continue
		}
		if b.Len() > 0 && p < 1000 {
			zero = true
		}
		for pi := 3; pi >= 0; pi-- {
			d := p / pow10(pi) % 10
			if d == 0 {
				if b.Len() > 0 {
					zero = true
				}
				continue
			}
			if zero {
				b.WriteString(digits[0])
				zero = false
			}
			if !(d == 1 && pi == 1 && b.Len() == 0 && !financial) {
				b.WriteString(digits[d])
			}
			b.WriteString(places[pi])
		}
		b.WriteString(sects[si])
		zero = false
	}
	return b.String()
}

func pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// amountText writes fen as a cell in one of several printed styles and
// returns the number of yuan the cell states.
func amountText(fen int64, style uint8) string {
	yuan := decimal(fen, 2)
	switch style % 14 {
	case 0:
		return yuan
	case 1:
		return yuan + "元"
	case 2:
		return group(yuan, ",") + "元"
	case 3:
		return fullWidth(group(yuan, ",")) + "元"
	case 4:
		return decimal(fen, 6) + "万元"
	case 5:
		return decimal(fen, 10) + "亿元"
	case 6:
		return "¥" + group(yuan, ",")
	case 7:
		return "\u3000" + decimal(fen, 5) + " 千元\u00a0"
	case 8:
		if fen < 0 {
			return "（" + yuan + "）"
		}
		return "(+" + yuan + ")"
	case 9:
		return "人民币" + decimal(fen, 6) + "万元整"
	case 10:
		return decimal(fen, 14) + "万亿元"
	case 12:
		return jiaoFen(fen)
	case 13:
		return pointWan(fen)
	default:
		return "约" + yuan + "元"
	}
}

// jiaoFen writes fen the way a cheque does: 壹佰元零伍角贰分, 叁元整.
func jiaoFen(fen int64) string {
	if fen < 0 {
		if fen == -fen {
			return decimal(fen, 2)
		}
		return "负" + jiaoFen(-fen)
	}
	y, j, f := fen/100, fen/10%10, fen%10
	if y >= 1e16 {
		return decimal(fen, 2) + "元"
	}
	s := chinese(y, true) + "元"
	switch {
	case j == 0 && f == 0:
		return s + "整"
	case j == 0:
		return s + "零" + finDigits[f] + "分"
	case f == 0:
		return s + finDigits[j] + "角"
	}
	return s + finDigits[j] + "角" + finDigits[f] + "分"
}

// pointWan writes fen in 万元 with a Chinese decimal point: 三百二十点五万元.
func pointWan(fen int64) string {
	if fen < 0 {
		if fen == -fen {
			return decimal(fen, 2)
		}
		return "负" + pointWan(-fen)
	}
	w, rest := fen/1e6, fen%1e6
	if w >= 1e4 {
		return decimal(fen, 6) + "万元"
	}
	s := chinese(w, false)
	if rest > 0 {
		d := strconv.FormatInt(rest+1e6, 10)[1:]
		s += "点"
		for _, c := range strings.TrimRight(d, "0") {
			s += cnDigits[c-'0']
		}
	}
	return s + "万元"
}

func countText(n int64, style uint8) string {
	s := strconv.FormatInt(n, 10)
	switch style % 9 {
	case 0:
		return s
	case 1:
		if n >= 0 {
			return "+" + s
		}
		return s
	case 2:
		return group(s, "，")
	case 3:
		return fullWidth(s)
	case 4:
		return "\u00a0" + s + "件\u3000"
	case 5:
		return s + ".0"
	case 6:
		if n < 0 {
			return "(" + s + ")"
		}
		return s
	case 7, 8:
		if n < 0 || n >= 1e16 {
			return s
		}
		return chinese(n, style%9 == 8)
	}
	return s
}

func FuzzAmount(f *testing.F) {
	for _, s := range []string{" 0", "362.24万元", "10268898元", "207204.99", "　　/", "3万5千元", "(-3)万元", "约20万元", "12,34", "0.001元", "壹佰元整", "3-5万元", "壹仟零贰元玖角捌分", "三百二十点五万元", "5角3", "3元零5分"} {
		f.Add(s, int64(0), uint8(0))
	}
	f.Add("", int64(362240000), uint8(4))
	f.Add("", int64(-999999999999999999), uint8(3))
	f.Add("", int64(-9223372036854775808), uint8(10))
	f.Fuzz(func(t *testing.T, s string, fen int64, style uint8) {
		if len(s) > 1024 {
			return
		}
		for _, h := range []string{"", "万元"} {
			invariants(t, normalize.Amount(s, h))
		}
		// Round trip: any fen printed in any style reads back exactly.
		in := amountText(fen, style)
		r := normalize.Amount(in, "")
		invariants(t, r)
		want := decimal(fen, 2)
		if r.Exact != want {
			t.Fatalf("%q: Exact %q, want %q (%v)", in, r.Exact, want, r.Err)
		}
		big := schemas.Yuan(fen) > schemas.MaxYuan || schemas.Yuan(fen) < -schemas.MaxYuan
		if r.Overflow != big {
			t.Fatalf("%q: Overflow %v", in, r.Overflow)
		}
		if !big && (r.Err != nil || int64(r.Amount) != fen) {
			t.Fatalf("%q: %v %v, want %d fen", in, r.Amount, r.Err, fen)
		}
	})
}

func FuzzCount(f *testing.F) {
	for _, s := range []string{" 0", "+163", "\u00a00", "/ ", "163.5", "一万零一亿", "三万五", "2件", "（-3）", "9223372036854775808"} {
		f.Add(s, int64(0), uint8(0))
	}
	f.Add("", int64(1000100010001), uint8(7))
	f.Add("", int64(9999999999999999), uint8(8))
	f.Add("", int64(-9223372036854775808), uint8(2))
	f.Fuzz(func(t *testing.T, s string, n int64, style uint8) {
		if len(s) > 1024 {
			return
		}
		invariants(t, normalize.Count(s))
		in := countText(n, style)
		r := normalize.Count(in)
		invariants(t, r)
		if !r.OK() || r.Count != n {
			t.Fatalf("%q: %d %v, want %d", in, r.Count, r.Err, n)
		}
	})
}
