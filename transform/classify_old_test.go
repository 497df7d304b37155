package transform

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/transform/normalize"
)

// classifyCut is classify as it was before it compared the prefix 人民币
// and the suffix 、 itself, through strings.CutPrefix and HasSuffix.
func classifyCut(c string) tokKind {
	if c == "" {
		return tokEmpty
	}
	if len(c) < 8 && allDigits8(short8(c)) {
		// A number of up to seven digits, most values ("0"): decided
		// in one test, before the tests below, each of which would
		// branch one way for it and the other for a label.
		return tokValue
	}
	if isNAMarker(c) {
		return tokValue
	}
	if wrapped(c) {
		// A value in Markdown emphasis or quotation marks (**48**,
		// **/**, “18561”) is a cell, which the normalizer reads inside
		// them; a label's rest, it would have left the row blank.
		if e, ok := normalize.Unwrap(c); ok && (isNAMarker(e) || hasDigit(e) && classifyCut(e) == tokValue) {
			return tokValue
		}
		// A star on one side only (332*, a mark or emphasis half
		// lost): a cell still, which the normalizer rejects.
		if e := strings.Trim(c, "*_"); e != c && e != "" && hasDigit(e) && classifyCut(e) == tokValue {
			return tokValue
		}
	}
	if rest, ok := strings.CutPrefix(c, "人民币"); ok {
		// 人民币12.5万元: the currency named before an amount, which the
		// normalizer reads (as ￥ or RMB, which are value runes).
		if rest = trimSpace(rest); rest != "" && classifyCut(rest) == tokValue {
			return tokValue
		}
	}
	if !hasDigit(c) {
		if c == "零" || c == "〇" {
			// Zero written as a numeral: a cell, which the normalizer
			// reads as 0; skipped, it would leave its row a cell short.
			return tokValue
		}
		if isNAWord(c) || c == "|" || c == "｜" || markerLead[c[0]] && markerWithUnit(c) {
			// (a '|' alone is a cell only in a grid's row, where it
			// is no separator: see gridFields)
			return tokValue // the normalizer rejects it, in its column
		}
		// Chinese numerals alone are list numbers and vertical labels
		// (三/、/本/年 …); tables print them only in money (壹佰万元整).
		if !hasMoneyUnit(c) || !strings.ContainsAny(c, numeralRunes) {
			return tokText
		}
	}
	for i := 0; i < len(c); {
		if b := c[i]; b < utf8.RuneSelf {
			if !asciiValue[b] && !(b == '\'' && groupMark(c, i, 1)) {
				if malformedNumber(c) || footnoted(c) {
					return tokValue // the normalizer rejects it, in its column
				}
				return tokText
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(c[i:])
		if !isValueRune(r) && !(r == '’' && groupMark(c, i, size)) {
			if footnoted(c) {
				return tokValue // the normalizer rejects it, in its column
			}
			return tokText
		}
		i += size
	}
	// "1." or "3、" alone are list numbers of a split label, not values.
	if strings.HasSuffix(c, "、") {
		return tokText
	}
	return tokValue
}
