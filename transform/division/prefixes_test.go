package division

import (
	"math/rand"
	"reflect"
	"sort"
	"testing"
)

// refPrefixes is prefixes before lengths: every length from the longest
// name down to 2, each prefix converted from runes and looked up.
func (x *index) refPrefixes(s string, parent *Node) []match {
	var out []match
	rs := []rune(s)
	max := x.maxLen
	if len(rs) < max {
		max = len(rs)
	}
	for l := max; l >= 2; l-- {
		name := string(rs[:l])
		var ns []*Node
		for _, i := range x.names.get(name) {
			if n := &x.nodes[i]; parent == nil || (n != parent && ancestorOf(parent, n)) {
				ns = append(ns, n)
			}
		}
		if len(ns) > 0 {
			out = append(out, match{ns, name})
		}
	}
	return out
}

func samePrefixes(t testing.TB, x *index, s string, parent *Node) {
	t.Helper()
	got, want := x.prefixes(s, parent), x.refPrefixes(s, parent)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("prefixes(%q, %v): %v, want %v", s, parent, got, want)
	}
}

// TestPrefixesSameAsBefore: for every name of the table followed by
// another name, an organ or nothing, cut short, with bytes that are not
// UTF-8, and under parents or none, prefixes finds what the former
// prefixes found.
func TestPrefixesSameAsBefore(t *testing.T) {
	x := load()
	byName := x.nameMap()
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	rng := rand.New(rand.NewSource(1))
	tails := []string{"", "人民政府", "教育局", "\xff", "街道办事处", "a", "市"}
	found := 0
	for i, name := range names {
		parent := (*Node)(nil)
		if ns := byName[name]; i%3 == 0 && ns[0].Parent != nil {
			parent = ns[0].Parent
		}
		other := names[rng.Intn(len(names))]
		for _, s := range []string{name, name + other, name + tails[i%len(tails)], other + name, name[:len(name)-1], "\xff" + name, name[:3] + "\xe5" + name[3:]} {
			samePrefixes(t, x, s, parent)
			samePrefixes(t, x, s, nil)
		}
		found += len(x.prefixes(name, nil))
	}
	if found < len(names) {
		t.Fatalf("%d names found among %d: the test covers nothing", found, len(names))
	}
}

// FuzzPrefixesSameAsBefore: any string, under no parent and under the
// division of its first name, gives what the former prefixes gave.
func FuzzPrefixesSameAsBefore(f *testing.F) {
	for _, s := range []string{"北京市海淀区人民政府", "城关镇人民政府", "广西自治区", "\xff\xfe", "内蒙古自治区呼和浩特市", "a"} {
		f.Add(s)
	}
	x := load()
	f.Fuzz(func(t *testing.T, s string) {
		samePrefixes(t, x, s, nil)
		if ms := x.refPrefixes(s, nil); len(ms) > 0 {
			samePrefixes(t, x, s[len(ms[0].name):], ms[0].nodes[0])
		}
	})
}
