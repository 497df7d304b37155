package division

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// oldBuild is build as it was before it read the table as one string,
// with its nodes in one array and its maps made at their size:
// TestBuildSameAsBefore compares the indexes the two make.
func oldBuild(gz []byte) (*index, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	x := &index{nodes: map[string]*Node{}, byName: map[string][]*Node{}, via: map[*Node]map[string]string{},
		lengths: map[uint64]uint64{}}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		code, name, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("bad line %q", sc.Text())
		}
		full := (code + "000000000000")[:12]
		var n *Node
		switch len(code) {
		case 2:
			n = &Node{Code: full, Name: name, Level: LevelProvince}
		case 4:
			p := x.nodes[code[:2]]
			if placeholders[name] {
				x.nodes[code] = p
				continue
			}
			n = &Node{Code: full, Name: name, Level: LevelCity, Parent: p}
		case 6:
			p := x.nodes[code[:4]]
			if p != nil && p.Name == name && p.Level == LevelCity { // 东莞市 under 东莞市
				x.nodes[code] = p
				continue
			}
			n = &Node{Code: full, Name: name, Level: LevelCounty, Parent: p}
		case 9:
			n = &Node{Code: full, Name: name, Level: LevelTownship, Parent: x.nodes[code[:6]]}
		default:
			return nil, fmt.Errorf("bad code %q", code)
		}
		if n.Parent == nil && n.Level != LevelProvince {
			return nil, fmt.Errorf("no parent for %s", code)
		}
		x.nodes[code] = n
		x.add(name, n, "")
		for _, a := range aliasesOf(n) {
			x.add(a, n, "")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, a := range formerNames {
		n := x.nodes[a.code]
		if n == nil {
			return nil, fmt.Errorf("former name %s: no division %s", a.name, a.code)
		}
		x.add(a.name, n, "former name")
	}
	for _, z := range zones {
		n := x.nodes[z.code]
		if n == nil {
			return nil, fmt.Errorf("zone %s: no division %s", z.name, z.code)
		}
		x.add(z.name, n, "zone alias")
	}
	// prefixes cuts names from s by characters decoded one by one: a
	// name must be valid UTF-8 to be found, and short enough for lengths.
	for name := range x.byName {
		if !utf8.ValidString(name) || strings.ContainsRune(name, utf8.RuneError) {
			return nil, fmt.Errorf("name %q is not valid UTF-8", name)
		}
	}
	if x.maxLen >= 64 {
		return nil, fmt.Errorf("a name of %d characters: prefixes takes 63 at most", x.maxLen)
	}
	x.short = map[*Node]string{}
	for _, n := range x.nodes {
		if n.Level != LevelTownship {
			x.short[n] = shortName(n.Name)
		}
	}
	return x, nil
}

// TestBuildSameAsBefore: build and oldBuild make the same index from the
// embedded table: the same divisions under the same codes and parents, the
// same names, aliases and their lengths, the same short names and notes.
func TestBuildSameAsBefore(t *testing.T) {
	got, err := build(table)
	if err != nil {
		t.Fatal(err)
	}
	want, err := oldBuild(table)
	if err != nil {
		t.Fatal(err)
	}
	node := func(n *Node) string {
		if n == nil {
			return "<nil>"
		}
		s := n.Code + " " + n.Name + " " + n.Level
		for p := n.Parent; p != nil; p = p.Parent {
			s += " < " + p.Code + " " + p.Name + " " + p.Level
		}
		return s
	}
	flat := func(x *index) map[string]string {
		m := map[string]string{}
		for k, n := range x.nodes {
			m["node "+k] = node(n)
		}
		for k, ns := range x.byName {
			s := ""
			for _, n := range ns {
				s += "[" + node(n) + "]"
			}
			m["name "+k] = s
		}
		for k, v := range x.lengths {
			m[fmt.Sprintf("lengths %x", k)] = fmt.Sprintf("%x", v)
		}
		for n, vs := range x.via {
			for name, via := range vs {
				m["via "+node(n)+" "+name] = via
			}
		}
		for n, s := range x.short {
			m["short "+node(n)] = s
		}
		m["maxLen"] = fmt.Sprint(x.maxLen)
		return m
	}
	g, w := flat(got), flat(want)
	if len(g) != len(w) {
		t.Errorf("%d entries, want %d", len(g), len(w))
	}
	diffs := 0
	for k, v := range w {
		if g[k] != v {
			if diffs++; diffs <= 10 {
				t.Errorf("%s: %q, want %q", k, g[k], v)
			}
		}
	}
	for k := range g {
		if _, ok := w[k]; !ok {
			if diffs++; diffs <= 10 {
				t.Errorf("%s: %q, not in the index before", k, g[k])
			}
		}
	}
	if len(w) < 90000 {
		t.Errorf("only %d entries compared", len(w))
	}
	// A name's one node is a slice of a shared array, capped at its
	// length: appending to it must copy, never write into a neighbour's.
	single := 0
	for name, ns := range got.byName {
		if cap(ns) != len(ns) && len(ns) == 1 {
			t.Fatalf("%s: a list of one node with room for %d", name, cap(ns))
		}
		if len(ns) == 1 {
			single++
		}
	}
	if single < 30000 {
		t.Errorf("only %d names of one node", single)
	}
}

// TestBuildBadTables: a table build cannot read is refused as before.
func TestBuildBadTables(t *testing.T) {
	for _, tc := range []string{"11\t北京市\nxx", "11\t北京市\n1101\t市辖区\n110101001\t某街道\n", "123\t某地\n", "11\t北京市\n\n1101\t某市\n"} {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(tc))
		zw.Close()
		_, err := build(buf.Bytes())
		_, errOld := oldBuild(buf.Bytes())
		if err == nil || errOld == nil || err.Error() != errOld.Error() {
			t.Errorf("%q: %v, before %v", tc, err, errOld)
		}
	}
}
