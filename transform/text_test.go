package transform

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// compactSlow is compact as it was before its shortcuts: every rune
// examined, and the string returned as it is when nothing is to change.
func compactSlow(s string) string {
	s = strings.TrimFunc(s, isSpaceSlow)
	clean := true
	for _, r := range s {
		if isSpaceSlow(r) || (r >= 0xFF01 && r <= 0xFF5E) || r == '【' || r == '】' || r == '〔' || r == '〕' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case isSpaceSlow(r):
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == '【', r == '〔':
			r = '['
		case r == '】', r == '〕':
			r = ']'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isSpaceSlow(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000', '\u00a0', '\u00ad':
		return true
	}
	return unicode.IsSpace(r)
}

// TestCompactShortcuts: compact's and isSpace's shortcuts change nothing,
// on every rune up to U+FFFF and on random strings of the runes that
// matter (spaces of every kind, full-width forms, brackets, Han, ASCII).
func TestCompactShortcuts(t *testing.T) {
	for r := rune(0); r <= 0xffff; r++ {
		if isSpace(r) != isSpaceSlow(r) {
			t.Fatalf("isSpace(%U) = %t", r, isSpace(r))
		}
		s := "表" + string(r) + "格\xff"
		if got, want := compact(s), compactSlow(s); got != want {
			t.Fatalf("compact(%q) = %q, want %q", s, got, want)
		}
	}
	alphabet := []rune("0123456789 \t\r\n\v\f\x00\x7f\u0085\u00a0\u1680\u2000\u200a\u200b\u2028\u202f\u205f\u2060\u3000\ufeff" +
		"【】〔〕、。（）０９ＡＺａｚ～\uff5f\uffe5一表格申请人自然总计元万/|.-+")
	pieces := []string{"\xff", "\xe3\x80", "\xef", "\xc2"} // broken UTF-8 too
	for _, r := range alphabet {
		pieces = append(pieces, string(r))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var sb strings.Builder
		for range rng.IntN(12) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := compact(s), compactSlow(s); got != want {
			t.Fatalf("compact(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestIsPageMark(t *testing.T) {
	for line, want := range map[string]bool{
		"- 4 -": true, "—4—": true, "－ 12 －": true, "第 4 页": true, "第4页，共12页": true, "4/12": true, "Page 3": true, "Page 3 of 9": true,
		"4": false, "1.属于国家秘密 0": false, "第四章": false, "2021年": false, "1/2 申请": false, "": false, "  -  ": false,
	} {
		if got := isPageMark(line); got != want {
			t.Errorf("isPageMark(%q) = %t, want %t", line, got, want)
		}
	}
}
