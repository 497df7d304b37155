package transform

import (
	"strings"
	"unicode/utf8"
)

// The summary's sentences saying none were received (未收到…申请) and no
// case was brought (未发生…行政复议, 没有…行政诉讼). Each is a word of a
// list, then a few characters of the same clause, then the word counted;
// they were regexps (reNoRequest, reNoReview, reNoSuit in the tests),
// whose backtracking tried every position of every sentence naming a
// review or a lawsuit.
var (
	noRequestLeads = []string{"未收到", "未接到", "未受理", "没有收到", "没有接到", "没有受理"}
	noCaseLeads    = []string{"未发生", "没有发生", "未收到", "未有", "没有", "无"}
)

// noRequest is `(?:未|没有)(?:收到|接到|受理)[^。，,；;]{0,16}?申请` matching s.
func noRequest(s string) bool { return leadThenWord(s, noRequestLeads, 16, "申请") }

// noReview is `(?:未发生|没有发生|未收到|未有|没有|无)[^。，,；;]{0,24}?行政复议` matching s.
func noReview(s string) bool { return leadThenWord(s, noCaseLeads, 24, "行政复议") }

// noSuit is `(?:未发生|没有发生|未收到|未有|没有|无)[^。，,；;]{0,30}?行政诉讼` matching s.
func noSuit(s string) bool { return leadThenWord(s, noCaseLeads, 30, "行政诉讼") }

// leadThenWord reports whether s holds one of leads, then at most n
// characters none of which ends a clause (。，,；;), then word: the
// regexp `(?:leads)[^。，,；;]{0,n}?word`, characters counted as the
// regexp counts them (a byte that is not UTF-8 is one, U+FFFD).
//
// A lead is valid UTF-8 starting with a lead byte, so each place
// strings.Index finds it starts a character where decoding s from its
// start would, and the characters after it are decoded from there.
func leadThenWord(s string, leads []string, n int, word string) bool {
	if !hanContains(s, word) {
		return false
	}
	for _, lead := range leads {
		for from := 0; ; {
			i := hanIndex(s[from:], lead)
			if i < 0 {
				break
			}
			at := from + i + len(lead)
			for k := 0; ; k++ {
				if strings.HasPrefix(s[at:], word) {
					return true
				}
				if k == n || at == len(s) {
					break
				}
				r, size := utf8.DecodeRuneInString(s[at:])
				if r == '。' || r == '，' || r == ',' || r == '；' || r == ';' {
					break
				}
				at += size
			}
			from += i + 1
		}
	}
	return false
}
