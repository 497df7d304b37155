package transform

import (
	"strings"
	"testing"
)

// TestHasColonSame compares hasColon with strings.ContainsAny(l, ":："),
// which it replaces, over the diff corpus's texts and the colons among
// bytes that are not UTF-8 or cut characters.
func TestHasColonSame(t *testing.T) {
	texts := diffTexts(t)
	for _, a := range []string{"", "发布机构", "\xef", "\xef\xbc", "\xe4", "\xff", "局"} {
		for _, c := range []string{":", "：", "\xef\xbc", "\xbc\x9a", "\xef\x9a", "；", "，", ""} {
			for _, b := range []string{"", "松岭县教育局", "\x9a", "\xbc\x9a", "\xff"} {
				texts = append(texts, a+c+b)
			}
		}
	}
	sameOnAll(t, texts, 100, sameColon)
}

// sameColon compares hasColon with ContainsAny on l, and reports whether
// l holds a colon.
func sameColon(t testing.TB, l string) bool {
	t.Helper()
	got, want := hasColon(l), strings.ContainsAny(l, ":：")
	if got != want {
		t.Fatalf("hasColon(%q) = %v, ContainsAny %v", l, got, want)
	}
	return got
}

// FuzzHasColonSame compares them on any text.
func FuzzHasColonSame(f *testing.F) {
	for _, s := range []string{"发布机构：松岭县教育局", "来源:局", "\xef\xbc", "\xe4\xef\xbc\x9a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, l string) { sameColon(t, l) })
}
