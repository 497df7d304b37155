package transform

import (
	"strings"
	"testing"
)

// keySetOld is keySet before it looked for its words as keyIndex does:
// one pass over every byte of a line, comparing the words that start with
// that byte. first[b] lists the words starting with byte b.
type keySetOld struct {
	first [256][]string
}

func newKeySetOld(keys ...string) *keySetOld {
	k := &keySetOld{}
	for _, w := range keys {
		k.first[w[0]] = append(k.first[w[0]], w)
	}
	return k
}

func (k *keySetOld) in(s string) bool {
	for i := 0; i < len(s); i++ {
		ws := k.first[s[i]]
		if ws == nil {
			continue
		}
		for _, w := range ws {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}

var (
	s3HeadingWordsOld   = newKeySetOld("依申请公开", "收到和处理", "申请情况")
	s5s6HeadingWordsOld = newKeySetOld("问题", "不足", "其他需要报告", "事项")
)

// keySetCases are the key sets the readers use, with the Contains chains
// they replace, and the keySet it was before.
var keySetCases = []struct {
	name string
	got  func(string) bool
	was  func(string) bool
}{
	{"s3HeadingWords", s3HeadingWords.in, s3HeadingWordsOld.in},
	{"s5s6HeadingWords", s5s6HeadingWords.in, s5s6HeadingWordsOld.in},
	{"mayBeS3Heading", mayBeS3Heading, func(c string) bool {
		return strings.Contains(c, "依申请公开") || strings.Contains(c, "收到和处理") || strings.Contains(c, "申请情况")
	}},
	{"mayBeS5S6Heading", mayBeS5S6Heading, func(c string) bool {
		return strings.Contains(c, "问题") || strings.Contains(c, "不足") || strings.Contains(c, "其他需要报告") || strings.Contains(c, "事项")
	}},
	{"mentionsAppeal", mentionsAppeal, func(c string) bool {
		return strings.Contains(c, "行政复议") || strings.Contains(c, "行政诉讼")
	}},
}

// keySetTexts are the diff corpus's texts and each word cut short, next
// to bytes that are not UTF-8, at either end and doubled.
func keySetTexts(t testing.TB) []string {
	texts := diffTexts(t)
	words := []string{"依申请公开", "收到和处理", "申请情况", "问题", "不足", "其他需要报告", "事项", "行政复议", "行政诉讼", "行政", "行政行政复议"}
	for _, w := range words {
		for _, b := range []string{"", "1", "\xe4", "\xe8", "\xe8\xa1", "\x8c", "\xff", "行", "行政"} {
			texts = append(texts, w, b+w, w+b, b+w+b, w[:len(w)-1], b+w[:len(w)-2], w[1:], w[3:], w+w, w[:3]+b+w[3:])
		}
	}
	return texts
}

// TestKeySetsSame compares the one-pass word tests with the Contains
// chains they replace.
func TestKeySetsSame(t *testing.T) {
	texts := keySetTexts(t)
	for _, c := range keySetCases {
		n := 0
		for _, s := range texts {
			want := c.was(s)
			if got := c.got(s); got != want {
				t.Fatalf("%s(%q) = %v, was %v", c.name, s, got, want)
			}
			if want {
				n++
			}
		}
		if n < 50 {
			t.Fatalf("%s: only %d of %d texts hold a word", c.name, n, len(texts))
		}
	}
}

// FuzzKeySetsSame compares them on any text.
func FuzzKeySetsSame(f *testing.F) {
	for _, s := range []string{"五、存在的主要问题及改进情况", "行政行政诉讼", "\xe8\xa1行政复议", "事\xff项"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range keySetCases {
			if got, want := c.got(s), c.was(s); got != want {
				t.Fatalf("%s(%q) = %v, was %v", c.name, s, got, want)
			}
		}
	})
}
