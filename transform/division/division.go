package division

import (
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math/bits"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// table is embedded as text, not gzip'd: inflating it cost the first
// Resolve of every process a quarter of building the index, and the
// names, substrings of it, now point into the program's data rather than
// into a copy of 1 MB on the heap.
//
//go:embed divisions.tsv
var table string

// Digest names the embedded table and the aliases (the first 16 hex digits
// of a SHA-256 over the table's SHA-256, tableSum, and the aliases):
// whatever was resolved with one table is resolved again with another
// (the parse cache is named with it). It is computed on first use, not at
// every process's start, and from the table's sum as gen wrote it
// (TestTableSum checks it): hashing the megabyte of the table cost every
// run more than building the index from it.
var Digest = sync.OnceValue(func() string {
	h := sha256.New()
	io.WriteString(h, tableSum)
	fmt.Fprintf(h, "%v %v", formerNames, zones)
	return hex.EncodeToString(h.Sum(nil))[:16]
})

// Levels of an organ (the reports table's agency_level).
const (
	LevelCentral  = "central"
	LevelProvince = "province"
	LevelCity     = "city"
	LevelCounty   = "county"
	LevelTownship = "township"
)

// Kinds of organ (the reports table's agency_kind).
const (
	KindGovernment    = "government"     // 人民政府, or the division itself
	KindGeneralOffice = "general_office" // 人民政府办公厅 / 办公室
	KindDepartment    = "department"     // a bureau, commission, office of a government
	KindStreetOffice  = "street_office"  // 街道办事处
	KindZone          = "zone_committee" // development zone, new area: 管理委员会
	KindOther         = "other"
)

// Node is one division.
type Node struct {
	Code   string // 12 digits
	Name   string
	Level  string // LevelProvince … LevelTownship
	Parent *Node  // nil for a province; placeholders (市辖区) are skipped
}

// Result is what Resolve found. Code is "" when no single division was
// determined (Ambiguous lists the candidates then, or Unknown is set).
type Result struct {
	Code                             string
	Province, City, County, Township string
	Level, Kind                      string
	Ambiguous                        []*Node // several divisions fit, none decided
	Unknown                          bool    // a local organ but no division read
	Via                              string  // "former name", "zone alias" when not read directly
	// Organ is the name left after the divisions (教育局, 人民政府): with
	// Code it identifies the organ whatever parents a copy prints.
	Organ string
}

// Input is what a report says about its organ.
type Input struct {
	Agency  string // the organ as printed
	Context string // title, source path, URL, sidecar: where parents may be named
	Text    string // the report's own text (its opening and closing lines): read after Context
}

type index struct {
	// codes are the table's codes, in its order (ascending), and at the
	// division each names (Lookup): a placeholder city's code names its
	// province, a county printed as its city (东莞市) the city. They are
	// kept while build reads the table, then as codeText, codeEnd and
	// atNode, which hold no pointers: code(i) is codes[i], and
	// nodes[atNode[i]] is *at[i].
	codes    []string
	at       []*Node
	codeText string
	codeEnd  []uint32
	atNode   []int32
	// nodes are the divisions, in one array (names holds places in it).
	nodes []Node
	// names are the full names and aliases, and the divisions each names.
	names nameTable
	// byName is names while build adds them; it is dropped once names is
	// made from it.
	byName map[string][]*Node
	maxLen int // longest name in runes
	// lengths has, for the first two characters of names, a bit set for
	// each length (in runes) of a name that begins with them.
	lengths map[uint64]uint64
	via     map[*Node]map[string]string
	one     []*Node // the array of lists of one node that add fills (build)
	// short holds shortName of every division that has others under it
	// (provinces, cities, counties): byContext asks for it of every
	// parent of every reading, for every report.
	short map[*Node]string
	// organs keeps the organs read last (organ).
	organs struct {
		sync.Mutex
		m map[string]*organ
	}
}

var (
	once sync.Once
	idx  *index
)

func load() *index {
	once.Do(func() {
		x, err := build(table)
		if err != nil {
			panic(fmt.Sprintf("division: embedded table: %v", err))
		}
		idx = x
	})
	return idx
}

// placeholder city names: their counties belong to the province directly.
var placeholders = map[string]bool{"市辖区": true, "县": true, "省直辖县级行政区划": true, "自治区直辖县级行政区划": true}

func build(text string) (*index, error) {
	// The table is read as one string: codes and names are substrings of
	// it, the nodes one array (a division a line at most, so it never
	// grows and its pointers stay), the full codes one string; the maps
	// are made at their size. Building the index is what the first
	// Resolve of every process waits for (BenchmarkBuild).
	lines := strings.Count(text, "\n") + 1
	all := make([]Node, 0, lines)
	full := make([]byte, 0, 12*lines)
	x := &index{codes: make([]string, 0, lines), at: make([]*Node, 0, lines),
		byName: make(map[string][]*Node, lines+lines/8), via: map[*Node]map[string]string{},
		lengths: make(map[uint64]uint64, lines/2), one: make([]*Node, 0, lines+lines/8)}
	// The table is sorted by code, so a code's parent, when the table has
	// it, is the last code read of the parent's length: parent[l] is the
	// place in codes of the last code of l digits, or -1.
	var parent [10]int
	for i := range parent {
		parent[i] = -1
	}
	parentOf := func(code string, l int) *Node {
		if i := parent[l]; i >= 0 && x.codes[i] == code[:l] {
			return x.at[i]
		}
		return nil
	}
	bad := "" // the first name that is not valid UTF-8
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimSuffix(line, "\r")
		tab := strings.IndexByte(line, '\t')
		if tab < 0 {
			return nil, fmt.Errorf("bad line %q", line)
		}
		code, name := line[:tab], line[tab+1:]
		if k := len(x.codes); k > 0 && code <= x.codes[k-1] {
			return nil, fmt.Errorf("code %s after %s: the table is not sorted", code, x.codes[k-1])
		}
		var n Node
		switch len(code) {
		case 2:
			n = Node{Name: name, Level: LevelProvince}
		case 4:
			p := parentOf(code, 2)
			if placeholders[name] {
				x.put(code, p, parent[:])
				continue
			}
			n = Node{Name: name, Level: LevelCity, Parent: p}
		case 6:
			p := parentOf(code, 4)
			if p != nil && p.Name == name && p.Level == LevelCity { // 东莞市 under 东莞市
				x.put(code, p, parent[:])
				continue
			}
			n = Node{Name: name, Level: LevelCounty, Parent: p}
		case 9:
			n = Node{Name: name, Level: LevelTownship, Parent: parentOf(code, 6)}
		default:
			return nil, fmt.Errorf("bad code %q", code)
		}
		if n.Parent == nil && n.Level != LevelProvince {
			return nil, fmt.Errorf("no parent for %s", code)
		}
		// Codes are kept as the table's first 12 bytes: the full codes'
		// string is made once all are read, and each node's Code cut from it.
		full = append(full, code...)
		full = append(full, "000000000000"[:12-len(code)]...)
		all = append(all, n)
		np := &all[len(all)-1]
		x.put(code, np, parent[:])
		bad = x.add(name, np, "", bad)
		for _, a := range aliasesOf(np) {
			bad = x.add(a, np, "", bad)
		}
	}
	codes := string(full)
	for i := range all {
		all[i].Code = codes[12*i : 12*i+12]
	}
	if err := x.setCodes(all); err != nil {
		return nil, err
	}
	for _, a := range formerNames {
		n := x.node(a.code)
		if n == nil {
			return nil, fmt.Errorf("former name %s: no division %s", a.name, a.code)
		}
		bad = x.add(a.name, n, "former name", bad)
	}
	for _, z := range zones {
		n := x.node(z.code)
		if n == nil {
			return nil, fmt.Errorf("zone %s: no division %s", z.name, z.code)
		}
		bad = x.add(z.name, n, "zone alias", bad)
	}
	// prefixes cuts names from s by characters decoded one by one: a
	// name must be valid UTF-8 to be found, and short enough for lengths.
	if bad != "" {
		return nil, fmt.Errorf("name %q is not valid UTF-8", bad)
	}
	if x.maxLen >= 64 {
		return nil, fmt.Errorf("a name of %d characters: prefixes takes 63 at most", x.maxLen)
	}
	if err := x.setNames(all); err != nil {
		return nil, err
	}
	x.byName, x.one = nil, nil
	x.short = make(map[*Node]string, len(all)/10)
	for i := range all {
		if n := &all[i]; n.Level != LevelTownship {
			x.short[n] = shortName(n.Name)
		}
	}
	return x, nil
}

// put records that code names n, the code being the table's next.
func (x *index) put(code string, n *Node, parent []int) {
	parent[len(code)] = len(x.codes)
	x.codes = append(x.codes, code)
	x.at = append(x.at, n)
}

// scanName reads what add needs of a name in one pass: its length in
// characters, its first two characters, whether it is valid UTF-8
// without U+FFFD (prefixes, which decodes, could not find it otherwise),
// and whether it holds a character stripSpace drops (strip). It decodes
// the characters of three bytes from E4 to EC (the Chinese ones) itself,
// with no call: counting and decoding a name's characters with the utf8
// package's functions, and checking it twice, cost the build a fifth of
// its instructions. The characters stripSpace drops begin with other
// bytes (E2, E3, EF or ASCII: stripFirst), which it decodes with the utf8
// package.
func scanName(name string) (l int, r0, r1 rune, ok, strip bool) {
	ok = true
	for s := name; len(s) > 0; l++ {
		var r rune
		w := 3
		if c := s[0]; c >= 0xe4 && c <= 0xec && len(s) >= 3 && s[1]&0xc0 == 0x80 && s[2]&0xc0 == 0x80 {
			if l >= 2 {
				s = s[3:]
				continue
			}
			r = rune(c&0x0f)<<12 | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f)
		} else {
			if stripFirst[c] && stripWidth(s, 0) > 0 {
				strip = true
			}
			r, w = utf8.DecodeRuneInString(s)
			if r == utf8.RuneError {
				ok = false
			}
		}
		if l == 0 {
			r0 = r
		} else if l == 1 {
			r1 = r
		}
		s = s[w:]
	}
	return l, r0, r1, ok, strip
}

// node is the division a code of the table names, as the table writes it
// (2, 4, 6 or 9 digits); nil when the table has no such code.
func (x *index) node(code string) *Node {
	i := sort.Search(len(x.codeEnd), func(i int) bool { return x.code(i) >= code })
	if i < len(x.codeEnd) && x.code(i) == code {
		return &x.nodes[x.atNode[i]]
	}
	return nil
}

// code is the table's i-th code.
func (x *index) code(i int) string {
	from := uint32(0)
	if i > 0 {
		from = x.codeEnd[i-1]
	}
	return x.codeText[from:x.codeEnd[i]]
}

// add adds a name of n to byName, and reports the first name not valid
// UTF-8 among bad and name.
//
// A name is added as readOrgan looks it up, stripped (stripSpace): an
// organ's name is stripped of brackets before it is read, so a division
// whose name holds them (中国（南京）软件谷) could never be read under its
// name as the table writes it. Such a name is checked for UTF-8 before it
// is stripped: stripping may join the bytes around a bracket into a
// character. A name found in byName is one stripped already (a valid name
// stripped holds nothing more to strip), and is not read again.
//
// A name's first node is a slice of one, capped, of the array one: most
// names have one node, and build then allocates one array for a thousand
// of them, not one each. A second node copies it out.
func (x *index) add(name string, n *Node, via string, bad string) string {
	ns := x.byName[name]
	var l int
	var r0, r1 rune
	ok := true
	if len(ns) == 0 {
		var strip bool
		if l, r0, r1, ok, strip = scanName(name); strip {
			if !ok && bad == "" {
				bad = name
			}
			name = stripSpace(name)
			ns = x.byName[name]
			l, r0, r1, ok, _ = scanName(name)
		}
	}
	for _, m := range ns {
		if m == n {
			return bad
		}
	}
	if len(ns) > 0 {
		// A name added before was read then (scanName): its length and
		// first characters are in lengths and maxLen, its UTF-8 checked.
		x.byName[name] = append(ns, n)
		x.noteVia(name, n, via)
		return bad
	}
	if len(x.one) == cap(x.one) {
		x.one = make([]*Node, 0, 1024)
	}
	x.one = append(x.one, n)
	x.byName[name] = x.one[len(x.one)-1 : len(x.one) : len(x.one)]
	if !ok && bad == "" {
		bad = name
	}
	if l > x.maxLen {
		x.maxLen = l
	}
	if l >= 2 && l < 64 {
		x.lengths[pairKey(r0, r1)] |= 1 << l
	}
	x.noteVia(name, n, via)
	return bad
}

// noteVia records how a name not read directly leads to n.
func (x *index) noteVia(name string, n *Node, via string) {
	if via != "" {
		if x.via[n] == nil {
			x.via[n] = map[string]string{}
		}
		x.via[n][name] = via
	}
}

// ethnicGroups are the groups an autonomous prefecture, county or banner
// is named by (延边朝鲜族自治州), as matchEthnic looks for them.
var ethnicGroups = []string{"蒙古", "藏", "回", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲",
	"拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
	"俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"}

// aliasesOf gives the short forms organs print: 延边州 for 延边朝鲜族自治州,
// 广西自治区 for 广西壮族自治区.
func aliasesOf(n *Node) []string {
	var as []string
	if place, kind, ok := matchEthnic(n.Name); ok {
		as = append(as, place+kind)
	}
	if n.Level == LevelTownship && strings.HasSuffix(n.Name, "街道") && twoOrMore(n.Name[:len(n.Name)-len("街道")]) {
		// 均禾街 for 均禾街道: how Guangzhou's street offices name themselves.
		as = append(as, strings.TrimSuffix(n.Name, "道"))
	}
	if n.Level == LevelProvince {
		// 重庆两江新区, 江苏高新区: provinces are printed short before a zone.
		as = append(as, shortName(n.Name))
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

// matchEthnic reads an autonomous division's name as the place before its
// ethnic group and the kind of division at its end: 延边 and 州 for
// 延边朝鲜族自治州. It is what matching
// `^(.+?)(蒙古|藏|…|基诺)族.*自治(州|县|旗)$` and taking the first and third
// groups does, without a regular expression: the backtracking one cost
// the index's build 20 000 instructions for each of the 140 names that
// end so. The place is the shortest (one character at least) that an
// ethnic group and 族 follow, with 自治州, 自治县 or 自治旗 after them
// ending the name, which holds no newline (that . does not match).
func matchEthnic(name string) (place, kind string, ok bool) {
	// 州, 县 and 旗 end in the bytes 9E, BF and 97: most names are
	// rejected by their last byte.
	end := len(name) - len("自治州")
	if end < 0 {
		return "", "", false
	}
	if c := name[len(name)-1]; c != 0x9e && c != 0xbf && c != 0x97 || name[end:end+len("自治")] != "自治" {
		return "", "", false
	}
	switch name[end+len("自治"):] {
	case "州", "县", "旗":
	default:
		return "", "", false
	}
	if strings.IndexByte(name, '\n') >= 0 {
		return "", "", false
	}
	for i := 0; i < end; {
		_, w := utf8.DecodeRuneInString(name[i:])
		i += w
		rest := name[i:end]
		for _, e := range ethnicGroups {
			if len(rest) >= len(e)+len("族") && rest[:len(e)] == e && rest[len(e):len(e)+len("族")] == "族" {
				return name[:i], name[end+len("自治"):], true
			}
		}
	}
	return "", "", false
}

// twoOrMore reports whether s has two characters or more, as
// utf8.RuneCountInString(s) >= 2 would without counting them all.
func twoOrMore(s string) bool {
	_, w := utf8.DecodeRuneInString(s)
	return len(s) > w
}

// ancestorOf reports whether a is n or one of n's parents.
func ancestorOf(a, n *Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

// Lookup returns the division of a code (2 to 12 digits, zeros padded).
func Lookup(code string) *Node { return load().lookup(code) }

func (x *index) lookup(code string) *Node {
	c := strings.TrimRight(code, "0")
	for _, l := range []int{2, 4, 6, 9} {
		if len(c) <= l {
			if n := x.node((code + "000000000000")[:l]); n != nil && n.Code == (code + "000000000000")[:12] {
				return n
			}
		}
	}
	return nil
}

// match is a division name read at the start of a string.
type match struct {
	nodes []*Node
	name  string
}

// prefixes lists the names of divisions that start s, longest first, kept
// to those under parent (any when parent is nil). It looks up only the
// lengths that names beginning with s's first two characters have
// (lengths), as substrings of s.
func (x *index) prefixes(s string, parent *Node) []match {
	var ends [64]int // ends[l-1]: where s's first l characters end
	n := 0
	for i := 0; i < len(s) && n < x.maxLen; n++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		ends[n] = i
	}
	if n < 2 {
		return nil
	}
	r0, _ := utf8.DecodeRuneInString(s)
	r1, _ := utf8.DecodeRuneInString(s[ends[0]:])
	mask := x.lengths[pairKey(r0, r1)] & (1<<(n+1) - 1)
	var out []match
	for l := n; l >= 2; l-- {
		if mask&(1<<l) == 0 {
			continue
		}
		name := s[:ends[l-1]]
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

// pairKey is the key of lengths for a name's first two characters.
func pairKey(r0, r1 rune) uint64 { return uint64(r0)<<32 | uint64(uint32(r1)) }

// chain reads divisions from the start of s, each under the one before.
// It returns every reading that takes the longest names (a name shared by
// several divisions gives several readings) and what is left of s.
type reading struct {
	path []*Node
	rest string
	via  string
}

func (x *index) readings(s string, parent *Node, depth int) []reading {
	if depth > 5 {
		return []reading{{rest: s}}
	}
	ms := x.prefixes(s, parent)
	if len(ms) == 0 {
		return []reading{{rest: s}}
	}
	m := ms[0] // the longest name
	var out []reading
	for _, n := range m.nodes {
		rest := s[len(m.name):]
		via := x.via[n][m.name]
		for _, r := range x.readings(rest, n, depth+1) {
			r.path = append([]*Node{n}, r.path...)
			if r.via == "" {
				r.via = via
			}
			out = append(out, r)
		}
	}
	return out
}

// StripSpace is the key of an organ's name: s without white space and
// the quotes and brackets around or inside it (see stripSpace), as the
// table's names and a report's organ are read.
func StripSpace(s string) string { return stripSpace(s) }

// stripSpace drops white space and the quotes and brackets around or
// inside an organ's name from s. It is what replacing
// `[\s　"“”'‘’《》<>()（）\[\]【】]+` by "" does (RE2's \s is ASCII
// \t\n\f\r and space; bytes that are not UTF-8 are kept as they are),
// without a regular expression: Resolve runs it over every report's
// opening and closing text.
//
// It reads bytes, not characters: a byte that may begin a character it
// drops (stripFirst) is always the first byte of a character as
// utf8.DecodeRuneInString steps through s (it is not a continuation
// byte), and the three bytes of such a character are always that
// character. Decoding every character cost twice as much.
func stripSpace(s string) string {
	var b []byte
	last := 0 // the start of the bytes kept that b lacks
	for i := 0; i < len(s); {
		if !stripFirst[s[i]] {
			i++
			continue
		}
		w := stripWidth(s, i)
		if w == 0 {
			i++
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[last:i]...)
		i += w
		last = i
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// stripFirst marks the bytes that begin a character stripSpace drops: the
// ASCII ones, and the first bytes of “”‘’ (E2), 　《》【】 (E3) and （）(EF).
var stripFirst = func() (t [256]bool) {
	for _, c := range []byte("\t\n\f\r \"'<>()[]\xe2\xe3\xef") {
		t[c] = true
	}
	return t
}()

// stripWidth is the length of the character stripSpace drops at s[i:],
// whose first byte is marked in stripFirst, or 0 when it keeps it.
func stripWidth(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		return 1
	}
	if i+2 >= len(s) {
		return 0
	}
	c1, c2 := s[i+1], s[i+2]
	switch {
	case c == 0xe2 && c1 == 0x80 && (c2 == 0x98 || c2 == 0x99 || c2 == 0x9c || c2 == 0x9d): // ‘’“”
	case c == 0xe3 && c1 == 0x80 && (c2 == 0x80 || c2 == 0x8a || c2 == 0x8b || c2 == 0x90 || c2 == 0x91): // 　《》【】
	case c == 0xef && c1 == 0xbc && (c2 == 0x88 || c2 == 0x89): // （）
	default:
		return 0
	}
	return 3
}

var (
	// Central organs: the State Council, its ministries and the national
	// administrations, printed without a division before them.
	reCentral   = regexp.MustCompile(`^(国务院|中华人民共和国|国家|中国(人民银行|证券监督|银行保险|气象局|地震局|民用航空)|(外交|国防|教育|科学技术|工业和信息化|公安|民政|司法|财政|人力资源和社会保障|自然资源|生态环境|住房和城乡建设|交通运输|水利|农业农村|商务|文化和旅游|退役军人事务|应急管理|审计|安全)部$|海关总署|(市场监督管理|广播电视|体育|统计|医疗保障|金融监督管理|知识产权|药品监督管理)总局$)`)
	reCityShort = regexp.MustCompile(`^(.{2,4}?)(高新技术产业开发区|高新区|经济技术开发区|经开区|经济开发区|开发区|新区|工业园区|保税区|综合实验区|试验区)`)
)

// Resolve maps an organ to its division.
func Resolve(in Input) Result { return load().resolve(in) }

func (x *index) resolve(in Input) Result {
	o := x.organ(in.Agency)
	if o.settled {
		return o.res
	}
	a := o.amb
	keep := a.byContext(a.all, in.Context)
	if len(keep) > 1 {
		keep = a.byContext(keep, in.Text)
	}
	if len(keep) == len(a.all) {
		return Result{Ambiguous: slices.Clone(a.nodes), Kind: a.kind}
	}
	if len(keep) > 1 {
		ns := make([]*Node, len(keep))
		for j, i := range keep {
			ns[j] = o.rs[i].path[len(o.rs[i].path)-1]
		}
		slices.SortFunc(ns, byCode)
		return Result{Ambiguous: ns, Kind: kindOf(o.rs[keep[0]].rest, o.s, ns[0])}
	}
	return finish(o.rs[keep[0]], in.Agency)
}

func byCode(m, n *Node) int { return strings.Compare(m.Code, n.Code) }

// organ is what Resolve reads from an organ's name alone: the name
// stripped (s) and its readings that read the most of it (rs), and, when
// they settle the division or find none (settled), the result whatever
// the context. rs and its paths are shared: nothing changes them.
type organ struct {
	s       string
	rs      []reading
	settled bool
	res     Result // Ambiguous nil
	// amb is what byContext reads of rs when they are several (settled
	// false), made once for the organ rather than for every report.
	amb *ambiguity
}

// maxOrgans bounds the organs an index keeps read (organ): an organ
// publishes a report a year, and copies, and a common name (城关镇人民政府)
// is read for every report that prints it. The memory is emptied when
// full.
const maxOrgans = 4096

// organ reads an organ's name, or finds it read already.
func (x *index) organ(agency string) *organ {
	x.organs.Lock()
	o := x.organs.m[agency]
	x.organs.Unlock()
	if o != nil {
		return o
	}
	o = x.readOrgan(agency)
	x.organs.Lock()
	if x.organs.m == nil || len(x.organs.m) >= maxOrgans {
		x.organs.m = make(map[string]*organ)
	}
	// A copy: the name may be a piece of a report's whole text.
	x.organs.m[strings.Clone(agency)] = o
	x.organs.Unlock()
	return o
}

// readOrgan is organ without the memory of organs.
func (x *index) readOrgan(agency string) *organ {
	s := trimOrganPrefix(stripSpace(agency))
	if s == "" {
		return &organ{settled: true, res: Result{Unknown: true}}
	}
	rs := x.readings(s, nil, 0)
	if len(rs) == 1 && len(rs[0].path) == 0 {
		if reCentral.MatchString(s) {
			return &organ{s: s, settled: true, res: Result{Level: LevelCentral, Kind: centralKind(s)}}
		}
		// A zone named by its city's short name: 南京高新区 sits in 南京市.
		if m := reCityShort.FindStringSubmatch(s); m != nil {
			var cs []*Node
			for _, i := range x.names.get(m[1] + "市") {
				if n := &x.nodes[i]; n.Level == LevelCity {
					cs = append(cs, n)
				}
			}
			if len(cs) == 1 {
				return &organ{s: s, settled: true, res: finish(reading{path: []*Node{cs[0]}, rest: s[len(m[1]):], via: "zone in city"}, agency)}
			}
		}
		return &organ{s: s, settled: true, res: Result{Unknown: true}}
	}
	rs = keepLongest(rs)
	if len(rs) == 1 {
		return &organ{s: s, rs: rs, settled: true, res: finish(rs[0], agency)}
	}
	return &organ{s: s, rs: rs, amb: x.ambiguity(s, rs)}
}

// organPrefixes are words before the organ's name that are not part of
// it; no one starts another.
var organPrefixes = [...]string{"中共", "中国共产党", "国家税务总局"}

// trimOrganPrefix is s without the first of organPrefixes it starts with,
// a copy: the name may be a piece of a report's whole text, and what is
// read of it is kept. It is rePrefix.ReplaceAllString(s, ""), the regexp
// `^(中共|中国共产党|国家税务总局)` (in the tests), which matches once at
// most, at the start.
func trimOrganPrefix(s string) string {
	for _, p := range organPrefixes {
		if strings.HasPrefix(s, p) {
			return strings.Clone(s[len(p):])
		}
	}
	return strings.Clone(s)
}

// keepLongest keeps the readings that read the most of the name: 新华区
// followed by a street only one 新华区 has settles which one it is.
func keepLongest(rs []reading) []reading {
	best := -1
	for _, r := range rs {
		if l := len(r.path); l > best {
			best = l
		}
	}
	var out []reading
	for _, r := range rs {
		if len(r.path) == best {
			out = append(out, r)
		}
	}
	return out
}

// ambiguity is what byContext needs of an organ's readings: the divisions
// above their first divisions, each once (readings share them: a common
// township name has hundreds of readings in a few dozen counties), with
// the names a context is searched for. It holds too what Resolve returns
// when the context keeps all the readings (most reports: they name none
// of the parents).
type ambiguity struct {
	ups []up
	// first[i] is the place in ups of the parent of reading i's first
	// division, -1 when it has none (a province).
	first []int32
	all   []int32 // 0, 1, … len(first)-1: every reading
	// nodes are the readings' last divisions by code, and kind the kind of
	// organ: Resolve's Ambiguous and Kind for all of them.
	nodes []*Node
	kind  string
}

// up is a division above a reading's first division.
type up struct {
	name, short sought // short is looked for when it is not the name (hasShort)
	hasShort    bool
	depth       int32
	parent      int32 // its parent's place in ups, -1 for a province
}

// sought is a name byContext looks for in a context.
type sought struct {
	s string
	// chars are the bits of runeSet its characters of three bytes set
	// (charsOf).
	chars []uint16
	// plain: s is UTF-8, not empty, with no character stripSpace drops,
	// and is found in a context that is UTF-8 without stripping it
	// (containsStripped).
	plain bool
}

func newSought(s string) sought {
	return sought{s: s, chars: charsOf(s), plain: s != "" && utf8.ValidString(s) && stripSpace(s) == s}
}

// ambiguity makes the ambiguity of the readings rs (two or more) of the
// organ s.
func (x *index) ambiguity(s string, rs []reading) *ambiguity {
	a := &ambiguity{first: make([]int32, len(rs)), all: make([]int32, len(rs)), nodes: make([]*Node, len(rs))}
	at := map[*Node]int32{}
	var place func(p *Node) int32
	place = func(p *Node) int32 {
		if p == nil {
			return -1
		}
		if i, ok := at[p]; ok {
			return i
		}
		u := up{name: newSought(p.Name), parent: place(p.Parent), depth: int32(depth(p))}
		short, ok := x.short[p]
		if !ok {
			short = shortName(p.Name)
		}
		if short != p.Name {
			u.short, u.hasShort = newSought(short), true
		}
		i := int32(len(a.ups))
		a.ups = append(a.ups, u)
		at[p] = i
		return i
	}
	for i, r := range rs {
		a.first[i] = place(r.path[0].Parent)
		a.all[i] = int32(i)
		a.nodes[i] = r.path[len(r.path)-1]
	}
	slices.SortFunc(a.nodes, byCode)
	a.kind = kindOf(rs[0].rest, s, a.nodes[0])
	return a
}

// byContext keeps of the readings keep (places in the organ's readings)
// those whose first division's parents are named in the context; when none
// or all are, it keeps all. It returns keep itself then, or a new slice.
//
// A name is looked for in the context stripped of white space and quotes
// (stripSpace), but only once the characters of the context may hold it
// (has): most contexts (the report's text) name none of the parents. A
// context that is valid UTF-8 is not stripped: stripSpace drops whole
// characters of it, so has made from it holds those of its stripped
// form, and a name that has none it drops is found with those skipped
// (containsStripped). Stripping a context that is not may join bytes into
// characters it lacked: it is stripped first then, and has made from its
// stripped form.
func (a *ambiguity) byContext(keep []int32, raw string) []int32 {
	if raw == "" {
		return keep
	}
	var has runeSet
	ctx, stripped := raw, false
	if !has.addText(raw) {
		ctx, stripped, has = stripSpace(raw), true, runeSet{}
		has.addText(ctx)
	}
	in := func(n *sought) bool {
		if !has.holds(n.chars) {
			return false
		}
		if !stripped && n.plain {
			return containsStripped(ctx, n.s)
		}
		if !stripped {
			ctx, stripped = stripSpace(raw), true
		}
		return strings.Contains(ctx, n.s)
	}
	// Each reading scores the depth of the deepest parent the context
	// names: 石家庄市 settles 新华区 where 河北省 alone does not. That is
	// the first one named going up from the reading, and each parent is
	// looked up once: state[p] is 0 until it is, then named or notNamed.
	const named, notNamed = 1, 2
	var buf [256]uint8
	state := buf[:]
	if len(a.ups) > len(buf) {
		state = make([]uint8, len(a.ups))
	}
	var out []int32
	best := int32(0)
	for _, i := range keep {
		score := int32(0)
		for p := a.first[i]; p >= 0; p = a.ups[p].parent {
			u := &a.ups[p]
			if state[p] == 0 {
				state[p] = notNamed
				if in(&u.name) || u.hasShort && in(&u.short) {
					state[p] = named
				}
			}
			if state[p] == named {
				score = u.depth
				break
			}
		}
		switch {
		case score > best:
			best, out = score, append(out[:0], i)
		case score == best && score > 0:
			out = append(out, i)
		}
	}
	if best == 0 {
		return keep
	}
	return out
}

// containsStripped reports whether stripSpace(t) contains name, for t
// valid UTF-8 and name valid UTF-8 with no character stripSpace drops:
// stripSpace drops whole characters of t then, so name is in what is left
// where its first character is in t and the rest follows, with only
// characters stripSpace drops between. It spares stripping a long text
// to look for a name or two in it.
//
// The first character is found by its last byte: a Chinese character's
// first byte (E4 to E9) is one in three of a Chinese text's, which keeps
// strings.Index stepping from one to the next, where a continuation byte
// is one of 64.
func containsStripped(t, name string) bool {
	_, w := utf8.DecodeRuneInString(name)
	first, last := name[:w], name[w-1]
	for i := w - 1; i < len(t); {
		j := strings.IndexByte(t[i:], last)
		if j < 0 {
			return false
		}
		i += j + 1 // past the last byte found
		if t[i-w:i] == first && prefixStripped(t, i, name[w:]) {
			return true
		}
	}
	return false
}

// prefixStripped reports whether stripSpace(t[i:]) begins with rest, i
// being where a character of t begins.
func prefixStripped(t string, i int, rest string) bool {
	for k := 0; k < len(rest); {
		if i >= len(t) {
			return false
		}
		if stripFirst[t[i]] {
			if w := stripWidth(t, i); w > 0 {
				i += w
				continue
			}
		}
		if t[i] != rest[k] {
			return false
		}
		i++
		k++
	}
	return true
}

// runeSet filters the characters of three bytes of a text (the Chinese
// ones, of which names are made): it holds the low 12 bits of each. A
// character added is always found, one not added may be too (characters
// share a bit), which costs only the search the filter would have spared.
// It has 4 096 bits rather than one per character of the Basic
// Multilingual Plane: clearing 8 KB on every call cost more than a long
// text's lookups. Other characters are not kept: a name's are not looked
// up (charsOf), and skipping them spares most of a text's ASCII.
type runeSet [4096 / 64]uint64

// addText adds the characters of three bytes of t, decoded as
// utf8.DecodeRuneInString steps through t, and reports whether t is valid
// UTF-8. It reads t eight bytes at a time: a run of ASCII (the spaces that
// lay out a report's text) is skipped in one step, and the characters of
// three bytes that are always valid (most of a Chinese text) are added
// from the word two at a time, with no call. Decoding character by
// character cost a report's text 40 instructions a character.
func (s *runeSet) addText(t string) bool {
	valid := true
	i := 0
	for i+8 <= len(t) {
		w := le64(t, i)
		if w&0x80 == 0 {
			i += asciiRun(w)
			continue
		}
		if threeBytes(w) {
			s.addLow(w)
			i += 3
			if w >>= 24; threeBytes(w) {
				s.addLow(w)
				i += 3
			}
			continue
		}
		n, ok := s.addFirst(t[i:])
		valid = valid && ok
		i += n
	}
	for i < len(t) {
		n, ok := s.addFirst(t[i:])
		valid = valid && ok
		i += n
	}
	return valid
}

// addFirst adds the character t begins with when it has three bytes,
// and returns its length and whether it is valid UTF-8.
func (s *runeSet) addFirst(t string) (int, bool) {
	r, n := utf8.DecodeRuneInString(t)
	if n == 3 {
		s.add(r)
	}
	return n, r != utf8.RuneError || n != 1
}

// asciiRun is how many of the bytes of w, from its low one, are ASCII
// before one that is not, up to 7.
func asciiRun(w uint64) int {
	return bits.TrailingZeros64(w&0x8080808080808080|1<<63) / 8
}

// threeBytes reports whether the three low bytes of w are a character
// that is always valid: a first byte from E1 to EC or EE to EF (E0 may
// be overlong, ED a surrogate; the bits of 0xdffe are the low halves
// allowed) and two continuation bytes.
func threeBytes(w uint64) bool {
	return w&0xc0c0f0 == 0x8080e0 && 0xdffe>>(w&15)&1 != 0
}

// addLow adds the character of three bytes at the low end of w: its low 12
// bits are those of its continuation bytes.
func (s *runeSet) addLow(w uint64) {
	s[w>>8&0x3f] |= 1 << (w >> 16 & 0x3f)
}

func (s *runeSet) add(r rune) {
	b := uint32(r) % 4096
	s[b/64] |= 1 << (b % 64)
}

// le64 is the eight bytes of s from i (i+8 <= len(s)), little-endian:
// one load.
func le64(s string, i int) uint64 {
	return binary.LittleEndian.Uint64((*[8]byte)(unsafe.Pointer(unsafe.StringData(s[i : i+8])))[:])
}

// charsOf lists the bits of runeSet that the characters of three bytes of
// name set: a text that lacks one of them does not hold name.
func charsOf(name string) []uint16 {
	var bs []uint16
	for i := 0; i < len(name); {
		r, n := utf8.DecodeRuneInString(name[i:])
		if n == 3 {
			bs = append(bs, uint16(r%4096))
		}
		i += n
	}
	return bs
}

// holds reports whether every bit of chars is set.
func (s *runeSet) holds(chars []uint16) bool {
	for _, b := range chars {
		if s[b/64]&(1<<(b%64)) == 0 {
			return false
		}
	}
	return true
}

func depth(n *Node) int {
	d := 0
	for ; n != nil; n = n.Parent {
		d++
	}
	return d
}

// centralKind: the State Council, its general office, or a ministry.
func centralKind(s string) string {
	switch s {
	case "国务院", "中华人民共和国国务院":
		return KindGovernment
	case "国务院办公厅", "中华人民共和国国务院办公厅":
		return KindGeneralOffice
	}
	return KindDepartment
}

func shortName(n string) string {
	for _, r := range regions {
		if strings.HasPrefix(n, r) {
			return r
		}
	}
	for _, suf := range []string{"省", "市", "地区", "盟"} {
		if s, ok := strings.CutSuffix(n, suf); ok && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return n
}

// finish is the result of the reading r of the organ agency.
func finish(r reading, agency string) Result {
	n := r.path[len(r.path)-1]
	res := Result{Code: n.Code, Level: n.Level, Via: r.via, Organ: r.rest}
	for p := n; p != nil; p = p.Parent {
		switch p.Level {
		case LevelProvince:
			res.Province = p.Name
		case LevelCity:
			res.City = p.Name
		case LevelCounty:
			res.County = p.Name
		case LevelTownship:
			res.Township = p.Name
		}
	}
	res.Kind = kindOf(r.rest, agency, n)
	if organ, ok := townshipOrgan(r.rest); ok && n.Level != LevelTownship {
		// 滨海新区城关镇人民政府: a township the table does not have under
		// the division read. Its organ is the township's, not the district's.
		return Result{Unknown: true, Level: LevelTownship, Kind: kindOf(organ, agency, nil)}
	}
	return res
}

// townshipOrgan reads rest, what is left of a name after the divisions
// were read, as a township's organ: ok when it is one, with the organ
// after the township's name ("" if none). It is
// reTownship.FindStringSubmatch(rest)[2], the regexp (in the tests)
// `^\p{Han}{1,6}?(镇|乡|街道)(人民政府|政府|办事处|街道办事处)?$`,
// which tries the shortest name first. After a name, one of 镇, 乡 and
// 街道 at most starts the rest, and the organ, to the end, is one of
// the words or none.
func townshipOrgan(rest string) (string, bool) {
	p := 0
	for k := 0; k < 6; k++ {
		r, size := utf8.DecodeRuneInString(rest[p:])
		if !unicode.Is(unicode.Han, r) {
			return "", false
		}
		p += size
		t := rest[p:]
		switch {
		case strings.HasPrefix(t, "镇"), strings.HasPrefix(t, "乡"):
			t = t[len("镇"):]
		case strings.HasPrefix(t, "街道"):
			t = t[len("街道"):]
		default:
			continue
		}
		switch t {
		case "", "人民政府", "政府", "办事处", "街道办事处":
			return t, true
		}
	}
	return "", false
}

// kindOf says what kind of organ the rest of the name (after the
// divisions) is.
func kindOf(rest, full string, n *Node) string {
	switch {
	case strings.Contains(rest, "街道办事处") || (n != nil && n.Level == LevelTownship && strings.HasSuffix(unqualified(n.Name), "街道") && (rest == "" || rest == "办事处")):
		return KindStreetOffice
	case strings.Contains(rest, "管理委员会") || strings.Contains(rest, "管委会"):
		return KindZone
	case isGeneralOffice(rest):
		return KindGeneralOffice
	case rest == "" || rest == "人民政府" || rest == "政府" || rest == "人民政府门户网站":
		return KindGovernment
	case isDepartment(rest):
		return KindDepartment
	}
	return KindOther
}

// isGeneralOffice reports the government's general office: reOffice, the
// regexp `^(人民)?政府办公(厅|室)$|^政府办$` (in the tests), matching rest.
func isGeneralOffice(rest string) bool {
	switch rest {
	case "政府办公厅", "政府办公室", "人民政府办公厅", "人民政府办公室", "政府办":
		return true
	}
	return false
}

// departmentEnds are the last words of a department's name.
var departmentEnds = [...]string{"局", "厅", "委员会", "委", "办公室", "办", "中心", "署", "部", "院", "所", "队", "处", "站", "会", "室", "馆", "社"}

// isDepartment reports a department: reDept, the regexp
// `(局|厅|委员会|委|办公室|办|中心|署|部|院|所|队|处|站|会|室|馆|社)$` (in
// the tests), matching rest. The words are valid UTF-8, so where rest
// ends with one is where decoding rest finds it.
func isDepartment(rest string) bool {
	for _, w := range departmentEnds {
		if strings.HasSuffix(rest, w) {
			return true
		}
	}
	return false
}

// unqualified is a division's name without a last bracketed part that
// tells it from a namesake: 东湖风景区街道 for 东湖风景区街道（洪山）. A
// name whose brackets hold what it is (科技城（东渚街道）, a zone) keeps
// its own end, so it is not read as a street.
func unqualified(name string) string {
	if !strings.HasSuffix(name, "）") {
		return name
	}
	if i := strings.LastIndex(name, "（"); i > 0 {
		return name[:i]
	}
	return name
}

// regions are the autonomous regions' short names, which shortName gives
// for their divisions (内蒙古 for 内蒙古自治区) rather than cutting a suffix.
var regions = []string{"内蒙古", "广西", "西藏", "宁夏", "新疆"}
