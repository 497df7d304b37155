package transform

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// needsFoldFromOld is needsFoldFrom before the last eight bytes were read
// after the loop: each step moved on by eight bytes, or to the last eight
// when fewer were left, and stopped past the end.
func needsFoldFromOld(s string) bool {
	n := len(s)
	if n < 8 {
		return foldCandidates(short8(s)) != 0 && foldSlow(s)
	}
	for i := 0; ; {
		if m := foldCandidates(le64(s, i)); m != 0 && foldIn(s, i, m) {
			return true
		}
		i += 8
		if i >= n {
			return false
		}
		i = min(i, n-8)
	}
}

// sameFoldSteps compares needsFoldFrom with its earlier form on s, not
// empty, and on every piece of it of up to 40 bytes starting in its first
// 24, so that a character to fold stands at every place of every step
// and of the last load, for each length.
func sameFoldSteps(t testing.TB, s string) {
	t.Helper()
	for i := 0; i < len(s) && i < 24; i++ {
		for j := i + 1; j <= len(s) && j <= i+40; j++ {
			if u := s[i:j]; needsFoldFrom(u) != needsFoldFromOld(u) {
				t.Fatalf("needsFoldFrom(%q) = %v, before %v", u, !needsFoldFromOld(u), needsFoldFromOld(u))
			}
		}
	}
	if s != "" && needsFoldFrom(s) != needsFoldFromOld(s) {
		t.Fatalf("needsFoldFrom(%q) = %v, before %v", s, !needsFoldFromOld(s), needsFoldFromOld(s))
	}
}

// TestFoldStepsSame checks needsFoldFrom against its earlier form on every
// line of the test inputs, the seeds and generated reports (as they are
// and trimmed, as splitLines and compact ask it), on the reports of
// NIANBAO_FOLD_CORPUS when set (a folder of reports, read as extract reads
// them), and on random lines of the characters that matter, broken UTF-8
// among them, of every length up to 40 bytes.
func TestFoldStepsSame(t *testing.T) {
	texts := labelTexts(t)
	if dir := os.Getenv("NIANBAO_FOLD_CORPUS"); dir != "" {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			texts = append(texts, extract.ReadBytes(filepath.Base(path), b, extract.Limits{}).Text)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, text := range texts {
		for _, l := range strings.Split(text, "\n") {
			if l != "" {
				sameFoldSteps(t, l)
				n++
			}
			if c := trimSpace(l); c != "" && c != l {
				sameFoldSteps(t, c)
			}
		}
	}
	if n < 10000 {
		t.Fatalf("only %d lines compared", n)
	}
	pieces := []string{" ", "\t", "\u3000", "\u00a0", "\u2000", "\u200b", "\ufeff", "【", "】", "〔", "〕", "，", "（", "）",
		"０", "～", "\uff5f", "、", "。", "《", "“", "一", "表", "申请人", "元", "12", "ab", "|", "｜", "\u1680", "\u0085",
		"\xff", "\xe3\x80", "\xef", "\xc2", "\xe4", "\x80", "\xbf\xbf", "\xea", "\xed\xa0\x80", "\xe0\x80\x80"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var sb strings.Builder
		for sb.Len() < 1+rng.IntN(40) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		sameFoldSteps(t, sb.String())
	}
	for _, s := range []string{"一二三四五六七八", "一二三四五六七八 ", " 一二三四五六七八", "12345678", "1234567 8",
		"12345678\t", "一二三四五，", "，一二三四五", strings.Repeat("一", 40) + "，", strings.Repeat("ab", 20) + "\u3000"} {
		sameFoldSteps(t, s)
	}
}

// FuzzFoldStepsSame: needsFoldFrom agrees with its earlier form on any
// bytes, and on every piece of them.
func FuzzFoldStepsSame(f *testing.F) {
	for _, s := range []string{"x", "表格", "表 格", "一二三四五六七八九十，", "申请人\u3000总计", "\xe4\xb8", "12345678\t",
		"（一）本年新收", "ＡＢ【】〔〕", "政府信息公开工作年度报告（２０２１）", "一二三\xe4\xb8四五六", "가나다라마바사（"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s != "" {
			sameFoldSteps(t, s)
		}
	})
}
