package transform

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// oldArabicYears is arabicYears as it was, running the regexp over every
// text holding a 二.
func oldArabicYears(s string) string {
	if !strings.ContainsRune(s, '二') {
		return s
	}
	return reHanYear.ReplaceAllStringFunc(s, func(m string) string {
		var b []byte
		for _, r := range m {
			if d, ok := hanDigits[r]; ok {
				b = append(b, d)
			}
		}
		return string(b) + "年"
	})
}

// oldMayHoldHanYear is the test holdsHanYear replaces, which arabicYears
// ran before its regexp: a 二 followed by one of 〇零○Ｏ0O, found with
// strings.Index.
func oldMayHoldHanYear(s string) bool {
	for {
		i := strings.Index(s, "二")
		if i < 0 {
			return false
		}
		s = s[i+len("二"):]
		r, _ := utf8.DecodeRuneInString(s)
		switch r {
		case '〇', '零', '○', 'Ｏ', '0', 'O':
			return true
		}
	}
}

// oldUnitFragment is unitFragment as it was, taking the words out of
// every cell asked about.
func oldUnitFragment(c string) bool {
	u := unitWords.Replace(c)
	switch u {
	case "元", "万元", "亿元", "千元", "百万元", "千万元":
		return true
	case "万":
		return u != c
	}
	return false
}

// samePrefiltered compares, on s, the functions that skip a regexp when
// a text cannot match it, or no longer copy the text when it does not,
// with the regexps as they were run.
func samePrefiltered(t testing.TB, s string) {
	t.Helper()
	if got, want := arabicYears(s), oldArabicYears(s); got != want {
		t.Fatalf("arabicYears(%q) = %q, was %q", s, got, want)
	}
	if got, want := holdsHanYear(s), reHanYear.MatchString(s); got != want {
		t.Fatalf("holdsHanYear(%q) = %v, the regexp %v", s, got, want)
	}
	if holdsHanYear(s) && !oldMayHoldHanYear(s) {
		t.Fatalf("holdsHanYear(%q) holds where the test it replaces did not", s)
	}
	unbracketed := reBracketed.ReplaceAllString(s, "")
	if got, want := digitOutsideBrackets(s), strings.ContainsAny(unbracketed, "0123456789"); got != want {
		t.Fatalf("digitOutsideBrackets(%q) = %v, was %v", s, got, want)
	}
	if got, want := removeAll(reYearLead, s), reYearLead.ReplaceAllString(s, ""); got != want {
		t.Fatalf("removeAll(reYearLead, %q) = %q, was %q", s, got, want)
	}
	if got, want := unitFragment(s), oldUnitFragment(s); got != want {
		t.Fatalf("unitFragment(%q) = %v, was %v", s, got, want)
	}
	if got, want := removeAll(reBracketed, s), unbracketed; got != want {
		t.Fatalf("removeAll(reBracketed, %q) = %q, was %q", s, got, want)
	}
	// A regexp that matches the empty string too: removeAll is
	// ReplaceAllString(s, "") for it as well.
	if got, want := removeAll(reEmptyToo, s), reEmptyToo.ReplaceAllString(s, ""); got != want {
		t.Fatalf("removeAll(%v, %q) = %q, was %q", reEmptyToo, s, got, want)
	}
}

var reEmptyToo = regexp.MustCompile(`[0-9]*|\b|年?`)

// TestPrefilteredSame compares them over the diff corpus's texts and
// texts near the regexps' edges.
func TestPrefilteredSame(t *testing.T) {
	texts := diffTexts(t)
	for _, a := range []string{"二〇二二年", "二零二一年度", "二○二〇年", "二Ｏ二三年", "二0二二年", "二O二二年", "二二二二年", "二〇二二", "二\xe3〇二二年", "二", "二、主动公开", "第二十条",
		"二〇二", "二〇二二", "二〇二二\xe5\xb9", "二〇\xe4\xba二二年", "\xba\x8c〇二二年", "\x8c二〇二二年", "\xe4\xba二〇二二年", "二\xe4\xba\x8c〇二二年",
		"二二〇二二年", "二〇二〇二二年", "二〇二十年", "二OO二年", "二0○〇年", "二Ｏ九九年", "二〇Ｏ二年", "二〇二Ｏ年", "一〇二二年", "二〇二二月"} {
		for _, b := range []string{"", "本局", "2022年", "(第3条)", "（1）", "()", "(2", "3)", "关于2022年度", "2022年度报告"} {
			texts = append(texts, a+b, b+a, "关于"+a+b, "2022年"+b+a)
		}
	}
	for _, u := range []string{"元", "万元", "亿元", "千元", "百万元", "千万元", "万", "件"} {
		texts = append(texts, u, "("+u+")", "(单位:"+u+")", "单位："+u, u+")", "（"+u+"）", "("+u, "\xe5("+u[1:], "单("+u+"位")
	}
	texts = append(texts, "\xe5(\x85\x83", "\xe4(\xb8\x87", "\xe4\xb8(\x87", "信息内容(单位:件)", "信息内容（1）本年新制作数量", "(1)(2)3", "（（1））", "\xff(1)2", "")
	years, digits, units := 0, 0, 0
	for _, s := range texts {
		samePrefiltered(t, s)
		if oldUnitFragment(s) {
			units++
		}
		if reHanYear.MatchString(s) {
			years++
		}
		if hasDigit(reBracketed.ReplaceAllString(s, "")) {
			digits++
		}
	}
	if years < 20 || digits < 100 || units < 30 {
		t.Fatalf("%d texts, %d with a year in characters, %d with a digit outside brackets, %d units: too few to compare", len(texts), years, digits, units)
	}
}

// FuzzPrefilteredSame compares them on any text.
func FuzzPrefilteredSame(f *testing.F) {
	for _, s := range []string{"二〇二二年度报告", "第二十二〇二三年", "关于2022年度", "信息内容(单位:件)3", "二、主动公开（1）", "(单位:万元)", "\xe5(\x85\x83"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { samePrefiltered(t, s) })
}
