package normalize

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tNone       tokKind = iota
	tArabic             // a digit run with optional separators and decimal point
	tCN                 // a Chinese digit 1–9 (一 壹 两 …)
	tZero               // 零 or 〇: a value at the start, a place holder after a multiplier
	tMult               // 十 百 千 (and financial forms)
	tSect               // 万 亿 (and 萬 億)
	tYuan               // 元 圆
	tZheng              // 整 or 正, only after 元, 角 or 分
	tJiao               // 角: the tenth of a yuan
	tFen                // 分: the hundredth of a yuan
	tPoint              // 点: the decimal point of a Chinese numeral
	tCountWord          // 件 条 个 项 人次 …
	tMark               // ¥ ￥ RMB CNY 人民币
	tSign               // + - − － 负
	tDash               // — – ~ 至 到 或: only ever between two numbers
	tLParen             // ( （
	tRParen             // ) ）
	tApproxPre          // 约 近 大约 接近 将近
	tApproxPost         // 左右 上下
	tBound              // 以上 以下 不足 超过 …
	tVague              // 余 多 几 数 若干 …
	tPercent            // % ％ ‰ 百分之
	tForeign            // $ 美元 USD …
	tComma              // a separator that does not group digits
	tLetters            // letters that mean nothing here
	tOther              // any other character
)

// token is one lexical unit of a cell. Literal values are kept as a
// coefficient and an exponent so that reading them needs no allocation
// when they have at most 18 significant digits.
type token struct {
	kind      tokKind
	space     bool   // visible whitespace before the token
	neg       bool   // tSign: minus
	exp       int8   // tMult, tSect: power of ten
	digit     int8   // tCN: value
	intDigits int16  // tArabic: digits printed before the decimal point
	fracExp   int32  // tArabic: minus the number of fractional digits
	coeff     uint64 // tArabic: coefficient when big == ""
	big       string // tArabic: all digits, when more than 18 are significant
	text      string // canonical text of units and words; the printed text for tOther
}

// maxTokens fits the longest exact form: sixteen financial digits with their
// places and sections, a sign, 元, 角, 分 and 整.
const maxTokens = 48

type lexer struct {
	toks [maxTokens]token
	n    int
}

// invisible reports characters that conversion leaves behind and readers
// do not see; they are dropped wherever they are, even inside a number.
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f':
		return true
	}
	return false
}

// fold maps full-width ASCII and the other minus and plus signs to ASCII.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == '\u2212' || r == '\ufe63' || r == '\u2010' || r == '\u2011':
		return '-'
	case r == '\ufe62':
		return '+'
	case r == '\uffe5':
		return '¥'
	}
	return r
}

// words are matched before single characters, longest first where one is
// a prefix of another.
var words = []struct {
	w string
	t token
}{
	{"百分之", token{kind: tPercent}},
	{"千分之", token{kind: tPercent}},
	{"万分之", token{kind: tPercent}},
	{"人民币", token{kind: tMark, text: "人民币"}},
	{"新台币", token{kind: tForeign}},
	{"不少于", token{kind: tBound}},
	{"不多于", token{kind: tBound}},
	{"不超过", token{kind: tBound}},
	{"不低于", token{kind: tBound}},
	{"不高于", token{kind: tBound}},
	{"不大于", token{kind: tBound}},
	{"不小于", token{kind: tBound}},
	{"人次", token{kind: tCountWord, text: "人次"}},
	{"件次", token{kind: tCountWord, text: "件次"}},
	{"批次", token{kind: tCountWord, text: "批次"}},
	{"场次", token{kind: tCountWord, text: "场次"}},
	{"户次", token{kind: tCountWord, text: "户次"}},
	// 本年增/减 printed in words: 增加3, 减少2.
	{"增加", token{kind: tSign}},
	{"减少", token{kind: tSign, neg: true}},
	{"大约", token{kind: tApproxPre}},
	{"约合", token{kind: tApproxPre}},
	{"大概", token{kind: tApproxPre}},
	{"接近", token{kind: tApproxPre}},
	{"将近", token{kind: tApproxPre}},
	{"左右", token{kind: tApproxPost}},
	{"上下", token{kind: tApproxPost}},
	{"若干", token{kind: tVague}},
	{"上百", token{kind: tVague}},
	{"上千", token{kind: tVague}},
	{"上万", token{kind: tVague}},
	{"上亿", token{kind: tVague}},
	{"成百", token{kind: tVague}},
	{"成千", token{kind: tVague}},
	{"不足", token{kind: tBound}},
	{"不到", token{kind: tBound}},
	{"超过", token{kind: tBound}},
	{"以上", token{kind: tBound}},
	{"以下", token{kind: tBound}},
	{"以内", token{kind: tBound}},
	{"至少", token{kind: tBound}},
	{"至多", token{kind: tBound}},
	{"最多", token{kind: tBound}},
	{"最少", token{kind: tBound}},
	{"多于", token{kind: tBound}},
	{"少于", token{kind: tBound}},
	{"高于", token{kind: tBound}},
	{"低于", token{kind: tBound}},
	{"大于", token{kind: tBound}},
	{"小于", token{kind: tBound}},
	{"美元", token{kind: tForeign}},
	{"美金", token{kind: tForeign}},
	{"欧元", token{kind: tForeign}},
	{"日元", token{kind: tForeign}},
	{"港元", token{kind: tForeign}},
	{"港币", token{kind: tForeign}},
	{"英镑", token{kind: tForeign}},
	{"澳元", token{kind: tForeign}},
	{"加元", token{kind: tForeign}},
	{"韩元", token{kind: tForeign}},
	{"台币", token{kind: tForeign}},
	{"卢布", token{kind: tForeign}},
	{"卢比", token{kind: tForeign}},
	{"法郎", token{kind: tForeign}},
	{"澳门元", token{kind: tForeign}},
}

// wordsByRune indexes words by their first character.
var wordsByRune = func() map[rune][]int {
	m := make(map[rune][]int)
	for k, w := range words {
		r, _ := utf8.DecodeRuneInString(w.w)
		m[r] = append(m[r], k)
	}
	return m
}()

// rune1 classifies one folded character.
func rune1(r rune) token {
	switch r {
	case '零', '〇':
		return token{kind: tZero}
	case '一', '壹', '弌':
		return token{kind: tCN, digit: 1}
	case '二', '贰', '貳', '两', '兩', '弍':
		return token{kind: tCN, digit: 2}
	case '三', '叁', '參', '叄', '弎':
		return token{kind: tCN, digit: 3}
	case '四', '肆':
		return token{kind: tCN, digit: 4}
	case '五', '伍':
		return token{kind: tCN, digit: 5}
	case '六', '陆', '陸':
		return token{kind: tCN, digit: 6}
	case '七', '柒':
		return token{kind: tCN, digit: 7}
	case '八', '捌':
		return token{kind: tCN, digit: 8}
	case '九', '玖':
		return token{kind: tCN, digit: 9}
	case '十', '拾':
		return token{kind: tMult, exp: 1}
	case '百', '佰':
		return token{kind: tMult, exp: 2}
	case '千', '仟':
		return token{kind: tMult, exp: 3}
	case '万', '萬':
		return token{kind: tSect, exp: 4}
	case '亿', '億':
		return token{kind: tSect, exp: 8}
	case '元', '圆', '圓':
		return token{kind: tYuan}
	case '整', '正':
		return token{kind: tZheng}
	case '角':
		return token{kind: tJiao}
	case '分':
		return token{kind: tFen}
	case '点', '點':
		return token{kind: tPoint}
	case '件', '条', '條', '个', '個', '项', '項', '次', '人', '家', '份', '篇', '起', '宗', '户', '戶', '名', '位', '批', '场', '場', '例', '处', '處':
		return token{kind: tCountWord, text: string(r)}
	case '¥':
		return token{kind: tMark, text: "¥"}
	case '+', '-', '负', '負', '增', '减', '減':
		return token{kind: tSign, neg: r != '+' && r != '增'}
	case '—', '–', '―', '‒', '~', '〜', '至', '到', '或':
		return token{kind: tDash}
	case '(':
		return token{kind: tLParen}
	case ')':
		return token{kind: tRParen}
	case '约', '約', '近':
		return token{kind: tApproxPre}
	case '余', '餘', '多', '几', '幾', '数', '數', '来', '來', '许', '許':
		return token{kind: tVague}
	case '逾', '超', '≥', '≤', '>', '<', '≈':
		if r == '≈' {
			return token{kind: tApproxPre}
		}
		return token{kind: tBound}
	case '%', '‰', '‱':
		return token{kind: tPercent}
	case '$', '€', '£', '₩', '₽', '₹', '₣', '₤':
		return token{kind: tForeign}
	case ',', '、':
		return token{kind: tComma}
	}
	return token{kind: tOther, text: string(r)}
}

// letterWord classifies a run of ASCII letters (a trailing '$' included).
func letterWord(w string) token {
	switch strings.ToUpper(w) {
	case "RMB", "CNY":
		return token{kind: tMark, text: strings.ToUpper(w)}
	case "USD", "US$", "EUR", "JPY", "HKD", "HK$", "GBP", "AUD", "A$", "CAD", "C$", "KRW", "TWD", "NT$",
		"RUB", "CHF", "SGD", "S$", "MOP", "MOP$", "INR", "NZD":
		return token{kind: tForeign}
	}
	return token{kind: tLetters, text: w}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// next returns the next visible folded rune at or after i and its end.
func next(s string, i int) (rune, int) {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !invisible(r) {
			return fold(r), i + size
		}
		i += size
	}
	return -1, i
}

func (lx *lexer) lex(s string) error {
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Errorf("%w: invalid UTF-8", ErrSyntax)
		}
		if invisible(r) {
			i += size
			continue
		}
		if unicode.IsSpace(r) {
			space = true
			i += size
			continue
		}
		if lx.n == maxTokens {
			return fmt.Errorf("%w: too many parts", ErrSyntax)
		}
		t := &lx.toks[lx.n]
		lx.n++
		f := fold(r)
		switch {
		case isDigit(f):
			end, err := literal(s, i, t)
			if err != nil {
				return err
			}
			i = end
		case isLetter(f):
			var b [8]byte
			w := b[:0]
			j := i
			for {
				c, e := next(s, j)
				if isLetter(c) || c == '$' && len(w) > 0 {
					if len(w) < len(b) {
						w = append(w, byte(c))
					} else {
						w = append(w, '?') // too long to be a known word
					}
					j = e
					if c == '$' {
						break
					}
					continue
				}
				break
			}
			*t = letterWord(string(w))
			i = j
		default:
			matched := false
			for _, k := range wordsByRune[r] {
				if w := &words[k]; strings.HasPrefix(s[i:], w.w) {
					*t = w.t
					i += len(w.w)
					matched = true
					break
				}
			}
			if !matched {
				*t = rune1(f)
				i += size
			}
		}
		t.space = space
		space = false
	}
	return nil
}

// literal reads the digit run starting at s[i] into t and returns where it
// ends. Separators are part of the run only when a digit follows them, so
// that a trailing '，' is reported on its own.
func literal(s string, i int, t *token) (int, error) {
	var buf [64]byte
	txt := buf[:0]
	j := i
	for {
		c, e := next(s, j)
		switch {
		case isDigit(c), c == '.':
		case c == ',':
			if d, _ := next(s, e); !isDigit(d) {
				goto done
			}
		case c == '\'' || c == '’':
			// 1'234, 1’234: some print thousands so, others a decimal
			// point (1'5); which one is not told by the cell.
			if d, _ := next(s, e); isDigit(d) {
				return 0, fmt.Errorf("%w: apostrophe between digits in %q, a thousands separator to some and a decimal point to others", ErrGrouping, s[i:])
			}
			goto done
		default:
			goto done
		}
		txt = append(txt, byte(c))
		j = e
	}
done:
	*t = token{kind: tArabic}
	dot := -1
	for k, c := range txt {
		if c == '.' {
			if dot >= 0 {
				return 0, fmt.Errorf("%w: more than one decimal point in %q", ErrSyntax, txt)
			}
			dot = k
		}
	}
	intPart, frac := txt, txt[:0]
	if dot >= 0 {
		intPart, frac = txt[:dot], txt[dot+1:]
		if len(frac) == 0 {
			return 0, fmt.Errorf("%w: no digit after the decimal point in %q", ErrSyntax, txt)
		}
	}
	if bytes.IndexByte(frac, ',') >= 0 {
		return 0, fmt.Errorf("%w: separator after the decimal point in %q", ErrGrouping, txt)
	}
	if err := checkGroups(intPart); err != nil {
		return 0, err
	}
	var db [64]byte
	digits := db[:0]
	for _, c := range txt {
		if isDigit(rune(c)) {
			if len(digits) == 0 && c == '0' {
				continue
			}
			digits = append(digits, c)
		}
	}
	n := 0
	for _, c := range intPart {
		if c != ',' {
			n++
		}
	}
	if n > 1<<14 {
		n = 1 << 14
	}
	t.intDigits = int16(n)
	t.fracExp = -int32(len(frac))
	if len(digits) > 18 {
		t.big = string(digits)
	} else {
		for _, c := range digits {
			t.coeff = t.coeff*10 + uint64(c-'0')
		}
	}
	return j, nil
}

// checkGroups accepts an integer part with no separators, or one whose
// separators split it into a first group of one to three digits followed
// by groups of exactly three.
func checkGroups(p []byte) error {
	if bytes.IndexByte(p, ',') < 0 {
		return nil
	}
	group, first := 0, true
	for _, c := range p {
		if c != ',' {
			group++
			continue
		}
		if first && (group < 1 || group > 3) || !first && group != 3 {
			return fmt.Errorf("%w: %q", ErrGrouping, p)
		}
		group, first = 0, false
	}
	if group != 3 {
		return fmt.Errorf("%w: %q", ErrGrouping, p)
	}
	return nil
}
