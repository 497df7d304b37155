package transform

import "testing"

// TestStripNumberingNearItsBounds: stripNumbering, which searches only a
// label's first bytes for a numeral's bracket and separator, reads as it
// did searching the whole label where they stand at the bounds (a
// separator at byte 6 or 7, a bracket at byte 10 or 11), where a
// character is cut at the end of the bytes searched, and after bytes
// that are not UTF-8.
func TestStripNumberingNearItsBounds(t *testing.T) {
	for _, c := range []string{
		"一二、自然人", "123456、其他", "1234567、其他", "一二．x", "一二三、", "十一二、x", "1.2.3", "12345.6",
		"(123456789)x", "(1234567890)x", "(一二三)、x", "(一)(二)、x", "(1)1、法人", "一、(二)三、x",
		"一二三", "一二三四", "1\xe3\x80", "12\xe3\x80\x81x", "1\xff、x", "(\xff)x", "一、" + "二、" + "三.",
		"(1)", "()", "(", "1", "1、", "一二三\xe3\x80\x81",
	} {
		if got, want := stripNumbering(c), oldStripNumbering(c); got != want {
			t.Errorf("stripNumbering(%q) = %q, searching the whole label %q", c, got, want)
		}
	}
}
