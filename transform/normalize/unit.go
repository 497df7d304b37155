package normalize

import (
	"fmt"
	"strings"
)

// units maps a money unit as printed (after folding) to its power of ten
// and canonical name. Canonical names are constants so that applying a
// header unit does not allocate.
var units = map[string]struct {
	exp   int
	canon string
}{
	"元": {0, "元"}, "圆": {0, "元"}, "圓": {0, "元"},
	"十元": {1, "十元"}, "拾元": {1, "十元"},
	"百元": {2, "百元"}, "佰元": {2, "百元"},
	"千元": {3, "千元"}, "仟元": {3, "千元"}, "千": {3, "千元"}, "仟": {3, "千元"},
	"万元": {4, "万元"}, "萬元": {4, "万元"}, "万": {4, "万元"}, "萬": {4, "万元"}, "万圆": {4, "万元"},
	"十万元": {5, "十万元"}, "十万": {5, "十万元"},
	"百万元": {6, "百万元"}, "百万": {6, "百万元"},
	"千万元": {7, "千万元"}, "千万": {7, "千万元"},
	"亿元": {8, "亿元"}, "億元": {8, "亿元"}, "亿": {8, "亿元"}, "億": {8, "亿元"}, "亿圆": {8, "亿元"},
	"万亿元": {12, "万亿元"}, "万亿": {12, "万亿元"}, "萬億元": {12, "万亿元"},
}

// foreignUnits are header units that name another currency.
var foreignUnits = []string{"美元", "欧元", "日元", "港元", "港币", "英镑", "美金", "USD", "$", "EUR", "€"}

// parseUnit reads a header unit: "万元", "万", "（万元）", "单位：万元",
// "人民币万元". It returns the power of ten and the canonical name.
func parseUnit(u string) (int, string, error) {
	if e, ok := units[u]; ok { // the common case: HeaderUnit's own output
		return e.exp, e.canon, nil
	}
	s := strings.Map(func(r rune) rune {
		if invisible(r) || r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' {
			return -1
		}
		return fold(r)
	}, u)
	s = strings.Trim(s, "()[]【】/:：")
	s = strings.TrimPrefix(s, "单位")
	s = strings.Trim(s, ":：/")
	for _, m := range []string{"人民币", "RMB", "rmb", "CNY", "¥"} {
		s = strings.TrimPrefix(s, m)
		s = strings.TrimSuffix(s, m)
	}
	if e, ok := units[s]; ok {
		return e.exp, e.canon, nil
	}
	for _, f := range foreignUnits {
		if strings.Contains(s, f) {
			return 0, "", fmt.Errorf("%w: header unit %q", ErrCurrency, u)
		}
	}
	return 0, "", fmt.Errorf("%w: header unit %q", ErrUnit, u)
}

// HeaderUnit returns the canonical money unit printed in a column header,
// or "" when there is none: 采购总金额(万元), 本年收费金额（单位：万元）,
// 金额/万元 and 金额（单位:万）all give "万元". Only a unit that stands on its
// own — in brackets, after 单位, after '/', or closing the header — counts,
// so that a word merely containing 元 is not taken for one. A foreign
// currency in that position is returned as printed (美元), so that Amount
// rejects the cells below with ErrCurrency.
func HeaderUnit(header string) string {
	h := strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		if r == '\u3000' || r == '\u00a0' || r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return fold(r)
	}, header)
	// The bracketed parts, last first: the unit usually closes the header.
	for end := len(h); end > 0; {
		c := strings.LastIndexByte(h[:end], ')')
		if c < 0 {
			break
		}
		o := strings.LastIndexByte(h[:c], '(')
		if o < 0 {
			break
		}
		if u := unitIn(h[o+1 : c]); u != "" {
			return u
		}
		end = o
	}
	if i := strings.LastIndex(h, "单位"); i >= 0 {
		if u := unitIn(h[i:]); u != "" {
			return u
		}
	}
	if i := strings.LastIndexByte(h, '/'); i >= 0 {
		if u := unitIn(h[i+1:]); u != "" {
			return u
		}
	}
	// 金额万元: a unit closing the header, preceded by a word for money.
	t := strings.TrimSpace(h)
	for _, suf := range []string{"万亿元", "亿元", "万元", "千元", "百万元", "千万元"} {
		if strings.HasSuffix(t, suf) && len(t) > len(suf) {
			if e, ok := units[suf]; ok {
				return e.canon
			}
		}
	}
	return ""
}

// unitIn returns the unit a bracket or 单位 clause states, "" if it is not one.
func unitIn(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "单位") && strings.ContainsAny(s, ",，、;；") {
		return ""
	}
	if _, canon, err := parseUnit(s); err == nil {
		return canon
	}
	t := strings.Trim(strings.TrimPrefix(s, "单位"), " :：/")
	for _, f := range foreignUnits {
		if t == f {
			return f
		}
	}
	return ""
}
