package division

import (
	"bufio"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// oldBuild is build as it was before it read the table as one string,
// with its nodes in one array and its maps made at their size, and before
// it found parents and codes in its list of codes rather than a map of
// them (which it returns beside the index: oldLookup reads it); it took
// the table gzip'd, and reads the text now embedded the same way:
// TestBuildSameAsBefore compares the indexes the two make.
func oldBuild(text string) (*index, map[string]*Node, error) {
	x := &oldIndex{index: &index{byName: map[string][]*Node{}, via: map[*Node]map[string]string{},
		lengths: map[uint64]uint64{}}, nodes: map[string]*Node{}}
	// The nodes are kept in one array, as the names table takes them.
	all := make([]Node, 0, strings.Count(text, "\n")+1)
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		code, name, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, nil, fmt.Errorf("bad line %q", sc.Text())
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
			return nil, nil, fmt.Errorf("bad code %q", code)
		}
		if n.Parent == nil && n.Level != LevelProvince {
			return nil, nil, fmt.Errorf("no parent for %s", code)
		}
		all = append(all, *n)
		n = &all[len(all)-1]
		x.nodes[code] = n
		x.add(name, n, "")
		for _, a := range oldAliasesOf(n) {
			x.add(a, n, "")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	for _, a := range formerNames {
		n := x.nodes[a.code]
		if n == nil {
			return nil, nil, fmt.Errorf("former name %s: no division %s", a.name, a.code)
		}
		x.add(a.name, n, "former name")
	}
	for _, z := range zones {
		n := x.nodes[z.code]
		if n == nil {
			return nil, nil, fmt.Errorf("zone %s: no division %s", z.name, z.code)
		}
		x.add(z.name, n, "zone alias")
	}
	// prefixes cuts names from s by characters decoded one by one: a
	// name must be valid UTF-8 to be found, and short enough for lengths.
	for name := range x.byName {
		if !utf8.ValidString(name) || strings.ContainsRune(name, utf8.RuneError) {
			return nil, nil, fmt.Errorf("name %q is not valid UTF-8", name)
		}
	}
	if x.maxLen >= 64 {
		return nil, nil, fmt.Errorf("a name of %d characters: prefixes takes 63 at most", x.maxLen)
	}
	x.short = map[*Node]string{}
	for _, n := range x.nodes {
		if n.Level != LevelTownship {
			x.short[n] = oldShortName(n.Name)
		}
	}
	if err := x.setNames(all); err != nil {
		return nil, nil, err
	}
	return x.index, x.nodes, nil
}

// oldIndex is the index with its map of codes, as oldBuild makes it.
type oldIndex struct {
	*index
	nodes map[string]*Node // by code
}

// add is index.add before it took the lists of one node from one array
// and checked the names' UTF-8.
func (x *oldIndex) add(name string, n *Node, via string) {
	for _, m := range x.byName[name] {
		if m == n {
			return
		}
	}
	x.byName[name] = append(x.byName[name], n)
	l := utf8.RuneCountInString(name)
	if l > x.maxLen {
		x.maxLen = l
	}
	if l >= 2 && l < 64 {
		r0, w := utf8.DecodeRuneInString(name)
		r1, _ := utf8.DecodeRuneInString(name[w:])
		x.lengths[pairKey(r0, r1)] |= 1 << l
	}
	if via != "" {
		if x.via[n] == nil {
			x.via[n] = map[string]string{}
		}
		x.via[n][name] = via
	}
}

// stripNames is the index old with its names stripped (stripSpace), as
// build adds them: the index oldBuild makes is the one build made before
// it did, and the two compare once its names are stripped. It fails when
// two names become one, which would order their nodes by the names.
func stripNames(old *index) (*index, error) {
	x := &index{codes: old.codes, at: old.at, byName: make(map[string][]*Node, len(old.byName)),
		via: map[*Node]map[string]string{}, lengths: map[uint64]uint64{}, short: old.short}
	for name, ns := range old.byName {
		s := stripSpace(name)
		if _, ok := x.byName[s]; ok {
			return nil, fmt.Errorf("%q and another name are %q stripped", name, s)
		}
		x.byName[s] = ns
		l := utf8.RuneCountInString(s)
		if l > x.maxLen {
			x.maxLen = l
		}
		if l >= 2 && l < 64 {
			r0, w := utf8.DecodeRuneInString(s)
			r1, _ := utf8.DecodeRuneInString(s[w:])
			x.lengths[pairKey(r0, r1)] |= 1 << l
		}
	}
	for n, vs := range old.via {
		x.via[n] = map[string]string{}
		for name, via := range vs {
			x.via[n][stripSpace(name)] = via
		}
	}
	if err := x.setNames(old.nodes); err != nil {
		return nil, err
	}
	return x, nil
}

// oldLookup is Lookup in the codes of oldBuild.
func oldLookup(nodes map[string]*Node, code string) *Node {
	c := strings.TrimRight(code, "0")
	for _, l := range []int{2, 4, 6, 9} {
		if len(c) <= l {
			if n := nodes[(code + "000000000000")[:l]]; n != nil && n.Code == (code + "000000000000")[:12] {
				return n
			}
		}
	}
	return nil
}

var reOldRegion = regexp.MustCompile(`^(内蒙古|广西|西藏|宁夏|新疆)`)

// oldShortName is shortName before it found the regions without a
// regular expression.
func oldShortName(n string) string {
	if m := reOldRegion.FindStringSubmatch(n); m != nil {
		return m[1]
	}
	for _, suf := range []string{"省", "市", "地区", "盟"} {
		if s, ok := strings.CutSuffix(n, suf); ok && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return n
}

// oldAliasesOf is aliasesOf with oldShortName.
func oldAliasesOf(n *Node) []string {
	var as []string
	if mayBeEthnic(n.Name) {
		if m := reEthnic.FindStringSubmatch(n.Name); m != nil {
			as = append(as, m[1]+m[3])
		}
	}
	if n.Level == LevelTownship && strings.HasSuffix(n.Name, "街道") && utf8.RuneCountInString(n.Name) >= 4 {
		as = append(as, strings.TrimSuffix(n.Name, "道"))
	}
	if n.Level == LevelProvince {
		as = append(as, oldShortName(n.Name))
	}
	if n.Level == LevelProvince && strings.HasSuffix(n.Name, "自治区") {
		for _, e := range []string{"壮族", "回族", "维吾尔"} {
			if i := strings.Index(n.Name, e); i > 0 {
				as = append(as, n.Name[:i]+"自治区")
			}
		}
	}
	return as
}

// TestBuildSameAsBefore: build and oldBuild make the same index from the
// embedded table: the same divisions under the same codes and parents, the
// same names, aliases and their lengths, the same short names and notes.
func TestBuildSameAsBefore(t *testing.T) {
	got, err := build(table)
	if err != nil {
		t.Fatal(err)
	}
	want, wantNodes, err := oldBuild(table)
	if err != nil {
		t.Fatal(err)
	}
	if want, err = stripNames(want); err != nil {
		t.Fatal(err)
	}
	gotNodes := map[string]*Node{}
	codes, at := got.codeList(), got.atNodes()
	for i, c := range codes {
		gotNodes[c] = at[i]
	}
	if len(gotNodes) != len(codes) || len(at) != len(codes) {
		t.Fatalf("%d codes, %d of them different, %d divisions", len(codes), len(gotNodes), len(at))
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
	flat := func(x *index, nodes map[string]*Node, byName map[string][]*Node) map[string]string {
		m := map[string]string{}
		for k, n := range nodes {
			m["node "+k] = node(n)
		}
		for k, ns := range byName {
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
	// The index's names from its table, the ones before from their map.
	g, w := flat(got, gotNodes, got.nameMap()), flat(want, wantNodes, want.byName)
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
	// A name's divisions are a slice of the table's list, capped at their
	// number: appending to it must copy, never write into a neighbour's.
	single := 0
	for _, e := range got.names.ents {
		name := got.names.text[e.off:e.end]
		if ns := got.names.get(name); cap(ns) != len(ns) || len(ns) != int(e.to-e.from) {
			t.Fatalf("%s: a list of %d divisions with room for %d", name, len(ns), cap(ns))
		}
		if e.to-e.from == 1 {
			single++
		}
	}
	if single < 30000 {
		t.Errorf("only %d names of one node", single)
	}
}

// TestBuildBadTables: a table build cannot read is refused as before.
func TestBuildBadTables(t *testing.T) {
	for _, tc := range []string{"11\t北京市\nxx", "11\t北京市\n1101\t市辖区\n110101001\t某街道\n", "123\t某地\n", "11\t北京市\n\n1101\t某市\n",
		table + "659999999\t某镇\n"} {
		_, err := build(tc)
		_, _, errOld := oldBuild(tc)
		if err == nil || errOld == nil || err.Error() != errOld.Error() {
			t.Errorf("%.40q: %v, before %v", tc, err, errOld)
		}
	}
	// A name that is not UTF-8, or holds U+FFFD, is refused naming it (or
	// its alias 东华门…街: oldBuild names either), even where stripping
	// its bracket joins its bytes into a character (北).
	for _, bad := range []string{"东华门\xff街道", "东华门\uFFFD街道", "东华门\xe5（\x8c\x97街道"} {
		tc := strings.Replace(table, "\t东华门街道\n", "\t"+bad+"\n", 1)
		_, err := build(tc)
		_, _, errOld := oldBuild(tc)
		want := fmt.Sprintf("name %q is not valid UTF-8", bad)
		if err == nil || errOld == nil || err.Error() != want || !strings.HasPrefix(errOld.Error(), want[:len(want)-len("道\" is not valid UTF-8")]) {
			t.Errorf("%q: %v, before %v", bad, err, errOld)
		}
	}
	// build finds parents among the codes just read: a table out of order
	// is refused, where the map of codes took it.
	if _, err := build("11\t北京市\n12\t天津市\n1101\t市辖区\n"); err == nil || !strings.Contains(err.Error(), "not sorted") {
		t.Errorf("a table out of order: %v", err)
	}
}

// sameScan compares scanName with what add found with the utf8 package's
// functions before.
func sameScan(t *testing.T, name string) {
	t.Helper()
	l, r0, r1, ok, strip := scanName(name)
	wantL := utf8.RuneCountInString(name)
	wantOK := utf8.ValidString(name) && !strings.ContainsRune(name, utf8.RuneError)
	wantStrip := stripSpace(name) != name
	if l != wantL || ok != wantOK || strip != wantStrip {
		t.Fatalf("scanName(%q) = %d characters, valid %v, strip %v; want %d, %v, %v", name, l, ok, strip, wantL, wantOK, wantStrip)
	}
	if l >= 2 {
		w0, w := utf8.DecodeRuneInString(name)
		w1, _ := utf8.DecodeRuneInString(name[w:])
		if r0 != w0 || r1 != w1 {
			t.Fatalf("scanName(%q) begins %U %U, want %U %U", name, r0, r1, w0, w1)
		}
	}
}

// TestScanName: scanName reads every name of the table, as it writes it
// and as it is indexed, and names with bytes that are not UTF-8, cut,
// surrogates, overlong and U+FFFD, and with what stripSpace drops, as the
// utf8 package and stripSpace do.
func TestScanName(t *testing.T) {
	x := load()
	names := make([]string, 0, len(x.names.ents)+len(x.atNode))
	for name := range x.nameMap() {
		names = append(names, name)
	}
	for _, n := range x.atNodes() {
		names = append(names, n.Name)
	}
	for _, name := range names {
		sameScan(t, name)
		for i := 1; i < len(name) && i < 7; i++ {
			sameScan(t, name[:len(name)-i])
			sameScan(t, name[i:])
		}
	}
	for _, s := range []string{"", "a", "ab", "\xff", "北\xff", "\uFFFD", "北\uFFFD京", "\xed\xa0\x80京", "\xe0\x80\x80", "\xe0\xa4\x80",
		"\xef\xbf\xbe", "\xee\x80\x80市", "\xf0\x9f\x98\x80市", "\xe1\x80", "北京\xe5", "\U0010FFFF",
		"中国（南京）软件谷", "（）", "北京 市", "“北京”", "《北京》", "【北京】", "北　京", "北\xef\xbc", "北\xe3\x80", "\xe2\x80\x98", "北、京", "\xe5（\x8c\x97", "\u3400京"} {
		sameScan(t, s)
	}
}

func FuzzScanName(f *testing.F) {
	for _, s := range []string{"北京市", "\uFFFD", "\xed\xa0\x80", "a\xe5\x8c", "延边州", "中国（南京）软件谷", "北\xef\xbc"} {
		f.Add(s)
	}
	f.Fuzz(sameScan)
}
