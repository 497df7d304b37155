package transform

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// appendFoldOld is appendFold before it passed over runs of Han in a loop
// of their own: it appends the compact form of s, trimmed, to dst. Runs of
// characters kept as they are (Han text, ASCII letters and digits) are
// copied whole.
func appendFoldOld(dst []byte, s string) []byte {
	run := 0 // start of the bytes not yet written, all kept as they are
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				dst = append(dst, s[run:i]...)
				run = i + 1
			}
			i++
			continue
		}
		if c >= 0xe4 && c <= 0xe9 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			i += 3 // U+4000–U+9FFF: Han, kept as it is
			continue
		}
		r, size := decode3(s, i)
		if size == 0 {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var fold string
		switch {
		case r == utf8.RuneError && size == 1:
			fold = string(utf8.RuneError) // as ranging over the string would
		case isSpace(r):
		case r >= 0xFF01 && r <= 0xFF5E:
			fold = halfWidth[r-0xFF01 : r-0xFF00]
		case r == '【', r == '〔':
			fold = "["
		case r == '】', r == '〕':
			fold = "]"
		default:
			i += size
			continue
		}
		dst = append(dst, s[run:i]...)
		dst = append(dst, fold...)
		i += size
		run = i
	}
	return append(dst, s[run:]...)
}

// needsFoldOld is needsFold before it passed over eight bytes at a time:
// it reports whether compact changes s, already trimmed: whether
// it holds a space, a full-width form (U+FF01–U+FF5E) or one of 【】〔〕.
// It decodes only the characters whose UTF-8 lead byte one of these can
// have (ASCII, C2, E1, E2, E3, EF; see spaceLen): Han text and ASCII
// letters and digits are passed over a byte at a time. Those lead bytes
// are never continuation bytes, so they start a character wherever
// ranging over s would, and s's invalid bytes are never any of these.
func needsFoldOld(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				return true
			}
			continue
		}
		if !spaceLead[c] {
			if i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
				i += 2 // a three-byte character's continuation bytes
			}
			continue
		}
		r, n := decode3(s, i)
		if n == 0 {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(r) || (r >= 0xFF01 && r <= 0xFF5E) || r == '【' || r == '】' || r == '〔' || r == '〕' {
			return true
		}
		i += n - 1
	}
	return false
}

// sameFold compares needsFold and appendFold with the forms they replace
// on s, and on each of its tails (the eight-byte windows of needsFold
// then start at every offset).
func sameFold(t *testing.T, s string) {
	t.Helper()
	for i := 0; i <= len(s) && i < 16; i++ {
		u := s[i:]
		if got, want := needsFold(u), needsFoldOld(u); got != want {
			t.Fatalf("needsFold(%q) = %v, before %v", u, got, want)
		}
		if got, want := appendFold([]byte("x"), u), appendFoldOld([]byte("x"), u); !bytes.Equal(got, want) {
			t.Fatalf("appendFold(%q) = %q, before %q", u, got, want)
		}
	}
}

// TestFoldSame checks needsFold and appendFold against their earlier
// forms on every line of the test inputs, the seeds and generated reports
// (trimmed, as they are called, and as they are), and on random strings
// of the characters that matter, broken UTF-8 among them.
func TestFoldSame(t *testing.T) {
	n := 0
	for _, text := range labelTexts(t) {
		for _, l := range strings.Split(text, "\n") {
			sameFold(t, l)
			sameFold(t, trimSpace(l))
			n++
		}
	}
	if n < 10000 {
		t.Fatalf("only %d lines compared", n)
	}
	alphabet := []rune("0123456789 \t\r\n\v\f\x00\x7f\u0085\u00a0\u1680\u2000\u200a\u200b\u2028\u202f\u205f\u2060\u3000\ufeff" +
		"【】〔〕、。（）０９ＡＺａｚ～\uff5f\uffe5一表格申请人自然总计元万/|.-+\u4000\u9fff\u3fff\ua000\U00020000" +
		"\uac00\ubfff\uc000\ud7ff\ue000\u0800\u0fff")
	pieces := []string{"\xff", "\xe3\x80", "\xef", "\xc2", "\xe4", "\xe9\x80", "\x80", "\xbf\xbf",
		"\xea", "\xeb\x80", "\xec\x80", "\xed\xa0\x80", "\xe0\x80\x80", "\xe3\xc0\x80"} // broken UTF-8 too
	for _, r := range alphabet {
		pieces = append(pieces, string(r))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		var sb strings.Builder
		for range rng.IntN(24) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		sameFold(t, sb.String())
	}
}

// FuzzFoldSame: needsFold and appendFold agree with their earlier forms
// on any bytes.
func FuzzFoldSame(f *testing.F) {
	for _, s := range []string{"", "表格", "表 格", "一二三四五六七八九十，", "申请人\u3000总计", "\xe4\xb8", "\xe4\xb8\xe4\xb8\x80", "（一）本年新收", "ＡＢ【】〔〕",
		"政府信息公开工作年度报告（２０２１）", "一二三\xe4\xb8四五六", "가나다라마바사（", "\ua000\ubfff\uc000\ue000\uff01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameFold(t, s) })
}
