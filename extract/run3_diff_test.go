package extract

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// TestCJK3Row compares the CJK that cjk3Row tells with isCJK on every
// three-byte character (in the row it marks 2, U+FFC0–U+FFFF, some are
// CJK), and prevIsCJK3 (what run3 used before it) with isCJK too.
func TestCJK3Row(t *testing.T) {
	var p [4]byte
	for r := rune(0x800); r <= 0xffff; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		utf8.EncodeRune(p[:], r)
		k := cjk3Row[int(p[0]&0x0f)<<8|int(p[1])]
		if k == 2 && r >= 0xffc0 {
			continue
		}
		if want := isCJK(r); (k == 1) != want || k > 1 {
			t.Fatalf("cjk3Row(U+%04X) = %d, isCJK %v", r, k, want)
		}
		if got := prevIsCJK3(binary.BigEndian.Uint32(p[:]) >> 8); got != isCJK(r) {
			t.Fatalf("prevIsCJK3(U+%04X) = %v, isCJK %v", r, got, isCJK(r))
		}
	}
}

// TestCountValidRun3 compares countValid with oldCountValid (the code
// before both the ASCII words and run3) on runs of
// three-byte characters of every lead byte (E0 and ED, which run3 leaves
// to the loop a character at a time, too) and at the edges of isCJK's
// ranges, broken at each place by every byte and by characters of other
// sizes, cut short at the end; on generated reports of every layout,
// testdata, the seeds and, when NIANBAO_BENCH_CORPUS names one, a
// corpus's text files.
func TestCountValidRun3(t *testing.T) {
	chars := []string{"市", "场", "。", "，", "《", "\u3000", "\u303f", "\u3040", "\u2fff", "\u33ff", "\u3400", "\u4dbf", "\u4dc0",
		"\u4dff", "\u4e00", "\u9fff", "\ua000", "\ufeff", "\ufeff", "\uff00", "\uffef", "\ufff0", "\uffff", "\u0800", "\u0fff",
		"\u1000", "\ucfff", "\ud7ff", "\ue000", "\u8000"}
	fill := []string{"a", "\n", "é", "😀", "\x01"}
	b := make([]byte, 0, 64)
	for _, c := range chars {
		for _, d := range chars {
			b = b[:0]
			for len(b) < 24 {
				b = append(b, c...)
				b = append(b, d...)
			}
			sameCountValid(t, b)
			for at := 0; at < 24; at++ {
				for x := 0; x < 0x100; x += 7 {
					e := append([]byte(nil), b...)
					e[at] = byte(x)
					sameCountValid(t, e)
				}
				for _, f := range fill {
					e := append(append(append([]byte(nil), b[:at]...), f...), b[at:]...)
					sameCountValid(t, e)
				}
			}
		}
	}
	for _, e := range []string{"", "\x00", "市", "市\xe5", "市\xe5\xb8", "市场\xe5\xb8", "\xe5\xb8", "\xe0\xa0\x80\xe0\xa0\x80\xe0\xa0\x80",
		"\xed\x9f\xbf\xed\x9f\xbf\xed\x9f\xbf", "\xed\xa0\x80市场市场", "市场市场\xed\xa0\x80", "市场\xe0\x80\x80市场", "市场市场市场\x00"} {
		sameCountValid(t, []byte(e))
	}
	n := 0
	files := map[string][]byte{}
	generated(t, 3, "", func(_, name string, b []byte) { files[name] = b })
	walk := func(root string, txtOnly bool) {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (!txtOnly || FormatOf(p) == "txt") {
				if b, err := os.ReadFile(p); err == nil {
					files[p] = b
				}
			}
			return nil
		})
	}
	walk("testdata", false)
	walk("../../shared/seeds", false)
	if root := os.Getenv("NIANBAO_BENCH_CORPUS"); root != "" {
		walk(root, true)
	}
	for name, b := range files {
		sameCountValid(t, b[:min(len(b), 1024)])
		got, gok := countValid(b)
		want, wok := oldCountValid(b)
		if got != want || gok != wok {
			t.Fatalf("%s: %+v %v, was %+v %v", name, got, gok, want, wok)
		}
		n++
	}
	if n < 50 {
		t.Fatalf("%d files compared", n)
	}
	t.Logf("%d files compared", n)
}

// FuzzCountValidRun3 compares countValid with oldCountValid (the code
// before both the ASCII words and run3) on any
// bytes.
func FuzzCountValidRun3(f *testing.F) {
	for _, s := range []string{"", "市场市场市场市场", "市场\xe5\xb8", "abc市场。\n\xed\xa0\x80\u4dbf\uffef\ufff0", "\xff\xfe<\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { sameCountValid(t, b) })
}
