package division

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// reEthnic is what aliasesOf matched names with before matchEthnic.
var reEthnic = regexp.MustCompile(`^(.+?)(蒙古|藏|回|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族.*自治(州|县|旗)$`)

// mayBeEthnic is false for a name reEthnic cannot match (it ends in 自治州,
// 自治县 or 自治旗 with 族 before): aliasesOf asked it before reEthnic, which,
// backtracking, took a tenth of a second to reject most of the table's
// names at every start of the program.
func mayBeEthnic(name string) bool {
	return (strings.HasSuffix(name, "自治州") || strings.HasSuffix(name, "自治县") || strings.HasSuffix(name, "自治旗")) &&
		strings.Contains(name, "族")
}

// sameEthnic compares matchEthnic with reEthnic on a name. A name
// mayBeEthnic rejects, which reEthnic never matches (TestMayBeEthnic,
// FuzzMayBeEthnic), must not match: running reEthnic on the table's every
// name took a minute.
func sameEthnic(t *testing.T, name string) bool {
	t.Helper()
	place, kind, ok := matchEthnic(name)
	if !mayBeEthnic(name) {
		if ok {
			t.Fatalf("matchEthnic(%q) = %q, %q; reEthnic finds nothing", name, place, kind)
		}
		return false
	}
	m := reEthnic.FindStringSubmatch(name)
	if ok != (m != nil) || ok && (place != m[1] || kind != m[3]) {
		t.Fatalf("matchEthnic(%q) = %q, %q, %v; reEthnic finds %q", name, place, kind, ok, m)
	}
	return ok
}

// TestMatchEthnic: every name of the table, and names made from them with
// other groups, kinds, newlines and bytes that are not UTF-8, are read by
// matchEthnic as reEthnic reads them.
func TestMatchEthnic(t *testing.T) {
	x := load()
	matched := 0
	i := 0
	for name := range x.nameMap() {
		ss := []string{name, name + "自治县", "苗族" + name + "自治旗", name + "土家族苗族自治州"}
		if i++; i%10 == 0 {
			ss = append(ss, "土"+name+"族自治县", "延边\n"+name+"族自治州", name+"\xff族自治州", "\xff"+name, name[:len(name)-1]+"自治州")
		}
		for _, s := range ss {
			if sameEthnic(t, s) {
				matched++
			}
		}
	}
	for _, s := range []string{"", "自治州", "族自治州", "藏族自治州", "a藏族自治州", "a藏族自治", "a藏族a自治旗", "a藏族自治州\n", "\n藏族自治州",
		"a哈萨克族自治州", "a哈尼哈萨克族自治县", "土家族自治县", "a土家族苗族自治州", "\xe8藏族自治州", "a藏\xe6族自治州", "a藏族自治州自治县"} {
		sameEthnic(t, s)
	}
	if matched < 1000 {
		t.Fatalf("only %d names match reEthnic: the test covers nothing", matched)
	}
}

func FuzzMatchEthnic(f *testing.F) {
	f.Add("延边朝鲜族自治州")
	f.Add("族自治县")
	f.Add("a土家族苗族自治州")
	f.Fuzz(func(t *testing.T, name string) {
		place, kind, ok := matchEthnic(name)
		m := reEthnic.FindStringSubmatch(name)
		if ok != (m != nil) || ok && (place != m[1] || kind != m[3]) {
			t.Fatalf("matchEthnic(%q) = %q, %q, %v; reEthnic finds %q", name, place, kind, ok, m)
		}
	})
}

func FuzzMayBeEthnic(f *testing.F) {
	f.Add("延边朝鲜族自治州")
	f.Add("族自治县")
	f.Fuzz(func(t *testing.T, name string) {
		if reEthnic.MatchString(name) && !mayBeEthnic(name) {
			t.Fatalf("%q matches reEthnic but mayBeEthnic rejects it", name)
		}
	})
}

// TestMayBeEthnic: no name of the table, nor a constructed one, that
// mayBeEthnic rejects matches reEthnic, and the names it matches are let
// through (oldAliasesOf asks mayBeEthnic first).
func TestMayBeEthnic(t *testing.T) {
	x := load()
	matched := 0
	check := func(name string) {
		t.Helper()
		if reEthnic.MatchString(name) {
			matched++
			if !mayBeEthnic(name) {
				t.Fatalf("%q matches reEthnic but mayBeEthnic rejects it", name)
			}
		}
	}
	for _, n := range x.atNodes() {
		if n == nil {
			continue
		}
		check(n.Name)
		check(n.Name + "自治县")
		check("苗族" + n.Name + "自治旗")
	}
	if matched < 100 {
		t.Fatalf("only %d names match reEthnic: the test covers nothing", matched)
	}
}

// FuzzAliasesOf: the aliases of a division of any name and level are
// those oldAliasesOf gave.
func FuzzAliasesOf(f *testing.F) {
	f.Add("延边朝鲜族自治州", 1)
	f.Add("均禾街道", 4)
	f.Add("广西壮族自治区", 0)
	f.Add("\xff街道", 4)
	f.Add("a街道", 4)
	levels := []string{LevelProvince, LevelCity, LevelCounty, LevelTownship}
	f.Fuzz(func(t *testing.T, name string, level int) {
		n := &Node{Name: name, Level: levels[uint(level)%4]}
		if got, want := aliasesOf(n), oldAliasesOf(n); !reflect.DeepEqual(got, want) {
			t.Fatalf("aliasesOf(%q, %s) = %q, before %q", name, n.Level, got, want)
		}
	})
}

// TestTwoOrMore: twoOrMore is utf8.RuneCountInString(s) >= 2.
func TestTwoOrMore(t *testing.T) {
	for _, s := range []string{"", "a", "ab", "北", "北京", "\xff", "\xff\xff", "\xe5\x8c", "\xe5\x8c\x97", "北\xff", "\U0001F600", "\U0001F600a"} {
		if twoOrMore(s) != (utf8.RuneCountInString(s) >= 2) {
			t.Errorf("twoOrMore(%q) = %v", s, twoOrMore(s))
		}
	}
}
