package division

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// bracketed lists the divisions of the table whose names hold a character
// stripSpace drops (中国（南京）软件谷).
func bracketed(x *index) (ns []*Node) {
	for _, n := range x.atNodes() {
		if n != nil && n.Level == LevelTownship && stripSpace(n.Name) != n.Name {
			ns = append(ns, n)
		}
	}
	return ns
}

// bracketedKeys are the names of the index as build made it before it
// stripped them (preStripIndex) that stripping changes, stripped: the
// divisions' names and their aliases ((工业园区)城南街).
func bracketedKeys() (keys []string) {
	for name := range preStripIndex().byName {
		if s := stripSpace(name); s != name {
			keys = append(keys, s)
		}
	}
	return keys
}

// TestBracketedNames: an organ is read stripped of brackets, so a
// township whose name holds them is found by it, alone, after its county
// and printed without its brackets, and gives its code and its name as the
// table writes it.
func TestBracketedNames(t *testing.T) {
	for _, tc := range []struct{ agency, code, township string }{
		{"中国（上海）自由贸易试验区（保税片区）管理委员会", "310115501000", "中国（上海）自由贸易试验区（保税片区）"},
		{"上海市浦东新区中国（上海）自由贸易试验区（保税片区）管理委员会", "310115501000", "中国（上海）自由贸易试验区（保税片区）"},
		{"中国(上海)自由贸易试验区(保税片区)管理委员会", "310115501000", "中国（上海）自由贸易试验区（保税片区）"},
		{"中国（南京）软件谷管理委员会", "320114402000", "中国（南京）软件谷"},
		{"南京市雨花台区中国（南京）软件谷管委会", "320114402000", "中国（南京）软件谷"},
		{"武汉市洪山区东湖风景区街道（洪山）办事处", "420111491000", "东湖风景区街道（洪山）"},
	} {
		r := Resolve(Input{Agency: tc.agency})
		if r.Code != tc.code || r.Township != tc.township || r.Level != LevelTownship {
			t.Errorf("%s: code %q township %q level %q, want %s %s", tc.agency, r.Code, r.Township, r.Level, tc.code, tc.township)
		}
	}
	x := load()
	ns := bracketed(x)
	if len(ns) < 20 {
		t.Fatalf("only %d names with brackets in the table", len(ns))
	}
	for _, n := range ns {
		county := n.Parent
		for _, a := range []string{n.Name + "管理委员会", county.Name + n.Name + "人民政府"} {
			if r := x.resolve(Input{Agency: a}); r.Code != n.Code || r.Township != n.Name {
				t.Errorf("%s: code %q township %q, want %s %s", a, r.Code, r.Township, n.Code, n.Name)
			}
		}
	}
}

// preStripIndex is the index as build made it before it stripped names:
// the one oldBuild makes.
var preStripIndex = sync.OnceValue(func() *index {
	x, _, err := oldBuild(table)
	if err != nil {
		panic(err)
	}
	return x
})

// bracketedDiffers compares resolve on the index build makes with resolve
// on the one it made before it stripped names (preStripIndex), and
// reports whether they differ. They may only where the organ's name,
// stripped as readOrgan strips it, holds the stripped name of a division
// whose name has brackets.
func bracketedDiffers(t testing.TB, keys []string, in Input) bool {
	t.Helper()
	got, want := resultKey(load().resolve(in)), resultKey(preStripIndex().resolve(in))
	if got == want {
		return false
	}
	s := stripSpace(in.Agency)
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	t.Fatalf("resolve(%+v) = %s, before %s: the organ names no division with brackets", in, got, want)
	return true
}

// bracketedInputs are organs to compare on: every name of the table,
// alone, as an organ and after its parent, the labelled organs, the
// agencies of the seeds, every line of the package's samples, of the
// seeds and of a generated corpus when NIANBAO_BENCH_CORPUS names one
// (its agencies too), and the bracketed names printed in other ways.
func bracketedInputs(t *testing.T) []Input {
	var ins []Input
	x := load()
	for _, n := range x.atNodes() {
		if n == nil {
			continue
		}
		parent := ""
		if n.Parent != nil {
			parent = n.Parent.Name
		}
		ins = append(ins, Input{Agency: n.Name}, Input{Agency: n.Name + "人民政府", Context: parent},
			Input{Agency: parent + n.Name + "管理委员会"})
	}
	for name := range preStripIndex().byName {
		ins = append(ins, Input{Agency: name + "办事处"})
	}
	b, err := os.ReadFile(filepath.Join("testdata", "organs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if c := strings.Split(l, "\t"); len(c) > 1 && !strings.HasPrefix(l, "#") {
			ins = append(ins, Input{Agency: c[0], Context: c[1]})
		}
	}
	globs := []string{"../../testdata/samples/*.txt", "../../../shared/seeds/*.txt"}
	truths := []string{"../../../shared/seeds/expected/seeds.jsonl"}
	if root := os.Getenv("NIANBAO_BENCH_CORPUS"); root != "" {
		globs = append(globs, filepath.Join(root, "*", "*.txt"), filepath.Join(root, "*", "*.htm*"))
		truths = append(truths, filepath.Join(root, "truth.jsonl"))
	}
	files := 0
	for _, g := range globs {
		paths, _ := filepath.Glob(g)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files++
			text := string(b)
			for _, l := range strings.Split(text, "\n") {
				if l = strings.TrimSpace(l); l != "" && len(l) < 300 {
					ins = append(ins, Input{Agency: l, Context: p, Text: text[:min(len(text), 2000)]})
				}
			}
		}
	}
	if files < 5 {
		t.Fatalf("%d reports read", files)
	}
	for _, p := range truths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			var truth struct {
				File   string
				Agency []string
			}
			if l == "" {
				continue
			}
			if err := json.Unmarshal([]byte(l), &truth); err != nil {
				t.Fatal(err)
			}
			for _, a := range truth.Agency {
				ins = append(ins, Input{Agency: a, Context: truth.File})
			}
		}
	}
	for _, a := range []string{"中国（上海）自由贸易试验区（保税片区）", "中共中国（上海）自由贸易试验区（保税片区）工作委员会", "中国 (上海) 自由贸易试验区 【保税片区】 管委会",
		"中国上海自由贸易试验区保税片区", "中国（上海）自由贸易试验区管理委员会", "中国（上海）自由贸易试验区（保税片", "中国《南京》软件谷", "“中国（南京）软件谷”",
		"雨花台区中国（南京）软件谷", "江苏省南京市雨花台区中国（南京）软件谷管理委员会", "南京市中国（南京）软件谷", "东湖风景区街道", "东湖风景区街道办事处",
		"武昌区东湖风景区街道（武昌）", "洪山区东湖风景区街道（武昌）", "（工业园区）城南街", "城南街道", "城南经济新区", "三星镇人民政府", "海门区三星镇人民政府"} {
		ins = append(ins, Input{Agency: a}, Input{Agency: a, Context: "南京市", Text: "武汉市"})
	}
	return ins
}

// TestStrippedNamesOnlyChangeBracketed: indexing names stripped changes
// the result of no organ but those naming a division with brackets, and
// does change theirs.
func TestStrippedNamesOnlyChangeBracketed(t *testing.T) {
	keys := bracketedKeys()
	ins := bracketedInputs(t)
	changed := map[string]bool{}
	for _, in := range ins {
		if bracketedDiffers(t, keys, in) {
			changed[in.Agency] = true
		}
	}
	t.Logf("%d inputs, %d organs resolved otherwise", len(ins), len(changed))
	if len(ins) < 150000 || len(changed) < 3*len(keys) {
		t.Fatalf("%d inputs, %d changed: the comparison says little", len(ins), len(changed))
	}
}

func FuzzStrippedNamesOnlyChangeBracketed(f *testing.F) {
	f.Add("中国（上海）自由贸易试验区（保税片区）管理委员会", "", "")
	f.Add("南京市雨花台区中国（南京）软件谷", "南京市", "")
	f.Add("城关镇人民政府", "清水河县/城关镇2021.pdf", "和林格尔县委")
	f.Add("东湖风景区街道（洪山）办事处", "洪山区", "武昌区")
	keys := bracketedKeys()
	f.Fuzz(func(t *testing.T, agency, ctx, text string) {
		bracketedDiffers(t, keys, Input{Agency: agency, Context: ctx, Text: text})
	})
}

// TestBracketedStreetKind: a street whose table name ends in a bracketed
// qualifier (东湖风景区街道（洪山）) is a street office when the organ is
// its 办事处, as an unqualified street is; a zone whose brackets name a
// street (科技城（东渚街道）) is not made one.
func TestBracketedStreetKind(t *testing.T) {
	for _, tc := range []struct{ agency, code, kind string }{
		{"武汉市洪山区东湖风景区街道（洪山）办事处", "420111491000", KindStreetOffice},
		{"武汉市武昌区东湖风景区街道（武昌）办事处", "420106490000", KindStreetOffice},
		{"白城市洮北区（工业园区）城南街道办事处", "220802006000", KindStreetOffice},
		{"苏州市虎丘区科技城（东渚街道）管理委员会", "320505407000", KindZone},
		{"中国（南京）软件谷管理委员会", "320114402000", KindZone},
	} {
		r := Resolve(Input{Agency: tc.agency})
		if r.Code != tc.code || r.Kind != tc.kind {
			t.Errorf("%s: code %q kind %q, want %s %s", tc.agency, r.Code, r.Kind, tc.code, tc.kind)
		}
	}
	for name, want := range map[string]string{
		"东湖风景区街道（洪山）": "东湖风景区街道",
		"科技城（东渚街道）":   "科技城",
		"（工业园区）城南街道":  "（工业园区）城南街道",
		"城南街道":        "城南街道",
		"（镇）":         "（镇）",
	} {
		if got := unqualified(name); got != want {
			t.Errorf("unqualified(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestBracketedAliases: a township whose name ends in a bracketed
// qualifier (东湖风景区街道（洪山）) gets no alias that is its own name
// again, nor a cut one: the 街 alias is for names ending in 街道.
func TestBracketedAliases(t *testing.T) {
	for _, n := range bracketed(load()) {
		for _, a := range aliasesOf(n) {
			if a == n.Name || !utf8.ValidString(a) {
				t.Errorf("%s (%s): alias %q", n.Name, n.Code, a)
			}
		}
	}
}
