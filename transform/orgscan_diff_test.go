package transform

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
)

// orgsInText collects every name nextOrgInText finds in l, as frequentOrg
// walks them.
func orgsInText(l string) [][2]int {
	var out [][2]int
	for from := 0; ; {
		s, e, ok := nextOrgInText(l, from)
		if !ok {
			return out
		}
		out = append(out, [2]int{s, e})
		from = e
	}
}

// sameOrgScan compares nextOrgInText with the regexp it replaces,
// orgInTextAt at every byte with its former version, and mayLeadOrg with
// reOrgLead, on one text.
func sameOrgScan(t *testing.T, l string) {
	t.Helper()
	if got, want := orgsInText(l), oldOrgsInText(l); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("nextOrgInText(%q) finds %v, the regexp %v", l, got, want)
	}
	for p := 0; p <= len(l); p++ {
		e, ok := orgInTextAt(l, p)
		if we, wok := prevOrgInTextAt(l, p); e != we || ok != wok {
			t.Fatalf("orgInTextAt(%q, %d) = %d %v, was %d %v", l, p, e, ok, we, wok)
		}
	}
	if !mayLeadOrg(l) && reOrgLead.MatchString(l) {
		t.Fatalf("mayLeadOrg(%q) is false, but reOrgLead matches %q", l, reOrgLead.FindString(l))
	}
}

// orgScanEdges are texts made to sit at the edges of both patterns: name
// lengths around 2 and 8, every ending and verb, each delimiter, the start
// of the line, brackets, bytes that are not UTF-8.
func orgScanEdges() []string {
	var out []string
	delims := []string{"", "，", "。", "、", "；", "：", ",", ".", ";", ":", "\t", "\n", "\f", "\r", " ", "\v", "（", "）", "(", ")", "《", "》", "“", "”", "x", "\xff", "1"}
	for _, d := range delims {
		for n := 0; n <= 10; n++ {
			for _, suf := range orgSuffixesInText {
				name := strings.Repeat("茅", n) + suf
				out = append(out, d+name, "甲"+d+name+"乙", d+name+d+name, d+strings.Repeat("镇", n)+suf+"镇", d+name+"\xff"+d+name)
			}
		}
	}
	ends := []string{"人民政府", "办事处", "委员会", "管委会", "办公室", "办公厅", "局", "厅", "委", "办", "中心", "院", "所", "部", "署", "馆", "站", "队", "处", "街道", "镇", "乡"}
	for _, e := range ends {
		for _, v := range leadOrgVerbs {
			for _, pre := range []string{"", "2022年，", "，", "x"} {
				out = append(out, pre+"松岭县交通"+e+v+"工作", pre+"松岭"+e+"(档案馆)"+v, pre+"岭"+e+v, pre+"松岭县交通"+e+"，"+v)
			}
		}
	}
	return append(out, "", "镇", "街道", "甲乙街道办事处", "，城乡建设", "住房和城乡建设局坚持", "\xff\xff镇", "茅草街镇人民政府", "茅草街镇", "局)坚持")
}

// TestOrgScanSameAsRegexp: over the diff corpus (orgTexts: every distinct
// compact line, its clauses and cuts of them) and the edge texts, nextOrgInText finds what
// reOrgInText found, and mayLeadOrg never turns away a line reOrgLead
// matches.
func TestOrgScanSameAsRegexp(t *testing.T) {
	texts := append(diffTexts(t), orgScanEdges()...)
	found, lead := 0, 0
	for _, l := range texts {
		sameOrgScan(t, l)
		if len(orgsInText(l)) > 0 {
			found++
		}
		if reOrgLead.MatchString(l) {
			lead++
		}
	}
	// The comparison means something only if both patterns match often.
	if len(texts) < 10000 || found < 1000 || lead < 200 {
		t.Fatalf("%d texts, %d with a township, %d with a leading organ", len(texts), found, lead)
	}
}

// TestOrgEndingsLead: every ending begins with one of the characters
// orgInTextAt looks for before it tries them.
func TestOrgEndingsLead(t *testing.T) {
	for _, s := range orgSuffixesInText {
		if !strings.HasPrefix(s, "街") && !strings.HasPrefix(s, "镇") && !strings.HasPrefix(s, "乡") {
			t.Fatalf("ending %q begins with none of 街, 镇, 乡", s)
		}
	}
}

// TestHanStartsAt2E80: orgInTextAt skips the Han table below U+2E80.
func TestHanStartsAt2E80(t *testing.T) {
	for r := rune(0); r < 0x2e80; r++ {
		if unicode.Is(unicode.Han, r) {
			t.Fatalf("%U is Han", r)
		}
	}
}

// FuzzOrgScan compares nextOrgInText and mayLeadOrg with the regexps on
// any text.
func FuzzOrgScan(f *testing.F) {
	for _, s := range []string{"，茅草街镇严格依照", "2022年，松岭县交通运输局坚持以", "甲乙街道办事处", "松岭局(档案馆)坚持", "\xff镇镇镇", "(城乡镇)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameOrgScan(t, s) })
}
