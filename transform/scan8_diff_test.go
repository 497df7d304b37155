package transform

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/bytestest"
)

// needsFoldBlocks is needsFold before it found the bytes to look at
// without a branch each: a table lookup a byte, eight bytes at a time
// while eight are left, then a byte at a time.
func needsFoldBlocks(s string) bool {
	for i := 0; i < len(s); {
		end := i + 8
		if end <= len(s) {
			w := s[i:end]
			if foldByte[w[0]]|foldByte[w[1]]|foldByte[w[2]]|foldByte[w[3]]|
				foldByte[w[4]]|foldByte[w[5]]|foldByte[w[6]]|foldByte[w[7]] == 0 {
				i = end
				continue
			}
		} else {
			end = len(s)
		}
		for i < end {
			c := s[i]
			if foldByte[c] == 0 {
				i++
				continue
			}
			if c < utf8.RuneSelf {
				return true // an ASCII space
			}
			r, n := decode3(s, i)
			if n == 0 {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			if isSpace(r) || (r >= 0xFF01 && r <= 0xFF5E) || r == '【' || r == '】' || r == '〔' || r == '〕' {
				return true
			}
			i += n
		}
	}
	return false
}

// hasDigitBlocks is hasDigit before it read the last bytes and short
// texts in one load: eight bytes at a time, then a byte at a time.
func hasDigitBlocks(s string) bool {
	for len(s) >= 8 {
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		if anyDigit8(x) {
			return true
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if s[i]-'0' <= 9 {
			return true
		}
	}
	return false
}

// sameScan8 compares the scanners with the forms they replace on s and
// on each of its tails and heads up to 17 bytes shorter, so that every
// byte is read at every place of a load, in the last load and in the
// short forms; and hanRun from every byte of s.
func sameScan8(t testing.TB, s string) {
	t.Helper()
	for j := 0; j <= len(s); j++ { // (each j its own distance to the end)
		if got, want := hanRun(s, j), hanRunPairs(s, j); got != want {
			t.Fatalf("hanRun(%q, %d) = %v, before %v", s, j, got, want)
		}
	}
	for i := 0; i <= len(s) && i < 17; i++ {
		for _, u := range []string{s[i:], s[:len(s)-i]} {
			if got, want := needsFold(u), needsFoldBlocks(u); got != want {
				t.Fatalf("needsFold(%q) = %v, before %v", u, got, want)
			}
			if got, want := hasDigit(u), hasDigitBlocks(u); got != want {
				t.Fatalf("hasDigit(%q) = %v, before %v", u, got, want)
			}
			if got, want := hasMoneyUnit(u), hasMoneyUnitBlocks(u); got != want {
				t.Fatalf("hasMoneyUnit(%q) = %v, before %v", u, got, want)
			}
			if got, want := mayLeadOrg(u), mayLeadOrgBefore(u); got != want {
				t.Fatalf("mayLeadOrg(%q) = %v, before %v", u, got, want)
			}
			if got, want := appendFold(nil, u), appendFoldOld(nil, u); string(got) != string(want) {
				t.Fatalf("appendFold(%q) = %q, before %q", u, got, want)
			}
			if got, want := classify(u), classifyCut(u); got != want {
				t.Fatalf("classify(%q) = %v, before %v", u, got, want)
			}
		}
	}
}

// scan8Pieces are characters and bytes the scanners tell apart: spaces
// of every kind, the folded forms, Han and the lead bytes either side of
// Han's, digits and the bytes either side of them, and broken UTF-8.
func scan8Pieces() []string {
	alphabet := []rune("0123456789/: \t\r\n\v\f\x00\x08\x0e\x1f!\x7f\u0085\u00a0\u00ad\u00c0\u1680\u2000\u200a\u200b\u2028\u202f\u205f\u2060\u3000\ufeff" +
		"【】〔〕、。（）０９ＡＺａｚ～\uff5f\uffe5一表格申请人自然总计元万亿圆角零〇十/|.-+\u4000\u9fff\u3fff\ua000\U00020000" +
		"\uac00\ubfff\uc000\ud7ff\ue000\u0800\u0fff“”—" +
		"局会部镇办)坚持以在全面进步续充")
	pieces := []string{"\xff", "\xe3\x80", "\xef", "\xc2", "\xc0", "\xdf", "\xe0", "\xe1", "\xe2", "\xe3", "\xe4", "\xe9", "\xea", "\xe9\x80",
		"\x80", "\xbf\xbf", "\x21", "\x20", "\xa0", "\xa4", "\xa9", "\x64", "\x69", "\x24", "\x29",
		"\xeb\x80", "\xec\x80", "\xed\xa0\x80", "\xe0\x80\x80", "\xe3\xc0\x80", "\xe4\xb8", "\xe5\x85"}
	for _, r := range alphabet {
		pieces = append(pieces, string(r))
	}
	return pieces
}

// randomTexts makes n texts of up to max pieces each.
func randomTexts(seed uint64, n, max int) []string {
	pieces := scan8Pieces()
	rng := rand.New(rand.NewPCG(seed, 22))
	out := make([]string, n)
	for k := range out {
		var sb strings.Builder
		for range rng.IntN(max + 1) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		out[k] = sb.String()
	}
	return out
}

// scan8Corpus is every line of the test inputs, the seeds and generated
// reports, as they are and trimmed, with the fields splitCells cuts them
// into.
func scan8Corpus(t testing.TB) []string {
	var out, fs []string
	texts := labelTexts(t)
	for _, d := range diffCorpus(t, 10, 1) {
		texts = append(texts, d.text)
	}
	for _, text := range texts {
		for _, l := range strings.Split(text, "\n") {
			out = append(out, l, trimSpace(l))
			fs, _, _, _ = splitCells(l, fs[:0], nil)
			out = append(out, fs...)
		}
	}
	if len(out) < 20000 {
		t.Fatalf("only %d lines and fields", len(out))
	}
	return out
}

// TestScan8Same compares the scanners with their earlier forms on the
// corpus, on random texts of the pieces that matter, and on every byte
// at every place among bytes of each kind.
func TestScan8Same(t *testing.T) {
	for _, s := range scan8Corpus(t) {
		sameScan8(t, s)
	}
	for _, s := range randomTexts(1, 30000, 24) {
		sameScan8(t, s)
	}
	bytestest.EachByteAmong([]string{"a", "0", "\x00", "!", "\xff", "\xbf", "市", " "}, 19,
		func(b []byte) { sameScan8(t, string(b)) })
}

// TestFoldCandidatesEveryByte checks foldCandidates byte by byte: each
// byte value at each place among every other, its bit set just when the
// byte is below '!' or from C0 on but for E4–E9, which include every
// byte foldByte marks.
func TestFoldCandidatesEveryByte(t *testing.T) {
	want := func(c byte) bool { return c < '!' || c >= 0xc0 && (c < 0xe4 || c > 0xe9) }
	for c := 0; c < 0x100; c++ {
		if foldByte[c] != 0 && !want(byte(c)) {
			t.Fatalf("%#x: marked by foldByte, no candidate", c)
		}
		for d := 0; d < 0x100; d++ {
			for at := 0; at < 8; at++ {
				var x uint64
				for k := 0; k < 8; k++ {
					b := byte(d)
					if k == at {
						b = byte(c)
					}
					x |= uint64(b) << (8 * k)
				}
				m := foldCandidates(x)
				for k := 0; k < 8; k++ {
					b := byte(d)
					if k == at {
						b = byte(c)
					}
					if got := m>>(8*k+7)&1 == 1; got != want(b) || m>>(8*k)&0x7f != 0 {
						t.Fatalf("foldCandidates(%#016x) = %#016x: byte %d (%#x)", x, m, k, b)
					}
				}
			}
		}
	}
}

// TestAllDigits8 compares allDigits8 with allDigits on every byte at
// every place among digits.
func TestAllDigits8(t *testing.T) {
	for c := 0; c < 0x100; c++ {
		for at := 0; at < 8; at++ {
			for _, d := range "0189" {
				b := []byte(strings.Repeat(string(d), 8))
				b[at] = byte(c)
				var x uint64
				for k := range b {
					x |= uint64(b[k]) << (8 * k)
				}
				if got, want := allDigits8(x), allDigits(string(b)); got != want {
					t.Fatalf("allDigits8(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

// TestShort8 checks that short8's bytes are s's, and all of them.
func TestShort8(t *testing.T) {
	for _, s := range randomTexts(2, 20000, 4) {
		if len(s) == 0 || len(s) >= 8 {
			continue
		}
		x := short8(s)
		var in [256]bool
		for k := 0; k < 8; k++ {
			b := byte(x >> (8 * k))
			if strings.IndexByte(s, b) < 0 {
				t.Fatalf("short8(%q) = %#016x: %#x is none of its bytes", s, x, b)
			}
			in[b] = true
		}
		for i := 0; i < len(s); i++ {
			if !in[s[i]] {
				t.Fatalf("short8(%q) = %#016x: %#x missing", s, x, s[i])
			}
		}
	}
}

// FuzzScan8Same compares the scanners with their earlier forms on any
// bytes.
func FuzzScan8Same(f *testing.F) {
	for _, s := range []string{"", "0", "表格", "表 格", "一二三四五六七八九十，", "申请人\u3000总计", "\xe4\xb8", "（一）本年新收",
		"ＡＢ【】〔〕", "政府信息公开工作年度报告（２０２１）", "一二三\xe4\xb8四五六", "가나다라마바사（", "abcdefgh/:9",
		"\xb0\xb9\xff\x80/////", "人民币12.5万元", "壹佰万元整", "**48**"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameScan8(t, s) })
}

// hasMoneyUnitBlocks is hasMoneyUnit before it looked up every three
// bytes: it looked for a unit's last byte, eight bytes at a time.
func hasMoneyUnitBlocks(c string) bool {
	for i := 2; i < len(c); {
		end := i + 8
		if end <= len(c) {
			w := c[i:end]
			if unitEnd[w[0]]|unitEnd[w[1]]|unitEnd[w[2]]|unitEnd[w[3]]|
				unitEnd[w[4]]|unitEnd[w[5]]|unitEnd[w[6]]|unitEnd[w[7]] == 0 {
				i = end
				continue
			}
		} else {
			end = len(c)
		}
		for ; i < end; i++ {
			if unitEnd[c[i]] == 0 {
				continue
			}
			switch c[i-2 : i+1] {
			case "万", "亿", "元", "圆", "角":
				return true
			}
		}
	}
	return false
}

// unitEnd marks the last bytes of the units hasMoneyUnit looks for: 万
// E4 B8 87, 亿 E4 BA BF, 元 E5 85 83, 圆 E5 9C 86, 角 E8 A7 92.
var unitEnd = [256]uint8{0x87: 1, 0xbf: 1, 0x83: 1, 0x86: 1, 0x92: 1}

// mayLeadOrgBefore is mayLeadOrg before it tested for a verb's first
// character next before looking for its organ's ending.
func mayLeadOrgBefore(l string) bool {
	// The endings are found by their last bytes, no character decoded:
	// each is ')' or a three-byte character, and the lead byte of one is
	// never inside another character's encoding, so its bytes stand just
	// where decoding l would read it.
	for i := 0; i+1 < len(l); i++ {
		c := l[i]
		if !orgEndLast[c] {
			continue
		}
		if c != ')' {
			if i < 2 {
				continue
			}
			if r, n := decode3(l, i-2); n == 0 || !isOrgEnd(r) {
				continue
			}
		}
		for _, v := range leadOrgVerbs {
			if strings.HasPrefix(l[i+1:], v) {
				return true
			}
		}
	}
	return false
}

// hanRunPairs is hanRun before it told the first character of a failed
// pair from the same load: a loop of one character at a time did.
func hanRunPairs(s string, i int) int {
	for i+8 <= len(s) {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// bytes 1, 2, 4 and 5 continuation bytes, then bytes 0 and 3
		// E4–EB: adding 1C makes them 0–7 (what carries out of byte 0
		// stops in byte 1, a continuation byte)
		if x&0xc0c000c0c000 != 0x808000808000 || (x+0x1c00001c)&0xf80000f8 != 0 {
			break
		}
		i += 6
	}
	for i+3 <= len(s) {
		w := s[i : i+3]
		if (w[0]+0x1c)&0xf8 != 0 || w[1]&0xc0 != 0x80 || w[2]&0xc0 != 0x80 {
			break
		}
		i += 3
	}
	return i
}
