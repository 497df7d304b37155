package transform

import (
	"strings"
	"testing"
)

// TestNumberingMarkSame compares numberingMark with
// strings.IndexAny(s, "、.．"), which it replaces, on the first 9 bytes
// of the diff corpus's texts (as stripNumbering asks) and on the marks
// among numerals, cut characters and bytes that are not UTF-8.
func TestNumberingMarkSame(t *testing.T) {
	var texts []string
	for _, l := range diffTexts(t) {
		texts = append(texts, l, l[:min(len(l), 9)])
	}
	for _, a := range []string{"", "一", "1", "十二", "(一)", "\xe3", "\xe3\x80", "\xef\xbc", "\xff", "\x80"} {
		for _, m := range []string{"、", ".", "．", "\xe3\x80", "\xef\xbc", "\x80\x81", "\xbc\x8e", "。", "，", ""} {
			for _, b := range []string{"", "主动公开", "\x81", "\x8e", "\xff", "、"} {
				texts = append(texts, a+m+b)
			}
		}
	}
	sameOnAll(t, texts, 200, sameNumberingMark)
}

// sameNumberingMark compares numberingMark with IndexAny on s, and
// reports whether s holds a mark.
func sameNumberingMark(t testing.TB, s string) bool {
	t.Helper()
	got, want := numberingMark(s), strings.IndexAny(s, "、.．")
	if got != want {
		t.Fatalf("numberingMark(%q) = %d, IndexAny %d", s, got, want)
	}
	return got >= 0
}

// FuzzNumberingMarkSame compares them on any text.
func FuzzNumberingMarkSame(f *testing.F) {
	for _, s := range []string{"一、主动公开", "(一)行政许可", "1．", "\xe4\xe3\x80\x81", "12.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameNumberingMark(t, s) })
}
