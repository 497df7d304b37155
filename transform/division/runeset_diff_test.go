package division

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// sameByContext compares byContext, on a the ambiguity of rs, with
// oldByContext and prevByContext on one set of readings and one context;
// it returns whether the context settled them.
func sameByContext(t *testing.T, x *index, a *ambiguity, rs []reading, ctx string) bool {
	t.Helper()
	got, want, prev := readingsByContext(a, rs, ctx), x.oldByContext(rs, ctx), x.prevByContext(rs, ctx)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("byContext(%d readings, %q) = %v, with the full rune set %v", len(rs), ctx, got, want)
	}
	if fmt.Sprint(got) != fmt.Sprint(prev) {
		t.Fatalf("byContext(%d readings, %q) = %v, before ambiguity %v", len(rs), ctx, got, prev)
	}
	return len(got) < len(rs)
}

// readingsByContext is byContext on a, the ambiguity of rs, and every
// reading, as readings.
func readingsByContext(a *ambiguity, rs []reading, ctx string) []reading {
	var out []reading
	for _, i := range a.byContext(a.all, ctx) {
		out = append(out, rs[i])
	}
	return out
}

// splitBytes puts sep after the first byte of every character of s: what
// stripSpace drops, when sep is, joins the bytes into s again, which the
// unstripped text does not hold.
func splitBytes(s, sep string) string {
	var b strings.Builder
	for _, r := range s {
		c := string(r)
		b.WriteString(c[:1] + sep + c[1:])
	}
	return b.String()
}

// contextTexts are the contexts the comparison runs under: the seed
// reports, cut in pieces the length Resolve is given, the parents' names
// of ambiguous readings (full and short, glued and spaced), and texts with
// characters outside the Basic Multilingual Plane and bytes not UTF-8.
func contextTexts(t *testing.T, x *index, rss [][]reading) []string {
	out := []string{"", " ", "\xff", "𠀀𠀁", "在县委、县政府的正确领导下"}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "samples", "*.txt"))
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		out = append(out, s)
		for i := 0; i+3000 < len(s); i += 2999 {
			out = append(out, s[i:i+3000])
		}
	}
	for _, rs := range rss {
		for _, r := range rs {
			for p := r.path[0].Parent; p != nil; p = p.Parent {
				short := shortName(p.Name)
				out = append(out, p.Name, short, "关于"+p.Name+"的报告", strings.Join(strings.Split(p.Name, ""), " "), short+"𠀀", "\xff"+short+"\xe5",
					splitBytes(p.Name, " "), "在"+splitBytes(short, "“")+"的领导下")
			}
		}
	}
	// Readings share parents: of some 6 500 contexts 1 500 differ, and
	// each is compared once.
	seen := map[string]bool{}
	distinct := out[:0]
	for _, c := range out {
		if !seen[c] {
			seen[c] = true
			distinct = append(distinct, c)
		}
	}
	return distinct
}

// TestByContextSameAsFullSet: byContext with the 4 096-bit filter keeps
// the readings it kept with a bit per character, for ambiguous organs
// (township names many counties have, and the labelled set) under every
// context of contextTexts.
func TestByContextSameAsFullSet(t *testing.T) {
	x := load()
	agencies := []string{"城关镇人民政府", "新华区人民政府", "城关镇", "新华街道办事处", "朝阳区", "长安区", "中山路街道", "和平区教育局", "东风镇", "红星乡", "向阳街道", "铁西区"}
	b, err := os.ReadFile(filepath.Join("testdata", "organs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if a, _, _ := strings.Cut(l, "\t"); a != "" && !strings.HasPrefix(a, "#") {
			agencies = append(agencies, a)
		}
	}
	var rss [][]reading
	for _, a := range agencies {
		if rs := keepLongest(x.readings(stripSpace(a), nil, 0)); len(rs) > 1 && len(rs[0].path) > 0 {
			rss = append(rss, rs)
		}
	}
	ctxs := contextTexts(t, x, rss)
	settled := 0
	for _, rs := range rss {
		a := x.ambiguity("", rs)
		for _, c := range ctxs {
			if sameByContext(t, x, a, rs, c) {
				settled++
			}
		}
	}
	// The comparison means something only if contexts settle readings.
	if len(rss) < 8 || settled < 100 {
		t.Fatalf("%d ambiguous organs, %d settled by a context", len(rss), settled)
	}
	t.Logf("%d ambiguous organs, %d contexts, %d settled", len(rss), len(ctxs), settled)
}

// TestRuneSetHoldsWhatIsAdded: every character of three bytes added is
// found, across the Basic Multilingual Plane; the filter only errs
// towards yes.
func TestRuneSetHoldsWhatIsAdded(t *testing.T) {
	var s runeSet
	var old oldRuneSet
	var b strings.Builder
	for r := rune(0x4e00); r < 0x4e00+3000; r += 7 {
		b.WriteRune(r)
	}
	b.WriteString("𠀀abc")
	s.addText(b.String())
	old.addAll(b.String())
	for r := rune(0); r < 0x30000; r++ {
		c := string(r)
		if old.all(c) && !s.holds(charsOf(c)) && r < 1<<16 {
			t.Fatalf("%U: in the full set, not in the filter", r)
		}
	}
	if !s.holds(charsOf(b.String())) || !s.holds(charsOf("𠀀")) {
		t.Fatal("the filter lost a character it was given")
	}
}

// FuzzByContext compares byContext with oldByContext on any context, for
// organs whose readings a context settles.
func FuzzByContext(f *testing.F) {
	x := load()
	var rss [][]reading
	var as []*ambiguity
	for _, a := range []string{"城关镇人民政府", "新华区人民政府", "朝阳区", "长安区"} {
		if rs := keepLongest(x.readings(a, nil, 0)); len(rs) > 1 {
			rss = append(rss, rs)
			as = append(as, x.ambiguity(a, rs))
		}
	}
	for _, s := range []string{"内蒙古自治区呼和浩特市和林格尔县", "石家庄市", "清水河县/城关镇2021.pdf", "\xff𠀀北京 市"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ctx string) {
		for i, rs := range rss {
			sameByContext(t, x, as[i], rs, ctx)
		}
	})
}

// threeByteSet is the set addText makes, character by character: the
// characters of three bytes as utf8.DecodeRuneInString steps through t.
func threeByteSet(t string) (s runeSet) {
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRuneInString(t[i:])
		if n == 3 {
			b := uint32(r) % 4096
			s[b/64] |= 1 << (b % 64)
		}
		i += n
	}
	return s
}

// sameAddText compares addText with threeByteSet and utf8.ValidString.
func sameAddText(t *testing.T, s string) bool {
	t.Helper()
	var got runeSet
	valid := got.addText(s)
	if got != threeByteSet(s) || valid != utf8.ValidString(s) {
		t.Fatalf("addText(%q): valid %v, set the same as threeByteSet's: %v", s, valid, got == threeByteSet(s))
	}
	return valid
}

// TestAddTextByCharacter: addText sets the bits of the characters of
// three bytes, and says whether the text is UTF-8 as utf8.ValidString
// does, on random strings of characters of one to four bytes, runs of
// ASCII, their bytes cut short, and surrogates and overlong forms.
func TestAddTextByCharacter(t *testing.T) {
	pieces := []string{"a", " ", "        ", "0123456", "\u00e9", "\u0800", "\u0fff", "\u1000", "市", "\ud7ff", "\ue000", "，", "\uffff", "\ufffd", "𠀀", "\U0010ffff",
		"\xed\xa0\x80", "\xe0\x80\xaf", "\xe0\xa0\x80", "\xef\xbf\xbd", "\xe5", "\xe5\x8c", "\x80", "\xff", "\xf0\x9f", "\xc0\xaf", "\x7f"}
	rng := rand.New(rand.NewSource(3))
	invalid := 0
	for range 20000 {
		var b strings.Builder
		for n := rng.Intn(16); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		if !sameAddText(t, b.String()) {
			invalid++
		}
	}
	if invalid < 1000 {
		t.Errorf("only %d strings were not UTF-8", invalid)
	}
}

func FuzzAddText(f *testing.F) {
	f.Add("北京\xe5\x8c \xed\xa0\x80\xe0\x80\xaf𠀀        x")
	f.Fuzz(func(t *testing.T, s string) {
		sameAddText(t, s)
	})
}
