package division

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sameKind compares trimOrganPrefix, townshipOrgan, isGeneralOffice and
// isDepartment with the regexps they replace on s, and returns how many
// of the regexps matched.
func sameKind(t testing.TB, s string) int {
	t.Helper()
	n := 0
	if got, want := trimOrganPrefix(s), rePrefix.ReplaceAllString(s, ""); got != want {
		t.Fatalf("trimOrganPrefix(%q) = %q, the regexp %q", s, got, want)
	}
	if rePrefix.MatchString(s) {
		n++
	}
	m := reTownship.FindStringSubmatch(s)
	if organ, ok := townshipOrgan(s); ok != (m != nil) || ok && organ != m[2] {
		t.Fatalf("townshipOrgan(%q) = %q %v, the regexp %q", s, organ, ok, m)
	}
	if m != nil {
		n++
	}
	for _, c := range []struct {
		name string
		got  bool
		want bool
	}{{"isGeneralOffice", isGeneralOffice(s), reOffice.MatchString(s)}, {"isDepartment", isDepartment(s), reDept.MatchString(s)}} {
		if c.got != c.want {
			t.Fatalf("%s(%q) = %v, the regexp %v", c.name, s, c.got, c.want)
		}
		if c.want {
			n++
		}
	}
	return n
}

// kindTexts are the organs of testdata/organs.tsv, the names of the
// divisions, and both with the words the regexps look for before and
// after them, cut short, and with bytes that are not UTF-8.
func kindTexts(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "organs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range strings.Split(string(b), "\n") {
		if a, _, _ := strings.Cut(l, "\t"); a != "" && !strings.HasPrefix(a, "#") {
			names = append(names, a, stripSpace(a))
		}
	}
	x := load()
	for name := range x.nameMap() {
		names = append(names, name)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	ends := append([]string{"", "人民政府", "政府", "办事处", "街道办事处", "人民政府办公厅", "政府办公室", "政府办", "镇", "乡", "街道", "镇人民政府", "街道办事处x",
		"镇政府\xff", "委员会", "办公", "\xe5\xb1", "门户网站"}, departmentEnds[:]...)
	var texts []string
	for i, name := range names {
		texts = append(texts, name)
		if i%7 != 0 {
			continue // every name alone, a seventh of them with each end
		}
		for _, e := range ends {
			texts = append(texts, name+e)
		}
		for _, p := range organPrefixes {
			texts = append(texts, p+name, p+p+name)
		}
	}
	han := func(k int) string { return strings.Repeat("城", k) }
	for k := 0; k <= 8; k++ {
		for _, unit := range []string{"镇", "乡", "街道", "街", "村", "镇镇", "乡街道"} {
			for _, e := range []string{"", "人民政府", "政府", "办事处", "街道办事处", "人民", "政府x", "办事处办事处", "\xff", "a"} {
				texts = append(texts, han(k)+unit+e, "a"+han(k)+unit+e, han(k)+"\xff"+unit+e, han(k)+"１"+unit+e)
			}
		}
	}
	for _, s := range []string{"", "中", "中共", "中国共产党", "国家税务总局", "中共中央", "中国共产", "国家税务", "x中共", "\xff中共"} {
		texts = append(texts, s, s+"北京市委员会")
	}
	for _, s := range []string{"政府办公厅", "政府办公室", "人民政府办公厅", "人民政府办公室", "政府办", "人民政府办", "政府办公", "人民政府办公", "政府办公厅x", "x政府办公厅", "人民人民政府办公厅"} {
		texts = append(texts, s, s+"\n", "\n"+s)
	}
	for _, e := range departmentEnds {
		texts = append(texts, e, "x"+e, "\xe5"+e, e+"\n", e[1:], e[:len(e)-1], "\xff"+e[1:])
	}
	return texts
}

// TestKindSameAsRegexp: over kindTexts the matchers say what the regexps
// said, and each regexp matches often enough for that to mean something.
func TestKindSameAsRegexp(t *testing.T) {
	texts := kindTexts(t)
	matched := 0
	for _, s := range texts {
		matched += sameKind(t, s)
	}
	if matched < 10000 {
		t.Fatalf("%d texts, %d matches: too few", len(texts), matched)
	}
	t.Logf("%d texts, %d matches", len(texts), matched)
}

// FuzzKind compares the matchers with the regexps they replace on any
// text.
func FuzzKind(f *testing.F) {
	for _, s := range []string{"城关镇人民政府", "中共南京市委员会", "政府办公厅", "人民政府办公室", "教育局", "滨海新区城关镇街道办事处", "\xff镇", "城城城城城城城镇"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameKind(t, s) })
}
