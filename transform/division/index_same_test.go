package division

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
)

// oldIndexOnce is the index oldBuild makes with its names stripped
// (stripNames), and its codes, built once.
var oldIndexOnce = sync.OnceValues(func() (*index, map[string]*Node) {
	x, nodes, err := oldBuild(table)
	if err != nil {
		panic(err)
	}
	if x, err = stripNames(x); err != nil {
		panic(err)
	}
	return x, nodes
})

// nodeKey names a node of either index by its code and its parents'.
func nodeKey(n *Node) string {
	if n == nil {
		return "<nil>"
	}
	s := n.Code + " " + n.Name + " " + n.Level
	for p := n.Parent; p != nil; p = p.Parent {
		s += " < " + p.Code
	}
	return s
}

// resultKey is a Result with its ambiguous nodes named (nodeKey).
func resultKey(r Result) string {
	var ns []string
	for _, n := range r.Ambiguous {
		ns = append(ns, nodeKey(n))
	}
	r.Ambiguous = nil
	return fmt.Sprintf("%+v %q", r, ns)
}

// matchesKey names what prefixes found.
func matchesKey(ms []match) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.name + ":")
		for _, n := range m.nodes {
			b.WriteString("[" + nodeKey(n) + "]")
		}
	}
	return b.String()
}

// sameLookups compares what the index build makes and the one oldBuild
// makes answer for a string: the names at its start, under no parent and
// under the first name's divisions, the organ it names under a context
// and a text, and the division of a code.
func sameLookups(t testing.TB, x, old *index, s, ctx, text string) {
	t.Helper()
	if g, w := matchesKey(x.prefixes(s, nil)), matchesKey(old.prefixes(s, nil)); g != w {
		t.Fatalf("prefixes(%q) = %s, before %s", s, g, w)
	}
	if ms, oms := x.prefixes(s, nil), old.prefixes(s, nil); len(ms) > 0 && len(oms) > 0 {
		rest := s[len(ms[0].name):]
		for i := range ms[0].nodes {
			if g, w := matchesKey(x.prefixes(rest, ms[0].nodes[i])), matchesKey(old.prefixes(rest, oms[0].nodes[i])); g != w {
				t.Fatalf("prefixes(%q) under %s = %s, before %s", rest, nodeKey(ms[0].nodes[i]), g, w)
			}
		}
	}
	in := Input{Agency: s, Context: ctx, Text: text}
	if g, w := resultKey(x.resolve(in)), resultKey(old.resolve(in)); g != w {
		t.Fatalf("resolve(%+v) = %s, before %s", in, g, w)
	}
	_, nodes := oldIndexOnce()
	if g, w := nodeKey(x.lookup(s)), nodeKey(oldLookup(nodes, s)); g != w {
		t.Fatalf("lookup(%q) = %s, before %s", s, g, w)
	}
}

// TestLookupsSameAsBefore: every name of the table (its divisions' names,
// aliases, former names and zones), alone, as an organ and (one in five)
// with a parent before it, is found and resolved in the index build makes
// as in the one oldBuild makes, and every code is looked up the same.
func TestLookupsSameAsBefore(t *testing.T) {
	x := load()
	old, nodes := oldIndexOnce()
	names := make([]string, 0, len(old.byName))
	for n := range old.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) != len(x.names.ents) {
		t.Fatalf("%d names, before %d", len(x.names.ents), len(names))
	}
	resolved := 0
	for i, name := range names {
		ns := old.byName[name]
		parent := ""
		if p := ns[0].Parent; p != nil {
			parent = p.Name
		}
		sameLookups(t, x, old, name, "", "")
		sameLookups(t, x, old, name+"人民政府", parent, "")
		if i%5 == 0 {
			sameLookups(t, x, old, parent+name+"教育局", "", names[(i*7919)%len(names)])
		}
		if x.resolve(Input{Agency: name + "人民政府", Context: parent}).Code != "" {
			resolved++
		}
	}
	for code := range nodes {
		for _, c := range []string{code, (code + "000000000000")[:12], code + "0"} {
			if g, w := nodeKey(x.lookup(c)), nodeKey(oldLookup(nodes, c)); g != w {
				t.Fatalf("lookup(%q) = %s, before %s", c, g, w)
			}
		}
	}
	if resolved < len(names)/2 {
		t.Fatalf("%d of %d names resolved: the test covers little", resolved, len(names))
	}
}

// FuzzLookupsSameAsBefore: any organ, context and text are found,
// resolved and looked up in the index build makes as in the one oldBuild
// makes.
func FuzzLookupsSameAsBefore(f *testing.F) {
	f.Add("城关镇人民政府", "清水河县/城关镇2021.pdf", "和林格尔县委")
	f.Add("延边州教育局", "", "")
	f.Add("内蒙古自治区呼和浩特市", "", "")
	f.Add("110101001000", "", "")
	f.Add("4419", "", "")
	f.Add("新华区人民政府", "石家庄市", "\xff")
	x := load()
	old, _ := oldIndexOnce()
	f.Fuzz(func(t *testing.T, s, ctx, text string) {
		sameLookups(t, x, old, s, ctx, text)
	})
}
