package transform

import (
	"strings"
	"unicode/utf8"
)

// The numbers the summary says in words: requests received (收到…申请
// 12件), new requests (新收12件), reviews and lawsuits (行政复议1件). Each
// was a regexp (reReceived, reNewN, reReviewN, reSuitN in the tests)
// whose backtracking tried every position of every sentence holding the
// word; they read the same matches in one pass from each place the word
// starts. A word is valid UTF-8 starting with a lead byte, so a place
// strings.Index finds it starts a character where decoding the text from
// its start would, and the characters after it are decoded from there,
// a byte that is not UTF-8 counting as one, as the regexps count it.

// Units of the counts: of requests, and of reviews and lawsuits.
const (
	requestUnits = "件条个宗"
	caseUnits    = "件起宗"
)

// receivedAt is the first match at or after byte from of
// `(?:收到|受理|接到)[^。，,；;！]{0,16}?申请[^。，,；;\d]{0,8}?([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:件|条|个|宗)`
// in s, as the regexp's submatch indexes (start, end, the number's start
// and end); ok is false when there is none. Successive matches, as
// FindAllStringSubmatchIndex finds them, start from the previous end.
func receivedAt(s string, from int) (m [4]int, ok bool) {
	for from < len(s) {
		v := -1
		for _, verb := range [...]string{"收到", "受理", "接到"} {
			if i := hanIndex(s[from:], verb); i >= 0 && (v < 0 || from+i < v) {
				v = from + i
			}
		}
		if v < 0 {
			break
		}
		at := v + len("收到")
		for k := 0; ; k++ {
			if strings.HasPrefix(s[at:], "申请") {
				if i, j, end, ok := countAt(s, at+len("申请"), 8, requestUnits); ok {
					return [4]int{v, end, i, j}, true
				}
			}
			if k == 16 || at == len(s) {
				break
			}
			r, size := utf8.DecodeRuneInString(s[at:])
			if r == '。' || r == '，' || r == ',' || r == '；' || r == ';' || r == '！' {
				break
			}
			at += size
		}
		from = v + 1
	}
	return m, false
}

// wordCount is the first match of `word[^。，,；;0-9]{0,n}?([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:units)`
// in s: its start, and the number's start and end; ok is false when
// there is none.
func wordCount(s, word string, n int, units string) (start, i, j int, ok bool) {
	for from := 0; ; {
		w := hanIndex(s[from:], word)
		if w < 0 {
			return 0, 0, 0, false
		}
		start = from + w
		if i, j, _, ok := countAt(s, start+len(word), n, units); ok {
			return start, i, j, true
		}
		from = start + 1
	}
}

// newN is reNewN.FindStringSubmatchIndex(s)'s start and number: a count
// of new requests (新收12件).
func newN(s string) (start, i, j int, ok bool) { return wordCount(s, "新收", 14, requestUnits) }

// reviewN is the number reReviewN.FindStringSubmatch(s) reads (行政复议1件).
func reviewN(s string) (string, bool) {
	_, i, j, ok := wordCount(s, "行政复议", 6, caseUnits)
	return s[i:j], ok
}

// suitN is the number reSuitN.FindStringSubmatch(s) reads (行政诉讼1起).
func suitN(s string) (string, bool) {
	_, i, j, ok := wordCount(s, "行政诉讼", 6, caseUnits)
	return s[i:j], ok
}

// countAt matches `[^。，,；;0-9]{0,n}?([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:units)`
// at byte at of s: the number's start and end, and the match's end. The
// fewest characters are skipped, as the lazy repetition prefers; a run of
// digits is the whole run, a shorter one being followed by a digit, not a
// unit; and a digit cannot be skipped, so one not followed by a unit ends
// the search.
func countAt(s string, at, n int, units string) (i, j, end int, ok bool) {
	for k := 0; ; k++ {
		if at < len(s) && s[at]-'0' <= 9 {
			j := at + 1
			for j < len(s) && s[j]-'0' <= 9 {
				j++
			}
			if size := unitAt(s, j, units); size > 0 {
				return at, j, j + size, true
			}
			return 0, 0, 0, false
		}
		j := at
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isCountHan(r) {
				break
			}
			j += size
		}
		if j > at {
			if size := unitAt(s, j, units); size > 0 {
				return at, j, j + size, true
			}
		}
		if k == n || at == len(s) {
			return 0, 0, 0, false
		}
		r, size := utf8.DecodeRuneInString(s[at:])
		if r == '。' || r == '，' || r == ',' || r == '；' || r == ';' {
			return 0, 0, 0, false
		}
		at += size
	}
}

// unitAt is the length of the unit of units s starts with at byte i, 0
// when it starts with none.
func unitAt(s string, i int, units string) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError || !strings.ContainsRune(units, r) {
		return 0
	}
	return size
}

// isCountHan reports a numeral of a count in characters (十二, 两, 一百零五).
func isCountHan(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千':
		return true
	}
	return false
}
