package transform

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
)

// hanIndexOld is hanIndex before a text shorter than the word was
// answered without a call.
func hanIndexOld(s, word string) int {
	n := len(word)
	if n < 3 || word[n-1]&0xc0 != 0x80 {
		return strings.Index(s, word)
	}
	last := word[n-1]
	for i := n - 1; i < len(s); i++ {
		j := strings.IndexByte(s[i:], last)
		if j < 0 {
			return -1
		}
		i += j
		// the first byte tells most places apart without a call
		if s[i-n+1] == word[0] && s[i-n+1:i+1] == word {
			return i - n + 1
		}
	}
	return -1
}

// sameHanIndex checks hanIndex, hanContains and hanIndexBytes against
// strings.Index, strings.Contains and bytes.Index, which they replace, and
// hanIndex against its earlier form, on one text and word, and reports
// whether the word was found.
func sameHanIndex(t testing.TB, s, word string) bool {
	t.Helper()
	got, want := hanIndex(s, word), strings.Index(s, word)
	if got != want {
		t.Fatalf("hanIndex(%q, %q) = %d, strings.Index %d", s, word, got, want)
	}
	if old := hanIndexOld(s, word); got != old {
		t.Fatalf("hanIndex(%q, %q) = %d, before %d", s, word, got, old)
	}
	if got := hanIndexBytes([]byte(s), []byte(word)); got != bytes.Index([]byte(s), []byte(word)) {
		t.Fatalf("hanIndexBytes(%q, %q) = %d, bytes.Index %d", s, word, got, want)
	}
	if hanContains(s, word) != (want >= 0) {
		t.Fatalf("hanContains(%q, %q) = %v", s, word, !(want >= 0))
	}
	return want >= 0
}

// hanIndexWords are words the package looks for, and words at hanIndex's
// edges: shorter than a character, ending in ASCII or in a lead byte, cut
// characters, bytes that are not UTF-8, a word repeated in itself.
var hanIndexWords = []string{"行政复议", "结转下年", "申请", "自然人", "街道办事处", "镇", "。", "，", "年", "元", "万元",
	"二", "件", "1件", "（一）", "", "a", "ab", "abc", "\x80", "\x80\x80", "\xe4\xb8", "\xb8\x80", "\xe4\xb8\x80\xe4",
	"一一", "一一一", "\xff\x80\x80", "2021年", "年度报告", "政府信息公开", "|", "｜"}

// TestHanIndexSame compares hanIndex with strings.Index over the lines of
// the diff corpus, for the words above and for pieces cut from other lines
// at any byte.
func TestHanIndexSame(t *testing.T) {
	texts := diffTexts(t)
	texts = append(texts, "", "一", "一一一一", "\x80一\x80", "镇镇街道办事处", strings.Repeat("行政复", 40)+"议")
	rng := rand.New(rand.NewSource(1))
	found, tried := 0, 0
	for _, s := range texts {
		words := hanIndexWords
		for range 3 {
			o := texts[rng.Intn(len(texts))]
			if o == "" {
				continue
			}
			i := rng.Intn(len(o))
			words = append(words[:len(words):len(words)], o[i:min(len(o), i+1+rng.Intn(12))])
		}
		if len(s) > 0 {
			i := rng.Intn(len(s)) // a piece of the line itself: always found
			words = append(words, s[i:min(len(s), i+1+rng.Intn(12))])
		}
		for _, w := range words {
			tried++
			if sameHanIndex(t, s, w) {
				found++
			}
		}
	}
	if len(texts) < 10000 || found < tried/20 {
		t.Fatalf("%d texts, %d of %d words found: too few for the comparison to mean much", len(texts), found, tried)
	}
}

// FuzzHanIndexSame compares hanIndex with strings.Index, and
// hanIndexBytes with bytes.Index, on any text and word.
func FuzzHanIndexSame(f *testing.F) {
	for i, w := range hanIndexWords {
		f.Add("本年度共收到政府信息公开申请12件，行政复议1件。"+w, w)
		f.Add(w+w, hanIndexWords[(i+1)%len(hanIndexWords)])
	}
	f.Fuzz(func(t *testing.T, s, word string) { sameHanIndex(t, s, word) })
}
