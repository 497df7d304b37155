package normalize

import (
	"fmt"

	"github.com/cockroachdb/apd/v3"
)

// cell is what the grammar reads from the tokens of one cell.
type cell struct {
	value     apd.Decimal
	approx    bool
	cellUnit  bool   // the cell states its money unit (元, or a multiplier used as one)
	unit      string // canonical money unit when cellUnit
	countUnit string
	mark      bool // ¥, RMB or 人民币: the currency is stated, not the scale
}

// exact is apd with rounding disabled: Add is exact at any size.
var exact = apd.BaseContext

// parseCell applies the cell grammar:
//
//	prefix* number suffix*
//	prefix = 约 | 近 | … | ¥ | RMB | 人民币 | sign
//	suffix = 元 | 整 | count word | 人民币 | RMB | 左右 | 上下
//
// with one optional pair of brackets around a signed value. Tokens that
// make a cell a non-value (ranges, bounds, …) are reported first, in a fixed
// order, whatever their position.
func parseCell(toks []token, kind Kind, lx *lexer) (cell, error) {
	var c cell
	if err := reject(toks); err != nil {
		return c, err
	}
	toks, err := unbracket(toks)
	if err != nil {
		return c, err
	}
	i := 0
	sign, neg := false, false
prefix:
	for ; i < len(toks); i++ {
		t := &toks[i]
		switch t.kind {
		case tApproxPre:
			c.approx = true
		case tMark:
			if kind == KindCount {
				return c, fmt.Errorf("%w: currency mark on a count", ErrUnit)
			}
			if c.mark {
				return c, fmt.Errorf("%w: currency named twice", ErrUnit)
			}
			c.mark = true
		case tSign:
			if sign {
				return c, fmt.Errorf("%w: two signs", ErrSyntax)
			}
			sign, neg = true, t.neg
		default:
			break prefix
		}
	}
	var np numParser
	i, err = np.parse(toks, i, &c.value)
	if err != nil {
		return c, err
	}
	// fen is what 角 and 分 add to the yuan; sub says they were printed.
	var fen int64
	sub := false
	if i < len(toks) && (toks[i].kind == tJiao || toks[i].kind == tFen) {
		// 5角, 8分, 5角3分: the number read is the digit of that place.
		if kind == KindCount {
			return c, fmt.Errorf("%w: money unit on a count", ErrUnit)
		}
		d, ok := np.digit(&c.value)
		if !ok {
			return c, fmt.Errorf("%w: 角 or 分 takes one digit", ErrSyntax)
		}
		fen, i, err = subYuan(toks, i, d)
		if err != nil {
			return c, err
		}
		c.value.SetFinite(0, 0)
		sub = true
	}
	if neg && !c.value.IsZero() {
		c.value.Negative = true
	}
	yuan, zheng, mark := false, false, c.mark
	for ; i < len(toks); i++ {
		t := &toks[i]
		switch t.kind {
		case tYuan:
			if kind == KindCount {
				return c, fmt.Errorf("%w: money unit on a count", ErrUnit)
			}
			if yuan || sub {
				return c, fmt.Errorf("%w: 元 twice or after 角 or 分", ErrUnit)
			}
			yuan = true
			// 三元五角, 1元5角, 3元零5分: the digits below the yuan.
			f, j, err := subYuan(toks, i+1, -1)
			if err != nil {
				return c, err
			}
			if j > i+1 {
				if np.hasFrac {
					return c, fmt.Errorf("%w: 角 or 分 after a decimal fraction of yuan", ErrSyntax)
				}
				fen, sub, i = f, true, j-1
			}
		case tZheng:
			if !yuan && !sub || zheng {
				return c, fmt.Errorf("%w: 整 not after 元, 角 or 分", ErrSyntax)
			}
			zheng = true
		case tJiao, tFen:
			if kind == KindCount {
				return c, fmt.Errorf("%w: money unit on a count", ErrUnit)
			}
			return c, fmt.Errorf("%w: misplaced 角 or 分", ErrSyntax)
		case tCountWord:
			if kind == KindAmount {
				return c, fmt.Errorf("%w: count word %s on an amount", ErrUnit, t.text)
			}
			if c.countUnit != "" {
				return c, fmt.Errorf("%w: two count words", ErrUnit)
			}
			c.countUnit = t.text
		case tMark:
			if kind == KindCount {
				return c, fmt.Errorf("%w: currency mark on a count", ErrUnit)
			}
			if mark {
				return c, fmt.Errorf("%w: currency named twice", ErrUnit)
			}
			mark, c.mark = true, true
		case tApproxPost:
			c.approx = true
		case tMult, tSect:
			return c, fmt.Errorf("%w: multiplier after the unit", ErrUnit)
		case tArabic, tCN, tZero:
			return c, fmt.Errorf("%w: a second number", ErrSyntax)
		default:
			return c, unexpected(t)
		}
	}
	if fen != 0 {
		f := apd.New(fen, -2)
		f.Negative = neg
		if _, err := exact.Add(&c.value, &c.value, f); err != nil {
			return c, fmt.Errorf("%w: %v", ErrSyntax, err)
		}
	}
	if kind == KindAmount {
		c.cellUnit = yuan || np.unitMult || sub
		switch {
		case sub:
			c.unit = "元" // the cell spells the value out to the fen
		case np.unitMult:
			c.unit = np.unitName()
		case yuan:
			c.unit = "元"
		}
	}
	return c, nil
}

// subYuan reads the 角 and 分 at toks[i:]: after 元 when lead < 0 (五角,
// 五角二分, 零五分, 二分), else right after the digit lead (5角, 8分). It
// returns the fen they add and where they end; i itself when nothing after
// 元 is a digit. One digit per place, 角 before 分, and 零 only between 元 and
// the first of them; a digit with no place (三元五, 5角3) is rejected.
func subYuan(toks []token, i int, lead int64) (int64, int, error) {
	d := lead
	if lead < 0 {
		zero := i < len(toks) && toks[i].kind == tZero
		j := i
		if zero {
			j++
		}
		v, ok := digitTok(toks, j)
		if !ok {
			if zero {
				return 0, i, fmt.Errorf("%w: 零 after 元 with no digit of 角 or 分", ErrSyntax)
			}
			return 0, i, nil
		}
		d, i = v, j+1
	}
	if i >= len(toks) || toks[i].kind != tJiao && toks[i].kind != tFen {
		return 0, i, fmt.Errorf("%w: abbreviated amount, a digit with no 角 or 分", ErrSyntax)
	}
	if toks[i].kind == tFen {
		return d, i + 1, nil
	}
	i++
	v, ok := digitTok(toks, i)
	if !ok {
		return d * 10, i, nil
	}
	if i+1 >= len(toks) || toks[i+1].kind != tFen {
		return 0, i, fmt.Errorf("%w: abbreviated amount, a digit after 角 with no 分", ErrSyntax)
	}
	return d*10 + v, i + 2, nil
}

// digitTok returns the single digit toks[i] holds: a Chinese digit, or one
// Arabic digit with no fraction.
func digitTok(toks []token, i int) (int64, bool) {
	if i >= len(toks) {
		return 0, false
	}
	switch t := &toks[i]; t.kind {
	case tCN:
		return int64(t.digit), true
	case tArabic:
		if t.big == "" && t.fracExp == 0 && t.intDigits == 1 {
			return int64(t.coeff), true
		}
	}
	return 0, false
}

func unexpected(t *token) error {
	switch t.kind {
	case tOther:
		return fmt.Errorf("%w: unexpected %q", ErrSyntax, t.text)
	case tLetters:
		return fmt.Errorf("%w: stray letters %q", ErrSyntax, t.text)
	case tComma:
		return fmt.Errorf("%w: separator outside a number", ErrGrouping)
	case tSign:
		return fmt.Errorf("%w: misplaced sign", ErrSyntax)
	case tApproxPre:
		return fmt.Errorf("%w: misplaced 约/近", ErrSyntax)
	case tLParen, tRParen:
		return fmt.Errorf("%w: misplaced bracket", ErrSyntax)
	case tPoint:
		return fmt.Errorf("%w: misplaced 点", ErrSyntax)
	}
	return fmt.Errorf("%w: misplaced word", ErrSyntax)
}

func nextIsMult(toks []token, i int) bool {
	return i+1 < len(toks) && (toks[i+1].kind == tMult || toks[i+1].kind == tSect)
}

func isNumber(k tokKind) bool { return k == tArabic || k == tCN || k == tZero }

// reject reports the tokens that make a cell not one value, in a fixed
// order so that the reason does not depend on where they are.
func reject(toks []token) error {
	var seen [tOther + 1]bool
	for i := range toks {
		seen[toks[i].kind] = true
	}
	switch {
	case seen[tPercent]:
		return ErrPercent
	case seen[tForeign]:
		return ErrCurrency
	case seen[tBound]:
		return ErrBound
	case seen[tVague]:
		return ErrVague
	}
	// A dash or a minus with a number on each side is a range: 3-5, 3万—5万.
	numBefore := false
	for i := range toks {
		k := toks[i].kind
		if (k == tDash || k == tSign && toks[i].neg) && numBefore {
			for j := i + 1; j < len(toks); j++ {
				if isNumber(toks[j].kind) {
					return ErrRange
				}
			}
		}
		if isNumber(k) {
			numBefore = true
		}
	}
	for i := range toks {
		switch toks[i].kind {
		case tLetters, tOther, tComma, tDash:
			return unexpected(&toks[i])
		}
	}
	return nil
}

// unbracket removes one pair of brackets around a value that carries its own
// sign: （-3）, (-3)万元, (-3万元). A bracketed value without a sign is an
// accounting negative to some and a note to others: rejected.
func unbracket(toks []token) ([]token, error) {
	open, closing := -1, -1
	for i := range toks {
		switch toks[i].kind {
		case tLParen:
			if open >= 0 {
				return nil, fmt.Errorf("%w: brackets twice", ErrSyntax)
			}
			open = i
		case tRParen:
			if open < 0 || closing >= 0 {
				return nil, fmt.Errorf("%w: unbalanced bracket", ErrSyntax)
			}
			closing = i
		}
	}
	if open < 0 {
		return toks, nil
	}
	if closing < 0 {
		return nil, fmt.Errorf("%w: unbalanced bracket", ErrSyntax)
	}
	if k := toks[max(open-1, 0)].kind; open > 0 && closing == len(toks)-1 && unitOnly(toks[open+1:closing]) &&
		(isNumber(k) || k == tMult || k == tSect) {
		// 3.5（万元）, 12(件): the unit printed in brackets after the number
		return append(toks[:open], toks[open+1:closing]...), nil
	}
	if open+1 >= len(toks) || toks[open+1].kind != tSign {
		return nil, fmt.Errorf("%w: bracketed value without its own sign", ErrSyntax)
	}
	for i := 0; i < open; i++ {
		if k := toks[i].kind; k != tApproxPre && k != tMark {
			return nil, fmt.Errorf("%w: misplaced bracket", ErrSyntax)
		}
	}
	out := toks[:open]
	out = append(out, toks[open+1:closing]...)
	out = append(out, toks[closing+1:]...)
	return out, nil
}

// unitOnly reports tokens that are a unit and nothing else: 万元, 元, 件.
func unitOnly(toks []token) bool {
	if len(toks) == 0 || len(toks) > 3 {
		return false
	}
	for i := range toks {
		switch toks[i].kind {
		case tMult, tSect, tYuan, tCountWord:
		default:
			return false
		}
	}
	return true
}

// numParser reads a number written with digits, Chinese numerals or both.
// Sections end with 万 or 亿 and must decrease (亿 before 万; 万亿 is one
// multiplier); within a section 千 百 十 decrease. A digit whose place is not
// stated (三万五, 一百五, 3万5) is rejected as an abbreviation unless 零 marks
// the gap (一千零五) or it follows 十 (二十五); a bare Arabic number after a
// multiplier must fill the places below it (3万5000, 3千500万).
type numParser struct {
	total   apd.Decimal // committed sections but the last
	lastSec apd.Decimal // last committed section, without its multiplier
	section apd.Decimal // current section so far
	cur     apd.Decimal // pending digit or literal
	tmp     apd.Decimal

	haveLastSec bool
	lastSecExp  int // multiplier of lastSec; 99 before any
	prevSecExp  int // multiplier of the section before lastSec
	haveCur     bool
	curArabic   bool
	curDigits   int // printed integer digits of an Arabic cur
	sectionHas  bool
	lastM       int  // last 十/百/千 exponent in the section; 4 when none
	topPlace    int  // place of the first element of the section; -1 unset
	zeroLead    bool // the section starts after 零
	afterZero   bool
	prev        tokKind
	atoms       int
	firstArabic bool
	sections    int
	endedOnSect bool
	unitMult    bool // a multiplier acts as a unit (any 万/亿, or 千 after Arabic digits)
	hasFrac     bool // a decimal fraction was printed ('.' or 点)
	fracDone    bool // 点 and its digits were read: only 万 or 亿 may follow
	mults       [8]int8
	nmults      int
}

func (p *numParser) add(dst, x *apd.Decimal, exp int) error {
	p.tmp.Set(x)
	if !p.tmp.IsZero() {
		p.tmp.Exponent += int32(exp)
	}
	if _, err := exact.Add(dst, dst, &p.tmp); err != nil {
		return fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	return nil
}

func (p *numParser) noteMult(exp int) {
	if p.nmults < len(p.mults) {
		p.mults[p.nmults] = int8(exp)
		p.nmults++
	}
}

// point reads 点 at toks[i] and the Chinese digits after it (三百二十点五,
// 零点零五), adds the fraction to the section and returns how many digits it
// read. The fraction ends the digits of the number; only 万 or 亿 may
// follow (三百二十点五万 is 320.5万). 点 after Arabic digits (1点5), after
// 万 or 亿 (三万点五, which could mean 3.5万 or 30000.5), after a place
// holder 零, or with no digit after it is not a clear form.
func (p *numParser) point(toks []token, i int) (int, error) {
	switch {
	case p.fracDone:
		return 0, fmt.Errorf("%w: two decimal points", ErrSyntax)
	case p.haveCur && p.curArabic:
		return 0, fmt.Errorf("%w: 点 after Arabic digits", ErrSyntax)
	case p.prev == tSect:
		return 0, fmt.Errorf("%w: 点 right after 万 or 亿", ErrSyntax)
	case p.prev == tZero && p.afterZero:
		return 0, fmt.Errorf("%w: 点 after a place-holding 零", ErrSyntax)
	case !p.haveCur && !p.sectionHas:
		return 0, fmt.Errorf("%w: 点 with no number before it", ErrSyntax)
	}
	if err := p.checkBare(); err != nil {
		return 0, err
	}
	var coeff int64
	n := 0
	for j := i + 1; j < len(toks) && n < 18; j++ {
		switch toks[j].kind {
		case tCN:
			coeff = coeff*10 + int64(toks[j].digit)
		case tZero:
			coeff *= 10
		default:
			goto done
		}
		n++
	}
done:
	if n == 0 {
		return 0, fmt.Errorf("%w: no digit after 点", ErrSyntax)
	}
	if !p.sectionHas {
		p.topPlace = 0
	}
	if p.haveCur {
		if err := p.add(&p.section, &p.cur, 0); err != nil {
			return 0, err
		}
	}
	p.tmp.SetFinite(coeff, -int32(n))
	if _, err := exact.Add(&p.section, &p.section, &p.tmp); err != nil {
		return 0, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	p.haveCur, p.sectionHas, p.afterZero = false, true, false
	p.hasFrac, p.fracDone = true, true
	return n, nil
}

// digit returns the number when it is a single digit with no multiplier,
// fraction or section (the 5 of 5角), as printed: 05 is not one digit.
func (p *numParser) digit(v *apd.Decimal) (int64, bool) {
	if p.atoms != 1 || p.nmults != 0 || p.hasFrac || p.curDigits != 1 {
		return 0, false
	}
	d, err := v.Int64()
	if err != nil || d < 0 || d > 9 {
		return 0, false
	}
	return d, true
}

// checkBare applies the abbreviation rule to a cur that no multiplier follows.
func (p *numParser) checkBare() error {
	if !p.haveCur || p.afterZero {
		return nil
	}
	if p.sectionHas {
		if p.curArabic && p.curDigits == p.lastM || !p.curArabic && p.lastM == 1 {
			return nil
		}
		return fmt.Errorf("%w: abbreviated numeral, the place of the last digits is not stated", ErrSyntax)
	}
	return nil
}

func (p *numParser) parse(toks []token, i int, out *apd.Decimal) (int, error) {
	p.lastSecExp, p.prevSecExp, p.lastM, p.topPlace = 99, 99, 4, -1
	start := i
	for ; i < len(toks); i++ {
		t := &toks[i]
		switch t.kind {
		case tArabic, tCN:
			if p.fracDone {
				return i, fmt.Errorf("%w: digits after the fraction", ErrSyntax)
			}
			if p.haveCur {
				switch {
				case t.kind == tCN && p.prev == tCN:
					return i, fmt.Errorf("%w: adjacent numerals", ErrVague)
				case t.space && p.prev == tArabic && t.kind == tArabic:
					return i, fmt.Errorf("%w: space inside a number", ErrSyntax)
				}
				return i, fmt.Errorf("%w: two numbers side by side", ErrSyntax)
			}
			if t.kind == tArabic {
				if t.big != "" {
					if _, _, err := p.cur.SetString(t.big); err != nil {
						return i, fmt.Errorf("%w: %v", ErrSyntax, err)
					}
					p.cur.Exponent += t.fracExp
				} else {
					p.cur.SetFinite(int64(t.coeff), t.fracExp)
				}
				p.curArabic, p.curDigits = true, int(t.intDigits)
				p.hasFrac = p.hasFrac || t.fracExp < 0
			} else {
				p.cur.SetFinite(int64(t.digit), 0)
				p.curArabic, p.curDigits = false, 1
			}
			if p.atoms == 0 {
				p.firstArabic = t.kind == tArabic
			}
			if !p.sectionHas {
				p.zeroLead = p.afterZero
			}
			p.haveCur = true
			p.atoms++
		case tZero:
			if p.fracDone {
				return i, fmt.Errorf("%w: digits after the fraction", ErrSyntax)
			}
			switch p.prev {
			case tNone:
				p.cur.SetFinite(0, 0)
				p.haveCur, p.curArabic, p.curDigits = true, false, 1
				p.atoms++
			case tMult, tSect:
				p.afterZero = true
			default:
				return i, fmt.Errorf("%w: 零 after a digit", ErrSyntax)
			}
		case tPoint:
			n, err := p.point(toks, i)
			if err != nil {
				return i, err
			}
			i += n
		case tMult:
			if p.fracDone {
				return i, fmt.Errorf("%w: 十, 百 or 千 after the fraction", ErrSyntax)
			}
			k := int(t.exp)
			if !p.haveCur {
				switch {
				case k == 1 && !p.sectionHas && p.prev != tMult:
					p.cur.SetFinite(1, 0) // 十五, 十万: the 1 is not written
					p.haveCur, p.curArabic, p.curDigits = true, false, 1
					if !p.sectionHas {
						p.zeroLead = p.afterZero
					}
					p.atoms++
				case p.prev == tMult || p.prev == tSect || nextIsMult(toks, i):
					return i, fmt.Errorf("%w: multiplier repeated", ErrUnit)
				default:
					return i, fmt.Errorf("%w: multiplier without a number", ErrSyntax)
				}
			}
			if k >= p.lastM {
				return i, fmt.Errorf("%w: multipliers out of order", ErrUnit)
			}
			if p.curArabic {
				p.unitMult = true
			}
			if !p.sectionHas {
				p.topPlace = k
			}
			if err := p.add(&p.section, &p.cur, k); err != nil {
				return i, err
			}
			p.haveCur, p.sectionHas, p.lastM, p.afterZero = false, true, k, false
			p.noteMult(k)
		case tSect:
			k := int(t.exp)
			p.unitMult = true
			if !p.haveCur && !p.sectionHas {
				switch {
				case p.prev == tSect && p.lastSecExp == 4 && k == 8 && p.prevSecExp > 12:
					p.lastSecExp = 12 // 万亿
					p.noteMult(k)
					p.prev = tSect
					continue
				case p.prev == tSect || p.prev == tMult || nextIsMult(toks, i):
					return i, fmt.Errorf("%w: multiplier repeated", ErrUnit)
				default:
					return i, fmt.Errorf("%w: multiplier without a number", ErrSyntax)
				}
			}
			// 一万零一亿, 1万2千亿: 亿 after a first 万 section multiplies it too.
			wanYi := k == 8 && p.lastSecExp == 4 && p.prevSecExp > 12
			if k >= p.lastSecExp && !wanYi {
				return i, fmt.Errorf("%w: multipliers out of order", ErrUnit)
			}
			if err := p.checkBare(); err != nil {
				return i, err
			}
			if p.haveCur {
				if err := p.add(&p.section, &p.cur, 0); err != nil {
					return i, err
				}
			}
			if wanYi {
				p.lastSecExp = 12
			}
			if p.haveLastSec {
				if err := p.add(&p.total, &p.lastSec, p.lastSecExp); err != nil {
					return i, err
				}
			}
			p.lastSec.Set(&p.section)
			p.section.SetFinite(0, 0)
			p.haveLastSec = true
			p.prevSecExp, p.lastSecExp = p.lastSecExp, k
			p.sections++
			p.haveCur, p.sectionHas, p.lastM, p.afterZero, p.topPlace = false, false, 4, false, -1
			p.noteMult(k)
		default:
			goto end
		}
		p.prev = t.kind
	}
end:
	if i == start || p.atoms == 0 {
		return i, fmt.Errorf("%w: no number", ErrSyntax)
	}
	if p.prev == tZero && p.afterZero {
		return i, fmt.Errorf("%w: number ends with 零", ErrSyntax)
	}
	if err := p.checkBare(); err != nil {
		return i, err
	}
	// A last section without 万 or 亿 after one with: it must start at the
	// place right below (三万五千, 3万5000) unless 零 marks a gap.
	if p.haveLastSec && (p.haveCur || p.sectionHas) && !p.zeroLead {
		top := p.topPlace
		if !p.sectionHas {
			top = 0
			if p.curArabic {
				top = p.curDigits - 1
			}
		}
		if top != p.lastSecExp-1 {
			return i, fmt.Errorf("%w: abbreviated numeral, the place of the last digits is not stated", ErrSyntax)
		}
	}
	p.endedOnSect = p.haveLastSec && !p.haveCur && !p.sectionHas
	if p.haveCur {
		if err := p.add(&p.section, &p.cur, 0); err != nil {
			return i, err
		}
	}
	out.SetFinite(0, 0)
	if err := p.add(out, &p.total, 0); err != nil {
		return i, err
	}
	if p.haveLastSec {
		if err := p.add(out, &p.lastSec, p.lastSecExp); err != nil {
			return i, err
		}
	}
	if err := p.add(out, &p.section, 0); err != nil {
		return i, err
	}
	return i, nil
}

var multName = map[int8]string{1: "十", 2: "百", 3: "千", 4: "万", 8: "亿"}

// unitName is the canonical money unit the cell states: the multipliers
// after a single Arabic number (3百万元 → 百万元), the 万/亿 closing a single
// section (三十万元 → 万元), or 元 when the cell spells the value out.
func (p *numParser) unitName() string {
	switch {
	case p.atoms == 1 && p.firstArabic && p.nmults > 0:
		s := ""
		for _, m := range p.mults[:p.nmults] {
			s += multName[m]
		}
		return s + "元"
	case p.sections == 1 && p.endedOnSect:
		switch p.lastSecExp {
		case 4:
			return "万元"
		case 8:
			return "亿元"
		case 12:
			return "万亿元"
		}
	}
	return "元"
}
