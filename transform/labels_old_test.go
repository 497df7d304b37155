package transform

import (
	"math/bits"
	"strings"
)

// The label matchers as they were before they looked words up in a
// keyIndex, kept to prove the new ones give the same label on every cell
// (TestLabelsSameAsContains, FuzzLabels).

// oldMatchS3 is matchS3 as it was before keyIndex: it classifies a compact cell of section 三: an outcome code, a group
// heading, a header word, or nothing. inOther says whether the previous
// group heading was （六）其他处理, where "3.其他" is the row other.other.
func oldMatchS3(c string, inOther bool) label {
	if strings.Contains(c, "勾稽关系") {
		return headerLabel
	}
	if isNote(c) {
		return noLabel
	}
	body := oldStripNumbering(c)
	for _, k := range s3Keys {
		if strings.Contains(c, k.key) {
			if k.code == "other.no_correction" && strings.Contains(c, "缴纳") {
				return rowLabel("other.no_fee")
			}
			return rowLabel(k.code)
		}
	}
	if strings.Contains(c, sharedTail) {
		switch {
		case strings.HasPrefix(c, "1.") || strings.HasPrefix(c, "1、"):
			return rowLabel("other.no_correction")
		case strings.HasPrefix(c, "2.") || strings.HasPrefix(c, "2、"):
			return rowLabel("other.no_fee")
		}
		return noLabel
	}
	switch {
	case strings.Contains(c, "其他处理"):
		return rowLabel("other")
	case body == "总计" || body == "合计":
		if body != c { // （七）总计
			return rowLabel("total")
		}
		return label{kind: lblTotalOrHeader, code: "total"}
	case inOther && body == "其他" && body != c:
		return rowLabel("other.other")
	case inOther && body == "其他":
		return label{kind: lblOtherOrHeader, code: "other.other"}
	}
	if s3HeaderWords[body] || s3HeaderWords[c] {
		return headerLabel
	}
	for _, g := range groupKeys {
		if strings.Contains(c, g) {
			return groupLabel
		}
	}
	return noLabel
}

// oldMatchS2 is matchS2 before keyIndex: it classifies a compact cell of section 二.
func oldMatchS2(c string) label {
	// reClauseRef begins with 第二十条: only a cell that does is worth
	// running it on.
	if strings.HasPrefix(c, "第二十条") {
		if loc := reClauseRef.FindStringIndex(c); loc != nil && loc[1] < len(c) {
			// A row label after its clause reference is the row's; the
			// reference alone, or with a header word, is a header line.
			if m := oldMatchS2(c[loc[1]:]); m.kind == lblRow {
				return m
			}
		}
	}
	for _, h := range s2HeaderKeys {
		if strings.Contains(c, h) {
			return headerLabel
		}
	}
	body := oldStripNumbering(c)
	// Row labels are short; a narrative sentence mentioning 行政许可 is not one.
	if hanCount(body) > 40 {
		return noLabel
	}
	for _, k := range s2Keys {
		if strings.HasPrefix(body, k.key) || (strings.Contains(body, k.key) && hanCount(body) <= len([]rune(k.key))+12) {
			return rowLabel(k.code)
		}
	}
	// 收费 alone (or 收费项目) stands for 行政事业性收费; only at the
	// start of a short label, where no other row's words are.
	if strings.HasPrefix(body, "收费") && hanCount(body) <= 6 {
		return rowLabel("fees")
	}
	return noLabel
}

// oldStripNumbering is stripNumbering without its shortcut: it removes a leading list numeral: 一、 （一） (一) 1. 1、 1．
func oldStripNumbering(c string) string {
	for {
		old := c
		if strings.HasPrefix(c, "(") {
			if i := strings.Index(c, ")"); i > 0 && i <= 10 && isNumeral(c[1:i]) {
				c = c[i+1:]
			}
		}
		if i := strings.IndexAny(c, "、.．"); i > 0 && i <= 6 && isNumeral(c[:i]) {
			_, sz := firstRune(c[i:])
			c = c[i+sz:]
		}
		if c == old {
			return c
		}
	}
}

func oldIsS4Header(c string) bool {
	if s4OutcomeOf(c) >= 0 {
		return true
	}
	for _, w := range s4HeaderWords {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

// oldCountGroups is countGroups before keyGroups: it counts the groups of words of which s holds at least one.
func oldCountGroups(s string, groups [][]string) int {
	n := 0
	for _, g := range groups {
		if containsAny(s, g...) {
			n++
		}
	}
	return n
}

// oldS2ColumnKey is s2ColumnKey before keyGroups: it returns the index in s2ColumnKeys of the column a header
// cell names, or -1.
func oldS2ColumnKey(c string) int {
	k := -1
	for i, keys := range s2ColumnKeys {
		if containsAny(c, keys...) {
			if k >= 0 {
				return -1 // names two columns: a merged or broken header
			}
			k = i
		}
	}
	return k
}

// containsOld is keyIndex.contains before it stepped over a character's
// continuation bytes after hashing its lead byte.
func (x *oldKeyIndex) containsOld(s string) uint64 {
	var found uint64
	for i := 0; i+x.min <= len(s); i++ {
		if s[i]&0xc0 == 0x80 {
			continue // no word starts with a continuation byte
		}
		for m := x.buckets[oldKeyHash(s[i], s[i+1], s[i+2])] &^ found; m != 0; m &= m - 1 {
			k := bits.TrailingZeros64(m)
			if strings.HasPrefix(s[i:], x.keys[k]) {
				found |= 1 << k
			}
		}
	}
	return found
}

// isNoteOld is isNote before it told its words apart by their first
// character.
func isNoteOld(c string) bool {
	for _, p := range []string{"注：", "注:", "说明：", "说明:", "备注", "附注"} {
		if strings.HasPrefix(c, p) {
			return true
		}
	}
	return false
}
