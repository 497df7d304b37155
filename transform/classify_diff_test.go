package transform

import (
	"strings"
	"testing"
)

// sameClassify compares classify with classifyCut on c.
func sameClassify(t testing.TB, c string) tokKind {
	t.Helper()
	got, want := classify(c), classifyCut(c)
	if got != want {
		t.Fatalf("classify(%q) = %v, was %v", c, got, want)
	}
	return want
}

// TestClassifySameAsBefore compares classify with its form before over
// the diff corpus's lines and their space-separated fields, and texts
// with 人民币 and 、 at their ends, whole, cut or near.
func TestClassifySameAsBefore(t *testing.T) {
	texts := diffTexts(t)
	for _, s := range diffTexts(t) {
		texts = append(texts, strings.Fields(s)...)
	}
	for _, a := range []string{"", "人民币", "人民", "人民币 ", "人民币人民币", "\xe4\xba\xba\xe6\xb0\x91\xe5\xb8", "RMB", "￥", "*", "“"} {
		for _, m := range []string{"", "12", "12.5万元", "一", "壹佰万元整", " 3", "/", "无", "3、", "1.", "×", "**4**"} {
			for _, b := range []string{"", "、", "\xe3\x80", "元", "*", "”", "人民币"} {
				texts = append(texts, a+m+b, m+a+b, b+a+m)
			}
		}
	}
	kinds := map[tokKind]int{}
	for _, c := range texts {
		kinds[sameClassify(t, c)]++
	}
	if kinds[tokValue] < 1000 || kinds[tokText] < 1000 {
		t.Fatalf("kinds %v: too few of one for the comparison to mean much", kinds)
	}
	t.Logf("%d texts, kinds %v", len(texts), kinds)
}

// FuzzClassifySameAsBefore compares classify with classifyCut on any text.
func FuzzClassifySameAsBefore(f *testing.F) {
	for _, s := range []string{"", "0", "人民币12.5万元", "人民币", "人民币 ", "3、", "壹佰万元整", "**48**", "332*", "人民币、"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) { sameClassify(t, c) })
}
