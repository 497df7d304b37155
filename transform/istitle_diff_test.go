package transform

import (
	"strings"
	"testing"
)

// oldIsTitle is isTitle as it was, measuring the line's length only
// after searching it.
func oldIsTitle(c string) bool {
	if strings.HasPrefix(c, "《") && strings.HasSuffix(c, "》") {
		c = strings.TrimSuffix(strings.TrimPrefix(c, "《"), "》")
	}
	if printsReport(c) {
		return fewerRunes(c, 81) && !strings.ContainsAny(c, "。，,>＞»|")
	}
	if strings.HasSuffix(c, "年报") && strings.Contains(c, "公开") && fewerRunes(c, 81) && !strings.ContainsAny(c, "。，,>＞»|《") {
		return true
	}
	if !strings.Contains(c, "报告") || !fewerRunes(c, 81) || strings.ContainsAny(c, "。，,>＞»|《") {
		return false
	}
	return strings.Contains(c, "年度报告") || strings.Contains(c, "工作报告") || strings.HasSuffix(c, "报告")
}

// TestIsTitleSame compares isTitle with oldIsTitle over the diff
// corpus's texts and titles of each wording padded to either side of 81
// characters, with and without 《》, a sentence's mark or a breadcrumb.
func TestIsTitleSame(t *testing.T) {
	texts := diffTexts(t)
	for _, w := range []string{"关于印发《松岭县2022年政府信息公开工作年度报告》的通知", "关于印发《年度报告格式》的通知", "2022年政务公开年报",
		"松岭县教育局2022年政府信息公开工作年度报告", "2022年政府信息公开工作报告", "政府信息公开报告", "报告", "年报", "报告》"} {
		for _, pad := range []int{0, 1, 40, 50, 51, 52, 53, 60, 78, 79, 80, 81, 82, 100, 300} {
			for _, p := range []string{strings.Repeat("局", pad), strings.Repeat("a", pad), strings.Repeat("局", pad/2) + strings.Repeat("a", pad-pad/2)} {
				for _, s := range []string{p + w, w + p, "《" + p + w + "》", p + "，" + w, p + w + "|", p + "\xff" + w} {
					texts = append(texts, s)
				}
			}
		}
	}
	sameOnAll(t, texts, 100, sameIsTitle)
}

// sameIsTitle compares isTitle with oldIsTitle on s, and reports whether
// s is a title.
func sameIsTitle(t testing.TB, s string) bool {
	t.Helper()
	got, want := isTitle(s), oldIsTitle(s)
	if got != want {
		t.Fatalf("isTitle(%q) = %v, was %v", s, got, want)
	}
	return got
}

// FuzzIsTitleSame compares them on any text.
func FuzzIsTitleSame(f *testing.F) {
	for _, s := range []string{"关于印发《松岭县2022年政府信息公开工作年度报告》的通知", "2022年政务公开年报", "《松岭县2022年度报告》", "工作报告，"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameIsTitle(t, s) })
}
