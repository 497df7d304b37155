package transform

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestContextOfKeepsRunes compares contextOf with cutting the text's runes
// (what it did before it cut bytes at rune boundaries), on texts around the
// length it cuts at, with characters of one to four bytes and bytes that are
// not UTF-8.
func TestContextOfKeepsRunes(t *testing.T) {
	byRunes := func(text string) string {
		rs := []rune(text)
		if len(rs) <= 1800 {
			return text
		}
		return string(rs[:1500]) + "\n" + string(rs[len(rs)-300:])
	}
	pieces := []string{"a", "市", "é", "😀", "\n", "\xff", "\xe5\x8c"}
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{0, 1, 1799, 1800, 1801, 2500, 5000} {
		for k := range 20 {
			var b strings.Builder
			for range n {
				p := pieces[rng.Intn(4)] // valid UTF-8 only
				if k%2 == 1 && rng.Intn(50) == 0 {
					p = pieces[rng.Intn(len(pieces))]
				}
				b.WriteString(p)
			}
			text := b.String()
			if got, want := contextOf(text), byRunes(text); got != want {
				t.Fatalf("contextOf of %d runes (valid: %v) differs from cutting its runes", n, k%2 == 0)
			}
		}
	}
}

// TestHasSpaceEveryRune checks hasSpace's lead-byte shortcut against
// isSpace for every character, alone and between Han characters.
func TestHasSpaceEveryRune(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := string(r)
		if hasSpace(s) != isSpace(r) || hasSpace("市"+s+"局") != isSpace(r) {
			t.Fatalf("hasSpace(%q) = %v, isSpace = %v", s, hasSpace(s), isSpace(r))
		}
	}
	if hasSpace("\xe3\x80") || hasSpace("\xef") || !hasSpace("\xff \xff") {
		t.Error("hasSpace on bytes that are not UTF-8")
	}
}

// TestFieldScanSameAsRunes compares splitCells, isBareNumber,
// runBufs.split, the trims, isBlank, compact and dispWidth, which read
// bytes where they can, with the rune-by-rune versions they replace, on random lines of cells, separators, spaces of
// every width and bytes that are not UTF-8.
func TestFieldScanSameAsRunes(t *testing.T) {
	splitByRunes := func(line string) ([]string, []int) {
		var out []string
		var at []int
		start, i := 0, 0
		for i < len(line) {
			r, sz := utf8.DecodeRuneInString(line[i:])
			switch {
			case r == '\t' || r == '|' || r == '｜':
				out, at = append(out, line[start:i]), append(at, start)
				i += sz
				start = i
				continue
			case r == ' ' && i+1 < len(line) && line[i+1] == ' ':
				j := i
				for j < len(line) && line[j] == ' ' {
					j++
				}
				if !isBlank(line[start:i]) {
					out, at = append(out, line[start:i]), append(at, start)
					start = j
				}
				i = j
				continue
			}
			i += sz
		}
		return append(out, line[start:]), append(at, start)
	}
	bareByTrim := func(f string) bool {
		t := strings.TrimFunc(f, isSpace)
		if len(t) == 0 || len(t) > 3 {
			return false
		}
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return false
			}
		}
		return true
	}
	needsSplit := func(fs []string) bool {
		for _, f := range fs {
			if strings.IndexFunc(strings.TrimFunc(f, isSpace), isSpace) >= 0 {
				return true
			}
		}
		return false
	}
	pieces := []string{"1", "12", "0", "345", "行政许可", "件", " ", "  ", "\t", "|", "｜", "　", "\u00a0", "\u200b", "\ufeff",
		"\xef", "\xef\xbd", "\xe5", "，", "、", "/", "—", "\f", "\r", "元", "万", "角", "\xe4\xba",
		"１", "（", "【", "〕", "\u2003", "\u1680", "\u0085", "\x7f", "😀", "ｱ", "\xe3\x80", "\xc2"}
	rng := rand.New(rand.NewSource(2))
	for range 20000 {
		var b strings.Builder
		for n := rng.Intn(10); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		line := b.String()
		fs, at, inner, seps := splitCells(line, nil, nil)
		spaced := seps == 0
		wf, wa := splitByRunes(line)
		if !slices.Equal(fs, wf) || !slices.Equal(at, wa) {
			t.Fatalf("splitCells(%q) = %q %v, by runes %q %v", line, fs, at, wf, wa)
		}
		if want := !strings.ContainsAny(line, "\t|｜"); spaced != want {
			t.Fatalf("splitCells(%q): spaced %v, want %v", line, spaced, want)
		}
		if want := needsSplit(fs); inner != want {
			t.Fatalf("splitCells(%q): inner %v, want %v", line, inner, want)
		}
		if trimSpace(line) != strings.TrimFunc(line, isSpace) || trimLeftSpace(line) != strings.TrimLeftFunc(line, isSpace) ||
			trimRightSpace(line) != strings.TrimRightFunc(line, isSpace) {
			t.Fatalf("the trims of %q differ from strings' with isSpace", line)
		}
		if want := strings.IndexFunc(line, func(r rune) bool { return !isSpace(r) }) < 0; isBlank(line) != want {
			t.Fatalf("isBlank(%q) = %v, want %v", line, !want, want)
		}
		if got, want := compact(line), oldCompact(line); got != want {
			t.Fatalf("compact(%q) = %q, was %q", line, got, want)
		}
		if got, want := dispWidth(line), oldDispWidth(line); got != want {
			t.Fatalf("dispWidth(%q) = %d, was %d", line, got, want)
		}
		if got, want := isBareNumber(line), bareByTrim(line); got != want {
			t.Fatalf("isBareNumber(%q) = %v, want %v", line, got, want)
		}
		if got, want := innerSpace(line), strings.IndexFunc(strings.TrimFunc(line, isSpace), isSpace) >= 0; got != want {
			t.Fatalf("innerSpace(%q) = %v, want %v", line, got, want)
		}
		if got, want := hasMoneyUnit(line), strings.ContainsAny(line, "元圆万亿角"); got != want {
			t.Fatalf("hasMoneyUnit(%q) = %v, want %v", line, got, want)
		}
		gf, ga := (&runBufs{}).split(line, slices.Clone(fs), slices.Clone(at), true)
		if !needsSplit(fs) && (!slices.Equal(gf, fs) || !slices.Equal(ga, at)) {
			t.Fatalf("split(%q) split fields with no space inside", line)
		}
	}
}

// TestDispWidthEveryRune checks dispWidth's table of wide characters
// against width's lookup (the old dispWidth) for every character.
func TestDispWidthEveryRune(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		if s := string(r); dispWidth(s) != oldDispWidth(s) {
			t.Fatalf("dispWidth(%q) = %d, was %d", s, dispWidth(s), oldDispWidth(s))
		}
	}
}

// TestValueRunesTable checks isValueRune against valueRunes for every
// character.
func TestValueRunesTable(t *testing.T) {
	for r := rune(-1); r <= 0x10ffff; r++ {
		if isValueRune(r) != strings.ContainsRune(valueRunes, r) {
			t.Fatalf("isValueRune(%q) = %v", r, isValueRune(r))
		}
	}
}

// TestDecode3 checks decode3 against utf8.DecodeRuneInString on every
// three-byte sequence with a lead byte E0–EF, and on short ones.
func TestDecode3(t *testing.T) {
	for c := 0xe0; c <= 0xef; c++ {
		for b1 := 0; b1 < 256; b1++ {
			for b2 := 0; b2 < 256; b2 += 1 + b2%7 {
				s := string([]byte{byte(c), byte(b1), byte(b2)})
				r, n := decode3(s, 0)
				if n == 0 {
					continue
				}
				if wr, wn := utf8.DecodeRuneInString(s); r != wr || n != wn {
					t.Fatalf("decode3(%q) = %q %d, want %q %d", s, r, n, wr, wn)
				}
			}
		}
	}
	if _, n := decode3("\xe4\xb8", 0); n != 0 {
		t.Error("decode3 of two bytes")
	}
}
