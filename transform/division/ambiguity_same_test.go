package division

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// strippedPieces are characters stripSpace drops, and characters that share
// their first bytes and are kept (，。、 and – … begin as 《 and “ do).
var strippedPieces = []string{" ", "\t", "\n", "\r", "\f", "\"", "'", "<", ">", "(", ")", "[", "]",
	"\u3000", "“", "”", "‘", "’", "《", "》", "【", "】", "（", "）",
	"，", "。", "、", "–", "…", "：", "\u3001", "\u300c"}

// sameContains compares containsStripped with strings.Contains on the
// stripped text, for a text that is UTF-8 and a plain name; it returns
// whether the name was found.
func sameContains(t *testing.T, text, name string) bool {
	t.Helper()
	got, want := containsStripped(text, name), strings.Contains(stripSpace(text), name)
	if got != want {
		t.Fatalf("containsStripped(%q, %q) = %v, in the stripped text %v", text, name, got, want)
	}
	return got
}

// ambiguousOrgans are organs whose names many divisions share, with their
// readings and ambiguity: the labelled set's, township and district names
// that many counties have, and the generated corpus's.
func ambiguousOrgans(t *testing.T, x *index, more []string) (names []string, rss [][]reading, as []*ambiguity) {
	agencies := append([]string{"城关镇人民政府", "新华区人民政府", "城关镇", "新华街道办事处", "朝阳区", "长安区", "中山路街道", "和平区教育局",
		"东风镇", "红星乡", "向阳街道", "铁西区", "太平镇人民政府", "白沙镇人民政府", "市中区统计局", "人民路街道办事处"}, more...)
	b, err := os.ReadFile(filepath.Join("testdata", "organs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if a, _, _ := strings.Cut(l, "\t"); a != "" && !strings.HasPrefix(a, "#") {
			agencies = append(agencies, a)
		}
	}
	seen := map[string]bool{}
	for _, a := range agencies {
		s := stripSpace(a)
		if seen[s] {
			continue
		}
		seen[s] = true
		if rs := keepLongest(x.readings(s, nil, 0)); len(rs) > 1 && len(rs[0].path) > 0 {
			names, rss, as = append(names, a), append(rss, rs), append(as, x.ambiguity(s, rs))
		}
	}
	return names, rss, as
}

// parentNames are the names byContext looks for of readings rs: their
// first divisions' parents, full and short.
func parentNames(rs []reading) []string {
	var out []string
	seen := map[*Node]bool{}
	for _, r := range rs {
		for p := r.path[0].Parent; p != nil; p = p.Parent {
			if !seen[p] {
				seen[p] = true
				out = append(out, p.Name, shortName(p.Name))
			}
		}
	}
	return out
}

// corpusInputs are the organs, paths and texts of n generated reports,
// the text as it is (some are HTML, DOCX or GBK) and its opening and
// closing, as the run cuts them.
func corpusInputs(n int) []Input {
	opt := generate.Options{Reports: n, Seed: 1}
	var out []Input
	for i := range n {
		name, data, truth := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		text := string(data)
		for _, a := range truth.Agency {
			out = append(out, Input{Agency: a, Context: name, Text: text})
			if len(text) > 3000 {
				out = append(out, Input{Agency: a, Context: truth.File, Text: text[:1500] + text[len(text)-1500:]})
			}
		}
	}
	return out
}

// splice puts name into text at a random place, its characters parted
// now and then by what stripSpace drops, or by it cut inside a character,
// which only stripping joins.
func splice(rng *rand.Rand, text, name string) string {
	var b strings.Builder
	for _, r := range name {
		c := string(r)
		switch rng.Intn(6) {
		case 0:
			b.WriteString(strippedPieces[rng.Intn(14)])
		case 1:
			b.WriteString(c[:1] + strippedPieces[rng.Intn(3)] + c[1:])
			continue
		}
		b.WriteString(c)
	}
	i := rng.Intn(len(text) + 1)
	return text[:i] + b.String() + text[i:]
}

// TestByContextSameOnCorpus: byContext keeps the readings prevByContext
// kept, for ambiguous organs, under the generated corpus's texts, the
// seeds, and those texts with a parent's name put in, whole, parted by
// what stripSpace drops, or cut inside a character.
func TestByContextSameOnCorpus(t *testing.T) {
	x := load()
	ins := corpusInputs(200)
	var more []string
	for _, in := range ins {
		more = append(more, in.Agency)
	}
	_, rss, as := ambiguousOrgans(t, x, more)
	texts := []string{"", "\xff", "在县委、县政府的正确领导下"}
	for _, in := range ins {
		texts = append(texts, in.Context, in.Text)
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if len(seeds) < 5 || len(rss) < 40 {
		t.Fatalf("%d seeds, %d ambiguous organs", len(seeds), len(rss))
	}
	rng := rand.New(rand.NewSource(5))
	settled, split := 0, 0
	for k, rs := range rss {
		names := parentNames(rs)
		for j := range 12 {
			text := texts[rng.Intn(len(texts))]
			if j%4 != 3 {
				text = splice(rng, text, names[rng.Intn(len(names))])
			}
			if sameByContext(t, x, as[k], rs, text) {
				settled++
				if !utf8.ValidString(text) {
					split++
				}
			}
		}
		for _, text := range texts[:40] {
			sameByContext(t, x, as[k], rs, text)
		}
	}
	if settled < 300 || split < 20 {
		t.Fatalf("%d contexts settled readings, %d of them not UTF-8: the comparison says little", settled, split)
	}
	t.Logf("%d organs, %d settled, %d not UTF-8", len(rss), settled, split)
}

// TestResolveSameOnCorpus: Resolve resolves the generated corpus's organs
// under their paths and texts as before, and with a parent's name put in
// the text.
func TestResolveSameOnCorpus(t *testing.T) {
	x := load()
	rng := rand.New(rand.NewSource(7))
	ambiguous, settled := 0, 0
	for _, in := range corpusInputs(300) {
		sameResolve(t, in)
		o := x.organ(in.Agency)
		if o.settled {
			continue
		}
		ambiguous++
		names := parentNames(o.rs)
		for range 3 {
			in.Text = splice(rng, in.Text, names[rng.Intn(len(names))])
			sameResolve(t, in)
			if r := Resolve(in); len(r.Ambiguous) < len(o.rs) {
				settled++
			}
		}
	}
	if ambiguous < 50 || settled < 100 {
		t.Fatalf("%d ambiguous organs, %d settled by a name put in: the comparison says little", ambiguous, settled)
	}
}

// TestContainsStripped: containsStripped finds a name where
// strings.Contains finds it in the stripped text, for texts of the names'
// characters, what stripSpace drops and what it keeps of the same first
// bytes, and ASCII; and for the corpus's texts with names put in.
func TestContainsStripped(t *testing.T) {
	x := load()
	_, rss, _ := ambiguousOrgans(t, x, nil)
	var names []string
	for _, rs := range rss {
		names = append(names, parentNames(rs)...)
	}
	names = append(names, "a", "ab", "市", "〇", "\u00e9市", "𠀀市")
	rng := rand.New(rand.NewSource(9))
	found := 0
	for range 50000 {
		name := names[rng.Intn(len(names))]
		var b strings.Builder
		for n := rng.Intn(12); n > 0; n-- {
			switch rng.Intn(4) {
			case 0:
				b.WriteString(strippedPieces[rng.Intn(len(strippedPieces))])
			case 1:
				rs := []rune(name)
				b.WriteString(string(rs[rng.Intn(len(rs))]))
			case 2:
				b.WriteString(names[rng.Intn(len(names))])
			default:
				b.WriteString([]string{"a", "0", "区", "县", "市", "和", "𠀀", "\u00e9"}[rng.Intn(8)])
			}
		}
		text := b.String()
		if rng.Intn(2) == 0 {
			text = splice(rng, text, name)
		}
		if utf8.ValidString(text) && sameContains(t, text, name) {
			found++
		}
	}
	for _, in := range corpusInputs(50) {
		if !utf8.ValidString(in.Text) {
			continue
		}
		for range 5 {
			name := names[rng.Intn(len(names))]
			sameContains(t, in.Text, name)
			if text := splice(rng, in.Text, name); utf8.ValidString(text) && sameContains(t, text, name) {
				found++
			}
		}
	}
	if found < 5000 {
		t.Fatalf("only %d texts held their name", found)
	}
}

func FuzzContainsStripped(f *testing.F) {
	f.Add("内蒙古 自治区“呼和浩特”市", "呼和浩特市")
	f.Add("和林格《尔》县", "和林格尔县")
	f.Add("a\u3000b", "ab")
	f.Fuzz(func(t *testing.T, text, name string) {
		if !utf8.ValidString(text) || !newSought(name).plain {
			return
		}
		sameContains(t, text, name)
	})
}

// TestSoughtPlain: the names of the divisions that have others under
// them, and their short names, are plain, found in a text without
// stripping it; townships' names, never looked for, may print brackets
// (中国（上海）自由贸易试验区（保税片区）), and names with what stripSpace
// drops, not UTF-8, or empty are not plain.
func TestSoughtPlain(t *testing.T) {
	x := load()
	bracketed := 0
	for _, n := range x.atNodes() {
		if !newSought(n.Name).plain || !newSought(shortName(n.Name)).plain {
			if n.Level != LevelTownship {
				t.Fatalf("%s (%s, %s): not plain", n.Name, shortName(n.Name), n.Level)
			}
			bracketed++
		}
	}
	if bracketed == 0 {
		t.Error("no township prints brackets: the table changed")
	}
	for _, s := range []string{"", "北京 市", "北京\xff", "《北京》", "北京\u3000"} {
		if newSought(s).plain {
			t.Errorf("%q is plain", s)
		}
	}
}

// TestByContextNotPlain: byContext keeps what prevByContext kept when the
// parents' names are not plain (brackets, space, bytes not UTF-8, empty),
// which only a context stripped first can hold: made-up divisions with a
// township each of one name.
func TestByContextNotPlain(t *testing.T) {
	x := load()
	names := []string{"中国（上海）自由贸易试验区", "沙尔沁 工业区", "北\xe4\xba市", "", "新华区", "长安区"}
	var rs []reading
	for i, name := range names {
		p := &Node{Code: fmt.Sprintf("9%d0000000000", i), Name: name, Level: LevelCounty}
		n := &Node{Code: fmt.Sprintf("9%d0000001000", i), Name: "城关镇", Level: LevelTownship, Parent: p}
		rs = append(rs, reading{path: []*Node{n}})
	}
	a := x.ambiguity("城关镇", rs)
	ctxs := []string{"", "中国（上海）自由贸易试验区", "中国上海自由贸易试验区", "中国\xef \xbc\x88上海\xef\xbc\x89自由贸易试验区\xff", "沙尔沁工业区", "沙尔沁 工业区",
		"沙尔沁\xff工业区", "北\xe4\xba市", "北\xe4 \xba市", "新华区", "新华 区 长安区", "\xff新华区"}
	settled := 0
	for _, c := range ctxs {
		for _, d := range []string{"", "长安区", "\xff"} {
			if sameByContext(t, x, a, rs, c+d) {
				settled++
			}
		}
	}
	if settled < 10 {
		t.Fatalf("%d contexts settled the readings", settled)
	}
}
