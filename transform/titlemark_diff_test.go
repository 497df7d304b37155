package transform

import (
	"strings"
	"testing"
)

// sameTitleMark compares titleMark with the strings.ContainsAny calls it
// replaces in isTitle, with and without 《, and reports whether s holds
// a mark.
func sameTitleMark(t testing.TB, s string) bool {
	t.Helper()
	got, want := titleMark(s, false), strings.ContainsAny(s, "。，,>＞»|")
	if got != want {
		t.Fatalf("titleMark(%q, false) = %v, ContainsAny %v", s, got, want)
	}
	gotBook, wantBook := titleMark(s, true), strings.ContainsAny(s, "。，,>＞»|《")
	if gotBook != wantBook {
		t.Fatalf("titleMark(%q, true) = %v, ContainsAny %v", s, gotBook, wantBook)
	}
	return got || gotBook
}

// titleMarkEdges are texts around each mark: whole, cut, at either end,
// beside bytes that are not UTF-8 and characters sharing its lead byte
// or its last bytes.
func titleMarkEdges() []string {
	marks := []string{"。", "，", ",", ">", "＞", "»", "|", "《", "》", "\xe3\x80", "\xef\xbc", "\xc2", "\xbb", "\xe3", "\xef",
		"\xe3\x80\x81", "\xef\xbc\x9f", "\xc2\xbc", "\xe4\xe3\x80\x82", "\xff", "\xc3\xbb", "\xe3\x81\x82", "\xef\xbd\x8c"}
	words := []string{"", "年度报告", "a", "报"}
	var out []string
	for _, a := range words {
		for _, m := range marks {
			for _, b := range words {
				out = append(out, a+m+b, m+a+m)
			}
		}
	}
	return out
}

// TestTitleMarkSame checks titleMark against ContainsAny on the
// differential corpus's texts and the edges.
func TestTitleMarkSame(t *testing.T) {
	sameOnAll(t, append(diffTexts(t), titleMarkEdges()...), 1000, sameTitleMark)
}

// FuzzTitleMarkSame compares them on any text.
func FuzzTitleMarkSame(f *testing.F) {
	for _, s := range titleMarkEdges() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameTitleMark(t, s) })
}
